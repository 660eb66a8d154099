"""A chart's XML written directly is what python-pptx's chart builder and setters wrote."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.opc.packuri import PackURI
from pptx.parts.chart import ChartPart
from pptx.util import Pt

from briefdeck.layouts import load_layout_set
from briefdeck.model import Chart
from briefdeck.render.charts import BAR_LABEL, chart_xml, number_format
from briefdeck.render.oxml import qn, sub


class _Names:
    """A package as python-pptx's chart builder asks it for part names."""

    def next_partname(self, template):
        return PackURI(template % 1)


def reference(chart, box, layout_set) -> bytes:
    """Return the chart's XML as python-pptx's builder and setters wrote it (the renderer's
    code before the XML was written directly)."""
    fmt = number_format(chart)
    data = CategoryChartData(number_format=fmt)
    data.categories = list(chart.categories)
    data.add_series(chart.title, list(chart.values))
    horizontal = max(len(c) for c in chart.categories) > BAR_LABEL
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    part = ChartPart.new(kind, data, _Names())
    c = part.chart
    c.has_legend = False
    c.has_title = False
    c.font.size = Pt(box.sizes[0])
    rpr = c.font._rPr
    sub(rpr, "a:latin", typeface=layout_set.latin_font)
    sub(rpr, "a:ea", typeface=layout_set.east_asian_font)
    plot = c.plots[0]
    plot.gap_width = 70
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = fmt
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(box.sizes[1])
    labels.font.bold = True
    series = plot.series[0]
    series.format.fill.solid()
    series.format.fill.fore_color.theme_color = MSO_THEME_COLOR.ACCENT_1
    value_axis = c.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    low, high = min(chart.values, default=0), max(chart.values, default=0)
    if low >= 0:
        value_axis.minimum_scale = 0
    else:
        value_axis.minimum_scale = low - 0.3 * (max(high, 0) - low)
    category_axis = c.category_axis
    category_axis.tick_labels.font.size = Pt(box.sizes[1])
    category_axis.format.line.fill.background()
    if horizontal:
        category_axis.reverse_order = True
    if low < 0:
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    ids: dict[str, str] = {}
    for element in c._chartSpace.iter(qn("c:axId"), qn("c:crossAx")):
        element.set("val", ids.setdefault(element.get("val"), str(len(ids) + 1)))
    return part.blob


LABEL = st.text(
    st.sampled_from(list("国家级奖项湖北 ab&<>\"'%（）、，:=")), min_size=1, max_size=12
)
NUMBER = st.one_of(
    st.integers(-(10**9), 10**9), st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(LABEL, min_size=1, max_size=12),
    LABEL,
    st.data(),
    st.sampled_from(["", "%", "亿元", "个"]),
    st.sampled_from(["briefing", "party-red"]),
    st.sampled_from([(12.0, 16.0), (10.5, 14.0), (14.0, 18.0)]),
)
def test_chart_xml_is_python_pptx_s(categories, title, data, unit, name, sizes):
    values = data.draw(st.lists(NUMBER, min_size=len(categories), max_size=len(categories)))
    layout_set = load_layout_set(name)
    box = layout_set.for_kind("chart").placeholders["chart"]
    box = dataclasses.replace(box, sizes=sizes)
    chart = Chart(title=title, unit=unit, categories=tuple(categories), values=tuple(values))
    assert chart_xml(chart, box, layout_set) == reference(chart, box, layout_set)

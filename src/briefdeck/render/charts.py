"""Native, editable charts of figure groups, with data labels, East Asian fonts and alt text."""

from __future__ import annotations

from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.shapes.placeholder import PlaceholderGraphicFrame
from pptx.util import Inches, Pt

from briefdeck.layouts import Box, LayoutSet
from briefdeck.model import Chart
from briefdeck.render.oxml import qn, sub
from briefdeck.render.workbook import ChartData

BAR_LABEL = 6
"""Categories longer than this (characters) make a horizontal bar chart."""


def number_format(chart: Chart) -> str:
    """Return the Excel number format that shows each value with its unit."""
    unit = chart.unit.replace('"', "")
    return f'General"{unit}"' if unit else "General"


def freed_box(placeholder: Any, box: Box) -> list[Any]:
    """Return `box` as left, top, width and height for a shape drawn there instead of in
    `placeholder` (the `p:sp` of a placeholder of another kind), which is removed."""
    if placeholder is not None:
        placeholder.getparent().remove(placeholder)
    return [Inches(v) for v in (box.x, box.y, box.w, box.h)]


def insert_chart(slide: Any, sp: Any, chart: Chart, box: Box, layout_set: LayoutSet) -> Any:
    """Put a bar or column chart of `chart` in the chart placeholder `sp` (its `p:sp`), or in
    `box`; return it."""
    fmt = number_format(chart)
    data = ChartData(number_format=fmt)
    data.categories = list(chart.categories)
    data.add_series(chart.title, list(chart.values))
    horizontal = max(len(c) for c in chart.categories) > BAR_LABEL
    kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    if sp is not None and sp.ph_type == PP_PLACEHOLDER.CHART:
        frame = _in_placeholder(slide, sp, kind, data)
    else:  # a template without a chart placeholder: the chart takes the content box
        frame = slide.shapes.add_chart(kind, *freed_box(sp, box), data)
    c = frame.chart
    c.has_legend = False
    c.has_title = False
    _fonts(c, box, layout_set)
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
    else:  # a table's fall (-3.1%): room below the axis for its bar and its label
        value_axis.minimum_scale = low - 0.3 * (max(high, 0) - low)
    category_axis = c.category_axis
    category_axis.tick_labels.font.size = Pt(box.sizes[1])
    category_axis.format.line.fill.background()
    if horizontal:
        category_axis.reverse_order = True  # read top to bottom in source order
    if low < 0:  # category labels at the plot's edge, clear of a falling bar
        category_axis.tick_label_position = XL_TICK_LABEL_POSITION.LOW
    _number_axes(c)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt_text(chart))
    frame.name = f"Chart: {chart.title}"
    return frame


def _in_placeholder(slide: Any, sp: Any, kind: Any, data: CategoryChartData) -> Any:
    """Return the frame of a chart put in place of the chart placeholder `sp`, where its
    layout's placeholder stands (as python-pptx's `insert_chart` puts it)."""
    rid = slide.part.add_chart_part(kind, data)
    x, y, cx, cy = slide.layout.geometry[sp.ph_idx]
    frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
        sp.shape_id, sp.shape_name, rid, x, y, cx, cy
    )
    frame.nvGraphicFramePr.nvPr._insert_ph(sp.ph)
    sp.addprevious(frame)
    sp.getparent().remove(sp)
    return PlaceholderGraphicFrame(frame, slide.shapes)


def _number_axes(c: Any) -> None:
    """Renumber the axes 1, 2, …: python-pptx writes negative ids, which the schema forbids."""
    space = c._chartSpace
    ids: dict[str, str] = {}
    for element in space.iter(qn("c:axId"), qn("c:crossAx")):
        old = element.get("val")
        element.set("val", ids.setdefault(old, str(len(ids) + 1)))


def _fonts(c: Any, box: Box, layout_set: LayoutSet) -> None:
    """Give all chart text the set's Latin and East Asian typefaces."""
    c.font.size = Pt(box.sizes[0])
    rpr = c.font._rPr
    for tag in ("a:latin", "a:ea"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    sub(rpr, "a:latin", typeface=layout_set.latin_font)
    sub(rpr, "a:ea", typeface=layout_set.east_asian_font)


def alt_text(chart: Chart) -> str:
    """Return a sentence describing the chart's data, for screen readers."""
    pairs = "; ".join(
        f"{c} {_number(v)}{chart.unit}" for c, v in zip(chart.categories, chart.values)
    )
    return f"{chart.title}: {pairs}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)

"""Native, editable charts of figure groups, with data labels, East Asian fonts and alt text."""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.shapes.graphfrm import CT_GraphicalObjectFrame
from pptx.util import Inches, Pt

from briefdeck.layouts import Box, LayoutSet
from briefdeck.model import Chart
from briefdeck.render.oxml import xml_attribute, xml_text
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
    `box`; return its frame."""
    data = ChartData(number_format=number_format(chart))
    data.categories = list(chart.categories)
    data.add_series(chart.title, list(chart.values))
    rid = slide.add_chart(chart_xml(chart, box, layout_set), data.xlsx_blob)
    if sp is not None and sp.ph_type == PP_PLACEHOLDER.CHART:
        x, y, cx, cy = slide.layout.geometry[sp.ph_idx]
        frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
            sp.shape_id, sp.shape_name, rid, x, y, cx, cy
        )
        frame.nvGraphicFramePr.nvPr._insert_ph(sp.ph)  # as python-pptx's insert_chart puts it
        sp.addprevious(frame)
        sp.getparent().remove(sp)
    else:  # a template without a chart placeholder: the chart takes the content box
        x, y, cx, cy = freed_box(sp, box)
        shape_id = max((int(i) for i in _IDS(slide.tree) if i.isdigit()), default=0) + 1
        frame = CT_GraphicalObjectFrame.new_chart_graphicFrame(
            shape_id, f"Chart {shape_id - 1}", rid, x, y, cx, cy
        )
        slide.tree.append(frame)
    c_nv_pr = frame.nvGraphicFramePr.cNvPr
    c_nv_pr.set("descr", alt_text(chart))
    c_nv_pr.set("name", f"Chart: {chart.title}")
    return frame


_IDS = etree.XPath("//@id")


def chart_xml(chart: Chart, box: Box, layout_set: LayoutSet) -> bytes:
    """Return the chart part: one series of bars (horizontal for long labels, in source
    order), values labelled at their ends in the set's fonts, no legend, title, gridlines or
    value axis (as python-pptx's chart builder and the setters used before wrote it)."""
    horizontal = max(len(c) for c in chart.categories) > BAR_LABEL
    low, high = min(chart.values, default=0), max(chart.values, default=0)
    fmt = number_format(chart)
    bottom = len(chart.categories) + 1
    cats = "".join(
        f'<c:pt idx="{n}">{_value(str(c))}</c:pt>' for n, c in enumerate(chart.categories)
    )
    vals = "".join(f'<c:pt idx="{n}"><c:v>{v}</c:v></c:pt>' for n, v in enumerate(chart.values))
    series = (
        '<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f>'
        f'<c:strCache><c:ptCount val="1"/><c:pt idx="0">{_value(chart.title)}</c:pt>'
        "</c:strCache></c:strRef></c:tx>"
        '<c:spPr><a:solidFill><a:schemeClr val="accent1"/></a:solidFill></c:spPr>'
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${bottom}</c:f><c:strCache>"
        f'<c:ptCount val="{len(chart.categories)}"/>{cats}</c:strCache></c:strRef></c:cat>'
        f"<c:val><c:numRef><c:f>Sheet1!$B$2:$B${bottom}</c:f><c:numCache>"
        f"<c:formatCode>{xml_text(fmt)}</c:formatCode>"
        f'<c:ptCount val="{len(chart.values)}"/>{vals}</c:numCache></c:numRef></c:val></c:ser>'
    )
    big, small = Pt(box.sizes[1]).centipoints, Pt(box.sizes[0]).centipoints
    minimum = 0.0 if low >= 0 else low - 0.3 * (max(high, 0) - low)
    return _CHART.format(
        bar="bar" if horizontal else "col",
        series=series,
        fmt=xml_attribute(fmt),
        big=big,
        order="maxMin" if horizontal else "minMax",
        cat_pos="l" if horizontal else "b",
        val_pos="b" if horizontal else "l",
        labels="low" if low < 0 else "nextTo",
        minimum=float(minimum),
        small=small,
        latin=xml_attribute(layout_set.latin_font),
        ea=xml_attribute(layout_set.east_asian_font),
    ).encode()


def _value(text: str) -> str:
    """Return a `c:v` of `text` as python-pptx wrote it (line ends as an XML parser reads
    them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return f"<c:v>{xml_text(text)}</c:v>" if text else "<c:v/>"


_CHART = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<c:date1904 val="0"/><c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:barChart>'
    '<c:barDir val="{bar}"/><c:grouping val="clustered"/>{series}'
    '<c:dLbls><c:numFmt formatCode="{fmt}" sourceLinked="0"/><c:txPr><a:bodyPr/><a:lstStyle/>'
    '<a:p><a:pPr><a:defRPr sz="{big}" b="1"/></a:pPr></a:p></c:txPr><c:dLblPos val="outEnd"/>'
    '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
    '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>'
    '<c:showLeaderLines val="1"/></c:dLbls><c:gapWidth val="70"/><c:axId val="1"/>'
    '<c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling>'
    '<c:orientation val="{order}"/></c:scaling><c:delete val="0"/><c:axPos val="{cat_pos}"/>'
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="{labels}"/>'
    "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>"
    '<a:defRPr sz="{big}"/></a:pPr></a:p></c:txPr><c:crossAx val="2"/>'
    '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
    '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx><c:valAx><c:axId val="2"/>'
    '<c:scaling><c:min val="{minimum}"/></c:scaling><c:delete/><c:axPos val="{val_pos}"/>'
    '<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    '<c:crossAx val="1"/><c:crosses val="autoZero"/></c:valAx></c:plotArea>'
    '<c:dispBlanksAs val="gap"/></c:chart><c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>'
    '<a:defRPr sz="{small}"><a:latin typeface="{latin}"/><a:ea typeface="{ea}"/></a:defRPr>'
    '</a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr><c:externalData r:id="rId1">'
    '<c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
)
"""A bar chart's part, as python-pptx's builder and setters wrote it."""


def alt_text(chart: Chart) -> str:
    """Return a sentence describing the chart's data, for screen readers."""
    pairs = "; ".join(
        f"{c} {_number(v)}{chart.unit}" for c, v in zip(chart.categories, chart.values)
    )
    return f"{chart.title}: {pairs}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)

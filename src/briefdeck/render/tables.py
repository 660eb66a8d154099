"""Native, editable tables: header rows styled from the layout set, cells as fitted."""

from __future__ import annotations

from typing import Any

from pptx.util import Inches

from briefdeck.layouts import Box, LayoutSet
from briefdeck.model import TableGrid
from briefdeck.plan import CELL_X, CELL_Y
from briefdeck.render.charts import freed_box
from briefdeck.render.oxml import color_fill, emu, qn, sub
from briefdeck.render.text import paragraph, replace_paragraphs

THEME_FONTS = ("+mn-lt", "+mn-ea")
"""The theme's body fonts (Latin, East Asian), named on every cell's runs: a new theme
changes them as it changes every other text."""


def insert_table(
    slide: Any, placeholder: Any, grid: TableGrid, box: Box, layout_set: LayoutSet
) -> Any:
    """Put `grid` as a native table in the table placeholder, or at `box`; return its frame."""
    rows = len(grid.header) + len(grid.rows)
    cols = len(grid.widths)
    if placeholder is not None and hasattr(placeholder, "insert_table"):
        frame = placeholder.insert_table(rows, cols)
    else:  # a layout without a table placeholder: the table takes the content box
        element = placeholder._element if placeholder is not None else None
        frame = slide.shapes.add_table(rows, cols, *freed_box(element, box))
    frame.left, frame.top = Inches(box.x), Inches(box.y)
    frame.width = Inches(sum(grid.widths))
    frame.height = Inches(sum(grid.heights))
    tbl = frame._element.graphic.graphicData.tbl
    tbl.tblPr.set("firstRow", "1" if grid.header else "0")
    tbl.tblPr.set("bandRow", "1" if layout_set.tables.band else "0")
    for column, width in zip(tbl.tblGrid.findall(qn("a:gridCol")), grid.widths):
        column.set("w", emu(width))
    style = layout_set.tables
    lines = [*((r, True) for r in grid.header), *((r, False) for r in grid.rows)]
    for n, (tr, (cells, head), height) in enumerate(
        zip(tbl.findall(qn("a:tr")), lines, grid.heights)
    ):
        tr.set("h", emu(height))
        body = n - len(grid.header)
        fill = style.header_fill if head else style.fill
        if not head and style.band and body % 2 == 1:
            fill = style.band
        for j, (tc, text) in enumerate(zip(tr.findall(qn("a:tc")), cells)):
            align = "right" if grid.numeric and grid.numeric[j] else "left"
            color = style.header_color if head else style.color
            _cell(tc, text, grid.size, head and style.header_bold, color, fill, align, layout_set)
    frame.name = f"Table {frame.shape_id}"
    descr = " | ".join(" ".join(r) for r in grid.header)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", f"Table: {descr}"[:200])
    return frame


def _cell(
    tc: Any,
    text: str,
    size: float,
    bold: bool,
    color: str,
    fill: str,
    align: str,
    layout_set: LayoutSet,
) -> None:
    """Write one cell: its text (language marked, theme fonts named), margins and fill."""
    p = paragraph([(text, size, bold, color)], layout_set.line_spacing, align=align)
    for rpr in p.iter(qn("a:rPr")):
        sub(rpr, "a:latin", typeface=THEME_FONTS[0])
        sub(rpr, "a:ea", typeface=THEME_FONTS[1])
    if not text:  # an empty cell keeps its size: the row's height is measured with it
        sub(p, "a:endParaRPr", sz=str(round(size * 100)))
    replace_paragraphs(tc.find(qn("a:txBody")), [p])
    tcpr = tc.find(qn("a:tcPr"))
    if tcpr is None:
        tcpr = sub(tc, "a:tcPr")
    for side in ("marL", "marR"):
        tcpr.set(side, emu(CELL_X))
    for side in ("marT", "marB"):
        tcpr.set(side, emu(CELL_Y))
    tcpr.set("anchor", "ctr")
    for old in list(tcpr):
        tcpr.remove(old)
    color_fill(tcpr, fill)

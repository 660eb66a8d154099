"""Fill one slide from its spec: placeholders, number cards, chart, speaker notes."""

from __future__ import annotations

from typing import Any

from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Inches, Pt

from briefdeck.layouts import Box, LayoutSet
from briefdeck.model import Figure, SlideSpec
from briefdeck.plan import UNIT_SCALE
from briefdeck.render.charts import insert_chart
from briefdeck.render.masters import ROLE_PLACEHOLDERS
from briefdeck.render.oxml import set_run_language
from briefdeck.render.text import THEME, write_box, write_lines

IDX = {role: spec[1] for role, spec in ROLE_PLACEHOLDERS.items()}


def fill_slide(slide: Any, spec: SlideSpec, layout_set: LayoutSet, sep: str) -> None:
    """Write the spec's title, text, cards, chart and notes onto a new slide."""
    layout = layout_set.for_kind(spec.kind)
    spacing = layout_set.line_spacing
    holders = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
    idx = {role: layout.indexes.get(role, IDX[role]) for role in IDX}
    title = slide.shapes.title
    write_lines(title.text_frame, [[(spec.title, spec.title_size, None, None)]], spacing)
    filled = {title.placeholder_format.idx}
    if spec.kicker and idx["kicker"] in holders and "kicker" in layout.placeholders:
        box = layout.placeholders["kicker"]
        frame = holders[idx["kicker"]].text_frame
        write_lines(frame, [[(spec.kicker, box.sizes[0], None, None)]], spacing)
        filled.add(idx["kicker"])
    for role, text in (("subtitle", spec.subtitle), ("body", spec.body)):
        if text is not None and idx[role] in holders:
            write_box(holders[idx[role]].text_frame, text, sep, spacing)
            _place(holders[idx[role]], layout.placeholders.get(role))
            filled.add(idx[role])
    if spec.chart is not None:
        holder = holders.get(idx["chart"])
        insert_chart(slide, holder, spec.chart, layout.placeholders["chart"], layout_set)
        if holder is not None:
            filled.add(idx["chart"])
    for key, holder in holders.items():
        if key not in filled and key != idx["picture"]:
            holder._element.getparent().remove(holder._element)
    if spec.cards and layout.cards is not None:
        for n, (figure, cell) in enumerate(zip(spec.cards, spec.card_boxes), 1):
            _card(slide, n, figure, cell, spec.card_sizes, layout.cards.fill, spacing)
    _notes(slide, spec.notes)


def _place(holder: Any, box: Box | None) -> None:
    """Give a placeholder the box the plan fitted its text to, where the layout's differs."""
    if box is None:
        return
    wanted = [Inches(v) for v in (box.x, box.y, box.w, box.h)]
    current = [holder.left, holder.top, holder.width, holder.height]
    if any(c is None or abs(c - w) > Inches(0.01) for c, w in zip(current, wanted)):
        holder.left, holder.top, holder.width, holder.height = wanted


def _card(
    slide: Any,
    n: int,
    figure: Figure,
    cell: tuple[float, float, float, float],
    sizes: tuple[float, float],
    fill: str,
    spacing: float,
) -> None:
    """Draw a number card: the figure large in the accent colour, its label below."""
    x, y, w, h = cell
    shape = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Inches(x), Inches(y), Inches(w), Inches(h)
    )
    shape.name = f"Card {n}: {figure.label}"[:60]
    shape.adjustments[0] = 0.06
    shape.fill.solid()
    shape.fill.fore_color.theme_color = THEME[fill]
    shape.line.fill.background()
    shape.shadow.inherit = False
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = Inches(0.1)
    frame.margin_top = frame.margin_bottom = Inches(0.05)
    figure_size, label_size = sizes
    small = round(figure_size * UNIT_SCALE)
    before = figure.qualifier if figure.qualifier_before else ""
    after = "" if figure.qualifier_before else figure.qualifier
    gap = " " if before and before[-1].isalpha() and before.isascii() else ""
    lines = [
        [
            (before + gap, small, True, "accent"),
            (figure.value, figure_size, True, "accent"),
            (after + figure.unit_text, small, True, "accent"),
        ],
        [(figure.label, label_size, False, "dark")],
    ]
    write_lines(frame, lines, spacing)
    for paragraph in frame.paragraphs:
        paragraph.alignment = PP_ALIGN.CENTER
    frame.paragraphs[1].space_before = Pt(label_size * 0.3)


def _notes(slide: Any, notes: str) -> None:
    frame = slide.notes_slide.notes_text_frame
    frame.text = notes
    for paragraph in frame.paragraphs:
        for run in paragraph.runs:
            set_run_language(run._r.get_or_add_rPr(), run.text)

"""Fill one slide from its spec: placeholders, number cards, chart, speaker notes."""

from __future__ import annotations

import io
from typing import Any

from lxml import etree
from pptx.util import Inches

from briefdeck.layouts import Box, LayoutSet
from briefdeck.model import Figure, Image, SlideSpec
from briefdeck.plan import COLUMN_GAP, UNIT_SCALE
from briefdeck.render.charts import insert_chart
from briefdeck.render.masters import ROLE_PLACEHOLDERS
from briefdeck.render.oxml import NS, card_xml, parsed, qn
from briefdeck.render.pictures import slide_picture
from briefdeck.render.tables import insert_table
from briefdeck.render.text import (
    Run,
    box_paragraphs,
    paragraph,
    paragraph_xml,
    replace_paragraphs,
)

IDX = {role: spec[1] for role, spec in ROLE_PLACEHOLDERS.items() if spec[1] is not None}
"""Placeholder role -> idx of our masters (a title has none: it is found by type)."""


def _placeholders(tree: Any) -> dict[int, Any]:
    """Return the slide's placeholder `p:sp` elements by idx (a title's idx is 0)."""
    out = {}
    for sp in tree.iterchildren(qn("p:sp")):
        ph = sp.find(_PH)
        if ph is not None:
            out[int(ph.get("idx", "0"))] = sp
    return out


_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_SHAPE_IDS = etree.XPath(".//p:cNvPr/@id", namespaces=NS)


def fill_slide(slide: Any, spec: SlideSpec, layout_set: LayoutSet, sep: str) -> None:
    """Write the spec's title, text, cards, chart, table and photo onto a new slide."""
    layout = layout_set.for_kind(spec.kind)
    spacing = layout_set.line_spacing
    tree = slide.tree
    holders = _placeholders(tree)
    idx = {role: layout.indexes.get(role, IDX[role]) for role in IDX}
    title = next(
        n for n, sp in holders.items() if sp.find(_PH).get("type") in ("title", "ctrTitle")
    )
    text_of: dict[int, list[list[Run]]] = {title: [[(spec.title, spec.title_size, None, None)]]}
    if spec.kicker and idx["kicker"] in holders and "kicker" in layout.placeholders:
        text_of[idx["kicker"]] = [
            [(spec.kicker, layout.placeholders["kicker"].sizes[0], None, None)]
        ]
    for number, lines in text_of.items():
        replace_paragraphs(
            holders[number].find(qn("p:txBody")), [paragraph(r, spacing) for r in lines]
        )
    filled = set(text_of)
    for role, text in (("subtitle", spec.subtitle), ("body", spec.body)):
        if text is not None and idx[role] in holders:
            tx_body = holders[idx[role]].find(qn("p:txBody"))
            replace_paragraphs(tx_body, box_paragraphs(text, sep, spacing))
            if text.columns > 1:
                body_pr = tx_body.find(qn("a:bodyPr"))
                body_pr.set("numCol", str(text.columns))
                body_pr.set("spcCol", str(int(Inches(COLUMN_GAP))))
            if layout.source:  # on a template the plan may have narrowed the layout's box
                _place(slide, idx[role], layout.placeholders.get(role))
            filled.add(idx[role])
    if spec.chart is not None:
        holder = slide.placeholders[idx["chart"]] if idx["chart"] in holders else None
        insert_chart(slide, holder, spec.chart, layout.placeholders["chart"], layout_set)
        filled.add(idx["chart"])
    if spec.table is not None:
        holder = slide.placeholders[idx["table"]] if idx["table"] in holders else None
        insert_table(slide, holder, spec.table, layout_set.table_box(), layout_set)
        filled.add(idx["table"])
    if spec.image is not None and idx["picture"] in holders:
        _photo(slide, idx["picture"], spec.image)
    for number, sp in holders.items():
        if number not in filled and number != idx["picture"]:
            tree.remove(sp)
    if spec.cards and layout.cards is not None:
        shape_id = max((int(i) for i in _SHAPE_IDS(tree)), default=1)
        cards = "".join(
            card_xml(
                shape_id + n,
                f"Card {n}: {figure.label}"[:60],
                cell,
                layout.cards.fill,
                _card_lines(figure, spec.card_sizes, spacing),
            )
            for n, (figure, cell) in enumerate(zip(spec.cards, spec.card_boxes), 1)
        )
        tree.extend(parsed(cards))


def _photo(slide: Any, idx: int, image: Image) -> None:
    """Fill the picture placeholder `idx` with `image`, cropped to fill it (python-pptx's
    `insert_picture` crops, never stretches), its alt text the image's."""
    holder = slide.placeholders[idx]
    if not holder.width or not holder.height:
        return  # a template's placeholder with no size to fill: left for the user
    data = slide_picture(image, (holder.width / Inches(1), holder.height / Inches(1)))
    picture = holder.insert_picture(io.BytesIO(data))
    picture._element.nvPicPr.cNvPr.set("descr", image.alt)


def _place(slide: Any, idx: int, box: Box | None) -> None:
    """Give a placeholder the box the plan fitted its text to, where the layout's differs."""
    if box is None:
        return
    holder = slide.placeholders[idx]
    wanted = [Inches(v) for v in (box.x, box.y, box.w, box.h)]
    current = [holder.left, holder.top, holder.width, holder.height]
    if any(c is None or abs(c - w) > Inches(0.01) for c, w in zip(current, wanted)):
        holder.left, holder.top, holder.width, holder.height = wanted


def _card_lines(figure: Figure, sizes: tuple[float, float], spacing: float) -> str:
    """Return a number card's paragraphs: the figure large in the accent colour, its label
    below."""
    figure_size, label_size = sizes
    small = round(figure_size * UNIT_SCALE)
    return paragraph_xml(
        [(figure.prefix, small, True, "accent"), (figure.value, figure_size, True, "accent"),
         (figure.suffix, small, True, "accent")],
        spacing,
        align="center",
    ) + paragraph_xml(
        [(figure.label, label_size, False, "dark")], spacing, "center", label_size * 0.3
    )  # fmt: skip

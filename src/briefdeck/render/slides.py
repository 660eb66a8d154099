"""Fill one slide from its spec: placeholders, number cards, chart, speaker notes."""

from __future__ import annotations

import copy
import io
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.parts.slide import NotesSlidePart
from pptx.util import Inches

from briefdeck.layouts import Box, LayoutSet
from briefdeck.model import Figure, Image, SlideSpec
from briefdeck.plan import COLUMN_GAP, UNIT_SCALE
from briefdeck.render.charts import insert_chart
from briefdeck.render.masters import ROLE_PLACEHOLDERS
from briefdeck.render.oxml import card_sp, notes_element, qn
from briefdeck.render.pictures import slide_picture
from briefdeck.render.tables import insert_table
from briefdeck.render.text import Run, box_paragraphs, paragraph, replace_paragraphs

IDX = {role: spec[1] for role, spec in ROLE_PLACEHOLDERS.items() if spec[1] is not None}
"""Placeholder role -> idx of our masters (a title has none: it is found by type)."""


def new_slide(prs: Any, layout: Any, models: dict[str, list[Any]]) -> Any:
    """Add a slide on `layout` with its placeholders; return it.

    Does what python-pptx's `add_slide` does, with each layout's placeholder elements made once
    (kept in `models`, by layout name, for the presentation the layout belongs to) and copied:
    cloning them one by one is most of a slide's cost.
    """
    rid, slide = prs.part.add_slide(layout)
    prs.slides._sldIdLst.add_sldId(rid)
    if layout.name not in models:
        made = []
        for sp in (ph.element for ph in layout.iter_cloneable_placeholders()):
            model = CT_Shape.new_placeholder_sp(
                0, "", sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx
            )
            model.nvSpPr.cNvPr.set("name", slide.shapes.ph_basename(sp.ph_type))
            made.append(model)
        models[layout.name] = made
    tree = slide.shapes._spTree
    for shape_id, model in enumerate(models[layout.name], start=2):
        sp = copy.deepcopy(model)
        c_nv_pr = sp[0][0]  # p:nvSpPr/p:cNvPr
        c_nv_pr.set("id", str(shape_id))
        c_nv_pr.set("name", f"{c_nv_pr.get('name')} {shape_id - 1}")
        tree.append(sp)
    return slide


def _placeholders(tree: Any) -> dict[int, Any]:
    """Return the slide's placeholder `p:sp` elements by idx (a title's idx is 0)."""
    out = {}
    for sp in tree.iterchildren(qn("p:sp")):
        ph = sp.find(_PH)
        if ph is not None:
            out[int(ph.get("idx", "0"))] = sp
    return out


_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"


def fill_slide(slide: Any, spec: SlideSpec, layout_set: LayoutSet, sep: str) -> None:
    """Write the spec's title, text, cards, chart and notes onto a new slide."""
    layout = layout_set.for_kind(spec.kind)
    spacing = layout_set.line_spacing
    tree = slide.shapes._spTree
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
        for n, (figure, cell) in enumerate(zip(spec.cards, spec.card_boxes), 1):
            _card(slide, n, figure, cell, spec.card_sizes, layout.cards.fill, spacing)
    _notes(slide, spec.notes)


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
    figure_size, label_size = sizes
    small = round(figure_size * UNIT_SCALE)
    lines = [
        paragraph(
            [(figure.prefix, small, True, "accent"), (figure.value, figure_size, True, "accent"),
             (figure.suffix, small, True, "accent")],
            spacing,
            align="center",
        ),
        paragraph([(figure.label, label_size, False, "dark")], spacing, "center", label_size * 0.3),
    ]  # fmt: skip
    tree = slide.shapes._spTree
    shape_id = max((int(i) for i in tree.xpath(".//p:cNvPr/@id")), default=1) + 1
    tree.append(card_sp(shape_id, f"Card {n}: {figure.label}"[:60], cell, fill, lines))


def _notes(slide: Any, notes: str) -> None:
    """Give the slide a notes page holding `notes` (built directly: python-pptx's clone is slow)."""
    part = slide.part
    package = part.package
    number = part.partname.idx  # slide N gets notesSlideN: no search of the package for a name
    notes_part = NotesSlidePart(
        PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"),
        CT.PML_NOTES_SLIDE,
        package,
        notes_element(notes),
    )
    notes_part.relate_to(package.presentation_part.notes_master_part, RT.NOTES_MASTER)
    notes_part.relate_to(part, RT.SLIDE)
    part.relate_to(notes_part, RT.NOTES_SLIDE)

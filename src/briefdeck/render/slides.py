"""Fill one slide from its spec: placeholders, number cards, chart, table and photo."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from pptx.oxml import parse_xml
from pptx.util import Inches

from briefdeck.layouts import Box, Layout, LayoutSet
from briefdeck.model import Figure, Image, SlideSpec
from briefdeck.plan import COLUMN_GAP, UNIT_SCALE
from briefdeck.render.base import Holder
from briefdeck.render.charts import insert_chart
from briefdeck.render.masters import ROLE_PLACEHOLDERS
from briefdeck.render.oxml import NS, card_xml, parsed, qn
from briefdeck.render.pictures import slide_picture
from briefdeck.render.tables import insert_table
from briefdeck.render.text import Run, box_paragraphs_xml, paragraph_xml

IDX = {role: spec[1] for role, spec in ROLE_PLACEHOLDERS.items() if spec[1] is not None}
"""Placeholder role -> idx of our masters (a title has none: it is found by type)."""
EMPTY_BODY = "<a:p/></p:txBody>"
"""How a placeholder's text body ends before it is filled."""
NO_BODY = "<p:spPr/></p:sp>"
"""How a placeholder without a text body (a picture's) ends."""
_EMPTY_TEXT = "<p:spPr/><p:txBody><a:bodyPr/><a:p/></p:txBody></p:sp>"
"""The empty text body python-pptx gave a shape without one when app.xml was counted."""


@dataclass
class _Text:
    """The text a slide's placeholders get: paragraphs by idx, paragraphs with text counted."""

    xml: dict[int, str] = field(default_factory=dict)
    columns: dict[int, int] = field(default_factory=dict)
    count: int = 0

    def add(self, idx: int, xml: str, count: int, columns: int = 1) -> None:
        """Give placeholder `idx` the paragraphs `xml`, `count` of them with text."""
        self.xml[idx] = xml
        self.count += count
        if columns > 1:
            self.columns[idx] = columns


def fill_slide(slide: Any, spec: SlideSpec, layout_set: LayoutSet, sep: str) -> int:
    """Write the spec's title, text, cards, chart, table and photo as the slide's XML; return
    how many paragraphs with text its shapes hold (as app.xml counts them).

    A slide is written as XML text from its layout's placeholders (`base.Holder`, in lxml's
    form); one with a chart, a table, a photo or a template's placeholder to move is parsed
    and finished with python-pptx's builders, then written by lxml: both give the same XML."""
    layout = layout_set.for_kind(spec.kind)
    holders = slide.holders
    idx = {role: layout.indexes.get(role, IDX[role]) for role in IDX}
    text = _texts(spec, layout, layout_set, holders, idx, sep)
    picture = spec.image is not None and idx["picture"] in holders
    moved = bool(layout.source) and any(
        t is not None and idx[r] in holders
        for r, t in (("subtitle", spec.subtitle), ("body", spec.body))
    )
    if spec.chart is None and spec.table is None and not picture and not moved:
        return _written(slide, spec, layout, layout_set, text, idx["picture"])
    return _built(slide, spec, layout, layout_set, text, idx)


def _texts(
    spec: SlideSpec,
    layout: Layout,
    layout_set: LayoutSet,
    holders: dict[int, Holder],
    idx: dict[str, int],
    sep: str,
) -> _Text:
    """Return the paragraphs of the slide's title, kicker, subtitle and body."""
    spacing = layout_set.line_spacing
    out = _Text()
    title = next(n for n, h in holders.items() if h.title)
    runs: list[tuple[int, Run]] = [(title, (spec.title, spec.title_size, None, None))]
    if spec.kicker and idx["kicker"] in holders and "kicker" in layout.placeholders:
        runs.append(
            (idx["kicker"], (spec.kicker, layout.placeholders["kicker"].sizes[0], None, None))
        )
    for number, run in runs:
        out.add(number, paragraph_xml([run], spacing), int(bool(run[0].strip())))
    for role, box in (("subtitle", spec.subtitle), ("body", spec.body)):
        if box is not None and idx[role] in holders:
            xml, count = box_paragraphs_xml(box, sep, spacing)
            out.add(idx[role], xml, count, box.columns)
    return out


def _filled(holder: Holder, text: _Text) -> str:
    """Return a placeholder's XML with its paragraphs (and columns)."""
    xml = holder.xml.replace(EMPTY_BODY, text.xml[holder.idx] + "</p:txBody>", 1)
    columns = text.columns.get(holder.idx)
    if columns:
        spacing = int(Inches(COLUMN_GAP))
        xml = xml.replace("<a:bodyPr/>", f'<a:bodyPr numCol="{columns}" spcCol="{spacing}"/>', 1)
    return xml


def _written(
    slide: Any, spec: SlideSpec, layout: Layout, layout_set: LayoutSet, text: _Text, picture: int
) -> int:
    """Write a slide of text and cards as XML text; return its paragraphs with text."""
    shapes = []
    top = 1  # the shape tree's own id
    for holder in slide.layout.holders:
        if slide.holders.get(holder.idx) is not holder:  # a second of one idx: left as it is
            xml = holder.xml
        elif holder.idx in text.xml:
            xml = _filled(holder, text)
        elif holder.idx == picture:  # an empty picture placeholder stays
            xml = holder.xml
        else:
            continue
        shapes.append(xml.replace(NO_BODY, _EMPTY_TEXT, 1))  # given a text body, as python-pptx did
        top = max(top, holder.shape_id)
    cards, count = _cards(spec, layout, layout_set, top)
    slide.write(slide.head + "".join(shapes) + cards + slide.tail)
    return text.count + count


def _cards(spec: SlideSpec, layout: Layout, layout_set: LayoutSet, top: int) -> tuple[str, int]:
    """Return the XML of the slide's number cards (ids after `top`) and their paragraphs with
    text."""
    if not spec.cards or layout.cards is None:
        return "", 0
    spacing = layout_set.line_spacing
    xml = "".join(
        card_xml(
            top + n,
            f"Card {n}: {figure.label}"[:60],
            cell,
            layout.cards.fill,
            _card_lines(figure, spec.card_sizes, spacing),
        )
        for n, (figure, cell) in enumerate(zip(spec.cards, spec.card_boxes), 1)
    )
    count = sum(
        bool((f.prefix + f.value + f.suffix).strip()) + bool(f.label.strip()) for f in spec.cards
    )
    return xml, count


def _built(
    slide: Any,
    spec: SlideSpec,
    layout: Layout,
    layout_set: LayoutSet,
    text: _Text,
    idx: dict[str, int],
) -> int:
    """Write a slide with a chart, table, photo or a placeholder to move: its XML parsed and
    finished by python-pptx's builders; return its paragraphs with text."""
    xml = "".join(
        _filled(h, text) if slide.holders.get(h.idx) is h and h.idx in text.xml else h.xml
        for h in slide.layout.holders
    )
    slide.parse(parse_xml((slide.head + xml + slide.tail).encode()))
    tree = slide.tree
    holders = _placeholders(tree)
    filled = set(text.xml)
    if layout.source:  # on a template the plan may have narrowed the layout's box
        for role, box in (("subtitle", spec.subtitle), ("body", spec.body)):
            if box is not None and idx[role] in holders:
                _place(slide, idx[role], layout.placeholders.get(role))
    if spec.chart is not None:
        chart_box = layout.placeholders["chart"]
        insert_chart(slide, holders.get(idx["chart"]), spec.chart, chart_box, layout_set)
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
    top = max((int(i) for i in _SHAPE_IDS(tree)), default=1)
    cards, _ = _cards(spec, layout, layout_set, top)
    tree.extend(parsed(cards))
    return paragraph_count(tree)


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


def paragraph_count(tree: Any) -> int:
    """Return how many paragraphs with text the slide's shapes hold (as app.xml counts).

    A shape without a text body (a picture placeholder left empty) is given an empty one, as
    python-pptx gave it when it counted them: the decks stay as they were."""
    count = 0
    for sp in tree.iterchildren(_SP):
        body = sp.find(_TX_BODY)
        for p in (sp.get_or_add_txBody() if body is None else body).iterchildren(_P):
            count += bool("".join(t.text or "" for t in p.iter(_T)).strip())
    return count


_SP, _TX_BODY, _P, _T = qn("p:sp"), qn("p:txBody"), qn("a:p"), qn("a:t")


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

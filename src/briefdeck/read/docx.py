"""Read Word (.docx) paragraphs, with heading levels from paragraph styles, and tables."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from briefdeck.errors import InputError
from briefdeck.model import Block, Document, Image, Table
from briefdeck.read.archive import check_archive
from briefdeck.read.images import ImageError, image_of, place_images
from briefdeck.read.tables import cell_text, make_table, split_tables
from briefdeck.read.text import BOLD_LEVEL, clean
from briefdeck.structure import is_title_like

_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)


BOLD_HEADING_MAX = 30
"""Longest bold-only line (characters) read as a heading."""
_FALSE = ("0", "false", "off")
"""Values of an on/off property (`w:tblHeader w:val`) that mean off."""


def read_docx(data: bytes, source: str, max_bytes: int) -> Document:
    """Return a .docx file (at most `max_bytes` unpacked): its non-empty paragraphs as blocks,
    its tables and its body paragraphs' pictures placed among them (a table's caption line is
    no block), and a warning for each picture left out.

    Body paragraphs and tables are read in document order; paragraphs are numbered as Word
    counts them (tables and the paragraphs inside them apart)."""
    import docx  # imported here: only .docx inputs need it
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{source}: not a Word .docx file (not a zip archive)")
    check_archive(io.BytesIO(data), source, max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise InputError(f"{source}: not a readable .docx file ({type(exc).__name__})") from None
    items: list[Block | Table] = []
    images: list[Image] = []
    warnings: list[str] = []
    gap = number = 0
    for part in document.iter_inner_content():
        if not isinstance(part, Paragraph):
            table = _table(part, number)
            if table:
                items.append(table)
                gap = 0  # the empty paragraphs after a table part it from the next block
            continue
        number += 1
        _pictures(part, source, number, images, warnings)
        text = clean(part.text).strip()
        if not text:
            gap += 1
            continue
        level = _level(part.style) or (BOLD_LEVEL if _bold_line(part, text) else None)
        items.append(Block(text, number, gap if items else 0, level, authored=True))
        gap = 0
    blocks, tables = split_tables(items)
    if not blocks:
        raise InputError(f"{source}: the document has no text")
    placed = place_images(blocks, images)
    return Document(source, tuple(blocks), tuple(warnings), tuple(tables), placed)


_VML = "{urn:schemas-microsoft-com:vml}imagedata"
"""A picture of the older (VML) kind, as Word keeps for a document converted from .doc."""
_TITLE = "{urn:schemas-microsoft-com:office:office}title"
"""A VML picture's alt text."""
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
"""The copy of a drawing Word keeps for older readers: its picture is read once, elsewhere."""


def _pictures(
    paragraph: Any, source: str, number: int, images: list[Image], warnings: list[str]
) -> None:
    """Add the pictures embedded in paragraph `number` to `images` (a warning to `warnings` for
    each one that cannot be used), its description (alt text) with each."""
    from docx.oxml.ns import qn

    found: dict[str, str] = {}  # relationship id -> description, in order
    for drawing in paragraph._p.iter(qn("w:drawing")):
        described = next(drawing.iter(qn("wp:docPr")), None)
        alt = clean(described.get("descr", "")).strip() if described is not None else ""
        for blip in drawing.iter(qn("a:blip")):
            found.setdefault(blip.get(qn("r:embed")) or "", alt)
    for vml in paragraph._p.iter(_VML):
        if not any(a.tag == _FALLBACK for a in vml.iterancestors()):
            found.setdefault(vml.get(qn("r:id")) or "", clean(vml.get(_TITLE, "")).strip())
    for rid, alt in found.items():
        part = paragraph.part.related_parts.get(rid) if rid else None
        if part is None or not hasattr(part, "blob"):
            continue  # a linked (not embedded) picture
        name = f"{source}#{str(part.partname).lstrip('/')}"
        try:
            images.append(image_of(part.blob, name, alt, number))
        except ImageError as exc:
            warnings.append(f"{exc}: left out")


def _bold_line(paragraph: Any, text: str) -> bool:
    """Return True for a short line set in bold throughout with no final punctuation (二、优化
    服务): the author's heading without a heading style."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    bold = bool(runs) and all(r.bold or (r.style is not None and r.style.font.bold) for r in runs)
    return bold and is_title_like(text) and len(text) <= BOLD_HEADING_MAX


def _table(table: Any, number: int) -> Table | None:
    """Return a Word table after paragraph `number` with one cell per grid column: a merged
    cell's text in its first cell, the cells it spans empty; None when no cell has text."""
    from docx.text.paragraph import Paragraph

    rows: list[list[str]] = []
    header = 0
    for tr in table._tbl.tr_lst:
        cells = [""] * tr.grid_before
        for tc in tr.tc_lst:
            spanned = tc.vMerge == "continue"  # under the cell merged down over it
            text = "" if spanned else cell_text(clean(Paragraph(p, table).text) for p in tc.p_lst)
            cells += [text] + [""] * (tc.grid_span - 1)
        if header == len(rows) and _repeats(tr):
            header += 1  # a header row Word repeats on each page
        rows.append(cells)
    if not header:  # else the first row with text
        header = next((n + 1 for n, row in enumerate(rows) if any(row)), 0)
    return make_table(rows, header, number)


def _repeats(tr: Any) -> bool:
    """Return True for a table row marked to repeat as header on each page (`w:tblHeader`)."""
    from docx.oxml.ns import qn

    mark = tr.trPr.find(qn("w:tblHeader")) if tr.trPr is not None else None
    return mark is not None and mark.get(qn("w:val"), "1").lower() not in _FALSE


def _level(style: object) -> int | None:
    """Return the heading level a paragraph style stands for, or None."""
    name = str(getattr(style, "name", "") or "")
    if name.lower() == "title" or name == "标题":
        return 1
    match = _LEVEL.search(name)
    return int(match.group(1)) + 1 if match else None

"""Read the text layer of PDF pages (pypdfium2) into blocks, in reading order."""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from briefdeck.chars import is_cjk
from briefdeck.errors import InputError
from briefdeck.model import Block
from briefdeck.read.pdf_layout import WIDE, Line, Page, page_blocks
from briefdeck.read.text import clean

_HYPHENS = {0x02, 0xAD, 0xFFFE}
"""What PDFium gives for a hyphen a line break made (it then joins the two lines)."""
_BREAKS = {0x0A, 0x0D}
_BOLD = ("bold", "black", "heavy", "semibold", "demi")
"""Words in a font's name that say it is bold."""
_TURNED = 0.05
"""A character turned by more than this many radians is not set upright."""


def read_pdf(data: bytes, source: str) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """Return the paragraphs of a PDF's text layer as blocks, and the warnings met (pages
    without text).

    Refuses a file that is not a PDF, an encrypted one, and one with no text layer (scanned
    pages, which need OCR).
    """
    import pypdfium2 as pdfium  # imported here: only PDF inputs need it

    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{source}: not a PDF file (no %PDF header)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise InputError(f"{source}: encrypted PDF (remove the password first)") from None
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise InputError(f"{source}: encrypted PDF (unsupported security handler)") from None
        raise InputError(f"{source}: not a readable PDF file (damaged or cut short)") from None
    try:
        pages = [_page(document[n], n) for n in range(len(document))]
    finally:
        document.close()
    empty = [n + 1 for n, page in enumerate(pages) if not page.lines]
    if len(empty) == len(pages):
        raise InputError(f"{source}: no text layer: scanned pages need OCR")
    blocks = page_blocks([page for page in pages if page.lines])
    if not blocks:
        raise InputError(f"{source}: no text found")
    warnings = tuple(f"{source}: page {n} has no text (a scanned page needs OCR)" for n in empty)
    return blocks, warnings


@dataclass
class _Char:
    """One character of a text line being gathered."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    size: float
    bold: bool
    index: int = 0
    """Its place in the order the PDF draws the page's characters."""
    spaced_to: int = -1
    """The index of the character after it when PDFium finds a space between the two (from
    where the font sets them), else -1."""


def _page(page: Any, number: int) -> Page:
    """Return the text lines of one PDF page."""
    width, height = page.get_width(), page.get_height()
    if page.get_rotation() in (90, 270):  # the characters stand where the unturned page has them
        width, height = height, width
    textpage = page.get_textpage()
    try:
        chars = list(_chars(textpage, height))
    finally:
        textpage.close()
        page.close()
    return Page(width, height, tuple(_lines(chars, number)))


def _chars(textpage: Any, height: float) -> Iterator[_Char]:
    """Yield the upright characters a page's text holds (top-down coordinates): not the spaces
    and line ends PDFium adds (a space it finds is marked on the character before it), nor
    characters turned up the side of the page."""
    import pypdfium2.raw as raw

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    loose = raw.FS_RECTF()  # the box the font gives the character: its advance, side to side
    x, y = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[bytes, bool] = {}
    before: _Char | None = None  # the last character yielded on this line
    spaced: _Char | None = None  # the character before a space PDFium found
    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, i)
        generated = raw.FPDFText_IsGenerated(textpage, i) and code not in _HYPHENS
        angle = raw.FPDFText_GetCharAngle(textpage, i)
        if generated or code in _BREAKS or _TURNED < angle < 2 * math.pi - _TURNED:
            spaced = before if generated and code == 0x20 else None
            before = spaced
            continue
        raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
        raw.FPDFText_GetLooseCharBox(textpage, i, loose)
        raw.FPDFText_GetCharOrigin(textpage, i, x, y)
        raw.FPDFText_GetFontInfo(textpage, i, name, len(name), flags)
        bold = fonts.get(name.value)
        if bold is None:
            bold = fonts[name.value] = any(w in name.value.decode("latin-1").lower() for w in _BOLD)
        char = _Char(
            "-" if code in _HYPHENS else chr(code),
            min(loose.left, x.value), max(loose.right, x.value),
            height - top.value, height - bottom.value, height - y.value,
            raw.FPDFText_GetFontSize(textpage, i),
            bold or raw.FPDFText_GetFontWeight(textpage, i) >= 600,
            i,
        )  # fmt: skip
        if spaced is not None:
            spaced.spaced_to = i
        before, spaced = char, None
        yield char


def _runs(chars: list[_Char]) -> list[list[_Char]]:
    """Return the characters in runs: as the PDF draws them, one after the other on one
    baseline, no step back and no gutter between."""
    runs: list[list[_Char]] = []
    for char in chars:
        last = runs[-1][-1] if runs else None
        size = max(char.size, last.size if last else 0, 1.0)
        if (
            last is None
            or abs(char.base - last.base) > ROW * size
            or char.x0 < last.x0 - 0.5 * size
            or char.x0 - last.x1 > GUTTER * size
        ):
            runs.append([char])
        else:
            runs[-1].append(char)
    return runs


def _lines(chars: list[_Char], page: int) -> list[Line]:
    """Return the lines the characters make: runs on one baseline that touch (drawn in another
    order: a quotation mark from another font after the words) joined from left to right."""
    rows: list[list[list[_Char]]] = []
    for run in sorted(_runs(chars), key=lambda r: r[0].base):
        if rows and run[0].base - rows[-1][0][0].base <= ROW * max(run[0].size, 1.0):
            rows[-1].append(run)
        else:
            rows.append([run])
    out: list[Line] = []
    for row in rows:
        joined: list[list[_Char]] = []
        right = 0.0
        for run in sorted(row, key=lambda r: r[0].x0):
            end = max(c.x1 for c in run)
            if joined and run[0].x0 - right <= TOUCH * max(run[0].size, 1.0):
                joined[-1].extend(run)
                right = max(right, end)
            else:
                joined.append(list(run))
                right = end
        out.extend(line for chars in joined for line in _line(sorted(chars, key=_x), page))
    return out


def _x(char: _Char) -> float:
    """Return where a character starts, from the left."""
    return char.x0


ROW = 0.35
"""Characters whose baselines are less than this many ems apart stand on one line."""
GUTTER = 1.5
"""A gap of this many ems or more between two characters drawn one after the other parts two
columns."""
TOUCH = 0.6
"""Runs of one line this many ems apart or less are parts of one line."""


def _line(chars: list[_Char], page: int) -> list[Line]:
    """Return the line the characters make (none for white space only)."""
    text = "".join(c.text + space for c, space in zip(chars, _spaces(chars)))
    text = clean(text).replace("\u3000", " ").strip()
    marks = [c for c in chars if c.text.strip()]
    if not text or not marks:
        return []
    size = Counter(round(c.size, 1) for c in marks).most_common(1)[0][0]
    base = Counter(round(c.base, 1) for c in marks).most_common(1)[0][0]
    bold = sum(c.bold for c in marks) * 2 > len(marks)
    x0, x1 = min(c.x0 for c in marks), max(c.x1 for c in marks)
    top, bottom = min(c.top for c in marks), max(c.bottom for c in marks)
    return [Line(text, x0, x1, top, bottom, base, size, bold, page)]


def _spaces(chars: list[_Char]) -> list[str]:
    """Return the space that stands after each character of a line (left to right) where none
    is drawn: where PDFium finds one between two characters drawn one after the other, but not
    beside full-width punctuation (its glyph carries its room) nor between a Chinese character
    and a letter or digit (the room a layout leaves there: `收入 86 亿元` is `收入86亿元`;
    `图 / 某某` keeps its spaces)."""
    out = []
    for one, two in pairwise(chars):
        a, b = one.text, two.text
        mixed = is_cjk(a) != is_cjk(b) and (a + b).isalnum()
        drawn_apart = one.spaced_to == two.index and not mixed
        out.append(" " if drawn_apart and not (_punctuation(a) or _punctuation(b)) else "")
    return [*out, ""]


def _punctuation(char: str) -> bool:
    """Return True for white space and full-width punctuation (its glyph carries its room)."""
    return not char.strip() or (WIDE.match(char) is not None and not is_cjk(char))

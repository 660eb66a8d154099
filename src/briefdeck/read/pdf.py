"""Read the text layer of PDF pages (pypdfium2) into blocks, in reading order."""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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


def _page(page: Any, number: int) -> Page:
    """Return the text lines of one PDF page in the order the PDF holds them."""
    width, height = page.get_width(), page.get_height()
    if page.get_rotation() in (90, 270):  # the characters stand where the unturned page has them
        width, height = height, width
    textpage = page.get_textpage()
    try:
        lines: list[Line] = []
        current: list[_Char] = []
        for char in _chars(textpage, height):
            if char is None or (current and _breaks(current[-1], char)):
                lines.extend(_line(current, number))
                current = []
            if char is not None:
                current.append(char)
        lines.extend(_line(current, number))
    finally:
        textpage.close()
        page.close()
    return Page(width, height, tuple(lines))


def _chars(textpage: Any, height: float) -> Iterator[_Char | None]:
    """Yield the upright characters of a page (top-down coordinates); None where PDFium breaks
    the line or a character is turned (text set up the side of the page)."""
    import pypdfium2.raw as raw

    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    x, y = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[bytes, bool] = {}
    for i in range(textpage.count_chars()):
        code = raw.FPDFText_GetUnicode(textpage, i)
        generated = raw.FPDFText_IsGenerated(textpage, i)
        angle = raw.FPDFText_GetCharAngle(textpage, i)
        turned = _TURNED < angle < 2 * math.pi - _TURNED
        if code in _BREAKS or turned or (generated and code not in (0x20, *_HYPHENS)):
            yield None
            continue
        raw.FPDFText_GetCharBox(textpage, i, left, right, bottom, top)
        raw.FPDFText_GetCharOrigin(textpage, i, x, y)
        raw.FPDFText_GetFontInfo(textpage, i, name, len(name), flags)
        bold = fonts.get(name.value)
        if bold is None:
            bold = fonts[name.value] = any(w in name.value.decode("latin-1").lower() for w in _BOLD)
        text = "-" if code in _HYPHENS else chr(code)
        if generated and text == " ":
            text = "\x00"  # a space PDFium guessed from the positions: kept between words only
        size = raw.FPDFText_GetFontSize(textpage, i)
        yield _Char(
            text, left.value, right.value, height - top.value, height - bottom.value,
            height - y.value, size, bold or raw.FPDFText_GetFontWeight(textpage, i) >= 600,
        )  # fmt: skip


def _breaks(before: _Char, char: _Char) -> bool:
    """Return True when `char` does not go on the line `before` ends: another baseline, a step
    back, or a gap wider than one and a half ems (a column gutter)."""
    size = max(before.size, char.size, 1.0)
    if abs(char.base - before.base) > 0.4 * size:
        return True
    return char.x0 < before.x0 - 0.5 * size or char.x0 - before.x1 > 1.5 * size


def _line(chars: list[_Char], page: int) -> list[Line]:
    """Return the line the characters make (none for white space only)."""
    text = "".join(_spaced(chars, n) for n in range(len(chars))).strip()
    text = clean(text).replace("\u3000", " ").strip()
    marks = [c for c in chars if c.text.strip() and c.text != "\x00"]
    if not text or not marks:
        return []
    size = Counter(round(c.size, 1) for c in marks).most_common(1)[0][0]
    base = Counter(round(c.base, 1) for c in marks).most_common(1)[0][0]
    bold = sum(c.bold for c in marks) * 2 > len(marks)
    x0, x1 = min(c.x0 for c in marks), max(c.x1 for c in marks)
    top, bottom = min(c.top for c in marks), max(c.bottom for c in marks)
    return [Line(text, x0, x1, top, bottom, base, size, bold, page)]


def _spaced(chars: list[_Char], n: int) -> str:
    """Return character `n`'s text: a guessed space only between two non-CJK characters."""
    text = chars[n].text
    if text != "\x00":
        return text
    before = chars[n - 1].text if n else ""
    after = chars[n + 1].text if n + 1 < len(chars) else ""
    if not before.strip() or not after.strip() or WIDE.match(before[-1]) or WIDE.match(after[0]):
        return ""
    return " "

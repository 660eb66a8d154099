"""Read Word (.docx) paragraphs, with heading levels from paragraph styles."""

from __future__ import annotations

import io
import re
import zipfile

from briefdeck.errors import InputError
from briefdeck.model import Block
from briefdeck.read.archive import check_archive
from briefdeck.read.text import clean

_LEVEL = re.compile(r"(?:heading|标题)\s*(\d)", re.IGNORECASE)


def read_docx(data: bytes, source: str, max_bytes: int) -> tuple[Block, ...]:
    """Return the non-empty paragraphs of a .docx file (at most `max_bytes` unpacked) as blocks."""
    import docx  # imported here: only .docx inputs need it

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{source}: not a Word .docx file (not a zip archive)")
    check_archive(io.BytesIO(data), source, max_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for broken packages
        raise InputError(f"{source}: not a readable .docx file ({type(exc).__name__})") from None
    blocks: list[Block] = []
    gap = 0
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text = clean(paragraph.text).strip()
        if not text:
            gap += 1
            continue
        blocks.append(Block(text, number, gap if blocks else 0, _level(paragraph.style)))
        gap = 0
    if not blocks:
        raise InputError(f"{source}: the document has no text")
    return tuple(blocks)


def _level(style: object) -> int | None:
    """Return the heading level a paragraph style stands for, or None."""
    name = str(getattr(style, "name", "") or "")
    if name.lower() == "title" or name == "标题":
        return 1
    match = _LEVEL.search(name)
    return int(match.group(1)) + 1 if match else None

"""Read input documents (.txt, .md, .docx, .pdf, stdin) into blocks and tables."""

from __future__ import annotations

import sys
from pathlib import Path

from briefdeck.errors import InputError
from briefdeck.model import Document, Image
from briefdeck.read.text import check_line_lengths, cleaned, decode, text_blocks

MAX_BYTES = 20 * 1024 * 1024
"""Default input size limit per file."""

SUFFIXES = (".txt", ".md", ".markdown", ".docx", ".pdf")
"""The document suffixes that folders are searched for."""


def read_document(source: str, encoding: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Return the document at `source` (a path, or `-` for stdin) as blocks and tables."""
    data = _read_bytes(source, max_bytes)
    suffix = Path(source).suffix.lower()
    # each reader (and the library it needs) is imported only when a document of its kind is read
    if suffix == ".docx":
        from briefdeck.read.docx import read_docx

        return read_docx(data, source, max_bytes)
    if suffix == ".pdf":
        from briefdeck.read.pdf import read_pdf

        pdf_blocks, warnings = read_pdf(data, source)
        return Document(source, pdf_blocks, warnings)
    text, removed = cleaned(decode(data, source, encoding))
    markdown = suffix in (".md", ".markdown")
    check_line_lengths(text, source)
    images: tuple[Image, ...] = ()
    pictures: tuple[str, ...] = ()
    if markdown:
        from briefdeck.read.markdown import markdown_parts

        blocks, tables, images, pictures = markdown_parts(text, None if source == "-" else source)
    else:
        blocks, tables = text_blocks(text), ()
    if not blocks:
        raise InputError(f"{source}: no text found")
    plural = "" if removed == 1 else "s"
    warnings = (f"{source}: removed {removed} control character{plural}",) if removed else ()
    return Document(source, blocks, warnings + pictures, tables, images)


def _read_bytes(source: str, max_bytes: int) -> bytes:
    """Return the raw bytes of `source`, refusing missing, oversized and empty inputs."""
    if source == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise InputError(f"{source}: no such file")
        if path.stat().st_size > max_bytes:
            raise InputError(f"{source}: larger than the {_mb(max_bytes)} MB limit")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"{source}: cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(f"{source}: larger than the {_mb(max_bytes)} MB limit")
    if not data.strip():
        raise InputError(f"{source}: the file is empty")
    return data


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g}"

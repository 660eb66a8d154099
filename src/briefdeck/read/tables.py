"""Tables shared by the readers: cell text, rows into header and body, captions, placing."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence

from briefdeck.model import Block, Table

CAPTION_MAX = 40
"""Longest line (characters) that may caption the table right after it."""
_NAMES_TABLE = re.compile(
    r"^(?:附?表\s*[0-9０-９一二三四五六七八九十]+|Table\s+\d+)", re.IGNORECASE
)
"""A line that names a table by its number (`表1`, `表 2`, `附表一`, `Table 3`)."""


def is_table_caption(text: str) -> bool:
    """Return True when `text`, right before a table, is its caption: a short line that names
    a table by number (`表1 主要经济指标`) or ends with a colon (`主要经济指标：`)."""
    text = text.strip()
    if not text or len(text) > CAPTION_MAX:
        return False
    return bool(_NAMES_TABLE.match(text)) or text.endswith(("：", ":"))


def cell_text(pieces: Iterable[str]) -> str:
    """Return the display text of a cell's lines: white space runs as one space, lines joined
    with no space between CJK and one between words."""
    out = ""
    for piece in pieces:
        piece = " ".join(piece.split())
        if not piece:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii():
            out += " "
        out += piece
    return out


def make_table(rows: Sequence[Sequence[str]], header: int, line: int) -> Table | None:
    """Return a table of `rows` whose first `header` rows are its header (rows with no text
    left out, every row padded to the widest), or None when no cell has text."""
    width = max((len(row) for row in rows), default=0)
    kept = [
        (n < header, (*row, *[""] * (width - len(row))))
        for n, row in enumerate(rows)
        if any(cell for cell in row)
    ]
    if not kept:
        return None
    return Table(
        caption="",
        header=tuple(row for head, row in kept if head),
        rows=tuple(row for head, row in kept if not head),
        line=line,
    )


def split_tables(items: Iterable[Block | Table]) -> tuple[list[Block], list[Table]]:
    """Return the blocks and the tables of `items` (in document order), each table placed after
    the blocks before it and given the caption line right before it (no longer a block)."""
    blocks: list[Block] = []
    tables: list[Table] = []
    last_block = False  # the item before is a block (not a table)
    for item in items:
        if isinstance(item, Block):
            blocks.append(item)
            last_block = True
            continue
        caption = ""
        if last_block and is_table_caption(blocks[-1].text):
            caption = blocks.pop().text.rstrip("：:").strip()
        tables.append(dataclasses.replace(item, caption=caption, after=len(blocks)))
        last_block = False
    return blocks, tables

"""Split Markdown into paragraph and heading blocks."""

from __future__ import annotations

import re

from briefdeck.model import Block
from briefdeck.read.text import BOLD_LEVEL, bold_heading

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LIST = re.compile(r"^(?:[-*+]|\d+[.)])\s+")
_INLINE = re.compile(r"(\*\*|__|\*|`)")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """Return headings, paragraphs and list items of `text` as blocks."""
    blocks: list[Block] = []
    lines: list[str] = []
    start = gap = 0

    def flush() -> None:
        nonlocal lines
        if lines:
            blocks.append(Block(_join(lines), start, gap if blocks else 0))
            lines = []

    pending_gap = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not line or line.startswith(("<!--", "---", "***", "```")):
            flush()
            pending_gap += 1
            continue
        heading = _HEADING.match(line)
        if heading:
            flush()
            text_ = _plain(heading.group(2))
            if text_:
                blocks.append(Block(text_, number, pending_gap, len(heading.group(1))))
            pending_gap = 0
            continue
        if line.startswith(">"):
            line = line.lstrip("> ")
        bold = bold_heading(line)
        if bold and not lines:
            blocks.append(Block(bold, number, pending_gap, BOLD_LEVEL))
            pending_gap = 0
            continue
        if _LIST.match(line):
            flush()
            line = _LIST.sub("", line)
        if not lines:
            start, gap, pending_gap = number, pending_gap, 0
        lines.append(_plain(line))
    flush()
    return tuple(b for b in blocks if b.text)


def _plain(text: str) -> str:
    """Return `text` without inline Markdown markup."""
    return _INLINE.sub("", _LINK.sub(r"\1", text)).strip()


def _join(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph: no space between CJK, one between words."""
    out = lines[0]
    for line in lines[1:]:
        if out and line and (out[-1].isascii() and line[0].isascii()):
            out += " " + line
        else:
            out += line
    return out

"""Split Markdown into heading and paragraph blocks and pipe tables (markdown-it tokens, YAML
front matter)."""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from briefdeck.chars import has_cjk
from briefdeck.model import Block, Image, Table
from briefdeck.read.images import BYTES_MAX, ImageError, image_of, place_images
from briefdeck.read.tables import cell_text, make_table, split_tables
from briefdeck.read.text import BOLD_LEVEL, bold_heading
from briefdeck.structure import authors_of

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("code")
"""Indented code is off: Chinese writers indent paragraphs with spaces (fenced code stays out)."""
_LEFTOVER = re.compile(r"\*\*|__")
"""Bold marks CommonMark leaves as text next to full-width punctuation (`中文**“稳”**中文`)."""
_YAML_KEY = re.compile(r"^[\w-]+:(?:\s|$)")
"""The first line of a front matter: `key:` (a `---` over prose is a thematic break)."""
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
"""A line break written in HTML (how a pipe table's cell breaks a line)."""
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")
"""A link to elsewhere (`https:`, `data:`, `//host`): no local picture."""


@dataclass
class _Pictures:
    """The local pictures of a Markdown file, read as its paragraphs are."""

    source: str
    """The Markdown file's path as given: its pictures' paths are relative to its folder."""
    images: list[Image] = dataclasses.field(default_factory=list)
    """The pictures read, in order."""
    warnings: list[str] = dataclasses.field(default_factory=list)
    """A line for each local picture left out."""

    def take(self, token: Token, line: int) -> bool:
        """Read the local picture an image token shows, found on `line`; return True when it
        is read (its alt text is then its own, no text of the paragraph)."""
        link = unquote(str(token.attrGet("src") or "")).strip()
        if not link or _SCHEME.match(link):
            return False
        folder = Path(self.source).parent
        path = Path(os.path.normpath(folder / link))
        try:
            inside = path.resolve().is_relative_to(folder.resolve())
            if not inside:
                raise ImageError(f"{path}: outside the folder of {self.source}")
            if not path.is_file():
                raise ImageError(f"{path}: no such picture")
            if path.stat().st_size > BYTES_MAX:
                raise ImageError(f"{path}: larger than {BYTES_MAX // (1024 * 1024)} MB")
            self.images.append(image_of(path.read_bytes(), str(path), token.content, line))
        except (ImageError, OSError) as exc:
            problem = exc if isinstance(exc, ImageError) else f"{path}: cannot be read"
            self.warnings.append(f"{self.source}: {problem}: left out")
            return False
        return True


def markdown_blocks(text: str) -> tuple[Block, ...]:
    """Return the headings, paragraphs and list items of `text` as blocks (tables left out)."""
    return markdown_document(text)[0]


def markdown_document(text: str) -> tuple[tuple[Block, ...], tuple[Table, ...]]:
    """Return the headings, paragraphs and list items of `text` as blocks, and its pipe tables
    placed among them (a table's caption line is no block); pictures are left as their alt
    text (see `markdown_parts`)."""
    blocks, tables, _, _ = markdown_parts(text)
    return blocks, tables


def markdown_parts(
    text: str, source: str | None = None
) -> tuple[tuple[Block, ...], tuple[Table, ...], tuple[Image, ...], tuple[str, ...]]:
    """Return the headings, paragraphs and list items of `text` as blocks, its pipe tables
    and the local pictures of the file at `source` placed among them (a table's caption line
    is no block), and a warning for each local picture left out.

    A picture links to a file in the Markdown file's folder (or below); one that is missing,
    outside that folder or unreadable is left out with a warning, its alt text read as text,
    as a picture on the web is. Without `source` no picture is read.

    A YAML front matter gives a title heading (unless the body opens with its own), then the
    byline, date and source lines a text article has under its title; none of its other keys.
    """
    lines = text.split("\n")
    end = _front_matter_end(lines)
    body = "\n" * end + "\n".join(lines[end:])  # front matter blanked: token.map stays true
    pictures = _Pictures(source) if source else None
    blocks, tables = split_tables(_body_items(_PARSER.parse(body), lines, end, pictures))
    if end:
        blocks = _with_front_matter(blocks, lines[:end], has_cjk(body))
    if blocks and blocks[0].gap:
        blocks[0] = Block(blocks[0].text, blocks[0].line, 0, blocks[0].heading)
    placed = (replace(t, after=sum(1 for b in blocks if b.line < t.line)) for t in tables)
    images = place_images(blocks, pictures.images) if pictures else ()
    warnings = tuple(pictures.warnings) if pictures else ()
    return tuple(blocks), tuple(placed), images, warnings


def _with_front_matter(blocks: list[Block], front: list[str], zh: bool) -> list[Block]:
    """Return `blocks` under the title, byline, date and source lines of the `front` matter.

    The body's own title (a level-1 heading or the same title) and byline are kept instead."""
    data = _load(front[1:-1])
    title = _title(data, front)
    first = blocks[0] if blocks else None
    same = first is not None and title is not None and first.text == title.text
    own = first is not None and (first.heading == 1 or (first.heading is not None and same))
    head = blocks[:1] if own else [title] if title else []
    rest = blocks[1:] if own else blocks
    byline = bool(rest) and rest[0].heading is None and authors_of(rest[0].text) is not None
    if byline:
        head, rest = [*head, rest[0]], rest[1:]
    return head + _meta(data, front, zh, byline) + rest


def _body_items(
    tokens: list[Token], lines: list[str], after: int, pictures: _Pictures | None = None
) -> Iterator[Block | Table]:
    """Yield a block per heading and paragraph of `tokens` and a table per pipe table, in order
    (the local pictures of paragraphs read into `pictures`); code, HTML and rules give none."""
    previous = after  # 0-based line after the last block or table
    in_list = 0
    for i, token in enumerate(tokens):
        in_list += {"list_item_open": 1, "list_item_close": -1}.get(token.type, 0)
        if token.type == "table_open" and token.map:
            table = _table(tokens, i)
            if table:
                yield table
                previous = token.map[1]
            continue
        if token.type not in ("heading_open", "paragraph_open") or not token.map:
            continue
        start, end = token.map
        children = tokens[i + 1].children or []
        if pictures is not None and token.type == "paragraph_open":
            children = [c for c in children if c.type != "image" or not pictures.take(c, start + 1)]
        level = int(token.tag[1]) if token.type == "heading_open" else None
        bold = None if level or in_list else bold_heading(tokens[i + 1].content.split("\n")[0])
        if bold:
            yield Block(bold, start + 1, _blanks(lines, previous, start), BOLD_LEVEL)
            previous = start = start + 1
            breaks = [k for k, c in enumerate(children) if c.type in ("softbreak", "hardbreak")]
            children = children[breaks[0] + 1 :] if breaks else []
        text = _join(_lines(children))
        if text:
            yield Block(text, start + 1, _blanks(lines, previous, start), level, authored=True)
            previous = end


def _table(tokens: list[Token], start: int) -> Table | None:
    """Return the pipe table that opens at `tokens[start]`, or None when no cell has text."""
    rows: list[list[str]] = []
    header = 0
    for token in tokens[start + 1 :]:
        if token.type == "table_close":
            break
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(_cell(token.children or []))
        elif token.type == "thead_close":
            header = len(rows)
    opening = tokens[start].map
    return make_table(rows, header, opening[0] + 1 if opening else 0)


def _cell(children: list[Token]) -> str:
    """Return the display text of a table cell's inline tokens, markup removed."""
    pieces = [""]
    for child in children:
        if child.type == "html_inline" and _BR.fullmatch(child.content.strip()):
            pieces.append("")
        elif child.type == "text":
            pieces[-1] += _LEFTOVER.sub("", child.content)
        elif child.type in ("code_inline", "image"):
            pieces[-1] += child.content
    return cell_text(pieces)


def _lines(children: list[Token]) -> list[str]:
    """Return the plain text of inline tokens, one string per source line, markup removed."""
    out = [""]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            out.append("")
        elif child.type == "text":
            out[-1] += _LEFTOVER.sub("", child.content)
        elif child.type in ("code_inline", "image"):  # an image's content is its alt text
            out[-1] += child.content
    return [line.strip() for line in out if line.strip()]


def _join(lines: list[str]) -> str:
    """Join wrapped lines of one paragraph: no space between CJK, one between words."""
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if out and line and (out[-1].isascii() and line[0].isascii()):
            out += " " + line
        else:
            out += line
    return out


def _blanks(lines: list[str], start: int, end: int) -> int:
    """Return how many of the 0-based lines start..end-1 are blank."""
    return sum(1 for line in lines[start:end] if not line.strip())


def _front_matter_end(lines: list[str]) -> int:
    """Return the number of lines a `---` … `---` front matter takes (0 when there is none)."""
    if lines[0].rstrip() != "---" or len(lines) < 2 or not _YAML_KEY.match(lines[1]):
        return 0
    for n, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return n
    return 0


def _load(lines: list[str]) -> dict[Any, Any]:
    """Return the front matter's mapping, or an empty one when it is malformed."""
    try:
        data = yaml.safe_load("\n".join(lines))
    except (yaml.YAMLError, ValueError, RecursionError):  # ValueError: `date: 2024-13-01`
        return {}
    return data if isinstance(data, dict) else {}


def _key_line(lines: list[str], key: str) -> int:
    """Return the 1-based line of the front matter that sets `key` (1 when none is found)."""
    pattern = re.compile(rf"^{key}\s*:")
    return next((n for n, text in enumerate(lines, start=1) if pattern.match(text)), 1)


def _title(data: dict[Any, Any], lines: list[str]) -> Block | None:
    """Return the front matter's title as a level-1 heading block, or None."""
    title = _scalar(data.get("title"))
    return Block(title, _key_line(lines, "title"), 0, 1) if title else None


def _meta(data: dict[Any, Any], lines: list[str], zh: bool, byline: bool) -> list[Block]:
    """Return the byline (unless the body has its own), date and source lines a text article
    has under its title."""
    key = "authors" if "authors" in data else "author"
    names = [n for n in map(_scalar, _listed(data.get(key))) if n]
    meta: list[Block] = []
    if names and not byline:
        zh_names = any(has_cjk(name) for name in names)
        line = f"作者：{'、'.join(names)}" if zh_names else f"By {', '.join(names)}"
        meta.append(Block(line, _key_line(lines, key)))
    date = data.get("date")
    if isinstance(date, datetime.date):  # YAML reads `2024-06-03` as a date
        date = (date.date() if isinstance(date, datetime.datetime) else date).isoformat()
    labels = {"date": ("日期", "Published"), "source": ("来源", "Source")}
    for field, (label_zh, label_en) in labels.items():
        value = _scalar(date if field == "date" else data.get(field))
        if value:
            line = f"{label_zh}：{value}" if zh else f"{label_en}: {value}"
            meta.append(Block(line, _key_line(lines, field)))
    return meta


def _listed(value: object) -> list[object]:
    """Return `value` as a list (a lone value in a list of one, None as an empty list)."""
    return value if isinstance(value, list) else [] if value is None else [value]


def _scalar(value: object) -> str:
    """Return a string or number as one stripped line of text, anything else as empty."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    return " ".join(str(value).split())

"""Turn the text lines of PDF pages into blocks: furniture, columns, reading order, paragraphs."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from briefdeck.chars import ends_sentence, language
from briefdeck.model import Block
from briefdeck.structure import is_title_like


@dataclass(frozen=True)
class Line:
    """One line of text as a page sets it: top-down coordinates in points."""

    text: str
    """Its characters (a hyphen at the end kept as `-`)."""
    x0: float
    x1: float
    top: float
    bottom: float
    base: float
    """The baseline's distance from the top of the page."""
    size: float
    """The font size most of its characters are set in, points."""
    bold: bool
    """True when most of its characters are set in a bold face."""
    page: int = 0
    """0-based page index."""


@dataclass(frozen=True)
class Page:
    """The text lines of one page, in the order the PDF holds them."""

    width: float
    height: float
    lines: tuple[Line, ...]


MARGIN = 0.12
"""Share of the page height at its top and bottom where running heads and folios may stand."""
_FOLIO = re.compile(
    r"^[-–—\s]*(?:第\s*)?\d{1,4}(?:\s*[版页])?[-–—\s]*$|^(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$",
    re.IGNORECASE,
)
"""A page number on its own: `5`, `- 5 -`, `第5版`, `Page 5 of 8`, `5/8`."""
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_MASTHEAD = re.compile(
    r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月|\b(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}\b"
    rf"|\b(?:{_MONTHS})[a-z]*\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTHS})[a-z]*\.?,?\s+(?:19|20)\d\d\b"
    r"|第\s*\d+\s*版|星期[一二三四五六日天]|\bpage\s+\d+\b",
    re.IGNORECASE,
)
"""What a paper's masthead line or running head holds: the date, the page, the weekday."""


def furniture(pages: Sequence[Page], body: float) -> set[Line]:
    """Return the running heads, masthead lines and page numbers of `pages`.

    Only lines set apart in a page's margins count (`_margins`): a page number, a line with the
    date or page of the paper, not set large (and in the top margin the lines beside or above
    it: the paper's name), or a line that the margin of another page repeats (digits aside).
    """
    margins = [_margins(page, body) for page in pages]
    pages_of: dict[str, set[int]] = {}
    for n, (head, foot) in enumerate(margins):
        for line in head + foot:
            pages_of.setdefault(_shape(line.text), set()).add(n)
    found: set[Line] = set()
    for head, foot in margins:
        marked = [
            line
            for line in head + foot
            if len(pages_of[_shape(line.text)]) > 1
            or (line.size < body * BIG and (_FOLIO.match(line.text) or _MASTHEAD.search(line.text)))
        ]
        found.update(marked)
        lowest = max((m.bottom for m in marked if m in head), default=None)
        found.update(line for line in head if lowest is not None and line.top <= lowest)
    return found


def _margins(page: Page, body: float) -> tuple[list[Line], list[Line]]:
    """Return the lines set apart at the top of a page and those at its bottom: the lines
    before the first (after the last) white gap of a body size or more, within MARGIN of the
    page's edge."""
    falling = sorted(page.lines, key=lambda x: x.top)
    head: list[Line] = []
    edge = 0.0
    for n, line in enumerate(falling):
        if n and line.top - edge >= body:
            head = falling[:n]
            break
        if line.bottom > page.height * MARGIN:
            break
        edge = max(edge, line.bottom)
    rising = sorted(page.lines, key=lambda x: -x.bottom)
    foot: list[Line] = []
    edge = page.height
    for n, line in enumerate(rising):
        if n and edge - line.bottom >= body:
            foot = rising[:n]
            break
        if line.top < page.height * (1 - MARGIN):
            break
        edge = min(edge, line.top)
    return head, foot


def _shape(text: str) -> str:
    """Return `text` without spaces, its numbers as `#` (a running head with the page's
    number)."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def body_size(lines: Iterable[Line]) -> float:
    """Return the font size most characters are set in (to half a point)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


# ------------------------------------------------------------------ blocks and their order

PITCH = 1.2
"""Lines further apart than this many times the usual pitch start a paragraph."""
SPACED = 2.2
"""Lines further apart than this many times the usual pitch are in separate chunks."""


class _Chunk:
    """Lines of one style set one under the other in one column: a paragraph or more."""

    def __init__(self, line: Line, pitch: float) -> None:
        self.lines = [line]
        self.pitch = pitch
        """The usual distance between the baselines of lines of its size."""
        self.starts = {0}
        """The lines that a wider space than the pitch sets off from the line above: each
        starts a paragraph."""
        self.x0, self.x1, self.top, self.bottom = line.x0, line.x1, line.top, line.bottom

    def add(self, line: Line) -> None:
        """Add the next line under the chunk."""
        if line.base - self.lines[-1].base > PITCH * self.pitch + 0.5:
            self.starts.add(len(self.lines))
        self.lines.append(line)
        self.x0, self.x1 = min(self.x0, line.x0), max(self.x1, line.x1)
        self.bottom = max(self.bottom, line.bottom)

    def takes(self, line: Line) -> bool:
        """Return True when `line` goes on the chunk: same style, right under its last line
        (no more than a blank line's space between), overlapping it sideways."""
        last = self.lines[-1]
        step = line.base - last.base
        wide = min(line.x1 - line.x0, self.x1 - self.x0)
        return (
            _same_style(last, line)
            and 0.5 * line.size < step <= SPACED * self.pitch + 0.5
            and _overlap(line.x0, line.x1, self.x0, self.x1) > 0.5 * wide
        )


def _same_style(a: Line, b: Line) -> bool:
    """Return True for two lines set in one weight and (within 6 %) one size."""
    return a.bold == b.bold and abs(a.size - b.size) <= 0.06 * max(a.size, b.size)


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Return how far two spans overlap (negative: the gap between them)."""
    return min(a1, b1) - max(a0, b0)


def _pitches(lines: Sequence[Line]) -> dict[float, float]:
    """Return the usual distance between baselines of the lines of each size (to half a point)
    from the distances from each line to the next one under it in its column (`_usual`)."""
    found: dict[float, Counter[float]] = {}
    for n, line in enumerate(lines):
        for below in lines[n + 1 : n + 40]:
            width = min(line.x1 - line.x0, below.x1 - below.x0)
            step = round((below.base - line.base) * 2) / 2
            if (
                0.5 * line.size < step < 2.5 * line.size
                and _same_style(line, below)
                and _overlap(line.x0, line.x1, below.x0, below.x1) > 0.5 * width
            ):
                found.setdefault(round(line.size * 2) / 2, Counter())[step] += 1
                break
    return {size: _usual(steps) for size, steps in found.items()}


def _usual(steps: Counter[float]) -> float:
    """Return the line pitch among the steps from line to line: the shortest that is common
    (paragraphs of one or two lines make the space between paragraphs as common)."""
    most = steps.most_common(1)[0][1]
    return min(step for step, count in steps.items() if count >= max(2, most / 5) or count == most)


def chunks(lines: Sequence[Line]) -> list[_Chunk]:
    """Return the lines of one page grouped into chunks (`_Chunk.takes`)."""
    ordered = sorted(lines, key=lambda line: (line.top, line.x0))
    pitches = _pitches(ordered)
    done: list[_Chunk] = []
    active: list[_Chunk] = []
    for line in ordered:
        still = [c for c in active if line.top - c.bottom <= (SPACED + 1) * c.pitch]
        done.extend(c for c in active if line.top - c.bottom > (SPACED + 1) * c.pitch)
        taking = [c for c in still if c.takes(line)]
        if taking:
            max(taking, key=lambda c: c.bottom).add(line)
        else:
            still.append(_Chunk(line, pitches.get(round(line.size * 2) / 2, 1.6 * line.size)))
        active = still
    return done + active


def reading_order(found: Sequence[_Chunk]) -> list[_Chunk]:
    """Return the chunks of a page in reading order (columns found from their positions).

    A chunk comes before another that it overlaps sideways and stands above, and before one
    to its right unless something between the two in height spans both (a title over the
    columns under it), as Breuel's rules for text lines have it (`_Order.before`).
    """
    order = _Order(found)
    count = len(found)
    after = [[b for b in range(count) if a != b and order.before(a, b)] for a in range(count)]
    waiting = [0] * count
    for targets in after:
        for b in targets:
            waiting[b] += 1
    left = set(range(count))
    out: list[_Chunk] = []
    while left:
        ready = [n for n in left if waiting[n] == 0] or list(left)  # a cycle: take the top one
        n = min(ready, key=lambda k: (found[k].top, found[k].x0))
        left.discard(n)
        out.append(found[n])
        for b in after[n]:
            waiting[b] -= 1
    return out


class _Order:
    """What the order of a page's chunks depends on, worked out once per page."""

    def __init__(self, found: Sequence[_Chunk]) -> None:
        self.found = found
        self.beside = [
            frozenset(
                j
                for j, other in enumerate(found)
                if j != i and _overlap(c.x0, c.x1, other.x0, other.x1) > 1
            )
            for i, c in enumerate(found)
        ]
        self.above = [self._above(i) for i in range(len(found))]

    def _above(self, i: int) -> tuple[list[float], list[float]]:
        """Return the spans of height (tops, bottoms; merged, sorted) of the chunks over chunk
        `i` that overlap it sideways: how far up its column goes."""
        spans = sorted(
            (self.found[j].top, self.found[j].bottom)
            for j in self.beside[i]
            if self.found[j].bottom <= self.found[i].top + 1
        )
        merged: list[list[float]] = []
        for top, bottom in spans:
            if merged and top <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], bottom)
            else:
                merged.append([top, bottom])
        return [m[0] for m in merged], [m[1] for m in merged]

    def before(self, a: int, b: int) -> bool:
        """Return True when chunk `a` is read before chunk `b`: it stands above `b` in the same
        column, or in a column to its left with nothing spanning both between them; when `a`
        is wholly below `b`, only when its column goes on up beside `b` (a column is read to
        its end before the next)."""
        one, two = self.found[a], self.found[b]
        if b in self.beside[a]:
            return one.top < two.top
        if one.x1 > two.x0 + 2:
            return False
        if one.top >= two.bottom - 1:
            tops, bottoms = self.above[a]
            n = bisect_left(tops, two.bottom - 1) - 1
            if n < 0 or bottoms[n] <= two.top + 1:
                return False
        upper, lower = (one, two) if one.top <= two.top else (two, one)
        return not any(
            self.found[c].top >= upper.bottom - 1 and self.found[c].bottom <= lower.top + 1
            for c in self.beside[a] & self.beside[b]
        )


# ------------------------------------------------------------------ paragraphs


@dataclass
class _Paragraph:
    """Lines of one paragraph (or heading, caption), in order, and what they are set as."""

    lines: list[Line]
    kind: str
    """`body`, `small` (captions, credits, bylines), `big` (titles, kickers) or `bold`."""
    text: str = ""

    @property
    def size(self) -> float:
        """The largest size its lines are set in."""
        return max(line.size for line in self.lines)


BIG = 1.12
"""A line this many times the body size or more is set large (a title, a heading)."""
SMALL = 0.92
"""A line this many times the body size or less is set small (a caption, a credit)."""
INDENT = 0.5
"""A first line starting this many ems right of its column's edge is indented."""


def _kind(line: Line, body: float) -> str:
    """Return what a line is set as beside the `body` size: `big`, `small`, `bold` or `body`."""
    if line.size >= body * BIG:
        return "big"
    if line.size <= body * SMALL:
        return "small"
    return "bold" if line.bold else "body"


@dataclass(frozen=True)
class _Columns:
    """The left and right edges of the body text's columns on one page."""

    edges: tuple[tuple[float, float], ...]

    def edge(self, line: Line) -> tuple[float, float] | None:
        """Return the edges of the column `line` stands in, or None when none is known."""
        near = [e for e in self.edges if _overlap(e[0], e[1], line.x0, line.x1) > 0]
        near = [e for e in near if e[0] <= line.x0 + 1] or near
        return max(near, key=lambda e: e[0]) if near else None

    def indented(self, line: Line) -> bool:
        """Return True for a line that starts right of its column's left edge (a first line)."""
        edge = self.edge(line)
        return edge is not None and line.x0 > edge[0] + INDENT * line.size

    def ends_short(self, line: Line, after: Line) -> bool:
        """Return True when `line` leaves room at its column's end for the first word of the
        line `after` it: the paragraph ended there."""
        edge = self.edge(line)
        if edge is None:
            return False
        word = _FIRST_WORD.match(after.text)
        width = (after.x1 - after.x0) / max(len(after.text), 1) * len(word.group(0) if word else "")
        return edge[1] - line.x1 > width + 0.5 * after.size


_FIRST_WORD = re.compile(r"[\x21-\x7e]+|.[，。、；：！？”’）》」』〉】,.;:!?)\]]*")
"""What a line break moves as one: an English word, or a Chinese character with the
punctuation that may not start a line."""


def _columns(found: Sequence[_Chunk], body: float) -> _Columns:
    """Return the column edges a page's chunks of body text of two lines or more show."""
    multi = [c for c in found if len(c.lines) > 1 and _kind(c.lines[0], body) == "body"]
    return _Columns(tuple((c.x0, c.x1) for c in multi))


def _split(chunk: _Chunk, kind: str, columns: _Columns) -> list[list[Line]]:
    """Return the paragraphs of a chunk: one starts after a space (`_Chunk.starts`), at an
    indented line, or after a line that stops short (`_Columns.ends_short`); a large chunk is
    one paragraph (a title, whatever its lines' ends)."""
    out: list[list[Line]] = []
    for n, line in enumerate(chunk.lines):
        if n in chunk.starts or (
            kind != "big" and (columns.indented(line) or columns.ends_short(out[-1][-1], line))
        ):
            out.append([line])
        else:
            out[-1].append(line)
    return out


def paragraphs(pages: Sequence[Page], body: float) -> list[_Paragraph]:
    """Return the paragraphs of `pages` in reading order, each column's chunks in turn; a body
    paragraph a column or page break cut goes on in the next column's first lines."""
    ordered: list[tuple[_Chunk, _Columns]] = []
    for page in pages:
        found = chunks(page.lines)
        columns = _columns(found, body)
        ordered.extend((chunk, columns) for chunk in reading_order(found))
    indents = any(
        columns.indented(line)
        for chunk, columns in ordered
        for line in chunk.lines
        if len(chunk.lines) > 1 and _kind(line, body) == "body"
    )
    out: list[_Paragraph] = []
    last_body: tuple[_Paragraph, _Columns] | None = None
    for chunk, columns in ordered:
        kind = _kind(chunk.lines[0], body)
        for n, lines in enumerate(_split(chunk, kind, columns)):
            if kind != "body":
                last_body = None if kind != "small" else last_body
                out.append(_Paragraph(lines, kind))
                continue
            if n == 0 and last_body and _goes_on(last_body, lines[0], columns, indents):
                last_body[0].lines.extend(lines)
                continue
            out.append(_Paragraph(lines, kind))
            last_body = (out[-1], columns)
    return out


def _goes_on(
    before: tuple[_Paragraph, _Columns], first: Line, columns: _Columns, indents: bool
) -> bool:
    """Return True when a chunk's first line goes on with the body paragraph `before` (cut by
    a column or page break): it is not indented, and the line before it left no room for its
    first word (and does not end a sentence, where paragraphs are not indented)."""
    paragraph, its_columns = before
    last = paragraph.lines[-1]
    if columns.indented(first) or its_columns.edge(last) is None:
        return False
    if its_columns.ends_short(last, first):
        return False
    return indents or not ends_sentence(last.text)


# ------------------------------------------------------------------ text, headings, blocks

WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")
"""A character of Chinese text (ideographs, CJK and full-width punctuation): no space beside it."""


def join_lines(lines: Sequence[str], words: frozenset[str] = frozenset()) -> str:
    """Return the lines of one paragraph as one text: Chinese lines joined as they are, English
    ones with a space, a word a line-end hyphen cut made whole again.

    The hyphen stays when `words` (the document's words, lower case) holds the word with its
    hyphen (`year-on-year`) and not without it, or when the next line starts with a capital.
    """
    chinese = language("".join(lines)).cjk
    text = ""
    for line in (x.strip() for x in lines):
        cut = _HYPHENATED.search(text)
        word = _WORD.match(line)
        if cut and word:
            head, tail = cut.group(1), word.group(0)
            kept = f"{head}-{tail}".lower() in words and f"{head}{tail}".lower() not in words
            text = text if kept or line[0].isupper() else text[:-1]
        elif text and line and not _close(text[-1], line[0], chinese):
            text += " "
        text += line
    return text


_HYPHENATED = re.compile(r"([A-Za-z]+(?:-[A-Za-z]+)*)-$")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _close(end: str, start: str, chinese: bool) -> bool:
    """Return True when two lines meet without a space: beside a Chinese character or a dash,
    or in Chinese text unless both are ASCII (two English words)."""
    if WIDE.match(end) or WIDE.match(start) or end in "-‐–—/":
        return True
    return chinese and not (end.isascii() and start.isascii())


def _words(found: Iterable[_Paragraph]) -> frozenset[str]:
    """Return the English words (lower case) that stand whole on a line of `found`: not the
    two halves of a word a line-end hyphen cut."""
    out: set[str] = set()
    for paragraph in found:
        cut = False
        for line in paragraph.lines:
            words = re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*-?", line.text)
            if cut and words:
                words.pop(0)
            cut = line.text.endswith("-")
            out.update(w.lower() for w in words if not w.endswith("-"))
    return frozenset(out)


def _is_heading(paragraph: _Paragraph) -> bool:
    """Return True for a heading: a title-shaped line set large, or short and bold."""
    if paragraph.kind not in ("big", "bold") or not is_title_like(paragraph.text):
        return False
    return paragraph.kind == "big" or len(paragraph.text) <= BOLD_HEADING_MAX


BOLD_HEADING_MAX = 30
"""Longest line in bold at the body size read as a heading (characters)."""


def heading_levels(found: Sequence[_Paragraph]) -> list[int | None]:
    """Return the heading level of each paragraph, or None: larger sizes higher levels, bold
    lines at the body size the lowest. A line in a title's header set large but not bold and
    smaller than the title (the kicker above, the subtitle below) is no heading."""
    headings = [_is_heading(p) for p in found]
    for n, p in enumerate(found):
        run = [m for m in (n - 1, n + 1) if 0 <= m < len(found) and headings[m]]
        if headings[n] and p.kind == "big" and not _bold(p):
            headings[n] = not any(found[m].size > p.size * BIG for m in run)
    sizes = sorted(
        {round(p.size * 2) / 2 for p, h in zip(found, headings) if h and p.kind == "big"},
        reverse=True,
    )
    levels: list[int | None] = []
    for p, heading in zip(found, headings):
        if not heading:
            levels.append(None)
            continue
        level = sizes.index(round(p.size * 2) / 2) + 1 if p.kind == "big" else len(sizes) + 1
        levels.append(min(level, 6))
    return levels


def _bold(paragraph: _Paragraph) -> bool:
    """Return True when most of a paragraph's characters are bold."""
    return sum(len(x.text) for x in paragraph.lines if x.bold) * 2 > len(paragraph.text)


def page_blocks(pages: Sequence[Page]) -> tuple[Block, ...]:
    """Return the blocks of `pages`: their paragraphs in reading order without running heads
    and page numbers, headings with their levels, a caption set apart by one blank line, a
    title after other text by two."""
    drop = furniture(pages, body_size(line for page in pages for line in page.lines))
    kept = [Page(p.width, p.height, tuple(x for x in p.lines if x not in drop)) for p in pages]
    body = body_size(line for page in kept for line in page.lines)
    found = paragraphs(kept, body)
    words = _words(found)
    for p in found:
        p.text = join_lines([x.text for x in p.lines], words).strip()
    found = [p for p in found if p.text]
    blocks: list[Block] = []
    for n, (p, level) in enumerate(zip(found, heading_levels(found))):
        gap = 0
        if blocks and level == 1:
            gap = 2
        elif blocks and p.kind == "small" and found[n - 1].kind != "small":
            gap = 1
        blocks.append(Block(p.text, n + 1, gap, level))
    return tuple(blocks)

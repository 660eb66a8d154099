"""Text fitting: the size at which bullets fit a box, and how many bullets fit one slide."""

from __future__ import annotations

import dataclasses
import re
from operator import attrgetter

from briefdeck.bullets import refers_back
from briefdeck.geometry import BULLET_INDENT
from briefdeck.language import Language
from briefdeck.layouts import Box, LayoutSet
from briefdeck.model import AnyKind, Bullet, Role
from briefdeck.textfit import Metrics, fit_size, paragraph_gap, text_height

COLUMN_GAP = 0.4
"""Inches between the columns of a two-column contents list."""
COLUMN_FILL = 0.85
"""Share of a further column counted as room (a column breaks between paragraphs)."""
SPREAD = 0.6
"""Share of a text box's free height a few bullets are spread over (the rest stays below)."""
MIN_TITLE = 12
"""The smallest title (points) when a title does not fit at the layout's smallest size."""


@dataclasses.dataclass(frozen=True)
class Measure:
    """What a deck's text is measured with: its layout set, line metrics and head separator."""

    layouts: LayoutSet
    metrics: Metrics
    sep: str
    """Between a bullet's head and its text: ： in Chinese."""

    @classmethod
    def of(cls, layouts: LayoutSet, language: Language) -> Measure:
        """Return the measure of text in `language` on `layouts`."""
        metrics = Metrics(layouts.line_height, layouts.line_spacing, layouts.paragraph_space)
        return cls(layouts, metrics, language.label_sep)

    def box(self, kind: AnyKind, role: Role) -> Box | None:
        """Return the placeholder `role` of the layout of `kind`, or None."""
        return self.layouts.for_kind(kind).placeholders.get(role)


def strings(lines: list[Bullet], sep: str, numbered: bool = False) -> list[str]:
    """Return the paragraphs `lines` show: head and text joined by `sep`, a number's room first."""
    prefix = "00. " if numbered else ""
    return [
        prefix + (b.head + sep + b.text if b.head and b.text else b.head or b.text) for b in lines
    ]


_HEAD, _TEXT = attrgetter("head"), attrgetter("text")


def bold(box: Box, lines: list[Bullet], emphasis: tuple[str, ...]) -> bool:
    """Return True when `lines` are measured bold: a bold box, heads or figures shown bold."""
    if box.bold or any(map(_HEAD, lines)):
        return True
    joined = "\n".join(map(_TEXT, lines))  # no figure holds a line break
    return bool(lines) and any(map(joined.__contains__, emphasis))


def indent(box: Box) -> float:
    """Return the inches a bullet's text stands in from its box."""
    return BULLET_INDENT if box.bullets else 0.0


def fit(
    ms: Measure,
    box: Box,
    lines: list[Bullet],
    numbered: bool = False,
    columns: int = 1,
    emphasis: tuple[str, ...] = (),
) -> float | None:
    """Return the largest size at which `lines` fit `box` in `columns` columns, or None.

    Heads are measured bold; a column holds whole paragraphs, so columns after the first
    are counted a little short.
    """
    heavy = bold(box, lines, emphasis)
    width = (box.w - COLUMN_GAP * (columns - 1)) / columns - indent(box)
    height = box.h * (1 + COLUMN_FILL * (columns - 1))
    texts = strings(lines, ms.sep, numbered)
    return fit_size(texts, (width, height), box.sizes, ms.metrics, heavy)


def spread(
    ms: Measure,
    box: Box,
    lines: list[Bullet],
    size: float,
    numbered: bool,
    emphasis: tuple[str, ...],
) -> float | None:
    """Return the space (points) before each bullet that spreads a few bullets down a box
    they would leave half empty (at most the set's `paragraph_space_max` lines), or None."""
    if not box.bullets or len(lines) < 2:
        return None
    m = ms.metrics
    texts = strings(lines, ms.sep, numbered)
    used = text_height(texts, size, box.w - indent(box), m, bold(box, lines, emphasis))
    gap = paragraph_gap(size, m)
    most = ms.layouts.paragraph_space_max * size * m.line_height * m.line_spacing
    wanted = min(gap + SPREAD * (box.h - used) / (len(lines) - 1), most / 72)
    return round(wanted * 72, 1) if wanted > gap * 1.05 else None


def title_size(ms: Measure, box: Box, title: str) -> float | None:
    """Return the size of `title` in its box, below the set's smallest if need be, or None."""
    low = box.sizes[0]
    return fit_size([title], (box.w, box.h), box.sizes, ms.metrics, box.bold) or fit_size(
        [title], (box.w, box.h), (max(MIN_TITLE, low * 0.6), low - 1), ms.metrics, box.bold
    )  # below the set's smallest rather than overflow: a template's title box may be small


def fits_title(ms: Measure, box: Box | None, title: str) -> bool:
    """Return True when `title` fits its box within the box's sizes."""
    return box is not None and bool(
        fit_size([title], (box.w, box.h), box.sizes, ms.metrics, box.bold)
    )


def cut_title(ms: Measure, box: Box | None, title: str) -> tuple[str, str]:
    """Return (title, kicker): a title too long for its box cut at its first separator,
    the first part shown as the kicker."""
    if box is None or fits_title(ms, box, title):
        return title, ""
    parts = re.split(r"(?<=\S)\s+(?=\S)|[：:，,]", title, maxsplit=1)
    return (parts[1].strip(), parts[0].strip()) if len(parts) == 2 else (title, "")


def take(
    ms: Measure,
    kind: AnyKind,
    bullets: list[Bullet],
    most: int | None = None,
    emphasis: tuple[str, ...] = (),
) -> list[Bullet]:
    """Return the longest head of `bullets` (at most `most`) that fits one slide of `kind`."""
    layout = ms.layouts.for_kind(kind)
    box = layout.placeholders.get("body")
    if box is None:
        return []
    head = bullets[: min(layout.max_items, most or layout.max_items)]
    if all_fit(ms, box, head, emphasis):
        return head
    taken: list[Bullet] = []
    for bullet in head:
        if taken and fit(ms, box, [*taken, bullet], emphasis=emphasis) is None:
            break
        taken.append(bullet)
    return taken


def all_fit(ms: Measure, box: Box, lines: list[Bullet], emphasis: tuple[str, ...]) -> bool:
    """Return True when `lines` fit `box` together and so does every run of them from the
    first (two or more lines measured as these are: at a size all of them fit, fewer of them
    are no taller); False when that is not known (they do not fit, or the runs of two lines
    are measured otherwise)."""
    if len(lines) < 2 or (not bold(box, lines[:2], emphasis) and bold(box, lines, emphasis)):
        return False  # a run of two lines measured regular, these bold
    return fit(ms, box, lines, emphasis=emphasis) is not None


def balanced(
    ms: Measure, kind: AnyKind, bullets: list[Bullet], emphasis: tuple[str, ...] = ()
) -> list[list[Bullet]]:
    """Return `bullets` split over as few slides of `kind` as hold them, evenly (3+3, not
    5+1)."""
    greedy = 0
    rest = bullets
    while rest:
        rest = rest[len(take(ms, kind, rest, None, emphasis) or rest[:1]) :]
        greedy += 1
    if greedy <= 1:
        return [bullets] if bullets else []
    share = -(-len(bullets) // greedy)
    out: list[list[Bullet]] = []
    rest = bullets
    while rest:
        chunk = take(ms, kind, rest, share, emphasis) or rest[:1]
        out.append(chunk)
        rest = rest[len(chunk) :]
    return kept_together(ms, kind, no_lone_tail(ms, kind, out, emphasis), emphasis)


def kept_together(
    ms: Measure, kind: AnyKind, chunks: list[list[Bullet]], emphasis: tuple[str, ...]
) -> list[list[Bullet]]:
    """Return `chunks` with a bullet that points back (该平台…, 此举…) on the slide of the
    bullet before it: it goes back to that slide, or that bullet comes on with it, when the
    slides still fit."""
    out = [list(chunk) for chunk in chunks]
    for n in range(1, len(out)):
        if not (out[n] and refers_back(out[n][0].text)):
            continue
        back = [*out[n - 1], out[n][0]]
        forward = [out[n - 1][-1], *out[n]]
        if len(out[n]) > 1 and fits(ms, kind, back, emphasis):
            out[n - 1], out[n] = back, out[n][1:]
        elif len(out[n - 1]) > 1 and fits(ms, kind, forward, emphasis):
            out[n - 1], out[n] = out[n - 1][:-1], forward
    return out


def fits(ms: Measure, kind: AnyKind, bullets: list[Bullet], emphasis: tuple[str, ...]) -> bool:
    """Return True when `bullets` fit one slide of `kind` together."""
    return len(take(ms, kind, bullets, None, emphasis)) == len(bullets)


def no_lone_tail(
    ms: Measure, kind: AnyKind, chunks: list[list[Bullet]], emphasis: tuple[str, ...]
) -> list[list[Bullet]]:
    """Return `chunks` with a last slide of one bullet given the last bullet of the slide
    before (4+3+1 -> 4+2+2), when that slide keeps two and the pair fits."""
    if len(chunks) < 2 or len(chunks[-1]) != 1 or len(chunks[-2]) < 3:
        return chunks
    pair = [chunks[-2][-1], *chunks[-1]]
    if len(take(ms, kind, pair, None, emphasis)) < len(pair):
        return chunks
    return [*chunks[:-2], chunks[-2][:-1], pair]

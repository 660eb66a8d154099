"""The closing slides: the outlook or a recap of the key figures, then a digest's sources."""

from __future__ import annotations

import dataclasses
import re

from briefdeck.model import AnyKind, Bullet, Figure, SectionOutline
from briefdeck.outline import FIGURES_SLIDE_MIN
from briefdeck.planning.cards import fact
from briefdeck.planning.fitting import balanced, fit, fits_title
from briefdeck.planning.opening import key_figures
from briefdeck.planning.sections import section
from briefdeck.planning.state import Context, PlanState, add, panel, text

THIN_CLOSING = 3
"""Most outlook lines that go beside the key figures (more fill a slide of their own)."""
THIN_TEXT = 120
"""Most characters of outlook lines beside the key figures (a long quote needs the width)."""
RECAP_MIN = 3
"""Fewest figures not on the summary that make a recap of their own (fewer: the key figures)."""


def ending(ctx: Context, st: PlanState) -> None:
    """Plan the ending: the article's outlook, else a recap of the key figures; the closing
    words title it when they fit as a title, else they are its last line."""
    o, w = ctx.outline, ctx.words
    coda = o.coda
    if not o.closing:
        recap = recap_figures(ctx, st)
        if _as_title(ctx, "key_figures", coda):
            key_figures(ctx, st, coda, w["recap"], figures=recap)
        elif coda:
            _beside_figures(ctx, st, w["recap"], _lines(coda), coda, recap)
        else:
            key_figures(ctx, st, w["recap"], figures=recap)
        sources(ctx, st)
        return
    title = coda if _as_title(ctx, "closing", coda) else ""
    closing = [*o.closing, *(_lines(coda) if coda and not title else [])]
    notes = "\n\n".join(x for x in (coda, o.closing_notes) if x)
    thin = len(closing) <= THIN_CLOSING and sum(len(b.text) for b in closing) <= THIN_TEXT
    if thin and len(o.key_figures) >= FIGURES_SLIDE_MIN:
        # a few short outlook lines alone are a thin slide: they go beside the key figures
        _beside_figures(ctx, st, title or w["outlook"], closing, notes, recap_figures(ctx, st))
        sources(ctx, st)
        return
    for n, chunk in enumerate(balanced(ctx.measure, "closing", closing)):
        body = text(ctx, st, "closing", "body", chunk)
        kicker = w["outlook"] if title else ""
        add(ctx, st, "closing", (title or w["outlook"]) + ctx.continued(n), notes, body=body,
            kicker=kicker)  # fmt: skip
    sources(ctx, st)


def _lines(coda: str) -> list[Bullet]:
    """Return the closing words as lines, a sentence each."""
    return [Bullet(x.rstrip("。")) for x in re.split(r"(?<=[。！!])", coda) if x]


def _as_title(ctx: Context, kind: AnyKind, coda: str) -> bool:
    """Return True when the closing words fit the slide's title within its sizes."""
    return bool(coda) and fits_title(ctx.measure, ctx.measure.box(kind, "title"), coda)


def _beside_figures(
    ctx: Context,
    st: PlanState,
    title: str,
    lines: list[Bullet],
    notes: str,
    figures: tuple[Figure, ...],
) -> None:
    """Plan a closing slide of a few lines beside the recap's figures."""
    grid = ctx.layouts.for_kind("section_cards").cards
    shown = tuple(panel(ctx, st, grid, list(figures))[0])
    part = SectionOutline(title, bullets=(*lines,), figures=shown, notes=notes)
    section(ctx, st, part, recap=True)


def recap_figures(ctx: Context, st: PlanState) -> tuple[Figure, ...]:
    """Return the figures a closing recap shows: the key figures and the next most salient
    the summary's cards did not show, when they fill a slide (three or more); else the key
    figures, the next most salient first when the summary showed every key figure."""
    o = ctx.outline
    fresh = [
        f for f in dict.fromkeys((*o.key_figures, *o.more_figures)) if fact(f) not in st.opening
    ]
    if len(fresh) >= RECAP_MIN:
        return tuple(fresh)
    if not o.key_figures or not all(fact(f) in st.opening for f in o.key_figures):
        return o.key_figures
    return (*o.more_figures, *o.key_figures)


def sources(ctx: Context, st: PlanState) -> None:
    """Plan the sources slides of a digest: every article used, as title, paper and date."""
    lines = [Bullet(c) for c in ctx.outline.citations]
    box = ctx.measure.box("closing", "body")
    if box is not None:
        box = dataclasses.replace(box, sizes=ctx.layouts.list_sizes)
    n, start = 0, 1
    while lines and box is not None:
        chunk = lines[:1]
        while len(chunk) < len(lines) and fit(ctx.measure, box, lines[: len(chunk) + 1], True, 2):
            chunk = lines[: len(chunk) + 1]
        body = text(ctx, st, "closing", "body", chunk, (), True, 2, start, box)
        notes = "\n".join(ctx.outline.citations)
        add(ctx, st, "closing", ctx.words["sources"] + ctx.continued(n), notes, body=body)
        lines, start, n = lines[len(chunk) :], start + len(chunk), n + 1

"""The opening slides: cover, summary or key figures, and contents."""

from __future__ import annotations

import dataclasses
from collections import Counter

from briefdeck.layouts import CardGrid
from briefdeck.model import AnyKind, Bullet, Figure, SectionOutline
from briefdeck.outline import FIGURES_SLIDE_MIN, cover_line
from briefdeck.planning.cards import card_sizes, fact, placed
from briefdeck.planning.fitting import fit, strings, take
from briefdeck.planning.sections import emphasis, section
from briefdeck.planning.state import Context, PlanState, add, panel, text

CONTENTS_MIN = 3
"""Fewest sections (topics of a part counted each) that make a contents slide."""
CONTENTS_MAX = 10
"""Most entries on the contents slide; more are shortened to their titles, then cut."""


def cover(ctx: Context, st: PlanState) -> None:
    """Plan the cover: the zone, the subtitle and the cover line."""
    o = ctx.outline
    add(
        ctx,
        st,
        "cover",
        o.zone,
        o.notes,
        subtitle=text(ctx, st, "cover", "subtitle", [Bullet(x) for x in o.subtitle.split("\n")]),
        body=text(ctx, st, "cover", "body", [Bullet(cover_line(o))]),
    )


def key_figures(
    ctx: Context,
    st: PlanState,
    title: str = "",
    kicker: str = "",
    kind: AnyKind = "key_figures",
    figures: tuple[Figure, ...] | None = None,
) -> None:
    """Plan a slide of cards: the key figures (or `figures`), as many as fit."""
    figures = ctx.outline.key_figures if figures is None else figures
    if len(figures) < FIGURES_SLIDE_MIN:
        return  # one figure is no slide of figures (the summary's panel shows it)
    for count in range(len(figures), 0, -1):  # fewer figures only when all cannot fit
        grid, sizes = _card_grid(ctx, st, ctx.layouts.for_kind(kind).cards, figures[:count])
        if sizes is not None:
            break
    if count < len(figures):
        st.warnings.append(f"{len(figures) - count} key figures left to the notes")
    cards = placed(grid, figures[:count], sizes)
    if not title:
        st.shown.update(fact(f) for f in figures[:count])
    notes = "\n\n".join(n for n in (title if kicker else "", ctx.outline.key_notes) if n)
    add(ctx, st, kind, title or ctx.words["key_figures"], notes, kicker=kicker, cards=cards)


def _card_grid(
    ctx: Context, st: PlanState, full: CardGrid | None, figures: tuple[Figure, ...]
) -> tuple[CardGrid | None, tuple[float, float] | None]:
    """Return the grid of `full`, with fewer columns if need be, on which every one of
    `figures` fits, and the sizes (None when none fits; warned for a single figure)."""
    m = ctx.measure.metrics
    grid, (sizes, _) = full, card_sizes(m, full, figures)
    while sizes is None and grid is not None and grid.max_columns > 1:
        grid = dataclasses.replace(grid, max_columns=grid.max_columns - 1)  # wider cards
        sizes, problem = card_sizes(m, grid, figures)
        if problem and len(figures) == 1:
            st.warnings.append(problem)
    return grid, sizes


def summary(ctx: Context, st: PlanState, part: SectionOutline) -> None:
    """Plan the summary, one slide: the lead's bullets that fit, main news first (the rest in
    its notes), beside the key figures that its card panel holds (the most salient first); a
    deck with no other section goes on over continuation slides rather than drop its points."""
    notes = "\n\n".join(n for n in (part.notes, ctx.outline.key_notes) if n)
    part = dataclasses.replace(part, figures=panel_figures(ctx, st), notes=notes)
    kept = take(ctx.measure, "section_cards", list(part.bullets), None, emphasis(ctx, part))
    rest = part.bullets[len(kept) :]
    alone = len(rest) >= 2 and not any(not s.summary for s in ctx.outline.sections)
    left = part.left_out if alone else (*rest, *part.left_out)  # else the rest in its notes
    section(ctx, st, dataclasses.replace(part, bullets=tuple(kept), left_out=left), False)
    st.opening = {fact(c) for c in st.slides[-1].cards}
    if alone:  # the deck's only part: its points go on, not to the notes
        title = part.title + ctx.continued(1)
        section(ctx, st, SectionOutline(title, bullets=rest, notes=part.notes), False)


def panel_figures(ctx: Context, st: PlanState) -> tuple[Figure, ...]:
    """Return the key figures that one card panel beside bullets holds, most salient first."""
    grid = ctx.layouts.for_kind("section_cards").cards
    return tuple(panel(ctx, st, grid, list(ctx.outline.key_figures))[0])


def contents(ctx: Context, st: PlanState) -> None:
    """Plan one contents slide: each section title once, in two columns when many."""
    listed = [s for s in ctx.outline.sections if not (s.subtopic or s.summary)]
    titles = {s.title for s in listed}
    listed = [s for s in listed if s.kicker not in titles]  # a section's topics: listed once
    kickers = Counter(s.kicker for s in listed if s.kicker)
    parent = {k for k, n in kickers.items() if n > 1}  # topics of one section: it, once
    full = list(
        dict.fromkeys(
            Bullet(s.kicker) if s.kicker in parent else Bullet(s.title, s.kicker) for s in listed
        )
    )
    short = [Bullet(b.text) for b in full]
    parts = [s for s in ctx.outline.sections if not s.summary]
    if len(full) < 2 or len(parts) < CONTENTS_MIN:
        return  # two sections follow one another plainly: a contents slide would be near empty
    box = ctx.measure.box("contents", "body")
    notes = "\n".join(strings(full, ctx.measure.sep))
    for names in (full, short, short[:CONTENTS_MAX]):
        lines = names[: 2 * CONTENTS_MAX]
        for columns in (1, 2):
            if box is None or fit(ctx.measure, box, lines, True, columns) is not None:
                body = text(ctx, st, "contents", "body", lines, numbered=True, columns=columns)
                add(ctx, st, "contents", ctx.words["contents"], notes, body=body)
                return
    lines = short[:CONTENTS_MAX]
    body = text(ctx, st, "contents", "body", lines, numbered=True, columns=2)
    add(ctx, st, "contents", ctx.words["contents"], notes, body=body)

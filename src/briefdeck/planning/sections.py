"""The slides of a section: its bullets over as few slides as they need, its cards beside."""

from __future__ import annotations

import dataclasses
import re

from briefdeck.chars import display
from briefdeck.metrics import figure_texts
from briefdeck.model import AnyKind, Bullet, Figure, SectionOutline
from briefdeck.planning import charts
from briefdeck.planning.cards import fact
from briefdeck.planning.fitting import balanced, strings
from briefdeck.planning.state import Context, PlanState, add, panel, text

BULLET_KEY = 8
"""Characters of a bullet looked for in its section's source to find where it stands."""


def section(
    ctx: Context, st: PlanState, part: SectionOutline, tables: bool = True, recap: bool = False
) -> None:
    """Plan a section: bullets split evenly over as few slides as they need, each card on
    the slide whose bullets state its figure (else where there is room), then charts, then
    its tables (unless not `tables`: the summary's follow the contents). Cards shown before
    are left out, unless it is a `recap`."""
    cards = [f for f in part.figures if recap or fact(f) not in st.shown]
    if not cards and not part.bullets and part.tables:
        charts.tables(ctx, st, part)  # a heading over a table alone: the table is the section
        return
    if not cards and len(part.bullets) < 2:
        cards = list(part.figures)  # a lone bullet keeps its cards, shown before or not
    st.shown.update(fact(f) for f in cards)
    bold = emphasis(ctx, part)
    kind: AnyKind = "section_cards" if cards else "section"
    chunks = balanced(ctx.measure, kind, list(part.bullets), bold)
    slides = deal(ctx, st, chunks, cards, part.notes)
    if ctx.outline.citations and len(slides) > 1:  # a digest gives an article one slide
        left = [b for chunk, _ in slides[1:] for b in chunk]
        part = dataclasses.replace(part, left_out=(*left, *part.left_out))
        slides = slides[:1]
    for n, (chunk, shown) in enumerate(slides):
        again = len(shown) == 1 and any(shown[0].text in b.text for b in chunk)
        if again and len(chunk) >= 3 and not part.summary:
            shown = []  # one card saying again what a bullet says: the bullets take the width
            # (not the summary's: the zone's headline figure stands out there)
        kind = "section_cards" if shown else "section"
        _, placed = panel(ctx, st, ctx.layouts.for_kind(kind).cards, shown)
        add(
            ctx,
            st,
            kind,
            part.title + ctx.continued(n),
            section_notes(ctx, part),
            kicker=part.kicker,
            body=text(ctx, st, kind, "body", chunk, bold),
            cards=placed,
        )
    for each in () if ctx.outline.citations else part.charts:
        charts.chart(ctx, st, each, part)
    if tables:
        charts.tables(ctx, st, part)


def deal(
    ctx: Context, st: PlanState, chunks: list[list[Bullet]], cards: list[Figure], notes: str = ""
) -> list[tuple[list[Bullet], list[Figure]]]:
    """Return the slides of a section: each chunk of bullets with its cards.

    A card goes with the chunk that states its figure, else with the chunk that has room
    whose bullets stand nearest to it in the section's source text (`notes`, as slides show
    it); cards left over get slides of their own.
    """
    grid = ctx.layouts.for_kind("section_cards").cards
    room = len(panel(ctx, st, grid, cards)[0]) if cards else 0
    slides: list[tuple[list[Bullet], list[Figure]]] = [(c, []) for c in chunks or [[]]]
    left = []
    for card in cards:
        home = next(
            (s for s in slides if len(s[1]) < room and any(card.text in b.text for b in s[0])),
            None,
        )
        (home[1].append(card) if home else left.append(card))
    stated = " ".join(b.head + b.text for chunk in chunks for b in chunk)
    source = ""  # displayed once a card is placed by distance among slides to choose from
    for card in left:
        if len(slides) > 1 and not source:
            source = display(notes)
        order = sorted(slides, key=lambda s: distance(source, card, s[0]))
        home = next((s for s in order if len(s[1]) < room), None)
        if home is None and card.text in stated:
            continue  # no slide of cards alone for a figure a bullet states already
        if home is None:
            slides.append(([], []))
            home = slides[-1]
        home[1].append(card)
    return [s for s in slides if s[0] or s[1]] or slides[:1]


def distance(source: str, card: Figure, bullets: list[Bullet]) -> int:
    """Return how far from `card`'s figure in `source` the nearest of `bullets` stands (0 when
    the source does not hold the figure: no slide is nearer than another)."""
    at = source.find(card.text)
    if at < 0:
        return 0
    found = [source.find(b.text[:BULLET_KEY]) for b in bullets if b.text]
    return min((abs(at - n) for n in found if n >= 0), default=len(source))


def emphasis(ctx: Context, part: SectionOutline) -> tuple[str, ...]:
    """Return the figures a section's text shows bold: its cards' and its bullets' own (a
    count written in a word under ten, 两个 or 三大, reads as a word and stays plain)."""
    found = [t for b in part.bullets for t in figure_texts(b.text, ctx.outline.language)]
    found = [t for t in found if re.search(r"\d|十|百|千|万|亿", t)]  # not 两个, 三大: a word
    return tuple(dict.fromkeys([*(f.text for f in part.figures), *found]))


def section_notes(ctx: Context, part: SectionOutline) -> str:
    """Return a section's notes: its source text, then what the budget left out of it."""
    if not part.left_out:
        return part.notes
    left = "\n".join(f"- {strings([b], ctx.measure.sep)[0]}" for b in part.left_out)
    return f"{part.notes}\n\n{ctx.words['left_out']}:\n{left}"

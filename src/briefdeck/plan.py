"""Map an outline onto a layout set: slide specs with fitted text and continuation slides."""

from __future__ import annotations

from collections.abc import Callable

from briefdeck.errors import BriefdeckError
from briefdeck.layouts import LayoutSet
from briefdeck.model import Deck, DeckInfo, ZoneOutline
from briefdeck.planning import charts, ending, media, opening, sections
from briefdeck.planning.cards import UNIT_SCALE
from briefdeck.planning.fitting import COLUMN_GAP
from briefdeck.planning.state import Context, PlanState
from briefdeck.planning.tables import CELL_X, CELL_Y

__all__ = [
    "BUILDERS",
    "CELL_X",  # the layout constants the renderer shares with the planner
    "CELL_Y",
    "COLUMN_GAP",
    "MAX_SLIDES",
    "UNIT_SCALE",
    "deck_info",
    "plan_deck",
    "steps",
]

MAX_SLIDES = 60
"""Most slides in one deck."""

Builder = Callable[[Context, PlanState, int], None]
"""Plans the slides of one kind into the state, given the index of the section they follow."""

BUILDERS: dict[str, Builder] = {
    "cover": lambda ctx, st, _: opening.cover(ctx, st),
    "summary": lambda ctx, st, at: opening.summary(ctx, st, ctx.outline.sections[at]),
    "key_figures": lambda ctx, st, _: opening.key_figures(ctx, st),
    "contents": lambda ctx, st, _: opening.contents(ctx, st),
    "section": lambda ctx, st, at: sections.section(ctx, st, ctx.outline.sections[at]),
    "tables": lambda ctx, st, at: charts.tables(ctx, st, ctx.outline.sections[at]),
    "photos": media.photos,
    "quotes": media.quotes,
    "ending": lambda ctx, st, _: ending.ending(ctx, st),
}
"""The slide builders by kind: each plans its slides from the outline into the state."""


def steps(outline: ZoneOutline) -> list[tuple[str, int]]:
    """Return the deck's builders in order, each with the index of its section."""
    summary = bool(outline.sections) and outline.sections[0].summary
    out = [("cover", 0), ("summary" if summary else "key_figures", 0), ("contents", 0)]
    if summary:  # the opening is summary and contents; the lead's tables, photos and quotes follow
        out += [("tables", 0), ("photos", 0), ("quotes", 0)]
    for i in range(1 if summary else 0, len(outline.sections)):
        out += [("section", i), ("photos", i), ("quotes", i)]
    return [*out, ("ending", 0)]


def plan_deck(outline: ZoneOutline, layouts: LayoutSet, max_slides: int = MAX_SLIDES) -> Deck:
    """Return the planned deck of one zone's outline in a layout set."""
    ctx, st = Context.of(outline, layouts), PlanState()
    for kind, at in steps(outline):
        start = len(st.slides)
        BUILDERS[kind](ctx, st, at)
        if kind == "section":
            st.spans[at] = (start, len(st.slides))
    if len(st.slides) > max_slides:
        raise BriefdeckError(
            f"{outline.zone}: the deck would have {len(st.slides)} slides,"
            f" more than the limit of {max_slides}"
        )
    warnings = (*outline.warnings, *st.warnings)
    return Deck(outline.zone, outline.language, tuple(st.slides), warnings, deck_info(outline))


def deck_info(outline: ZoneOutline) -> DeckInfo:
    """Return the deck's document properties: title or digest subtitle, topics, sources."""
    sep = outline.language.clause_sep
    topics = (s.title.replace("\n", " ") for s in outline.sections if not s.summary)
    return DeckInfo(
        subject=" ".join(outline.subtitle.split("\n")),
        keywords=tuple(dict.fromkeys((outline.zone, *topics))),
        description=sep.join(outline.citations) or outline.date,
    )

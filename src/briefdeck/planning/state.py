"""What the slide builders share: the deck's inputs, the plan so far, and adding a slide."""

from __future__ import annotations

import dataclasses

from briefdeck.layouts import Box, CardGrid, LayoutSet
from briefdeck.model import (
    AnyKind,
    Bullet,
    Chart,
    Figure,
    Role,
    SlideSpec,
    TableGrid,
    TextBox,
    ZoneOutline,
)
from briefdeck.outline import words
from briefdeck.planning import cards as card_fit
from briefdeck.planning.cards import Fact, Panel
from briefdeck.planning.fitting import Measure, cut_title, fit, spread, title_size


@dataclasses.dataclass(frozen=True)
class Context:
    """The inputs of one deck's plan: its outline, layout set, measure and own words."""

    outline: ZoneOutline
    layouts: LayoutSet
    measure: Measure
    words: dict[str, str]

    @classmethod
    def of(cls, outline: ZoneOutline, layouts: LayoutSet) -> Context:
        """Return the context of planning `outline` on `layouts`."""
        measure = Measure.of(layouts, outline.language)
        return cls(outline, layouts, measure, words(outline.language))

    def continued(self, n: int) -> str:
        """Return the mark of the n-th continuation slide: none, （续）, （续2）…"""
        if n == 0:
            return ""
        return self.words["continued"] if n == 1 else self.words["continued_n"].format(n=n)


@dataclasses.dataclass
class PlanState:
    """The plan so far, shared by the slide builders."""

    slides: list[SlideSpec] = dataclasses.field(default_factory=list)
    """The slides planned, in order."""
    warnings: list[str] = dataclasses.field(default_factory=list)
    """The problems met (text too long, figures left out...)."""
    shown: set[Fact] = dataclasses.field(default_factory=set)
    """The figures already on a card: a later section does not repeat them (the closing recap
    does, by design)."""
    opening: set[Fact] = dataclasses.field(default_factory=set)
    """The figures on the summary slide's cards."""
    spans: dict[int, tuple[int, int]] = dataclasses.field(default_factory=dict)
    """Section index -> the first of its slides and the one after its last (its quotes go in
    between when they were said early in a section of several slides)."""


def text(
    ctx: Context,
    st: PlanState,
    kind: AnyKind,
    role: Role,
    lines: list[Bullet],
    emphasis: tuple[str, ...] = (),
    numbered: bool = False,
    columns: int = 1,
    start: int = 1,
    box: Box | None = None,
) -> TextBox | None:
    """Return the fitted text of a placeholder (`box` overrides the layout's sizes)."""
    ms = ctx.measure
    box = box or ms.box(kind, role)
    if box is None or not any(b.text or b.head for b in lines):
        return None
    size = fit(ms, box, lines, numbered, columns, emphasis)
    if size is None:
        st.warnings.append(f"text too long for one {kind} slide: {lines[0].text[:30]}")
        size = box.sizes[0]
    space = spread(ms, box, lines, size, numbered, emphasis) if columns == 1 else None
    return TextBox(tuple(lines), size, emphasis, numbered, columns, start, space)


def panel(
    ctx: Context, st: PlanState, grid: CardGrid | None, cards: list[Figure]
) -> tuple[list[Figure], Panel]:
    """Return the most cards (up to PANEL_CARDS) that fit the grid together, and their panel."""
    shown, placed, problem = card_fit.panel(ctx.measure.metrics, grid, cards)
    if problem:
        st.warnings.append(problem)
    return shown, placed


def add(
    ctx: Context,
    st: PlanState,
    kind: AnyKind,
    title: str,
    notes: str,
    *,
    kicker: str = "",
    body: TextBox | None = None,
    subtitle: TextBox | None = None,
    cards: Panel | None = None,
    chart: Chart | None = None,
    table: TableGrid | None = None,
) -> None:
    """Append a slide of `kind`; a long title without a kicker is cut into kicker and title."""
    layout = ctx.layouts.for_kind(kind)
    if not kicker and "kicker" in layout.placeholders:
        title, kicker = cut_title(ctx.measure, ctx.measure.box(kind, "title"), title)
    cards = cards or Panel()
    st.slides.append(
        SlideSpec(
            kind=kind,
            layout=layout.name,
            title=title,
            title_size=_title_size(ctx, st, kind, title),
            notes=notes,
            kicker=kicker,
            body=body,
            subtitle=subtitle,
            cards=cards.cards,
            card_sizes=cards.sizes,
            card_boxes=cards.boxes,
            chart=chart,
            table=table,
        )
    )


def _title_size(ctx: Context, st: PlanState, kind: AnyKind, title: str) -> float:
    """Return the size of a slide's title (the set's smallest, warned, when it does not fit)."""
    box = ctx.measure.box(kind, "title")
    assert box is not None  # layouts validate that every layout has a title
    size = title_size(ctx.measure, box, title)
    if size is None:
        st.warnings.append(f"title too long to fit: {title[:30]}")
        return box.sizes[0]
    return size

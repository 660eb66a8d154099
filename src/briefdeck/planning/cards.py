"""Number cards: the sizes at which figures and labels fit a card grid, and their panels."""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from briefdeck.geometry import INSET_X, INSET_Y
from briefdeck.layouts import CardGrid
from briefdeck.model import Figure
from briefdeck.textfit import SCRIPT_GAP, Metrics, fit_size, text_width

UNIT_SCALE = 0.5
"""Size of a card's unit and qualifier relative to its figure."""
SAFETY = 1.25
"""Widen measured figures by this much: renderers differ in digit widths and kerning."""
PANEL_CARDS = 3
"""Most number cards beside bullets on one slide."""

Fact = tuple[str, str, str]
"""What makes two cards one fact: value, unit and label."""


@dataclasses.dataclass(frozen=True)
class Panel:
    """Number cards placed on a slide's card grid."""

    cards: tuple[Figure, ...] = ()
    """The cards, in reading order."""
    sizes: tuple[float, float] = (40.0, 14.0)
    """Figure and label size in points, one for every card."""
    boxes: tuple[tuple[float, float, float, float], ...] = ()
    """Each card's (x, y, w, h) in inches; empty on a layout without a grid."""


LONE_SCALE = 1.5
"""How much larger a card alone in its panel may set its figure than the grid's largest size."""
LABEL_SCALE = 1.25
"""How much larger a card alone in its panel may set its label."""


def fact(figure: Figure) -> Fact:
    """Return what makes two cards one fact: value, unit and label."""
    return (figure.value, figure.unit, figure.label)


def figure_line_size(figure: Figure, width: float, sizes: tuple[float, float]) -> float | None:
    """Return the largest figure size at which value, qualifier and unit fit on one line."""
    small = (text_width(figure.prefix + figure.suffix) + SCRIPT_GAP) * UNIT_SCALE
    ems = (text_width(figure.value, bold=True) + small) * SAFETY
    best = (width - 2 * INSET_X) * 72 / ems if ems else sizes[1]
    if best < sizes[0]:
        return None
    return float(min(sizes[1], int(best)))


def card_sizes(
    m: Metrics, grid: CardGrid | None, figures: list[Figure] | tuple[Figure, ...]
) -> tuple[tuple[float, float] | None, str]:
    """Return one figure size and one label size that fit every card of the grid, and "".

    None and the problem instead when some figure or label does not fit at the smallest size.
    """
    return _card_sizes(m, grid, tuple(figures))


@lru_cache(maxsize=1024)
def _card_sizes(
    m: Metrics, grid: CardGrid | None, figures: tuple[Figure, ...]
) -> tuple[tuple[float, float] | None, str]:
    """Return `card_sizes`, sized once (a section's cards are sized for each of its slides)."""
    if grid is None or not figures:
        return (40.0, 14.0), ""
    _, _, w, h = grid.cells(len(figures))[0]
    low, high = grid.figure_sizes
    top = (low, high * LONE_SCALE) if len(figures) == 1 else (low, high)  # a card alone: bigger
    small, large = grid.label_sizes
    label_range = (small, large * LABEL_SCALE) if len(figures) == 1 else (small, large)
    sizes = [figure_line_size(f, w, top) for f in figures]
    if None in sizes:
        return None, f"figure too wide for its card: {figures[sizes.index(None)].text}"
    figure = min(s for s in sizes if s is not None)
    while True:  # the largest figure that leaves room for every label
        room = (w, h - figure * m.line_height * m.line_spacing / 72 - INSET_Y)
        labels = [fit_size([f.label], room, label_range, m) for f in figures]
        if None not in labels:
            return (figure, min(s for s in labels if s is not None)), ""
        if figure <= grid.figure_sizes[0]:
            break
        figure -= 2
    return None, f"label too long for its card: {figures[labels.index(None)].label}"


def panel(
    m: Metrics, grid: CardGrid | None, cards: list[Figure]
) -> tuple[list[Figure], Panel, str]:
    """Return the most cards (up to PANEL_CARDS) that fit the grid together, their panel, and
    the problem of one card alone not fitting ("" when none)."""
    problem = ""
    for n in range(min(PANEL_CARDS, len(cards)), 0, -1):
        sizes, problem = card_sizes(m, grid, cards[:n])
        if sizes is not None:
            return cards[:n], placed(grid, cards[:n], sizes), ""
    return cards[:1], placed(grid, cards[:1], None), problem


def placed(
    grid: CardGrid | None,
    cards: list[Figure] | tuple[Figure, ...],
    sizes: tuple[float, float] | None,
) -> Panel:
    """Return the panel placing `cards` on `grid` at `sizes` (the smallest if None)."""
    if grid is None or not cards:
        return Panel(tuple(cards))
    sizes = sizes or (grid.figure_sizes[0], grid.label_sizes[0])
    return Panel(tuple(cards), sizes, tuple(grid.cells(len(cards))))

"""Map an outline onto a layout set: slide specs with fitted text and continuation slides."""

from __future__ import annotations

import dataclasses
from typing import Any

from briefdeck.errors import BriefdeckError
from briefdeck.layouts import Box, CardGrid, LayoutSet
from briefdeck.metrics import figure_texts
from briefdeck.model import (
    Bullet,
    Chart,
    Deck,
    Figure,
    SectionOutline,
    SlideSpec,
    TextBox,
    ZoneOutline,
)
from briefdeck.outline import cover_line, words
from briefdeck.textfit import INSET_X, INSET_Y, SCRIPT_GAP, Metrics, fit_size, text_width

UNIT_SCALE = 0.5
"""Size of a card's unit and qualifier relative to its figure."""
SAFETY = 1.25
"""Widen measured figures by this much: renderers differ in digit widths and kerning."""
PANEL_CARDS = 4
"""Most number cards beside bullets on one slide."""
MAX_SLIDES = 60
"""Most slides in one deck."""


class _Planner:
    """Builds the slide specs of one deck."""

    def __init__(self, outline: ZoneOutline, layouts: LayoutSet) -> None:
        self.outline = outline
        self.layouts = layouts
        self.w = words(outline.language)
        self.m = Metrics(layouts.line_height, layouts.line_spacing, layouts.paragraph_space)
        self.warnings: list[str] = []
        self.slides: list[SlideSpec] = []
        self.sep = "：" if outline.language == "zh" else ": "

    # -------------------------------------------------------------- helpers

    def box(self, kind: str, role: str) -> Box | None:
        return self.layouts.for_kind(kind).placeholders.get(role)

    def title_size(self, kind: str, title: str) -> float:
        box = self.box(kind, "title")
        assert box is not None  # layouts validate that every layout has a title
        size = fit_size([title], (box.w, box.h), box.sizes, self.m, box.bold)
        if size is None:
            self.warnings.append(f"title too long to fit: {title[:30]}")
            return box.sizes[0]
        return size

    def text(
        self,
        kind: str,
        role: str,
        lines: list[Bullet],
        emphasis: tuple[str, ...] = (),
        numbered: bool = False,
    ) -> TextBox | None:
        box = self.box(kind, role)
        if box is None or not any(b.text or b.head for b in lines):
            return None
        size = self.fit(box, lines, numbered)
        if size is None:
            self.warnings.append(f"text too long for one {kind} slide: {lines[0].text[:30]}")
            size = box.sizes[0]
        return TextBox(tuple(lines), size, emphasis, numbered)

    def fit(self, box: Box, lines: list[Bullet], numbered: bool = False) -> float | None:
        """Return the largest size at which `lines` fit `box`, or None (bold where heads are)."""
        bold = box.bold or any(b.head for b in lines)
        width = box.w - self.indent(box)
        return fit_size(self.strings(lines, numbered), (width, box.h), box.sizes, self.m, bold)

    def strings(self, lines: list[Bullet], numbered: bool = False) -> list[str]:
        prefix = "00. " if numbered else ""
        return [
            prefix + (b.head + self.sep + b.text if b.head and b.text else b.head or b.text)
            for b in lines
        ]

    @staticmethod
    def indent(box: Box) -> float:
        return 0.3 if box.bullets else 0.0

    def add(self, kind: str, title: str, notes: str, **slots: object) -> None:
        layout = self.layouts.for_kind(kind)
        self.slides.append(
            SlideSpec(
                kind=kind,
                layout=layout.name,
                title=title,
                title_size=self.title_size(kind, title),
                notes=notes,
                **slots,
            )  # type: ignore[arg-type]
        )

    # -------------------------------------------------------------- slides

    def cover(self) -> None:
        o = self.outline
        self.add(
            "cover",
            o.zone,
            o.notes,
            subtitle=self.text("cover", "subtitle", [Bullet(o.subtitle)]),
            body=self.text("cover", "body", [Bullet(cover_line(o))]),
        )

    def key_figures(self) -> None:
        figures = self.outline.key_figures
        if not figures:
            return
        grid = self.layouts.for_kind("key_figures").cards
        sizes = self.card_sizes(grid, figures, warn=False)
        while sizes is None and grid is not None and grid.max_columns > 1:
            grid = dataclasses.replace(grid, max_columns=grid.max_columns - 1)  # wider cards
            sizes = self.card_sizes(grid, figures, warn=grid.max_columns == 1)
        slots = self.card_slots(grid, figures, sizes)
        self.add("key_figures", self.w["key_figures"], self.outline.key_notes, **slots)

    def contents(self) -> None:
        names = [
            s.kicker if s.subtopic else f"{s.kicker} {s.title}" if s.kicker else s.title
            for s in self.outline.sections
        ]
        titles = [Bullet(name) for name in dict.fromkeys(names)]
        if len(titles) < 2:
            return
        notes = "\n".join(b.text for b in titles)
        for n, chunk in enumerate(self.chunks("contents", titles, numbered=True)):
            title = self.w["contents"] + (self.w["continued"] if n else "")
            self.add(
                "contents", title, notes, body=self.text("contents", "body", chunk, numbered=True)
            )

    def section(self, section: SectionOutline) -> None:
        cards = list(section.figures) if len(section.figures) >= 2 else []
        found = [t for b in section.bullets for t in figure_texts(b.text, self.outline.language)]
        emphasis = tuple(dict.fromkeys([*(f.text for f in section.figures), *found]))
        bullets = list(section.bullets)
        n = 0
        while n == 0 or bullets or cards:
            kind = "section_cards" if cards else "section"
            panel, slots = self.panel(self.layouts.for_kind(kind).cards, cards)
            cards = cards[len(panel) :]
            chunk = self.take(kind, bullets)
            bullets = bullets[len(chunk) :]
            if n and not chunk and not panel:
                break
            title = section.title + (self.w["continued"] if n else "")
            self.add(
                kind,
                title,
                section.notes,
                kicker=section.kicker,
                body=self.text(kind, "body", chunk, emphasis),
                **slots,
            )
            n += 1
        for chart in section.charts:
            self.chart(chart, section)

    def chart(self, chart: Chart, section: SectionOutline) -> None:
        unit = f"（{chart.unit}）" if self.outline.language == "zh" else f" ({chart.unit})"
        self.add(
            "chart",
            chart.title + (unit if chart.unit else ""),
            chart.notes,
            kicker=section.title,
            chart=chart,
        )

    def photos(self, after: int) -> None:
        for n, photo in enumerate(self.outline.photos, start=1):
            if photo.after != after:
                continue
            notes = "\n".join(x for x in (photo.caption, photo.credit) if x)
            lines = [Bullet(photo.credit)] if photo.credit else []
            title = photo.caption
            box = self.box("photo", "title")
            if box is not None and self.fit(box, [Bullet(title)]) is None:
                # a caption too long for the title goes into the text box under a short title
                title, lines = f"{self.w['photo']} {n}", [Bullet(photo.caption), *lines]
            self.add("photo", title, notes, body=self.text("photo", "body", lines))

    def quotes(self) -> None:
        for quote in self.outline.quotes:
            text = f"“{quote.text}”"
            title = quote.speaker or self.w["quote"]
            notes = f"{text}\n— {quote.speaker}" if quote.speaker else text
            self.add("quote", title, notes, body=self.text("quote", "body", [Bullet(text)]))

    def closing(self) -> None:
        bullets = list(self.outline.closing)
        n = 0
        while bullets:
            chunk = self.take("closing", bullets)
            bullets = bullets[len(chunk) :]
            title = self.w["outlook"] + (self.w["continued"] if n else "")
            self.add(
                "closing",
                title,
                self.outline.closing_notes,
                body=self.text("closing", "body", chunk),
            )
            n += 1

    # -------------------------------------------------------------- fitting

    def take(self, kind: str, bullets: list[Bullet], numbered: bool = False) -> list[Bullet]:
        """Return the longest head of `bullets` that fits one slide of `kind`."""
        layout = self.layouts.for_kind(kind)
        box = layout.placeholders.get("body")
        if box is None:
            return []
        taken: list[Bullet] = []
        for bullet in bullets[: layout.max_items]:
            if taken and self.fit(box, [*taken, bullet], numbered) is None:
                break
            taken.append(bullet)
        if len(taken) < len(bullets) and len(taken) > 3:
            rest = len(bullets) - len(taken)
            if rest < 3:  # balance: avoid a continuation slide of one or two lines
                taken = taken[: max(3, len(taken) - (3 - rest))]
        return taken

    def chunks(
        self, kind: str, bullets: list[Bullet], numbered: bool = False
    ) -> list[list[Bullet]]:
        out = []
        while bullets:
            chunk = self.take(kind, bullets, numbered) or bullets[:1]
            out.append(chunk)
            bullets = bullets[len(chunk) :]
        return out

    def card_sizes(
        self, grid: CardGrid | None, figures: list[Figure] | tuple[Figure, ...], warn: bool = True
    ) -> tuple[float, float] | None:
        """Return one figure size and one label size that fit every card of the grid.

        None when some figure or label does not fit at the smallest size (warned when `warn`).
        """
        if grid is None or not figures:
            return (40.0, 14.0)
        _, _, w, h = grid.cells(len(figures))[0]
        sizes = [_figure_line_size(f, w, grid.figure_sizes) for f in figures]
        if None in sizes:
            if warn:
                self.warnings.append(
                    f"figure too wide for its card: {figures[sizes.index(None)].text}"
                )
            return None
        figure = min(s for s in sizes if s is not None)
        while True:  # the largest figure that leaves room for every label
            room = (w, h - figure * self.m.line_height * self.m.line_spacing / 72 - INSET_Y)
            labels = [fit_size([f.label], room, grid.label_sizes, self.m) for f in figures]
            if None not in labels:
                return (figure, min(s for s in labels if s is not None))
            if figure <= grid.figure_sizes[0]:
                break
            figure -= 2
        if warn:
            self.warnings.append(
                f"label too long for its card: {figures[labels.index(None)].label}"
            )
        return None

    def panel(
        self, grid: CardGrid | None, cards: list[Figure]
    ) -> tuple[list[Figure], dict[str, Any]]:
        """Return the most cards (up to PANEL_CARDS) that fit the grid together, and their slots."""
        for n in range(min(PANEL_CARDS, len(cards)), 0, -1):
            sizes = self.card_sizes(grid, cards[:n], warn=n == 1)
            if sizes is not None:
                return cards[:n], self.card_slots(grid, cards[:n], sizes)
        return cards[:1], self.card_slots(grid, cards[:1], None)

    def card_slots(
        self,
        grid: CardGrid | None,
        cards: list[Figure] | tuple[Figure, ...],
        sizes: tuple[float, float] | None,
    ) -> dict[str, Any]:
        """Return the SlideSpec fields placing `cards` on `grid` at `sizes` (smallest if None)."""
        if grid is None or not cards:
            return {"cards": tuple(cards)}
        sizes = sizes or (grid.figure_sizes[0], grid.label_sizes[0])
        return {
            "cards": tuple(cards),
            "card_sizes": sizes,
            "card_boxes": tuple(grid.cells(len(cards))),
        }


def _figure_line_size(figure: Figure, width: float, sizes: tuple[float, float]) -> float | None:
    """Return the largest figure size at which value, qualifier and unit fit on one line."""
    small = (text_width(figure.qualifier + figure.unit_text) + SCRIPT_GAP) * UNIT_SCALE
    ems = (text_width(figure.value, bold=True) + small) * SAFETY
    best = (width - 2 * INSET_X) * 72 / ems if ems else sizes[1]
    if best < sizes[0]:
        return None
    return float(min(sizes[1], int(best)))


def plan_deck(outline: ZoneOutline, layouts: LayoutSet, max_slides: int = MAX_SLIDES) -> Deck:
    """Return the planned deck of one zone's outline in a layout set."""
    p = _Planner(outline, layouts)
    p.cover()
    p.key_figures()
    p.contents()
    for i, section in enumerate(outline.sections):
        p.section(section)
        p.photos(i)
    p.quotes()
    p.closing()
    if len(p.slides) > max_slides:
        raise BriefdeckError(
            f"{outline.zone}: the deck would have {len(p.slides)} slides,"
            f" more than the limit of {max_slides}"
        )
    return Deck(outline.zone, outline.language, tuple(p.slides), tuple(p.warnings))

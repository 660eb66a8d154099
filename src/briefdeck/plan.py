"""Map an outline onto a layout set: slide specs with fitted text and continuation slides."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from briefdeck.bullets import refers_back
from briefdeck.chars import display
from briefdeck.errors import BriefdeckError
from briefdeck.layouts import Box, CardGrid, LayoutSet
from briefdeck.metrics import figure_texts
from briefdeck.model import (
    Bullet,
    Chart,
    DataTable,
    Deck,
    DeckInfo,
    Figure,
    SectionOutline,
    SlideSpec,
    TableGrid,
    TextBox,
    ZoneOutline,
)
from briefdeck.numbers import cell_quantity
from briefdeck.outline import FIGURES_SLIDE_MIN, cover_line, table_charts, words
from briefdeck.textfit import (
    INSET_X,
    INSET_Y,
    NO_LINE_END,
    NO_LINE_START,
    SCRIPT_GAP,
    Metrics,
    fit_size,
    paragraph_gap,
    paragraph_height,
    text_height,
    text_width,
)

UNIT_SCALE = 0.5
"""Size of a card's unit and qualifier relative to its figure."""
SAFETY = 1.25
"""Widen measured figures by this much: renderers differ in digit widths and kerning."""
PANEL_CARDS = 4
"""Most number cards beside bullets on one slide."""
MAX_SLIDES = 60
"""Most slides in one deck."""
COLUMN_GAP = 0.4
"""Inches between the columns of a two-column contents list."""
COLUMN_FILL = 0.85
"""Share of a further column counted as room (a column breaks between paragraphs)."""
CONTENTS_MAX = 10
"""Most entries on the contents slide; more are shortened to their titles, then cut."""
SPREAD = 0.6
"""Share of a text box's free height a few bullets are spread over (the rest stays below)."""
SHORT_DECK = 3
"""A deck of this few slides (cover included) that has shown every key figure needs no recap."""
BULLET_KEY = 8
"""Characters of a bullet looked for in its section's source to find where it stands."""


CELL_X = 0.1
"""Left and right margin inside a table cell, inches."""
CELL_Y = 0.05
"""Top and bottom margin inside a table cell, inches."""
CELL_SLACK = 0.05
"""Inches added to a column's measured width: renderers differ in glyph widths."""
ROW_SAFETY = 1.05
"""Rows are measured this much taller than their text: a renderer's CJK face may be taller than
the measure's line, and a table row too short grows past its frame (rows never shrink)."""


MIN_TITLE = 12
"""The smallest title (points) when a title does not fit at the layout's smallest size."""


@dataclasses.dataclass(frozen=True)
class Panel:
    """Number cards placed on a slide's card grid."""

    cards: tuple[Figure, ...] = ()
    """The cards, in reading order."""
    sizes: tuple[float, float] = (40.0, 14.0)
    """Figure and label size in points, one for every card."""
    boxes: tuple[tuple[float, float, float, float], ...] = ()
    """Each card's (x, y, w, h) in inches; empty on a layout without a grid."""


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
        self.shown: set[tuple[str, str, str]] = set()
        """The figures (value, unit, label) already on a card: a later section does not repeat
        them (the closing recap does, by design)."""
        self.opening: set[tuple[str, str, str]] = set()
        """The figures on the summary slide's cards."""

    # -------------------------------------------------------------- helpers

    def box(self, kind: str, role: str) -> Box | None:
        return self.layouts.for_kind(kind).placeholders.get(role)

    def continued(self, n: int) -> str:
        """Return the mark of the n-th continuation slide: none, （续）, （续2）…"""
        if n == 0:
            return ""
        return self.w["continued"] if n == 1 else self.w["continued_n"].format(n=n)

    def cut_title(self, kind: str, title: str) -> tuple[str, str]:
        """Return (title, kicker): a title too long for its box cut at its first separator,
        the first part shown as the kicker."""
        box = self.box(kind, "title")
        if box is None or fit_size([title], (box.w, box.h), box.sizes, self.m, box.bold):
            return title, ""
        parts = re.split(r"(?<=\S)\s+(?=\S)|[：:，,]", title, maxsplit=1)
        return (parts[1].strip(), parts[0].strip()) if len(parts) == 2 else (title, "")

    def title_size(self, kind: str, title: str) -> float:
        box = self.box(kind, "title")
        assert box is not None  # layouts validate that every layout has a title
        low = box.sizes[0]
        size = fit_size([title], (box.w, box.h), box.sizes, self.m, box.bold) or fit_size(
            [title], (box.w, box.h), (max(MIN_TITLE, low * 0.6), low - 1), self.m, box.bold
        )  # below the set's smallest rather than overflow: a template's title box may be small
        if size is None:
            self.warnings.append(f"title too long to fit: {title[:30]}")
            return low
        return size

    def text(
        self,
        kind: str,
        role: str,
        lines: list[Bullet],
        emphasis: tuple[str, ...] = (),
        numbered: bool = False,
        columns: int = 1,
        start: int = 1,
        box: Box | None = None,
    ) -> TextBox | None:
        """Return the fitted text of a placeholder (`box` overrides the layout's sizes)."""
        box = box or self.box(kind, role)
        if box is None or not any(b.text or b.head for b in lines):
            return None
        size = self.fit(box, lines, numbered, columns, emphasis)
        if size is None:
            self.warnings.append(f"text too long for one {kind} slide: {lines[0].text[:30]}")
            size = box.sizes[0]
        space = self.spread(box, lines, size, numbered, emphasis) if columns == 1 else None
        return TextBox(tuple(lines), size, emphasis, numbered, columns, start, space)

    def spread(
        self, box: Box, lines: list[Bullet], size: float, numbered: bool, emphasis: tuple[str, ...]
    ) -> float | None:
        """Return the space (points) before each bullet that spreads a few bullets down a box
        they would leave half empty (at most the set's `paragraph_space_max` lines), or None."""
        if not box.bullets or len(lines) < 2:
            return None
        strings = self.strings(lines, numbered)
        bold = self.bold(box, lines, emphasis)
        used = text_height(strings, size, box.w - self.indent(box), self.m, bold)
        gap = paragraph_gap(size, self.m)
        most = self.layouts.paragraph_space_max * size * self.m.line_height * self.m.line_spacing
        wanted = min(gap + SPREAD * (box.h - used) / (len(lines) - 1), most / 72)
        return round(wanted * 72, 1) if wanted > gap * 1.05 else None

    def fit(
        self,
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
        bold = self.bold(box, lines, emphasis)
        width = (box.w - COLUMN_GAP * (columns - 1)) / columns - self.indent(box)
        height = box.h * (1 + COLUMN_FILL * (columns - 1))
        return fit_size(self.strings(lines, numbered), (width, height), box.sizes, self.m, bold)

    def strings(self, lines: list[Bullet], numbered: bool = False) -> list[str]:
        prefix = "00. " if numbered else ""
        return [
            prefix + (b.head + self.sep + b.text if b.head and b.text else b.head or b.text)
            for b in lines
        ]

    @staticmethod
    def bold(box: Box, lines: list[Bullet], emphasis: tuple[str, ...]) -> bool:
        """Return True when `lines` are measured bold: a bold box, heads or figures shown bold."""
        return box.bold or any(b.head or any(e in b.text for e in emphasis) for b in lines)

    @staticmethod
    def indent(box: Box) -> float:
        return 0.3 if box.bullets else 0.0

    def add(
        self,
        kind: str,
        title: str,
        notes: str,
        *,
        kicker: str = "",
        body: TextBox | None = None,
        subtitle: TextBox | None = None,
        panel: Panel | None = None,
        chart: Chart | None = None,
        table: TableGrid | None = None,
    ) -> None:
        """Append a slide of `kind`; a long title without a kicker is cut into kicker and title."""
        layout = self.layouts.for_kind(kind)
        if not kicker and "kicker" in layout.placeholders:
            title, kicker = self.cut_title(kind, title)
        panel = panel or Panel()
        self.slides.append(
            SlideSpec(
                kind=kind,
                layout=layout.name,
                title=title,
                title_size=self.title_size(kind, title),
                notes=notes,
                kicker=kicker,
                body=body,
                subtitle=subtitle,
                cards=panel.cards,
                card_sizes=panel.sizes,
                card_boxes=panel.boxes,
                chart=chart,
                table=table,
            )
        )

    # -------------------------------------------------------------- slides

    def cover(self) -> None:
        o = self.outline
        self.add(
            "cover",
            o.zone,
            o.notes,
            subtitle=self.text("cover", "subtitle", [Bullet(x) for x in o.subtitle.split("\n")]),
            body=self.text("cover", "body", [Bullet(cover_line(o))]),
        )

    def key_figures(
        self,
        title: str = "",
        kicker: str = "",
        kind: str = "key_figures",
        figures: tuple[Figure, ...] | None = None,
    ) -> None:
        """Plan a slide of cards: the key figures (or `figures`), as many as fit."""
        figures = self.outline.key_figures if figures is None else figures
        if len(figures) < FIGURES_SLIDE_MIN:
            return  # one figure is no slide of figures (the summary's panel shows it)
        full = self.layouts.for_kind(kind).cards
        for count in range(len(figures), 0, -1):  # fewer figures only when all cannot fit
            grid, sizes = full, self.card_sizes(full, figures[:count], warn=False)
            while sizes is None and grid is not None and grid.max_columns > 1:
                grid = dataclasses.replace(grid, max_columns=grid.max_columns - 1)  # wider
                sizes = self.card_sizes(grid, figures[:count], warn=count == 1)
            if sizes is not None:
                break
        if count < len(figures):
            self.warnings.append(f"{len(figures) - count} key figures left to the notes")
        panel = self.placed(grid, figures[:count], sizes)
        if not title:
            self.shown.update(_fact(f) for f in figures[:count])
        notes = "\n\n".join(n for n in (title if kicker else "", self.outline.key_notes) if n)
        self.add(kind, title or self.w["key_figures"], notes, kicker=kicker, panel=panel)

    def summary(self, section: SectionOutline) -> None:
        """Plan the summary, one slide: the lead's bullets that fit, main news first (the rest in
        its notes), beside the key figures that its card panel holds (the most salient first)."""
        notes = "\n\n".join(n for n in (section.notes, self.outline.key_notes) if n)
        section = dataclasses.replace(section, figures=self.panel_figures(), notes=notes)
        kept = self.take("section_cards", list(section.bullets), None, self.emphasis(section))
        left = (*section.bullets[len(kept) :], *section.left_out)  # one slide: the rest in notes
        self.section(dataclasses.replace(section, bullets=tuple(kept), left_out=left), False)
        self.opening = {_fact(c) for c in self.slides[-1].cards}

    def recap_figures(self) -> tuple[Figure, ...]:
        """Return the figures a closing recap shows: the key figures, or when the summary's
        cards showed each of them, the next most salient figures first (not the summary's
        panel again)."""
        key = self.outline.key_figures
        if not key or not all(_fact(f) in self.opening for f in key):
            return key
        return (*self.outline.more_figures, *key)

    def contents(self) -> None:
        """Plan one contents slide: each section title once, in two columns when many."""
        listed = [s for s in self.outline.sections if not (s.subtopic or s.summary)]
        titles = {s.title for s in listed}
        listed = [s for s in listed if s.kicker not in titles]  # a section's topics: listed once
        kickers = Counter(s.kicker for s in listed if s.kicker)
        parent = {k for k, n in kickers.items() if n > 1}  # topics of one section: it, once
        full = list(
            dict.fromkeys(
                Bullet(s.kicker) if s.kicker in parent else Bullet(s.title, s.kicker)
                for s in listed
            )
        )
        short = [Bullet(b.text) for b in full]
        if len(full) < 2:
            return
        box = self.box("contents", "body")
        notes = "\n".join(self.strings(full))
        for names in (full, short, short[:CONTENTS_MAX]):
            lines = names[: 2 * CONTENTS_MAX]
            for columns in (1, 2):
                if box is None or self.fit(box, lines, True, columns) is not None:
                    body = self.text("contents", "body", lines, numbered=True, columns=columns)
                    self.add("contents", self.w["contents"], notes, body=body)
                    return
        lines = short[:CONTENTS_MAX]
        body = self.text("contents", "body", lines, numbered=True, columns=2)
        self.add("contents", self.w["contents"], notes, body=body)

    def section(self, section: SectionOutline, tables: bool = True) -> None:
        """Plan a section: bullets split evenly over as few slides as they need, each card on
        the slide whose bullets state its figure (else where there is room), then charts, then
        its tables (unless not `tables`: the summary's follow the contents)."""
        cards = [f for f in section.figures if _fact(f) not in self.shown]
        if not cards and not section.bullets and section.tables:
            self.tables(section)  # a heading over a table alone: the table is the section
            return
        if not cards and len(section.bullets) < 2:
            cards = list(section.figures)  # a lone bullet keeps its cards, shown before or not
        self.shown.update(_fact(f) for f in cards)
        emphasis = self.emphasis(section)
        kind = "section_cards" if cards else "section"
        chunks = self.balanced(kind, list(section.bullets), emphasis)
        slides = self.deal(chunks, cards, display(section.notes))
        if self.outline.citations and len(slides) > 1:  # a digest gives an article one slide
            left = [b for chunk, _ in slides[1:] for b in chunk]
            section = dataclasses.replace(section, left_out=(*left, *section.left_out))
            slides = slides[:1]
        for n, (chunk, panel) in enumerate(slides):
            if len(panel) == 1 and len(chunk) >= 3 and any(panel[0].text in b.text for b in chunk):
                panel = []  # one card saying again what a bullet says: the bullets take the width
            kind = "section_cards" if panel else "section"
            _, placed = self.panel(self.layouts.for_kind(kind).cards, panel)
            title = section.title + self.continued(n)
            self.add(
                kind,
                title,
                self.section_notes(section),
                kicker=section.kicker,
                body=self.text(kind, "body", chunk, emphasis),
                panel=placed,
            )
        for chart in () if self.outline.citations else section.charts:
            self.chart(chart, section)
        if tables:
            self.tables(section)

    # -------------------------------------------------------------- tables

    def tables(self, section: SectionOutline) -> None:
        """Plan the slides of a section's tables: a table slide each, a bar chart of each
        numeric column that compares, or both, as the layout set's `tables.show` says (a
        table with nothing to chart is shown as a table)."""
        show = self.layouts.tables.show
        for table in section.tables:
            charts = table_charts(table, section.title) if show != "table" else ()
            if show != "chart" or not charts:
                self.table(table, section)
            for chart in charts:
                self.chart(chart, section)

    def table(self, table: DataTable, section: SectionOutline) -> None:
        """Plan a table: its rows split evenly over as few slides as hold them (the header
        repeated on each, the title marked （续）), at the largest size at which they fit."""
        if not table.rows:
            return
        box = self.layouts.table_box()
        grids = self.table_grids(table, (box.w, box.h))
        title = table.caption or section.title
        if any(s.title == title for s in self.slides):  # its section's slide has the title
            title = f"{title}{self.sep}{self.w['table']}"
        kicker = section.title if not title.startswith(section.title) else ""
        for n, grid in enumerate(grids):
            self.add("table", title + self.continued(n), table.notes, kicker=kicker, table=grid)

    def table_grids(self, table: DataTable, room: tuple[float, float]) -> list[TableGrid]:
        """Return the table fitted to slides of `room` (width, height in inches): the fewest
        slides, then the largest size, columns as wide on each slide."""
        rows = list(table.rows)
        low, high = self.layouts.tables.sizes
        numeric = _numeric_columns(table)
        fitted = []  # (size, widths, the whole table's grid) where the columns fit, largest first
        for size in range(int(high), int(low) - 1, -1):
            widths = self.column_widths(table, size, room[0], numeric)
            if widths is not None:
                fitted.append((size, widths, self.grid(table, rows, widths, size, numeric)))
        for count in range(1, len(rows) + 1):
            for size, widths, whole in fitted:
                head = whole.heights[: len(table.header)]
                body = iter(whole.heights[len(table.header) :])
                runs = [[next(body) for _ in chunk] for chunk in _even(rows, count)]
                if all(sum(head) + sum(run) <= room[1] for run in runs):
                    return [self.grid(table, c, widths, size, numeric) for c in _even(rows, count)]
        self.warnings.append(f"table too large for its slides: {table.caption or rows[0][0]}")
        widths = self.column_widths(table, low, room[0], numeric, force=True) or ()
        return [self.grid(table, [row], widths, low, numeric) for row in rows]

    def column_widths(
        self,
        table: DataTable,
        size: float,
        width: float,
        numeric: tuple[bool, ...],
        force: bool = False,
    ) -> tuple[float, ...] | None:
        """Return each column's width (inches) at `size` filling `width`: what its widest cell
        needs, the widest columns narrowed (their text wraps) when the table is too wide, never
        below a figure or a word of theirs; None when the table cannot be that narrow (with
        `force`, it is narrowed to fit anyway)."""
        columns = range(len(table.header[0]) if table.header else len(table.rows[0]))
        bold = self.layouts.tables.header_bold

        def need(text: str, head: bool) -> float:
            return text_width(text, head and bold) * size / 72

        natural, least = [], []
        for j in columns:
            heads = [r[j] for r in table.header if j < len(r)]
            cells = [r[j] for r in table.rows if j < len(r)]
            wide = max([need(c, True) for c in heads] + [need(c, False) for c in cells])
            words = [need(w, True) for c in heads for w in _unbroken(c)]
            words += [need(c, False) if numeric[j] else need(w, False)
                      for c in cells for w in _unbroken(c)]  # fmt: skip
            natural.append(wide + 2 * CELL_X + CELL_SLACK)
            least.append(max(words, default=0) + 2 * CELL_X + CELL_SLACK)
        if sum(least) > width:
            if not force:
                return None
            return tuple(width * w / sum(least) for w in least)
        low, high = 0.0, max(natural) + 0.01
        while high - low > 0.005:  # the widest cap on the widest columns at which they fit
            cap = (low + high) / 2
            total = sum(max(m, min(n, cap)) for m, n in zip(least, natural))
            low, high = (low, cap) if total > width else (cap, high)
        widths = [max(m, min(n, low)) for m, n in zip(least, natural)]
        extra = (width - sum(widths)) / len(widths)
        return tuple(w + extra for w in widths)

    def grid(
        self,
        table: DataTable,
        rows: list[tuple[str, ...]],
        widths: tuple[float, ...],
        size: float,
        numeric: tuple[bool, ...],
    ) -> TableGrid:
        """Return the table grid of `rows` under the header, each row as tall as its text."""
        bold = self.layouts.tables.header_bold

        def height(row: tuple[str, ...], head: bool) -> float:
            tallest = max(
                paragraph_height(cell, size, w - 2 * CELL_X, self.m, head and bold)
                if cell
                else size * self.m.line_height * self.m.line_spacing / 72
                for cell, w in zip(row, widths)
            )
            return tallest * ROW_SAFETY + 2 * CELL_Y

        heights = [height(r, True) for r in table.header] + [height(r, False) for r in rows]
        return TableGrid(
            header=table.header,
            rows=tuple(rows),
            widths=widths,
            heights=tuple(round(h, 3) for h in heights),
            size=size,
            numeric=numeric,
        )

    def emphasis(self, section: SectionOutline) -> tuple[str, ...]:
        """Return the figures a section's text shows bold: its cards' and its bullets' own."""
        found = [t for b in section.bullets for t in figure_texts(b.text, self.outline.language)]
        return tuple(dict.fromkeys([*(f.text for f in section.figures), *found]))

    def section_notes(self, section: SectionOutline) -> str:
        """Return a section's notes: its source text, then what the budget left out of it."""
        if not section.left_out:
            return section.notes
        left = "\n".join(f"- {self.strings([b])[0]}" for b in section.left_out)
        return f"{section.notes}\n\n{self.w['left_out']}:\n{left}"

    def sources(self) -> None:
        """Plan the sources slides of a digest: every article used, as title, paper and date."""
        lines = [Bullet(c) for c in self.outline.citations]
        box = self.box("closing", "body")
        if box is not None:
            box = dataclasses.replace(box, sizes=self.layouts.list_sizes)
        n, start = 0, 1
        while lines and box is not None:
            chunk = lines[:1]
            while len(chunk) < len(lines) and self.fit(box, lines[: len(chunk) + 1], True, 2):
                chunk = lines[: len(chunk) + 1]
            body = self.text("closing", "body", chunk, (), True, 2, start, box)
            notes = "\n".join(self.outline.citations)
            self.add("closing", self.w["sources"] + self.continued(n), notes, body=body)
            lines, start, n = lines[len(chunk) :], start + len(chunk), n + 1

    def deal(
        self, chunks: list[list[Bullet]], cards: list[Figure], source: str = ""
    ) -> list[tuple[list[Bullet], list[Figure]]]:
        """Return the slides of a section: each chunk of bullets with its cards.

        A card goes with the chunk that states its figure, else with the chunk that has room
        whose bullets stand nearest to it in the `source` text; cards left over get slides of
        their own.
        """
        grid = self.layouts.for_kind("section_cards").cards
        room = len(self.panel(grid, cards)[0]) if cards else 0
        slides: list[tuple[list[Bullet], list[Figure]]] = [(c, []) for c in chunks or [[]]]
        left = []
        for card in cards:
            home = next(
                (s for s in slides if len(s[1]) < room and any(card.text in b.text for b in s[0])),
                None,
            )
            (home[1].append(card) if home else left.append(card))
        stated = " ".join(b.head + b.text for chunk in chunks for b in chunk)
        for card in left:
            order = sorted(slides, key=lambda s: _distance(source, card, s[0]))
            home = next((s for s in order if len(s[1]) < room), None)
            if home is None and card.text in stated:
                continue  # no slide of cards alone for a figure a bullet states already
            if home is None:
                slides.append(([], []))
                home = slides[-1]
            home[1].append(card)
        return [s for s in slides if s[0] or s[1]] or slides[:1]

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

    def quotes(self, after: int) -> None:
        """Plan the quote slides said in section `after`, right after it."""
        for quote in self.outline.quotes:
            if quote.after != after:
                continue
            text = f"“{quote.text}”"
            title = quote.speaker or self.w["quote"]
            notes = f"{text}\n— {quote.speaker}" if quote.speaker else text
            self.add("quote", title, notes, body=self.text("quote", "body", [Bullet(text)]))

    def ending(self) -> None:
        """Plan the ending: the article's outlook, else a recap of the key figures."""
        coda = self.outline.coda
        if not self.outline.closing:
            if coda or not self._just_shown(self.outline.key_figures):
                recap = self.recap_figures()
                self.key_figures(
                    coda or self.w["recap"], self.w["recap"] if coda else "", figures=recap
                )
            self.sources()
            return
        closing = list(self.outline.closing)
        notes = "\n\n".join(x for x in (coda, self.outline.closing_notes) if x)
        if len(closing) == 1 and len(self.outline.key_figures) >= FIGURES_SLIDE_MIN:
            # one outlook line alone is a thin slide: it goes beside a recap of the key figures
            title = coda or self.w["outlook"]
            grid = self.layouts.for_kind("section_cards").cards
            figures = tuple(self.panel(grid, list(self.recap_figures()))[0])
            self.section(SectionOutline(title, bullets=(*closing,), figures=figures, notes=notes))
            self.sources()
            return
        for n, chunk in enumerate(self.balanced("closing", closing)):
            title = (coda or self.w["outlook"]) + self.continued(n)
            body = self.text("closing", "body", chunk)
            self.add(
                "closing",
                title,
                notes,
                body=body,
                kicker=self.w["outlook"] if coda else "",
            )
        self.sources()

    def _just_shown(self, figures: tuple[Figure, ...]) -> bool:
        """Return True when a short deck has shown every one of `figures` already (a recap
        would repeat the slides just seen: a news brief's summary)."""
        shown = {_fact(c) for slide in self.slides for c in slide.cards}
        short = len(self.slides) <= SHORT_DECK
        return short and bool(figures) and all(_fact(f) in shown for f in figures)

    # -------------------------------------------------------------- fitting

    def take(
        self,
        kind: str,
        bullets: list[Bullet],
        most: int | None = None,
        emphasis: tuple[str, ...] = (),
    ) -> list[Bullet]:
        """Return the longest head of `bullets` (at most `most`) that fits one slide of `kind`."""
        layout = self.layouts.for_kind(kind)
        box = layout.placeholders.get("body")
        if box is None:
            return []
        taken: list[Bullet] = []
        for bullet in bullets[: min(layout.max_items, most or layout.max_items)]:
            if taken and self.fit(box, [*taken, bullet], emphasis=emphasis) is None:
                break
            taken.append(bullet)
        return taken

    def balanced(
        self, kind: str, bullets: list[Bullet], emphasis: tuple[str, ...] = ()
    ) -> list[list[Bullet]]:
        """Return `bullets` split over as few slides of `kind` as hold them, evenly (3+3, not
        5+1)."""
        greedy = 0
        rest = bullets
        while rest:
            rest = rest[len(self.take(kind, rest, None, emphasis) or rest[:1]) :]
            greedy += 1
        if greedy <= 1:
            return [bullets] if bullets else []
        share = -(-len(bullets) // greedy)
        out: list[list[Bullet]] = []
        rest = bullets
        while rest:
            chunk = self.take(kind, rest, share, emphasis) or rest[:1]
            out.append(chunk)
            rest = rest[len(chunk) :]
        return self._kept_together(kind, self._no_lone_tail(kind, out, emphasis), emphasis)

    def _kept_together(
        self, kind: str, chunks: list[list[Bullet]], emphasis: tuple[str, ...]
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
            if len(out[n]) > 1 and self._fits(kind, back, emphasis):
                out[n - 1], out[n] = back, out[n][1:]
            elif len(out[n - 1]) > 1 and self._fits(kind, forward, emphasis):
                out[n - 1], out[n] = out[n - 1][:-1], forward
        return out

    def _fits(self, kind: str, bullets: list[Bullet], emphasis: tuple[str, ...]) -> bool:
        """Return True when `bullets` fit one slide of `kind` together."""
        return len(self.take(kind, bullets, None, emphasis)) == len(bullets)

    def _no_lone_tail(
        self, kind: str, chunks: list[list[Bullet]], emphasis: tuple[str, ...]
    ) -> list[list[Bullet]]:
        """Return `chunks` with a last slide of one bullet given the last bullet of the slide
        before (4+3+1 -> 4+2+2), when that slide keeps two and the pair fits."""
        if len(chunks) < 2 or len(chunks[-1]) != 1 or len(chunks[-2]) < 3:
            return chunks
        pair = [chunks[-2][-1], *chunks[-1]]
        if len(self.take(kind, pair, None, emphasis)) < len(pair):
            return chunks
        return [*chunks[:-2], chunks[-2][:-1], pair]

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

    def panel_figures(self) -> tuple[Figure, ...]:
        """Return the key figures that one card panel beside bullets holds, most salient first."""
        grid = self.layouts.for_kind("section_cards").cards
        return tuple(self.panel(grid, list(self.outline.key_figures))[0])

    def panel(self, grid: CardGrid | None, cards: list[Figure]) -> tuple[list[Figure], Panel]:
        """Return the most cards (up to PANEL_CARDS) that fit the grid together, and their panel."""
        for n in range(min(PANEL_CARDS, len(cards)), 0, -1):
            sizes = self.card_sizes(grid, cards[:n], warn=n == 1)
            if sizes is not None:
                return cards[:n], self.placed(grid, cards[:n], sizes)
        return cards[:1], self.placed(grid, cards[:1], None)

    def placed(
        self,
        grid: CardGrid | None,
        cards: list[Figure] | tuple[Figure, ...],
        sizes: tuple[float, float] | None,
    ) -> Panel:
        """Return the panel placing `cards` on `grid` at `sizes` (the smallest if None)."""
        if grid is None or not cards:
            return Panel(tuple(cards))
        sizes = sizes or (grid.figure_sizes[0], grid.label_sizes[0])
        return Panel(tuple(cards), sizes, tuple(grid.cells(len(cards))))


def _even(rows: list[tuple[str, ...]], count: int) -> list[list[tuple[str, ...]]]:
    """Return `rows` in `count` runs whose lengths differ by one at most (9+8+8, not 9+9+7)."""
    size, more = divmod(len(rows), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < more else 0)
        out.append(rows[start:end])
        start = end
    return out


def _numeric_columns(table: DataTable) -> tuple[bool, ...]:
    """Return per column True when each of its filled body cells is a number (after the
    first column, which names the rows)."""
    width = len(table.header[0]) if table.header else len(table.rows[0])
    out = []
    for j in range(width):
        cells = [r[j].strip() for r in table.rows if j < len(r) and r[j].strip()]
        out.append(j > 0 and bool(cells) and all(cell_quantity(c) is not None for c in cells))
    return tuple(out)


def _unbroken(text: str) -> list[str]:
    """Return the pieces of `text` a line never breaks inside: its words and numbers (a CJK
    character on its own, with the marks that may not leave it)."""
    pieces: list[str] = []
    glue = False  # the piece before may not end a line: this one goes on it
    for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9.,%'’\-/+]*|\S", text):
        if pieces and (glue or token[0] in NO_LINE_START):
            pieces[-1] += token
        else:
            pieces.append(token)
        glue = token[-1] in NO_LINE_END
    return pieces


def _distance(source: str, card: Figure, bullets: list[Bullet]) -> int:
    """Return how far from `card`'s figure in `source` the nearest of `bullets` stands (0 when
    the source does not hold the figure: no slide is nearer than another)."""
    at = source.find(card.text)
    if at < 0:
        return 0
    found = [source.find(b.text[:BULLET_KEY]) for b in bullets if b.text]
    return min((abs(at - n) for n in found if n >= 0), default=len(source))


def _figure_line_size(figure: Figure, width: float, sizes: tuple[float, float]) -> float | None:
    """Return the largest figure size at which value, qualifier and unit fit on one line."""
    small = (text_width(figure.prefix + figure.suffix) + SCRIPT_GAP) * UNIT_SCALE
    ems = (text_width(figure.value, bold=True) + small) * SAFETY
    best = (width - 2 * INSET_X) * 72 / ems if ems else sizes[1]
    if best < sizes[0]:
        return None
    return float(min(sizes[1], int(best)))


def _fact(figure: Figure) -> tuple[str, str, str]:
    """Return what makes two cards one fact: value, unit and label."""
    return (figure.value, figure.unit, figure.label)


def plan_deck(outline: ZoneOutline, layouts: LayoutSet, max_slides: int = MAX_SLIDES) -> Deck:
    """Return the planned deck of one zone's outline in a layout set."""
    p = _Planner(outline, layouts)
    p.cover()
    sections = outline.sections
    summary = bool(sections) and sections[0].summary
    if summary:
        p.summary(sections[0])
    else:
        p.key_figures()
    p.contents()  # the opening is summary and contents; the lead's tables, photos and quotes
    if summary:  # follow
        p.tables(sections[0])
        p.photos(0)
        p.quotes(0)
    for i, section in enumerate(sections):
        if not (i == 0 and summary):
            p.section(section)
            p.photos(i)
            p.quotes(i)
    p.ending()
    if len(p.slides) > max_slides:
        raise BriefdeckError(
            f"{outline.zone}: the deck would have {len(p.slides)} slides,"
            f" more than the limit of {max_slides}"
        )
    warnings = (*outline.warnings, *p.warnings)
    return Deck(outline.zone, outline.language, tuple(p.slides), warnings, deck_info(outline))


def deck_info(outline: ZoneOutline) -> DeckInfo:
    """Return the deck's document properties: title or digest subtitle, topics, sources."""
    sep = "；" if outline.language == "zh" else "; "
    topics = (s.title.replace("\n", " ") for s in outline.sections if not s.summary)
    return DeckInfo(
        subject=" ".join(outline.subtitle.split("\n")),
        keywords=tuple(dict.fromkeys((outline.zone, *topics))),
        description=sep.join(outline.citations) or outline.date,
    )

"""Frozen dataclasses that pass between the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefdeck.language import Language, of
from briefdeck.numbers import NumberForm

# --------------------------------------------------------------------------- read


Kind = Literal[
    "cover",
    "key_figures",
    "contents",
    "section",
    "section_cards",
    "chart",
    "photo",
    "quote",
    "closing",
]
"""The slide kinds every layout set must give a layout."""
AnyKind = Literal[Kind, "table"]
"""A slide kind a layout may name."""
Role = Literal["title", "subtitle", "body", "kicker", "picture", "chart", "table"]
"""The placeholder roles a layout may hold."""


@dataclass(frozen=True)
class Block:
    """One non-empty line (text) or paragraph (Markdown, Word) of an input document."""

    text: str
    """The line's text, stripped of surrounding white space."""
    line: int
    """1-based line (or paragraph) number in the source."""
    gap: int = 0
    """Blank lines between this block and the one before it."""
    heading: int | None = None
    """Heading level given by the format (Markdown `#`, Word Heading style), else None."""
    authored: bool = field(default=False, compare=False)
    """True for a paragraph its author made (Word, Markdown): never joined to the next one as
    the two halves of a sentence a page break cut."""


@dataclass(frozen=True)
class Table:
    """A table of a document (Markdown pipe table, Word table): cells as display text.

    A Word cell merged over several grid cells keeps its text once, in its first (top-left)
    cell; the cells it spans are empty, so that every row has one cell per column and no
    figure is written twice.
    """

    caption: str
    """The short line right before the table that names it (`表1 …`, `主要经济指标：`), without
    a final colon; empty for none. That line is then no block of the document."""
    header: tuple[tuple[str, ...], ...]
    """The header rows: Word rows marked to repeat as header, else the first row."""
    rows: tuple[tuple[str, ...], ...]
    """The body rows, each as long as the widest row; rows with no text are left out."""
    line: int
    """Where it stands in the source: the 1-based line of its first row (Markdown), or the
    number of the Word paragraph it follows (0 when it comes before every paragraph)."""
    after: int = 0
    """How many of the document's blocks come before it: it stands between `blocks[after - 1]`
    and `blocks[after]` (its caption line not counted)."""
    section: int = 0
    """In an article: the index of the section it stands in (0 in a document)."""
    paragraph: int = 0
    """In an article: how many paragraphs of its section stand before it (0 in a document)."""


@dataclass(frozen=True)
class Image:
    """A picture a document holds (a Word file's embedded image, a Markdown local image)."""

    data: bytes = field(repr=False)
    """The picture file's bytes, as the document stores them."""
    format: str
    """Its file format as Pillow names it, lower case (`jpeg`, `png`, `gif`)."""
    width: int
    """Its width in pixels, as shown (a camera's rotation flag applied)."""
    height: int
    """Its height in pixels, as shown."""
    source: str
    """Where it can be read again: a file's path (a Markdown image, relative to the current
    folder as its document's path is), or `document.docx#word/media/image1.png`."""
    alt: str = ""
    """Its alt text: the document's (Markdown `![alt](…)`, Word's description); on a slide,
    its caption."""
    line: int = 0
    """The 1-based line (Markdown) or paragraph number (Word) it stands on in the source."""
    after: int = 0
    """In a document: how many of its blocks come before it (0 elsewhere)."""


@dataclass(frozen=True)
class Document:
    """A decoded input document."""

    source: str
    """The path as given on the command line (`-` for stdin)."""
    blocks: tuple[Block, ...]
    """Its non-empty blocks, in order."""
    warnings: tuple[str, ...] = ()
    """What reading it met that the reader should know (characters removed)."""
    tables: tuple[Table, ...] = ()
    """Its tables in order, each placed among the blocks by `Table.after`; no block holds
    their cells."""
    images: tuple[Image, ...] = ()
    """Its pictures in order, each placed among the blocks by `Image.after`."""


# ---------------------------------------------------------------------- structure


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph, page breaks repaired."""

    text: str
    """The whole paragraph as in the source (no punctuation rewriting)."""
    lead: str | None = None
    """Run-in topic sentence without its final punctuation, or None."""
    seams: int = 0
    """How many page-break cuts were joined to make this paragraph."""


@dataclass(frozen=True)
class Section:
    """A heading and the paragraphs under it."""

    heading: str | None
    """The heading line, or None for the lead section before the first heading."""
    paragraphs: tuple[Paragraph, ...]
    """The body paragraphs of the section."""


@dataclass(frozen=True)
class Caption:
    """A photo caption kept out of the body."""

    text: str
    """The caption text."""
    credit: str | None = None
    """The photo credit that belongs to it, or None."""
    section: int = 0
    """Index of the section the caption stands in."""
    image: Image | None = None
    """The picture it captions, when the document holds it; else None."""


@dataclass(frozen=True)
class Quote:
    """A direct quote with its speaker."""

    text: str
    """The quoted words, without the quotation marks."""
    speaker: str | None
    """Who said it, as the source names them, or None."""
    section: int = 0
    """Index of the section it stands in."""
    paragraph: int = 0
    """Index of the paragraph within that section."""


@dataclass(frozen=True)
class Metric:
    """A figure found in the body."""

    text: str
    """Exact substring of the paragraph (`1000余人次`)."""
    number: str
    """The numeral as written (`1000`, `１２，４８０`, `两`, `三分之一`, `20%—30`, `three`)."""
    value: float | None
    """The number's value (1000 for `1000余人次`); a range's lower bound; None when vague
    (`数百家`): such a figure is shown only as written, never as a card or a chart value."""
    unit: str | None
    """Magnitude and unit as written (`万元`, `%`, `billion yuan`), or None."""
    qualifier: str | None
    """Approximation word (`余`, `多`, `more than`), or None."""
    label: str
    """What the figure counts: a noun phrase from the source."""
    sentence: str
    """The source sentence that holds the figure."""
    section: int
    """Index into the article's sections."""
    paragraph: int
    """Index into that section's paragraphs."""
    start: int
    """Character offset of `text` in the paragraph."""
    group: int | None = None
    """Id shared by the figures of one enumeration, or None."""
    salience: float = 0.0
    """How strongly the figure asks to be a key figure (higher is stronger)."""
    same_as: int | None = None
    """Index of the earlier metric that states the same fact, or None."""
    high: float | None = None
    """The upper bound of a range (`30` in `20%—30%`), else None."""
    form: NumberForm = NumberForm.DIGITS
    """How the number is written (digits, Chinese numerals, fraction, multiple, vague)."""
    table: int | None = None
    """For a figure of a table: the index of the table in the article's tables (its cell is
    `rows[row][column]`; `paragraph` is then -1, `start` 0, and `text` the cell with the unit
    its column header or caption writes, `860亿元` of a cell `860` under `数值（亿元）`); None for
    a figure of the body text."""
    row: int = 0
    """For a figure of a table: the index of its body row."""
    column: int = 0
    """For a figure of a table: the index of its column."""

    @property
    def low(self) -> float | None:
        """The lower bound of a range, else None."""
        return self.value if self.high is not None else None


@dataclass(frozen=True)
class MetricGroup:
    """Figures that belong together (one enumeration, one unit kind)."""

    id: int
    """The group id the member metrics carry."""
    caption: str
    """What the group is about, from the shared context."""
    members: tuple[int, ...]
    """Indexes into the article's metrics."""
    unit: str | None
    """The unit the members share."""


@dataclass(frozen=True)
class Article:
    """One article recovered from a document."""

    source: str
    """The path of its document as given."""
    index: int
    """Position of the article in its document."""
    language: Language
    """The article's language, told from its text."""
    title: str
    """The title line."""
    zone: str | None
    """The zone (or district) the article is about, as the article names it; None for none."""
    zones_mentioned: tuple[str, ...] = ()
    """Every zone name found, as written (variants included), most central first."""
    kicker: str | None = None
    """引题 or subtitle line, or None."""
    authors: tuple[str, ...] = ()
    """Author names only."""
    meta: tuple[str, ...] = ()
    """Edition, source, date and sign-off lines kept out of the body."""
    sections: tuple[Section, ...] = ()
    """Body sections in order."""
    captions: tuple[Caption, ...] = ()
    """Photo captions in order."""
    credits: tuple[str, ...] = ()
    """Every photo credit line in order."""
    quotes: tuple[Quote, ...] = ()
    """Direct quotes with speakers."""
    metrics: tuple[Metric, ...] = ()
    """Figures in body order."""
    groups: tuple[MetricGroup, ...] = ()
    """Groups of figures that belong together."""
    tables: tuple[Table, ...] = ()
    """The tables that stand in the article, in order, each with its section; the sections'
    paragraphs never hold their cells."""

    @property
    def zone_names(self) -> tuple[str, ...]:
        """The article's zone and every zone name it uses, each once."""
        return tuple(dict.fromkeys(n for n in (self.zone, *self.zones_mentioned) if n))

    @property
    def seams(self) -> int:
        """How many page-break cuts were repaired in the article."""
        return sum(p.seams for s in self.sections for p in s.paragraphs)

    def __post_init__(self) -> None:
        object.__setattr__(self, "language", of(self.language))  # a code given as text


# ------------------------------------------------------------------------ outline


@dataclass(frozen=True)
class Figure:
    """A number card: a figure written as in the source, with what it counts."""

    value: str
    """The number as written (`100`, `15.9`, `两`)."""
    label: str
    """What it counts."""
    unit: str = ""
    """Magnitude and unit (`万元`)."""
    qualifier: str = ""
    """Approximation word (`多`)."""
    qualifier_before: bool = False
    """True when the qualifier stands before the number (`近`, `超`, `more than`)."""
    qualifier_at: int = 0
    """Where a qualifier after the number stands in the unit: 0 right after the number
    (`100多万元`), 1 after the magnitude (`14万余条`), the unit's length after it (`70%以上`)."""

    @property
    def prefix(self) -> str:
        """What stands before the number (`近`, `more than `), or empty."""
        if not self.qualifier_before:
            return ""
        sep = " " if self.qualifier[-1:].isascii() and self.qualifier[-1:].isalpha() else ""
        return self.qualifier + sep

    @property
    def suffix(self) -> str:
        """What follows the number: the unit with a qualifier after the number in its place."""
        unit = self.unit_text
        if self.qualifier_before or not self.qualifier:
            return unit
        at = self.qualifier_at + len(unit) - len(self.unit)
        return unit[:at] + self.qualifier + unit[at:]

    @property
    def text(self) -> str:
        """The figure as one string, as in the source (`100多万元`, `14万余条`, `近五成`)."""
        return f"{self.prefix}{self.value}{self.suffix}"

    @property
    def unit_text(self) -> str:
        """The unit with the space English wants before a word unit."""
        if self.unit and self.unit[0].isascii() and self.unit[0].isalpha():
            return " " + self.unit
        return self.unit


@dataclass(frozen=True)
class Bullet:
    """One short line of a slide."""

    text: str
    """The line, condensed from the source's own words."""
    head: str = ""
    """A bold run-in head shown before the text (a paragraph's lead), or empty."""


@dataclass(frozen=True)
class Chart:
    """A chart of figures that belong together."""

    title: str
    """What the chart shows."""
    unit: str
    """The unit shared by the values."""
    categories: tuple[str, ...]
    """One label per bar."""
    values: tuple[float, ...]
    """One value per bar."""
    notes: str = ""
    """The source sentence(s) the data came from."""


@dataclass(frozen=True)
class DataTable:
    """A table of the source shown on slides of its own: cells as the source writes them."""

    caption: str
    """What the table is (the line that names it in the source), or empty."""
    header: tuple[tuple[str, ...], ...]
    """The header rows (units in brackets: `数值（亿元）`)."""
    rows: tuple[tuple[str, ...], ...]
    """The body rows, each as long as the header."""
    notes: str = ""
    """Speaker notes of its slides: the table as text and its source."""


@dataclass(frozen=True)
class SectionOutline:
    """What the slides of one section say."""

    title: str
    """The heading (second part of a two-part heading)."""
    kicker: str = ""
    """First part of a two-part heading, shown small above the title."""
    bullets: tuple[Bullet, ...] = ()
    """Condensed lines."""
    figures: tuple[Figure, ...] = ()
    """Number cards shown beside the bullets."""
    charts: tuple[Chart, ...] = ()
    """Charts of this section's figure groups."""
    notes: str = ""
    """Speaker notes: the source paragraphs."""
    subtopic: bool = False
    """True for a run-in paragraph given slides of its own (not listed in the contents)."""
    summary: bool = False
    """True for the lead: the deck's summary slide, the main news its first bullet."""
    left_out: tuple[Bullet, ...] = ()
    """Bullets the slide budget left out: in the section's notes, ready to be moved up."""
    tables: tuple[DataTable, ...] = ()
    """The tables that stand in the section: a table slide each (or a chart, as the layout set
    says), after its bullets and charts."""


@dataclass(frozen=True)
class Photo:
    """A photo slide: caption and credit, with a picture placeholder."""

    caption: str
    """The caption (empty for a picture the document gives none)."""
    credit: str = ""
    """The credit, or empty."""
    after: int = 0
    """Index of the section it follows."""
    image: Image | None = None
    """The picture that fills the placeholder, or None to leave it empty for the user's."""


@dataclass(frozen=True)
class QuoteItem:
    """A quote slide."""

    text: str
    """The quoted words."""
    speaker: str = ""
    """Who said them."""
    after: int = 0
    """Index of the section it follows (where it was said)."""


@dataclass(frozen=True)
class ZoneOutline:
    """Everything one zone's deck says, slide by slide."""

    zone: str
    """The zone's name (cover title and file name)."""
    language: Language
    """The deck's language: its own words (目录, Contents) follow it."""
    subtitle: str
    """The article title, or a neutral subtitle for several articles."""
    authors: tuple[str, ...] = ()
    """Author names for the cover."""
    date: str = ""
    """The edition or publication date line, or empty."""
    key_figures: tuple[Figure, ...] = ()
    """3-6 headline figures."""
    more_figures: tuple[Figure, ...] = ()
    """The next most salient figures after the key figures: a closing recap shows them when the
    summary's cards showed every key figure already."""
    sections: tuple[SectionOutline, ...] = ()
    """Sections in order."""
    photos: tuple[Photo, ...] = ()
    """Photo slides."""
    quotes: tuple[QuoteItem, ...] = ()
    """Quote slides."""
    closing: tuple[Bullet, ...] = ()
    """The forward-looking ending, condensed; empty for no closing slide."""
    coda: str = ""
    """The article's closing words (a short last paragraph that sums it up): the title of the
    deck's last slide, its kind (展望, 回顾) shown above; empty for none."""
    notes: str = ""
    """Speaker notes for the cover slide."""
    key_notes: str = ""
    """Speaker notes for the key-figure slide: the sentences the figures come from."""
    closing_notes: str = ""
    """Speaker notes for the closing slide."""
    sources: tuple[str, ...] = ()
    """The source files the outline was made from."""
    citations: tuple[str, ...] = ()
    """One line per article of a digest (title, paper, date): the sources slide."""
    warnings: tuple[str, ...] = field(default=(), compare=False)
    """What the outline stage met (articles counted once), for the CLI to show; not saved."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "language", of(self.language))  # a code given as text


# --------------------------------------------------------------------------- plan


@dataclass(frozen=True)
class TextBox:
    """Text for one placeholder, fitted: paragraphs and the size that fits."""

    paragraphs: tuple[Bullet, ...]
    """The lines; `head` is shown bold before `text`."""
    size: float
    """Font size in points at which the text fits its box."""
    emphasis: tuple[str, ...] = ()
    """Substrings (figures) shown bold in the accent colour."""
    numbered: bool = False
    """True to number the paragraphs (contents)."""
    columns: int = 1
    """Text columns in the box (a long contents list takes two)."""
    start: int = 1
    """Number of the first paragraph of a numbered list (a list continued from a slide before)."""
    space_before: float | None = None
    """Points before each paragraph after the first when a few are spread down their box, or
    None for the layout's spacing."""


@dataclass(frozen=True)
class TableGrid:
    """A table fitted to a slide: its rows, column widths, row heights and text size."""

    header: tuple[tuple[str, ...], ...]
    """The header rows (repeated on every slide of a table split over several)."""
    rows: tuple[tuple[str, ...], ...]
    """The body rows this slide shows."""
    widths: tuple[float, ...]
    """Each column's width, inches."""
    heights: tuple[float, ...]
    """Each row's height (header rows first), inches: what its text needs at `size`."""
    size: float
    """Text size of every cell, points."""
    numeric: tuple[bool, ...] = ()
    """Per column: True for a column of figures (set right-aligned)."""


@dataclass(frozen=True)
class SlideSpec:
    """One slide: its kind, its layout and its filled slots."""

    kind: AnyKind
    """Slide kind (`cover`, `section`, `chart`, ...)."""
    layout: str
    """Name of the layout in the layout set."""
    title: str
    """Text of the title placeholder (never empty)."""
    title_size: float
    """Title size in points."""
    notes: str
    """Speaker notes."""
    kicker: str = ""
    """Small line above the title, or empty."""
    body: TextBox | None = None
    """Text of the body placeholder, or None."""
    subtitle: TextBox | None = None
    """Text of the subtitle/caption placeholder, or None."""
    cards: tuple[Figure, ...] = ()
    """Number cards."""
    card_sizes: tuple[float, float] = (40.0, 14.0)
    """Figure and label size in points for the cards."""
    card_boxes: tuple[tuple[float, float, float, float], ...] = ()
    """(x, y, w, h) in inches of each card."""
    chart: Chart | None = None
    """The chart, or None."""
    table: TableGrid | None = None
    """The table, or None."""
    image: Image | None = None
    """The picture of a photo slide's picture placeholder (its alt text the caption), or
    None."""


@dataclass(frozen=True)
class DeckInfo:
    """What a deck's document properties say of it."""

    subject: str = ""
    """The article titles."""
    keywords: tuple[str, ...] = ()
    """The zone and the section titles."""
    description: str = ""
    """The sources: paper, date and page of each article, as found."""


@dataclass(frozen=True)
class Deck:
    """A planned deck for one zone."""

    zone: str
    """The zone's name."""
    language: Language
    """The deck's language."""
    slides: tuple[SlideSpec, ...]
    """The slides in order."""
    warnings: tuple[str, ...] = field(default=())
    """What the planner had to give up, for the CLI to show."""
    info: DeckInfo = field(default_factory=DeckInfo)
    """The document properties (title is the zone, language the deck's)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "language", of(self.language))  # a code given as text

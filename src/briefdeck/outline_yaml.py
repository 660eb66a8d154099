"""Write outlines as editable YAML and read them back, with errors naming file, line and key."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml

from briefdeck.dataload import Document
from briefdeck.errors import OutlineError
from briefdeck.hints import Expect, rule
from briefdeck.language import CODES, DEFAULT, of
from briefdeck.model import (
    Bullet,
    Chart,
    DataTable,
    Figure,
    Photo,
    QuoteItem,
    SectionOutline,
    ZoneOutline,
)
from briefdeck.read.images import ImageError, load_image
from briefdeck.read.text import clean

FORMAT = "briefdeck outline 1"
"""The value of the `format` key that marks an outline file."""


class _Dumper(yaml.SafeDumper):
    """Block-style YAML with multi-line strings as literal blocks."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Return a string node: a literal block when multi-line; double-quoted (escaped) when it
    holds a break YAML would fold on reading (NEL, line and paragraph separators)."""
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


class _Row(list[str]):
    """A table row: written on one line (`[地区生产总值, '860', '7.2']`), as a table reads."""


def _row(dumper: yaml.SafeDumper, value: _Row) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(_Row, _row)


def dump_outline(outline: ZoneOutline) -> str:
    """Return the outline as YAML text (deterministic, UTF-8 characters as themselves)."""
    data = {
        "format": FORMAT,
        "zone": outline.zone,
        "language": outline.language.value,
        "subtitle": outline.subtitle,
        "authors": list(outline.authors),
        "sources": list(outline.sources),
        "date": outline.date,
        "key_figures": [_figure(f) for f in outline.key_figures],
        "more_figures": [_figure(f) for f in outline.more_figures],
        "sections": [_section(s) for s in outline.sections],
        "photos": [_photo(p) for p in outline.photos],
        "quotes": [
            {"text": q.text, "speaker": q.speaker, "after_section": q.after} for q in outline.quotes
        ],
        "closing": [_bullet(b) for b in outline.closing],
        "coda": outline.coda,
        "citations": list(outline.citations),
        "notes": {
            "cover": outline.notes,
            "key_figures": outline.key_notes,
            "closing": outline.closing_notes,
        },
    }
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _figure(f: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"value": f.value, "unit": f.unit, "label": f.label}
    if f.qualifier:
        out["qualifier"] = f.qualifier
        out["qualifier_first"] = f.qualifier_before
        if f.qualifier_at:
            out["qualifier_at"] = f.qualifier_at
    return out


def _photo(p: Photo) -> dict[str, Any]:
    out: dict[str, Any] = {"caption": p.caption, "credit": p.credit, "after_section": p.after}
    if p.image is not None:
        out["image"] = p.image.source
    return out


def _bullet(b: Bullet) -> Any:
    return {"head": b.head, "text": b.text} if b.head else b.text


def _section(s: SectionOutline) -> dict[str, Any]:
    out: dict[str, Any] = {"title": s.title}
    if s.kicker:
        out["kicker"] = s.kicker
    if s.subtopic:
        out["subtopic"] = True
    if s.summary:
        out["summary"] = True
    out["bullets"] = [_bullet(b) for b in s.bullets]
    out["figures"] = [_figure(f) for f in s.figures]
    out["charts"] = [
        {
            "title": c.title,
            "unit": c.unit,
            "data": [{"label": k, "value": _plain(v)} for k, v in zip(c.categories, c.values)],
            "notes": c.notes,
        }
        for c in s.charts
    ]
    if s.tables:
        out["tables"] = [_table(t) for t in s.tables]
    out["notes"] = s.notes
    if s.left_out:
        out["left_out"] = [_bullet(b) for b in s.left_out]
    return out


def _table(t: DataTable) -> dict[str, Any]:
    return {
        "caption": t.caption,
        "header": [_Row(row) for row in t.header],
        "rows": [_Row(row) for row in t.rows],
        "notes": t.notes,
    }


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class _FigureItem:
    """A figure as the outline writes it."""

    value: str
    label: str
    unit: str = ""
    qualifier: str = ""
    qualifier_first: bool = False
    qualifier_at: int = 0

    def figure(self) -> Figure:
        """Return the figure."""
        return Figure(
            value=self.value,
            label=self.label,
            unit=self.unit,
            qualifier=self.qualifier,
            qualifier_before=self.qualifier_first,
            qualifier_at=self.qualifier_at,
        )


@dataclass(frozen=True)
class _ChartRow:
    """One bar of a chart: `{label: 一季度, value: 12}`."""

    label: str
    value: float


@dataclass(frozen=True)
class _ChartItem:
    """A chart as the outline writes it: its data a list of labelled values."""

    title: str
    data: Annotated[tuple[_ChartRow, ...], rule(len, "a chart needs at least one value")]
    unit: str = ""
    notes: str = ""

    def chart(self) -> Chart:
        """Return the chart."""
        labels = tuple(row.label for row in self.data)
        return Chart(self.title, self.unit, labels, tuple(r.value for r in self.data), self.notes)


Cells = Annotated[tuple[str, ...], Expect("a list of cells")]
"""A table row: a list of cells, each text (a number is read as written)."""


@dataclass(frozen=True)
class _TableItem:
    """A table as the outline writes it: rows of cells, short rows padded on reading."""

    rows: Annotated[tuple[Cells, ...], rule(len, "a table needs at least one row")]
    caption: str = ""
    header: tuple[Cells, ...] = ()
    notes: str = ""

    def table(self) -> DataTable:
        """Return the table, every row as wide as the widest, a line break in a cell a space
        (a cell is one paragraph)."""
        width = max(len(row) for row in (*self.header, *self.rows))

        def padded(rows: tuple[Cells, ...]) -> tuple[tuple[str, ...], ...]:
            cells = (tuple(" ".join(c.split("\n")) for c in row) for row in rows)
            return tuple((*row, *[""] * (width - len(row))) for row in cells)

        return DataTable(self.caption, padded(self.header), padded(self.rows), self.notes)


BulletItem = str | Bullet
"""A bullet: its text, or a mapping of head and text."""


def _bullets(items: tuple[BulletItem, ...]) -> tuple[Bullet, ...]:
    """Return the bullets of a list of bullet items."""
    return tuple(Bullet(b) if isinstance(b, str) else b for b in items)


@dataclass(frozen=True)
class _SectionItem:
    """A section as the outline writes it."""

    title: str
    kicker: str = ""
    subtopic: bool = False
    summary: bool = False
    bullets: tuple[BulletItem, ...] = ()
    figures: tuple[_FigureItem, ...] = ()
    charts: tuple[_ChartItem, ...] = ()
    tables: tuple[_TableItem, ...] = ()
    notes: str = ""
    left_out: tuple[BulletItem, ...] = ()

    def section(self) -> SectionOutline:
        """Return the section."""
        return SectionOutline(
            title=self.title,
            kicker=self.kicker,
            bullets=_bullets(self.bullets),
            figures=tuple(f.figure() for f in self.figures),
            charts=tuple(c.chart() for c in self.charts),
            notes=self.notes,
            subtopic=self.subtopic,
            summary=self.summary,
            left_out=_bullets(self.left_out),
            tables=tuple(t.table() for t in self.tables),
        )


@dataclass(frozen=True)
class _PhotoItem:
    """A photo as the outline writes it: `image` a picture file's path, or a Word file's
    picture as `report.docx#word/media/image1.png`."""

    caption: str
    credit: str = ""
    after_section: int = 0
    image: str = ""


@dataclass(frozen=True)
class _QuoteItem:
    """A quote as the outline writes it."""

    text: str
    speaker: str = ""
    after_section: int = 0


@dataclass(frozen=True)
class _Notes:
    """The outline's `notes` key: speaker notes of the cover, key-figure and closing slides."""

    cover: str = ""
    key_figures: str = ""
    closing: str = ""


LanguageCode = Annotated[str, rule(lambda v: v in ("", *CODES), f"expected {' or '.join(CODES)}")]
"""The `language` key's value: a language's code (empty: the default)."""
Format = Annotated[str, rule(lambda v: v == FORMAT, f"expected {FORMAT!r}")]
"""The `format` key's value: `briefdeck outline 1`."""


@dataclass(frozen=True)
class _OutlineFile:
    """An outline file, key by key."""

    format: Format
    zone: Annotated[str, rule(str.strip, "must not be empty")]
    language: LanguageCode = DEFAULT.value
    subtitle: str = ""
    authors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    date: str = ""
    key_figures: tuple[_FigureItem, ...] = ()
    more_figures: tuple[_FigureItem, ...] = ()
    sections: tuple[_SectionItem, ...] = ()
    photos: tuple[_PhotoItem, ...] = ()
    quotes: tuple[_QuoteItem, ...] = ()
    closing: tuple[BulletItem, ...] = ()
    coda: str = ""
    citations: tuple[str, ...] = ()
    notes: _Notes = _Notes()


def load_outline(text: str, path: str) -> ZoneOutline:
    """Return the outline in YAML `text` read from `path`; OutlineError names line and key."""
    document = Document(text, path, OutlineError, clean=clean)  # a hand edit may bring
    data = document.build(_OutlineFile)  # characters a .pptx cannot hold: `clean` drops them
    return ZoneOutline(
        zone=data.zone.strip(),
        language=of(data.language or None),
        subtitle=data.subtitle,
        authors=data.authors,
        date=data.date,
        key_figures=tuple(f.figure() for f in data.key_figures),
        more_figures=tuple(f.figure() for f in data.more_figures),
        sections=tuple(s.section() for s in data.sections),
        photos=tuple(_photo_of(document, p, f"photos[{i}]") for i, p in enumerate(data.photos)),
        quotes=tuple(QuoteItem(q.text, q.speaker, q.after_section) for q in data.quotes),
        closing=_bullets(data.closing),
        coda=data.coda,
        citations=data.citations,
        notes=data.notes.cover,
        key_notes=data.notes.key_figures,
        closing_notes=data.notes.closing,
        sources=data.sources,
    )


def _photo_of(document: Document, item: _PhotoItem, key: str) -> Photo:
    """Return the photo of an outline's photo item, its picture read again."""
    image = None
    if item.image.strip():
        try:
            image = load_image(item.image.strip(), Path(document.path).parent)
        except ImageError as exc:
            raise document.error(f"{key}.image", str(exc)) from None
    return Photo(item.caption, item.credit, item.after_section, image)

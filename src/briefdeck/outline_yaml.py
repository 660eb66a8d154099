"""Write outlines as editable YAML and read them back, with errors naming file, line and key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from briefdeck.errors import OutlineError
from briefdeck.language import CODES, DEFAULT, Language
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
from briefdeck.vocab import LOADER

T = TypeVar("T")
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


class _Reader:
    """Checks parsed YAML against the outline schema's value types, naming the line of any
    problem (the `_read_*` functions below read each kind of item with it)."""

    def __init__(self, path: str, root: yaml.Node) -> None:
        self.path = path
        self.root = root

    def fail(self, node: yaml.Node, key: str, problem: str) -> OutlineError:
        """Return the error of `key` at `node`'s line."""
        return OutlineError(f"{self.path}:{node.start_mark.line + 1}: {key}: {problem}")

    def mapping(
        self, node: yaml.Node, key: str, allowed: set[str], required: set[str]
    ) -> dict[str, yaml.Node]:
        """Return a mapping node's values by key, refusing unknown keys and missing ones."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, key or "outline", "expected a mapping")
        out = {}
        for k, v in node.value:
            name = str(k.value)
            if name not in allowed:
                raise self.fail(k, f"{key}.{name}" if key else name, "unknown key")
            out[name] = v
        for name in sorted(required - set(out)):
            raise self.fail(node, f"{key}.{name}" if key else name, "missing")
        return out

    def each(
        self, node: yaml.Node | None, key: str, read: Callable[[_Reader, yaml.Node, str], T]
    ) -> tuple[T, ...]:
        """Return `read` applied to every item of a list node (an absent list is empty)."""
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, key, "expected a list")
        return tuple(read(self, item, f"{key}[{i}]") for i, item in enumerate(node.value))

    def text(self, node: yaml.Node | None, key: str) -> str:
        """Return a text node's text ("" when absent or null)."""
        if node is None or node.tag.endswith(":null"):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, key, "expected text")
        return clean(str(node.value))  # a hand edit may bring characters a .pptx cannot hold

    def number(self, node: yaml.Node, key: str) -> float:
        """Return a number node's value."""
        if not isinstance(node, yaml.ScalarNode) or node.tag.split(":")[-1] not in ("int", "float"):
            raise self.fail(node, key, "expected a number")
        return float(node.value)

    def flag(self, node: yaml.Node | None, key: str) -> bool:
        """Return a true/false node's value (False when absent)."""
        if node is None:
            return False
        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":bool"):
            raise self.fail(node, key, "expected true or false")
        return node.value.lower() in ("true", "yes", "on")


def _read_figure(r: _Reader, node: yaml.Node, key: str) -> Figure:
    """Return the figure of a mapping node."""
    allowed = {"value", "unit", "label", "qualifier", "qualifier_first", "qualifier_at"}
    m = r.mapping(node, key, allowed, {"value", "label"})
    return Figure(
        value=r.text(m["value"], f"{key}.value"),
        label=r.text(m["label"], f"{key}.label"),
        unit=r.text(m.get("unit"), f"{key}.unit"),
        qualifier=r.text(m.get("qualifier"), f"{key}.qualifier"),
        qualifier_before=r.flag(m.get("qualifier_first"), f"{key}.qualifier_first"),
        qualifier_at=int(r.number(m["qualifier_at"], f"{key}.qualifier_at"))
        if "qualifier_at" in m
        else 0,
    )


def _read_bullet(r: _Reader, node: yaml.Node, key: str) -> Bullet:
    """Return the bullet of a text node or of a mapping of head and text."""
    if isinstance(node, yaml.ScalarNode):
        return Bullet(r.text(node, key))
    m = r.mapping(node, key, {"head", "text"}, {"text"})
    return Bullet(r.text(m["text"], f"{key}.text"), r.text(m.get("head"), f"{key}.head"))


def _read_row(r: _Reader, node: yaml.Node, key: str) -> tuple[str, float]:
    """Return a chart's (label, value)."""
    m = r.mapping(node, key, {"label", "value"}, {"label", "value"})
    return r.text(m["label"], f"{key}.label"), r.number(m["value"], f"{key}.value")


def _read_chart(r: _Reader, node: yaml.Node, key: str) -> Chart:
    """Return the chart of a mapping node (at least one value)."""
    m = r.mapping(node, key, {"title", "unit", "data", "notes"}, {"title", "data"})
    rows = r.each(m["data"], f"{key}.data", _read_row)
    if not rows:
        raise r.fail(m["data"], f"{key}.data", "a chart needs at least one value")
    return Chart(
        title=r.text(m["title"], f"{key}.title"),
        unit=r.text(m.get("unit"), f"{key}.unit"),
        categories=tuple(label for label, _ in rows),
        values=tuple(value for _, value in rows),
        notes=r.text(m.get("notes"), f"{key}.notes"),
    )


def _read_cells(r: _Reader, node: yaml.Node, key: str) -> tuple[str, ...]:
    """Return a table row: a list of cells, each text (a number is read as written)."""
    if not isinstance(node, yaml.SequenceNode):
        raise r.fail(node, key, "expected a list of cells")
    return tuple(  # a cell is one paragraph: a line break typed in it is a space
        " ".join(r.text(cell, f"{key}[{i}]").split("\n")) for i, cell in enumerate(node.value)
    )


def _read_table(r: _Reader, node: yaml.Node, key: str) -> DataTable:
    """Return the table of a mapping node, its rows padded to the widest (at least one row)."""
    m = r.mapping(node, key, {"caption", "header", "rows", "notes"}, {"rows"})
    header = r.each(m.get("header"), f"{key}.header", _read_cells)
    rows = r.each(m["rows"], f"{key}.rows", _read_cells)
    if not rows:
        raise r.fail(m["rows"], f"{key}.rows", "a table needs at least one row")
    width = max(len(row) for row in (*header, *rows))
    return DataTable(
        caption=r.text(m.get("caption"), f"{key}.caption"),
        header=tuple((*row, *[""] * (width - len(row))) for row in header),
        rows=tuple((*row, *[""] * (width - len(row))) for row in rows),
        notes=r.text(m.get("notes"), f"{key}.notes"),
    )


def _read_section(r: _Reader, node: yaml.Node, key: str) -> SectionOutline:
    """Return the section of a mapping node."""
    allowed = {"title", "kicker", "subtopic", "summary", "bullets", "figures", "charts", "tables",
               "notes", "left_out"}  # fmt: skip
    m = r.mapping(node, key, allowed, {"title"})
    return SectionOutline(
        title=r.text(m["title"], f"{key}.title"),
        kicker=r.text(m.get("kicker"), f"{key}.kicker"),
        bullets=r.each(m.get("bullets"), f"{key}.bullets", _read_bullet),
        figures=r.each(m.get("figures"), f"{key}.figures", _read_figure),
        charts=r.each(m.get("charts"), f"{key}.charts", _read_chart),
        notes=r.text(m.get("notes"), f"{key}.notes"),
        subtopic=r.flag(m.get("subtopic"), f"{key}.subtopic"),
        summary=r.flag(m.get("summary"), f"{key}.summary"),
        left_out=r.each(m.get("left_out"), f"{key}.left_out", _read_bullet),
        tables=r.each(m.get("tables"), f"{key}.tables", _read_table),
    )


def _after(r: _Reader, m: dict[str, yaml.Node], key: str) -> int:
    """Return the `after_section` index of a photo or quote (0 when absent)."""
    node = m.get("after_section")
    return int(r.number(node, f"{key}.after_section")) if node is not None else 0


def _read_photo(r: _Reader, node: yaml.Node, key: str) -> Photo:
    """Return the photo of a mapping node, its `image` (a picture file's path, or a Word
    file's picture as `report.docx#word/media/image1.png`) read again."""
    m = r.mapping(node, key, {"caption", "credit", "after_section", "image"}, {"caption"})
    reference = r.text(m.get("image"), f"{key}.image").strip()
    image = None
    if reference:
        try:
            image = load_image(reference, Path(r.path).parent)
        except ImageError as exc:
            raise r.fail(m["image"], f"{key}.image", str(exc)) from None
    return Photo(
        r.text(m["caption"], f"{key}.caption"),
        r.text(m.get("credit"), f"{key}.credit"),
        _after(r, m, key),
        image,
    )


def _read_quote(r: _Reader, node: yaml.Node, key: str) -> QuoteItem:
    """Return the quote of a mapping node."""
    m = r.mapping(node, key, {"text", "speaker", "after_section"}, {"text"})
    return QuoteItem(
        r.text(m["text"], f"{key}.text"),
        r.text(m.get("speaker"), f"{key}.speaker"),
        _after(r, m, key),
    )


def _read_outline(r: _Reader) -> ZoneOutline:
    """Return the outline of the reader's root node."""
    allowed = {"format", "zone", "language", "subtitle", "authors", "sources", "date",
               "key_figures", "more_figures", "sections", "photos", "quotes", "closing", "coda",
               "citations", "notes"}  # fmt: skip
    m = r.mapping(r.root, "", allowed, {"format", "zone"})
    if r.text(m["format"], "format") != FORMAT:
        raise r.fail(m["format"], "format", f"expected {FORMAT!r}")
    zone = r.text(m["zone"], "zone").strip()
    if not zone:
        raise r.fail(m["zone"], "zone", "must not be empty")
    code = r.text(m.get("language"), "language") or DEFAULT.value
    if code not in CODES:
        raise r.fail(m["language"], "language", f"expected {' or '.join(CODES)}")
    language = Language(code)
    notes = {}
    if "notes" in m:
        notes = r.mapping(m["notes"], "notes", {"cover", "key_figures", "closing"}, set())
    return ZoneOutline(
        zone=zone,
        language=language,
        subtitle=r.text(m.get("subtitle"), "subtitle"),
        authors=r.each(m.get("authors"), "authors", _Reader.text),
        date=r.text(m.get("date"), "date"),
        key_figures=r.each(m.get("key_figures"), "key_figures", _read_figure),
        more_figures=r.each(m.get("more_figures"), "more_figures", _read_figure),
        sections=r.each(m.get("sections"), "sections", _read_section),
        photos=r.each(m.get("photos"), "photos", _read_photo),
        quotes=r.each(m.get("quotes"), "quotes", _read_quote),
        closing=r.each(m.get("closing"), "closing", _read_bullet),
        coda=r.text(m.get("coda"), "coda"),
        citations=r.each(m.get("citations"), "citations", _Reader.text),
        notes=r.text(notes.get("cover"), "notes.cover"),
        key_notes=r.text(notes.get("key_figures"), "notes.key_figures"),
        closing_notes=r.text(notes.get("closing"), "notes.closing"),
        sources=r.each(m.get("sources"), "sources", _Reader.text),
    )


def load_outline(text: str, path: str) -> ZoneOutline:
    """Return the outline in YAML `text` read from `path`; OutlineError names line and key."""
    try:
        root = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise OutlineError(f"{path}{line}: {problem}") from None
    if root is None:
        raise OutlineError(f"{path}: the outline is empty")
    _reject_tags(root, path)
    return _read_outline(_Reader(path, root))


def _reject_tags(node: yaml.Node, path: str) -> None:
    """Refuse application-specific tags (`!!python/object`): outlines hold plain data."""
    if node.tag.startswith("tag:yaml.org,2002:python") or node.tag.startswith("!"):
        raise OutlineError(f"{path}:{node.start_mark.line + 1}: unsupported tag {node.tag}")
    children: list[Any] = []
    if isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    for child in children:
        _reject_tags(child, path)

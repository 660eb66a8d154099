"""Write outlines as editable YAML and read them back, with errors naming file, line and key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import yaml

from briefdeck.errors import OutlineError
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
        "language": outline.language,
        "subtitle": outline.subtitle,
        "authors": list(outline.authors),
        "sources": list(outline.sources),
        "date": outline.date,
        "key_figures": [_figure(f) for f in outline.key_figures],
        "more_figures": [_figure(f) for f in outline.more_figures],
        "sections": [_section(s) for s in outline.sections],
        "photos": [
            {"caption": p.caption, "credit": p.credit, "after_section": p.after}
            for p in outline.photos
        ],
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
    """Checks parsed YAML against the outline schema, naming the line of any problem."""

    def __init__(self, path: str, root: yaml.Node) -> None:
        self.path = path
        self.root = root

    def fail(self, node: yaml.Node, key: str, problem: str) -> OutlineError:
        return OutlineError(f"{self.path}:{node.start_mark.line + 1}: {key}: {problem}")

    def mapping(
        self, node: yaml.Node, key: str, allowed: set[str], required: set[str]
    ) -> dict[str, yaml.Node]:
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
        self, node: yaml.Node | None, key: str, read: Callable[[yaml.Node, str], T]
    ) -> tuple[T, ...]:
        """Return `read` applied to every item of a list node (an absent list is empty)."""
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return ()
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, key, "expected a list")
        return tuple(read(item, f"{key}[{i}]") for i, item in enumerate(node.value))

    def text(self, node: yaml.Node | None, key: str) -> str:
        if node is None or node.tag.endswith(":null"):
            return ""
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, key, "expected text")
        return clean(str(node.value))  # a hand edit may bring characters a .pptx cannot hold

    def number(self, node: yaml.Node, key: str) -> float:
        if not isinstance(node, yaml.ScalarNode) or node.tag.split(":")[-1] not in ("int", "float"):
            raise self.fail(node, key, "expected a number")
        return float(node.value)

    def flag(self, node: yaml.Node | None, key: str) -> bool:
        if node is None:
            return False
        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":bool"):
            raise self.fail(node, key, "expected true or false")
        return node.value.lower() in ("true", "yes", "on")

    def figure(self, node: yaml.Node, key: str) -> Figure:
        allowed = {"value", "unit", "label", "qualifier", "qualifier_first", "qualifier_at"}
        m = self.mapping(node, key, allowed, {"value", "label"})
        return Figure(
            value=self.text(m["value"], f"{key}.value"),
            label=self.text(m["label"], f"{key}.label"),
            unit=self.text(m.get("unit"), f"{key}.unit"),
            qualifier=self.text(m.get("qualifier"), f"{key}.qualifier"),
            qualifier_before=self.flag(m.get("qualifier_first"), f"{key}.qualifier_first"),
            qualifier_at=int(self.number(m["qualifier_at"], f"{key}.qualifier_at"))
            if "qualifier_at" in m
            else 0,
        )

    def bullet(self, node: yaml.Node, key: str) -> Bullet:
        if isinstance(node, yaml.ScalarNode):
            return Bullet(self.text(node, key))
        m = self.mapping(node, key, {"head", "text"}, {"text"})
        return Bullet(self.text(m["text"], f"{key}.text"), self.text(m.get("head"), f"{key}.head"))

    def row(self, node: yaml.Node, key: str) -> tuple[str, float]:
        m = self.mapping(node, key, {"label", "value"}, {"label", "value"})
        return self.text(m["label"], f"{key}.label"), self.number(m["value"], f"{key}.value")

    def chart(self, node: yaml.Node, key: str) -> Chart:
        m = self.mapping(node, key, {"title", "unit", "data", "notes"}, {"title", "data"})
        rows = self.each(m["data"], f"{key}.data", self.row)
        if not rows:
            raise self.fail(m["data"], f"{key}.data", "a chart needs at least one value")
        return Chart(
            title=self.text(m["title"], f"{key}.title"),
            unit=self.text(m.get("unit"), f"{key}.unit"),
            categories=tuple(label for label, _ in rows),
            values=tuple(value for _, value in rows),
            notes=self.text(m.get("notes"), f"{key}.notes"),
        )

    def cells(self, node: yaml.Node, key: str) -> tuple[str, ...]:
        """Return a table row: a list of cells, each text (a number is read as written)."""
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, key, "expected a list of cells")
        return tuple(  # a cell is one paragraph: a line break typed in it is a space
            " ".join(self.text(cell, f"{key}[{i}]").split("\n"))
            for i, cell in enumerate(node.value)
        )

    def table(self, node: yaml.Node, key: str) -> DataTable:
        m = self.mapping(node, key, {"caption", "header", "rows", "notes"}, {"rows"})
        header = self.each(m.get("header"), f"{key}.header", self.cells)
        rows = self.each(m["rows"], f"{key}.rows", self.cells)
        if not rows:
            raise self.fail(m["rows"], f"{key}.rows", "a table needs at least one row")
        width = max(len(r) for r in (*header, *rows))
        return DataTable(
            caption=self.text(m.get("caption"), f"{key}.caption"),
            header=tuple((*r, *[""] * (width - len(r))) for r in header),
            rows=tuple((*r, *[""] * (width - len(r))) for r in rows),
            notes=self.text(m.get("notes"), f"{key}.notes"),
        )

    def section(self, node: yaml.Node, key: str) -> SectionOutline:
        allowed = {
            "title",
            "kicker",
            "subtopic",
            "summary",
            "bullets",
            "figures",
            "charts",
            "tables",
            "notes",
            "left_out",
        }
        m = self.mapping(node, key, allowed, {"title"})
        return SectionOutline(
            title=self.text(m["title"], f"{key}.title"),
            kicker=self.text(m.get("kicker"), f"{key}.kicker"),
            bullets=self.each(m.get("bullets"), f"{key}.bullets", self.bullet),
            figures=self.each(m.get("figures"), f"{key}.figures", self.figure),
            charts=self.each(m.get("charts"), f"{key}.charts", self.chart),
            notes=self.text(m.get("notes"), f"{key}.notes"),
            subtopic=self.flag(m.get("subtopic"), f"{key}.subtopic"),
            summary=self.flag(m.get("summary"), f"{key}.summary"),
            left_out=self.each(m.get("left_out"), f"{key}.left_out", self.bullet),
            tables=self.each(m.get("tables"), f"{key}.tables", self.table),
        )

    def after(self, m: dict[str, yaml.Node], key: str) -> int:
        """Return the `after_section` index of a photo or quote (0 when absent)."""
        node = m.get("after_section")
        return int(self.number(node, f"{key}.after_section")) if node is not None else 0

    def photo(self, node: yaml.Node, key: str) -> Photo:
        m = self.mapping(node, key, {"caption", "credit", "after_section"}, {"caption"})
        return Photo(
            self.text(m["caption"], f"{key}.caption"),
            self.text(m.get("credit"), f"{key}.credit"),
            self.after(m, key),
        )

    def quote(self, node: yaml.Node, key: str) -> QuoteItem:
        m = self.mapping(node, key, {"text", "speaker", "after_section"}, {"text"})
        return QuoteItem(
            self.text(m["text"], f"{key}.text"),
            self.text(m.get("speaker"), f"{key}.speaker"),
            self.after(m, key),
        )

    def outline(self) -> ZoneOutline:
        allowed = {"format", "zone", "language", "subtitle", "authors", "sources", "date",
                   "key_figures", "more_figures", "sections", "photos", "quotes", "closing", "coda",
                   "citations", "notes"}  # fmt: skip
        m = self.mapping(self.root, "", allowed, {"format", "zone"})
        if self.text(m["format"], "format") != FORMAT:
            raise self.fail(m["format"], "format", f"expected {FORMAT!r}")
        zone = self.text(m["zone"], "zone").strip()
        if not zone:
            raise self.fail(m["zone"], "zone", "must not be empty")
        language = self.text(m.get("language"), "language") or "zh"
        if language not in ("zh", "en"):
            raise self.fail(m["language"], "language", "expected zh or en")
        notes = {}
        if "notes" in m:
            notes = self.mapping(m["notes"], "notes", {"cover", "key_figures", "closing"}, set())
        return ZoneOutline(
            zone=zone,
            language=language,
            subtitle=self.text(m.get("subtitle"), "subtitle"),
            authors=self.each(m.get("authors"), "authors", self.text),
            date=self.text(m.get("date"), "date"),
            key_figures=self.each(m.get("key_figures"), "key_figures", self.figure),
            more_figures=self.each(m.get("more_figures"), "more_figures", self.figure),
            sections=self.each(m.get("sections"), "sections", self.section),
            photos=self.each(m.get("photos"), "photos", self.photo),
            quotes=self.each(m.get("quotes"), "quotes", self.quote),
            closing=self.each(m.get("closing"), "closing", self.bullet),
            coda=self.text(m.get("coda"), "coda"),
            citations=self.each(m.get("citations"), "citations", self.text),
            notes=self.text(notes.get("cover"), "notes.cover"),
            key_notes=self.text(notes.get("key_figures"), "notes.key_figures"),
            closing_notes=self.text(notes.get("closing"), "notes.closing"),
            sources=self.each(m.get("sources"), "sources", self.text),
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
    return _Reader(path, root).outline()


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

"""Load and validate layout sets (layouts/*.yaml) into dataclasses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from briefdeck.errors import LayoutError
from briefdeck.vocab import load_yaml

KINDS = (
    "cover",
    "key_figures",
    "contents",
    "section",
    "section_cards",
    "chart",
    "photo",
    "quote",
    "closing",
)
"""The slide kinds every layout set must give a layout."""
OPTIONAL_KINDS = {"table": "chart"}
"""Slide kinds a set may leave out, and the kind whose layout they take then (a table goes in
the chart's box)."""
ROLES = ("title", "subtitle", "body", "kicker", "picture", "chart", "table")
"""The placeholder roles a layout may hold."""
COLOR_NAMES = ("dark", "light", "dark2", "light2", "accent", "accent2", "muted")
"""The colour names of a layout set, written into the theme."""
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class Box:
    """A placeholder's geometry (inches) and text style."""

    x: float
    y: float
    w: float
    h: float
    sizes: tuple[float, float] = (18.0, 24.0)
    """Smallest and largest font size in points."""
    color: str = "dark"
    """Colour name (or hex) of its text."""
    bold: bool = False
    """Bold text."""
    align: str = "left"
    """left, center or right."""
    anchor: str = "top"
    """top, middle or bottom."""
    bullets: bool = False
    """Paragraphs carry bullet marks."""


@dataclass(frozen=True)
class Shape:
    """A decoration drawn on a layout (a filled rectangle)."""

    x: float
    y: float
    w: float
    h: float
    color: str


@dataclass(frozen=True)
class CardGrid:
    """Where number cards go on a layout, and how they look."""

    x: float
    y: float
    w: float
    h: float
    gap: float = 0.3
    """Space between cards, inches."""
    max_columns: int = 0
    """Most cards in a row (rows grow first when 0)."""
    max_rows: int = 0
    """Most cards in a column (columns grow first when 0)."""
    fill: str = "light2"
    """Card fill colour name."""
    figure_sizes: tuple[float, float] = (40.0, 60.0)
    """Smallest and largest figure size, points."""
    label_sizes: tuple[float, float] = (12.0, 16.0)
    """Smallest and largest label size, points."""

    def cells(self, count: int) -> list[tuple[float, float, float, float]]:
        """Return (x, y, w, h) of `count` cards laid out on the grid."""
        if count <= 0:
            return []
        if self.max_rows:
            cols = -(-count // self.max_rows)
            rows = -(-count // cols)
        else:
            rows = -(-count // max(1, self.max_columns or count))
            cols = -(-count // rows)
        w = (self.w - self.gap * (cols - 1)) / cols
        h = (self.h - self.gap * (rows - 1)) / rows
        out = []
        for i in range(count):
            row, col = divmod(i, cols)
            in_row = min(cols, count - row * cols)
            shift = (cols - in_row) * (w + self.gap) / 2  # centre a short last row
            out.append((self.x + shift + col * (w + self.gap), self.y + row * (h + self.gap), w, h))
        return out


TABLE_SHOW = ("table", "chart", "both")
"""How a section's table is shown: a table slide, a bar chart of its numeric column, or both."""


@dataclass(frozen=True)
class TableStyle:
    """How tables look and are shown (the `tables` key of a set)."""

    show: str = "table"
    """`table`, `chart` (a table with no column to chart is still shown as a table) or `both`."""
    sizes: tuple[float, float] = (12.0, 18.0)
    """Smallest and largest cell text size in points (rows that do not fit at the smallest
    go to a continuation slide)."""
    header_fill: str = "accent"
    """Fill of the header rows (colour name or hex)."""
    header_color: str = "light"
    """Text colour of the header rows."""
    header_bold: bool = True
    """Bold header text."""
    fill: str = "light"
    """Fill of the body rows."""
    band: str | None = "light2"
    """Fill of every second body row, or None for none."""
    color: str = "dark"
    """Text colour of the body rows."""


@dataclass(frozen=True)
class Layout:
    """One slide layout of a set."""

    name: str
    """The layout's name in the written file."""
    kinds: tuple[str, ...]
    """The slide kinds that use it."""
    placeholders: dict[str, Box]
    """Placeholder boxes by role."""
    background: str | None = None
    """Background colour name, or None for the theme's."""
    shapes: tuple[Shape, ...] = ()
    """Decorations."""
    cards: CardGrid | None = None
    """The card grid, or None."""
    max_items: int = 6
    """Most bullets on one slide."""
    source: str | None = None
    """Name of the template's layout this one uses (None: the layout is written as `name`)."""
    indexes: dict[str, int] = field(default_factory=dict)
    """Placeholder idx by role in the template's layout (empty: the built-in numbering)."""


@dataclass(frozen=True)
class LayoutSet:
    """A named set of layouts with the theme they share."""

    name: str
    description: str
    width: float
    """Slide width, inches."""
    height: float
    """Slide height, inches."""
    latin_font: str
    east_asian_font: str
    colors: dict[str, str]
    """Colour name -> hex RGB."""
    line_spacing: float
    """Percentage line spacing written on paragraphs (1.0 = single)."""
    paragraph_space: float
    """Space before each bullet, in lines."""
    paragraph_space_max: float
    """Most space before a bullet (lines) when few bullets are spread down their box."""
    line_height: float
    """A line's height in ems at single spacing."""
    layouts: tuple[Layout, ...]
    list_sizes: tuple[float, float] = (12.0, 18.0)
    """Sizes of a long reference list (a digest's sources slide), smallest and largest."""
    template: str | None = None
    """Path of the user's template whose masters and layouts the deck is built on, or None."""
    template_layouts: dict[str, str] = field(default_factory=dict)
    """Slide kind -> template layout name, where the set names them explicitly."""
    tables: TableStyle = field(default_factory=TableStyle)
    """How tables look and are shown."""

    def for_kind(self, kind: str) -> Layout:
        """Return the layout that slide kind `kind` uses (an optional kind the set leaves out:
        the layout of the kind it falls back to)."""
        for layout in self.layouts:
            if kind in layout.kinds:
                return layout
        if kind in OPTIONAL_KINDS:
            return self.for_kind(OPTIONAL_KINDS[kind])
        raise LayoutError(f"{self.name}: no layout for slide kind {kind!r}")

    def table_box(self) -> Box:
        """Return the box a table slide's table fills: its layout's table placeholder, else the
        chart's, else the body's."""
        holders = self.for_kind("table").placeholders
        box = holders.get("table") or holders.get("chart") or holders.get("body")
        if box is None:
            raise LayoutError(f"{self.name}: the table layout has no table, chart or body box")
        return box

    def rgb(self, color: str) -> str:
        """Return the hex RGB of a colour name or hex string."""
        return self.colors.get(color, color)


def builtin_dir() -> Path:
    """Return the folder of the built-in layout sets (installed copy, else the source tree)."""
    installed = Path(str(resources.files("briefdeck"))) / "layouts"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "layouts"


def available() -> dict[str, Path]:
    """Return the built-in layout sets by name."""
    return {p.stem: p for p in sorted(builtin_dir().glob("*.yaml"))}


@lru_cache(maxsize=8)
def load_layout_set(name_or_path: str = "briefing") -> LayoutSet:
    """Return the layout set named `name_or_path` (built-in) or stored at that path."""
    sets = available()
    path = sets.get(name_or_path) or Path(name_or_path)
    if not path.is_file():
        names = ", ".join(sets)
        raise LayoutError(f"{name_or_path}: no such layout set (built in: {names})")
    try:
        data = load_yaml(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise LayoutError(f"{path}:{where} not valid YAML") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LayoutError(f"{path}: cannot be read ({exc.__class__.__name__})") from None
    return _layout_set(data, str(path))


def _layout_set(data: Any, path: str) -> LayoutSet:
    """Return a validated layout set from parsed YAML."""
    keys = {
        "name",
        "description",
        "slide",
        "fonts",
        "colors",
        "text",
        "layouts",
        "template_layouts",
        "tables",
    }
    top = _mapping(data, path, "", keys)
    slide = _mapping(top.get("slide", {}), path, "slide", {"width", "height"})
    fonts = _mapping(top.get("fonts", {}), path, "fonts", {"latin", "east_asian"})
    colors = _mapping(top.get("colors"), path, "colors", set(COLOR_NAMES))
    for name in COLOR_NAMES:
        value = str(colors.get(name, ""))
        if not _HEX.match(value):
            raise LayoutError(f"{path}: colors.{name}: expected a hex colour like 1F5FAE")
    text = _mapping(
        top.get("text", {}),
        path,
        "text",
        {"line_spacing", "paragraph_space", "paragraph_space_max", "line_height", "list_sizes"},
    )
    raw_layouts = top.get("layouts")
    if not isinstance(raw_layouts, list) or not raw_layouts:
        raise LayoutError(f"{path}: layouts: expected a list of layouts")
    layouts = tuple(
        _layout(item, path, f"layouts[{i}]", colors) for i, item in enumerate(raw_layouts)
    )
    spacing = _number(text.get("line_spacing", 1.1), path, "text.line_spacing")
    if spacing < 1.0:
        raise LayoutError(f"{path}: text.line_spacing: must be at least 1.0")
    result = LayoutSet(
        name=str(top.get("name") or Path(path).stem),
        description=str(top.get("description", "")),
        width=_number(slide.get("width", 13.333), path, "slide.width"),
        height=_number(slide.get("height", 7.5), path, "slide.height"),
        latin_font=str(fonts.get("latin", "Arial")),
        east_asian_font=str(fonts.get("east_asian", "Microsoft YaHei")),
        colors={k: str(v).upper() for k, v in colors.items()},
        line_spacing=spacing,
        paragraph_space=_number(text.get("paragraph_space", 0.3), path, "text.paragraph_space"),
        paragraph_space_max=_number(
            text.get("paragraph_space_max", 1.0), path, "text.paragraph_space_max"
        ),
        line_height=_number(text.get("line_height", 1.4), path, "text.line_height"),
        layouts=layouts,
        list_sizes=_sizes(text.get("list_sizes", [12, 18]), path, "text.list_sizes"),
        template_layouts=_template_layouts(top.get("template_layouts", {}), path),
        tables=_tables(top.get("tables", {}), path, colors),
    )
    for kind in KINDS:
        if not any(kind in layout.kinds for layout in layouts):
            raise LayoutError(f"{path}: layouts: no layout has kind {kind!r}")
    return result


def _tables(data: Any, path: str, colors: dict[str, Any]) -> TableStyle:
    """Return the table style of a set's `tables` key (every key optional)."""
    item = _mapping(data, path, "tables", {"show", "sizes", "header", "body"})
    header = _mapping(item.get("header", {}), path, "tables.header", {"fill", "color", "bold"})
    body = _mapping(item.get("body", {}), path, "tables.body", {"fill", "color", "band"})
    show = item.get("show", "table")
    if show not in TABLE_SHOW:
        raise LayoutError(f"{path}: tables.show: expected one of {', '.join(TABLE_SHOW)}")
    bold = header.get("bold", True)
    if not isinstance(bold, bool):
        raise LayoutError(f"{path}: tables.header.bold: expected true or false")
    band = body.get("band", "light2")
    d = TableStyle()
    return TableStyle(
        show=show,
        sizes=_sizes(item["sizes"], path, "tables.sizes") if "sizes" in item else d.sizes,
        header_fill=_color(header.get("fill", d.header_fill), path, "tables.header.fill", colors),
        header_color=_color(
            header.get("color", d.header_color), path, "tables.header.color", colors
        ),
        header_bold=bold,
        fill=_color(body.get("fill", d.fill), path, "tables.body.fill", colors),
        band=_color(band, path, "tables.body.band", colors) if band is not None else None,
        color=_color(body.get("color", d.color), path, "tables.body.color", colors),
    )


def _template_layouts(data: Any, path: str) -> dict[str, str]:
    """Return the kind -> template layout names a set gives for `--template`."""
    item = _mapping(data, path, "template_layouts", set(KINDS))
    for kind, name in item.items():
        if not isinstance(name, str) or not name:
            raise LayoutError(f"{path}: template_layouts.{kind}: expected a layout name")
    return dict(item)


def _layout(data: Any, path: str, where: str, colors: dict[str, Any]) -> Layout:
    item = _mapping(
        data,
        path,
        where,
        {"name", "kinds", "background", "shapes", "placeholders", "cards", "max_items"},
    )
    kinds = item.get("kinds")
    known = (*KINDS, *OPTIONAL_KINDS)
    if not isinstance(kinds, list) or not kinds or any(k not in known for k in kinds):
        raise LayoutError(f"{path}: {where}.kinds: expected a list of {', '.join(known)}")
    holders = _mapping(item.get("placeholders"), path, f"{where}.placeholders", set(ROLES))
    if "title" not in holders:
        raise LayoutError(f"{path}: {where}.placeholders: a title placeholder is required")
    background = item.get("background")
    if background is not None:
        _color(background, path, f"{where}.background", colors)
    cards = item.get("cards")
    return Layout(
        name=str(item.get("name") or where),
        kinds=tuple(kinds),
        placeholders={
            role: _box(box, path, f"{where}.placeholders.{role}", colors)
            for role, box in holders.items()
        },
        background=background,
        shapes=tuple(
            Shape(
                **_geometry(s, path, f"{where}.shapes[{i}]", {"color"}),
                color=_color(s.get("color"), path, f"{where}.shapes[{i}].color", colors),
            )
            for i, s in enumerate(item.get("shapes") or [])
        ),
        cards=_cards(cards, path, f"{where}.cards", colors) if cards is not None else None,
        max_items=int(_number(item.get("max_items", 6), path, f"{where}.max_items")),
    )


def _box(data: Any, path: str, where: str, colors: dict[str, Any]) -> Box:
    extra = {"sizes", "color", "bold", "align", "anchor", "bullets"}
    item = _mapping(data, path, where, {"x", "y", "w", "h"} | extra)
    fields: dict[str, Any] = dict(_geometry(item, path, where, extra))
    if "sizes" in item:
        fields["sizes"] = _sizes(item["sizes"], path, f"{where}.sizes")
    if "color" in item:
        fields["color"] = _color(item["color"], path, f"{where}.color", colors)
    for key, allowed in (
        ("align", ("left", "center", "right")),
        ("anchor", ("top", "middle", "bottom")),
    ):
        if key in item:
            if item[key] not in allowed:
                raise LayoutError(f"{path}: {where}.{key}: expected one of {', '.join(allowed)}")
            fields[key] = item[key]
    for key in ("bold", "bullets"):
        if key in item:
            if not isinstance(item[key], bool):
                raise LayoutError(f"{path}: {where}.{key}: expected true or false")
            fields[key] = item[key]
    return Box(**fields)


def _cards(data: Any, path: str, where: str, colors: dict[str, Any]) -> CardGrid:
    extra = {"gap", "max_columns", "max_rows", "fill", "figure_sizes", "label_sizes"}
    item = _mapping(data, path, where, {"x", "y", "w", "h"} | extra)
    return CardGrid(
        **_geometry(item, path, where, extra),
        gap=_number(item.get("gap", 0.3), path, f"{where}.gap"),
        max_columns=int(_number(item.get("max_columns", 0), path, f"{where}.max_columns")),
        max_rows=int(_number(item.get("max_rows", 0), path, f"{where}.max_rows")),
        fill=_color(item.get("fill", "light2"), path, f"{where}.fill", colors),
        figure_sizes=_sizes(item.get("figure_sizes", [40, 60]), path, f"{where}.figure_sizes"),
        label_sizes=_sizes(item.get("label_sizes", [12, 16]), path, f"{where}.label_sizes"),
    )


def _geometry(item: dict[str, Any], path: str, where: str, extra: set[str]) -> dict[str, float]:
    _mapping(item, path, where, {"x", "y", "w", "h"} | extra)
    out: dict[str, float] = {}
    for key in ("x", "y", "w", "h"):
        if key not in item:
            raise LayoutError(f"{path}: {where}.{key}: missing")
        out[key] = _number(item[key], path, f"{where}.{key}")
    if out["w"] <= 0 or out["h"] <= 0:
        raise LayoutError(f"{path}: {where}: width and height must be positive")
    return out


def _mapping(data: Any, path: str, where: str, keys: set[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise LayoutError(f"{path}: {where or 'top level'}: expected a mapping")
    for key in data:
        if key not in keys:
            raise LayoutError(f"{path}: {where + '.' if where else ''}{key}: unknown key")
    return data


def _number(value: Any, path: str, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise LayoutError(f"{path}: {where}: expected a number, got {value!r}")
    return float(value)


def _sizes(value: Any, path: str, where: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise LayoutError(f"{path}: {where}: expected [smallest, largest] in points")
    low, high = (_number(v, path, where) for v in value)
    if not 6 <= low <= high:
        raise LayoutError(f"{path}: {where}: expected 6 <= smallest <= largest")
    return (low, high)


def _color(value: Any, path: str, where: str, colors: dict[str, Any]) -> str:
    if isinstance(value, str) and (value in COLOR_NAMES or _HEX.match(value)):
        return value
    raise LayoutError(f"{path}: {where}: expected a colour name ({', '.join(COLOR_NAMES)}) or hex")

"""Load and validate layout sets (layouts/*.yaml) into dataclasses."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, get_args

from briefdeck.datacache import cached_build, read_text
from briefdeck.errors import LayoutError
from briefdeck.hints import Check, Expect, rule
from briefdeck.model import AnyKind, Kind, Role

KINDS: tuple[Kind, ...] = get_args(Kind)
"""The slide kinds every layout set must give a layout."""
OPTIONAL_KINDS: dict[AnyKind, Kind] = {"table": "chart"}
"""Slide kinds a set may leave out, and the kind whose layout they take then (a table goes in
the chart's box)."""
ROLES: tuple[Role, ...] = get_args(Role)
ColorName = Literal["dark", "light", "dark2", "light2", "accent", "accent2", "muted"]
"""The colour names of a layout set, written into the theme."""
COLOR_NAMES: tuple[str, ...] = get_args(ColorName)
TableShow = Literal["table", "chart", "both"]
"""How a section's table is shown: a table slide, a bar chart of its numeric column, or both."""
TABLE_SHOW: tuple[str, ...] = get_args(TableShow)
_HEX = re.compile(r"^[0-9A-Fa-f]{6}$")

Color = Annotated[
    str,
    rule(
        lambda v: v in COLOR_NAMES or _HEX.match(v),
        f"expected a colour name ({', '.join(COLOR_NAMES)}) or hex",
    ),
]
"""A colour name or a hex RGB string."""
Hex = Annotated[str, rule(_HEX.match, "expected a hex colour like 1F5FAE")]
"""A hex RGB string (`1F5FAE`)."""
Sizes = Annotated[
    tuple[float, float],
    Expect("[smallest, largest] in points"),
    rule(lambda s: 6 <= s[0] <= s[1], "expected 6 <= smallest <= largest"),
]
"""Smallest and largest font size, points."""
Length = Annotated[float, rule(lambda v: v > 0, "must be positive")]
"""A width or height, inches."""


@dataclass(frozen=True)
class Box:
    """A placeholder's geometry (inches) and text style."""

    x: float
    y: float
    w: Length
    h: Length
    sizes: Sizes = (18.0, 24.0)
    """Smallest and largest font size in points."""
    color: Color = "dark"
    """Colour name (or hex) of its text."""
    bold: bool = False
    """Bold text."""
    align: Literal["left", "center", "right"] = "left"
    """left, center or right."""
    anchor: Literal["top", "middle", "bottom"] = "top"
    """top, middle or bottom."""
    bullets: bool = False
    """Paragraphs carry bullet marks."""


@dataclass(frozen=True)
class Shape:
    """A decoration drawn on a layout (a filled rectangle)."""

    x: float
    y: float
    w: Length
    h: Length
    color: Color


@dataclass(frozen=True)
class CardGrid:
    """Where number cards go on a layout, and how they look."""

    x: float
    y: float
    w: Length
    h: Length
    gap: float = 0.3
    """Space between cards, inches."""
    max_columns: int = 0
    """Most cards in a row (rows grow first when 0)."""
    max_rows: int = 0
    """Most cards in a column (columns grow first when 0)."""
    fill: Color = "light2"
    """Card fill colour name."""
    figure_sizes: Sizes = (40.0, 60.0)
    """Smallest and largest figure size, points."""
    label_sizes: Sizes = (12.0, 16.0)
    """Smallest and largest label size, points."""

    def cells(self, count: int) -> tuple[tuple[float, float, float, float], ...]:
        """Return (x, y, w, h) of `count` cards laid out on the grid."""
        return _cells(self, count)


@lru_cache(maxsize=256)
def _cells(grid: CardGrid, count: int) -> tuple[tuple[float, float, float, float], ...]:
    """Return `CardGrid.cells`, laid out once per grid and count (planning asks again and
    again)."""
    if count <= 0:
        return ()
    if grid.max_rows:
        cols = -(-count // grid.max_rows)
        rows = -(-count // cols)
    else:
        rows = -(-count // max(1, grid.max_columns or count))
        cols = -(-count // rows)
    w = (grid.w - grid.gap * (cols - 1)) / cols
    h = (grid.h - grid.gap * (rows - 1)) / rows
    out = []
    for i in range(count):
        row, col = divmod(i, cols)
        in_row = min(cols, count - row * cols)
        shift = (cols - in_row) * (w + grid.gap) / 2  # centre a short last row
        out.append((grid.x + shift + col * (w + grid.gap), grid.y + row * (h + grid.gap), w, h))
    return tuple(out)


@dataclass(frozen=True)
class TableStyle:
    """How tables look and are shown (the `tables` key of a set)."""

    show: TableShow = "table"
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
    kinds: tuple[AnyKind, ...]
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

    def for_kind(self, kind: AnyKind) -> Layout:
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
    built = cached_build(read_text(path, LayoutError), str(path), _LayoutSetFile, LayoutError)
    return built.layout_set(path.stem)


# ---------------------------------------------------- the YAML's shape, where it is not the model's


@dataclass(frozen=True)
class _LayoutItem:
    """A layout as an item of a set's `layouts` list."""

    kinds: Annotated[tuple[AnyKind, ...], rule(len, "expected at least one slide kind")]
    placeholders: Annotated[
        dict[Role, Box], rule(lambda p: "title" in p, "a title placeholder is required")
    ]
    name: str = ""
    background: Color | None = None
    shapes: tuple[Shape, ...] = ()
    cards: CardGrid | None = None
    max_items: int = 6

    def layout(self, where: str) -> Layout:
        """Return the layout (named `where`, `layouts[2]`, when the YAML names it not)."""
        holders: dict[str, Box] = dict(self.placeholders.items())
        return Layout(
            name=self.name or where,
            kinds=self.kinds,
            placeholders=holders,
            background=self.background,
            shapes=self.shapes,
            cards=self.cards,
            max_items=self.max_items,
        )


@dataclass(frozen=True)
class _Slide:
    """The `slide` key: the slide size, inches."""

    width: Length = 13.333
    height: Length = 7.5


@dataclass(frozen=True)
class _Fonts:
    """The `fonts` key: the theme's typefaces."""

    latin: str = "Arial"
    east_asian: str = "Microsoft YaHei"


@dataclass(frozen=True)
class _Colors:
    """The `colors` key: every colour name's hex RGB."""

    dark: Hex
    light: Hex
    dark2: Hex
    light2: Hex
    accent: Hex
    accent2: Hex
    muted: Hex


@dataclass(frozen=True)
class _Text:
    """The `text` key: spacing of lines and paragraphs, and a long list's sizes."""

    line_spacing: Annotated[float, rule(lambda v: v >= 1.0, "must be at least 1.0")] = 1.1
    paragraph_space: float = 0.3
    paragraph_space_max: float = 1.0
    line_height: float = 1.4
    list_sizes: Sizes = (12.0, 18.0)


@dataclass(frozen=True)
class _TableHeader:
    """The `tables.header` key."""

    fill: Color = "accent"
    color: Color = "light"
    bold: bool = True


@dataclass(frozen=True)
class _TableBody:
    """The `tables.body` key."""

    fill: Color = "light"
    color: Color = "dark"
    band: Color | None = "light2"


@dataclass(frozen=True)
class _Tables:
    """The `tables` key."""

    show: TableShow = "table"
    sizes: Sizes = (12.0, 18.0)
    header: _TableHeader = _TableHeader()
    body: _TableBody = _TableBody()

    def style(self) -> TableStyle:
        """Return the table style."""
        header, body = self.header, self.body
        return TableStyle(
            show=self.show,
            sizes=self.sizes,
            header_fill=header.fill,
            header_color=header.color,
            header_bold=header.bold,
            fill=body.fill,
            band=body.band,
            color=body.color,
        )


def _every_kind(layouts: tuple[_LayoutItem, ...]) -> str:
    """Return the problem of a set in which a slide kind has no layout ("" for none)."""
    missing = [k for k in KINDS if not any(k in layout.kinds for layout in layouts)]
    return f"no layout has kind {missing[0]!r}" if missing else ""


@dataclass(frozen=True)
class _LayoutSetFile:
    """A layout set's YAML file."""

    colors: _Colors
    layouts: Annotated[tuple[_LayoutItem, ...], Check(_every_kind)]
    name: str = ""
    description: str = ""
    slide: _Slide = _Slide()
    fonts: _Fonts = _Fonts()
    text: _Text = _Text()
    template_layouts: dict[Kind, Annotated[str, rule(len, "expected a layout name")]] = field(
        default_factory=dict
    )
    tables: _Tables = _Tables()

    def layout_set(self, stem: str) -> LayoutSet:
        """Return the layout set (named `stem`, its file's, when the YAML names it not)."""
        colors = {k: str(v).upper() for k, v in dataclasses.asdict(self.colors).items()}
        return LayoutSet(
            name=self.name or stem,
            description=self.description,
            width=self.slide.width,
            height=self.slide.height,
            latin_font=self.fonts.latin,
            east_asian_font=self.fonts.east_asian,
            colors=colors,
            line_spacing=self.text.line_spacing,
            paragraph_space=self.text.paragraph_space,
            paragraph_space_max=self.text.paragraph_space_max,
            line_height=self.text.line_height,
            layouts=tuple(item.layout(f"layouts[{i}]") for i, item in enumerate(self.layouts)),
            list_sizes=self.text.list_sizes,
            template_layouts=dict(self.template_layouts.items()),
            tables=self.tables.style(),
        )

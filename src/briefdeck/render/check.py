"""Lint any deck: titles, empty placeholders, overflow, CJK fonts, alt text, relationships."""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from briefdeck.chars import is_cjk
from briefdeck.errors import BriefdeckError
from briefdeck.geometry import EMU_PER_INCH, INSET_X, INSET_Y
from briefdeck.language import Language
from briefdeck.lint import bad_categories, fragment_reason, is_unbalanced, weak_label_reason
from briefdeck.render.oxml import qn
from briefdeck.textfit import (
    Metrics,
    paragraph_gap,
    paragraph_height,
    text_width,
)

DEFAULT_SIZE = 18.0
"""Font size assumed for text whose size is set nowhere the check can see."""
SLACK = 0.02
"""Inches of estimated overflow tolerated (rounding)."""


@dataclass(frozen=True)
class Finding:
    """One problem found in a deck."""

    deck: str
    slide: int
    """1-based slide number, 0 for the package as a whole."""
    shape: str
    """Shape name, or empty."""
    severity: str
    """`error` or `warning`."""
    problem: str

    def line(self) -> str:
        """Return the finding as one line of text."""
        where = f"slide {self.slide}" if self.slide else "package"
        shape = f": {self.shape}" if self.shape else ""
        return f"{self.deck}: {where}{shape}: {self.severity}: {self.problem}"


def check_deck(path: Path, metrics: Metrics | None = None) -> list[Finding]:
    """Return the findings of the deck at `path`."""
    m = metrics or Metrics()
    deck = str(path)
    broken = _broken_relationships(path)
    if broken:
        return [Finding(deck, 0, "", "error", f"broken relationship: {b}") for b in broken]
    try:
        prs = Presentation(str(path))
    except Exception as exc:  # python-pptx raises many kinds for a bad package
        raise BriefdeckError(
            f"{path}: not a readable presentation ({exc.__class__.__name__})"
        ) from None
    theme_ea = _theme_east_asian(prs)
    findings: list[Finding] = []
    titles: dict[str, int] = {}
    for number, slide in enumerate(prs.slides, start=1):

        def add(shape: str, severity: str, problem: str, n: int = number) -> None:
            findings.append(Finding(deck, n, shape, severity, problem))

        title = slide.shapes.title
        text = title.text_frame.text.strip() if title is not None else ""
        if not text:
            add("", "error", "no title (or an empty title placeholder)")
        elif text in titles:
            add(title.name, "warning", f"same title as slide {titles[text]}: {text[:30]}")
        else:
            titles[text] = number
        for shape in slide.shapes:
            _check_shape(shape, add, theme_ea, m)
            if getattr(shape, "has_table", False):
                _check_table(shape, add, theme_ea, m, (prs.slide_height or 0) / EMU_PER_INCH)
        if number > 1:  # the cover holds no points
            for problem in _content(slide):
                add("", "warning", problem)
    return findings


def _content(slide: Any) -> list[str]:
    """Return the content problems of a slide: fragment bullets, unbalanced marks, weak card
    labels, chart categories that are no whole phrases, a slide with nothing but its title or
    a single bullet."""
    out: list[str] = []
    title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
    if title and is_unbalanced(title):
        out.append(f"unbalanced quotation marks or brackets: {title[:30]}")
    bullets = [p for shape in _bodies(slide) for p in _texts(shape)]
    quote = len(bullets) == 1 and bullets[0].startswith("“") and bullets[0].endswith("”")
    listed = any(shape._element.xpath(".//a:buAutoNum") for shape in _bodies(slide))
    for text in [] if quote or listed else bullets:
        reason = fragment_reason(text)
        if reason:
            out.append(f"bullet is not a complete point ({reason}): {text[:30]}")
        if is_unbalanced(text):
            out.append(f"unbalanced quotation marks or brackets: {text[:30]}")
    cards = [s for s in slide.shapes if s.name.startswith("Card ") and s.has_text_frame]
    for card in cards:
        label = _texts(card)[-1] if len(_texts(card)) > 1 else ""
        reason = weak_label_reason(label)
        if reason:
            out.append(f"card label does not say what is counted ({reason}): {label[:30]}")
    charts = [s.chart for s in slide.shapes if getattr(s, "has_chart", False)]
    for chart in charts:
        for category in bad_categories(tuple(str(c) for c in chart.plots[0].categories)):
            out.append(f"chart category is not a distinct whole phrase: {category[:30]}")
    pictures = any(_is_picture(s) for s in slide.shapes)
    tables = any(getattr(s, "has_table", False) for s in slide.shapes)
    if not (cards or charts or pictures or quote or tables):
        if not bullets:
            out.append("a slide with a title and nothing else")
        elif len(bullets) == 1:
            out.append(f"a slide with a single bullet and nothing else: {bullets[0][:30]}")
    return out


def _bodies(slide: Any) -> list[Any]:
    """Return the slide's body text placeholders (not a kicker: the small line over a title
    names the section a chart or a table belongs to, it is no point of its own)."""
    kinds = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
    return [
        s
        for s in slide.placeholders
        if s.placeholder_format.type in kinds
        and s.has_text_frame
        and s.placeholder_format.idx
        and not _is_kicker(s)
    ]


def _is_kicker(shape: Any) -> bool:
    """Return True for the kicker placeholder of a briefdeck layout (named `Kicker` there)."""
    layout_shape = _layout_placeholder(shape)
    return layout_shape is not None and str(layout_shape.name).startswith("Kicker")


def _texts(shape: Any) -> list[str]:
    return [p.text.strip() for p in shape.text_frame.paragraphs if p.text.strip()]


def _is_picture(shape: Any) -> bool:
    if shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.PICTURE:
        return True
    return bool(shape.shape_type == MSO_SHAPE_TYPE.PICTURE)


def _check_shape(shape: Any, add: Any, theme_ea: bool, m: Metrics) -> None:
    """Report the problems of one shape through `add`."""
    picture = shape.is_placeholder and shape.placeholder_format.type == PP_PLACEHOLDER.PICTURE
    if picture and not _has_picture(shape):
        return  # an empty picture placeholder waits for the user's photo
    if shape.is_placeholder and shape.has_text_frame and not shape.text_frame.text.strip():
        add(shape.name, "warning", "empty placeholder")
    described = _alt_text(shape)
    if getattr(shape, "has_chart", False) and not described:
        add(shape.name, "warning", "chart without alt text")
    if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and not described:
        add(shape.name, "warning", "picture without alt text")
    if not shape.has_text_frame or not shape.text_frame.text.strip():
        return
    _check_runs(shape.name, shape.text_frame, add, theme_ea)
    overflow = _overflow(shape, m)
    if overflow:
        add(shape.name, "error", overflow)


def _check_runs(name: str, frame: Any, add: Any, theme_ea: bool) -> None:
    """Report the Chinese runs of a text frame without a Chinese language or an East Asian font."""
    for run in (r for p in frame.paragraphs for r in p.runs):
        if any(is_cjk(c) for c in run.text):
            rpr = run._r.rPr
            lang = rpr.get("lang", "") if rpr is not None else ""
            ea = rpr is not None and rpr.find(qn("a:ea")) is not None
            if not lang.startswith(Language.ZH.value):
                add(name, "error", f"Chinese text without lang zh-*: {run.text[:20]}")
            if not (ea or theme_ea):
                add(name, "error", f"Chinese text without an East Asian font: {run.text[:20]}")


def _check_table(shape: Any, add: Any, theme_ea: bool, m: Metrics, slide_height: float) -> None:
    """Report a table's Chinese runs as a text box's, and a table whose rows, each as tall as
    its text needs at its written sizes, run past its frame or off the slide."""
    table = shape.table
    widths = [c.width / EMU_PER_INCH for c in table.columns]
    needed = 0.0
    for row in table.rows:
        tallest = row.height / EMU_PER_INCH
        for cell, width in zip(row.cells, widths):
            _check_runs(shape.name, cell.text_frame, add, theme_ea)
            margins = [v / EMU_PER_INCH if v is not None else d for v, d in (
                (cell.margin_left, INSET_X), (cell.margin_right, INSET_X),
                (cell.margin_top, INSET_Y), (cell.margin_bottom, INSET_Y))]  # fmt: skip
            inner = width - margins[0] - margins[1]
            text = margins[2] + margins[3]
            for n, paragraph in enumerate(cell.text_frame.paragraphs):
                runs = [r for r in paragraph.runs if r.text]
                if not runs:
                    continue
                size = max(_cell_size(r) for r in runs)
                bold = any(r.font.bold for r in runs)
                text += paragraph_height("".join(r.text for r in runs), size, inner, m, bold)
                text += paragraph_gap(size, m) if n else 0.0
            tallest = max(tallest, text)
        needed += tallest
    height = shape.height / EMU_PER_INCH if shape.height is not None else needed
    top = shape.top / EMU_PER_INCH if shape.top is not None else 0.0
    if needed > height + SLACK:
        add(shape.name, "error", f"table overflows its frame (needs {needed:.2f} in, has "
                                 f"{height:.2f} in)")  # fmt: skip
    elif top + needed > slide_height + SLACK:
        add(shape.name, "error", f"table runs off the slide (its bottom at {top + needed:.2f} "
                                 f"in, the slide {slide_height:.2f} in)")  # fmt: skip


def _cell_size(run: Any) -> float:
    """Return a table run's size in points (its own, else the table default of 18)."""
    return run.font.size.pt if run.font.size is not None else DEFAULT_SIZE


def _alt_text(shape: Any) -> bool:
    """Return True when a shape has alt text (a bare file name does not count)."""
    descr = "".join(shape._element.xpath("./*[1]/p:cNvPr/@descr")).strip()
    return bool(descr) and not re.fullmatch(
        r"[\w.-]+\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf)", descr, re.I
    )


def _has_picture(shape: Any) -> bool:
    return shape._element.tag == qn("p:pic")


def _overflow(shape: Any, m: Metrics) -> str | None:
    """Return a description of the text's estimated overflow at its written sizes, or None."""
    if shape.width is None or shape.height is None:
        return None
    frame = shape.text_frame
    left, right, top, bottom = (
        v / EMU_PER_INCH if v is not None else default
        for v, default in ((frame.margin_left, INSET_X), (frame.margin_right, INSET_X),
                           (frame.margin_top, INSET_Y), (frame.margin_bottom, INSET_Y))
    )  # fmt: skip
    inner = shape.width / EMU_PER_INCH - left - right
    bold_default = _layout_style(shape, "a:lvl1pPr/a:defRPr[@b='1']")
    needed = top + bottom
    first = True
    for paragraph in frame.paragraphs:
        runs = [r for r in paragraph.runs if r.text]
        if not runs:
            continue
        size = max(_size(r, shape) for r in runs)
        bold = bold_default or any(r.font.bold for r in runs)
        width = inner - (0.3 if _has_bullet(shape, paragraph) else 0.0)
        if len({_size(r, shape) for r in runs}) == 1:
            needed += paragraph_height("".join(r.text for r in runs), size, width, m, bold)
        else:  # mixed sizes (a card's figure and unit): lines from the summed run widths
            points = sum(text_width(r.text, bold) * _size(r, shape) for r in runs)
            lines = max(1, math.ceil(points / (width * 72)))
            needed += lines * size * m.line_height * m.line_spacing / 72
        if not first:
            before = paragraph.space_before
            needed += before.pt / 72 if before is not None else paragraph_gap(size, m)
        first = False
    height = shape.height / EMU_PER_INCH
    if needed > height + SLACK:
        return f"text overflows its box (needs {needed:.2f} in, has {height:.2f} in)"
    return None


def _size(run: Any, shape: Any) -> float:
    """Return a run's font size in points (its own, else its placeholder's default)."""
    return run.font.size.pt if run.font.size is not None else _default_size(shape)


def _layout_style(shape: Any, path: str) -> bool:
    """Return True when the placeholder's layout list style has an element at `path`."""
    layout_shape = _layout_placeholder(shape)
    return layout_shape is not None and bool(layout_shape._element.xpath(f".//a:lstStyle/{path}"))


def _layout_placeholder(shape: Any) -> Any:
    if not shape.is_placeholder:
        return None
    try:
        return shape.part.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
    except (AttributeError, KeyError):
        return None


def _default_size(shape: Any) -> float:
    """Return the size the layout's list style gives a placeholder's text, else DEFAULT_SIZE."""
    layout_shape = _layout_placeholder(shape)
    if layout_shape is not None:
        found = layout_shape._element.xpath(".//a:lstStyle/a:lvl1pPr/a:defRPr/@sz")
        if found:
            return int(found[0]) / 100
    return DEFAULT_SIZE


def _has_bullet(shape: Any, paragraph: Any) -> bool:
    """Return True when a paragraph carries a bullet or a number (and so an indent)."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.find(qn("a:buNone")) is not None:
        return False
    if ppr is not None and ppr.find(qn("a:buAutoNum")) is not None:
        return True
    return _layout_style(shape, "a:lvl1pPr/a:buChar")


def _theme_east_asian(prs: Any) -> bool:
    """Return True when the theme names an East Asian typeface for body and heading text."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    faces = [ea.get("typeface") for ea in root.iter(qn("a:ea"))]
    return bool(faces) and all(faces)


def _broken_relationships(path: Path) -> list[str]:
    """Return the internal relationship targets that are missing from the package."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise BriefdeckError(f"{path}: not a presentation (not a zip package)") from None
    names = set(package.namelist())
    broken = []
    for rels in (n for n in names if n.endswith(".rels")):
        base = posixpath.dirname(posixpath.dirname(rels))
        root = etree.fromstring(package.read(rels))
        for rel in root:
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(base, target))  # fmt: skip
            if resolved not in names:
                broken.append(f"{rels} -> {target}")
    return sorted(broken)


def summary(findings: list[Finding]) -> dict[str, int]:
    """Return counts of findings by severity."""
    return {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning")}

"""Render checks in a real client: each text shape painted its own colour, glyphs kept in boxes.

A copy of a deck is made where every text shape's text (and bullets) is painted in a colour of
its own, `normAutofit` is switched off, and fills, decorations, backgrounds and charts are
removed. LibreOffice renders the copy; with anti-aliasing off every non-white pixel is a glyph,
and its colour says which shape holds it. A glyph outside its shape's box is overflow.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from PIL import Image, ImageChops
from pptx import Presentation

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
EMU = 914400
STEPS = (0, 70, 140, 210)
PALETTE = [(r, g, b) for r in STEPS for g in STEPS for b in STEPS][:-1]  # no near-white
TOLERANCE = 0.04
"""Inches a glyph may stand outside its box (rasterising rounds to whole pixels)."""


@dataclass(frozen=True)
class Coded:
    """One text shape of a coded copy: its slide, name, colour and box in inches."""

    slide: int
    name: str
    color: tuple[int, int, int]
    box: tuple[float, float, float, float]


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def coded_copy(deck: Path, out: Path, shrink: str | None = None) -> list[Coded]:
    """Write the coded copy of `deck` to `out`; return its text shapes.

    `shrink` names a shape whose box is cut to a fifth of its height, to prove overflow is caught.
    """
    prs = Presentation(str(deck))
    for master in prs.slide_masters:  # a template may have several
        for layout in master.slide_layouts:
            _strip_design(layout._element)
        _strip_design(master._element)
        _white_background(master._element)
    coded: list[Coded] = []
    for number, slide in enumerate(prs.slides, start=1):
        tree = slide.shapes._spTree
        for frame in tree.findall(_q(P, "graphicFrame")):
            tree.remove(frame)
        for shape in list(slide.shapes):
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            if shrink and shape.name == shrink:
                left, top, width, height = shape.left, shape.top, shape.width, shape.height
                shape.left, shape.top, shape.width, shape.height = left, top, width, height // 5
            color = PALETTE[len([c for c in coded if c.slide == number]) % len(PALETTE)]
            _paint(shape._element, color)
            box = (shape.left / EMU, shape.top / EMU, shape.width / EMU, shape.height / EMU)
            coded.append(Coded(number, shape.name, color, box))
    prs.save(str(out))
    return coded


def _strip_design(element: etree._Element) -> None:
    """Remove backgrounds, decorations and autofit from a layout or master."""
    c_sld = element.find(_q(P, "cSld"))
    background = c_sld.find(_q(P, "bg"))
    if background is not None:
        c_sld.remove(background)
    tree = c_sld.find(_q(P, "spTree"))
    for shape in list(tree)[2:]:  # after the group's own properties: shapes, pictures, groups
        if shape.find(f".//{_q(P, 'ph')}") is None:
            tree.remove(shape)
    for autofit in element.iter(_q(A, "normAutofit")):
        autofit.getparent().remove(autofit)


def _white_background(master: etree._Element) -> None:
    c_sld = master.find(_q(P, "cSld"))
    bg = etree.SubElement(c_sld, _q(P, "bg"))
    c_sld.remove(bg)
    c_sld.insert(0, bg)
    pr = etree.SubElement(bg, _q(P, "bgPr"))
    fill = etree.SubElement(pr, _q(A, "solidFill"))
    etree.SubElement(fill, _q(A, "srgbClr"), val="FFFFFF")
    etree.SubElement(pr, _q(A, "effectLst"))


def _paint(shape: etree._Element, color: tuple[int, int, int]) -> None:
    """Paint every run and bullet of a shape in `color`; drop its fill, line and autofit."""
    hex_ = "{:02X}{:02X}{:02X}".format(*color)
    sp_pr = shape.find(_q(P, "spPr"))
    if sp_pr is not None:
        for child in list(sp_pr):
            if child.tag in (_q(A, "solidFill"), _q(A, "gradFill"), _q(A, "ln")):
                sp_pr.remove(child)
        etree.SubElement(sp_pr, _q(A, "noFill"))
    style = shape.find(_q(P, "style"))
    if style is not None:
        shape.remove(style)
    for autofit in shape.iter(_q(A, "normAutofit")):
        autofit.getparent().remove(autofit)
    for paragraph in shape.iter(_q(A, "p")):
        _first(paragraph, "pPr", drop="buClr").insert(0, etree.Element(_q(A, "buClrTx")))
        for run in paragraph.findall(_q(A, "r")):
            fill = etree.Element(_q(A, "solidFill"))
            etree.SubElement(fill, _q(A, "srgbClr"), val=hex_)
            _first(run, "rPr", drop="solidFill").insert(0, fill)


def _first(parent: etree._Element, tag: str, drop: str) -> etree._Element:
    """Return the properties child `tag` of `parent` (made first if missing), `drop` children gone."""
    child = parent.find(_q(A, tag))
    if child is None:
        child = etree.Element(_q(A, tag))
        parent.insert(0, child)
    for old in child.findall(_q(A, drop)):
        child.remove(old)
    return child


def stray_glyphs(page: Path, shapes: list[Coded], slide_width: float) -> list[str]:
    """Return a line per text shape whose glyphs stand outside its box on a rendered page."""
    image = Image.open(page).convert("RGB")
    scale = image.size[0] / slide_width
    bands = image.split()
    problems = []
    for shape in shapes:
        masks = [band.point(lambda v, want=want: 255 if abs(v - want) <= 2 else 0)
                 for band, want in zip(bands, shape.color)]  # fmt: skip
        found = ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2]).getbbox()
        if found is None:
            continue
        x, y, w, h = shape.box
        left, top, right, bottom = (v / scale for v in found)
        if (left < x - TOLERANCE or top < y - TOLERANCE or right > x + w + TOLERANCE
                or bottom > y + h + TOLERANCE):  # fmt: skip
            problems.append(
                f"slide {shape.slide} {shape.name}: glyphs at ({left:.2f}, {top:.2f})-"
                f"({right:.2f}, {bottom:.2f}) outside box ({x:.2f}, {y:.2f})-({x + w:.2f}, {y + h:.2f})"
            )
    return problems


def line_boxes(pdf: Path) -> list[list[tuple[float, float, float, float]]]:
    """Return, per page, the boxes (points) of the text lines pdftotext finds."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.split(r"<page ", xhtml)[1:]:
        boxes = []
        for m in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', page
        ):
            boxes.append(tuple(float(v) for v in m.groups()))
        pages.append(boxes)
    return pages


def overlapping_lines(boxes: list[tuple[float, float, float, float]], slack: float = 1.0) -> int:
    """Return how many pairs of text lines overlap by more than `slack` points both ways."""
    count = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            dx = min(a[2], b[2]) - max(a[0], b[0])
            dy = min(a[3], b[3]) - max(a[1], b[1])
            if dx > slack and dy > slack:
                count += 1
    return count


def pdf_text(pdf: Path) -> str:
    """Return the PDF's text with all white space removed."""
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", "", text)


def have_poppler() -> bool:
    return shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None

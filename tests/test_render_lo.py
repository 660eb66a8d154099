"""Decks in a real client: LibreOffice renders every deck the suite builds.

Checks: a page per slide; with normAutofit off every glyph inside the box of the shape that holds
it; no two text lines overlapping; every figure's text present in the PDF.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from pptx import Presentation

from briefdeck.chars import display
from briefdeck.layouts import load_layout_set
from briefdeck.pipeline import build_deck, outlines, read_articles
from briefdeck.preview import convert, to_pdf, to_pngs
from briefdeck.render.template import template_layout_set
from tests.conftest import SEED, fixture
from tests.render_tools import coded_copy, line_boxes, overlapping_lines, pdf_text, stray_glyphs
from tests.test_ooxml import schema_errors

pytestmark = pytest.mark.render


@pytest.fixture(scope="session", autouse=True)
def need_libreoffice():
    missing = [t for t in ("soffice", "pdftoppm", "pdftotext") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"render tests need {', '.join(missing)} under CI")
        pytest.skip(f"{', '.join(missing)} not installed")


@pytest.fixture(scope="session")
def rendered(built_decks, tmp_path_factory):
    """Return {deck: (pdf, coded pdf, coded shapes)} for every built deck."""
    return render_all(list(built_decks.values()), tmp_path_factory.mktemp("render"))


def render_all(decks: list[Path], work: Path) -> dict[Path, tuple[Path, Path, list]]:
    """Return {deck: (pdf, coded pdf, coded shapes)}, converting set by set where names repeat."""
    coded_paths, coded_shapes = [], []
    for n, deck in enumerate(decks):
        path = work / "coded" / f"{n:02d}.pptx"
        path.parent.mkdir(parents=True, exist_ok=True)
        coded_shapes.append(coded_copy(deck, path))
        coded_paths.append(path)
    pdfs = (
        to_pdf([*decks, *coded_paths], work / "pdf")
        if len(set(d.stem for d in decks)) == len(decks)
        else None
    )
    if pdfs is None:  # decks of the same name in different sets: convert set by set
        pdfs = []
        for n, deck in enumerate(decks):
            pdfs += to_pdf([deck], work / "pdf" / str(n))
        pdfs += to_pdf(coded_paths, work / "pdf" / "coded")
    return {deck: (pdfs[n], pdfs[len(decks) + n], coded_shapes[n]) for n, deck in enumerate(decks)}


def glyph_problems(rendered: dict[Path, tuple[Path, Path, list]], work: Path) -> list[str]:
    """Return a line per glyph drawn outside the shape that holds it, over all `rendered`."""
    problems = []
    for deck, (_, coded_pdf, shapes) in rendered.items():
        width = Presentation(str(deck)).slide_width / 914400
        for page, png in enumerate(
            to_pngs(coded_pdf, work / deck.parent.name / deck.stem, dpi=50, antialias=False), 1
        ):
            problems += [f"{deck.parent.name}/{deck.name} {p}" for p in
                         stray_glyphs(png, [s for s in shapes if s.slide == page], width)]  # fmt: skip
    return problems


def test_a_page_per_slide(rendered):
    for deck, (pdf, _, _) in rendered.items():
        pages = len(line_boxes(pdf))
        assert pages == len(Presentation(str(deck)).slides), deck


def test_every_glyph_inside_its_shape(rendered, tmp_path):
    assert glyph_problems(rendered, tmp_path) == []


def test_no_two_text_lines_overlap(rendered):
    for deck, (pdf, _, _) in rendered.items():
        for page, boxes in enumerate(line_boxes(pdf), 1):
            assert overlapping_lines(boxes) == 0, f"{deck.parent.name}/{deck.name} slide {page}"


@pytest.mark.parametrize("source", [SEED, fixture("zh_bylines.txt"), fixture("en_zone.txt"),
                                    fixture("zh_seams.txt")])  # fmt: skip
def test_every_figure_is_visible(rendered, built_decks, source):
    for article in read_articles(str(source))[0]:
        for (set_name, zone), deck in built_decks.items():
            if zone != article.zone:
                continue
            text = pdf_text(rendered[deck][0])
            for metric in article.metrics:
                assert re.sub(r"\s+", "", display(metric.text)) in text, (
                    set_name,
                    zone,
                    metric.text,
                )


def test_a_shrunk_box_is_caught(built_decks, tmp_path):
    deck = built_decks[("briefing", "随州高新区")]
    body = next(
        s for s in Presentation(str(deck)).slides[3].placeholders if s.placeholder_format.idx == 2
    )
    shapes = coded_copy(deck, tmp_path / "shrunk.pptx", shrink=body.name)
    (pdf,) = to_pdf([tmp_path / "shrunk.pptx"], tmp_path)
    width = Presentation(str(deck)).slide_width / 914400
    problems = []
    for page, png in enumerate(to_pngs(pdf, tmp_path, dpi=50, antialias=False), 1):
        problems += stray_glyphs(png, [s for s in shapes if s.slide == page], width)
    assert any(f"slide 4 {body.name}:" in p for p in problems), problems


def test_preview_writes_a_png_per_slide_and_a_sheet(built_decks, tmp_path):
    from click.testing import CliRunner

    from briefdeck.cli import main

    deck = built_decks[("briefing", "平顶山高新区")]
    result = CliRunner().invoke(main, ["preview", str(deck), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    slides = len(Presentation(str(deck)).slides)
    assert len(list(tmp_path.glob("平顶山高新区-*.png"))) == slides + 1  # + the contact sheet
    assert (tmp_path / "平顶山高新区-sheet.png").exists()
    again = CliRunner().invoke(main, ["preview", str(deck), "-o", str(tmp_path)])  # same folder
    assert again.exit_code == 0, again.output
    assert len(list(tmp_path.glob("平顶山高新区-*.png"))) == slides + 1


IMPRESS = Path("/usr/lib/libreoffice/share/template/common/presnt")
"""Where Debian's LibreOffice keeps its Impress presentation templates."""


@pytest.fixture(scope="session")
def impress_decks(tmp_path_factory):
    """Return {template: (template .pptx, [decks])}: the seed on every Impress template here.

    Each .otp is converted to .pptx once per run; deck files are named template-zone so that
    one LibreOffice run renders them all."""
    otps = sorted(IMPRESS.glob("*.otp"))
    if not otps:
        pytest.skip(f"no Impress templates in {IMPRESS}")
    work = tmp_path_factory.mktemp("impress")
    articles, _ = read_articles(str(SEED))
    zones = outlines(articles)
    out = {}
    for template in convert(otps, work / "templates", "pptx"):
        layout_set, _ = template_layout_set(str(template), load_layout_set("briefing"))
        paths = [work / "decks" / f"{template.stem}-{z.zone}.pptx" for z in zones]
        for outline, path in zip(zones, paths):
            build_deck(outline, layout_set, path)
        out[template.stem] = (template, paths)
    return out


def test_every_impress_template_serves(impress_decks, tmp_path):
    assert len(impress_decks) >= 20
    decks = [deck for _, paths in impress_decks.values() for deck in paths]
    assert len(decks) == 2 * len(impress_decks)
    for template, paths in impress_decks.values():
        theirs = Presentation(str(template))
        layouts = {layout.name for layout in theirs.slide_layouts}
        for deck in paths:
            prs = Presentation(str(deck))
            assert len(prs.slide_masters) == len(theirs.slide_masters), deck.name
            assert {s.slide_layout.name for s in prs.slides} <= layouts, deck.name
            assert schema_errors(deck) == []
    problems = glyph_problems(render_all(decks, tmp_path / "render"), tmp_path / "png")
    assert problems == []


def table_frames(deck: Path) -> list[tuple[int, tuple[float, float, float, float]]]:
    """Return (slide number, (left, top, right, bottom) in points) of every table of a deck."""
    out = []
    for n, slide in enumerate(Presentation(str(deck)).slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False):
                left, top = shape.left / 12700, shape.top / 12700
                out.append((n, (left, top, left + shape.width / 12700, top + shape.height / 12700)))
    return out


def test_tables_render_inside_their_frames(rendered, built_decks, tmp_path):
    """LibreOffice grows a row its text does not fit: every line of a table's text drawn within
    the frame the plan measured proves the rows were measured tall and the columns wide enough."""
    from tests.test_table_slides import long_outline

    long_deck = tmp_path / "long" / "青川高新区.pptx"
    build_deck(long_outline(25), load_layout_set("party-red"), long_deck)
    (long_pdf,) = to_pdf([long_deck], tmp_path / "pdf")
    decks = {deck: rendered[deck][0] for (_, zone), deck in built_decks.items()
             if zone == "青川高新区"}  # fmt: skip
    decks[long_deck] = long_pdf
    assert len(decks) == 4  # briefing, party-red, template, and the long table
    checked = 0
    for deck, pdf in decks.items():
        pages = line_boxes(pdf)
        frames = table_frames(deck)
        assert frames, deck
        for page, (left, top, right, bottom) in frames:
            inside = [b for b in pages[page - 1] if b[1] >= top - 2 and left - 2 <= b[0] <= right]
            assert inside, (deck, page)
            for x0, y0, x1, y1 in inside:
                assert y1 <= bottom + 3 and x1 <= right + 3, (
                    deck.parent.name,
                    page,
                    (x0, y0, x1, y1),
                )
            checked += len(inside)
    assert checked >= 5 * 3 + (25 + 3)  # every row of every table drew a line at least

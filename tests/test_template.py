"""Building on a user's template whose layouts carry Chinese names."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from briefdeck.cli import main
from briefdeck.pipeline import read_articles
from tests.conftest import CHINESE_NAMES, SEED


@pytest.fixture(scope="module")
def template(chinese_template):
    return chinese_template


def build(template, out, *extra):
    result = CliRunner().invoke(
        main, ["build", str(SEED), "-o", str(out), "--template", str(template), *extra]
    )
    assert result.exit_code == 0, result.output
    return [Presentation(str(p)) for p in sorted(out.glob("*.pptx"))]


def test_slides_use_the_templates_layouts_by_placeholder_type(template, tmp_path):
    for prs in build(template, tmp_path):
        used = [slide.slide_layout.name for slide in prs.slides]
        assert set(used) <= set(CHINESE_NAMES.values())
        assert used[0] == "标题幻灯片"  # cover: title + subtitle
        assert used[1] == "标题和内容"  # the summary: title + body, key figures beside
        assert set(used[2:]) & {"标题和内容"}  # sections: title + body
        titles = [slide.shapes.title.text_frame.text for slide in prs.slides]
        assert "模板自带的示例页" not in titles  # the template's own slides are dropped
        assert all(titles)
    photos = [
        s
        for s in build(template, tmp_path / "again")[0].slides
        if s.slide_layout.name == "图片与标题"
    ]
    assert len(photos) == 2


def test_layout_set_may_name_template_layouts(template, tmp_path):
    text = (SEED.parents[1] / "layouts" / "briefing.yaml").read_text("utf-8")
    mine = tmp_path / "mine.yaml"
    mine.write_text(text + "template_layouts:\n  quote: 节标题\n", "utf-8")
    for prs in build(template, tmp_path / "decks", "--layouts", str(mine)):
        quotes = [s for s in prs.slides if s.slide_layout.name == "节标题"]
        assert len(quotes) == (2 if "平顶山" in prs.slides[0].shapes.title.text_frame.text else 0)


def test_potx_templates_are_read(template, tmp_path):
    data = template.read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(b"presentation.main+xml", b"template.main+xml")
            target.writestr(item, content)
    potx = tmp_path / "机关模板.potx"
    potx.write_bytes(out.getvalue())
    assert len(build(potx, tmp_path / "decks")) == 2


def test_a_template_that_is_not_a_presentation(tmp_path):
    fake = tmp_path / "fake.pptx"
    fake.write_bytes(b"not a zip")
    result = CliRunner().invoke(
        main, ["build", str(SEED), "-o", str(tmp_path), "--template", str(fake)]
    )
    assert result.exit_code == 1
    assert (
        result.stderr.splitlines()[0]
        == f"Error: {fake}: not a PowerPoint template (.pptx or .potx)"
    )


def _saved_like_libreoffice(path):
    """Write a 4:3 template as LibreOffice saves one: no placeholder numbers, a slide of its own."""
    prs = Presentation()  # python-pptx's own masters are 4:3
    for layout in prs.slide_layouts:
        for holder in layout.placeholders:
            holder.element.ph.attrib.pop("idx", None)
    prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "模板自带的示例页"
    prs.save(str(path))
    return path


def test_a_template_whose_placeholders_carry_no_numbers(tmp_path):
    template = _saved_like_libreoffice(tmp_path / "lo.pptx")
    articles, _ = read_articles(str(SEED))
    decks = build(template, tmp_path / "decks")
    assert len(decks) == 2
    for prs in decks:
        title, subtitle = (shape.text_frame.text for shape in prs.slides[0].placeholders)
        assert (title, subtitle) in {(a.zone, a.title) for a in articles}
        assert "模板自带的示例页" not in [s.shapes.title.text_frame.text for s in prs.slides]


def test_geometry_scales_to_a_4_3_template(tmp_path):
    template = _saved_like_libreoffice(tmp_path / "lo.pptx")
    for prs in build(template, tmp_path / "decks"):
        assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
        for slide in prs.slides:
            for shape in slide.shapes:
                assert shape.left + shape.width <= prs.slide_width, shape.name
                assert shape.top + shape.height <= prs.slide_height, shape.name


def test_vertical_title_layouts_are_not_used(template, tmp_path):
    for prs in build(template, tmp_path):
        used = {slide.slide_layout.name for slide in prs.slides}
        assert not used & {"竖排标题与文本", "标题和竖排文字"}

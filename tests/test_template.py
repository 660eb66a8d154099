"""Building on a user's template whose layouts carry Chinese names."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation

from briefdeck.cli import main
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

"""`briefdeck check`: each finding caught on a deck built to have it; nothing on ours."""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches, Pt

from briefdeck.cli import main
from briefdeck.render.check import check_deck


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_our_decks_have_no_errors(built_decks):
    for deck in built_decks.values():
        errors = [f.line() for f in check_deck(deck) if f.severity == "error"]
        assert errors == []
    result = run("check", *map(str, built_decks.values()))
    assert result.exit_code == 0, result.output


def bad_deck(tmp_path, make) -> str:
    prs = Presentation()
    make(prs)
    path = tmp_path / "bad.pptx"
    prs.save(str(path))
    return path


def title_only(prs, title="标题"):
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = title
    return slide


def cjk_run(frame, text, lang="zh-CN"):
    run_ = frame.paragraphs[0].add_run()
    run_.text = text
    if lang:
        run_._r.get_or_add_rPr().set("lang", lang)
    return run_


@pytest.mark.parametrize(
    ("make", "severity", "problem"),
    [
        (lambda prs: prs.slides.add_slide(prs.slide_layouts[6]), "error", "no title"),
        (
            lambda prs: [title_only(prs, "重复"), title_only(prs, "重复")],
            "warning",
            "same title as slide 1",
        ),
        (
            lambda prs: prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.__setattr__(
                "text", "有标题"
            ),
            "warning",
            "empty placeholder",
        ),
        (
            lambda prs: cjk_run(
                title_only(prs)
                .shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
                .text_frame,
                "没有语言标记的中文",
                lang=None,
            ),
            "error",
            "Chinese text without lang",
        ),
        (
            lambda prs: setattr(
                cjk_run(
                    title_only(prs)
                    .shapes.add_textbox(Inches(1), Inches(2), Inches(2), Inches(0.5))
                    .text_frame,
                    "很长的中文" * 12,
                ).font,
                "size",
                Pt(24),
            ),
            "error",
            "text overflows its box",
        ),
        (
            lambda prs: title_only(prs).shapes.add_chart(
                XL_CHART_TYPE.COLUMN_CLUSTERED,
                Inches(1),
                Inches(2),
                Inches(4),
                Inches(3),
                _chart_data(),
            ),
            "warning",
            "chart without alt text",
        ),
        (
            lambda prs: title_only(prs).shapes.add_picture(_png(), Inches(1), Inches(2)),
            "warning",
            "picture without alt text",
        ),
    ],
)
def test_each_finding_is_caught(tmp_path, make, severity, problem):
    findings = check_deck(bad_deck(tmp_path, make))
    assert any(f.severity == severity and problem in f.problem for f in findings), [
        f.line() for f in findings
    ]


def test_chinese_without_an_east_asian_font(tmp_path):
    path = bad_deck(tmp_path, lambda prs: cjk_run(title_only(prs).shapes.add_textbox(
        Inches(1), Inches(2), Inches(4), Inches(1)).text_frame, "中文"))  # fmt: skip
    # python-pptx's default theme names no East Asian typeface
    assert any("without an East Asian font" in f.problem for f in check_deck(path))


def test_broken_relationship(tmp_path):
    path = bad_deck(tmp_path, lambda prs: title_only(prs))
    broken = tmp_path / "broken.pptx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if not item.filename.startswith("ppt/slides/slide1.xml"):
                target.writestr(item, source.read(item.filename))
    (finding,) = check_deck(broken)
    assert finding.severity == "error" and "broken relationship" in finding.problem
    assert "slides/slide1.xml" in finding.problem


def test_cli_lines_json_and_exit_code(tmp_path):
    path = bad_deck(tmp_path, lambda prs: prs.slides.add_slide(prs.slide_layouts[6]))
    result = run("check", str(path))
    assert result.exit_code == 1
    assert (
        result.output.strip() == f"{path}: slide 1: error: no title (or an empty title placeholder)"
    )
    as_json = json.loads(run("check", str(path), "--format", "json").output)
    assert as_json == [{"deck": str(path), "slide": 1, "shape": "", "severity": "error",
                        "problem": "no title (or an empty title placeholder)"}]  # fmt: skip


def test_not_a_deck(tmp_path):
    path = tmp_path / "notes.pptx"
    path.write_text("hello", "utf-8")
    result = run("check", str(path))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {path}: not a presentation (not a zip package)"


def _chart_data():
    data = CategoryChartData()
    data.categories = ["甲", "乙"]
    data.add_series("数", (1, 2))
    return data


def _png():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "PNG")
    buffer.seek(0)
    return buffer

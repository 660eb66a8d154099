"""PDF input: newspaper pages made here (tests/pdf_fixtures.py) read as their twin text reads."""

from __future__ import annotations

import dataclasses

import pytest
from click.testing import CliRunner

from briefdeck.cli import main
from briefdeck.errors import InputError
from briefdeck.outline_yaml import dump_outline
from briefdeck.pipeline import expand_inputs, outlines, read_articles
from briefdeck.read import read_document
from tests.conftest import FIXTURES, fixture
from tests.pdf_fixtures import TWELVE
from tests.test_read import parsed

PDF = FIXTURES / "pdf"
TWINS = {
    "zh_two_articles.pdf": "zh_two_articles.txt",  # 2 columns, two articles, a photo
    "en_two_articles.pdf": "en_two_articles.txt",  # 2 columns, words hyphenated at line ends
    "zh_three_columns.pdf": "zh_twelve_sections.txt",  # 3 columns, twelve sections
}


def texts(name: str) -> list[str]:
    return [block.text for block in read_document(str(PDF / name)).blocks]


@pytest.mark.parametrize("name", sorted(TWINS))
def test_a_pdf_parses_as_its_text(name):
    """Same articles, titles, kickers, bylines, headings, captions, quotes, figures, zones."""
    assert parsed(PDF / name) == parsed(fixture(TWINS[name]))


def test_two_articles_on_a_two_column_page():
    articles = parsed(PDF / "zh_two_articles.pdf")
    assert [a["title"] for a in articles] == [
        "石门科技园二季度经济运行稳中有进",
        "柳湾经开区物流枢纽项目开工",
    ]
    assert [a["zone"] for a in articles] == ["石门科技园", "柳湾经开区"]
    assert articles[0]["kicker"] == "营收、投资、用工三项指标同步回升"
    assert [s["heading"] for s in articles[0]["sections"]] == [
        None,
        "“稳”——基本盘持续巩固",
        "“进”——新动能加快成长",
    ]
    assert [m["text"] for m in articles[1]["metrics"]][:3] == ["18亿元", "600亩", "1200万吨"]


def test_headings_get_levels_from_their_size_and_weight():
    blocks = read_document(str(PDF / "zh_two_articles.pdf")).blocks
    levels = {b.text: b.heading for b in blocks if b.heading is not None}
    assert levels == {
        "石门科技园二季度经济运行稳中有进": 1,  # 22 pt
        "柳湾经开区物流枢纽项目开工": 1,
        "“稳”——基本盘持续巩固": 2,  # 12 pt bold
        "“进”——新动能加快成长": 2,
    }  # the kicker (14 pt, not bold) under the title is no heading


def test_three_columns_read_in_column_order():
    blocks = read_document(str(PDF / "zh_three_columns.pdf")).blocks
    assert [b.text for b in blocks if b.heading == 2] == list(TWELVE)
    shares = [t.split("年度计划的")[1][:3] for t in (b.text for b in blocks) if "年度计划的" in t]
    assert shares == [f"{n}%" for n in range(61, 73)]


def test_lines_of_a_paragraph_are_joined():
    zh = texts("zh_two_articles.pdf")
    assert (
        "项目建设提速提效。石门科技园新开工项目14个，竣工投产项目9个，完成固定资产投资27亿元。"
        in zh
    )
    en = texts("en_two_articles.pdf")
    assert (  # cut by the column break and by a hyphen at the line end (Rive-rbend)
        "More than 500 companies now operate in the Riverbend Economic and Technological "
        "Development Zone. Exports rose 14 percent year-on-year, while the zone added nearly "
        "3,000 jobs." in en
    )


@pytest.mark.parametrize(
    "name", ["zh_two_articles.pdf", "en_two_articles.pdf", "zh_four_pages.pdf"]
)
def test_masthead_and_page_numbers_are_not_text(name):
    found = texts(name)
    assert not [t for t in found if "江岸日报" in t or "COURIER" in t or "星期" in t]
    assert not [t for t in found if t.isdigit()]


def test_the_caption_is_no_body_paragraph():
    (article, _) = parsed(PDF / "zh_two_articles.pdf")
    assert article["captions"] == [
        {"text": "图为石门科技园一家电子企业的自动化生产线。", "credit": "图 / 石门科技园宣传办"}
    ]
    body = [p["text"] for s in article["sections"] for p in s["paragraphs"]]
    assert not [p for p in body if "图为" in p or "宣传办" in p]


def test_four_pages_give_four_articles_in_page_order():
    articles, warnings = read_articles(str(PDF / "zh_four_pages.pdf"))
    assert warnings == () and len(articles) == 4
    assert all(len(a.sections) == 13 and a.zone == "云溪高新区" for a in articles)


def zone_outlines(path) -> list[str]:
    """Return the outlines of a document's zones as YAML, its file named `SOURCE`."""
    found = outlines(read_articles(str(path))[0])
    return [
        dump_outline(dataclasses.replace(o, sources=())).replace(path.name, "SOURCE") for o in found
    ]


def test_a_pdf_builds_the_decks_its_text_builds(tmp_path):
    source = PDF / "zh_two_articles.pdf"
    assert zone_outlines(source) == zone_outlines(fixture(TWINS[source.name]))
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pptx")) == [
        "柳湾经开区.pptx",
        "石门科技园.pptx",
    ]


def test_folders_are_searched_for_pdfs():
    assert str(PDF / "zh_two_articles.pdf") in expand_inputs([str(PDF)])


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("scanned.pdf", None, "no text layer: scanned pages need OCR"),
        ("encrypted.pdf", None, "encrypted PDF (remove the password first)"),
        ("a.pdf", b"just text", "not a PDF file (no %PDF header)"),
        ("cut.pdf", "half", "not a readable PDF file (damaged or cut short)"),
    ],
)
def test_pdfs_that_cannot_be_read(tmp_path, name, data, message):
    path = PDF / name
    if data is not None:
        whole = (PDF / "en_two_articles.pdf").read_bytes()
        path = tmp_path / name
        path.write_bytes(whole[: len(whole) // 2] if data == "half" else data)
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert str(caught.value) == f"{path}: {message}"

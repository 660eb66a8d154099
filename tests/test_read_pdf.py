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
from briefdeck.read.pdf_layout import Line, Page, chunks, join_lines, page_blocks, reading_order
from tests.conftest import FIXTURES, fixture
from tests.pdf_fixtures import TWELVE, encrypted_pdf, scanned_pdf
from tests.test_read import parsed

PDF = FIXTURES / "pdf"
TWO_COLUMNS = PDF / "en_two_articles.pdf"
TWINS = {
    "zh_two_articles.pdf": "zh_two_articles.txt",  # 2 columns, two articles, a photo
    "en_two_articles.pdf": "en_two_articles.txt",  # 2 columns, words hyphenated at line ends
    "zh_three_columns.pdf": "zh_twelve_sections.txt",  # 3 columns, twelve sections
    "zh_word_export.pdf": "zh_leads_quotes.txt",  # Word's own styles; quotes drawn out of order
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
    ("data", "message"),
    [
        (scanned_pdf, "no text layer: scanned pages need OCR"),
        (encrypted_pdf, "encrypted PDF (remove the password first)"),
        (lambda: b"just text", "not a PDF file (no %PDF header)"),
        (
            lambda: TWO_COLUMNS.read_bytes()[:20000],
            "not a readable PDF file (damaged or cut short)",
        ),
    ],
)
def test_pdfs_that_cannot_be_read(tmp_path, data, message):
    path = tmp_path / "a.pdf"
    path.write_bytes(data())
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert str(caught.value) == f"{path}: {message}"


@pytest.mark.parametrize(
    ("lines", "text"),
    [
        (["青川高新区今年新引进项", "目12个，总投资36.5亿元。"], "青川高新区今年新引进项目12个，总投资36.5亿元。"),
        (["园区负责人说：“下半年", "力争突破180亿元。”", "“服务让我们安心。”"],
         "园区负责人说：“下半年力争突破180亿元。”“服务让我们安心。”"),
        (["The zone signed 27", "projects."], "The zone signed 27 projects."),
        (["total invest-", "ment rose"], "total investment rose"),
        (["the Hi-", "Tech Zone"], "the Hi-Tech Zone"),  # a capital after the hyphen: kept
        (["a year-", "on-year rise"], "a year-on-year rise"),  # the document writes it so
        (["the 2023-", "2024 plan"], "the 2023-2024 plan"),
    ],
)  # fmt: skip
def test_join_lines(lines, text):
    assert join_lines(lines, frozenset({"year-on-year"})) == text


def line(text, x0, top, width=200.0, size=10.5, page=0, bold=False) -> Line:
    return Line(text, x0, x0 + width, top, top + size, top + size * 0.88, size, bold, page)


def test_a_paragraph_cut_by_a_page_break_is_joined_and_page_furniture_dropped():
    first = [
        line("江岸日报 2024年3月5日 第2版", 50, 30, size=9),
        line("园区今年以来新签约项目一批，总投资规模", 71, 80, width=179),
        line("持续扩大，新开工项目进展顺利，", 50, 96),
        line("2024年3月起园区又开工建设标准厂房，预计", 50, 112),
        line("2", 140, 800, width=6, size=9),
    ]
    second = [
        line("江岸日报 2024年3月5日 第3版", 50, 30, size=9, page=1),
        line("2024年3月底前全部完工。", 50, 80, width=120, page=1),  # dated, but body text
        line("园区还设立企业服务专班。", 71, 96, width=120, page=1),
        line("3", 140, 800, width=6, size=9, page=1),
    ]
    blocks = page_blocks([Page(595, 842, tuple(first)), Page(595, 842, tuple(second))])
    assert [b.text for b in blocks] == [
        "园区今年以来新签约项目一批，总投资规模持续扩大，新开工项目进展顺利，2024年3月起园区又开工建设"
        "标准厂房，预计2024年3月底前全部完工。",
        "园区还设立企业服务专班。",
    ]


def test_reading_order_of_columns_under_a_title_and_a_centred_byline():
    page = [
        line("TITLE", 50, 40, width=500, size=22, bold=True),
        line("byline", 250, 75, width=100, size=9),
        *(line(f"a{n}", 50, 100 + 16 * n, width=150) for n in range(5)),
        *(line(f"b{n}", 220, 100 + 16 * n, width=150) for n in range(5)),
        *(line(f"c{n}", 390, 100 + 16 * n, width=150) for n in range(3)),
        line("HEAD", 50, 200, width=500, size=18, bold=True),
        *(line(f"d{n}", 50, 230 + 16 * n, width=240) for n in range(3)),
        *(line(f"e{n}", 310, 230 + 16 * n, width=240) for n in range(3)),
    ]
    order = [x.text for chunk in reading_order(chunks(page)) for x in chunk.lines]
    assert order == [
        "TITLE", "byline", "a0", "a1", "a2", "a3", "a4", "b0", "b1", "b2", "b3", "b4",
        "c0", "c1", "c2", "HEAD", "d0", "d1", "d2", "e0", "e1", "e2",
    ]  # fmt: skip


def test_a_running_head_repeated_on_each_page_is_dropped_a_title_is_not():
    def page(n: int) -> Page:
        lines = (
            line("园区经济周刊", 50, 30, width=60, size=9, page=n),  # no date: repeated
            line(f"Page {n + 1} of 2", 260, 810, width=40, size=9, page=n),
            line(f"2024年{n + 3}月园区新项目", 50, 70, width=300, size=20, bold=True, page=n),
            line("园区今年以来新签约项目一批。", 71, 110, width=160, page=n),
        )
        return Page(595, 842, lines)

    blocks = page_blocks([page(0), page(1)])
    assert [(b.text, b.heading) for b in blocks] == [
        ("2024年3月园区新项目", 1),  # dated, at the top, but set large: a title
        ("园区今年以来新签约项目一批。", None),
        ("2024年4月园区新项目", 1),
        ("园区今年以来新签约项目一批。", None),
    ]

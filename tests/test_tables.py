"""Tables are data: Markdown pipe tables and Word tables are read in place, cells as text,
each table goes with the article and section it stands in, and `parse` prints them."""

from __future__ import annotations

import dataclasses
import json

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement

from briefdeck.cli import main
from briefdeck.export import parse_data
from briefdeck.model import Article
from briefdeck.pipeline import read_articles
from briefdeck.read import read_document
from briefdeck.read.markdown import markdown_document
from briefdeck.read.tables import is_table_caption

HEADER = ("指标", "数值（亿元）", "同比增长")
ROWS = (
    ("地区生产总值", "412.6", "6.8%"),
    ("规上工业总产值", "860.3", "9.1%"),
    ("固定资产投资", "155.0", "12.4%"),
    ("社会消费品零售总额", "48.7", "5.2%"),
)
MARKDOWN = """# 青川高新区前三季度经济运行稳中有升

本报记者 林一舟

今年前三季度，青川高新区坚持项目为王，全区经济运行总体平稳、稳中有升。

主要经济指标：

| 指标 | 数值（亿元） | 同比增长 |
| --- | ---: | --- |
| 地区生产总值 | 412.6 | 6.8% |
| **规上工业总产值** | 860.3 | 9.1% |
| 固定资产投资 | `155.0` | 12.4% |
| 社会消费品零售总额 |  48.7 | 5.2%  |

高新区管委会表示，四季度将继续抓好重点项目建设，确保完成全年目标任务。
"""


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return str(path)


def article_text(article: Article) -> str:
    """Return everything of an article that is text, not table: title, meta, paragraphs."""
    paragraphs = [p.text for s in article.sections for p in s.paragraphs]
    headings = [s.heading or "" for s in article.sections]
    return "\n".join([article.title, *article.meta, *headings, *paragraphs])


def test_markdown_pipe_table_is_a_table_of_its_article_not_body_text(tmp_path):
    (article,), _ = read_articles(write(tmp_path, "a.md", MARKDOWN))
    (table,) = article.tables
    assert table.caption == "主要经济指标"
    assert table.header == (HEADER,)
    assert table.rows == ROWS
    assert table.line == 9 and table.section == 0 and table.paragraph == 1
    assert [p.text for p in article.sections[0].paragraphs] == [
        "今年前三季度，青川高新区坚持项目为王，全区经济运行总体平稳、稳中有升。",
        "高新区管委会表示，四季度将继续抓好重点项目建设，确保完成全年目标任务。",
    ]
    text = article_text(article)
    assert "主要经济指标" not in text  # the caption line is the table's, not a paragraph
    for cell in (*HEADER, *(cell for row in ROWS for cell in row)):
        assert cell not in text


def test_markdown_table_stands_among_the_blocks():
    blocks, (table,) = markdown_document(MARKDOWN)
    assert [b.text for b in blocks[table.after - 1 : table.after + 1]] == [
        "今年前三季度，青川高新区坚持项目为王，全区经济运行总体平稳、稳中有升。",
        "高新区管委会表示，四季度将继续抓好重点项目建设，确保完成全年目标任务。",
    ]
    assert blocks[table.after].gap == 1  # the blank line after the table, not the table's lines


def test_a_front_matter_keeps_the_table_in_place():
    text = "---\ntitle: 青川高新区前三季度经济运行稳中有升\nauthor: 林一舟\n---\n\n" + MARKDOWN
    text = text.replace("# 青川高新区前三季度经济运行稳中有升\n\n本报记者 林一舟\n\n", "")
    blocks, (table,) = markdown_document(text)
    assert blocks[table.after - 1].text.startswith("今年前三季度")
    assert blocks[table.after].text.startswith("高新区管委会表示")


TWO_ARTICLES = """# 青川高新区新材料产业加速集聚

本报记者 林一舟

青川高新区今年以来新引进新材料项目12个，产业链条不断延伸。

园区还建成了一批中试平台，为企业研发提供服务。

# 青川高新区人才服务再升级

本报记者 苏禾

青川高新区推出人才服务新举措，为引进人才提供一站式服务。

表2 人才引进情况

| 类别 | 人数 |
| --- | --- |
| 博士 | 36 |
| 硕士 | 210 |

下一步，园区将持续优化人才发展环境。
"""


def test_a_table_goes_with_the_article_it_stands_in(tmp_path):
    first, second = read_articles(write(tmp_path, "two.md", TWO_ARTICLES))[0]
    assert second.title == "青川高新区人才服务再升级"
    assert first.tables == ()
    (table,) = second.tables
    assert table.caption == "表2 人才引进情况"
    assert table.header == (("类别", "人数"),)
    assert table.rows == (("博士", "36"), ("硕士", "210"))
    assert "博士" not in article_text(second)


SECTIONS = """# 青川高新区发展综述

本报记者 林一舟

青川高新区坚持创新驱动，经济运行持续向好，发展质效稳步提升。

## 产业发展

园区聚焦电子信息和新材料两大主导产业，持续做强产业链条。

| 产业 | 产值（亿元） |
| --- | --- |
| 电子信息 | 320.5 |
| 新材料 | 210.8 |

园区运行平稳。

两大产业合计贡献了园区大部分产值，龙头企业带动作用明显。

## 营商环境

园区推行企业服务专员制度，为企业解决各类难题。
"""


def test_a_table_knows_its_section_and_the_next_short_line_stays_body(tmp_path):
    (article,), _ = read_articles(write(tmp_path, "s.md", SECTIONS))
    assert [s.heading for s in article.sections] == [None, "产业发展", "营商环境"]
    (table,) = article.tables
    assert table.section == 1 and table.caption == ""
    assert table.paragraph == 1  # after the section's first paragraph, before 园区运行平稳
    assert [p.text for p in article.sections[1].paragraphs] == [
        "园区聚焦电子信息和新材料两大主导产业，持续做强产业链条。",
        "园区运行平稳。",  # not a photo caption set apart by the table's lines
        "两大产业合计贡献了园区大部分产值，龙头企业带动作用明显。",
    ]
    assert article.captions == ()


def word_article(tmp_path) -> str:
    """Save a Word article: title, a paragraph that runs into a table (no final punctuation),
    a table of a header row and 3 rows (one cell merged across two columns), a paragraph."""
    document = docx.Document()
    document.add_heading("青川高新区前三季度经济运行稳中有升", level=0)
    document.add_paragraph("前三季度青川高新区各项主要经济指标保持稳定增长，具体完成情况详见下表")
    table = document.add_table(rows=4, cols=3)
    cells = [HEADER, ROWS[0], ROWS[1], ("备注：数据为初步统计", "", "")]
    for row, texts in zip(table.rows, cells):
        for cell, text in zip(row.cells, texts):
            cell.text = text
    table.cell(3, 0).merge(table.cell(3, 2))  # a note across the whole row
    table.cell(1, 1).text = "412.6\n "  # a second, blank paragraph in the cell
    document.add_paragraph("")
    document.add_paragraph("高新区管委会表示，四季度将继续抓好重点项目建设，确保完成全年目标任务。")
    path = tmp_path / "article.docx"
    document.save(str(path))
    return str(path)


def test_word_table_is_read_in_place_with_its_rows(tmp_path):
    path = word_article(tmp_path)
    document = read_document(path)
    (table,) = document.tables
    assert table.after == 2 and table.line == 2  # after the title and the first paragraph
    assert document.blocks[2].line == 4 and document.blocks[2].gap == 1
    (article,), _ = read_articles(path)
    assert article.tables == (dataclasses.replace(table, paragraph=1),)  # after 1 paragraph
    assert table.header == (HEADER,)
    assert table.rows == (ROWS[0], ROWS[1], ("备注：数据为初步统计", "", ""))
    assert [p.text for s in article.sections for p in s.paragraphs] == [
        "前三季度青川高新区各项主要经济指标保持稳定增长，具体完成情况详见下表",
        "高新区管委会表示，四季度将继续抓好重点项目建设，确保完成全年目标任务。",
    ]
    assert "412.6" not in article_text(article)


def test_word_vertical_merge_and_repeated_header_rows(tmp_path):
    document = docx.Document()
    document.add_paragraph("青川高新区重点产业发展情况")
    document.add_paragraph("园区重点产业保持较快增长，电子信息产业增势尤为明显。")
    document.add_paragraph("表1 重点产业产值")
    table = document.add_table(rows=4, cols=3)
    texts = [("产业", "季度", "产值"), ("", "", "亿元"), ("电子信息", "一季度", "98.2"),
             ("", "二季度", "110.6")]  # fmt: skip
    for row, line in zip(table.rows, texts):
        for cell, text in zip(row.cells, line):
            cell.text = text
    table.cell(2, 0).merge(table.cell(3, 0))  # 电子信息 over two rows
    for row in table.rows[:2]:  # both rows repeat on each page as the header
        row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    document.add_paragraph("园区将继续培育壮大主导产业，推动产业链向高端延伸。")
    path = tmp_path / "v.docx"
    document.save(str(path))
    (table,) = read_document(str(path)).tables
    assert table.caption == "表1 重点产业产值"
    assert table.header == (("产业", "季度", "产值"), ("", "", "亿元"))
    assert table.rows == (("电子信息", "一季度", "98.2"), ("", "二季度", "110.6"))


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("表1 青川高新区主要经济指标", True),
        ("表 2：园区企业情况", True),
        ("附表一 重点项目清单", True),
        ("Table 3 Main indicators", True),
        ("主要经济指标：", True),
        ("2024年前三季度，青川高新区主要经济指标完成情况如下:", True),
        ("青川高新区主要经济指标", False),  # no number, no colon
        (
            "今年以来，青川高新区坚持项目为王，扎实推进重点项目建设，主要经济指标完成情况如下：",
            False,
        ),
        ("代表们认为园区发展势头良好。", False),
    ],
)
def test_table_caption_rule(line, caption):
    assert is_table_caption(line) is caption


def test_only_the_line_right_before_a_table_captions_it():
    text = (
        "青川高新区指标一览\n\n表1 园区企业\n\n| 类别 | 家数 |\n| --- | --- |\n| 高新技术企业 | 86 |\n\n"
        "| 类别 | 人数 |\n| --- | --- |\n| 博士 | 36 |\n"
    )
    blocks, (first, second) = markdown_document(text)
    assert (first.caption, second.caption) == ("表1 园区企业", "")
    assert [b.text for b in blocks] == ["青川高新区指标一览"]
    assert (first.after, second.after) == (1, 1)


def test_parse_output_holds_the_tables(tmp_path):
    path = write(tmp_path, "a.md", MARKDOWN)
    (article,) = parse_data(read_articles(path)[0])["articles"]
    assert article["tables"] == [
        {
            "caption": "主要经济指标",
            "header": [list(HEADER)],
            "rows": [list(row) for row in ROWS],
            "section": 0,
            "line": 9,
        }
    ]
    result = CliRunner().invoke(main, ["parse", path, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["articles"][0]["tables"] == article["tables"]


def test_a_heading_over_a_table_alone_stays_a_heading(tmp_path):
    text = SECTIONS.replace(
        "园区聚焦电子信息和新材料两大主导产业，持续做强产业链条。\n\n", ""
    ).replace("园区运行平稳。\n\n两大产业合计贡献了园区大部分产值，龙头企业带动作用明显。\n\n", "")
    (article,), _ = read_articles(write(tmp_path, "h.md", text))
    assert [s.heading for s in article.sections] == [None, "产业发展", "营商环境"]
    assert article.sections[1].paragraphs == ()
    assert article.tables[0].section == 1 and article.tables[0].paragraph == 0

"""Reading inputs: encodings, line ends, Markdown, Word, stdin, and inputs that cannot be read."""

from __future__ import annotations

import io
import json
import zipfile

import docx
import pytest
from click.testing import CliRunner

from briefdeck.chars import display
from briefdeck.cli import main
from briefdeck.errors import InputError
from briefdeck.export import parse_data
from briefdeck.model import Block
from briefdeck.pipeline import ReadOptions, read_articles
from briefdeck.read import read_document
from briefdeck.read.markdown import markdown_blocks
from briefdeck.zones import load_zone_words
from tests.conftest import fixture, zip_bomb

ARTICLE = fixture("zh_leads_quotes.txt")


def parsed(path, **options) -> list[dict]:
    """Return the parse contract's articles without the source path (which differs by file)."""
    articles, _ = read_articles(str(path), ReadOptions(**options))
    data = parse_data(articles)["articles"]
    for article in data:
        article.pop("source")
    return data


@pytest.fixture(scope="module")
def reference():
    return parsed(ARTICLE)


def test_reference_article(reference):
    (article,) = reference
    assert article["title"] == "石门科技园二季度经济运行稳中有进"
    assert article["kicker"] == "营收、投资、用工三项指标同步回升"
    assert article["authors"] == ["苏晓", "何田"]
    assert article["zone"] == "石门科技园"
    assert article["zones_mentioned"] == [
        "石门科技园"
    ]  # 省级开发区, 国家高新区, 各园区 are generic
    assert [s["heading"] for s in article["sections"]] == [
        None,
        "“稳”——基本盘持续巩固",
        "“进”——新动能加快成长",
    ]
    assert [p["lead"] for p in article["sections"][1]["paragraphs"]] == [
        "企业生产平稳有序",
        "项目建设提速提效",
    ]
    assert article["captions"] == [
        {"text": "图为石门科技园一家电子企业的自动化生产线。", "credit": "图 / 石门科技园宣传办"}
    ]
    assert article["quotes"] == [
        {
            "text": "下半年我们将继续盯紧重点项目，力争全年营收突破180亿元。",
            "speaker": "石门科技园管委会负责人",
        },
        {"text": "园区的服务让我们安心扩产。", "speaker": "一家入园企业的负责人"},
    ]


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("gb18030", b""),
    ],
)
def test_encodings_give_the_same_articles(tmp_path, reference, encoding, bom):
    path = tmp_path / "article.txt"
    path.write_bytes(bom + ARTICLE.read_text("utf-8").encode(encoding))
    assert parsed(path) == reference


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_ends(tmp_path, reference, newline):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.read_text("utf-8").replace("\n", newline).encode("utf-8"))
    assert parsed(path) == reference


def test_markdown_gives_the_same_articles(reference):
    assert parsed(fixture("zh_leads_quotes.md")) == reference


def test_word_gives_the_same_articles(tmp_path, reference):
    lines = [line for line in ARTICLE.read_text("utf-8").splitlines() if line.strip()]
    document = docx.Document()
    document.add_heading(lines[0], level=0)
    for line in lines[1:]:
        if line.startswith("“") and "——" in line:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
    path = tmp_path / "article.docx"
    document.save(str(path))
    assert parsed(path) == reference


FRONT_MATTER = """---
title: 青川高新区新材料产业加速集聚
date: 2024-06-03
author: [王小明, 李清]
tags: [新材料, 招商引资]
---

青川高新区今年以来新引进新材料项目12个，总投资额达36.5亿元。
"""


def test_markdown_front_matter_is_metadata_not_body(tmp_path):
    assert markdown_blocks(FRONT_MATTER) == (
        Block("青川高新区新材料产业加速集聚", 2, 0, 1),
        Block("作者：王小明、李清", 4),
        Block("日期：2024-06-03", 3),
        Block("青川高新区今年以来新引进新材料项目12个，总投资额达36.5亿元。", 8, 1),
    )
    path = tmp_path / "article.md"
    path.write_text(FRONT_MATTER, "utf-8")
    (article,) = parsed(path)
    assert article["title"] == "青川高新区新材料产业加速集聚"
    assert article["authors"] == ["王小明", "李清"]
    assert article["meta"] == ["日期：2024-06-03"]
    dumped = json.dumps(article, ensure_ascii=False)
    assert "招商引资" not in dumped and "tags" not in dumped and "title:" not in dumped


def test_markdown_front_matter_gives_way_to_the_body_title_and_byline():
    text = FRONT_MATTER.replace(
        "\n\n青川", "\n\n# 青川高新区引进项目12个\n\n本报记者 王小明 李清\n\n青川"
    )
    assert [b.text for b in markdown_blocks(text)] == [
        "青川高新区引进项目12个",
        "本报记者 王小明 李清",  # the date goes under the byline, which is not repeated
        "日期：2024-06-03",
        "青川高新区今年以来新引进新材料项目12个，总投资额达36.5亿元。",
    ]


def test_english_front_matter_gives_english_byline_and_meta_lines():
    text = """---
title: Qingchuan Hi-Tech Zone opens a pilot plant
date: 2024-06-03T09:30:00+08:00
authors: [Jane Doe, John Roe]
source: Riverside Daily
categories: [industry]
---
Qingchuan Hi-Tech Zone opened its third pilot plant this week.
"""
    assert markdown_blocks(text) == (
        Block("Qingchuan Hi-Tech Zone opens a pilot plant", 2, 0, 1),
        Block("By Jane Doe, John Roe", 4),
        Block("Published: 2024-06-03", 3),
        Block("Source: Riverside Daily", 5),
        Block("Qingchuan Hi-Tech Zone opened its third pilot plant this week.", 8),
    )


@pytest.mark.parametrize(
    "front",
    ["title: [未闭合\ndate: 2024-13-45", "title: 一\n  - 二: [", "title:\n" + "[" * 2000],
)
def test_a_malformed_front_matter_is_ignored(front):
    text = f"---\n{front}\n---\n\n青川高新区新增高新技术企业35家。\n"
    assert markdown_blocks(text) == (Block("青川高新区新增高新技术企业35家。", text.count("\n")),)


def test_markdown_code_comments_html_and_rules_are_not_body():
    text = """青川高新区建成中试基地3个。

<!-- 编者注：
数据待核实 -->

```python
print("青川高新区")
```

<div class="ad">
广告位
</div>

***

高新区还新增标准厂房20万平方米。
"""
    assert markdown_blocks(text) == (
        Block("青川高新区建成中试基地3个。", 1),
        Block("高新区还新增标准厂房20万平方米。", 16, 5),
    )


def test_markdown_paragraphs_indented_with_spaces_are_body():
    text = "    青川高新区建成中试基地3个。\n\n    高新区还新增标准厂房20万平方米。\n"
    assert [b.text for b in markdown_blocks(text)] == [
        "青川高新区建成中试基地3个。",
        "高新区还新增标准厂房20万平方米。",
    ]


def test_markdown_table_gives_no_block():
    text = "青川高新区主要指标如下。\n\n| 指标 | 数值 |\n| --- | --- |\n| 产值 | 860亿元 |\n"
    assert markdown_blocks(text) == (Block("青川高新区主要指标如下。", 1),)


def test_markdown_list_items_are_blocks_of_their_own():
    text = "园区今年重点推进：\n\n- 一是建成中试基地3个\n- 二是新增高新技术企业\n  35家\n"
    assert markdown_blocks(text) == (
        Block("园区今年重点推进：", 1),
        Block("一是建成中试基地3个", 3, 1),
        Block("二是新增高新技术企业35家", 4),
    )


def test_markdown_headings_setext_atx_and_bold():
    text = "青川高新区\n=====\n\n产业集聚\n--------\n\n### 项目建设 ###\n\n**服务企业**\n园区设立专班8个。\n"
    assert markdown_blocks(text) == (
        Block("青川高新区", 1, 0, 1),
        Block("产业集聚", 4, 1, 2),
        Block("项目建设", 7, 1, 3),
        Block("服务企业", 9, 1, 6),
        Block("园区设立专班8个。", 10),
    )


def test_markdown_wrapped_paragraph_is_one_block_with_its_first_line():
    text = "# 青川高新区\n\n\n青川高新区聚焦电子信息产业，\n今年前三季度实现规上工业\n总产值860亿元。\n"
    assert markdown_blocks(text) == (
        Block("青川高新区", 1, 0, 1),
        Block("青川高新区聚焦电子信息产业，今年前三季度实现规上工业总产值860亿元。", 4, 2),
    )


@pytest.mark.parametrize(
    ("line", "text"),
    [
        ("青川高新区**“稳”**字当头", "青川高新区“稳”字当头"),  # bold CommonMark leaves open
        ("详见[管委会网站](https://example.invalid/a_(1))。", "详见管委会网站。"),
        ("![青川高新区中试基地](photo.jpg)", "青川高新区中试基地"),
        ("产值 `860` 亿元 &amp; 税收<span>增长</span>", "产值 860 亿元 & 税收增长"),
        ("增长12\\%，\\\n今年", "增长12%，今年"),  # an escape and a hard break
        ("Qingchuan\nHi-Tech Zone", "Qingchuan Hi-Tech Zone"),
    ],
)
def test_markdown_inline_markup_is_removed(line, text):
    assert markdown_blocks(line) == (Block(text, 1),)


def small_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("青禾高新区新引进项目12个。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_max_input_mb_bounds_the_unpacked_size_of_a_docx(tmp_path):
    path = zip_bomb(tmp_path / "a.docx", small_docx(), mb=3)
    assert path.stat().st_size < 1024 * 1024
    with pytest.raises(InputError) as caught:
        read_document(str(path), max_bytes=2 * 1024 * 1024)
    assert str(caught.value) == f"{path}: unpacks to 3 MB, more than the 2 MB limit"


def test_a_docx_of_too_many_files_or_packed_too_tightly_is_refused(tmp_path):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as package:
        for n in range(10_001):
            package.writestr(f"customXml/{n}.xml", b"")
    with pytest.raises(InputError) as caught:
        read_document(str(many))
    assert str(caught.value) == f"{many}: holds 10,001 files, more than the 10,000 limit"
    tight = tmp_path / "tight.docx"
    with zipfile.ZipFile(tight, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b" " * (2 * 1024 * 1024))
    with pytest.raises(InputError, match=r"tight.docx: word/document.xml unpacks to [\d,]+ times"):
        read_document(str(tight))


def test_forced_encoding(tmp_path, reference):
    path = tmp_path / "article.txt"
    path.write_bytes(ARTICLE.read_text("utf-8").encode("gb18030"))
    assert parsed(path, encoding="gb18030") == reference
    with pytest.raises(InputError, match=r"cannot be decoded as utf-8"):
        read_document(str(path), encoding="utf-8")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\t \n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks like a binary file, not text"),
    ],
)
def test_unreadable_text(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert str(caught.value) == f"{path}: {message}"


STRAYS = "\x00\x0c\ufffe\u00ad\u200b"
"""What text copied out of a PDF carries: NUL, form feed, U+FFFE, soft hyphen, zero-width space."""


def with_strays(text: str) -> str:
    """Return `text` with one stray character after each of its first lines."""
    lines = text.split("\n")
    for n, stray in enumerate(STRAYS):
        lines[n] += stray
    return "\n".join(lines)


def test_stray_control_characters_are_removed_with_one_warning(tmp_path, reference):
    path = tmp_path / "from-pdf.txt"
    path.write_text(with_strays(ARTICLE.read_text("utf-8")), "utf-8")
    document = read_document(str(path))
    assert document.warnings == (f"{path}: removed 5 control characters",)
    assert not any(c in b.text for b in document.blocks for c in STRAYS)
    assert parsed(path) == reference
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 0
    assert result.stderr == f"Warning: {path}: removed 5 control characters\n"


def test_a_file_mostly_of_control_bytes_is_binary(tmp_path):
    path = tmp_path / "utf16.txt"  # UTF-16 without a byte order mark: every other byte is NUL
    path.write_bytes("Harbourside Hi-Tech Zone opened a new lab.".encode("utf-16-le"))
    with pytest.raises(InputError) as caught:
        read_document(str(path))
    assert str(caught.value) == f"{path}: looks like a binary file, not text"


def test_not_a_docx(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"plain text, not a zip")
    with pytest.raises(InputError, match=r"not a Word \.docx file"):
        read_document(str(path))


def test_cli_error_line_for_binary_input(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x00\x01\x02binary")
    result = CliRunner().invoke(main, ["parse", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {path}: looks like a binary file, not text"


def test_stdin():
    result = CliRunner().invoke(main, ["parse", "-"], input=ARTICLE.read_text("utf-8"))
    assert result.exit_code == 0, result.output
    (article,) = json.loads(result.output)["articles"]
    assert article["source"] == "-" and article["zone"] == "石门科技园"


def test_an_article_about_no_zone_has_none_and_can_be_forced():
    (article,) = parsed(fixture("zh_nozone.txt"))
    assert article["zone"] is None and article["title"] == "以数字化改革提升基层治理效能"
    (forced,) = parsed(fixture("zh_nozone.txt"), zone="东城街道")
    assert forced["zone"] == "东城街道"


def test_users_extend_the_zone_vocabulary(tmp_path):
    (plain,) = parsed(fixture("zh_custom_kind.txt"))
    assert plain["zone"] is None
    words = tmp_path / "zones.yaml"
    words.write_text("kinds_zh: [创新港]\n", "utf-8")
    (extended,) = parsed(fixture("zh_custom_kind.txt"), zone_words=load_zone_words(words))
    assert extended["zone"] == "临江创新港"


def test_articles_of_one_zone_share_a_deck(tmp_path):
    result = CliRunner().invoke(
        main, ["outline", str(ARTICLE), str(fixture("zh_leads_quotes.md")), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir()] == ["石门科技园.yaml"]


def test_display_normalisation():
    assert (
        display("近年来,某区以(社区)为单位;推进:改革") == "近年来，某区以（社区）为单位；推进：改革"
    )
    assert display("营收 12,480 万元") == "营收 12,480 万元"
    assert display("新 材 料产业") == "新材料产业"
    assert (
        display("Output rose 9.2 percent, officials said.")
        == "Output rose 9.2 percent, officials said."
    )


def test_word_structure_is_kept_as_authored(tmp_path):
    document = docx.Document()
    document.add_heading("青川高新区一季度工作情况", level=0)
    document.add_paragraph("青川高新区管委会 2025年4月")
    document.add_paragraph("一季度，青川高新区坚持项目为先，各项工作稳步推进")
    document.add_paragraph().add_run("二、优化服务").bold = True
    document.add_paragraph("园区推行企业服务专员制度，解决企业诉求120件。")
    document.add_paragraph("新增市场主体1300户", style="List Bullet")
    document.add_paragraph("培育专精特新企业28家", style="List Bullet")
    path = tmp_path / "a.docx"
    document.save(str(path))
    (article,), _ = read_articles(str(path))
    assert "青川高新区管委会 2025年4月" in article.meta  # the source line is no lead
    headings = [s.heading for s in article.sections]
    assert headings == [None, "二、优化服务"]
    texts = [[p.text for p in s.paragraphs] for s in article.sections]
    assert texts == [
        ["一季度，青川高新区坚持项目为先，各项工作稳步推进"],
        [
            "园区推行企业服务专员制度，解决企业诉求120件。",
            "新增市场主体1300户",
            "培育专精特新企业28家",
        ],
    ]


def test_markdown_paragraphs_are_never_joined_as_a_page_seam(tmp_path):
    body = (
        "# 青川高新区一季度工作情况\n\n"
        "一季度，青川高新区坚持项目为先，各项工作稳步推进，重点项目建设全面提速，企业服务不断优化\n\n"
        "园区推行企业服务专员制度，解决企业诉求120件，新增市场主体1300户。\n"
    )
    path = tmp_path / "a.md"
    path.write_text(body, "utf-8")
    (article,), _ = read_articles(str(path))
    assert len(article.sections[0].paragraphs) == 2
    text = tmp_path / "a.txt"  # page text: the same lines are one sentence a page break cut
    text.write_text(body.replace("# ", "").replace("\n\n", "\n"), "utf-8")
    (page,), _ = read_articles(str(text))
    assert len(page.sections[0].paragraphs) == 1


def test_a_word_report_and_its_markdown_twin_give_the_same_article(tmp_path):
    paragraphs = [
        "一季度，青川高新区坚持项目为先，新签约项目18个，总投资56亿元。",
        "园区推行企业服务专员制度，解决企业诉求120件。",
    ]
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "内部资料"
    document.add_paragraph("青川高新区一季度工作情况", style="Title")
    document.add_paragraph("青川高新区管委会 2025年4月")
    document.add_paragraph(paragraphs[0])
    document.add_heading("一、项目建设", level=1)
    document.add_paragraph("园区新开工项目9个，竣工投产项目5个。")
    document.add_paragraph().add_run("二、优化服务").bold = True
    document.add_paragraph(paragraphs[1])
    document.add_paragraph("新增市场主体1300户", style="List Bullet")
    document.add_paragraph("培育专精特新企业28家", style="List Bullet")
    word = tmp_path / "a.docx"
    document.save(str(word))
    markdown = tmp_path / "a.md"
    markdown.write_text(
        "# 青川高新区一季度工作情况\n\n青川高新区管委会 2025年4月\n\n"
        f"{paragraphs[0]}\n\n## 一、项目建设\n\n园区新开工项目9个，竣工投产项目5个。\n\n"
        f"**二、优化服务**\n\n{paragraphs[1]}\n\n- 新增市场主体1300户\n- 培育专精特新企业28家\n",
        "utf-8",
    )
    assert parsed(word) == parsed(markdown)
    (article,) = parsed(word)
    assert [s["heading"] for s in article["sections"]] == [None, "一、项目建设", "二、优化服务"]
    assert "内部资料" not in str(article)  # a page header is no text of the article

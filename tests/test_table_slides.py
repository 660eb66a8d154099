"""Table slides: a section's table is a native PowerPoint table styled by the layout set, split
over continuation slides when long, checked for overflow; a chart of it when the set says so;
the outline file carries it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from briefdeck.layouts import load_layout_set
from briefdeck.model import DataTable, SectionOutline, ZoneOutline
from briefdeck.pipeline import build_deck, outlines, read_articles, read_outline
from briefdeck.render.check import check_deck
from briefdeck.render.template import template_layout_set
from tests.conftest import HEADER, ROOT, ROWS, fixture

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def table_outline(tmp_path: Path):
    articles, _ = read_articles(str(fixture("zh_table.md")))
    (outline,) = outlines(articles)
    return outline, articles


def build(tmp_path: Path, outline: ZoneOutline, layout_set=None, articles=()) -> Path:
    path = tmp_path / "deck.pptx"
    build_deck(outline, layout_set or load_layout_set("briefing"), path, articles=articles)
    return path


def tables_of(path: Path) -> list[tuple[int, str, object]]:
    """Return (slide number, title, graphic frame) of every table in the deck."""
    out = []
    for n, slide in enumerate(Presentation(str(path)).slides, 1):
        for shape in slide.shapes:
            if getattr(shape, "has_table", False):
                out.append((n, slide.shapes.title.text_frame.text, shape))
    return out


def cells(frame) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in frame.table.rows]


def set_with(tmp_path: Path, change) -> object:
    data = yaml.safe_load((ROOT / "layouts" / "briefing.yaml").read_text("utf-8"))
    change(data)
    path = tmp_path / f"set{len(list(tmp_path.glob('set*.yaml')))}.yaml"  # sets load once per path
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return load_layout_set(str(path))


def test_a_section_with_a_table_gets_a_native_table_slide(tmp_path):
    outline, articles = table_outline(tmp_path)
    path = build(tmp_path, outline, articles=articles)
    ((n, title, frame),) = tables_of(path)
    assert title == "青川高新区2025年一季度主要指标"
    element = frame._element
    assert element.tag.endswith("graphicFrame") and element.find(f".//{A}tbl") is not None
    assert element.find(".//{*}ph").get("type") == "tbl"  # in the layout's table placeholder
    assert cells(frame) == [HEADER, *ROWS]  # 5 rows x 3 columns, cells as written
    slides = Presentation(str(path)).slides
    before = slides[n - 2].shapes.title.text_frame.text
    assert before == "主要指标稳中有进"  # right after its section's bullets
    kicker = [
        s.text_frame.text
        for s in slides[n - 1].placeholders
        if s.placeholder_format.idx and s.has_text_frame
    ]
    assert kicker == ["主要指标稳中有进"]
    assert [f.severity for f in check_deck(path)] == []


def test_table_runs_carry_chinese_language_and_the_east_asian_font(tmp_path):
    outline, _ = table_outline(tmp_path)
    ((_, _, frame),) = tables_of(build(tmp_path, outline))
    runs = list(frame._element.iter(f"{A}r"))
    assert len(runs) == 15
    for run in runs:
        rpr = run.find(f"{A}rPr")
        text = run.find(f"{A}t").text
        if any("\u4e00" <= c <= "\u9fff" for c in text):
            assert rpr.get("lang") == "zh-CN", text
        assert rpr.find(f"{A}ea").get("typeface") == "+mn-ea"  # the theme's East Asian font
        assert rpr.find(f"{A}latin").get("typeface") == "+mn-lt"


def test_the_header_row_is_styled_from_the_layout_set(tmp_path):
    outline, _ = table_outline(tmp_path)
    for name, fill in (("briefing", "tx2"), ("party-red", "accent1")):
        path = build(tmp_path, outline, load_layout_set(name))
        ((_, _, frame),) = tables_of(path)
        header, first, second = (list(r.cells) for r in list(frame.table.rows)[:3])
        for cell in header:
            tc_pr = cell._tc.find(f"{A}tcPr")
            assert tc_pr.find(f"{A}solidFill/{A}schemeClr").get("val") == fill
            assert cell._tc.find(f".//{A}rPr").get("b") == "1"
        bands = [
            c._tc.find(f"{A}tcPr/{A}solidFill/{A}schemeClr").get("val")
            for c in (first[0], second[0])
        ]
        assert bands == ["bg1", "bg2"]  # body fill, then the band colour
        sizes = {r.get("sz") for r in frame._element.iter(f"{A}rPr")}
        assert len(sizes) == 1 and 1200 <= int(sizes.pop()) <= 1800  # within tables.sizes
        numbers = [p.get("algn") for p in frame._element.iter(f"{A}pPr")]
        assert numbers[:3] == ["l", "r", "r"]  # figures set right


def test_column_widths_follow_the_text_and_fill_the_box(tmp_path):
    outline, _ = table_outline(tmp_path)
    ((_, _, frame),) = tables_of(build(tmp_path, outline))
    widths = [c.width / 914400 for c in frame.table.columns]
    box = load_layout_set("briefing").table_box()
    assert sum(widths) == pytest.approx(box.w, abs=0.01)
    assert frame.left / 914400 == pytest.approx(box.x, abs=0.01)
    heights = [r.height / 914400 for r in frame.table.rows]
    assert frame.height / 914400 == pytest.approx(sum(heights), abs=0.01)
    assert sum(heights) <= box.h


def long_outline(rows: int = 25) -> ZoneOutline:
    body = tuple(
        (
            f"青川高新区第{n}号重点产业项目",
            f"{100 + n * 7.5:.1f}",
            "已投产" if n % 3 else "在建，预计年内完成设备安装调试",
        )
        for n in range(1, rows + 1)
    )
    table = DataTable(
        "表1 青川高新区重点项目进展情况", (("项目名称", "完成投资（亿元）", "进展"),), body, "表"
    )
    section = SectionOutline(
        "重点项目进展",
        bullets=(),
        tables=(table,),
        notes="园区重点项目建设进展顺利。",
    )
    return ZoneOutline("青川高新区", "zh", "青川高新区重点项目建设加快推进", sections=(section,))


def test_a_long_table_continues_on_slides_of_its_own_none_overflowing(tmp_path):
    path = build(tmp_path, long_outline(25))
    found = tables_of(path)
    assert len(found) >= 2
    titles = [title for _, title, _ in found]
    assert titles[0] == "表1 青川高新区重点项目进展情况"
    assert titles[1] == "表1 青川高新区重点项目进展情况（续）"
    rows = [row for _, _, frame in found for row in cells(frame)[1:]]
    assert [r[0] for r in rows] == [f"青川高新区第{n}号重点产业项目" for n in range(1, 26)]
    assert all(cells(frame)[0] == ["项目名称", "完成投资（亿元）", "进展"] for _, _, frame in found)
    counts = [len(frame.table.rows) - 1 for _, _, frame in found]
    assert max(counts) - min(counts) <= 1  # split evenly
    height = Presentation(str(path)).slide_height / 914400
    for _, _, frame in found:
        assert (frame.top + frame.height) / 914400 <= height
    assert [f.line() for f in check_deck(path) if f.severity == "error"] == []


def test_the_check_reports_a_table_that_overflows_and_not_one_that_fits(tmp_path):
    path = build(tmp_path, long_outline(6))
    assert [f for f in check_deck(path) if "table" in f.problem] == []
    prs = Presentation(str(path))
    frame = next(sh for s in prs.slides for sh in s.shapes if getattr(sh, "has_table", False))
    run = frame.table.cell(3, 2).text_frame.paragraphs[0].runs[0]
    run.text = "在建，" * 60  # a cell far too long for its row
    prs.save(str(tmp_path / "over.pptx"))
    problems = [f.problem for f in check_deck(tmp_path / "over.pptx") if f.severity == "error"]
    assert any(p.startswith("table overflows its frame") for p in problems), problems


def test_tables_show_both_adds_a_bar_chart_of_each_numeric_column(tmp_path):
    outline, articles = table_outline(tmp_path)
    both = set_with(tmp_path, lambda d: d["tables"].update(show="both"))
    path = build(tmp_path, outline, both, articles)
    assert len(tables_of(path)) == 1
    charts = [
        (s.shapes.title.text_frame.text, sh.chart)
        for s in Presentation(str(path)).slides
        for sh in s.shapes
        if getattr(sh, "has_chart", False)
    ]
    titles = [t for t, _ in charts]
    assert titles == ["青川高新区2025年一季度主要指标（亿元）",
                      "青川高新区2025年一季度主要指标·同比增长（%）"]  # fmt: skip
    values, growth = (c for _, c in charts)
    assert list(values.plots[0].categories) == [r[0] for r in ROWS]
    assert list(values.series[0].values) == [860.0, 1234.5, 312.4, 98.6]
    assert list(growth.series[0].values) == [7.2, 9.8, 12.5, -3.1]
    (low,) = growth._chartSpace.xpath(".//c:valAx/c:scaling/c:min/@val")
    assert float(low) < -3.1  # room for the fall's bar and its label
    assert growth._chartSpace.xpath(".//c:catAx/c:tickLblPos/@val") == ["low"]
    only = set_with(tmp_path, lambda d: d["tables"].update(show="table"))
    table_only = build(tmp_path, outline, only, articles)
    assert not any(
        getattr(sh, "has_chart", False)
        for s in Presentation(str(table_only)).slides
        for sh in s.shapes
    )  # `table` shows the table only
    default = build(tmp_path, outline, load_layout_set("briefing"), articles)
    assert len(tables_of(default)) == 1 and any(
        getattr(sh, "has_chart", False)
        for s in Presentation(str(default)).slides
        for sh in s.shapes
    )  # the built-in sets show both


def test_tables_show_chart_gives_charts_and_a_table_without_one_stays_a_table(tmp_path):
    outline, _ = table_outline(tmp_path)
    charts = set_with(tmp_path, lambda d: d["tables"].update(show="chart"))
    assert tables_of(build(tmp_path, outline, charts)) == []
    assert len(tables_of(build(tmp_path, long_outline(4), charts))) == 1  # 进展: no chart


def test_a_set_without_a_table_layout_puts_the_table_in_the_chart_box(tmp_path):
    outline, _ = table_outline(tmp_path)
    older = set_with(tmp_path, lambda d: d.update(layouts=d["layouts"][:-1]))  # no Table
    path = build(tmp_path, outline, older)
    ((_, _, frame),) = tables_of(path)
    box = older.for_kind("chart").placeholders["chart"]
    assert (frame.left / 914400, frame.top / 914400) == pytest.approx((box.x, box.y), abs=0.01)
    assert [f.line() for f in check_deck(path) if f.severity == "error"] == []


def test_a_table_on_a_users_template(tmp_path, chinese_template):
    outline, _ = table_outline(tmp_path)
    on_template, _ = template_layout_set(str(chinese_template), load_layout_set("briefing"))
    path = build(tmp_path, outline, on_template)
    ((_, _, frame),) = tables_of(path)
    assert cells(frame) == [HEADER, *ROWS]
    assert [f.line() for f in check_deck(path) if f.severity == "error"] == []


HAND_WRITTEN = fixture("table_outline.yaml").read_text("utf-8")
"""A hand-written outline whose section holds a table."""


def test_a_hand_written_outline_with_a_table_renders_it(tmp_path):
    source = tmp_path / "青川高新区.yaml"
    source.write_text(HAND_WRITTEN, "utf-8")
    outline = read_outline(str(source))
    (table,) = outline.sections[0].tables
    assert table.rows == (("博士", "36"), ("硕士", "210"), ("技能人才", ""))  # padded, as written
    ((_, title, frame),) = tables_of(build(tmp_path, outline))
    assert title == "表2 人才引进情况"
    assert cells(frame) == [["类别", "人数"], ["博士", "36"], ["硕士", "210"], ["技能人才", ""]]


def test_a_table_without_a_caption_is_titled_by_its_section_once(tmp_path):
    source = tmp_path / "o.yaml"
    source.write_text(HAND_WRITTEN.replace("  - caption: 表2 人才引进情况\n", "  - caption: ''\n"))
    found = tables_of(build(tmp_path, read_outline(str(source))))
    assert [title for _, title, _ in found] == ["人才集聚：数据表"]  # not the bullets' title again
    alone = HAND_WRITTEN.replace("  bullets:\n  - 园区出台人才新政，引进各类人才持续增加\n", "")
    source.write_text(alone.replace("  - caption: 表2 人才引进情况\n", "  - caption: ''\n"))
    found = tables_of(build(tmp_path, read_outline(str(source))))
    assert [title for _, title, _ in found] == ["人才集聚"]  # the section is its table


LEAD = """# 青川高新区一季度经济运行实现良好开局

本报记者 林一舟

今年一季度，青川高新区坚持项目为王、创新驱动，实现地区生产总值860亿元，同比增长7.2%，经济运行实现良好开局。

青川高新区2025年一季度主要指标：

| 指标 | 数值（亿元） | 同比增长（%） |
| --- | ---: | ---: |
| 地区生产总值 | 860 | 7.2 |
| 规上工业总产值 | 1,234.5 | 9.8 |
| 固定资产投资 | 312.4 | 12.5 |

## 创新动能持续增强

园区新增高新技术企业35家，研发投入强度达到4.6%，新建省级以上研发平台6个。

青川高新区还设立了总规模20亿元的科创基金，重点支持电子信息和新材料企业开展技术攻关。

## 营商环境持续优化

园区推行企业服务专员制度，为企业解决各类难题120余个，企业满意度持续提升。

## 开放合作不断深化

园区新引进外资项目8个，实际使用外资2.3亿美元，同比增长18%。
"""


def test_a_table_of_the_lead_follows_the_contents(tmp_path):
    source = tmp_path / "lead.md"
    source.write_text(LEAD, "utf-8")
    articles, _ = read_articles(str(source))
    assert articles[0].tables[0].section == 0
    (outline,) = outlines(articles)
    path = build(tmp_path, outline, articles=articles)
    titles = [s.shapes.title.text_frame.text for s in Presentation(str(path)).slides]
    ((n, title, _),) = tables_of(path)
    assert titles[1:3] == ["概述", "目录"]
    assert n == 4 and title == "青川高新区2025年一季度主要指标"  # cover, summary, contents


def test_a_heading_over_a_table_alone_is_a_table_section(tmp_path):
    text = fixture("zh_table.md").read_text("utf-8")
    text = text.replace(
        "一季度，园区主要经济指标保持稳中有进态势，工业生产和项目投资成为主要拉动力量。\n\n", ""
    )
    text = text.replace(
        "消费市场受去年同期基数较高影响有所回落，园区正加快培育新的消费场景。\n\n", ""
    )
    text = text.replace(  # three sections: the deck has a contents slide
        "## 创新动能持续增强",
        "## 开放合作不断深化\n\n园区新引进外资项目8个，实际使用外资2.3亿美元。\n\n## 创新动能持续增强",
    )
    source = tmp_path / "alone.md"
    source.write_text(text, "utf-8")
    articles, _ = read_articles(str(source))
    (outline,) = outlines(articles)
    (section,) = [s for s in outline.sections if s.tables]
    assert section.title == "主要指标稳中有进" and section.bullets == ()
    path = build(tmp_path, outline, articles=articles)
    assert len(tables_of(path)) == 1
    slides = Presentation(str(path)).slides
    assert not any(s.shapes.title.text_frame.text == "主要指标稳中有进" for s in slides)
    assert [f.line() for f in check_deck(path)] == []
    contents = next(s for s in slides if s.shapes.title.text_frame.text == "目录")
    assert "主要指标稳中有进" in " ".join(sh.text_frame.text for sh in contents.placeholders)

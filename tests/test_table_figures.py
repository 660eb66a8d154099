"""Figures from tables: each numeric cell a metric labelled by its own row (and its column
unless that is the value column), unit from the cell, the header or the caption, value as
written; a figure the text states too is counted once; faithfulness holds for them."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefdeck.faithful import mismatches
from briefdeck.layouts import load_layout_set
from briefdeck.metrics import table_figures
from briefdeck.numbers import NumberForm, cell_quantity
from briefdeck.outline import outline_zones
from briefdeck.pipeline import read_articles
from briefdeck.plan import plan_deck
from tests.conftest import fixture

TABLE = fixture("zh_table.md")
CAPTION = "青川高新区2025年一季度主要指标"


@pytest.fixture(scope="module")
def article():
    (found,), _ = read_articles(str(TABLE))
    return found


def test_every_cell_of_the_table_is_a_figure_with_its_rows_label_and_unit(article):
    (table,) = article.tables
    assert table.caption == CAPTION
    found = [
        (m.label, m.number, m.value, m.unit, m.text, m.row, m.column)
        for m in article.metrics
        if m.table == 0
    ]
    assert found == [
        ("地区生产总值", "860", 860, "亿元", "860亿元", 0, 1),
        ("地区生产总值·同比增长", "7.2", 7.2, "%", "7.2%", 0, 2),
        ("规上工业总产值", "1,234.5", 1234.5, "亿元", "1,234.5亿元", 1, 1),
        ("规上工业总产值·同比增长", "9.8", 9.8, "%", "9.8%", 1, 2),
        ("固定资产投资", "312.4", 312.4, "亿元", "312.4亿元", 2, 1),
        ("固定资产投资·同比增长", "12.5", 12.5, "%", "12.5%", 2, 2),
        ("社会消费品零售总额", "98.6", 98.6, "亿元", "98.6亿元", 3, 1),
        ("社会消费品零售总额·同比增长", "-3.1", -3.1, "%", "-3.1%", 3, 2),
    ]
    for metric in (m for m in article.metrics if m.table == 0):
        assert metric.paragraph == -1 and metric.section == table.section == 1
        assert metric.sentence.startswith(f"{CAPTION}：")  # the trace names the table
        assert table.rows[metric.row][metric.column] in metric.text


def test_parse_output_traces_a_table_figure_to_its_cell(article):
    from briefdeck.export import parse_data

    (data,) = parse_data((article,))["articles"]
    growth = next(m for m in data["metrics"] if m["label"] == "规上工业总产值·同比增长")
    assert (growth["table"], growth["cell"], growth["paragraph"]) == (0, [1, 2], -1)
    assert growth["number"] == "9.8" and growth["text"] == "9.8%"
    assert data["metrics"][0]["table"] is None and data["metrics"][0]["cell"] is None


def test_a_rows_growth_is_labelled_with_that_rows_name_never_the_next_rows(article):
    (growth,) = [m for m in article.metrics if m.table == 0 and m.value == 9.8]
    assert growth.row == 1
    assert growth.label == "规上工业总产值·同比增长"
    assert "固定资产投资" not in growth.label  # the issue: row 3's name on row 2's growth


def test_a_figure_the_text_states_too_is_counted_once_the_texts_kept(article):
    gdp = [m for m in article.metrics if m.value == 860 and m.unit == "亿元"]
    assert [m.table for m in gdp] == [None, 0]  # the text's, then the table's
    text, table = gdp
    assert text.same_as is None and table.same_as == article.metrics.index(text)
    growth = [m for m in article.metrics if m.value == 7.2 and m.same_as is None]
    assert [m.table for m in growth] == [None]
    (outline,) = outline_zones((article,))
    shown = [f.text for f in outline.key_figures]
    assert shown.count("860亿元") == 1
    assert {"1,234.5亿元", "312.4亿元"} <= set(shown)  # table figures join the key figures


def test_the_same_value_of_another_row_is_not_the_texts_figure():
    (article,), _ = read_articles(str(TABLE))
    twice = dataclasses.replace(
        article.tables[0],
        rows=(*article.tables[0].rows, ("进出口总额", "860", "4.0")),
    )
    from briefdeck.metrics import find_metrics

    again = find_metrics(dataclasses.replace(article, tables=(twice,), metrics=(), groups=()))
    (other,) = [m for m in again.metrics if m.label == "进出口总额"]
    assert other.value == 860 and other.same_as is None  # no word of its row in the text's label


@pytest.mark.parametrize(
    ("cell", "unit", "number", "value", "shown", "qualifier"),
    [
        ("约1.2万", "人", "1.2", 1.2, "约1.2万人", "约"),
        ("约1.2万", "", "1.2", 1.2, "约1.2万", "约"),
        ("12.5%", "", "12.5", 12.5, "12.5%", None),
        ("-3.1", "", "-3.1", -3.1, "-3.1", None),
        ("-3.1", "%", "-3.1", -3.1, "-3.1%", None),
        ("1,234.5", "亿元", "1,234.5", 1234.5, "1,234.5亿元", None),
        ("860亿元", "万元", "860", 860, "860亿元", None),  # the cell's own unit first
        ("１２．５", "%", "１２．５", 12.5, "１２．５%", None),
        ("两千余", "家", "两千", 2000, "两千余家", "余"),
    ],
)
def test_a_cell_reads_as_the_body_text_reads(cell, unit, number, value, shown, qualifier):
    quantity, text = cell_quantity(cell, unit)
    assert (quantity.number, quantity.value, text, quantity.qualifier) == (
        number,
        value,
        shown,
        qualifier,
    )


@pytest.mark.parametrize("cell", ["—", "-", "", "412.6（初步）", "已投产", "2023年"])
def test_a_cell_that_is_no_number_is_no_figure(cell):
    assert cell_quantity(cell, "亿元") is None


def test_units_from_the_caption_apply_to_amounts_not_to_rates():
    figures = table_figures(
        "园区重点项目投资情况（单位：万元）",
        (("序号", "项目", "完成投资", "增速"),),
        (("1", "智能终端产业园", "3200", "8.5%"), ("2", "新材料中试基地", "1800", "6")),
    )
    assert [(f.label, f.text, f.quantity.unit) for f in figures] == [
        ("智能终端产业园·完成投资", "3200万元", "万元"),
        ("智能终端产业园·增速", "8.5%", "%"),
        ("新材料中试基地·完成投资", "1800万元", "万元"),
        ("新材料中试基地·增速", "6", None),  # a rate is never in 万元; no unit is written
    ]


def test_a_row_without_a_name_of_its_own_borrows_none():
    figures = table_figures(
        "表1 重点产业产值",
        (("产业", "季度", "产值"), ("", "", "亿元")),
        (("电子信息", "一季度", "98.2"), ("", "二季度", "110.6"), ("", "", "55.0")),
    )
    assert [(f.row, f.label, f.text) for f in figures] == [
        (0, "电子信息·一季度·产值", "98.2亿元"),
        (1, "二季度·产值", "110.6亿元"),  # its own name only: 电子信息 is row 0's
    ]


def test_a_table_of_figures_only_is_labelled_by_its_header():
    figures = table_figures("", (("地区生产总值", "规上工业产值"),), (("860亿元", "1200亿元"),))
    assert [(f.label, f.text) for f in figures] == [
        ("地区生产总值", "860亿元"),
        ("规上工业产值", "1200亿元"),
    ]


NAMES = st.lists(
    st.sampled_from(
        [
            "地区生产总值",
            "规上工业总产值",
            "固定资产投资",
            "社会消费品零售总额",
            "进出口总额",
            "税收收入",
            "实际利用外资",
            "高新技术产业产值",
            "研发经费投入",
            "",
        ]
    ),
    min_size=1,
    max_size=8,
)
CELLS = st.one_of(
    st.decimals(-50, 5000, places=1).map(str),
    st.sampled_from(["—", "", "约1.2万", "12.5%", "-3.1", "1,234.5", "860亿元"]),
)


@settings(max_examples=60, deadline=None)
@given(NAMES, st.data())
def test_property_a_figures_label_is_its_own_rows_name(names, data):
    header = (("指标", "数值（亿元）", "同比增长（%）"),)
    rows = tuple((name, data.draw(CELLS), data.draw(CELLS)) for name in names)
    for figure in table_figures("青川高新区主要指标", header, rows):
        own = rows[figure.row][0]
        assert own and (figure.label == own or figure.label.startswith(f"{own}·"))
        assert figure.quantity.form is not NumberForm.VAGUE or figure.quantity.value is None
        assert rows[figure.row][figure.column].strip() in figure.text  # the cell as written


def test_a_deck_showing_table_figures_is_faithful_and_a_changed_one_is_caught(article):
    (outline,) = outline_zones((article,))
    deck = plan_deck(outline, load_layout_set("briefing"))
    assert mismatches(deck, [article]) == []
    n, slide = next((n, s) for n, s in enumerate(deck.slides) if s.cards)
    changed = dataclasses.replace(slide.cards[1], value="1,243.5")
    wrong = dataclasses.replace(slide, cards=(slide.cards[0], changed, *slide.cards[2:]))
    bad = dataclasses.replace(deck, slides=(*deck.slides[:n], wrong, *deck.slides[n + 1 :]))
    assert mismatches(bad, [article]) == [f"slide {n + 1}: 1,243.5亿元"]

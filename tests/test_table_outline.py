"""The outline file carries a section's tables: rows on a line each, cells as written, read
back as written (numbers too), bad tables refused naming line and key."""

from __future__ import annotations

import pytest

from briefdeck.errors import OutlineError
from briefdeck.outline_yaml import dump_outline, load_outline
from briefdeck.pipeline import outlines, read_articles
from tests.conftest import HEADER, ROWS, fixture


def table_outline(tmp_path):
    articles, _ = read_articles(str(fixture("zh_table.md")))
    (outline,) = outlines(articles)
    return outline, articles


def test_a_table_goes_with_the_section_it_stands_in(tmp_path):
    outline, _ = table_outline(tmp_path)
    assert [len(s.tables) for s in outline.sections] == [0, 1, 0]
    (table,) = outline.sections[1].tables
    assert outline.sections[1].title == "主要指标稳中有进"
    assert table.caption == "青川高新区2025年一季度主要指标"
    assert table.notes.startswith(
        "青川高新区2025年一季度主要指标\n指标｜数值（亿元）｜同比增长（%）\n"
    )


def test_the_outline_file_carries_a_sections_tables_both_ways(tmp_path):
    outline, _ = table_outline(tmp_path)
    text = dump_outline(outline)
    assert "    - [地区生产总值, '860', '7.2']\n" in text  # a row on a line of its own
    again = load_outline(text, "x.yaml")
    assert again == outline
    (table,) = again.sections[1].tables
    assert [list(table.header[0]), *map(list, table.rows)] == [HEADER, *ROWS]


HAND_WRITTEN = fixture("table_outline.yaml").read_text("utf-8")
"""A hand-written outline whose section holds a table."""


def test_a_hand_written_table_reads_as_written_short_rows_padded():
    outline = load_outline(HAND_WRITTEN, "o.yaml")
    (table,) = outline.sections[0].tables
    assert table.caption == "表2 人才引进情况"
    assert table.header == (("类别", "人数"),)
    assert table.rows == (("博士", "36"), ("硕士", "210"), ("技能人才", ""))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda t: t.replace("    rows:\n", "    rowz:\n"),
            "sections[0].tables[0].rowz: unknown key",
        ),
        (
            lambda t: t.replace("    - [博士, 36]", "    - 博士"),
            "o.yaml:14: sections[0].tables[0].rows[0]: expected a list of cells",
        ),
        (
            lambda t: t.split("    rows:")[0] + "    rows: []\n",
            "sections[0].tables[0].rows: a table needs at least one row",
        ),
    ],
)
def test_a_bad_table_in_an_outline_names_its_line_and_key(change, message):
    with pytest.raises(OutlineError) as caught:
        load_outline(change(HAND_WRITTEN), "o.yaml")
    assert message in str(caught.value)


def test_a_line_break_typed_in_a_cell_is_a_space():
    text = HAND_WRITTEN.replace("    - [硕士, 210]", '    - ["硕士\\n研究生", 210]')
    (table,) = load_outline(text, "o.yaml").sections[0].tables
    assert table.rows[1] == ("硕士 研究生", "210")

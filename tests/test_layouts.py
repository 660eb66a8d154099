"""Layout sets: the built-in sets load, differ, and bad files get one line naming key and problem."""

from __future__ import annotations

import pytest
import yaml

from briefdeck.errors import LayoutError
from briefdeck.layouts import KINDS, available, load_layout_set
from tests.conftest import ROOT


def test_builtin_sets_cover_every_kind_and_differ():
    briefing, red = load_layout_set("briefing"), load_layout_set("party-red")
    for layout_set in (briefing, red):
        assert all(layout_set.for_kind(kind) for kind in KINDS)
        assert layout_set.east_asian_font and layout_set.line_spacing >= 1.0
    assert briefing.colors["accent"] != red.colors["accent"]
    assert set(available()) == {"briefing", "party-red"}


def test_builtin_sets_style_tables_once_and_give_them_a_layout():
    briefing, red = load_layout_set("briefing"), load_layout_set("party-red")
    assert briefing.tables.show == red.tables.show == "both"
    assert (briefing.tables.header_fill, red.tables.header_fill) == ("dark2", "accent")
    assert briefing.tables.header_bold and briefing.tables.sizes == (12.0, 18.0)
    for layout_set in (briefing, red):
        assert "table" in layout_set.for_kind("table").placeholders
        assert layout_set.table_box() == layout_set.for_kind("table").placeholders["table"]


def test_a_set_without_tables_key_or_table_layout_still_serves(tmp_path):
    data = yaml.safe_load((ROOT / "layouts" / "briefing.yaml").read_text("utf-8"))
    del data["tables"]
    data["layouts"] = [x for x in data["layouts"] if "table" not in x["kinds"]]
    path = tmp_path / "older.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    older = load_layout_set(str(path))
    assert older.tables.show == "table"  # the defaults
    assert older.for_kind("table") == older.for_kind("chart")
    assert older.table_box() == older.for_kind("chart").placeholders["chart"]


def test_card_grid_cells_stay_inside_the_grid():
    grid = load_layout_set("briefing").for_kind("key_figures").cards
    for count in range(1, 7):
        cells = grid.cells(count)
        assert len(cells) == count
        for x, y, w, h in cells:
            assert grid.x - 1e-9 <= x and x + w <= grid.x + grid.w + 1e-9
            assert grid.y - 1e-9 <= y and y + h <= grid.y + grid.h + 1e-9


def broken(tmp_path, change) -> str:
    data = yaml.safe_load((ROOT / "layouts" / "briefing.yaml").read_text("utf-8"))
    change(data)
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(LayoutError) as caught:
        load_layout_set(str(path))
    return str(caught.value).replace(str(path), "mine.yaml")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["layouts"][2]["placeholders"]["body"].update(sizes=[24]),
            "mine.yaml:110: layouts[2].placeholders.body.sizes: expected [smallest, largest] in points",
        ),
        (
            lambda d: d["colors"].update(accent="blue"),
            "mine.yaml:2: colors.accent: expected a hex colour like 1F5FAE",
        ),
        (lambda d: d["layouts"].pop(5), "mine.yaml:13: layouts: no layout has kind 'photo'"),
        (
            lambda d: d["layouts"][0].update(colour="red"),
            "mine.yaml:15: layouts[0].colour: unknown key",
        ),
        (
            lambda d: d["layouts"][1]["placeholders"]["title"].update(x="left"),
            "mine.yaml:91: layouts[1].placeholders.title.x: expected a number, got 'left'",
        ),
        (
            lambda d: d["text"].update(line_spacing=0.8),
            "mine.yaml:265: text.line_spacing: must be at least 1.0",
        ),
        (
            lambda d: d["tables"].update(show="pie"),
            "mine.yaml:259: tables.show: expected one of table, chart, both",
        ),
        (
            lambda d: d["tables"]["header"].update(fill="red"),
            "mine.yaml:258: tables.header.fill: expected a colour name (dark, light, dark2, light2,"
            " accent, accent2, muted) or hex",
        ),
        (
            lambda d: d["tables"].update(colour="red"),
            "mine.yaml:255: tables.colour: unknown key",
        ),
    ],
)
def test_bad_layout_file_is_one_line(tmp_path, change, message):
    assert broken(tmp_path, change) == message


def test_not_yaml(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("name: [unclosed\n", "utf-8")
    with pytest.raises(LayoutError, match=r"bad\.yaml:2: not valid YAML"):
        load_layout_set(str(path))


def test_python_tags_are_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("name: !!python/object/apply:os.system [echo hi]\n", "utf-8")
    with pytest.raises(LayoutError, match=r"evil\.yaml:1: unsupported tag .*python/object/apply"):
        load_layout_set(str(path))

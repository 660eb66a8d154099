"""The documentation's example outline is a valid outline that builds."""

from __future__ import annotations

import re

from briefdeck.layouts import load_layout_set
from briefdeck.outline_yaml import load_outline
from briefdeck.pipeline import build_deck
from tests.conftest import ROOT


def test_outline_example_in_docs_builds(tmp_path):
    text = (ROOT / "docs" / "outline.md").read_text("utf-8")
    example = re.search(r"## Example\n\n```yaml\n(.*?)```", text, re.S).group(1)
    outline = load_outline(example, "docs/outline.md")
    assert outline.zone == "青禾高新区" and outline.key_figures[1].text == "300余名"
    deck = build_deck(outline, load_layout_set("briefing"), tmp_path / "example.pptx")
    assert [s.kind for s in deck.slides] == ["cover", "section_cards", "section", "chart", "table",
                                              "quote", "key_figures"]  # fmt: skip
    table = deck.slides[4].table
    assert table is not None and table.rows[1] == ("固定资产投资", "96.4", "-2.5")
    assert deck.slides[1].cards == outline.key_figures and deck.slides[-1].title == "回顾"

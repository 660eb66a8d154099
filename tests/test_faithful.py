"""No figure on a slide differs from its source: a check before any deck is written."""

from __future__ import annotations

import dataclasses

import pytest

from briefdeck.errors import BriefdeckError
from briefdeck.faithful import check_faithful, mismatches
from briefdeck.layouts import load_layout_set
from briefdeck.pipeline import build_deck, outlines, read_articles
from briefdeck.plan import plan_deck
from tests.conftest import SEED, fixture

LAYOUTS = load_layout_set("briefing")
SOURCES = [SEED, fixture("zh_number_forms.txt"), fixture("zh_month.txt"),
           fixture("zh_heldout.txt"), fixture("en_zone.txt")]  # fmt: skip


@pytest.mark.parametrize("path", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_figure_on_the_decks_is_in_its_source(path):
    articles, _ = read_articles(str(path))
    for outline in outlines(articles):
        mine = [a for a in articles if a.zone == outline.zone]
        assert mismatches(plan_deck(outline, LAYOUTS), mine) == []


def test_vague_quantities_are_never_cards_or_bars():
    articles, _ = read_articles(str(fixture("zh_number_forms.txt")))
    deck = plan_deck(outlines(articles)[0], LAYOUTS)
    shown = [c.text for s in deck.slides for c in s.cards]
    shown += [c for s in deck.slides if s.chart for c in s.chart.categories]
    assert shown and not any(v in t for t in shown for v in ("数百", "数十万", "上百"))
    assert "20%—30%" in shown or any("20%—30%" in p.text for s in deck.slides if s.body
                                      for p in s.body.paragraphs)  # fmt: skip


def test_a_changed_figure_stops_the_deck(tmp_path):
    articles, _ = read_articles(str(SEED))
    outline = outlines(articles)[0]
    first = outline.key_figures[0]
    wrong = dataclasses.replace(first, value=first.value + "0")
    tampered = dataclasses.replace(outline, key_figures=(wrong, *outline.key_figures[1:]))
    mine = tuple(a for a in articles if a.zone == outline.zone)
    with pytest.raises(BriefdeckError, match="figure not in its source"):
        check_faithful(plan_deck(tampered, LAYOUTS), mine)
    with pytest.raises(BriefdeckError):
        build_deck(tampered, LAYOUTS, tmp_path / "x.pptx", articles=mine)
    assert not (tmp_path / "x.pptx").exists()


@pytest.mark.parametrize(
    ("card", "stated"),
    [
        ("6万多元→2万元左右", True),  # each end with its own unit and qualifier
        ("1500→6000万元", True),  # a bare start shares the end's unit
        ("20→30万元", False),
        ("6万多元→5万元左右", False),
    ],
)
def test_before_after_cards_are_matched_end_by_end(card, stated):
    from briefdeck.faithful import _plain, _stated

    source = _plain("每吨加工费从6万多元压到2万元左右，年销售额由1500万元升至6000万元。")
    assert _stated(card, source) is stated

"""Many articles about one zone: one deck within the budget, each article and figure once."""

from __future__ import annotations

from click.testing import CliRunner
from pptx import Presentation

from briefdeck.cli import main
from briefdeck.layouts import load_layout_set
from briefdeck.outline import OutlineSettings
from briefdeck.outline_yaml import dump_outline, load_outline
from briefdeck.pipeline import outlines, read_articles
from briefdeck.plan import plan_deck
from tests.conftest import fixture

MONTH = fixture("zh_month.txt")
LAYOUTS = load_layout_set("briefing")


def month(slides: int | None = None):
    articles, _ = read_articles(str(MONTH))
    (outline,) = outlines(articles, OutlineSettings(slides=slides))
    return outline


def test_a_month_of_articles_is_one_deck_within_the_budget():
    for budget in (None, 12):
        deck = plan_deck(month(budget), LAYOUTS)
        assert len(deck.slides) <= (budget or 20)
    outline = month()
    assert outline.subtitle == "《江岸日报》报道综述（6篇）"
    assert outline.date == "2025年4月8日—7月9日"


def test_a_reprint_counts_once_with_a_warning():
    outline = month()
    assert len(outline.citations) == 6
    (warning,) = outline.warnings
    assert "《青川高新区新材料产业园开园》" in warning and "counted once" in warning


def test_articles_newest_first_and_the_sources_slide_lists_them():
    outline = month()
    titles = [s.title for s in outline.sections if not s.summary]
    assert titles[0] == "青川高新区上半年主要指标稳中有进"
    assert titles[-1] == "青川高新区一季度经济开局良好"
    assert outline.citations[0] == "青川高新区上半年主要指标稳中有进（7月9日）"
    deck = plan_deck(outline, LAYOUTS)
    assert deck.slides[-1].title == "报道来源"
    assert [p.text for p in deck.slides[-1].body.paragraphs] == list(outline.citations)


def test_a_figure_two_articles_report_is_one_card():
    texts = [f"{f.text} {f.label}" for f in month().key_figures]
    assert texts.count("320家 高新技术企业") == 1


def test_two_values_of_one_measure_keep_the_newer_and_note_both():
    outline = month()
    shown = [f.text for f in outline.key_figures if f.label == "规上工业总产值"]
    assert shown == ["1690亿元"]
    line = next(n for n in outline.key_notes.splitlines() if n.startswith("规上工业总产值"))
    assert "1690亿元" in line and "820亿元" in line and "7月9日" in line and "4月8日" in line


def test_what_the_budget_leaves_out_is_in_the_notes_and_the_outline():
    outline = month(slides=8)
    left = [b for s in outline.sections for b in s.left_out]
    deck = plan_deck(outline, LAYOUTS)
    notes = "\n".join(s.notes for s in deck.slides)
    assert all(b.text in notes for b in left)
    assert load_outline(dump_outline(outline), "x.yaml") == outline


def test_a_file_given_twice_gives_the_same_deck(tmp_path):
    def texts(args: list[str], out: str) -> list[str]:
        result = CliRunner().invoke(main, ["build", *args, "-o", str(tmp_path / out), "-q"])
        assert result.exit_code == 0, result.output
        (deck,) = (tmp_path / out).glob("*.pptx")
        return [sh.text_frame.text for s in Presentation(str(deck)).slides
                for sh in s.shapes if sh.has_text_frame]  # fmt: skip

    assert texts([str(MONTH), str(MONTH)], "twice") == texts([str(MONTH)], "once")

"""Figures: precision, recall and label accuracy against hand-labelled lists, and the rules."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from briefdeck.pipeline import ReadOptions, read_articles
from briefdeck.zones import load_zone_words
from tests.conftest import ROOT

GOLD = sorted((Path(__file__).parent / "fixtures" / "figures").glob("*.yaml"))


def score(gold: dict) -> tuple[float, float, float, list[str]]:
    """Return precision, recall, label accuracy and the misses of one labelled source."""
    words = load_zone_words(ROOT / gold["zones"]) if "zones" in gold else ()
    articles, _ = read_articles(str(ROOT / gold["source"]), ReadOptions(zone_words=words))
    found = [(m.text, m.label) for a in articles for m in a.metrics]
    expected = [(f["text"], f["label"]) for f in gold["figures"]]
    pool = Counter(text for text, _ in found)
    matched, right, misses = 0, 0, []
    labels_left = list(found)
    for text, labels in expected:
        if pool[text] > 0:
            pool[text] -= 1
            matched += 1
            candidates = [f for f in labels_left if f[0] == text]
            hit = next((f for f in candidates if f[1] in labels), candidates[0])
            labels_left.remove(hit)
            if hit[1] in labels:
                right += 1
            else:
                misses.append(f"label of {text}: {hit[1]!r} not in {labels}")
        else:
            misses.append(f"missed {text}")
    misses += [f"extra {text}" for text, count in pool.items() for _ in range(count)]
    precision = matched / len(found) if found else 1.0
    recall = matched / len(expected) if expected else 1.0
    return precision, recall, right / matched if matched else 1.0, misses


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_precision_recall_and_labels(path):
    gold = yaml.safe_load(path.read_text("utf-8"))
    precision, recall, labels, misses = score(gold)
    assert recall >= 0.95, misses
    assert precision >= 0.95, misses
    assert labels >= 0.90, misses


@pytest.mark.parametrize("path", GOLD, ids=[p.stem for p in GOLD])
def test_not_figures(path):
    gold = yaml.safe_load(path.read_text("utf-8"))
    articles, _ = read_articles(str(ROOT / gold["source"]))
    texts = [m.text for a in articles for m in a.metrics]
    for wrong in gold.get("not_figures", []):
        assert not any(wrong in t for t in texts), wrong


def test_seed_figures_with_qualifiers_and_units(seed_articles):
    metrics = {m.text: m for a in seed_articles for m in a.metrics}
    assert (
        metrics["1000余人次"].value,
        metrics["1000余人次"].qualifier,
        metrics["1000余人次"].unit,
    ) == (1000, "余", "人次")
    assert (
        metrics["100多万元"].value,
        metrics["100多万元"].qualifier,
        metrics["100多万元"].unit,
    ) == (100, "多", "万元")
    assert (metrics["15.9亿元"].value, metrics["15.9亿元"].unit) == (15.9, "亿元")
    assert (metrics["8万吨"].value, metrics["8万吨"].unit, metrics["8万吨"].label) == (
        8,
        "万吨",
        "干燥设施",
    )
    assert metrics["2万套"].label == "年产智能流体机械成套设备"  # a capacity per year
    assert metrics["15分钟"].label == "政务服务圈"


def test_figure_cut_by_a_page_break_is_found_in_the_repaired_paragraph(seed_articles):
    (metric,) = [m for m in seed_articles[0].metrics if m.text == "2万套"]
    paragraph = seed_articles[0].sections[metric.section].paragraphs[metric.paragraph]
    assert paragraph.text[metric.start : metric.start + len(metric.text)] == "2万套"
    assert "年产2万套智能" in metric.sentence


def test_award_counts_form_one_group(seed_articles):
    second = seed_articles[1]
    awards = [m for m in second.metrics if m.label.endswith("奖项")]
    assert len(awards) == 3 and len({m.group for m in awards}) == 1 and awards[0].group is not None
    group = second.groups[awards[0].group]
    assert group.caption == "奖项" and group.unit == "个"


def test_same_fact_twice_is_one_figure_with_two_mentions(seed_articles):
    stations = [m for m in seed_articles[1].metrics if m.text == "6个"]
    assert len(stations) == 2 and stations[0].same_as is None and stations[1].same_as is not None


def test_salience_puts_money_and_projects_first(seed_articles):
    top = sorted(seed_articles[0].metrics, key=lambda m: -m.salience)[:2]
    assert {m.text for m in top} == {"15.9亿元", "49个"}

"""Faithfulness: every figure a planned deck shows is matched back to its source text."""

from __future__ import annotations

import re

from briefdeck.chars import display
from briefdeck.errors import BriefdeckError
from briefdeck.metrics import figure_texts
from briefdeck.model import Article, Deck
from briefdeck.numbers import half_width


def _plain(text: str) -> str:
    """Return text as compared: displayed, half-width digits, no spaces or thousands commas."""
    text = half_width(display(text))
    text = re.sub(r"(?<=\d)[,，](?=\d{3})", "", text)
    return re.sub(r"\s+", "", text)


def _stated(figure: str, source: str) -> bool:
    """Return True when the source writes `figure` (a before→after card: both of its ends)."""
    if "→" not in figure:
        return _plain(figure) in source
    before, after = figure.split("→", 1)
    unit = re.sub(r"^[\d.,，]+", "", after)
    if re.fullmatch(r"[\d.,，]+", before):  # a bare number shares the after's unit
        starts = {before + unit, before + re.sub(r"(?:左右|上下)$", "", unit)}
    else:
        starts = {before}
    return any(_plain(s) in source for s in starts) and _plain(after) in source


def mismatches(deck: Deck, articles: tuple[Article, ...] | list[Article]) -> list[str]:
    """Return a line for every figure on the deck its source does not state as shown.

    A card's figure (qualifier, value and unit as shown) and every figure emphasised in a
    line must be written so in a source paragraph; a chart's bar must be the value of a
    figure of the source with that category's label.
    """
    paragraphs = [p.text for a in articles for s in a.sections for p in s.paragraphs]
    source = _plain("\n".join(paragraphs))
    values = {(_plain(m.label), m.value) for a in articles for m in a.metrics}
    out = []
    for n, slide in enumerate(deck.slides, start=1):
        shown = [f.text for f in slide.cards]
        if slide.body is not None:
            shown += [
                t
                for p in slide.body.paragraphs
                for t in figure_texts(p.head + p.text, deck.language)
                if t in slide.body.emphasis
            ]
        out += [f"slide {n}: {t}" for t in shown if not _stated(t, source)]
        if slide.chart is not None:
            for category, value in zip(slide.chart.categories, slide.chart.values):
                label = _plain(re.sub(r"[（(][^（）()]*[）)]$", "", category))
                if not any(lab == label and v == value for lab, v in values):
                    out.append(f"slide {n}: chart bar {category} = {value:g}")
    return out


def check_faithful(deck: Deck, articles: tuple[Article, ...] | list[Article]) -> None:
    """Raise BriefdeckError naming the first figure of `deck` its sources do not state."""
    found = mismatches(deck, articles)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise BriefdeckError(f"{deck.zone}: figure not in its source: {found[0]}{more}")

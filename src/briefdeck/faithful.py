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


_WRITTEN_UNIT = re.compile(
    r"[（(]\s*(?:单位\s*[：:]\s*)?([^（）()]{1,8}?)\s*[）)]|单位\s*[：:]\s*([^\s，,；;。）)]+)"
)


def _units_written(texts: list[str]) -> set[str]:
    """Return what header cells and a caption write as units: in brackets, after `单位：`, a
    `%` ending a header, a short header cell itself (`亿元`); the empty unit too."""
    out = {""}
    for text in texts:
        text = text.strip()
        out.update(a or b for a, b in _WRITTEN_UNIT.findall(text))
        if text.endswith(("%", "％", "‰")):
            out.add(text[-1])
        if 0 < len(text) <= 4:
            out.add(text)
    return out


def table_statements(articles: tuple[Article, ...] | list[Article]) -> set[str]:
    """Return the figures the articles' tables state, compared as `_plain` text: each body
    cell as written, alone and with each unit its column header or the caption writes."""
    out: set[str] = set()
    for article in articles:
        for table in article.tables:
            for row in table.rows:
                for j, cell in enumerate(row):
                    header = [r[j] for r in table.header if j < len(r)]
                    out.update(_plain(cell + u) for u in _units_written([*header, table.caption]))
    return out


def mismatches(deck: Deck, articles: tuple[Article, ...] | list[Article]) -> list[str]:
    """Return a line for every figure on the deck its source does not state as shown.

    A card's figure (qualifier, value and unit as shown) and every figure emphasised in a
    line must be written so in a source paragraph, or be a table's cell as written (with a
    unit its column header or caption writes); a chart's bar must be the value of a figure of
    the source with that category's label (for a table's figure, the name of its row).
    """
    paragraphs = [p.text for a in articles for s in a.sections for p in s.paragraphs]
    source = _plain("\n".join(paragraphs))
    cells = table_statements(articles)
    values = {(_plain(m.label), m.value) for a in articles for m in a.metrics}
    rows = {(_plain(m.label), m.value) for a in articles for m in a.metrics if m.table is not None}
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
        out += [
            f"slide {n}: {t}" for t in shown if not _stated(t, source) and _plain(t) not in cells
        ]
        if slide.chart is not None:
            for category, value in zip(slide.chart.categories, slide.chart.values):
                label = _plain(re.sub(r"[（(][^（）()]*[）)]$", "", category))
                if not any(lab == label and v == value for lab, v in values) and not any(
                    lab.startswith(f"{label}·") and v == value for lab, v in rows
                ):
                    out.append(f"slide {n}: chart bar {category} = {value:g}")
    return out


def check_faithful(deck: Deck, articles: tuple[Article, ...] | list[Article]) -> None:
    """Raise BriefdeckError naming the first figure of `deck` its sources do not state."""
    found = mismatches(deck, articles)
    if found:
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise BriefdeckError(f"{deck.zone}: figure not in its source: {found[0]}{more}")

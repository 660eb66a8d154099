"""Articles as the plain data of the `briefdeck parse` contract (docs/parse.md)."""

from __future__ import annotations

from typing import Any

from briefdeck.model import Article, Metric, Table

CONTRACT_VERSION = 2
"""Version of the parse output; bumped when a key is renamed, removed or changes meaning
(2: `zone` and a metric's `value` may be null; metrics gained `number`, `low`, `high`, `form`;
articles later gained `tables`, and metrics `table` and `cell`, keys added)."""


def parse_data(articles: tuple[Article, ...]) -> dict[str, Any]:
    """Return the articles, their metrics and their tables as JSON-ready data."""
    return {"version": CONTRACT_VERSION, "articles": [_article(a) for a in articles]}


def _article(a: Article) -> dict[str, Any]:
    return {
        "source": a.source,
        "index": a.index,
        "language": a.language.value,
        "zone": a.zone,
        "zones_mentioned": list(a.zones_mentioned),
        "title": a.title,
        "kicker": a.kicker,
        "author": a.language.list_sep.join(a.authors) or None,
        "authors": list(a.authors),
        "meta": list(a.meta),
        "sections": [
            {
                "heading": s.heading,
                "paragraphs": [{"text": p.text, "lead": p.lead} for p in s.paragraphs],
            }
            for s in a.sections
        ],
        "captions": [{"text": c.text, "credit": c.credit} for c in a.captions],
        "credits": list(a.credits),
        "quotes": [{"text": q.text, "speaker": q.speaker} for q in a.quotes],
        "seams": a.seams,
        "metrics": [_metric(m) for m in a.metrics],
        "groups": [
            {"id": g.id, "caption": g.caption, "unit": g.unit, "members": list(g.members)}
            for g in a.groups
        ],
        "tables": [_table(t) for t in a.tables],
    }


def _table(t: Table) -> dict[str, Any]:
    return {
        "caption": t.caption,
        "header": [list(row) for row in t.header],
        "rows": [list(row) for row in t.rows],
        "section": t.section,
        "line": t.line,
    }


def _metric(m: Metric) -> dict[str, Any]:
    return {
        "text": m.text,
        "number": m.number,
        "value": m.value,
        "low": m.low,
        "high": m.high,
        "form": m.form.value,
        "unit": m.unit,
        "qualifier": m.qualifier,
        "label": m.label,
        "sentence": m.sentence,
        "section": m.section,
        "paragraph": m.paragraph,
        "group": m.group,
        "salience": m.salience,
        "same_as": m.same_as,
        "table": m.table,
        "cell": [m.row, m.column] if m.table is not None else None,
    }

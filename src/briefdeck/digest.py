"""Many articles about one zone condensed into one briefing outline within a slide budget."""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from dataclasses import dataclass

from briefdeck.chars import display
from briefdeck.language import Language
from briefdeck.lint import weak_label_reason
from briefdeck.metrics import card_worthy, is_target
from briefdeck.model import Article, Bullet, Figure, Metric, SectionOutline, ZoneOutline
from briefdeck.outline import (
    OutlineSettings,
    closing_of,
    cover_notes,
    figure_of,
    majority,
    most_salient,
    part_outline,
    source_line,
    words,
)
from briefdeck.publication import Publication, publication_of
from briefdeck.story import Role, parts_of

BUDGET = 20
"""Slides of a deck made from several articles, unless `--slides` says otherwise."""
SECTION_BULLETS = 4
"""Most bullets an article's section shows; the rest are left out (in the notes)."""
SECTION_CARDS = 3
"""Most number cards beside an article's section."""
SUMMARY_NEWS = 5
"""Most articles whose main news the summary slide lists."""
CITATIONS_PER_SLIDE = 20
"""Articles listed on one sources slide (two columns)."""
SAME_TEXT = 0.8
"""Two articles sharing this share of their text's 4-character runs are one article."""


@dataclass(frozen=True)
class _Item:
    """An article with what the digest needs of it."""

    article: Article
    publication: Publication
    order: int


def digest_outline(zone: str, articles: list[Article], settings: OutlineSettings) -> ZoneOutline:
    """Return one outline for several articles about a zone, within the slide budget.

    Articles are counted once (a reprint is a duplicate), newest first where dated. The
    summary lists the newest articles' main news beside the zone's key figures (each figure
    once, the newer value where two differ); each article gets a section of its most salient
    bullets, the rest left out into its notes; articles beyond the budget share one section of
    their main news; a sources slide lists every article.
    """
    kept, warnings = dedupe(articles)
    items = newest_first(kept)
    lang = settings.lang or majority([a.language for a in kept])
    w = words(lang)
    budget = settings.slides or BUDGET
    fixed = 5 + -(-len(items) // CITATIONS_PER_SLIDE)  # cover, summary, key figures, contents,
    room = max(1, budget - fixed)  # closing, and the sources slides
    sections = [_summary(items, w, settings)]
    shown = items[: room if len(items) <= room else room - 1]
    sections += [s for s in (_article_section(i, w, settings) for i in shown) if s]
    rest = items[len(shown) :]
    if rest:
        sections.append(_others(rest, w, settings))
    figures, figure_notes = merged_figures(items, settings)
    return ZoneOutline(
        zone=zone,
        language=lang,
        subtitle=_subtitle(items, w),
        authors=tuple(dict.fromkeys(n for a in kept for n in a.authors))[:3],
        date=_span(items),
        key_figures=figures,
        sections=tuple(sections),
        closing=closing_of([items[0].article], settings),
        notes=cover_notes(kept, w),
        key_notes=figure_notes,
        sources=tuple(dict.fromkeys(a.source for a in kept)),
        citations=tuple(_citation(i, lang, _shared_paper(items)) for i in items),
        warnings=warnings,
    )


# ------------------------------------------------------------------ articles


def dedupe(articles: list[Article]) -> tuple[list[Article], tuple[str, ...]]:
    """Return the articles with reprints left out (the first copy kept), and a warning each."""
    kept: list[tuple[Article, frozenset[str]]] = []
    warnings = []
    for article in articles:
        runs = _runs(article)
        twin = next((k for k, r in kept if _overlap(runs, r) >= SAME_TEXT), None)
        if twin is None:
            kept.append((article, runs))
        else:
            warnings.append(
                f"{article.source}: 《{article.title}》 repeats 《{twin.title}》"
                f" ({twin.source}); counted once"
            )
    return [a for a, _ in kept], tuple(warnings)


def _runs(article: Article) -> frozenset[str]:
    text = "".join(p.text for s in article.sections for p in s.paragraphs)
    return frozenset(text[i : i + 4] for i in range(max(0, len(text) - 3)))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))


def newest_first(articles: list[Article]) -> list[_Item]:
    """Return the articles newest first; undated ones after them, in input order."""
    items = [_Item(a, publication_of(a), n) for n, a in enumerate(articles)]
    oldest = datetime.date.min
    return sorted(
        items,
        key=lambda i: (i.publication.date is None, _neg(i.publication.date or oldest), i.order),
    )


def _neg(date: datetime.date) -> int:
    return -date.toordinal()


def _shared_paper(items: list[_Item]) -> str:
    """Return the paper most articles appeared in (said once on the cover), or empty."""
    papers = Counter(i.publication.paper for i in items if i.publication.paper)
    paper, count = papers.most_common(1)[0] if papers else ("", 0)
    return paper if count * 2 > len(items) else ""


def _citation(item: _Item, lang: Language, shared: str = "") -> str:
    """Return the sources line of an article: its title, then paper (unless `shared` by all)
    and date (`某某（《某某日报》，3月2日）`)."""
    p = item.publication
    when = f"{p.date.month}月{p.date.day}日" if p.date and lang.cjk else ""
    when = when or (p.date.isoformat() if p.date else "")
    paper = f"《{p.paper}》" if p.paper and p.paper != shared else ""
    where = "，".join(x for x in (paper, when) if x)
    title = display(item.article.title)
    return f"{title}（{where}）" if where and lang.cjk else f"{title} ({where})" if where else title


def _span(items: list[_Item]) -> str:
    """Return the dates the articles span (`2025年4月2日—7月17日`), or empty."""
    dates = sorted(i.publication.date for i in items if i.publication.date)
    if not dates:
        return ""
    first, last = dates[0], dates[-1]
    start = f"{first.year}年{first.month}月{first.day}日"
    if first == last:
        return start
    end = (
        f"{last.month}月{last.day}日"
        if last.year == first.year
        else f"{last.year}年{last.month}月{last.day}日"
    )
    return f"{start}—{end}"


def _subtitle(items: list[_Item], w: dict[str, str]) -> str:
    """Return the cover subtitle of a digest: the shared paper and the article count."""
    paper = _shared_paper(items)
    return (f"《{paper}》" if paper else "") + w["digest"].format(n=len(items))


# ------------------------------------------------------------------ sections


def _summary(items: list[_Item], w: dict[str, str], settings: OutlineSettings) -> SectionOutline:
    """Return the summary: the main news of the newest articles, one bullet each."""
    bullets: list[Bullet] = []
    notes = []
    for item in items:
        lead = next((p for p in parts_of(item.article, settings.subtopic_figures)
                     if p.role is Role.SUMMARY), None)  # fmt: skip
        section = (
            part_outline(item.article, lead, frozenset(), settings, w, False) if lead else None
        )
        if section and section.bullets:
            notes.append(f"{section.bullets[0].text}{source_line(item.article)}")
            if len(bullets) < SUMMARY_NEWS:
                bullets.append(section.bullets[0])
    return SectionOutline(w["overview"], bullets=tuple(bullets), notes="\n\n".join(notes),
                          summary=True)  # fmt: skip


def _article_section(
    item: _Item, w: dict[str, str], settings: OutlineSettings
) -> SectionOutline | None:
    """Return an article's section: its most salient bullets (the rest left out), its cards."""
    article = item.article
    outlines = [
        part_outline(article, part, frozenset(), settings, w, True)
        for part in parts_of(article, settings.subtopic_figures)
    ]
    found = [s for s in outlines if s is not None]
    bullets = [b for s in found for b in s.bullets]
    if not bullets:
        return None
    keep, left = most_salient(bullets, SECTION_BULLETS, article)
    figures = _article_figures(article)
    text = "\n\n".join(p.text for s in article.sections for p in s.paragraphs)
    return SectionOutline(
        title=display(article.title),
        kicker=item.publication.line(article.language),
        bullets=keep,
        figures=figures,
        notes=text + source_line(article),
        left_out=left,
    )


def _article_figures(article: Article) -> tuple[Figure, ...]:
    """Return the most salient results of an article as cards (no targets)."""
    ranked = sorted(
        (m for m in article.metrics if m.same_as is None and m.label and _result(m, article)),
        key=lambda m: -m.salience,
    )
    return tuple(figure_of(m) for m in ranked[:SECTION_CARDS])


def _result(metric: Metric, article: Article) -> bool:
    """Return True for a figure that may be a card: a result, not a plan or a target."""
    return card_worthy(metric) and not is_target(metric.sentence, article.language)


def _others(items: list[_Item], w: dict[str, str], settings: OutlineSettings) -> SectionOutline:
    """Return one section of the main news of the articles beyond the budget."""
    summary = _summary(items, w, settings)
    shown, left = summary.bullets[:SECTION_BULLETS], summary.bullets[SECTION_BULLETS:]
    return dataclasses.replace(
        summary, title=w["others"], bullets=shown, left_out=left, summary=False
    )


# ------------------------------------------------------------------ figures


def merged_figures(items: list[_Item], settings: OutlineSettings) -> tuple[tuple[Figure, ...], str]:
    """Return the zone's key figures across articles, each measure once, and their notes.

    The same measure with the same value in several articles is one card; with different
    values the newest article's is shown and every value is in the notes with its source.
    """
    seen: dict[str, list[tuple[Metric, _Item]]] = {}
    for item in items:  # newest first, so the first value of a measure is the newest
        for metric in item.article.metrics:
            if metric.same_as is None and metric.label and _result(metric, item.article):
                seen.setdefault(_measure(metric), []).append((metric, item))
    ranked = sorted(seen.values(), key=lambda found: -max(m.salience for m, _ in found))
    chosen = [found for found in ranked if found[0][0].salience >= 2.5][: settings.key_max]
    if len(chosen) < settings.key_min:
        chosen = ranked[: settings.key_min]
    notes = []
    for found in chosen:
        values = dict.fromkeys(
            f"{display(m.text)}（{_citation(i, i.article.language)}）" for m, i in found
        )
        notes.append(f"{display(found[0][0].label)}: " + "；".join(values))
    return tuple(figure_of(found[0][0]) for found in chosen), "\n".join(notes)


def _measure(metric: Metric) -> str:
    """Return what a figure measures: its label and unit, spaces and particles gone; a figure
    whose label names nothing in particular (同比增长) is a measure of its own."""
    label = display(metric.label).replace(" ", "").strip("的")
    if weak_label_reason(label):
        return f"{label}|{metric.unit or ''}|{metric.sentence}|{metric.start}"
    return f"{label}|{metric.unit or ''}"

"""Condense articles into one briefing outline per zone."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import reduce
from itertools import pairwise
from pathlib import Path
from typing import Any

from briefdeck.bullets import (
    bare_quote,
    concrete,
    condense,
    paragraph_bullets,
    refers_back,
    steps_of,
    topic_words,
)
from briefdeck.chars import display, has_cjk, sentences
from briefdeck.language import DEFAULT, Language, of
from briefdeck.lint import YEAR, bad_categories, fragment_reason
from briefdeck.metrics import card_worthy, figure_texts, is_personal, is_target, table_figures
from briefdeck.model import (
    Article,
    Bullet,
    Chart,
    DataTable,
    Figure,
    Metric,
    Photo,
    Quote,
    QuoteItem,
    SectionOutline,
    Table,
    ZoneOutline,
)
from briefdeck.publication import publication_of
from briefdeck.segment import tokens
from briefdeck.story import (
    Part,
    Role,
    coda,
    main_news,
    outlook_sentences,
    parts_of,
    same_words,
    split_heading,
)
from briefdeck.vocab import vocabulary
from briefdeck.zones import by_zone

SOURCE_KEY = 8
"""Characters of a bullet or quote looked for in its section's source to find where it stands."""
CHART_ROWS = 3
"""Fewest rows of a table's numeric column that make a chart of it."""
ENUMERATION_GAP = 14
"""Most characters between two figures of one enumeration (what a chart compares)."""
SLIDE_BULLETS = 6
"""Most bullets one slide holds: a thin section joins the one before only within it."""
THIN = 2
"""A section with this few bullets takes its quote inside, and a lone figure as a card."""
PULL_MAX = 2
"""Most short quotes an article shows as pull quotes beside the quote slides; the others are
told in bullets led by their speaker."""
FIGURES_SLIDE_MIN = 2
"""Fewest key figures that make a slide of their own (the key figures, the closing recap)."""
SUMMARY_FLOOR = 0.5
"""Least a summary's bullet asks to be shown (a figure, news, a name, the zone, a first…):
below it, a scene or rhetoric that the lead holds but the briefing need not."""
KEY_SALIENCE = 2.5
"""Least salience of a key figure beyond the fewest (`key_min`)."""
MORE_SALIENCE = 2.0
"""Least salience of a figure a closing recap adds to key figures the summary showed."""


@dataclass(frozen=True)
class OutlineSettings:
    """Knobs of the outline stage."""

    bullet_max: int = 60
    """Longest bullet in CJK characters (an English bullet gets half as many words)."""
    chart_min: int = 3
    """Fewest figures in a group that make a chart."""
    key_min: int = 3
    """Fewest key figures (when the articles have that many)."""
    key_max: int = 6
    """Most key figures."""
    section_cards: int = 4
    """Most number cards beside a section's bullets."""
    subtopic_figures: int = 3
    """A run-in paragraph with this many figures gets a slide of its own."""
    quotes_max: int = 2
    """Most quote slides per deck."""
    section_bullets: int = 8
    """Most bullets a section shows (two slides); the rest go to its notes and `left_out`."""
    lang: Language | None = None
    """Language of the deck's own words; None follows the articles."""
    slides: int | None = None
    """Slide budget of a deck made from several articles (None: about 20)."""

    def __post_init__(self) -> None:
        if self.lang is not None:
            object.__setattr__(self, "lang", of(self.lang))  # a code given as text


def words(lang: Language) -> dict[str, str]:
    """Return the deck's own words (目录, Contents, ...) in `lang`."""
    table: dict[str, dict[str, str]] = vocabulary("words")
    return table[lang.value]


def outline_zones(
    articles: tuple[Article, ...], settings: OutlineSettings | None = None
) -> tuple[ZoneOutline, ...]:
    """Return one outline per zone, articles merged in input order (none about no zone)."""
    settings = settings or OutlineSettings()
    zones, _ = by_zone(
        (article.zone, article) for article in articles
    )  # 某某自贸港 = 某某自由贸易港
    return tuple(zone_outline(str(group[0].zone), group, settings) for group in zones.values())


def zone_outline(zone: str, articles: list[Article], settings: OutlineSettings) -> ZoneOutline:
    """Return the outline of one zone's articles: one article's summary, sections in source
    order with their photos and quotes, and its ending; several articles' digest."""
    if len(articles) > 1:
        from briefdeck.digest import digest_outline  # digest builds on this module's parts

        return digest_outline(zone, articles, settings)
    lang = settings.lang or majority([a.language for a in articles])
    w = words(lang)
    sections: list[SectionOutline] = []
    photos: list[Photo] = []
    quotes: list[QuoteItem] = []
    key_figures = _key_figures(articles, settings)
    ranked = _key_figures(articles, settings, floor=MORE_SALIENCE)
    more_figures = tuple(f for f in ranked if f not in key_figures)
    closing = closing_of(articles, settings)
    # closing words stand over the ending's figures or plans, never alone on a slide
    ending = len(key_figures) >= FIGURES_SLIDE_MIN or closing
    last_words = coda(articles[-1]) if ending else ""
    for n, article in enumerate(articles):
        start = len(sections)
        chosen = _chosen_quotes(article, settings.quotes_max - len(quotes))
        rest = _quotes_without_slides(article, chosen)
        limit = _limit(article.language, settings)
        others = [x for x in rest if len(x[1].text) <= limit][:PULL_MAX]
        told = [x for x in rest if x not in others]  # told in bullets, led by the speaker
        skip = _skipped_sentences(article, chosen + others) | set(sentences(last_words))
        parts = parts_of(article, settings.subtopic_figures)
        skip |= _news_told_later(article, parts)
        placed: dict[tuple[int, int], int] = {}  # (section, paragraph) -> outline section
        homes = [_table_part(t, parts) for t in article.tables]
        for k, part in enumerate(parts):
            outline = part_outline(article, part, skip, settings, w, len(articles) > 1 or n > 0)
            said = [q for q in chosen if q[0][0] == part.section and q[0][1] in part.paragraphs]
            if outline is None and (said or k in homes) and part.title:
                outline = _quotes_only(article, part)  # its words said: the quotes' own section
            if outline is not None:
                sections.append(outline)
            # a part with nothing left goes with the one before
            into = max(start, len(sections) - 1)
            placed.update({(part.section, p): into for p in part.paragraphs})
        if len(sections) == start:  # nothing made a whole point: the lead is shown as it is
            sections.append(_raw_summary(article, w))
        _place_tables(article, [parts[h] if h is not None else None for h in homes], sections,
                      placed, start)  # fmt: skip
        first = {s: min(v for (k, _), v in placed.items() if k == s) for s, _ in placed}
        photos += [
            Photo(display(c.text), display(c.credit or ""), first.get(c.section, start), c.image)
            for c in article.captions
        ]
        quotes += [replace(q, after=placed.get(at, start)) for at, q in chosen]
        for at, q in others:  # words said stay with their speaker, inside their section
            home = placed.get(at, start)
            sections[home] = with_pull_quote(sections[home], q)
        for at, q in told:  # the first bullet of the quote's words names its speaker
            home = placed.get(at, start)
            sections[home] = _attributed(sections[home], q)
    sections, quotes = _pull_quotes(sections, quotes)
    sections, photos, quotes = _merge_thin(sections, photos, quotes, bool(key_figures))
    return ZoneOutline(
        zone=zone,
        language=lang,
        subtitle=_headline(articles[0], zone) if len(articles) == 1 else w["briefing"],
        authors=tuple(dict.fromkeys(n for a in articles for n in a.authors)),
        date=_date(articles),
        key_figures=key_figures,
        more_figures=more_figures,
        sections=tuple(sections),
        photos=tuple(photos),
        quotes=tuple(quotes),
        closing=closing,
        coda=display(last_words).rstrip("。"),
        notes=cover_notes(articles, w),
        key_notes=_key_notes(articles),
        closing_notes=_closing_notes(articles),
        sources=tuple(dict.fromkeys(a.source for a in articles)),
    )


def _table_part(table: Table, parts: list[Part]) -> int | None:
    """Return the index of the part a table stands in: the one holding the paragraph before
    it (the first paragraph of its section when none is before it), or None for none."""
    before = max(0, table.paragraph - 1)
    for k, part in enumerate(parts):
        if part.section == table.section and before in part.paragraphs:
            return k
    return None


def _place_tables(
    article: Article,
    homes: list[Part | None],
    sections: list[SectionOutline],
    placed: dict[tuple[int, int], int],
    start: int,
) -> None:
    """Give each table of `article` to the outline section of the part it stands in; a table
    under a heading with no text of its own gets a section of that heading, after the sections
    before it (`placed`, the outline section of each paragraph, follows)."""
    for table, part in zip(article.tables, homes):
        item = data_table(article, table)
        if part is not None:
            at = placed.get((part.section, part.paragraphs[0]), start)
        else:
            heading = article.sections[table.section].heading
            before = [v for (s, _), v in placed.items() if s < table.section]
            after = [v for (s, _), v in placed.items() if s >= table.section]
            if heading is None or (after and min(after) <= max(before, default=start - 1)):
                at = max(before, default=start)  # no heading of its own: with the text before
            else:
                kicker, title = split_heading(heading)
                at = max(before, default=start - 1) + 1
                sections.insert(at, SectionOutline(display(title), display(kicker),
                                                   notes=source_line(article).strip()))  # fmt: skip
                for key, value in placed.items():
                    placed[key] = value + 1 if value >= at else value
                placed[(table.section, -1)] = at
        sections[at] = replace(sections[at], tables=(*sections[at].tables, item))


def data_table(article: Article, table: Table) -> DataTable:
    """Return a table of the article as the outline shows it: cells as written, every row as
    long as the widest, the table as text (and its source) in the notes."""
    width = max((len(r) for r in (*table.header, *table.rows)), default=0)

    def full(row: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(display(c) for c in (*row, *[""] * (width - len(row))))

    lines = [table.caption] if table.caption else []
    lines += ["｜".join(c for c in row) for row in (*table.header, *table.rows)]
    return DataTable(
        caption=display(table.caption),
        header=tuple(full(r) for r in table.header),
        rows=tuple(full(r) for r in table.rows),
        notes="\n".join(lines) + source_line(article),
    )


def _merge_thin(
    sections: list[SectionOutline],
    photos: list[Photo],
    quotes: list[QuoteItem],
    key_figures: bool,
) -> tuple[list[SectionOutline], list[Photo], list[QuoteItem]]:
    """Return the sections with the thin ones (one bullet, no card, no chart) joined to the
    section before them, their title leading their bullet; a summary with one bullet and no
    key figures takes the short section after it. Photos and quotes follow their sections."""
    out: list[SectionOutline] = []
    moved: dict[int, int] = {}
    for n, section in enumerate(sections):
        thin = len(section.bullets) <= 1 and not (
            section.figures or section.charts or section.tables
        )
        last = out[-1] if out else None
        room = last is not None and len(last.bullets) + len(section.bullets) <= SLIDE_BULLETS
        if last is not None and _opens_its_topic(last, section):
            more = n + 1 < len(sections) and sections[n + 1].kicker == last.title
            # its only topic goes on under the heading, its lead heading its first point
            out[-1] = _led_by(last, section) if more else _joined(last, section)
            moved[n] = len(out) - 1
            continue
        lone_summary = last is not None and last.summary and len(last.bullets) <= 1
        if (
            last is not None
            and not section.summary
            and room
            and (thin or (lone_summary and not key_figures))
        ):
            out[-1] = _joined(last, section)
        else:
            out.append(section)
        moved[n] = len(out) - 1
    photos = [replace(p, after=moved.get(p.after, p.after)) for p in photos]
    quotes = [replace(q, after=moved.get(q.after, q.after)) for q in quotes]
    return out, photos, quotes


def _opens_its_topic(parent: SectionOutline, child: SectionOutline) -> bool:
    """Return True for a section of a few points, nothing else, before its own first topic."""
    few = len(parent.bullets) <= THIN and not (parent.figures or parent.charts or parent.tables)
    return few and not parent.summary and bool(child.kicker) and child.kicker == parent.title


def _led_by(parent: SectionOutline, child: SectionOutline) -> SectionOutline:
    """Return the topic `child` with its section's few points before its own."""
    return replace(
        child,
        bullets=(*parent.bullets, *child.bullets),
        notes=f"{parent.notes}\n\n{child.notes}",
    )


def _joined(first: SectionOutline, second: SectionOutline) -> SectionOutline:
    """Return `first` with `second`'s bullets after its own (none twice), the first led by
    its title."""
    said = {b.text for b in first.bullets}
    bullets = [b for b in second.bullets if b.text not in said]
    if bullets and not bullets[0].head:
        bullets[0] = replace(bullets[0], head=second.title)
    return replace(
        first,
        bullets=(*first.bullets, *bullets),
        figures=(*first.figures, *second.figures),
        charts=(*first.charts, *second.charts),
        tables=(*first.tables, *second.tables),
        notes=f"{first.notes}\n\n{second.notes}",
    )


def _pull_quotes(
    sections: list[SectionOutline], quotes: list[QuoteItem]
) -> tuple[list[SectionOutline], list[QuoteItem]]:
    """Return the sections with the quotes of thin sections inside them as pull quotes
    (`speaker：“…”`), and the quotes left for slides of their own."""
    left = []
    for quote in quotes:
        home = sections[quote.after] if quote.after < len(sections) else None
        if home is not None and len(home.bullets) <= THIN and not home.summary:
            sections[quote.after] = with_pull_quote(home, quote)
        else:
            left.append(quote)
    return sections, left


def with_pull_quote(section: SectionOutline, quote: Quote | QuoteItem) -> SectionOutline:
    """Return `section` with `quote` as a pull quote (`speaker：“…”`) where it was said: before
    the first bullet its source text holds after the quote (at the end when none)."""
    source = display(section.notes)
    said = source.find(display(quote.text)[:SOURCE_KEY])
    bullets = list(section.bullets)
    later = [n for n, b in enumerate(bullets) if said >= 0 and _found_at(source, b) > said]
    pull = Bullet(f"“{quote.text}”", quote.speaker or "")
    bullets.insert(later[0] if later else len(bullets), pull)
    return replace(section, bullets=tuple(bullets))


def _found_at(source: str, bullet: Bullet) -> int:
    """Return where `bullet`'s words start in `source` (its first clause, else its last
    characters: a subject may have been carried before them), or -1."""
    text = bullet.text.strip("“”")
    first = re.split(r"[，,；;：:]", text)[0][:SOURCE_KEY]
    at = source.find(first) if len(first) >= 4 else -1
    return at if at >= 0 else source.find(text[-SOURCE_KEY:])


def _headline(article: Article, zone: str) -> str:
    """Return the article's headline for the cover: its title, and the line set above or
    below it (a kicker or a strap line: often the news itself) on a line of its own. A title
    set in two parts (某某区 打造…, 围绕… 以…探索…) gives two lines; the zone's name, which the
    cover shows above, is no line and no lead-in (某某区：…)."""
    parts = [*_CJK_SPACE.split(article.title.strip()), article.kicker or ""]
    lines = []
    for part in (display(x) for x in parts if x):
        named = part.startswith(zone) and part[len(zone) : len(zone) + 1] in ("：", ":")
        part = part[len(zone) + 1 :] if named and len(part) > len(zone) + 4 else part
        if part != zone:
            lines.append(part)
    return "\n".join(dict.fromkeys(lines))


_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff”’）》])\s+(?=[\u3400-\u9fff“‘（《])")
"""Spaces between Chinese words in a title: the parts of a title set on two lines."""


def majority(langs: list[Language]) -> Language:
    """Return the language most of `langs` are in (the default for none)."""
    return max(set(langs), key=langs.count) if langs else DEFAULT


def _date(articles: list[Article]) -> str:
    """Return where the article appeared (`《某某日报》2025年3月2日 第5版`), else the first meta
    line that carries a year, or empty."""
    found = publication_of(articles[0]).line(articles[0].language)
    return found or next(
        (m for a in articles for m in a.meta if re.search(r"(?:19|20)\d\d", m)), ""
    )


def cover_line(outline: ZoneOutline) -> str:
    """Return the cover's small line: the authors and the publication (paper, date, page).

    Input file names belong in the notes, not on a slide."""
    parts = [outline.language.list_sep.join(outline.authors), outline.date]
    return "  |  ".join(p for p in parts if p)


# ------------------------------------------------------------------ sections


def _quotes_only(article: Article, part: Part) -> SectionOutline:
    """Return the section of a part whose every point is a quote given a slide: its title, and
    its quotes to come (pull quotes inside, or quote slides after it)."""
    paragraphs = article.sections[part.section].paragraphs
    return SectionOutline(
        title=display(part.title),
        kicker=display(part.kicker),
        notes="\n\n".join(paragraphs[p].text for p in part.paragraphs) + source_line(article),
        subtopic=part.role is Role.SUBTOPIC,
    )


def part_outline(
    article: Article,
    part: Part,
    skip: frozenset[str],
    settings: OutlineSettings,
    w: dict[str, str],
    several: bool,
) -> SectionOutline | None:
    """Return the outline section of one part of an article, or None when nothing is left.

    Every figure of its paragraphs ends up in a bullet or a card; sentences in `skip` (the
    ending, the quotes given slides) are not bullets here.
    """
    section = article.sections[part.section]
    metrics = [
        m
        for m in article.metrics
        if m.section == part.section
        and m.paragraph in part.paragraphs
        and m.same_as is None
        and not any(m.sentence in s or s in m.sentence for s in skip if s)
    ]
    limit = _limit(article.language, settings)
    news = main_news(article, part) if part.role is Role.SUMMARY else None
    lead = _with_antecedent(article, news) if news else []
    bullets = _news_bullets(article, lead, metrics, settings)
    told = len(bullets)  # the news: shown whatever the budget's floor
    skip = skip | set(lead)
    for every in (False, True):
        found = _bullets(article, part, metrics, skip, limit, every)
        if len(bullets) + len(found) >= 2 or every:
            break
    bullets += found
    if part.role is Role.SUBTOPIC:
        bullets = [replace(b, head="") for b in bullets if b.text]
    bullets = [b for b in bullets if b.text != display(part.title) or b.head]
    bullets = [_after_title(b, display(part.title)) for b in bullets]
    bullets = [replace(b, head="") if same_words(b.head, part.title) else b for b in bullets]
    bullets = [b for b in bullets if b.head or b.text]
    bullets = [b for b in bullets if not _lead_in(b, article)] or bullets
    floor = SUMMARY_FLOOR if part.role is Role.SUMMARY else None
    shown, left = most_salient(bullets, settings.section_bullets, article, part.title, floor, told)
    bullets = list(shown)
    results = [m for m in metrics if not is_target(m.sentence, article.language)]
    worthy, changes = _changes([m for m in results if card_worthy(m)])  # no forecast as a card
    cards = sorted(worthy, key=lambda m: -m.salience)[: settings.section_cards]
    said = " ".join(b.head + b.text for b in bullets)
    cards += [m for m in worthy if m not in cards and display(m.text) not in said]
    groups = sorted({m.group for m in metrics if m.group is not None})
    charts = tuple(
        c
        for c in (
            _chart(article, g)
            for g in groups
            if len(article.groups[g].members) >= settings.chart_min
        )
        if c is not None
    )
    if not bullets and not charts and len(metrics) < 2:
        return None
    title = part.title or (article.title if several else w["overview"])
    return SectionOutline(
        title=display(title),
        kicker=display(part.kicker),
        bullets=tuple(bullets),
        # one figure is a card only where the bullets are few (it fills the slide, not repeats)
        figures=(*changes, *cards_of(cards))
        if len(cards) + len(changes) >= 2 or len(bullets) <= THIN
        else (),
        charts=charts,
        notes="\n\n".join(section.paragraphs[p].text for p in part.paragraphs)
        + source_line(article),
        subtopic=part.role is Role.SUBTOPIC,
        summary=part.role is Role.SUMMARY,
        left_out=left,
    )


def _lead_in(bullet: Bullet, article: Article) -> bool:
    """Return True for a line that only leads into its section (…的快速发展，离不开…): no
    figure, no name; the facts after it say what it announces."""
    words = vocabulary("genre").get(f"lead_ins_{article.language.value}", [])
    text = bullet.head + bullet.text
    bare = _without(text, article.zone_names)
    plain = not figure_texts(text, article.language)
    return plain and any(w in text for w in words) and not concrete(bare)


def _without(text: str, names: Iterable[str]) -> str:
    """Return `text` with each of `names` taken out, in the order given."""
    return reduce(lambda t, name: t.replace(name, ""), names, text)


def _after_title(bullet: Bullet, title: str) -> Bullet:
    """Return `bullet` without the words its slide's title already shows when it opens with
    them as a clause (title 走进某某车间, bullet 走进某某车间，一种…: 一种…)."""
    rest = bullet.text[len(title) :] if title and bullet.text.startswith(title) else ""
    if len(rest) < 2 or rest[0] not in "，,：:；;" or fragment_reason(rest[1:]) is not None:
        return bullet
    first = tokens(rest[1:])[0]
    subject = first[1][:1] in ("n", "m", "t") and first[0] != "是"  # its own subject follows
    said = rest[0] in "：:"  # 目标是苛刻的：要…: what follows a colon is what the title announced
    return replace(bullet, text=rest[1:]) if subject or said else bullet


def most_salient(
    bullets: list[Bullet],
    most: int,
    article: Article,
    title: str = "",
    floor: float | None = None,
    told: int = 0,
) -> tuple[tuple[Bullet, ...], tuple[Bullet, ...]]:
    """Return the `most` bullets that ask most to be shown (figures, the zone as actor, what is
    new, what names or dates a fact, what the section's `title` is about), in source order, and
    the others (left out: in the notes). With a `floor`, a bullet asking less is left out too
    (a summary's scene or rhetoric), as long as two bullets stay; the first `told` bullets (the
    main news) never are."""
    words = vocabulary("figures")["novelty_words"]
    news = vocabulary("genre")["news_verbs_zh"]
    scenes = tuple(
        vocabulary("genre")["scene_openers_zh"]
    )  # 走进某车间，…: where the reporter went
    topic = topic_words(title)
    names = sorted({*article.zone_names, *article.zones_mentioned}, key=len, reverse=True)

    def own(n: int) -> float:
        text = bullets[n].head + bullets[n].text
        score = 2.0 * min(2, len(figure_texts(text, article.language)))  # a list counts twice
        plain = _without(text, names)  # 新 of 高新区 is no news
        score += 1.0 * any(word in plain for word in words)
        score += 1.5 * any(verb in text for verb in news)  # something happened: 发布, 成立…
        score += 1.0 * any(word in text for word in topic)  # the facts the section is named after
        score += 0.5 * concrete(text)
        score -= 1.5 * (text.startswith(scenes) and not figure_texts(text, article.language))
        return score + 1.0 * any(name in text for name in article.zone_names)

    roots = _pointed_at(bullets)

    def salience(n: int) -> float:  # what bullets point back at asks as much as they do
        return max(own(m) for m, r in enumerate(roots) if r == n) if roots[n] == n else own(n)

    keep: set[int] = set()
    for n in sorted(range(len(bullets)), key=lambda n: (-salience(n), n)):
        need = {n, roots[n]} - keep  # a bullet that points back comes with what it points at
        weak = floor is not None and len(keep) >= 2 and salience(n) < floor and n >= told
        if len(keep) + len(need) <= most and not weak:
            keep |= need
    return (
        tuple(bullets[n] for n in sorted(keep)),
        tuple(b for n, b in enumerate(bullets) if n not in keep),
    )


def _pointed_at(bullets: list[Bullet]) -> list[int]:
    """Return, for each bullet, the index of the bullet it points back at through a chain of
    pointers (该平台…, 该平台还…: the one naming the platform), or its own index."""
    roots: list[int] = []
    for n, bullet in enumerate(bullets):
        roots.append(roots[n - 1] if n and refers_back(bullet.text) else n)
    return roots


def _raw_summary(article: Article, w: dict[str, str]) -> SectionOutline:
    """Return a summary holding the article's first paragraph as written."""
    first = next(p.text for s in article.sections for p in s.paragraphs)
    return SectionOutline(
        w["overview"], bullets=(Bullet(display(first)[:80]),), notes=first, summary=True
    )


def _news_bullets(
    article: Article,
    said: list[str],
    metrics: list[Metric],
    settings: OutlineSettings,
) -> list[Bullet]:
    """Return the main news (`said`: its sentence, after the one it points back at) as the
    summary's first bullets: who, what and where, kept whole."""
    limit = _limit(article.language, settings) * 3 // 2
    return [
        Bullet(line)
        for sentence in said
        for line in condense(sentence, [m.text for m in metrics if m.text in sentence], (), limit)
    ]


def _with_antecedent(article: Article, news: tuple[int, int, str]) -> list[str]:
    """Return the news sentence, led by the sentence before it when it points back at that."""
    section, paragraph, sentence = news
    if not refers_back(sentence):
        return [sentence]
    paragraphs = article.sections[section].paragraphs
    found = sentences(paragraphs[paragraph].text)
    at = found.index(sentence) if sentence in found else 0
    before = found[:at] or (sentences(paragraphs[paragraph - 1].text) if paragraph else [])
    return [before[-1], sentence] if before and not bare_quote(before[-1]) else [sentence]


def _bullets(
    article: Article,
    part: Part,
    metrics: list[Metric],
    skip: frozenset[str],
    limit: int,
    every: bool,
) -> list[Bullet]:
    """Return the bullets of a part's paragraphs (`every` sentence, or the first and those with
    a figure)."""
    section = article.sections[part.section]
    topic = topic_words(part.title)
    out: list[Bullet] = []
    for p in part.paragraphs:
        last = sentences(section.paragraphs[p - 1].text)[-1:] if p else []
        for b in paragraph_bullets(
            section.paragraphs[p],
            [m for m in metrics if m.paragraph == p],
            article.zone_names,
            limit,
            skip,
            every,
            last[0] if last else "",
            topic,
        ):
            if b not in out:  # the sentence before, already a bullet of its own paragraph
                out.append(b)
    return out


def _chosen_quotes(article: Article, most: int) -> list[tuple[tuple[int, int], QuoteItem]]:
    """Return up to `most` quotes of the article, each cut to its first sentences, with the
    (section, paragraph) it stands in; quotes with a named speaker first."""
    ranked = sorted(article.quotes, key=lambda q: q.speaker is None)
    ranked = [q for q in ranked if not any(_said_again(q, other) for other in ranked)]
    ranked = ranked[: max(0, most)]
    out = []
    for quote in sorted(ranked, key=lambda q: (q.section, q.paragraph)):
        text = ""
        for sentence in sentences(quote.text):
            if text and len(text) + len(sentence) > 90:
                break
            text += sentence
        speaker = max((_one_speaker(quote, o) for o in article.quotes), key=len)
        item = QuoteItem(display(text.strip()), display(speaker))
        out.append(((quote.section, quote.paragraph), item))
    return out


def _said_again(quote: Quote, other: Quote) -> bool:
    """Return True when `other` is longer words of the same speaker in the same paragraph
    (某公司创始人王强 and 王强 are one speaker): one slide holds one speaker's words there."""
    return _same_speaker(quote, other) and len(other.text) > len(quote.text)


def _same_speaker(quote: Quote, other: Quote) -> bool:
    """Return True when `other` is another quote of `quote`'s speaker in the same paragraph."""
    a, b = quote.speaker or "", other.speaker or ""
    here = (quote.section, quote.paragraph) == (other.section, other.paragraph)
    return other is not quote and bool(a and b) and here and (a.endswith(b) or b.endswith(a))


def _one_speaker(quote: Quote, other: Quote) -> str:
    """Return `other`'s speaker when it is `quote`'s (maybe named more fully), else `quote`'s."""
    return other.speaker or "" if _same_speaker(quote, other) else quote.speaker or ""


def _attributed(section: SectionOutline, quote: QuoteItem) -> SectionOutline:
    """Return `section` with the first bullet taken from `quote`'s words led by its speaker
    (`某某负责人：…`), so the words do not read as the deck's own."""

    def unquoted(text: str) -> str:
        return re.sub(r"[“”‘’\"']", "", text)

    said = unquoted(quote.text)
    bullets = list(section.bullets)
    for n, bullet in enumerate(bullets):
        words = unquoted(bullet.text)
        if not bullet.head and len(words) >= 6 and words in said:
            bullets[n] = replace(bullet, head=quote.speaker)
            break
    return replace(section, bullets=tuple(bullets))


def _quotes_without_slides(
    article: Article, chosen: list[tuple[tuple[int, int], QuoteItem]]
) -> list[tuple[tuple[int, int], QuoteItem]]:
    """Return the quotes with a speaker that get no quote slide: pull quotes or bullets led by
    the speaker, never the speaker's words as the deck's own."""
    taken = {q.text for _, q in chosen}
    return [
        (at, q)
        for at, q in _chosen_quotes(article, len(article.quotes))
        if q.speaker and q.text not in taken
    ]


def _news_told_later(article: Article, parts: list[Part]) -> frozenset[str]:
    """Return the news sentence when it stands after the lead (a feature's, told after its
    opening story): the summary shows it, its own section does not."""
    lead = next((p for p in parts if p.role is Role.SUMMARY), None)
    news = main_news(article, lead) if lead else None
    if lead is None or news is None:
        return frozenset()
    in_lead = news[0] == lead.section and news[1] in lead.paragraphs
    return frozenset() if in_lead else frozenset({news[2]})


def _skipped_sentences(
    article: Article, quotes: list[tuple[tuple[int, int], QuoteItem]]
) -> frozenset[str]:
    """Return the sentences that are not bullets: the ending's and the quotes' on slides."""
    skip = {sentence for sentence, _ in outlook_sentences(article)}
    for (s, p), quote in quotes:
        said = display(quote.text)
        text = article.sections[s].paragraphs[p].text
        skip.update(x for x in sentences(text) if _quotes_from(x, said))
    return frozenset(skip)


def _quotes_from(sentence: str, said: str) -> bool:
    """Return True when `sentence` holds words of a quote shown on a slide (`said`): its
    opening, or a later part of it (`“……”某某介绍，“……”` gives a sentence per part)."""
    parts = [display(p)[:10] for p in re.findall(r"[“\"]([^”\"]{6,})", sentence)]
    return display(said[1:11]) in display(sentence) or any(p in said for p in parts)


def source_line(article: Article) -> str:
    return f"\n\n— {Path(article.source).name}"


def _limit(lang: Language, settings: OutlineSettings) -> int:
    return lang.line_limit(settings.bullet_max)


def cards_of(metrics: list[Metric]) -> list[Figure]:
    """Return the cards of `metrics`: a figure for part of a year says which part (前8个月), a
    flow the year its sentence names (2024年), and cards of one label are told apart by the
    period each covers (前8个月 / 累计)."""
    labels = Counter(m.label for m in metrics)
    words = vocabulary("figures")
    cards = []
    for metric in metrics:
        card = figure_of(metric)
        twice = labels[metric.label] > 1
        stock = metric.unit in words["classifiers_zh"] and not any(
            metric.label.startswith(w) for w in words["new_words_zh"]
        )  # 企业9800户: how many there are, whatever part of the year the sentence reports
        period = _period(metric, words["period_zh"]) if twice else ""
        period = period or ("" if stock else _period(metric, words["part_period_zh"]))
        period = period or ("" if stock else _period(metric, YEAR))  # 2024年地区生产总值
        cards.append(replace(card, label=period + card.label) if period else card)
    return cards


def _period(metric: Metric, pattern: str) -> str:
    """Return the period the text before a figure in its sentence names (累计, 前8个月)."""
    before = metric.sentence[: max(0, metric.sentence.find(metric.text))]
    found = re.findall(pattern, before)
    return found[-1] if found and found[-1] not in metric.label else ""


def figure_of(metric: Metric) -> Figure:
    """Return the number card of a metric, written as in the source."""
    qualifier = metric.qualifier or ""
    before = bool(qualifier) and metric.text.startswith(qualifier)
    value = metric.number
    unit = metric.unit or ""
    after = metric.text[metric.text.find(value) + len(value) :] if value in metric.text else ""
    at = after.find(qualifier) if qualifier and not before else -1
    if unit and unit.isascii() and metric.label.endswith(unit):
        unit = ""  # an English counted noun is the label already (500 companies)
    currency = re.match(r"(US\$|RMB|[$£€¥])\s*", unit)
    if currency:  # $ billion -> value $1.2, unit billion: the currency sign stays with the number
        value, unit = currency.group(1) + value, unit[currency.end() :]
    if value in ("十", "百", "千") and unit[:1] in ("万", "亿") and len(unit) > 1:
        value, unit = value + unit[0], unit[1:]  # 超千亿元: 千亿 is the big number, not 千
    return Figure(
        value=display(value),
        label=display(metric.label),
        unit=display(unit),
        qualifier=qualifier,
        qualifier_before=before,
        qualifier_at=max(0, at) if after.replace(qualifier, "", 1) == unit else 0,
    )


def _changes(metrics: list[Metric]) -> tuple[list[Metric], list[Figure]]:
    """Return the figures left after pairing before/after figures (`从70%提高到99.5%`, one
    measure twice in a row, written alike: not 10万元 and 百万元), and those pairs as
    before→after cards."""
    pairs = _pairs(metrics)
    members = {id(m) for a, b, _ in pairs for m in (a, b)}
    return [m for m in metrics if id(m) not in members], [card for _, _, card in pairs]


def _pairs(metrics: list[Metric]) -> list[tuple[Metric, Metric, Figure]]:
    """Return each before/after pair of `metrics` with its before→after card."""
    same = vocabulary("figures")["same_measure_zh"]
    out = []
    for a, b in pairwise(sorted(metrics, key=lambda m: (m.section, m.paragraph, m.start))):
        between = b.sentence[b.sentence.find(a.text) + len(a.text) : b.sentence.find(b.text)]
        alike = (a.label, a.unit, a.sentence, a.form) == (b.label, b.unit, b.sentence, b.form)
        if alike and re.fullmatch(same, between):
            card, first = figure_of(b), figure_of(a)
            start = first.text.removesuffix(first.unit_text)  # 500多 of 500多平方米
            out.append((a, b, replace(card, value=f"{start}→{card.value}")))
    return out


def _listed(members: list[Metric]) -> bool:
    """Return True when figures stand in one enumeration: each a few words after the one
    before (`A12家、B8家、C5家`), not scattered over a long sentence."""
    spans = sorted((m.start, m.start + len(m.text)) for m in members)
    return all(b[0] - a[1] <= ENUMERATION_GAP for a, b in pairwise(spans))


def _chart(article: Article, group_id: int) -> Chart | None:
    """Return the chart of one metric group, or None when its figures do not compare.

    They compare when each is an exact result with a label of its own (a before/after pair
    shares one label: that is a change, not a comparison), none is new where another is a
    total, counts are of kinds of one thing that do not overlap (not 工厂, 车间 and 企业), and
    every label is a whole phrase.
    A qualified figure keeps its words in its category
    (`研发平台（10余个）`).
    """
    group = article.groups[group_id]
    members = [article.metrics[i] for i in group.members]
    labels = [display(m.label) for m in members]
    words = vocabulary("figures")
    news = [any(w in label for w in words["new_words_zh"]) for label in labels]
    if (
        not _listed(members)
        or not all(card_worthy(m, bar=True) and m.high is None for m in members)
        or len(set(labels)) < len(labels)
        or (any(news) and not all(news))
        or _both_ways(labels, words)
        or (group.unit in words["classifiers_zh"] and not _one_kind(labels, words))
        or bad_categories(tuple(labels))
    ):
        return None
    categories = tuple(
        f"{label}（{display(m.text)}）" if m.qualifier else label
        for label, m in zip(labels, members)
    )
    return Chart(
        title=display(group.caption),
        unit=group.unit or "",
        categories=categories,
        values=tuple(float(m.value or 0) for m in members),
        notes=members[0].sentence + source_line(article),
    )


def table_charts(table: DataTable, title: str = "") -> tuple[Chart, ...]:
    """Return a bar chart of each numeric column of a table that compares: a figure with one
    unit in at least three rows, each exact (no range, no vague quantity), each row named
    by a distinct whole phrase. The chart is titled by the caption and the column's name (or
    `title` when the table has neither)."""
    figures = table_figures(table.caption, table.header, table.rows)
    out = []
    for column in dict.fromkeys(f.column for f in figures):
        members = [f for f in figures if f.column == column]
        names = [display(f.name) for f in members]
        units = {f.quantity.unit or "" for f in members}
        exact = all(
            f.quantity.value is not None and f.quantity.high is None and f.name for f in members
        )
        if len(members) < CHART_ROWS or len(units) != 1 or not exact:
            continue
        categories = tuple(
            f"{name}（{display(f.text)}）" if f.quantity.qualifier else name
            for name, f in zip(names, members)
        )
        if len(set(names)) < len(names) or bad_categories(categories):
            continue
        heading = members[0].heading
        out.append(
            Chart(
                title="·".join(x for x in (table.caption, heading) if x) or title,
                unit=display(units.pop()),
                categories=categories,
                values=tuple(float(f.quantity.value or 0) for f in members),
                notes=table.notes,
            )
        )
    return tuple(out)


def _one_kind(labels: list[str], words: dict[str, Any]) -> bool:
    """Return True when the labels name kinds of one thing that do not overlap: one head noun
    (国家级奖项, 省级奖项), and not classes of enterprises, which overlap (a 专精特新 firm is
    often a 高新技术企业 too)."""
    head = labels[0] if labels else ""
    for label in labels[1:]:
        while head and not label.endswith(head):
            head = head[1:]
    if len(head) < 2 or not has_cjk(head):
        return False
    return not any(head.endswith(w) for w in words["overlapping_classes_zh"])


def _both_ways(labels: list[str], words: dict[str, Any]) -> bool:
    """Return True when some labels name a rise and others a fall (not one measure's bars)."""
    rise = any(w in label for label in labels for w in words["rise_words_zh"])
    fall = any(w in label for label in labels for w in words["fall_words_zh"])
    return rise and fall


# ------------------------------------------------------------------ key figures, quotes, closing


def _key_figures(
    articles: list[Article], settings: OutlineSettings, floor: float = KEY_SALIENCE
) -> tuple[Figure, ...]:
    """Return the 3-6 most salient figures of the zone, no fact twice (beyond the fewest, only
    figures of salience `floor` or more)."""
    metrics = [
        m
        for a in articles
        for m in a.metrics
        if m.same_as is None
        and card_worthy(m)
        and not is_target(m.sentence, a.language)
        and not is_personal(m)  # one person's figure, however large: never the zone's
    ]
    pairs = _pairs(metrics)
    before = {id(a) for a, _, _ in pairs}  # a start value alone would state the old level
    after = {id(b): card for _, b, card in pairs}  # an end value is shown with its start
    ranked = sorted((m for m in metrics if id(m) not in before), key=lambda m: -m.salience)
    chosen: list[Metric] = []
    for metric in ranked:
        if any(
            metric.label == c.label or (metric.value, metric.unit) == (c.value, c.unit)
            for c in chosen
        ):
            continue
        if len(chosen) >= settings.key_min and metric.salience < floor:
            break
        chosen.append(metric)
        if len(chosen) == settings.key_max:
            break
    return tuple(after.get(id(m)) or card for m, card in zip(chosen, cards_of(chosen)))


def _key_notes(articles: list[Article]) -> str:
    sentences_ = dict.fromkeys(m.sentence for a in articles for m in a.metrics if m.same_as is None)
    return "\n".join(sentences_)


def closing_of(articles: list[Article], settings: OutlineSettings) -> tuple[Bullet, ...]:
    """Return the closing bullets: the articles' forward-looking endings, each plan in lines
    of whole clauses."""
    out: list[Bullet] = []
    for article in articles:
        limit = _limit(article.language, settings)
        for _, plan in outlook_sentences(article):
            said = _said_plan(plan, limit)
            keep = [m.text for m in article.metrics if m.text in plan]
            out.extend(
                [said] if said else
                (Bullet(line) for line in condense(plan, keep, article.zone_names, limit, True))
            )  # fmt: skip
    if len(out) == 1 and not out[0].head:
        # one line is a thin slide: its steps, when each is a point, make a list
        return tuple(Bullet(step) for step in steps_of(out[0].text)) or tuple(out)
    return tuple(out)


def _said_plan(plan: str, limit: int) -> Bullet | None:
    """Return words said that look ahead as one pull quote under the words that introduce
    them (某某有新期盼：“…”), when they fit two lines; else None."""
    found = re.fullmatch(r"(.{2,30}?)[：:]\s*(“[^“”]+”)", plan.strip())
    if not found or len(found.group(2)) > 2 * limit:
        return None
    return Bullet(display(found.group(2)), head=display(found.group(1)))


def _closing_notes(articles: list[Article]) -> str:
    return "\n\n".join(
        "".join(dict.fromkeys(s for s, _ in outlook_sentences(a))) + source_line(a)
        for a in articles
        if outlook_sentences(a)
    )


def cover_notes(articles: list[Article], w: dict[str, str]) -> str:
    """Return the cover's notes: each article's title, byline and meta lines, and its source."""
    blocks = []
    for article in articles:
        lines = [article.title]
        if article.kicker:
            lines.append(article.kicker)
        if article.authors:
            lines.append(f"{w['by']}: {', '.join(article.authors)}")
        lines.extend(article.meta)
        lines.append(f"{w['source']}: {Path(article.source).name}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)

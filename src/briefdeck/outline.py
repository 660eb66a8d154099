"""Condense articles into one briefing outline per zone."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefdeck.chars import display, is_cjk, sentences
from briefdeck.lint import fragment_reason
from briefdeck.metrics import is_outlook
from briefdeck.model import (
    Article,
    Bullet,
    Chart,
    Figure,
    Metric,
    Paragraph,
    Photo,
    QuoteItem,
    Section,
    SectionOutline,
    ZoneOutline,
)
from briefdeck.vocab import vocabulary

_CLAUSE = re.compile(r"[^，,；;：:]+[，,；;：:]?")
_QUALIFIERS_BEFORE = ("超过", "近", "超", "约", "逾", "共计", "累计", "总计")


@dataclass(frozen=True)
class OutlineSettings:
    """Knobs of the outline stage."""

    bullet_max: int = 40
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
    lang: str | None = None
    """Language of the deck's own words; None follows the articles."""


def words(lang: str) -> dict[str, str]:
    """Return the deck's own words (目录, Contents, ...) in `lang`."""
    table: dict[str, dict[str, str]] = vocabulary("words")
    return table.get(lang, table["en"])


def outline_zones(
    articles: tuple[Article, ...], settings: OutlineSettings | None = None
) -> tuple[ZoneOutline, ...]:
    """Return one outline per zone, articles merged in input order (none about no zone)."""
    settings = settings or OutlineSettings()
    zones: dict[str, list[Article]] = {}
    for article in articles:
        if article.zone is not None:
            zones.setdefault(article.zone, []).append(article)
    return tuple(zone_outline(zone, group, settings) for zone, group in zones.items())


def zone_outline(zone: str, articles: list[Article], settings: OutlineSettings) -> ZoneOutline:
    """Return the outline of one zone's articles."""
    lang = settings.lang or _majority([a.language for a in articles])
    w = words(lang)
    sections: list[SectionOutline] = []
    photos: list[Photo] = []
    for article in articles:
        offset = len(sections)
        index_map: dict[int, int] = {}
        for s, section in enumerate(article.sections):
            index_map[s] = len(sections)
            sections.extend(_section_outlines(article, s, section, len(articles) > 1, w, settings))
        for caption in article.captions:
            after = index_map.get(caption.section, offset)
            photos.append(Photo(display(caption.text), display(caption.credit or ""), after))
    return ZoneOutline(
        zone=zone,
        language=lang,
        subtitle=display(articles[0].title) if len(articles) == 1 else w["briefing"],
        authors=tuple(dict.fromkeys(n for a in articles for n in a.authors)),
        date=_date(articles),
        key_figures=_key_figures(articles, settings),
        sections=tuple(sections),
        photos=tuple(photos),
        quotes=_quotes(articles, settings),
        closing=_closing(articles, settings),
        notes=_cover_notes(articles, w),
        key_notes=_key_notes(articles),
        closing_notes=_closing_notes(articles),
        sources=tuple(dict.fromkeys(a.source for a in articles)),
    )


def _majority(langs: list[str]) -> str:
    return max(set(langs), key=langs.count) if langs else "zh"


def _date(articles: list[Article]) -> str:
    """Return the first meta line that carries a year (an edition or update line), or empty."""
    return next((m for a in articles for m in a.meta if re.search(r"(?:19|20)\d\d", m)), "")


def cover_line(outline: ZoneOutline) -> str:
    """Return the cover's small line: authors, source files and date."""
    sep = "、" if outline.language == "zh" else ", "
    sources = sep.join(Path(s).name for s in outline.sources)
    parts = [sep.join(outline.authors), sources, outline.date]
    return "  |  ".join(p for p in parts if p)


# ------------------------------------------------------------------ sections


def split_heading(heading: str) -> tuple[str, str]:
    """Return (kicker, title) of a two-part heading (`A B` or `A：B`); kicker empty otherwise."""
    parts = re.split(r"(?<=\S)\s+(?=\S)|[：:]", heading.strip(), maxsplit=1)
    if len(parts) == 2 and all(len(p.strip()) >= 2 for p in parts) and is_cjk_text(heading):
        return parts[0].strip(), parts[1].strip()
    return "", heading.strip()


def is_cjk_text(text: str) -> bool:
    """Return True when `text` holds CJK characters."""
    return any(is_cjk(c) for c in text)


def _section_outlines(
    article: Article,
    index: int,
    section: Section,
    several: bool,
    w: dict[str, str],
    settings: OutlineSettings,
) -> list[SectionOutline]:
    """Return the outline of one section, then those of its run-in paragraphs rich in figures."""
    if section.heading:
        kicker, title = split_heading(section.heading)
    else:
        kicker, title = "", article.title if several else w["overview"]
    metrics = [m for m in article.metrics if m.section == index and m.same_as is None]

    def figures_of(p: int) -> list[Metric]:
        return [m for m in metrics if m.paragraph == p]

    own = [
        p
        for p, para in enumerate(section.paragraphs)
        if not (para.lead and len(figures_of(p)) >= settings.subtopic_figures)
    ]
    out = []
    if own or len(own) == len(section.paragraphs):
        out.append(_outline(title, kicker, own, section, metrics, article, settings))
    for p, para in enumerate(section.paragraphs):
        if p not in own:
            sub = _outline(para.lead or "", title, [p], section, metrics, article, settings)
            # the lead is the slide's title, so the bullets drop it as a head
            bullets = tuple(replace(b, head="") for b in sub.bullets if b.text)
            out.append(replace(sub, bullets=bullets, subtopic=True))
    return out


def _outline(
    title: str,
    kicker: str,
    paragraphs: list[int],
    section: Section,
    metrics: list[Metric],
    article: Article,
    settings: OutlineSettings,
) -> SectionOutline:
    """Return the outline of some paragraphs of a section: bullets, cards and charts.

    Every figure of those paragraphs ends up in a bullet or a card.
    """
    limit = _limit(article.language, settings)
    mine = [m for m in metrics if m.paragraph in paragraphs]
    bullets = [
        b
        for p in paragraphs
        for b in paragraph_bullets(
            section.paragraphs[p], [m for m in mine if m.paragraph == p], article.zone_names, limit
        )
    ]
    cards = sorted(mine, key=lambda m: -m.salience)[: settings.section_cards]
    shown = " ".join(b.head + b.text for b in bullets)
    cards += [m for m in mine if m not in cards and display(m.text) not in shown]
    groups = sorted({m.group for m in mine if m.group is not None})
    charts = tuple(
        _chart(article, g) for g in groups if len(article.groups[g].members) >= settings.chart_min
    )
    return SectionOutline(
        title=display(title),
        kicker=display(kicker),
        bullets=tuple(bullets),
        figures=tuple(figure_of(m) for m in cards) if len(mine) >= 2 else (),
        charts=charts,
        notes="\n\n".join(section.paragraphs[p].text for p in paragraphs) + _source_line(article),
    )


def _source_line(article: Article) -> str:
    return f"\n\n— {Path(article.source).name}"


def _limit(lang: str, settings: OutlineSettings) -> int:
    return settings.bullet_max if lang == "zh" else settings.bullet_max // 2


def figure_of(metric: Metric) -> Figure:
    """Return the number card of a metric, written as in the source."""
    qualifier = metric.qualifier or ""
    before = bool(qualifier) and metric.text.startswith(qualifier)
    value = metric.number
    unit = metric.unit or ""
    if unit and unit.isascii() and metric.label.endswith(unit):
        unit = ""  # an English counted noun is the label already (500 companies)
    currency = re.match(r"(US\$|RMB|[$£€¥])\s*", unit)
    if currency:  # $ billion -> value $1.2, unit billion: the currency sign stays with the number
        value, unit = currency.group(1) + value, unit[currency.end() :]
    return Figure(
        value=value,
        label=display(metric.label),
        unit=unit,
        qualifier=qualifier,
        qualifier_before=before,
    )


def _chart(article: Article, group_id: int) -> Chart:
    """Return the chart of one metric group."""
    group = article.groups[group_id]
    members = [article.metrics[i] for i in group.members]
    return Chart(
        title=display(group.caption),
        unit=group.unit or "",
        categories=tuple(display(m.label) or m.text for m in members),
        values=tuple(float(m.value) for m in members),
        notes=members[0].sentence + _source_line(article),
    )


# ------------------------------------------------------------------ bullets


def paragraph_bullets(
    paragraph: Paragraph, figures: list[Metric], zones: tuple[str, ...], limit: int
) -> list[Bullet]:
    """Return the bullets of a paragraph: its first sentence, and every sentence with a figure."""
    text = paragraph.text
    head = ""
    if paragraph.lead:
        head = display(paragraph.lead)
        text = text[len(paragraph.lead) + 1 :]
    out: list[Bullet] = []
    for n, sentence in enumerate(sentences(text)):
        inside = [m for m in figures if m.sentence and m.text in sentence]
        if n > 0 and not inside:
            continue
        for line in condense(sentence, [m.text for m in inside], zones, limit):
            out.append(Bullet(line, head if not out else ""))
    if head and not out:
        out.append(Bullet("", head))
    return out


def condense(sentence: str, keep: list[str], zones: tuple[str, ...], limit: int) -> list[str]:
    """Return one or more short lines made of whole clauses of `sentence`.

    The first line gathers the sentence's opening clauses (a bare time or linking clause
    such as 同时 or 2024年 is skipped); later lines hold the clauses with a figure. Clauses
    are cut at ，；：、 outside quotation marks and joined in source order, the zone's name is
    dropped as a subject, and every string of `keep` (the figures) ends up in some line.
    """
    english = not is_cjk_text(sentence)
    clauses = _clauses(sentence, zones, english)
    size = _size_en if english else len
    lines: list[str] = []
    current = ""
    for clause in clauses:
        has_figure = any(k in clause for k in keep)
        opening = not lines
        if not (opening or has_figure):
            if current:
                lines.append(current)
                current = ""
            continue
        if opening and not has_figure and not current and size(_tidy(clause)) < 5:
            continue
        fits = size(_tidy(clause)) <= limit
        piece = clause if fits else _shorten(clause, keep, limit, size)
        if not piece:
            continue
        if current and size(_tidy(_glue(current, piece, english))) > limit:
            lines.append(current)
            current = ""
            if not has_figure:
                continue
        current = _glue(current, piece, english)
        if not fits:
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    out = [_complete(_tidy(line), english) for line in lines]
    return [_sentence_case(display(line), english) for line in out if line]


def _complete(line: str, english: bool) -> str:
    """Return `line` as a complete point: a dangling last clause dropped; empty if none is left.

    A line that ends on a speech verb, a preposition, a particle or a bare time word (目前, 时)
    lost what follows; its last clause goes, and a line that is still not a point is dropped.
    """
    seps = ",;:" if english else "，,；;：:"
    while line and fragment_reason(line) is not None:
        cut = max(line.rfind(c) for c in seps)
        if cut <= 0:
            return ""
        line = _tidy(line[:cut])
    return line


def _sentence_case(line: str, english: bool) -> str:
    """Return an English line without a leading conjunction, starting with a capital."""
    if not english:
        return line
    line = re.sub(r"^(?:and|but|while|so)\s+", "", line)
    return line[:1].upper() + line[1:]


def _glue(current: str, piece: str, english: bool) -> str:
    """Return two runs of clauses joined as in the source (a space after an English comma)."""
    return f"{current} {piece}" if english and current else current + piece


def _size_en(text: str) -> int:
    return len(text.split())


def _clauses(sentence: str, zones: tuple[str, ...], english: bool) -> list[str]:
    """Return the clauses of a sentence, each with its separator, zone subject dropped."""
    seps = ",;:" if english else "，,；;：:"
    digits = re.compile(r"\d,\d")
    if sentence.startswith("“") and "”" in sentence:
        sentence = sentence[1:].replace("”", "", 1)  # a quoted sentence: split its own clauses
    parts, depth, start, straight = [], 0, 0, False
    for i, char in enumerate(sentence):
        if char in "“‘（(《「":
            depth += 1
        elif char in "”’）)》」":
            depth = max(0, depth - 1)
        elif char == '"':
            straight = not straight
        elif char in seps and not (depth or straight or digits.match(sentence, max(0, i - 1))):
            parts.append(sentence[start : i + 1])
            start = i + 1
    parts.append(sentence[start:])
    out = []
    for part in parts:
        stripped = _drop_subject(part.strip(), zones, english)
        if stripped and not _is_attribution(stripped, english):
            out.append(stripped)
    return out


def _is_attribution(clause: str, english: bool) -> bool:
    """Return True for a clause that only says who speaks (`某某负责人介绍，`, `据了解，`)."""
    bare = clause.rstrip("，,；;：: ")
    w = vocabulary("lint")
    if english:
        return bare.lower() in w["attribution_en"]
    if bare in w["attribution_zh"]:
        return True
    shell = len(bare) <= 24 and not re.search(r"\d", bare) and clause.rstrip()[-1:] in "，,：:"
    return shell and bare.endswith(tuple(w["speech_endings_zh"]))


def _drop_subject(clause: str, zones: tuple[str, ...], english: bool) -> str:
    """Return `clause` without a zone name as its subject (`The … Zone` in English).

    A parenthesis right after the name (`某某高新区（西湖）`) belongs to it and goes too.
    """
    bare = clause.lstrip('“"')
    names = sorted(zones, key=len, reverse=True)
    for subject in [f"The {z}" for z in names] + names if english else names:
        if subject and bare.startswith(subject) and len(bare) > len(subject) + 2:
            rest = re.sub(r"^\s*[（(][^（）()]{1,12}[）)]", "", bare[len(subject) :]).lstrip()
            if english and not _verb_first(rest):
                return clause  # the name qualifies a noun (`… Zone firms created`): keep it
            return rest if len(rest) > 2 else clause
    return clause


_AUXILIARIES = {"has", "have", "had", "is", "was", "are", "were", "will", "would", "can", "plans",
                "aims", "expects", "says", "said", "now", "also", "recorded", "saw"}  # fmt: skip


def _verb_first(text: str) -> bool:
    """Return True when English `text` starts with a verb form (what follows a dropped subject)."""
    word = text.split(" ", 1)[0].lower()
    return word in _AUXILIARIES or word.endswith("ed")


def _shorten(clause: str, keep: list[str], limit: int, size: Any) -> str:
    """Return the longest run of the clause's parts that fits and holds its first figure.

    Chinese parts end at 、; English parts start at a conjunction or a relative word.
    """
    if size is _size_en:
        parts = re.split(r"(?=\s(?:and|while|but|which|as|after|before|with|to|by|for)\s)", clause)
    else:
        parts = re.findall(r"[^、]+、?", clause)
    want = [i for i, p in enumerate(parts) if any(k in p for k in keep)] or [0]
    start = want[0]
    best = ""
    for end in range(start + 1, len(parts) + 1):
        candidate = "".join(parts[start:end])
        if size(candidate.strip().rstrip("、，,；;：: ")) > limit:
            break
        best = candidate.strip()
    return best


def _tidy(line: str) -> str:
    """Return a line without trailing separators and with its quotation marks balanced."""
    line = line.strip().rstrip("，,；;：:、。.!！?？ ")
    if line.count('"') % 2:
        line = line.strip('"')
    for open_, close in (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》")):
        if line.count(open_) < line.count(close) and line.startswith(close):
            line = line[1:]
        if line.count(open_) > line.count(close) and line.startswith(open_):
            line = line[1:]
        if line.count(open_) < line.count(close) and line.endswith(close):
            line = line[:-1]
    return line.strip()


# ------------------------------------------------------------------ key figures, quotes, closing


def _key_figures(articles: list[Article], settings: OutlineSettings) -> tuple[Figure, ...]:
    """Return the 3-6 most salient figures of the zone, no fact twice."""
    metrics = [
        m
        for a in articles
        for m in a.metrics
        if m.same_as is None and m.label and not is_outlook(m.sentence, a.language)
    ]
    ranked = sorted(metrics, key=lambda m: -m.salience)
    chosen: list[Metric] = []
    for metric in ranked:
        if any(
            metric.label == c.label or (metric.value, metric.unit) == (c.value, c.unit)
            for c in chosen
        ):
            continue
        if len(chosen) >= settings.key_min and metric.salience < 2.5:
            break
        chosen.append(metric)
        if len(chosen) == settings.key_max:
            break
    return tuple(figure_of(m) for m in chosen)


def _key_notes(articles: list[Article]) -> str:
    sentences_ = dict.fromkeys(m.sentence for a in articles for m in a.metrics if m.same_as is None)
    return "\n".join(sentences_)


def _quotes(articles: list[Article], settings: OutlineSettings) -> tuple[QuoteItem, ...]:
    """Return up to `quotes_max` quotes, each cut to its first sentences."""
    out = []
    for article in articles:
        for quote in article.quotes:
            text = ""
            for sentence in sentences(quote.text):
                if text and len(text) + len(sentence) > 90:
                    break
                text += sentence
            out.append(QuoteItem(display(text.strip()), display(quote.speaker or "")))
    return tuple(out[: settings.quotes_max])


def _outlook_sentences(article: Article) -> list[str]:
    """Return the forward-looking sentences of the article's last paragraph."""
    last = [p for s in article.sections for p in s.paragraphs][-1:]
    found = []
    for paragraph in last:
        for sentence in sentences(paragraph.text):
            quoted = re.findall(r"[“\"]([^”\"]+)", sentence) or [sentence]
            found.extend(q for q in quoted if is_outlook(q, article.language))
    return found


def _closing(articles: list[Article], settings: OutlineSettings) -> tuple[Bullet, ...]:
    """Return the closing bullets: the clauses of the articles' forward-looking endings."""
    out: list[Bullet] = []
    for article in articles:
        limit = _limit(article.language, settings)
        for sentence in _outlook_sentences(article):
            for clause in _clauses(sentence, article.zone_names, article.language == "en"):
                for line in condense(clause, [], article.zone_names, limit):
                    out.append(Bullet(line))
    return tuple(out)


def _closing_notes(articles: list[Article]) -> str:
    return "\n\n".join(
        "".join(_outlook_sentences(a)) + _source_line(a) for a in articles if _outlook_sentences(a)
    )


def _cover_notes(articles: list[Article], w: dict[str, str]) -> str:
    """Return the cover's notes: each article's title, byline and meta lines, and its source."""
    blocks = []
    for article in articles:
        lines = [article.title]
        if article.kicker:
            lines.append(article.kicker)
        if article.authors:
            lines.append(f"{w['by']}: {', '.join(article.authors)}")
        lines.extend(article.meta)
        lines.append(f"{w['source']}: {article.source}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)

"""The shape of an article's story: its main news, its parts in order, and its ending."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from briefdeck.bullets import bare_quote
from briefdeck.chars import display, has_cjk, sentences
from briefdeck.language import Language
from briefdeck.metrics import figure_texts, is_outlook, is_target
from briefdeck.model import Article, Paragraph
from briefdeck.segment import tokens
from briefdeck.structure import opens_like_heading, replies
from briefdeck.vocab import vocabulary

TOPIC_MIN = 4
"""An article without headings and with this many paragraphs after its lead is divided."""
TOPIC_LONG = 8
"""A section under a heading with more paragraphs than this is divided into topics too."""
TOPIC_HEAD = 2
"""... its first paragraphs stay under the heading."""
TOPIC_TITLE_MAX = 18
"""Longest sentence or clause taken as the title of a part, in characters."""
TOPIC_MAX = 4
"""Most topics one run of paragraphs is divided into."""
TOPIC_SPAN = 3
"""A topic holds this many paragraphs before the next one may open."""
LONG_HEADING = 20
"""A heading longer than this (in characters) is shown as kicker and title, cut at a comma."""
STATEMENT = 12
"""A quote this long (in characters) is words said, not a quoted term."""
HEAD_WEIGHT = 3.0
"""Score a sentence gains for each figure or quoted term of the headline it holds."""
NUT_WEIGHT = 1.0
"""Score a sentence gains for saying what the story told before it stands for (…的缩影)."""
LEAD_PARAGRAPHS = 4
"""The main news is looked for in this many first paragraphs."""
CODA_MAX = 90
"""Longest sentence (characters) of a last paragraph that sums an article up (`…，新城正加快
生长。`): each is a line of the closing slide."""
CODA_SENTENCES = 2
"""Most sentences of a last paragraph that sums an article up."""


class Role(Enum):
    """What a part of the article is on the deck."""

    SUMMARY = "summary"
    """The lead: the deck's summary slide, main news first."""
    SECTION = "section"
    """A section under its heading (or a topic found in an article without headings)."""
    SUBTOPIC = "subtopic"
    """A run-in paragraph rich in figures, given slides of its own."""


@dataclass(frozen=True)
class Part:
    """Some paragraphs of one section of an article that become one outline section."""

    role: Role
    """What the part is on the deck."""
    title: str
    """Its title: a heading, a run-in lead, a topic sentence, or empty for the deck's word."""
    kicker: str
    """First part of a two-part heading, or empty."""
    section: int
    """Index of the article's section."""
    paragraphs: tuple[int, ...]
    """Indexes of the section's paragraphs it holds."""


def split_heading(heading: str) -> tuple[str, str]:
    """Return (kicker, title) of a two-part heading (`A B` or `A：B`, or a long one cut at its
    first comma); kicker empty otherwise."""
    heading = heading.strip().rstrip("。")
    if "\n" in heading:  # two stacked lines: the first is the kicker
        first, second = heading.split("\n", 1)
        return first.strip().rstrip("。"), second.strip().rstrip("。")
    cuts = r"(?<=\S)\s+(?=\S)|[：:]" + ("|[，,]" if len(heading) > LONG_HEADING else "")
    parts = re.split(cuts, heading, maxsplit=1)
    if len(parts) == 2 and all(len(p.strip()) >= 2 for p in parts) and has_cjk(heading):
        return parts[0].strip(), parts[1].strip()
    return "", heading


def parts_of(article: Article, subtopic_figures: int) -> list[Part]:
    """Return the parts of an article in source order, the lead (summary) first.

    A section under a heading is one part, with its run-in paragraphs that hold at least
    `subtopic_figures` figures as parts of their own. An article without headings is divided
    at its run-in leads and into paragraph groups, each titled in the source's words.
    """
    out: list[Part] = []
    for s, section in enumerate(article.sections):
        indexes = tuple(range(len(section.paragraphs)))
        if section.heading is None and s == 0:
            # an article without headings, or a long opening before its first heading, is led
            # by the paragraphs that tell the news and divided into topics after them
            divide = len(article.sections) == 1 or len(indexes) > TOPIC_LONG
            lead = _lead_paragraphs(article, section.paragraphs) if divide else len(indexes)
            topics = _topics(article, s, indexes[lead:])
            if topics and not topics[0].title:  # no words to title it: the lead goes on
                lead += len(topics.pop(0).paragraphs)
            out.append(Part(Role.SUMMARY, "", "", s, indexes[:lead]))
            out.extend(topics)
            continue
        kicker, title = split_heading(section.heading or "")
        head, rest = indexes[:TOPIC_HEAD], indexes[TOPIC_HEAD:]
        topics = _topics(article, s, rest) if len(indexes) > TOPIC_LONG else []
        if not topics or not topics[0].title:
            head, topics = indexes, []  # a section too short to divide, or no words to do it
        out.extend(_with_subtopics(article, Part(Role.SECTION, title, kicker, s, head),
                                   subtopic_figures))  # fmt: skip
        out.extend(Part(t.role, t.title, title, s, t.paragraphs) for t in topics)
    return [p for p in out if p.paragraphs]


def _lead_paragraphs(article: Article, paragraphs: tuple[Paragraph, ...]) -> int:
    """Return how many first paragraphs form the lead of an article without headings: up to
    the one whose sentence best tells the news (a scene or a quote may come first)."""
    first = Part(Role.SUMMARY, "", "", 0, tuple(range(min(LEAD_PARAGRAPHS, len(paragraphs)))))
    news = _lead_news(article, first)
    return news[1] + 1 if news else 1


def _with_subtopics(article: Article, part: Part, threshold: int) -> list[Part]:
    """Return a section part, with its run-in paragraphs rich in figures split off after it."""
    metrics = [m for m in article.metrics if m.section == part.section and m.same_as is None]
    paragraphs = article.sections[part.section].paragraphs
    rich = [
        p
        for p in part.paragraphs
        if paragraphs[p].lead
        and sum(m.paragraph == p for m in metrics) >= threshold
        and not same_words(paragraphs[p].lead or "", part.title)  # the heading said again
    ]
    own = tuple(p for p in part.paragraphs if p not in rich)
    out = [Part(part.role, part.title, part.kicker, part.section, own)] if own else []
    for p in rich:
        lead = paragraphs[p].lead or ""
        out.append(Part(Role.SUBTOPIC, lead, part.title, part.section, (p,)))
    return out


def same_words(a: str, b: str) -> bool:
    """Return True when two lines say the same words (punctuation and spacing aside)."""
    return bool(a) and re.sub(r"\W", "", a) == re.sub(r"\W", "", b)


def _topics(article: Article, section: int, indexes: tuple[int, ...]) -> list[Part]:
    """Return the topics of the paragraphs after the lead of an article without headings.

    A paragraph with a run-in lead opens a topic under that lead; after TOPIC_SPAN paragraphs,
    the next one that can title a topic (a short first sentence or clause, or the phrase it
    opens with) opens another, up to TOPIC_MAX topics. A topic with no words to title it goes
    on the topic before.
    """
    if not indexes:
        return []
    paragraphs = article.sections[section].paragraphs
    if len(indexes) < TOPIC_MIN and not any(paragraphs[p].lead for p in indexes):
        title = _topic_title(paragraphs[indexes[0]], article.zone_names)
        return [Part(Role.SECTION, title, "", section, indexes)]
    groups: list[tuple[str, list[int]]] = []
    for p in indexes:
        title = _topic_title(paragraphs[p], article.zone_names)
        span = groups and len(groups[-1][1]) >= TOPIC_SPAN
        opens = bool(paragraphs[p].lead) or bool(span and title)
        if not groups or opens:
            groups.append((title, [p]))
        else:
            groups[-1][1].append(p)
    while len(groups) > TOPIC_MAX:  # few, full topics: the smallest joins the one before
        n = min(range(1, len(groups)), key=lambda k: len(groups[k][1]))
        groups[n - 1][1].extend(groups.pop(n)[1])
    out: list[Part] = []
    for title, group in groups:
        if not title and out:
            last = out.pop()
            out.append(Part(last.role, last.title, "", section, (*last.paragraphs, *group)))
        else:
            out.append(Part(Role.SECTION, title, "", section, tuple(group)))
    return out


def _topic_title(paragraph: Paragraph, zones: tuple[str, ...] = ()) -> str:
    """Return a title for a topic in the source's words: its run-in lead, its first sentence
    when short, or its first clause when that names a topic; empty when none fits (or when
    what fits opens with an adverb, a time or a link: 就在隔壁, 如今; or is only the zone's
    name, which every slide of the deck is about)."""
    if paragraph.lead:
        return paragraph.lead
    title = _first_phrase(paragraph)
    if display(title) in {display(z) for z in zones}:
        return ""
    return title if title and opens_like_heading(title) else ""


def _first_phrase(paragraph: Paragraph) -> str:
    """Return the paragraph's short first sentence, or the clause it opens with when that
    names a topic; empty otherwise (a noun phrase cut from a sentence is no title)."""
    first = (sentences(paragraph.text) or [""])[0].strip()
    if replies(first):
        return ""  # 某某深有同感: a reply to words said before, no topic
    if 6 <= len(first) <= TOPIC_TITLE_MAX and not first.startswith(("“", '"')):
        return display(first.rstrip("。！!；;"))
    clauses = [c for c in re.split(r"[，,；;：:]", first) if c and not c.startswith(("“", '"'))]
    if clauses and _names_a_topic(clauses[0]):
        return display(clauses[0])
    return ""


def _names_a_topic(clause: str) -> bool:
    """Return True for a clause that can title a topic: a short phrase, no time or link words."""
    quotes = clause.count("“") == clause.count("”")
    if not 5 <= len(clause) <= TOPIC_TITLE_MAX or re.search(r"\d", clause) or not quotes:
        return False
    words = vocabulary("lint")
    if clause.startswith(tuple(words["dangling_endings_zh"])):
        return False
    return tokens(clause)[0][1] not in ("p", "c", "r", "m")


# ------------------------------------------------------------------ news and ending


def main_news(article: Article, lead: Part) -> tuple[int, int, str] | None:
    """Return (section, paragraph, sentence) of the sentence that tells the news: the lead's
    (`_lead_news`), or a feature's sentence after its opening story saying what that story
    stands for, when it reads more as the news."""
    wanted, named = _wanted(article)
    best = _lead_news(article, lead)
    score = _scored(best[2], wanted, named, article) if best else None
    for s, p, sentence in _nut_grafs(article, lead):
        nut = _scored(sentence, wanted, named, article) + NUT_WEIGHT
        if score is None or nut > score:
            best, score = (s, p, sentence), nut
    return best


def _lead_news(article: Article, lead: Part) -> tuple[int, int, str] | None:
    """Return (section, paragraph, sentence) of the lead sentence that tells the news.

    The news is the sentence of the lead's first paragraphs that shares most words with the
    title and kicker and names the zone; a scene set before it (`在某某车间里，…`) is passed over.
    """
    wanted, named = _wanted(article)
    best: tuple[float, int, int, str] | None = None
    paragraphs = article.sections[lead.section].paragraphs
    for seen, p in enumerate(lead.paragraphs[:LEAD_PARAGRAPHS]):
        for n, sentence in enumerate(sentences(paragraphs[p].text)):
            if _said(sentence):
                continue  # “…”某某说: words said, told on a quote slide, not the news
            score = _scored(sentence, wanted, named, article) - 0.4 * n - 1.0 * seen
            if best is None or score > best[0]:
                best = (score, lead.section, p, sentence)
    return (best[1], best[2], best[3]) if best else None


def _wanted(article: Article) -> tuple[set[str], set[str]]:
    """Return the words of the title and kicker, and the quoted terms and figures of the strap
    line (else the title) that name the news (试水“揭榜挂帅”, 86家试点企业; a title's figure
    may frame the whole story: 百亿元产业)."""
    head = f"{article.title} {article.kicker or ''}"
    wanted = {w for w, tag, _ in tokens(head) if len(w) >= 2 and tag not in ("x", "m")}
    strap = article.kicker or article.title
    named = {*re.findall(r"“([^”]{2,12})”", strap), *figure_texts(strap, article.language)}
    return wanted, named


def _scored(sentence: str, wanted: set[str], named: set[str], article: Article) -> float:
    """Return how much a sentence reads as the news, the headline's terms it holds counted."""
    head = HEAD_WEIGHT * sum(1 for term in named if term in sentence)
    return _news_score(sentence, wanted, article) + head


def _nut_grafs(article: Article, lead: Part) -> list[tuple[int, int, str]]:
    """Return (section, paragraph, sentence) of the sentences after the lead that say what a
    story told before them stands for, naming the zone (某某的变化，是某园区…的缩影): a feature's
    news, told after its opening scene (the closing paragraph's sums the article up instead)."""
    markers = vocabulary("genre")[f"nut_markers_{article.language.value}"]
    last = (len(article.sections) - 1, len(article.sections[-1].paragraphs) - 1)
    return [
        (s, p, sentence)
        for s, section in enumerate(article.sections)
        for p, paragraph in enumerate(section.paragraphs)
        if not (s == lead.section and p in lead.paragraphs) and (s, p) != last  # no closing
        for sentence in sentences(paragraph.text)
        if any(m in sentence for m in markers)
        and any(z in sentence for z in article.zone_names)
        and not _said(sentence)
    ]


def _said(sentence: str) -> bool:
    """Return True for words said: a quote (`“……”`), a quote and its speaker (`“……”某某说。`),
    or the speaker alone (`某某说。`, the quote being the sentence before)."""
    closing = sentence.rfind("”")
    tail = sentence[closing + 1 :].rstrip("。！!.")
    speech = tuple(vocabulary("lint")["speech_endings_zh"])
    if sentence.startswith("“") and (not tail or (len(tail) <= 30 and tail.endswith(speech))):
        return True
    return closing < 0 and len(tail) <= 30 and tail.endswith(speech)


def _news_score(sentence: str, wanted: set[str], article: Article) -> float:
    """Return how much a sentence reads as the article's news."""
    score = sum(1.0 for w in wanted if w in sentence)
    if any(name in sentence for name in article.zone_names):
        score += 1.5
    if sentence.startswith(("“", '"')) or sentence.rstrip('”"').endswith(("？", "?")):
        score -= 2.5
    if len(sentence) < 12:
        score -= 1.5
    genre = vocabulary("genre")
    if any(verb in sentence for verb in genre["news_verbs_zh"]):
        score += 1.5  # something happened: a launch, an opening, a policy issued
    if any(first in sentence for first in genre["firsts_zh"]):
        score += 1.0  # a first (首个, 首次): news by itself
    if sentence.startswith(tuple(genre["background_zh"])):
        score -= 1.0  # 据了解，迄今…: what was there before the news
    if sentence.startswith(tuple(genre["scene_openers_zh"])):
        score -= 1.5  # 行走在某地，记者…: where the reporter went, not what happened
    if is_target(sentence, article.language) and not is_outlook(sentence, article.language):
        score -= 2.0  # 如果…, 预计…: a supposition or a forecast, not what happened
    return score


def coda(article: Article) -> str:
    """Return the article's closing words: a short last paragraph that sums it up (no figure,
    no quote, no plan; a sentence or two), as written; empty when the article ends otherwise."""
    paragraphs = [p.text for sec in article.sections for p in sec.paragraphs]
    last = paragraphs[-1].strip() if len(paragraphs) >= 3 else ""
    if not last or not _sums_up(last):
        return ""
    found = sentences(last)
    if len(found) > CODA_SENTENCES or any(len(x) > CODA_MAX for x in found):
        return ""
    if article.language.cjk and last[-1:] not in "。！!…":
        return ""
    return "" if is_outlook(last, article.language) else last


def _body_sections(article: Article) -> int:
    """Return how many sections the report has before a sidebar set after it (记者手记: a
    reporter's notes, whose words sum up rather than look ahead)."""
    sidebars = tuple(vocabulary("genre")[f"sidebars_{article.language.value}"])
    n = len(article.sections)
    while n > 1 and (article.sections[n - 1].heading or "").startswith(sidebars):
        n -= 1
    return n


def outlook_sentences(article: Article) -> list[tuple[str, str]]:
    """Return (sentence, plan) of the article's forward-looking ending.

    These are the plan and next-step sentences of the last paragraph before any sidebar
    (记者手记), led by the plans that end the paragraph before it (将打造…。力争在3年内…
    before a closing paragraph that sums up); when plans end the paragraph before, the last
    paragraph's closing words follow them (those after its first plan, or all of them when it
    tells no figure). The plan is the sentence, or the quoted words in it that state the plan.
    """
    body = article.sections[: _body_sections(article)]
    last = [(s, p) for s, sec in enumerate(body) for p in range(len(sec.paragraphs))]
    if not last:
        return []
    s, p = last[-1]
    paragraphs = article.sections[s].paragraphs
    found: list[tuple[str, str]] = []
    if p > 1:  # not the lead: its plan is the news
        for sentence in reversed(_said_whole(paragraphs[p - 1].text)):
            plans = _plans(sentence, article.language)
            if not plans:
                break
            found[:0] = [(sentence, q) for q in plans]
    closing = bool(found)  # the plans run on from the paragraph before: this one closes
    looking_ahead = closing and not re.search(r"\d", paragraphs[p].text)  # no results told
    for sentence in _said_whole(paragraphs[p].text):
        plans = _plans(sentence, article.language)
        if not plans and closing and looking_ahead and _sums_up(sentence):
            plans = [sentence]  # 未来可期。从A到B，… : the closing words after it end the deck too
        looking_ahead = looking_ahead or bool(plans)
        found.extend((sentence, q) for q in plans)
    return found


def _sums_up(sentence: str) -> bool:
    """Return True for closing words: no figure, no words said."""
    return not re.search(r"\d", sentence) and not _said(sentence)


def _plans(sentence: str, language: Language) -> list[str]:
    """Return the plans a sentence states: quoted words long enough to be a statement that
    look ahead, else the sentence itself when it does (a motto quoted inside a plan)."""
    if bare_quote(sentence):
        return []  # “未来，…值得期待。”: words said alone; who said them tells the plan after
    said = [q for q in _said_words(sentence) if len(q) >= STATEMENT]
    plans = [q for q in said if is_outlook(q, language)]
    if not plans and (is_outlook(sentence, language) or _hope_said(sentence, language)):
        plans = [sentence]
    return plans


def _said_whole(text: str) -> list[str]:
    """Return the sentences of `text`, the sentences of one quotation joined (…：“A。B。”)."""
    out: list[str] = []
    for sentence in sentences(text):
        if out and out[-1].count("“") > out[-1].count("”"):
            out[-1] += sentence
        else:
            out.append(sentence)
    return out


def _hope_said(sentence: str, language: Language) -> bool:
    """Return True for a sentence whose words said hope (…：“…希望…。”)."""
    hopes = vocabulary("genre").get(f"hopes_{language.value}", [])
    return any(h in q for q in _said_words(sentence) for h in hopes)


def _said_words(sentence: str) -> list[str]:
    """Return the words in quotation marks in `sentence`, each run up to its closing mark."""
    return re.findall(r"[“\"]([^”\"]+)", sentence)

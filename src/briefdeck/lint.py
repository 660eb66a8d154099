"""Content lint: fragment bullets, unbalanced marks, weak labels, bad charts, empty slides."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import cache, lru_cache
from typing import Any

from briefdeck.chars import has_cjk, is_cjk
from briefdeck.model import Deck, SlideSpec
from briefdeck.segment import is_word, tokens
from briefdeck.vocab import vocabulary

PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("(", ")"), ("《", "》"), ("「", "」"), ("【", "】"))
"""Opening and closing marks that must balance within one line."""
SHORT_LINE = 6
"""A Chinese line this short (in characters) with no verb is a subject left alone."""
_TRAILING = "，,；;：:、。.!！?？ "
_DATE_ONLY = re.compile(
    r"^(?:到|在|于|至|截至|自|从)?(?:(?:19|20)\d\d年)?(?:\d{1,2}月)?(?:\d{1,2}日)?"
    r"(?:以来|来|前|后|底|初|中|左右|前后|之前|以前|以后)?$"
    r"|^(?:(?:In|By|Since|As of)\s+)?(?:(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\s+)?(?:\d{1,2},?\s+)?(?:19|20)\d\d$",
    re.IGNORECASE,
)


class Defect(Enum):
    """A class of content problem on a slide."""

    FRAGMENT = "fragment"
    """A bullet that is not a complete point (ends on a speech verb, a preposition, a date only)."""
    UNBALANCED = "unbalanced"
    """A line whose quotation marks or brackets do not pair up."""
    WEAK_LABEL = "weak-label"
    """A card label that does not say what the figure counts."""
    CHART_CATEGORY = "chart-category"
    """A chart category that is not a distinct whole phrase."""
    EMPTY_SLIDE = "empty-slide"
    """A content slide with a title and nothing else."""
    SINGLE_BULLET = "single-bullet"
    """A content slide holding one bullet and nothing else."""
    LONE_CARD = "lone-card"
    """A content slide holding one number card and nothing else."""
    EXTRA_CONTENTS = "extra-contents"
    """A second contents slide."""
    QUOTE_AFTER_END = "quote-after-end"
    """A quote slide placed after the closing slide."""
    ZONE_NAME = "zone-name"
    """A zone name holding a particle or a preceding place phrase."""


@dataclass(frozen=True)
class Finding:
    """One content problem."""

    defect: Defect
    """Its class."""
    slide: int
    """1-based slide number, 0 for the deck as a whole."""
    text: str
    """The text that shows it."""


@cache
def _words() -> dict[str, Any]:
    return vocabulary("lint")


def _bare(text: str) -> str:
    return text.strip().rstrip(_TRAILING).strip()


def fragment_reason(text: str) -> str | None:
    """Return why a bullet is not a complete point, or None when it is one."""
    bare = _bare(text)
    if not bare or re.fullmatch(r"[.…。·\s—-]+", bare):
        return "no words"
    if text.rstrip().endswith(("…", "...")):
        return "a list left open (…)"
    if _DATE_ONLY.match(bare):
        return "a date only"
    if has_cjk(bare):
        return _fragment_zh(bare)
    return _fragment_en(bare)


YEAR = r"(?:19|20)\d\d年(?![\d月])"
"""A year the text names (2024年, not the 2024年8月 of a date): a card says its figure's year."""
_MEASURE = re.compile(
    r"(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百千万]+|每)"
    r"(?:英寸|寸|尺|[毫厘微纳千]?米|公?里|公?斤|吨|亩|[千毫]?克|升|平方|立方)"
)
"""A length, weight, area or volume (一英寸, 25.4毫米, 每平方米): the basis of a figure, never a
scene."""


def is_setting(text: str) -> bool:
    """Return True for a Chinese clause that only sets the scene for a main clause: a phrase of
    purpose, means or circumstance (围绕…, 通过…, 为有效激活…, 当…时, 在…下, 在2025年3月)."""
    bare = _bare(text)
    w = _words()
    if not has_cjk(bare) or re.search(r"[，,；;：:]", bare):
        return False
    if _MEASURE.search(bare):
        return False  # 在一英寸的长度上: a measure the point is given per, not a scene
    if bare.startswith("在"):
        rest = bare[1:]
        time = all(tag[:1] in ("t", "m", "q") for _, tag, _ in tokens(rest))
        return bare.endswith(tuple(w["setting_endings_zh"])) or time  # 在去年9月
    if bare.startswith(tuple(o for o in w["adverbial_openers_zh"] if o != "在")):
        return True
    words = tokens(bare)
    if len(words) > 1 and words[0][0] == "为" and words[1][1][:1] in ("v", "d", "a"):
        return True  # 为有效激活…, 为加快…: a purpose (not 为企业提供…, a service)
    return words[0][0] == "当"  # 当…时: a time (not 当好, one word)


def _fragment_zh(bare: str) -> str | None:
    w = _words()
    cjk = sum(map(is_cjk, bare))
    if cjk < 4:
        return "too short"
    single = not re.search(r"[，,；;：:\d]", bare)
    phrase = "的" in bare or bare.endswith(tuple(w["setting_endings_zh"]))
    if single and phrase and bare.startswith(tuple(w["adverbial_openers_zh"])):
        return "an adverbial phrase only"
    clause = not re.search(r"[，,；;：:]", bare)  # one clause, figures or not
    setting = bare.startswith("在") and bare.endswith(tuple(w["setting_endings_zh"]))
    if clause and setting:
        return "a setting only (在…中)"
    short = cjk <= SHORT_LINE
    if short and not re.search(r"\d", bare) and not any(t[:1] == "v" for _, t, _ in tokens(bare)):
        return "no verb"
    if bare.startswith(("（", "(")):
        return "opens with a parenthesis"
    if tokens(bare)[0][0] in ("的", "之", "地", "得"):  # not 地处, 得到
        return "opens with a particle"
    words = tokens(bare)
    if single and words[0][1] == "p" and not any(t[:1] == "v" for _, t, _ in words[1:]):
        return "a prepositional phrase only"
    head = bare[bare.rfind("的") + 1 :] if "的" in bare else ""
    if clause and words[0][1] == "p" and head and not any(t[:1] == "v" for _, t, _ in tokens(head)):
        return "a prepositional phrase only"  # 对…增值超过30%的产品: what is done to it was cut
    ending = last_word(bare, (*w["speech_endings_zh"], *w["dangling_endings_zh"]))
    if ending == "的" and "是" in re.split(r"[，,；;：:]", bare)[-1]:
        ending = None  # 是从某大学走出来的: 是…的 stresses a point, nothing was cut
    if ending and not _ends_on_unit(bare):
        return f"ends on {ending}"
    last = re.split(r"[，,；;：:]", bare)[-1].strip()
    if last != bare and _DATE_ONLY.match(last):
        return "ends on a date (what it dates was cut)"
    ends = tokens(last)[-1][0] in w["time_clause_endings_zh"] and not _ends_on_unit(last)
    if last != bare and (is_setting(last) or ends):
        return "ends on a setting (what happened then was cut)"  # …组装完成后
    return None


def _ends_on_unit(text: str) -> bool:
    """Return True when `text` ends on a figure's unit (2小时, 12.5万千瓦时), not a time word."""
    units = tuple(u for u in vocabulary("figures")["units_zh"] if len(u) > 1)
    return bool(re.search(r"\d[万亿千百]?(?:" + "|".join(map(re.escape, units)) + r")$", text))


def last_word(text: str, words: tuple[str, ...]) -> str | None:
    """Return the word of `words` that ends `text` as a whole word (not 地 of 用地 or 新高地),
    or None."""
    if not text.endswith(words):
        return None
    for word in _longest_first(words):
        if not text.endswith(word):
            continue
        whole = len(word) > 1 or (tokens(text)[-1][0] == word and not is_word(text[-2:]))
        if whole and not text.endswith("等" + word):
            return word  # not 地 of 南亚等地 (and other places)
    return None


@lru_cache(maxsize=64)
def _longest_first(words: tuple[str, ...]) -> list[str]:
    """Return `words` longest first (of one length, in their order)."""
    return sorted(words, key=len, reverse=True)


def _cut_start(label: str, bound: str) -> bool:
    """Return True when a label starts with a character cut off the word before it (类审批)."""
    first = tokens(label)[0][0]
    return label[0] in bound and len(first) == 1 and not is_word(label[:2])


def _fragment_en(bare: str) -> str | None:
    words = bare.split()
    if len(words) < 3:
        return "too short"
    lowered = bare.lower()
    for word in _words()["dangling_endings_en"]:
        if lowered == word or lowered.endswith(" " + word):
            return f"ends on {word!r}"
    return None


def is_unbalanced(text: str) -> bool:
    """Return True when quotation marks or brackets in `text` do not pair up in order."""
    for open_, close in PAIRS:
        if open_ not in text and close not in text:
            continue
        depth = 0
        for char in text:
            if char == open_:
                depth += 1
            elif char == close:
                depth -= 1
                if depth < 0:
                    return True
        if depth:
            return True
    return text.count('"') % 2 == 1


PER_BASIS = re.compile(
    r"每(?:[天日年月周人户亩斤吨台辆套]|小时|平方米|千克|公斤|千瓦时)|(?:年|日|月)(?:均|产(?![值量]))"
    r"|(?<!\d)\d{1,2}年(?=共计|累计|内|$)"
)
"""Words that make a figure a rate per period or per unit (每天, 年均, 年产, 每斤, 每平方米), or a
sum over some years (3年共计): a label may open with one."""
NOMINAL = ("n", "l", "j", "eng", "g", "t")
"""Part-of-speech tags (first letters) of words that can name what a figure counts; `vn`
(a verbal noun) counts as `v` here only when nothing else names a thing."""


def weak_label_reason(label: str) -> str | None:
    """Return why a card label does not say what its figure counts, or None."""
    w = _words()
    bare = label.strip()
    if not re.search(r"\w", bare):
        return "no label"
    if is_unbalanced(bare):
        return "a quotation mark or bracket without its pair"
    if has_cjk(bare):
        if len(bare) < 2 or bare in w["generic_labels_zh"]:
            return "one generic word" if bare else "no label"
        if _cut_start(bare, w["bound_starts_zh"]):
            return f"starts inside a word ({bare[0]})"
        period = vocabulary("figures")["period_zh"]
        if re.search(r"\d", re.sub(rf"^(?:{period}|{YEAR})", "", bare)):
            return "holds a number"  # not 前8个月, the period that sets a card apart
        endings = (*w["open_endings_zh"], *w["dangling_endings_zh"], *w["speech_endings_zh"])
        if last_word(bare, tuple(endings)):
            return "ends on a dangling word"
        if tokens(bare)[-1][1] == "c":
            return "ends on a conjunction"  # 引导基金和
        words = tokens(re.sub(rf"^(?:{PER_BASIS.pattern})", "", bare) or bare)
        if words[0][0] in w["bad_starts_zh"] or words[0][1] in ("p", "c", "d"):
            return f"starts with a function word ({words[0][0]})"
        if not any(tag[:1] in NOMINAL for _, tag, _ in words):
            return "names nothing counted (no noun)"
        inner = next((word for word, _, _ in words if word in w["clause_words_zh"]), None)
        if inner:
            return f"a clause, not a noun phrase ({inner})"  # 车型也增多, 此举将使企业
        return None
    english = bare.lower().split()
    if not english or bare.lower() in w["generic_labels_en"]:
        return "one generic word" if english else "no label"
    if english[-1] in w["dangling_endings_en"] or english[0] in w["bad_starts_en"]:
        return "a verb or a dangling word"
    return None


def bad_categories(categories: tuple[str, ...]) -> list[str]:
    """Return the chart categories that are not distinct whole phrases."""
    w = _words()
    bad = []
    for n, category in enumerate(categories):
        bare = re.sub(r"[（(][^（）()]*\d[^（）()]*[）)]$", "", category.strip())  # its figure
        short = len(bare) < 2 if has_cjk(bare) else len(bare) < 3
        if (
            short
            or bare.endswith(tuple(w["open_endings_zh"]))
            or bare in categories[:n]
            or weak_label_reason(bare) is not None
        ):
            bad.append(category)
    return bad


def zone_name_reason(zone: str) -> str | None:
    """Return why a zone name is badly cut (a particle or a place phrase inside), or None."""
    if not has_cjk(zone):
        return None
    particle = re.search(r"[的之了在和与及]", zone)
    return f"holds {particle.group(0)}" if particle else None


# ------------------------------------------------------------------ decks


def _ends(deck: Deck, slide: SlideSpec) -> bool:
    """Return True for the deck's ending: a closing slide, or the outlook or recap set beside
    the key figures (titled or kicked by 展望 or 回顾)."""
    words = vocabulary("words")[deck.language.value]
    ends = (words["outlook"], words["recap"])
    return slide.kind == "closing" or slide.title.startswith(ends) or slide.kicker in ends


def lint_deck(deck: Deck) -> list[Finding]:
    """Return the content problems of a planned deck, slide by slide."""
    findings: list[Finding] = []
    reason = zone_name_reason(deck.zone)
    if reason:
        findings.append(Finding(Defect.ZONE_NAME, 0, deck.zone))
    closing_at = next((n for n, s in enumerate(deck.slides) if _ends(deck, s)), None)
    contents = 0
    for n, slide in enumerate(deck.slides, start=1):
        contents += slide.kind == "contents"
        if slide.kind == "contents" and contents > 1:
            findings.append(Finding(Defect.EXTRA_CONTENTS, n, slide.title))
        if slide.kind == "quote" and closing_at is not None and n - 1 > closing_at:
            findings.append(Finding(Defect.QUOTE_AFTER_END, n, slide.title))
        findings.extend(_slide_findings(slide, n))
    return findings


def _slide_findings(slide: SlideSpec, n: int) -> list[Finding]:
    """Return the problems of one planned slide."""
    out: list[Finding] = []
    lines = [p for p in slide.body.paragraphs if p.text or p.head] if slide.body else []
    if slide.kind in ("section", "section_cards", "closing"):
        if not lines and not slide.cards and slide.chart is None:
            out.append(Finding(Defect.EMPTY_SLIDE, n, slide.title))
        elif len(lines) == 1 and not slide.cards and slide.chart is None:
            out.append(Finding(Defect.SINGLE_BULLET, n, lines[0].text))
        elif not lines and len(slide.cards) == 1 and slide.chart is None:
            out.append(Finding(Defect.LONE_CARD, n, slide.cards[0].text))
        for line in lines:
            if line.text and fragment_reason(line.text):
                out.append(Finding(Defect.FRAGMENT, n, line.text))
    if slide.kind == "key_figures" and len(slide.cards) == 1:
        out.append(Finding(Defect.LONE_CARD, n, slide.cards[0].text))
    texts = [slide.title, slide.kicker, *(p.head + p.text for p in lines)]
    if slide.kind != "quote":
        out.extend(Finding(Defect.UNBALANCED, n, t) for t in texts if t and is_unbalanced(t))
    out.extend(
        Finding(Defect.WEAK_LABEL, n, f.label) for f in slide.cards if weak_label_reason(f.label)
    )
    if slide.chart is not None:
        bad = bad_categories(slide.chart.categories)
        out.extend(Finding(Defect.CHART_CATEGORY, n, c) for c in bad)
    return out

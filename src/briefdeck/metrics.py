"""Find figures in an article's body: value, unit, qualifier, label, trace, groups, salience."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from briefdeck.chars import is_cjk, sentences
from briefdeck.model import Article, Metric, MetricGroup
from briefdeck.segment import tokens
from briefdeck.vocab import alternation, vocabulary

LABEL_MAX = 14
"""Longest label, in characters (Chinese) or words x 3 (English)."""
SLOGAN_MAX = 12
"""A quoted term this short holding a numeral is a slogan, not a figure."""
CLAUSE_BREAK = "，,。；;：:！？!?、（）()\n"
_CN_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}


@dataclass(frozen=True)
class _Rules:
    zh: re.Pattern[str]
    cn_numeral: re.Pattern[str]
    en: re.Pattern[str]
    v: dict[str, Any]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    v = vocabulary("figures")
    zh = re.compile(
        rf"(?P<qb>{alternation(v['qualifiers_before_zh'])})?"
        r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?P<qa>多|余)?(?P<mag>{alternation(v['magnitudes_zh'])})?(?P<qa2>多|余)?"
        rf"(?P<unit>{alternation(v['units_zh'])})?(?P<qc>以上|左右)?"
    )
    cn = re.compile(
        rf"(?P<qb>{alternation(v['qualifiers_before_zh'])})?"
        r"(?P<num>[一二两三四五六七八九十百千万]+)(?P<qa>余|多)?"
        rf"(?P<unit>{alternation(v['numeral_classifiers_zh'])})"
    )
    words = alternation(list(v["number_words_en"]))
    en = re.compile(
        rf"(?P<qb>\b(?:{alternation(v['qualifiers_before_en'])})\s+)?(?P<cur>{alternation(v['currency_en'])})?"
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{words})\b)(?P<plus>\+(?!\w))?"
        rf"(?:\s*(?P<mag>(?:{alternation(v['magnitudes_en'])})\b))?"
        rf"(?:\s*(?P<unit>(?:{alternation(v['units_en'])})(?![\w]))"
        rf"|\s+(?P<adj>(?:[A-Za-z][\w-]*\s+){{0,2}}?)(?P<noun>(?:{alternation(v['count_nouns_en'])})\b))?",
        re.IGNORECASE,
    )
    return _Rules(zh, cn, en, v)


def find_metrics(article: Article) -> Article:
    """Return `article` with its metrics and metric groups filled in."""
    found: list[Metric] = []
    for s, section in enumerate(article.sections):
        for p, paragraph in enumerate(section.paragraphs):
            finder = _zh_figures if article.language == "zh" else _en_figures
            previous: Metric | None = None
            for match in finder(paragraph.text):
                previous = _metric(match, paragraph.text, s, p, article, previous)
                found.append(previous)
    found = _mark_repeats(found)
    found, groups = _group(found)
    return dataclasses.replace(article, metrics=tuple(found), groups=tuple(groups))


# ------------------------------------------------------------------ finding


def figure_texts(text: str, language: str) -> list[str]:
    """Return the figures written in `text` (for emphasis on slides), in order."""
    finder = _zh_figures if language == "zh" else _en_figures
    return [text[m.start : m.end] for m in finder(text)]


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    number: str
    value: float
    unit: str | None
    qualifier: str | None
    classifier: bool
    label: str = ""
    """A label the pattern itself found (English counted nouns)."""


def _zh_figures(text: str) -> list[_Match]:
    """Return the Chinese-text figures of `text` (Arabic and Chinese numerals)."""
    r = _rules()
    out: list[_Match] = []
    for m in r.zh.finditer(text):
        unit = (m.group("mag") or "") + (m.group("unit") or "")
        if not m.group("unit") or _not_a_figure_zh(text, m.start("num"), m.end()):
            continue
        if m.group("qc") and is_cjk(text[m.end() : m.end() + 1] or " "):
            continue  # 10亿元以上项目: a threshold that qualifies a noun, not a figure
        if m.group("mag") and m.group("unit") in ("%", "％"):
            continue
        qualifier = m.group("qb") or m.group("qa") or m.group("qa2") or m.group("qc")
        value = float(m.group("num").replace(",", ""))
        classifier = m.group("unit") in r.v["classifiers_zh"]
        out.append(_Match(m.start(), m.end(), m.group("num"), value, unit, qualifier, classifier))
    taken = [(x.start, x.end) for x in out]
    for m in r.cn_numeral.finditer(text):
        if any(a <= m.start("num") < b for a, b in taken) or not _counts_cn(text, m):
            continue
        value = _cn_value(m.group("num"))
        if value is None or value < 2:
            continue
        qualifier = m.group("qb") or m.group("qa")
        out.append(
            _Match(m.start(), m.end(), m.group("num"), value, m.group("unit"), qualifier, True)
        )
    return sorted(out, key=lambda x: x.start)


def _not_a_figure_zh(text: str, start: int, end: int) -> bool:
    """Return True for dates, ordinals, names with digits, formulas, phones and slogans."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    number = re.match(r"[\d.,]+", text[start:end])
    digits = number.group(0) if number else ""
    name_before = before.isascii() and before.isalpha()
    if before and (before == "第" or name_before or before in "+-—–/·."):
        return True
    if after and ((after.isascii() and after.isalnum()) or after in "+-/月"):
        return True
    if len(digits.replace(",", "").replace(".", "")) >= 7 and "," not in digits:
        return True
    return _in_slogan(text, start)


def _in_slogan(text: str, pos: int) -> bool:
    """Return True when `pos` lies inside a short quoted term (“三链融合”, “1+3+N”)."""
    open_ = max(text.rfind("“", 0, pos), text.rfind("‘", 0, pos))
    if open_ < 0:
        return False
    close = min((i for i in (text.find("”", open_), text.find("’", open_)) if i >= 0), default=-1)
    return close > pos and close - open_ - 1 <= SLOGAN_MAX


def _counts_cn(text: str, m: re.Match[str]) -> bool:
    """Return True when a Chinese numeral counts something (not an idiom, ordinal or slogan)."""
    r = _rules()
    start, end = m.start("num"), m.end()
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if (
        before in "第每各这那哪几零一二两三四五六七八九十百千万"
        or after in "一二两三四五六七八九十百千万"
    ):
        return False
    if m.group("unit") == "位" and after == "数":
        return False
    if m.group("unit") == "大" and not is_cjk(after):
        return False
    window = text[max(0, start - 3) : end + 3]
    if any(idiom in window for idiom in r.v["idioms_zh"]):
        return False
    return not _in_slogan(text, start)


def _cn_value(numeral: str) -> float | None:
    """Return the value of a Chinese numeral (`两` 2, `十` 10, `三百` 300), or None."""
    total, current = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char in _CN_POWERS:
            power = _CN_POWERS[char]
            if power == 10000:
                total = (total + (current or 1)) * power
            else:
                total += (current or 1) * power
            current = 0
        else:
            return None
    return float(total + current)


def _en_figures(text: str) -> list[_Match]:
    """Return the English-text figures of `text`: amounts, rates and counted nouns."""
    r = _rules()
    out: list[_Match] = []
    for m in r.en.finditer(text):
        num = m.group("num")
        word = num.lower() in r.v["number_words_en"]
        noun = m.group("noun")
        end, adjective = m.end(), m.group("adj") or ""
        if not (m.group("unit") or noun or m.group("cur") or m.group("plus") or m.group("mag")):
            plural = _plural_after(text, m.end("num"), num)
            if plural is None:
                continue
            end, adjective, noun = plural
        if _not_a_figure_en(text, m) or (word and not (noun or m.group("unit"))):
            continue
        value = float(r.v["number_words_en"][num.lower()]) if word else float(num.replace(",", ""))
        qualifier = (m.group("qb") or "").strip() or ("+" if m.group("plus") else None)
        unit = " ".join(x for x in (m.group("mag"), m.group("unit") or noun) if x) or None
        if m.group("cur"):
            unit = m.group("cur") + (f" {unit}" if unit else "")
        label = f"{adjective}{noun}".strip() if noun else ""
        out.append(_Match(m.start(), end, num, value, unit, qualifier, bool(noun), label))
    return out


_PLURAL = re.compile(r"\s+((?:[a-z][\w-]*\s+){0,2}?)([a-z][\w-]{2,}s)\b")
_NOT_PLURAL = {
    "was", "has", "does", "is", "its", "this", "thus", "plus", "less", "across",
    "perhaps", "always", "unless", "versus", "whereas", "series", "news", "business",
}  # fmt: skip


def _plural_after(text: str, at: int, number: str) -> tuple[int, str, str] | None:
    """Return (end, adjectives, noun) of a plural noun counted by `number` (14 battery makers)."""
    if re.fullmatch(r"(?:19|20)\d\d", number):
        return None  # a year, not a count
    found = _PLURAL.match(text, at)
    if found is None or found.group(2) in _NOT_PLURAL:
        return None
    if any(
        w in _NOT_PLURAL or w in ("and", "or", "to", "of", "in") for w in found.group(1).split()
    ):
        return None
    return found.end(), found.group(1), found.group(2)


def _not_a_figure_en(text: str, m: re.Match[str]) -> bool:
    """Return True for English dates, years, ordinals and names with digits."""
    start, end = m.start("num"), m.end("num")
    before = text[max(0, start - 12) : start]
    after = text[end : end + 3]
    if re.search(r"(?:No\.|Page|page|p\.)\s*$", before) or re.match(r"(?:st|nd|rd|th)\b", after):
        return True
    if re.search(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$", before):
        return True
    return bool(start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-/"))


# ------------------------------------------------------------------ labels


def _metric(
    match: _Match,
    text: str,
    section: int,
    paragraph: int,
    article: Article,
    previous: Metric | None,
) -> Metric:
    """Return the metric for `match` with its label, sentence and salience."""
    label = _label(match, text, article, previous)
    sentence = next(
        (s for s in _sentence_spans(text) if s[0] <= match.start < s[1]), (0, len(text))
    )
    metric = Metric(
        text=text[match.start : match.end],
        number=match.number,
        value=int(match.value) if match.value.is_integer() else match.value,
        unit=match.unit,
        qualifier=match.qualifier,
        label=label,
        sentence=text[sentence[0] : sentence[1]].strip(),
        section=section,
        paragraph=paragraph,
        start=match.start,
    )
    return dataclasses.replace(metric, salience=_salience(metric, article))


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for sentence in sentences(text):
        start = text.find(sentence, pos)
        if start < 0:
            continue
        spans.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return spans


def _label(match: _Match, text: str, article: Article, previous: Metric | None) -> str:
    """Return what the figure counts: a noun phrase next to it, verbs and the zone removed."""
    if article.language == "en":
        return _label_en(match, text, article)
    left_bound = max((text.rfind(c, 0, match.start) for c in CLAUSE_BREAK), default=-1) + 1
    if previous is not None and previous.start + len(previous.text) > left_bound:
        left_bound = previous.start + len(previous.text)
        if re.fullmatch(r"[\u4e00-\u9fff]{0,3}[至到]", text[left_bound : match.start]):
            return previous.label  # 由45个工作日压缩至20个工作日: the same thing, changed
    right_end = min(
        (i for i in (text.find(c, match.end) for c in CLAUSE_BREAK) if i >= 0), default=len(text)
    )
    left = _clean_left(text[left_bound : match.start], article)
    right = _clean_right(text[match.end : right_end])
    if match.classifier and right:
        return right
    if len(left) >= 2:
        return left
    if right:
        return right
    whole = text[left_bound : match.start]
    for name in article.zone_names:
        whole = whole.replace(name, "")
    return _trim(whole[-LABEL_MAX:], _rules().v["label_trim_zh"])


def _clean_left(left: str, article: Article) -> str:
    """Return the label part of the text before a figure: after the last verb, zone removed.

    Empty when a verb stands right before the figure (设立15分钟…): the label then follows it.
    """
    v = _rules().v
    for name in article.zone_names:
        left = left.replace(name, "")
    left = re.sub(r"^.*\d+[年月日号]?", "", left)  # dates and other figures before the label
    link = re.compile(rf"(?:{alternation(v['label_link_zh'])})+$")
    left = link.sub("", left) if len(link.sub("", left)) >= 2 else left
    cuts = sorted(
        {left.rfind(w) + len(w) for w in v["label_cut_before_zh"] if w in left}, reverse=True
    )
    if cuts and cuts[0] == len(left):
        return ""  # a verb right before the figure: what it counts follows the figure
    left = left[next((c for c in cuts if len(left) - c >= 2), 0) :]
    for kind in vocabulary("zones")["kinds_zh"]:
        if (article.zone or "").endswith(kind) and left.startswith(kind):
            left = left[len(kind) :]
    return _trim(left[-LABEL_MAX:], v["label_trim_zh"])


def _clean_right(right: str) -> str:
    """Return the label part of the text after a figure: up to the first verb or particle."""
    v = _rules().v
    right = right.lstrip("的")
    stops = [right.find(w) for w in v["label_cut_after_zh"] if right.find(w) >= 0]
    digit = re.search(r"\d", right)
    if digit:
        stops.append(digit.start())
    end = min(stops, default=len(right))
    return _trim(right[: min(end, LABEL_MAX)], v["label_trim_zh"])


def _trim(label: str, words: list[str]) -> str:
    """Return `label` without leading time words and determiners, keeping at least 3 characters."""
    label = label.strip(" “”\"'《》（）()")
    if label.startswith("在") and re.search(r"[中上里内]", label[3:]):
        label = label[1:]  # 在…中: the preposition of a place or setting
    changed = True
    while changed:
        changed = False
        for word in words:
            if label.startswith(word) and len(label) - len(word) >= 3:
                label, changed = label[len(word) :], True
    return label.strip(" “”\"'")


def _label_en(match: _Match, text: str, article: Article) -> str:
    """Return an English label: the counted noun, what an amount is `of`, or the phrase before."""
    v = _rules().v
    if match.label:
        return match.label
    after = re.match(r"\s*(?:of|in|for)\s+((?:[A-Za-z][\w-]*\s*){1,4})", text[match.end :])
    if after and match.unit and not re.search(r"percent|%|times", match.unit):
        phrase = _noun_phrase(after.group(1), v)
        if phrase:
            return phrase
    start = max(text.rfind(c, 0, match.start) for c in ',;:.("“') + 1
    left = text[start : match.start]
    for name in article.zone_names:
        left = left.replace(name, "")
    words = left.split()
    cut = set(v["label_cut_before_en"])
    while words and words[-1].lower() in cut:
        words.pop()
    while words and words[0].lower() in cut:
        words.pop(0)
    return " ".join(words[-6:])


def _noun_phrase(words: str, v: dict[str, Any]) -> str:
    """Return the leading noun phrase of `words`: up to a verb, preposition or conjunction."""
    stop = set(v["label_cut_before_en"]) | {
        "left",
        "remaining",
        "available",
        "and",
        "or",
        "but",
        "since",
        "last",
        "this",
        "next",
        "in",
    }
    out = []
    for word in words.split():
        if word.lower() in stop:
            break
        out.append(word)
    return " ".join(out) if out and out[-1].lower() not in ("total",) else ""


# ------------------------------------------------------------------ repeats, groups, salience


def _mark_repeats(metrics: list[Metric]) -> list[Metric]:
    """Return `metrics` with a second mention of the same fact pointing at the first."""
    out: list[Metric] = []
    for metric in metrics:
        first = next(
            (i for i, m in enumerate(out) if m.same_as is None and _same_fact(m, metric)), None
        )
        out.append(dataclasses.replace(metric, same_as=first) if first is not None else metric)
    return out


def _same_fact(a: Metric, b: Metric) -> bool:
    """Return True when two figures state one fact: same number and unit, labels alike."""
    if (a.value, a.unit) != (b.value, b.unit) or not a.label or not b.label:
        return False
    if a.label in b.label or b.label in a.label:
        return True
    common = 0
    while common < min(len(a.label), len(b.label)) and a.label[common] == b.label[common]:
        common += 1
    return common >= 4


def _group(metrics: list[Metric]) -> tuple[list[Metric], list[MetricGroup]]:
    """Return metrics with group ids, and the groups: same sentence, same unit, two or more."""
    buckets: dict[tuple[Any, ...], list[int]] = {}
    for i, metric in enumerate(metrics):
        if metric.same_as is None and metric.unit:
            buckets.setdefault(
                (metric.section, metric.paragraph, metric.sentence, metric.unit), []
            ).append(i)
    groups: list[MetricGroup] = []
    out = list(metrics)
    for (_, _, sentence, unit), members in buckets.items():
        if len(members) < 2:
            continue
        gid = len(groups)
        for i in members:
            out[i] = dataclasses.replace(out[i], group=gid)
        caption = group_caption([metrics[i].label for i in members], sentence)
        groups.append(MetricGroup(gid, caption, tuple(members), unit))
    return out, groups


def group_caption(labels: list[str], sentence: str) -> str:
    """Return a caption for figures that belong together, from their shared context."""
    suffix, prefix = labels[0], labels[0]
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
        while prefix and not label.startswith(prefix):
            prefix = prefix[:-1]
    suffix = suffix.lstrip("级的类性之 ")
    if len(suffix) >= 2:
        return suffix
    joined = "、".join(labels)
    if len(joined) <= 2 * LABEL_MAX:
        return joined
    if len(prefix) >= 2:
        return prefix
    return re.split(r"[，,。；;：:]", sentence)[0][:LABEL_MAX]


def is_outlook(sentence: str, lang: str) -> bool:
    """Return True for a forward-looking sentence (a plan or next step, not a result)."""
    genre = vocabulary("genre")
    if any(m in sentence for m in genre["outlook_zh" if lang == "zh" else "outlook_en"]):
        return True
    if lang != "zh":
        return False
    words = tokens(sentence)
    return any(
        word in genre["future_zh"] and n + 1 < len(words) and words[n + 1][1][:1] in "vdp"
        for n, (word, _, _) in enumerate(words)
    )


def is_target(sentence: str, lang: str) -> bool:
    """Return True for a sentence of a plan, a target or a forecast (no headline result)."""
    targets = vocabulary("genre")["target_zh" if lang == "zh" else "target_en"]
    return is_outlook(sentence, lang) or any(t in sentence for t in targets)


def _salience(metric: Metric, article: Article) -> float:
    """Return how strongly `metric` asks to be a headline figure."""
    v = _rules().v
    unit = metric.unit or ""
    score = 1.0
    if metric.section == 0:
        score += 1.5 if metric.paragraph <= 1 else 0.5
    if any(m in unit for m in ("元", "yuan", "$", "£", "€", "dollar")):
        score += 3
    if any(w in metric.label for w in v["money_words"]):
        score += 2
    if any(w.lower() in metric.label.lower() for w in v["entity_words"]):
        score += 1.5
    score += min(2.0, 0.6 * math.log10(float(metric.value) + 1))
    if "%" in unit or "percent" in unit or "倍" in unit:
        score += 2
    if unit in ("个月", "天", "小时", "分钟", "周", "hours", "days", "months", "years"):
        score -= 1
    if re.fullmatch(r"[一二两三四五六七八九十百千万]+", metric.number):
        score -= 1.5
    if len(metric.label) < 2:
        score -= 2
    if is_target(metric.sentence, article.language):
        score -= 3  # a target or a plan, not a result
    return round(score, 2)

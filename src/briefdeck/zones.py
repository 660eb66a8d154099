"""Find the proper-named zones an article mentions and the one it is about."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefdeck.chars import is_cjk
from briefdeck.segment import tokens
from briefdeck.vocab import alternation, extend, vocabulary

NAME_MAX = 8
"""Longest proper name before a Chinese zone kind, in characters."""
BUSY = 3
"""A zone named this often is the article's zone even when the title and lead do not name it."""

ZoneWords = tuple[tuple[str, tuple[str, ...]], ...]
"""Words a user adds to the zone vocabulary: (key, words) pairs, hashable for caching."""


@dataclass(frozen=True)
class _ZoneRules:
    kinds_zh: re.Pattern[str]
    kinds_en: re.Pattern[str]
    generic_zh: frozenset[str]
    generic_en: frozenset[str]
    lead_in: tuple[str, ...]
    short_kinds: dict[str, str]
    rank_words: tuple[str, ...]
    provinces: tuple[str, ...]
    stop_tags: frozenset[str]
    stop_tags_any: frozenset[str]
    district: re.Pattern[str]
    generic_districts: frozenset[str]


@dataclass(frozen=True)
class Mention:
    """One zone named in a text."""

    name: str
    """The name as written (`某某国家高新区`)."""
    key: str
    """The zone it names, variants folded (`某某高新区`)."""
    start: int
    """Offset of the name in the text."""


@dataclass(frozen=True)
class ArticleText:
    """The parts of an article that say what it is about."""

    title: str
    kicker: str = ""
    lead: str = ""
    """The first body paragraph."""
    body: str = ""
    """All body paragraphs."""


def load_zone_words(path: Path) -> ZoneWords:
    """Return the zone words of a user's YAML file (same keys as data/zones.yaml)."""
    base = vocabulary("zones")
    merged = extend(base, path)
    return tuple(
        (key, tuple(words[: len(words) - len(base[key])]))
        for key, words in merged.items()
        if isinstance(words, list) and len(words) > len(base[key])
    )


@lru_cache(maxsize=8)
def _rules(extra: ZoneWords = ()) -> _ZoneRules:
    v = dict(vocabulary("zones"))
    for key, words in extra:
        v[key] = [*words, *v[key]]
    return _ZoneRules(
        kinds_zh=re.compile(alternation(v["kinds_zh"])),
        kinds_en=re.compile(
            r"((?:[A-Z][\w'’-]*\s+)(?:(?:of|and|the)\s+|[A-Z][\w'’-]*\s+)*?)"
            rf"({alternation(v['kinds_en'])})\b"
        ),
        generic_zh=frozenset(v["generic_zh"]),
        generic_en=frozenset(v["generic_en"]),
        lead_in=tuple(sorted(v["lead_in_zh"], key=len, reverse=True)),
        short_kinds=dict(v["short_kinds_zh"]),
        rank_words=tuple(sorted(v["rank_words_zh"], key=len, reverse=True)),
        provinces=tuple(v["provinces_zh"]),
        stop_tags=frozenset(v["name_stop_tags"]),
        stop_tags_any=frozenset(v["name_stop_tags_any"]),
        district=re.compile(
            rf"^[\u4e00-\u9fff]{{1,6}}?(?:{alternation(v['district_kinds_zh'])})(?=[：:\s，,]|$)"
        ),
        generic_districts=frozenset(v["generic_districts_zh"]),
    )


# ------------------------------------------------------------------ attribution


def attribute_zone(
    text: ArticleText, lang: str, extra: ZoneWords = ()
) -> tuple[str | None, tuple[str, ...]]:
    """Return the zone an article is about (None for none) and every zone name it uses.

    The zone named in the title wins (the one its opening names, before a colon, first),
    then a district or county that opens the title, then a zone of the kicker, then one of the
    lead paragraph; a zone named only in passing in the body is the article's zone only when it
    is named at least BUSY times. Variants of one name count as one zone.
    """
    rules = _rules(extra)
    whole = "\n".join((text.title, text.kicker, text.body))
    mentions = mentions_of(whole, lang, extra)
    if not mentions and lang == "zh" and not _district(text, rules):
        return None, ()
    counts = Counter(m.key for m in mentions)
    names = _display_names(mentions, text.title)
    ranked = sorted(counts, key=lambda key: _rank(key, text, names, counts, lang, extra))
    surface = tuple(dict.fromkeys(m.name for k in ranked for m in mentions if m.key == k))
    best = ranked[0] if ranked else None
    where = _placement(best, text, lang, extra) if best else 9
    district = _district(text, rules) if lang == "zh" else None
    if district and where > 0:
        return district, (district, *surface)
    if best is None or (where > 2 and counts[best] < BUSY):
        return None, surface
    return names[best], surface


def _placement(key: str, text: ArticleText, lang: str, extra: ZoneWords) -> int:
    """Return where a zone is named: 0 title, 1 kicker, 2 lead paragraph, 3 elsewhere."""
    for n, part in enumerate((text.title, text.kicker, text.lead)):
        if any(m.key == key for m in mentions_of(part, lang, extra)):
            return n
    return 3


def _rank(
    key: str,
    text: ArticleText,
    names: dict[str, str],
    counts: Counter[str],
    lang: str,
    extra: ZoneWords,
) -> tuple[int, int, int]:
    """Return a sort key: named earlier in title, kicker, lead; then named more often."""
    where = _placement(key, text, lang, extra)
    part = (text.title, text.kicker, text.lead, text.body)[where]
    found = [m.start for m in mentions_of(part, lang, extra) if m.key == key]
    opening = re.split(r"[：:]", text.title, maxsplit=1)[0] if where == 0 else ""
    in_opening = 0 if (opening and names[key] in opening) or key in opening else 1
    return (where, in_opening if where == 0 else 0, -counts[key] * 1000 + min(found, default=0))


def _display_names(mentions: list[Mention], title: str) -> dict[str, str]:
    """Return, per zone, the name to show: the title's form, else the form used most."""
    forms: dict[str, Counter[str]] = {}
    for m in mentions:
        forms.setdefault(m.key, Counter())[m.name] += 1
    out = {}
    for key, counter in forms.items():
        in_title = [n for n in counter if n in title]
        out[key] = max(in_title or counter, key=lambda n: (counter[n], n == key, -len(n)))
    return out


def _district(text: ArticleText, rules: _ZoneRules) -> str | None:
    """Return the district or county that opens the title or kicker (`某某区：…`), or None."""
    for line in (text.title, text.kicker):
        match = rules.district.match(line.strip())
        if not match:
            continue
        name = match.group(0)
        generic = name in rules.generic_districts or any(
            name.endswith(g) for g in rules.generic_districts if len(g) >= 3
        )
        if not generic and len(name) >= 3:
            return name
    return None


def zone_key(name: str, extra: ZoneWords = ()) -> str:
    """Return the zone a name stands for, variants folded (`某某国家高新区` is `某某高新区`)."""
    rules = _rules(extra)
    match = next((m for m in rules.kinds_zh.finditer(name) if m.end() == len(name)), None)
    if match is None:
        return name
    stem, kind = name[: match.start()], rules.short_kinds.get(match.group(0), match.group(0))
    for word in rules.rank_words:
        if stem.endswith(word) and len(stem) > len(word):
            stem = stem[: -len(word)]
            break
    for province in rules.provinces:
        rest = stem[len(province) :].lstrip("省市")
        if stem.startswith(province) and len(rest) >= 2:
            stem = rest
            break
    return stem + kind


# ------------------------------------------------------------------ mentions


@lru_cache(maxsize=1024)
def _mentions_cached(text: str, lang: str, extra: ZoneWords) -> tuple[Mention, ...]:
    rules = _rules(extra)
    return tuple(_mentions_zh(text, rules, extra) if lang == "zh" else _mentions_en(text, rules))


def mentions_of(text: str, lang: str, extra: ZoneWords = ()) -> list[Mention]:
    """Return every proper-named zone in `text`, in order (with repeats)."""
    return list(_mentions_cached(text, lang, extra)) if text else []


def _mentions_zh(text: str, rules: _ZoneRules, extra: ZoneWords) -> list[Mention]:
    """Return the Chinese zone names of `text`: a name of words on the kind's left, then the kind.

    A name stops at a verb, preposition, particle or punctuation (`长三角的某某产业园` names
    某某产业园); a zone named right before another qualifies it (`某某科学城某某高新区`).
    """
    out: list[Mention] = []
    previous_end = 0
    for match in rules.kinds_zh.finditer(text):
        floor = max(previous_end, match.start() - NAME_MAX)
        left = _name_left(text, floor, match.start(), rules)
        if out and out[-1].start + len(out[-1].name) == match.start() - len(left):
            out.pop()  # the zone just before qualifies this one
        previous_end = match.end()
        if len(left) < 2 or _generic(left, rules):
            continue
        name = left + match.group(0)
        out.append(Mention(name, zone_key(name, extra), match.start() - len(left)))
    return out


def _name_left(text: str, floor: int, end: int, rules: _ZoneRules) -> str:
    """Return the proper name that ends at `end`: the words on its left up to a stop word."""
    start = end
    while start > floor and is_cjk(text[start - 1]):
        start -= 1
    window = text[start:end]
    if not window:
        return ""
    # segment with the kind attached, so a name the dictionary knows whole stays whole
    words = tokens(text[start : min(len(text), end + 6)])
    begin = len(window)
    for word, tag, offset in reversed([w for w in words if w[2] < len(window)]):
        if _stops_name(word, tag, rules):
            break
        begin = offset
    name = window[begin:]
    for word in rules.lead_in:
        if name.startswith(word) and len(name) - len(word) >= 2:
            name = name[len(word) :]
            break
    return name


def _stops_name(word: str, tag: str, rules: _ZoneRules) -> bool:
    """Return True when a word cannot be part of a zone's name (a verb, a particle, 各类)."""
    if tag in rules.stop_tags_any or (tag in rules.stop_tags and len(word) >= 2):
        return True
    generic = word in rules.generic_zh and word not in rules.rank_words
    return generic or word in rules.lead_in


def _generic(left: str, rules: _ZoneRules) -> bool:
    """Return True when a name is made only of generic words (国家, 省级, 各类)."""
    rest = left
    changed = True
    while rest and changed:
        changed = False
        for word in sorted(rules.generic_zh, key=len, reverse=True):
            if rest.startswith(word):
                rest, changed = rest[len(word) :], True
                break
    return not rest


def _mentions_en(text: str, rules: _ZoneRules) -> list[Mention]:
    """Return the English zone names of `text` (with repeats)."""
    out = []
    for match in rules.kinds_en.finditer(text):
        words = match.group(1).split()
        start = match.start()
        while words and words[0] in rules.generic_en:
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
        if words:
            name = " ".join([*words, match.group(2)])
            out.append(Mention(name, name, text.index(words[0], start)))
    return out

"""Find the proper-named zones an article mentions and the one it is about."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from briefdeck.chars import compiled, is_cjk
from briefdeck.language import Language, of
from briefdeck.segment import boundaries, tokens
from briefdeck.vocab import alternation, extend, vocabulary

T = TypeVar("T")

NAME_MAX = 8
EDGE = 4
"""Characters before a name's window segmented with it, so no word is cut at the edge."""
"""Longest proper name before a Chinese zone kind, in characters."""
BUSY = 3
"""A zone named this often is the article's zone even when the title and lead do not name it."""

LEAD_CHARS = 300
"""The opening of an article, where a district report names its district."""
SURVEY = 4
"""An article naming this many zones, none in its title or kicker, may be about none of them."""
SURVEY_SHARE = 0.4
"""... unless one of them has at least this share of the zone mentions."""

ZoneWords = tuple[tuple[str, tuple[str, ...]], ...]
"""Words a user adds to the zone vocabulary: (key, words) pairs, hashable for caching."""


@dataclass(frozen=True)
class _ZoneRules:
    kinds_zh: re.Pattern[str]
    kinds_en: str
    """A pattern, compiled when first used (`compiled`)."""
    generic_zh: frozenset[str]
    generic_en: frozenset[str]
    lead_in: tuple[str, ...]
    short_kinds: dict[str, str]
    rank_words: tuple[str, ...]
    provinces: tuple[str, ...]
    stop_tags: frozenset[str]
    stop_tags_any: frozenset[str]
    name_words: frozenset[str]
    proper_tags: frozenset[str]
    not_places: frozenset[str]
    district: re.Pattern[str]
    district_open: re.Pattern[str]
    district_in_text: str
    county_open: re.Pattern[str]
    generic_districts: frozenset[str]
    district_bad_endings: tuple[str, ...]


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
        kinds_en=(
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
        name_words=frozenset(v["name_words_zh"]),
        proper_tags=frozenset(v["proper_tags"]),
        not_places=frozenset(v["not_places_zh"]),
        district=re.compile(
            rf"^[\u4e00-\u9fff]{{1,6}}?(?:{alternation(v['district_kinds_zh'])})(?=[：:\s，,]|$)"
        ),
        generic_districts=frozenset(v["generic_districts_zh"]),
        district_bad_endings=tuple(v["district_bad_endings_zh"]),
        district_open=re.compile(
            rf"^(?:{alternation(v['provinces_zh'])}|[\u4e00-\u9fff]{{2,3}}省)?"
            rf"(?:[\u4e00-\u9fff]{{2,4}}?[市州盟])?[\u4e00-\u9fff]{{1,4}}?"
            rf"(?:{alternation(v['district_kinds_zh'])})"
        ),
        district_in_text=(
            rf"(?:(?:{alternation(v['provinces_zh'])})省?[\u4e00-\u9fff]{{1,3}}?(?:市|州市?)"
            rf"|[\u4e00-\u9fff]{{2,3}}市)([\u4e00-\u9fff]{{1,3}}?(?:{alternation(v['district_kinds_zh'])}))"
        ),
        county_open=re.compile(
            rf"^(?:{alternation(v['provinces_zh'])})省?([\u4e00-\u9fff]{{2,3}})(?=[：:]|\s|$)"
        ),
    )


# ------------------------------------------------------------------ attribution


def attribute_zone(
    text: ArticleText, lang: Language | str, extra: ZoneWords = ()
) -> tuple[str | None, tuple[str, ...]]:
    """Return the zone an article is about (None for none) and every zone name it uses.

    The zone named in the title wins (the one its opening names, before a colon, first),
    then a district or county that opens the title, then a zone of the kicker, then one of the
    lead paragraph; a zone named only in passing in the body is the article's zone only when it
    is named at least BUSY times. Variants of one name count as one zone.
    """
    lang = of(lang)
    rules = _rules(extra)
    aliases = _aliases(text, lang, extra)
    text = _expanded(text, aliases)
    whole = "\n".join((text.title, text.kicker, text.body))
    mentions = mentions_of(whole, lang, extra)
    if not mentions:
        found = _district(text, rules) or _lead_district(text, rules) if lang.cjk else None
        return found, (found,) if found else ()
    fold = _folds(mentions, text)
    mentions = [replace(m, key=fold[m.key]) for m in mentions]
    counts = Counter(m.key for m in mentions)
    names = _display_names(mentions, text.title)
    ranked = sorted(counts, key=lambda key: _rank(key, text, names, counts, fold, lang, extra))
    surface = tuple(dict.fromkeys(m.name for k in ranked for m in mentions if m.key == k))
    best = ranked[0] if ranked else None
    where = _placement(best, text, fold, lang, extra) if best else 9
    district = _district(text, rules) if lang.cjk else None
    if district and where > 1:
        return district, (district, *surface)
    if best is None or (where > 2 and counts[best] < BUSY):
        return None, surface
    if where >= 2 and len(counts) >= SURVEY and counts[best] < SURVEY_SHARE * counts.total():
        return None, surface  # a survey of many zones, none of them in the headline
    surface += tuple(short for short, full in aliases.items() if full in surface)
    return names[best], surface


ALIAS = re.compile(r"[（(](?:以下)?简称[“\"「]?([^”\"」（）()，。]{2,12})[”\"」]?[）)]")
"""A short name defined in brackets after a full one: `某某经济综合实验区（简称“某某”）`."""


def _aliases(text: ArticleText, lang: Language, extra: ZoneWords) -> dict[str, str]:
    """Return each short name the text defines for a zone (`（简称“某某”）`), with the zone's
    name as written there."""
    whole = "\n".join((text.title, text.kicker, text.body))
    out = {}
    for m in mentions_of(whole, lang, extra):
        defined = ALIAS.match(whole, m.start + len(m.name))
        if defined and defined.group(1) != m.name:
            out[defined.group(1)] = m.name
    return out


def _expanded(text: ArticleText, aliases: dict[str, str]) -> ArticleText:
    """Return `text` with each short name written as the zone's full name, so a title or line
    that uses only the short name names the zone."""
    if not aliases:
        return text

    def expand(part: str) -> str:
        for short, full in aliases.items():
            rest = full[len(short) :] if full.startswith(short) else ""
            guard = f"(?!{re.escape(rest)})" if rest else ""
            part = re.sub(rf"(?<![“\"「]){re.escape(short)}{guard}", full, part)
        return part

    return ArticleText(*(expand(p) for p in (text.title, text.kicker, text.lead, text.body)))


def _folds(mentions: list[Mention], text: ArticleText) -> dict[str, str]:
    """Return each zone key mapped to the longest key that ends with it (`某园` in `某市某园`).

    Only a longer name the headline uses, or the text uses twice, takes in the shorter ones; a
    longer one that only adds places before a name so used goes to that name.
    """
    counts = Counter(m.key for m in mentions)
    head = f"{text.title}\n{text.kicker}"
    trusted = {
        k for k in counts if counts[k] >= 2 or any(n.name in head for n in mentions if n.key == k)
    }
    fold = {k: max((o for o in trusted | {k} if o.endswith(k)), key=len) for k in counts}
    for k in counts:
        shorter = [o for o in trusted if k != o and k.endswith(o) and _places_only(k[: -len(o)])]
        if fold[k] == k and shorter:
            fold[k] = fold[max(shorter, key=len)]  # 某市某某园 named once is 某某园
    return fold


def _places_only(words: str) -> bool:
    """Return True when `words` are only place names (`某省某市`)."""
    return all(tag == "ns" for _, tag, _ in tokens(words))


def _placement(
    key: str, text: ArticleText, fold: dict[str, str], lang: Language, extra: ZoneWords
) -> int:
    """Return where a zone is named: 0 title, 1 kicker, 2 lead paragraph, 3 elsewhere."""
    for n, part in enumerate((text.title, text.kicker, text.lead)):
        if any(fold.get(m.key) == key for m in mentions_of(part, lang, extra)):
            return n
    return 3


def _rank(
    key: str,
    text: ArticleText,
    names: dict[str, str],
    counts: Counter[str],
    fold: dict[str, str],
    lang: Language,
    extra: ZoneWords,
) -> tuple[int, int, int]:
    """Return a sort key: named earlier in title, kicker, lead; then named more often."""
    where = _placement(key, text, fold, lang, extra)
    part = (text.title, text.kicker, text.lead, text.body)[where]
    found = [m.start for m in mentions_of(part, lang, extra) if fold.get(m.key) == key]
    opening = re.split(r"[：:]", text.title, maxsplit=1)[0] if where == 0 else ""
    in_opening = 0 if (opening and names[key] in opening) or key in opening else 1
    return (where, in_opening if where == 0 else 0, -counts[key] * 1000 + min(found, default=0))


def _display_names(mentions: list[Mention], title: str) -> dict[str, str]:
    """Return, per zone, the name to show: its plain form (`某某高新区`) where the text uses it,
    else the title's form, else the form used most."""
    forms: dict[str, Counter[str]] = {}
    for m in mentions:
        forms.setdefault(m.key, Counter())[m.name] += 1
    out = {}
    for key, counter in forms.items():
        in_title = [n for n in counter if n in title]
        best = max(in_title or counter, key=lambda n: (counter[n], -len(n)))
        out[key] = key if any(n.endswith(key) for n in counter) else best
    return out


def _district(text: ArticleText, rules: _ZoneRules) -> str | None:
    """Return the district or county that opens the title or kicker, or None.

    `某某区：…`, `某省某市某某区推进…`, `某省某某县培育…`, and a place set off by a colon or
    spaces after its province (`某省某某：…`) open a report about that district; the province
    is left out of the name.
    """
    for line in (text.title, text.kicker):
        line = line.strip()
        match = rules.district.match(line)
        name = match.group(0) if match else _district_words(line, rules)
        if name and (not _generic_district(name, rules) or _written_as_place(name, text)):
            name = _without_province(name, rules)
            return name if name[-1] in "区县旗" else _county(name, text)
    return None


def _written_as_place(name: str, text: ArticleText) -> bool:
    """Return True when the article writes `name` with a place kind (`某某市`): a place, however
    the dictionary tags the word alone (开封, to unseal)."""
    return re.search(rf"{re.escape(name)}[市县区旗]", text.body) is not None


def _county(place: str, text: ArticleText) -> str:
    """Return a place named without its kind with the kind the article writes it with
    (`某某县`, `某某市`), else as named: a city's report is about that city."""
    body = f"{text.title}{text.kicker}{text.body}"
    found = re.search(rf"{re.escape(place)}([县区旗市])", body)
    return place + found.group(1) if found else place


def _lead_district(text: ArticleText, rules: _ZoneRules) -> str | None:
    """Return the district or county the opening names with its province or city (`某省某市某某县`)
    when the article then makes it the subject of a clause (`，某某县建成…`), or None: a report
    on it that no zone kind names (a story merely set there names it only as a place)."""
    opening = text.body[:LEAD_CHARS]
    for match in compiled(rules.district_in_text).finditer(opening):
        name = match.group(1)
        if _generic_district(name, rules) or match.end(1) not in boundaries(opening):
            continue
        if re.search(rf"(?:^|[，。；：\n])\s*{re.escape(name[:-1])}", text.body):
            return name
    return None


def _district_words(line: str, rules: _ZoneRules) -> str | None:
    """Return the district or county that opens `line` as its subject, or None.

    `某省某市某某区推进…`, `某省某某县培育…` (the name ends in a district kind at a word
    boundary: not 区块链), and `某省某某：…` or `某省某某  …` (a county without its kind, set off).
    """
    match = rules.district_open.match(line)
    if match and match.end() < len(line) and match.end() in boundaries(line[:24]):
        return match.group(0)
    match = rules.county_open.match(line)
    if match:
        return match.group(1)
    words = tokens(line[:12])
    if len(words) >= 3 and words[0][0] in rules.provinces and words[1][1] in ("ns", "nr"):
        return words[1][0] if words[2][1][:1] in "vp" else None  # 某省某某推动… / 某省某市以…
    first, tag, _ = words[0] if words else ("", "", 0)
    city = tag == "ns" and 2 <= len(first) <= 4 and first not in rules.provinces
    verb = len(words) > 1 and words[1][1][:1] in "vp" and words[1][0] not in rules.name_words
    if city and verb and first not in rules.not_places:
        return first  # 某市打造…, 某市为…: a city's report (not 某地创新港…, a name)
    return None


def _generic_district(name: str, rules: _ZoneRules) -> bool:
    """Return True for a name that is no district (园区, 全区, 从一家园区)."""
    first = tokens(name)[0]
    return (
        len(name) < 2
        or name in rules.generic_districts
        or name.endswith(rules.district_bad_endings)
        or _stops_name(first[0], first[1], rules)
    )


def _without_province(name: str, rules: _ZoneRules) -> str:
    """Return a place name without the province that leads it (`某省某市某区` -> `某市某区`)."""
    for province in rules.provinces:
        rest = name[len(province) :]
        rest = rest[1:] if rest[:1] in ("省", "市") and len(rest) > 3 else rest
        if name.startswith(province) and len(rest) >= 2:
            return rest
    return name


def zone_key(name: str, extra: ZoneWords = ()) -> str:
    """Return the zone a name stands for, variants folded (`某某国家高新区` is `某某高新区`)."""
    rules = _rules(extra)
    match = next((m for m in rules.kinds_zh.finditer(name) if m.end() == len(name)), None)
    if match is None:
        return name
    stem, kind = name[: match.start()], rules.short_kinds.get(match.group(0), match.group(0))
    country = re.fullmatch(r"中国[（(]([^（）()]+)[）)]", stem)
    stem = country.group(1) if country else re.sub(r"[（(][^（）()]*[）)]", "", stem)
    for word in rules.rank_words:
        if stem.endswith(word) and len(stem) > len(word):
            stem = stem[: -len(word)]
            break
    return _without_province(stem, rules) + kind


# ------------------------------------------------------------------ mentions


@lru_cache(maxsize=1024)
def _mentions_cached(text: str, lang: Language, extra: ZoneWords) -> tuple[Mention, ...]:
    rules = _rules(extra)
    return tuple(_mentions_zh(text, rules, extra) if lang.cjk else _mentions_en(text, rules))


def mentions_of(text: str, lang: Language | str, extra: ZoneWords = ()) -> list[Mention]:
    """Return every proper-named zone in `text`, in order (with repeats)."""
    return list(_mentions_cached(text, of(lang), extra)) if text else []


def _mentions_zh(text: str, rules: _ZoneRules, extra: ZoneWords) -> list[Mention]:
    """Return the Chinese zone names of `text`: a name of words on the kind's left, then the kind.

    A name stops at a verb, preposition, particle or punctuation (`长三角的某某产业园` names
    某某产业园). Of two zones named back to back, a place-named second is the zone and the
    first qualifies it (`某某科学城某市高新区`); a second named by what it does is a park inside
    the first, which stays the zone (`某某高新区新材料产业园`).
    """
    out: list[Mention] = []
    previous_end = 0
    for match in rules.kinds_zh.finditer(text):
        floor = max(previous_end, match.start() - NAME_MAX)
        left = _name_left(text, floor, match.start(), rules)
        adjacent = out and out[-1].start + len(out[-1].name) == match.start() - len(left)
        previous_end = match.end()
        word, tag, _ = tokens(left)[0] if left else ("", "x", 0)
        if adjacent and left and not _place(word, tag, rules, strict=True):
            continue  # a park inside the zone named before it
        if adjacent:
            out.pop()  # the zone just before qualifies this one
        if len(left) < 2 or _generic(left, rules):
            continue
        name = left + match.group(0)
        out.append(Mention(name, zone_key(name, extra), match.start() - len(left)))
    return out


def _name_left(text: str, floor: int, end: int, rules: _ZoneRules) -> str:
    """Return the proper name that ends at `end`: the words on its left up to a stop word.

    A place in brackets inside a name stays in it (`某某（某市）科学城`).
    """
    inner = re.search(r"[（(]([\u4e00-\u9fff]{2,4})[）)]$", text[max(0, end - 6) : end])
    if inner:
        opening = end - len(inner.group(0))
        before = _name_left(text, max(0, opening - NAME_MAX), opening, rules)
        return before + inner.group(0) if before else inner.group(0)[1:-1]
    start = end
    while start > floor and is_cjk(text[start - 1]):
        start -= 1
    window = text[start:end]
    if not window:
        return ""
    # segment with the kind attached, so a name the dictionary knows whole stays whole, and
    # with the words before the window, so none is cut at its edge (某省某市 -> 省某 | 市)
    context = start
    while context > max(0, start - EDGE) and is_cjk(text[context - 1]):
        context -= 1
    words = tokens(text[context : min(len(text), end + 6)])
    shift = start - context
    if any(o < shift + len(window) < o + len(w) for w, _, o in words):
        words = tokens(text[context:end])  # a word across name and kind (某塘|经开区): cut there
    begin = len(window)
    ranked = placed = False  # a rank word (国家级) or a place stands left of the kind
    inside = [(w, t, o - shift) for w, t, o in words if o < shift + len(window)]
    for n in range(len(inside) - 1, -1, -1):
        word, tag, offset = inside[n]
        place = _place(word, tag, rules, strict=True)
        after_province = n > 0 and inside[n - 1][0] in rules.provinces
        if (offset < 0 and not place) or (
            not after_province
            and (
                (_stops_name(word, tag, rules) and not _qualifies(inside[:n], word, rules))
                or (ranked and not _place(word, tag, rules))
                or (placed and not place and tag not in rules.proper_tags)
            )
        ):
            break
        ranked = ranked or word in rules.rank_words
        placed = placed or place
        begin = offset
        if offset < 0:  # a place cut by the window's edge is taken whole
            break
    name = text[start + begin : end]
    for word in rules.lead_in:
        if name.startswith(word) and len(name) - len(word) >= 2:
            name = name[len(word) :]
            break
    if begin <= 0 and name and re.search(r"[（(][\u4e00-\u9fff]{2,4}[）)]$", text[: start + begin]):
        head = start + begin
        return _name_left(text, max(0, head - NAME_MAX), head, rules) + name  # 某省（某市）…
    return name


def _qualifies(before: list[tuple[str, str, int]], word: str, rules: _ZoneRules) -> bool:
    """Return True for a generic word inside a proper name: one a place or rank word precedes
    (`某市国家现代农业…`, not `全市现代…` or `建设现代…`)."""
    if word not in rules.generic_zh or not before:
        return False
    left, tag, _ = before[-1]
    return left in rules.rank_words or _place(left, tag, rules, strict=True)


def _place(word: str, tag: str, rules: _ZoneRules, strict: bool = False) -> bool:
    """Return True for a word that may name a place (the part of a name before 国家级).

    Unless `strict`, a single character counts: the dictionary cuts a name it does not know
    into characters.
    """
    place = tag == "ns" or word.endswith(("市", "州", "县")) or word in rules.provinces
    return place or (len(word) == 1 and not strict)


def _stops_name(word: str, tag: str, rules: _ZoneRules) -> bool:
    """Return True when a word cannot be part of a zone's name (a verb, a particle, 各类)."""
    if word in rules.name_words:
        return False
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
    for match in compiled(rules.kinds_en).finditer(text):
        words = match.group(1).split()
        start = match.start()
        while words and words[0] in rules.generic_en:
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
        if words:
            name = " ".join([*words, match.group(2)])
            out.append(Mention(name, name, text.index(words[0], start)))
    return out


def by_zone(items: Iterable[tuple[str | None, T]]) -> tuple[dict[str, list[T]], list[T]]:
    """Return the items about each zone (variants of a name are one zone, named as first met)
    in input order, and the items about no zone."""
    names: dict[str, str] = {}
    zones: dict[str, list[T]] = {}
    none: list[T] = []
    for zone, item in items:
        if zone is None:
            none.append(item)
        else:
            zones.setdefault(names.setdefault(zone_key(zone), zone), []).append(item)
    return zones, none

"""Find the proper-named zones an article mentions and the one it is about."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from briefdeck.chars import is_cjk
from briefdeck.vocab import alternation, extend, vocabulary

LEAD_CHARS = 300
"""A zone named once within this many characters of the body's start is the article's zone."""
NAME_MAX = 8
"""Longest proper name before a Chinese zone kind, in characters."""

ZoneWords = tuple[tuple[str, tuple[str, ...]], ...]
"""Words a user adds to the zone vocabulary: (key, words) pairs, hashable for caching."""


@dataclass(frozen=True)
class _ZoneRules:
    kinds_zh: re.Pattern[str]
    kinds_en: re.Pattern[str]
    generic_zh: frozenset[str]
    generic_en: frozenset[str]
    lead_in: tuple[str, ...]


def load_zone_words(path: Path) -> ZoneWords:
    """Return the zone words of a user's YAML file (same keys as data/zones.yaml)."""
    merged = extend(vocabulary("zones"), path)
    base = vocabulary("zones")
    return tuple(
        (key, tuple(words[: len(words) - len(base[key])]))
        for key, words in merged.items()
        if len(words) > len(base[key])
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
    )


def attribute_zone(
    title: str, body: str, lang: str, extra: ZoneWords = ()
) -> tuple[str, tuple[str, ...]]:
    """Return the zone an article is about (falling back to its title) and all zones it names."""
    rules = _rules(extra)
    text = f"{title}\n{body}"
    names = _zones_zh(text, rules) if lang == "zh" else _zones_en(text, rules)
    counts = Counter(names)
    kept = [n for n in counts if counts[n] >= 2 or n in title]
    if not kept:
        # one mention is enough for a zone named early in the body (its lead)
        kept = [n for n in counts if 0 <= body.find(n) < LEAD_CHARS][:1]
    if not kept:
        return title, ()

    def centrality(name: str) -> tuple[int, int, int]:
        in_title = title.find(name)
        return (1 if in_title >= 0 else 0, -in_title if in_title >= 0 else 0, counts[name])

    ranked = sorted(kept, key=centrality, reverse=True)
    return ranked[0], tuple(ranked)


def _zones_zh(text: str, rules: _ZoneRules) -> list[str]:
    """Return every Chinese zone name found in `text` (with repeats)."""
    contexts: list[tuple[str, str]] = []
    previous_end = 0
    for match in rules.kinds_zh.finditer(text):
        left = _left_run(text, match.start(), max(previous_end, match.start() - NAME_MAX))
        previous_end = match.end()
        contexts.append((left, match.group(0)))
    suffixes = Counter(left[-k:] + kind for left, kind in contexts for k in range(1, len(left) + 1))
    names = []
    for left, kind in contexts:
        name = _best_name(left, kind, suffixes, rules)
        if name:
            names.append(name)
    return names


def _left_run(text: str, end: int, floor: int) -> str:
    """Return the run of CJK characters that ends at `end` and starts no earlier than `floor`."""
    start = end
    while start > floor and is_cjk(text[start - 1]):
        start -= 1
    return text[start:end]


def _best_name(left: str, kind: str, suffixes: Counter[str], rules: _ZoneRules) -> str | None:
    """Return the proper name (with kind) in `left` + `kind`, or None for a generic mention."""
    if len(left) < 2:
        return None
    # Grow the name leftwards while most of its occurrences share the longer form.
    best = left[-2:]
    for k in range(3, len(left) + 1):
        if suffixes[left[-k:] + kind] * 2 < suffixes[best + kind]:
            break
        best = left[-k:]
    for word in rules.lead_in:
        if best.startswith(word) and len(best) - len(word) >= 2:
            best = best[len(word) :]
            break
    if best in rules.generic_zh:
        return None
    return best + kind


def _zones_en(text: str, rules: _ZoneRules) -> list[str]:
    """Return every English zone name found in `text` (with repeats)."""
    names = []
    for match in rules.kinds_en.finditer(text):
        words = match.group(1).split()
        while words and words[0] in rules.generic_en:
            words = words[1:]
        if words:
            names.append(" ".join([*words, match.group(2)]))
    return names

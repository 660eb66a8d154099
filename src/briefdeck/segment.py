"""Chinese words and their parts of speech from jieba's dictionary (rjieba), loaded on first use."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any


@cache
def _jieba() -> Any:
    """Return the segmenter; its dictionary (about 0.15 s to load) is read when first needed."""
    import rjieba

    return rjieba


def load() -> None:
    """Load the dictionary now: a process about to fork its workers shares it with them."""
    _jieba()


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, str, int], ...]:
    """Return the words of `text` as (word, part-of-speech tag, start offset), in order."""
    out = []
    pos = 0
    for word, tag in _jieba().tag(text, hmm=True):
        out.append((word, tag, pos))
        pos += len(word)
    return tuple(out)


@lru_cache(maxsize=4096)
def boundaries(text: str) -> frozenset[int]:
    """Return the offsets in `text` where a word starts or ends (0 and len(text) included)."""
    return frozenset({0, len(text)} | {start for _, _, start in tokens(text)})


def is_word(text: str) -> bool:
    """Return True when `text` is one word of the dictionary."""
    return bool(_jieba().has_word(text))

"""Chinese words and their parts of speech from jieba's dictionary (rjieba), read as needed."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from briefdeck import wordindex

if TYPE_CHECKING:
    from briefdeck.wordindex import WordIndex

NOWHERE = "\uffff"
"""A word no text segmented holds (rjieba segments runs of Chinese, Latin letters and digits):
its frequency makes up the dictionary's total in a segmenter holding only some of its words."""


class Segmenter:
    """rjieba given only the dictionary's words that the texts segmented so far may hold:
    those beginning with one of their characters or pairs of characters, read from the index
    (some ten milliseconds for an article, where the whole dictionary takes a tenth of a
    second). A word's frequency is weighed against the whole dictionary's total, so every
    text is segmented exactly as the whole dictionary segments it."""

    def __init__(self, jieba: Any, index: WordIndex | None) -> None:
        self._jieba = jieba
        self._index = index
        self._keys: set[str] = set()
        """The first characters and pairs of characters whose words were read."""
        self._added = 0
        """The frequencies of the words read, added up."""
        self._whole_text = ""
        """The document last prepared: its parts hold no word not read."""

    def prepare(self, text: str) -> None:
        """Read the words of `text` (a whole document), and of every part of it later."""
        self.know(text)
        self._whole_text = text

    def know(self, text: str) -> None:
        """Add the dictionary's words that `text` may hold, those not added before."""
        if text in self._whole_text:
            return
        keys = wordindex.keys(text)
        if keys <= self._keys:
            return
        keys -= self._keys
        self._keys |= keys
        add_word = self._jieba.add_word
        assert self._index is not None  # only the whole dictionary has none, and reads nothing
        for word, freq, tag in self._index.entries(sorted(keys)):
            add_word(word, freq, tag)
            self._added += freq
        add_word(NOWHERE, self._index.total - self._added, "x")

    def tag(self, text: str) -> list[tuple[str, str]]:
        """Return the words of `text` with their tags."""
        self.know(text)
        return list(self._jieba.tag(text, hmm=True))

    def has_word(self, text: str) -> bool:
        """Return True when `text` is one word of the dictionary."""
        self.know(text)
        return bool(self._jieba.has_word(text))


class WholeSegmenter(Segmenter):
    """rjieba with the whole dictionary loaded."""

    def know(self, text: str) -> None:
        """Do nothing: every word is there."""


@cache
def _segmenter() -> Segmenter:
    """Return the segmenter: words read as needed from the index in the user's cache, or the
    whole dictionary when there is no index."""
    module = wordindex.extension()
    index = wordindex.open_index()
    if index is None:
        return WholeSegmenter(module.Jieba(), None)
    return Segmenter(module.Jieba.empty(), index)


def prepare(text: str) -> None:
    """Read the dictionary's words that `text` (a document read) and its parts may hold."""
    _segmenter().prepare(text)


@lru_cache(maxsize=4096)
def tokens(text: str) -> tuple[tuple[str, str, int], ...]:
    """Return the words of `text` as (word, part-of-speech tag, start offset), in order."""
    out = []
    pos = 0
    for word, tag in _segmenter().tag(text):
        out.append((word, tag, pos))
        pos += len(word)
    return tuple(out)


@lru_cache(maxsize=4096)
def boundaries(text: str) -> frozenset[int]:
    """Return the offsets in `text` where a word starts or ends (0 and len(text) included)."""
    return frozenset({0, len(text)} | {start for _, _, start in tokens(text)})


def is_word(text: str) -> bool:
    """Return True when `text` is one word of the dictionary."""
    return _segmenter().has_word(text)

"""Words read from the index as texts need them segment every text as the whole dictionary does."""

from __future__ import annotations

import re

import pytest

from briefdeck import segment, wordindex
from tests.conftest import FIXTURES


@pytest.fixture(scope="module")
def whole():
    """Return rjieba with its whole dictionary."""
    return wordindex.extension().Jieba()


def fresh_segmenter() -> segment.Segmenter:
    """Return a segmenter that has read no words yet."""
    index = wordindex.open_index()
    assert index is not None, "the index of jieba's dictionary could not be built"
    return segment.Segmenter(wordindex.extension().Jieba.empty(), index)


def fixture_texts() -> list[str]:
    """Return every fixture article, whole and sentence by sentence."""
    texts = []
    for path in sorted([*FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md")]):
        text = path.read_text("utf-8")
        texts += [text, *re.split(r"[。！？\n]", text)]
    return texts


def test_every_fixture_text_is_segmented_as_by_the_whole_dictionary(whole):
    segmenter = fresh_segmenter()
    texts = fixture_texts()
    differ = [t for t in texts if segmenter.tag(t) != whole.tag(t, hmm=True)]
    assert len(texts) > 500 and differ == []


def test_sentences_before_their_document_are_segmented_alike(whole):
    segmenter = fresh_segmenter()  # words read sentence by sentence, then for the rest
    sentences = [s for s in fixture_texts() if 0 < len(s) < 80]
    assert [segmenter.tag(s) for s in sentences] == [whole.tag(s, hmm=True) for s in sentences]


class CountingIndex:
    """An index that counts the keys it is asked for."""

    def __init__(self, index: wordindex.WordIndex) -> None:
        self.index, self.total, self.asked = index, index.total, []

    def entries(self, keys):
        self.asked += keys
        return self.index.entries(keys)


def test_parts_of_a_prepared_document_ask_for_no_more_words():
    counting = CountingIndex(wordindex.open_index())
    segmenter = segment.Segmenter(wordindex.extension().Jieba.empty(), counting)
    segmenter.prepare("青禾高新区今年新增企业三十家。园区产值增长一成。")
    asked = len(counting.asked)
    assert asked > 0 and "高新" in counting.asked and "园" in counting.asked
    segmenter.tag("园区产值增长一成")
    assert len(counting.asked) == asked
    segmenter.tag("园区新增企业")  # not a part: only its new pairs are asked for
    assert counting.asked[asked:] == ["区新"]


def test_words_of_the_dictionary_are_found_whatever_was_read_before():
    segmenter = fresh_segmenter()
    assert segmenter.has_word("高新技术")
    assert not segmenter.has_word("高新技术青禾")


def test_without_an_index_the_whole_dictionary_is_loaded(monkeypatch, whole):
    monkeypatch.setattr(wordindex, "open_index", lambda: None)
    segment._segmenter.cache_clear()
    try:
        assert isinstance(segment._segmenter(), segment.WholeSegmenter)
        assert segment._segmenter().tag("青禾高新区") == whole.tag("青禾高新区", hmm=True)
        assert segment.is_word("高新") and not segment.is_word("青禾高新")
    finally:
        segment._segmenter.cache_clear()

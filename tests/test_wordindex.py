"""jieba's dictionary as an index in the user's cache: built once, checked, read back."""

from __future__ import annotations

import multiprocessing

import pytest

from briefdeck import datacache, wordindex


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """Give the test a cache of its own (and forget the index this process opened)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("BRIEFDECK_NO_CACHE", raising=False)
    datacache.cache_folder.cache_clear()
    wordindex.open_index.cache_clear()
    yield tmp_path / "cache" / "briefdeck" / "data"
    datacache.cache_folder.cache_clear()
    wordindex.open_index.cache_clear()


def test_an_index_is_built_once_and_gives_each_word_under_its_first_two_characters(cache):
    index = wordindex.open_index()
    assert index is not None
    (path,) = cache.glob("words-*.sqlite")
    built = path.stat().st_mtime_ns
    found = {word: (freq, tag) for word, freq, tag in index.entries(["高新", "园"])}
    source = wordindex.read_dictionary(wordindex.dictionary_file())
    assert found["高新技术"] == source["高新技术"]
    assert found["园"] == source["园"]
    assert {wordindex.key(w) for w in found} == {"高新", "园"}
    assert index.total == sum(freq for freq, _ in source.values())
    wordindex.open_index.cache_clear()
    assert wordindex.open_index() is not None
    assert path.stat().st_mtime_ns == built  # read again, not built again


def test_an_index_that_cannot_be_read_is_built_anew(cache):
    assert wordindex.open_index() is not None
    (path,) = cache.glob("words-*.sqlite")
    path.write_bytes(b"not a database")
    wordindex.open_index.cache_clear()
    index = wordindex.open_index()
    assert index is not None and index.total > 0


def test_no_cache_means_no_index(cache, monkeypatch):
    monkeypatch.setenv("BRIEFDECK_NO_CACHE", "1")
    datacache.cache_folder.cache_clear()
    assert wordindex.open_index() is None
    assert not cache.exists()


def test_a_dictionary_rjieba_does_not_hold_makes_no_index(cache, tmp_path, monkeypatch):
    made_up = tmp_path / "dict.txt"
    made_up.write_text("园区 5000 n\n青禾不是词语 3 n\n", "utf-8")
    monkeypatch.setattr(wordindex, "dictionary_file", lambda: made_up)
    assert not wordindex.agrees(wordindex.read_dictionary(made_up))
    assert wordindex.open_index() is None
    assert list(cache.glob("words-*")) == []


def test_a_file_that_is_no_dictionary_makes_no_index(cache, tmp_path, monkeypatch):
    broken = tmp_path / "dict.txt"
    broken.write_text("园区 many n\n", "utf-8")
    monkeypatch.setattr(wordindex, "dictionary_file", lambda: broken)
    assert wordindex.open_index() is None


def test_a_word_listed_twice_keeps_its_first_tag_and_last_frequency(tmp_path):
    listed = tmp_path / "dict.txt"
    listed.write_text("园区 5 n\n园区 7 ns\n\n试点\n", "utf-8")
    assert wordindex.read_dictionary(listed) == {"园区": (7, "n"), "试点": (0, "")}


def entries_of_the_open_index(keys: list[str]) -> list[tuple[str, int, str]]:
    """Return what the index this process opened holds under `keys`."""
    index = wordindex.open_index()
    assert index is not None
    return list(index.entries(keys))


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork")
def test_a_forked_worker_reads_the_index_its_parent_opened():
    here = entries_of_the_open_index(["园区", "高新"])
    with multiprocessing.get_context("fork").Pool(1) as pool:
        there = pool.apply(entries_of_the_open_index, (["园区", "高新"],))
    assert sorted(there) == sorted(here) and len(here) >= 5


def test_a_cache_that_cannot_be_written_makes_no_index(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("BRIEFDECK_NO_CACHE", raising=False)
    datacache.cache_folder.cache_clear()
    wordindex.open_index.cache_clear()
    try:
        assert wordindex.open_index() is None  # the whole dictionary is loaded instead
    finally:
        datacache.cache_folder.cache_clear()
        wordindex.open_index.cache_clear()

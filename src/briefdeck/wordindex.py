"""jieba's dictionary kept as an index in the user's cache, its words read a few at a time."""

from __future__ import annotations

import contextlib
import importlib.machinery
import importlib.util
import os
import sqlite3
import sys
import zlib
from collections.abc import Iterator
from functools import cache
from operator import add
from pathlib import Path
from typing import Any

from briefdeck.datacache import cache_folder

FORMAT = 1
"""The layout of an index: an index kept in another is built anew."""

BATCH = 999
"""Keys looked up by one query (SQLite's oldest limit on parameters); the last query is padded
to it, so every query is one prepared statement."""

PROBE_EVERY = 7
"""Building an index, one dictionary word in this many is strung into a text that the whole
dictionary and the index's copy of it must segment alike."""


@cache
def extension() -> Any:
    """Return rjieba's compiled module, loaded without running its package, which builds the
    whole dictionary (about 0.1 s) as it is imported; or the package's own when that is loaded."""
    name = "rjieba.rjieba"
    if name in sys.modules:
        return sys.modules[name]
    package = importlib.util.find_spec("rjieba")  # found, not imported
    folders = package.submodule_search_locations if package else None
    for folder in folders or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = os.path.join(folder, f"rjieba{suffix}")
            if os.path.exists(path):
                spec = importlib.util.spec_from_file_location(name, path)
                if spec is None or spec.loader is None:
                    continue
                module = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(module)
                sys.modules[name] = module  # the package, if imported later, takes this one
                return module
    import rjieba  # laid out otherwise: the package builds the dictionary

    return sys.modules.get(name, rjieba)


class WordIndex:
    """The dictionary's words on disk, each found by its first two characters (a word of one
    character by itself)."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._db, self._pid = self._connect(), os.getpid()
        ((total,),) = self._db.execute("SELECT total FROM meta").fetchall()
        self.total = int(total)
        """The dictionary's frequencies added up, which weigh every word segmented."""

    def _connect(self) -> sqlite3.Connection:
        """Return a read-only connection to the index."""
        uri = f"{self._path.as_uri()}?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def entries(self, keys: list[str]) -> Iterator[tuple[str, int, str]]:
        """Yield (word, frequency, tag) of each word found under one of `keys`."""
        if self._pid != os.getpid():  # a forked worker: SQLite's connections are not shared
            self._db, self._pid = self._connect(), os.getpid()
        query = f"SELECT lines FROM words WHERE key IN ({','.join('?' * BATCH)})"
        for start in range(0, len(keys), BATCH):
            part: list[str | None] = list(keys[start : start + BATCH])
            part += [None] * (BATCH - len(part))
            for (lines,) in self._db.execute(query, part):
                for line in lines.split("\n"):
                    word, freq, tag = line.split(" ")
                    yield word, int(freq), tag


def key(word: str) -> str:
    """Return what `word` is found by in an index: its first two characters."""
    return word[:2]


def keys(text: str) -> set[str]:
    """Return the keys of every word `text` may hold: its characters and pairs of them."""
    found = set(map(add, text, text[1:]))
    found.update(text)
    return found


@cache
def open_index() -> WordIndex | None:
    """Return the index of jieba's dictionary, built into the user's cache when not yet there;
    None when it cannot be (no dictionary file, no cache, a dictionary rjieba disagrees with,
    or SQLite failing): the whole dictionary is then loaded instead."""
    source = dictionary_file()
    folder = cache_folder()
    if source is None or folder is None:
        return None
    path = folder / f"words-{zlib.crc32(_stamp(source).encode()):08x}.sqlite"
    for again in (False, True):  # an index that cannot be read is built anew, once
        if (again or not path.exists()) and not _build(source, path):
            return None
        try:
            return WordIndex(path)
        except (OSError, sqlite3.Error, ValueError):
            continue
    return None


def dictionary_file() -> Path | None:
    """Return jieba's dictionary (`dict.txt` of the jieba package, found, not imported), the
    one rjieba has built in, or None when it is not installed."""
    spec = importlib.util.find_spec("jieba")
    for folder in (spec.submodule_search_locations or ()) if spec else ():
        path = Path(folder) / "dict.txt"
        if path.is_file():
            return path
    return None


def _stamp(source: Path) -> str:
    """Return what changes with the dictionary, rjieba or the index's layout."""
    parts = [str(FORMAT)]
    for path in (str(source), getattr(extension(), "__file__", None) or "-"):
        found = os.stat(path) if path != "-" else None
        parts.append(f"{path}:{found.st_size}:{found.st_mtime_ns}" if found else path)
    return "\n".join(parts)


def read_dictionary(source: Path) -> dict[str, tuple[int, str]]:
    """Return each word of a jieba dictionary file with its frequency and tag, as rjieba reads
    them (a word listed twice keeps its first tag and its last frequency)."""
    words: dict[str, tuple[int, str]] = {}
    with source.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, tag = [*line.split(), "", "", ""][:3]
            if word:
                first = words.get(word)
                words[word] = (int(freq or 0), first[1] if first else tag)
    return words


def _build(source: Path, path: Path) -> bool:
    """Write the index of the dictionary at `source` to `path` (whole or not at all); return
    False when rjieba's dictionary is not the same or the index cannot be written."""
    try:
        words = read_dictionary(source)
    except (OSError, ValueError):  # unreadable, or not a dictionary
        return False
    if not agrees(words):
        return False
    groups: dict[str, list[str]] = {}
    for word, (freq, tag) in words.items():
        groups.setdefault(key(word), []).append(f"{word} {freq} {tag}")
    temporary = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)  # left by a process of the same number that was stopped
        with contextlib.closing(sqlite3.connect(temporary)) as db:
            db.execute("CREATE TABLE words (key TEXT PRIMARY KEY, lines TEXT) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (total INTEGER)")
            db.executemany(
                "INSERT INTO words VALUES (?, ?)", ((k, "\n".join(v)) for k, v in groups.items())
            )
            db.execute("INSERT INTO meta VALUES (?)", (sum(f for f, _ in words.values()),))
            db.commit()
        os.replace(temporary, path)
        return True
    except (OSError, sqlite3.Error):
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False


def agrees(words: dict[str, tuple[int, str]]) -> bool:
    """Return True when rjieba's own dictionary holds every word of `words` and segments and
    tags a text strung from them as a segmenter given only `words` does."""
    module = extension()
    whole, copy = module.Jieba(), module.Jieba.empty()
    for word, (freq, tag) in words.items():
        copy.add_word(word, freq, tag)
    if not all(map(whole.has_word, words)):
        return False
    probe = "".join(list(words)[::PROBE_EVERY])
    return bool(whole.tag(probe, hmm=True) == copy.tag(probe, hmm=True))

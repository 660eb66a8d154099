"""Load the packaged vocabularies (zone kinds, genre words, units) from YAML."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from briefdeck.datacache import cached_build

Words = list[str] | str | dict[str, str | int | float]
"""A vocabulary entry: a word list, a pattern or string of marks, or words mapped to words or
numbers (`short_kinds_zh`, `number_words_en`, a language's words)."""
Vocabulary = dict[str, Words]
"""A vocabulary file: entries by name."""


def alternation(words: list[str]) -> str:
    """Return a regex alternation of `words`, longest first (so 高新区 wins over 新区)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def vocabulary(name: str) -> dict[str, Any]:
    """Return the packaged data file `data/<name>.yaml` as a mapping (read once per process)."""
    path = resources.files("briefdeck") / "data" / f"{name}.yaml"
    return cached_build(path.read_text("utf-8"), f"data/{name}.yaml", Vocabulary)


def extend(base: dict[str, Any], path: Path) -> dict[str, Any]:
    """Return `base` with the word lists of the user's YAML file at `path` put before its own."""
    from briefdeck.dataload import Document  # PyYAML is imported only when a file is read

    document = Document.read(path)
    extra = document.build(dict[str, list[str]]) if document.root is not None else {}
    merged = dict(base)
    for key, words in extra.items():
        if not isinstance(base.get(key), list):
            problem = "unknown key" if key not in base else "not a word list: cannot be extended"
            raise document.error(key, problem)
        merged[key] = [*words, *base[key]]
    return merged

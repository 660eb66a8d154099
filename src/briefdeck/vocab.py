"""Load the packaged vocabularies (zone kinds, genre words, units) from YAML."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from briefdeck.errors import BriefdeckError

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The safe YAML loader, in C where libyaml is installed (several times faster)."""


def load_yaml(text: str) -> Any:
    """Return the data of YAML `text`, read with the safe loader (no program objects)."""
    return yaml.load(text, Loader=LOADER)


def alternation(words: list[str]) -> str:
    """Return a regex alternation of `words`, longest first (so 高新区 wins over 新区)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def vocabulary(name: str) -> dict[str, Any]:
    """Return the packaged data file `data/<name>.yaml` as a mapping (read once per process)."""
    text = (resources.files("briefdeck") / "data" / f"{name}.yaml").read_text("utf-8")
    return load_yaml(text)


def extend(base: dict[str, Any], path: Path) -> dict[str, Any]:
    """Return `base` with the lists of the user's YAML file at `path` added to its lists."""
    try:
        extra = load_yaml(path.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise BriefdeckError(f"{path}: cannot read vocabulary ({exc.__class__.__name__})") from None
    if not isinstance(extra, dict):
        raise BriefdeckError(f"{path}: a vocabulary file must be a mapping of lists")
    merged = dict(base)
    for key, value in extra.items():
        if key not in base or not isinstance(value, list):
            raise BriefdeckError(f"{path}: unknown or malformed key {key!r}")
        merged[key] = [*value, *base[key]]
    return merged

"""Shared fixtures: paths to the seed and fixture articles, and decks built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefdeck.layouts import load_layout_set
from briefdeck.pipeline import build_deck, deck_paths, outlines, read_articles

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_5ad35ad114782d3f.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> Path:
    """Return the path of a fixture article."""
    return FIXTURES / name


@pytest.fixture(scope="session")
def seed_articles():
    articles, _ = read_articles(str(SEED))
    return articles


@pytest.fixture(scope="session")
def built_decks(tmp_path_factory):
    """Build the seed and fixture decks in both layout sets once; return {(set, zone): path}."""
    out = tmp_path_factory.mktemp("decks")
    sources = [SEED, fixture("zh_bylines.txt"), fixture("en_zone.txt"), fixture("zh_seams.txt")]
    articles = [a for s in sources for a in read_articles(str(s))[0]]
    zones = outlines(articles)
    decks = {}
    for name in ("briefing", "party-red"):
        layout_set = load_layout_set(name)
        for outline, path in zip(zones, deck_paths([z.zone for z in zones], out / name)):
            build_deck(outline, layout_set, path)
            decks[(name, outline.zone)] = path
    return decks

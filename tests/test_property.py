"""Property: random and mutated articles end in decks that open, or in a BriefdeckError."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from briefdeck.errors import BriefdeckError
from briefdeck.layouts import load_layout_set
from briefdeck.outline_yaml import dump_outline, load_outline
from briefdeck.pipeline import build_deck, deck_paths, outlines, read_articles
from tests.conftest import SEED, fixture

LINES = [
    line
    for path in (SEED, fixture("zh_seams.txt"), fixture("en_zone.txt"), fixture("zh_bylines.txt"))
    for line in path.read_text("utf-8").splitlines()
    if line.strip()
]


@st.composite
def documents(draw) -> str:
    """A document of shuffled source lines, some cut as by page breaks, with noise between."""
    lines = draw(st.lists(st.sampled_from(LINES), min_size=1, max_size=25))
    out: list[str] = []
    for line in lines:
        if len(line) > 4 and draw(st.booleans()):
            cut = draw(st.integers(1, len(line) - 1))
            out += [line[:cut], "", "", line[cut:]]  # a page break inside the line
        else:
            out.append(line)
        if draw(st.integers(0, 9)) == 0:
            out.append(draw(st.text(min_size=1, max_size=40)))  # any Unicode at all
        out.append("")
    return "\n".join(out)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_mutated_articles_give_decks_or_a_clear_error(text):
    layout_set = load_layout_set("briefing")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "input.txt"
        source.write_text(text, "utf-8", errors="surrogatepass")
        try:
            articles, _ = read_articles(str(source))
            zones = outlines(articles)
            for outline, path in zip(
                zones, deck_paths([z.zone for z in zones], Path(work) / "out")
            ):
                assert load_outline(dump_outline(outline), "x.yaml") == outline
                deck = build_deck(outline, layout_set, path)
                slides = Presentation(str(path)).slides
                assert len(slides) == len(deck.slides) >= 2
        except BriefdeckError:
            pass

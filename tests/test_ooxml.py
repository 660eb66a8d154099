"""Every deck the suite builds is valid OOXML by the ECMA-376 schemas (openxml-audit)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator


def schema_errors(deck: Path) -> list[str]:
    """Return openxml-audit's errors for `deck`, one line each."""
    result = OpenXmlValidator().validate(str(deck))
    return [f"{deck.parent.name}/{deck.name}: {error}" for error in result.errors]


def test_every_built_deck_is_schema_valid(built_decks):
    assert len(built_decks) >= 10
    problems = [line for deck in built_decks.values() for line in schema_errors(deck)]
    assert problems == []


@pytest.mark.parametrize("layouts", ["briefing", "party-red"])
def test_charts_have_positive_axis_ids(built_decks, layouts):
    import zipfile

    charts = [
        zipfile.ZipFile(deck).read(name).decode()
        for (name_set, _), deck in built_decks.items()
        if name_set == layouts
        for name in zipfile.ZipFile(deck).namelist()
        if name.startswith("ppt/charts/chart")
    ]
    assert charts
    assert all('axId val="-' not in chart and 'crossAx val="-' not in chart for chart in charts)

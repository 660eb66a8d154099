"""Decks open in a real client: LibreOffice converts every built deck to PDF, page per slide."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from pptx import Presentation

pytestmark = pytest.mark.render


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is required for render tests under CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


@pytest.fixture(scope="session")
def pdfs(built_decks, tmp_path_factory):
    """Convert every built deck to PDF in one LibreOffice run; return {deck: pdf}."""
    binary = soffice()
    out = tmp_path_factory.mktemp("pdf")
    profile = tmp_path_factory.mktemp("lo-profile")
    result = {}
    for name in {key[0] for key in built_decks}:
        decks = [str(p) for (set_name, _), p in built_decks.items() if set_name == name]
        target = out / name
        subprocess.run(
            [binary, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(target), *decks],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
        for (set_name, _), deck in built_decks.items():
            if set_name == name:
                result[deck] = target / (deck.stem + ".pdf")
    return result


def page_count(pdf) -> int:
    """Return the number of pages of a PDF (pdfinfo when installed, else the page objects)."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_every_deck_converts_with_a_page_per_slide(pdfs):
    for deck, pdf in pdfs.items():
        assert pdf.exists(), f"LibreOffice did not convert {deck.name}"
        assert page_count(pdf) == len(Presentation(str(deck)).slides), deck.name

"""The package's boundaries: who imports pptx and click, and no seed text in the code."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, SEED

SRC = ROOT / "src" / "briefdeck"


def imports(path: Path, module: str) -> bool:
    text = path.read_text("utf-8")
    return bool(re.search(rf"^\s*(?:import|from)\s+{module}\b", text, re.M))


def test_only_render_imports_pptx():
    offenders = [p for p in SRC.rglob("*.py") if imports(p, "pptx") and "render" not in p.parts]
    assert offenders == []


def test_only_cli_imports_click():
    offenders = [p for p in SRC.rglob("*.py") if imports(p, "click") and p.name != "cli.py"]
    assert offenders == []


def test_no_seed_text_in_code_or_layouts():
    seed = SEED.read_text("utf-8")
    # Every run of six CJK characters of the seed is a string the code must not know.
    runs = {m.group(0) for m in re.finditer(r"[\u4e00-\u9fff]{6}", seed)}
    files = [*SRC.rglob("*.py"), *SRC.rglob("*.yaml"), *(ROOT / "layouts").rglob("*.yaml")]
    found = {(p.name, r) for p in files for r in runs if r in p.read_text("utf-8")}
    assert found == set()

"""The package's boundaries: who imports what, no seed text in the code, no long functions."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
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


def test_only_the_pdf_reader_imports_the_pdf_library_and_only_when_a_pdf_is_read():
    offenders = [p for p in SRC.rglob("*.py") if imports(p, "pypdfium2") and p.name != "pdf.py"]
    assert offenders == []
    module = ast.parse((SRC / "read" / "pdf.py").read_text("utf-8"))
    assert not [m for m in imported_at_top(module) if m.startswith("pypdfium2")]
    code = "import sys, briefdeck.cli, briefdeck.pipeline; print('pypdfium2' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def imported_at_top(module: ast.Module) -> list[str]:
    """Return the modules a module imports outside its functions."""
    out = []
    for node in module.body:
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
    return out


def test_no_seed_text_in_code_or_layouts():
    seed = SEED.read_text("utf-8")
    # Every run of six CJK characters of the seed is a string the code must not know.
    runs = {m.group(0) for m in re.finditer(r"[\u4e00-\u9fff]{6}", seed)}
    files = [*SRC.rglob("*.py"), *SRC.rglob("*.yaml"), *(ROOT / "layouts").rglob("*.yaml")]
    found = {(p.name, r) for p in files for r in runs if r in p.read_text("utf-8")}
    assert found == set()


MAX_LINES = 80
"""Longest function or class in src/, in lines (decorators not counted)."""


def test_no_function_or_class_over_80_lines():
    long = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                name = f"{path.relative_to(SRC).as_posix()}:{node.name}"
                if lines > MAX_LINES:
                    long.append(f"{name} ({lines} lines, line {node.lineno})")
    assert long == []


def imported(path: Path) -> set[str]:
    """Return the modules `path` imports, `from a import b` giving a and a.b."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.update([node.module, *(f"{node.module}.{a.name}" for a in node.names)])
    return out


def test_planning_imports_neither_render_nor_cli():
    planning = [SRC / "plan.py", *(SRC / "planning").rglob("*.py")]
    banned = re.compile(r"^(?:click|pptx|briefdeck\.(?:render|cli|pipeline|batch))(?:\.|$)")
    offenders = {(p.name, m) for p in planning for m in imported(p) if banned.match(m)}
    assert offenders == set()


def test_only_the_pipeline_reads_documents():
    reading = {"briefdeck.read.read_document", "briefdeck.structure.structure"}
    readers = {
        p.relative_to(SRC).as_posix()
        for p in SRC.rglob("*.py")
        if "read" not in p.relative_to(SRC).parts[:-1] and imported(p) & reading
    }
    assert readers == {"pipeline.py"}


def test_no_module_keeps_a_cache_of_its_own():
    """Caches belong to objects (the renderer, the article reader), never to module globals."""
    offenders = []
    for path in SRC.rglob("*.py"):
        for node in ast.parse(path.read_text("utf-8")).body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(value, (ast.Dict, ast.List, ast.Set)) and not value_elements(value):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def value_elements(node: ast.Dict | ast.List | ast.Set) -> list[ast.expr | None]:
    """Return the elements a dict, list or set display is written with."""
    return list(node.keys) if isinstance(node, ast.Dict) else list(node.elts)


def test_language_codes_live_in_the_language_module():
    codes = re.compile(r"""["'](?:zh|en)["']""")
    offenders = [p.name for p in SRC.rglob("*.py") if codes.search(p.read_text("utf-8"))]
    assert offenders == ["language.py"]


def test_the_emu_factor_and_the_insets_are_defined_once():
    defined = re.compile(r"^(?:INSET_X|INSET_Y|BULLET_INDENT|EMU_PER_INCH)\s*=|914400", re.M)
    places = [p.name for p in SRC.rglob("*.py") if defined.search(p.read_text("utf-8"))]
    assert places == ["geometry.py"]

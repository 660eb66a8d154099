"""The command line: exit codes, exact error lines, the parse contract, decks per zone, the bar."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from briefdeck import __version__
from briefdeck.cli import main
from tests.conftest import SEED, fixture

CONTRACT_ARTICLE_KEYS = {
    "source", "index", "language", "zone", "zones_mentioned", "title", "kicker", "author",
    "meta", "sections", "captions", "credits", "quotes", "metrics",
}  # fmt: skip
CONTRACT_METRIC_KEYS = {
    "text", "value", "unit", "qualifier", "label", "sentence", "section", "paragraph", "group",
    "number", "low", "high", "form",
}  # fmt: skip


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def errors(result) -> list[str]:
    """Return the `Error:` lines of a run's standard error."""
    return [line for line in result.stderr.splitlines() if line.startswith("Error: ")]


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", [[], ["parse"], ["outline"], ["build"], ["layouts"]])
def test_help_has_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output and "briefdeck " in result.output


def test_parse_json_contract():
    result = run("parse", str(SEED), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["version"] == 2 and len(data["articles"]) == 2
    for article in data["articles"]:
        assert set(article) >= CONTRACT_ARTICLE_KEYS
        assert article["metrics"] and all(
            set(m) >= CONTRACT_METRIC_KEYS for m in article["metrics"]
        )
        for m in article["metrics"]:
            paragraph = article["sections"][m["section"]]["paragraphs"][m["paragraph"]]
            assert m["text"] in paragraph["text"]
    assert "平顶山高新区" in result.output  # non-ASCII written as itself


def test_parse_yaml_is_the_same_structure():
    as_json = json.loads(run("parse", str(SEED)).output)
    as_yaml = yaml.safe_load(run("parse", str(SEED), "--format", "yaml").output)
    assert as_yaml == as_json


def test_build_writes_one_deck_per_zone(tmp_path):
    result = run("build", str(SEED), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["平顶山高新区.pptx", "随州高新区.pptx"]


def test_build_refuses_to_replace_without_force(tmp_path):
    assert run("build", str(SEED), "-o", str(tmp_path)).exit_code == 0
    again = run("build", str(SEED), "-o", str(tmp_path))
    assert again.exit_code == 1
    assert (
        f"Error: {tmp_path / '平顶山高新区.pptx'}: already exists (use --force to replace it)"
        in again.output
    )
    assert run("build", str(SEED), "-o", str(tmp_path), "--force").exit_code == 0


def test_missing_input_is_one_error_line(tmp_path):
    result = run("build", "nope.txt", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert errors(result) == ["Error: nope.txt: no such file"]
    assert result.stderr.splitlines()[-1] == "0 decks written, 0 warnings, 1 error"
    assert "Traceback" not in result.output


def test_other_inputs_still_processed(tmp_path):
    result = run("build", "nope.txt", str(SEED), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert (tmp_path / "随州高新区.pptx").exists()


def test_unknown_layout_set(tmp_path):
    result = run("build", str(SEED), "-o", str(tmp_path), "--layouts", "nosuch")
    assert result.exit_code == 1
    assert (
        result.output.strip() == "Error: nosuch: no such layout set (built in: briefing, party-red)"
    )


def test_bad_usage_exits_2():
    assert run("build", str(SEED)).exit_code == 2


def test_layouts_lists_the_sets():
    result = run("layouts")
    assert result.exit_code == 0
    assert [line.split("\t")[0] for line in result.output.splitlines()] == ["briefing", "party-red"]


def test_outline_then_build_from_outline(tmp_path):
    result = run("outline", str(SEED), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "out").glob("*.yaml"))
    assert [f.name for f in files] == ["平顶山高新区.yaml", "随州高新区.yaml"]
    built = run("build", str(files[0]), "-o", str(tmp_path / "decks"))
    assert built.exit_code == 0, built.output
    assert (tmp_path / "decks" / "平顶山高新区.pptx").exists()


def test_preview_without_libreoffice_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    deck = tmp_path / "d.pptx"
    deck.write_bytes(b"x")
    result = run("preview", str(deck), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: LibreOffice is not installed (Debian/Ubuntu: apt-get install libreoffice-impress fonts-noto-cjk)"
    )


def test_console_entry_point_exit_codes(tmp_path):
    def console(*args):
        return subprocess.run(
            [sys.executable, "-m", "briefdeck", *args], capture_output=True, text=True
        )

    ok = console("build", str(SEED), "-o", str(tmp_path))
    assert ok.returncode == 0 and ok.stdout.count(".pptx") == 2
    missing = console("build", "nope.txt", "-o", str(tmp_path))
    assert (
        missing.returncode == 1
        and missing.stderr.splitlines()[0] == "Error: nope.txt: no such file"
    )
    assert console("build").returncode == 2


def test_build_of_the_seed_folder_shows_no_bar_off_a_terminal(tmp_path):
    result = run("build", str(SEED.parent), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        str(tmp_path / "平顶山高新区.pptx"),
        str(tmp_path / "随州高新区.pptx"),
    ]
    assert result.stderr == "2 decks written, 0 warnings, 0 errors\n"
    assert not {"\r", "\x1b", "#"} & set(result.stderr)


def test_quiet_prints_nothing_but_errors(tmp_path):
    noisy = tmp_path / "noisy.txt"  # its control characters are removed, with a warning
    noisy.write_text(SEED.read_text("utf-8").replace("。", "。\x07", 3), "utf-8")
    inputs = ["nope.txt", str(noisy), str(fixture("zh_nozone.txt"))]
    loud = run("build", *inputs, "-o", str(tmp_path / "loud"))
    assert [line.split(" ")[0] for line in loud.stderr.splitlines()] == [
        "Error:", "Warning:", "Skipped", "2",
    ]  # fmt: skip
    quiet = run("build", *inputs, "-o", str(tmp_path / "quiet"), "--quiet")
    assert quiet.exit_code == 1
    assert quiet.stderr == "Error: nope.txt: no such file\n"
    assert len(quiet.stdout.splitlines()) == 2  # the decks written, as without --quiet


def screen(raw: bytes) -> list[str]:
    """Return the lines a terminal shows for `raw`: escapes dropped, each line as its carriage
    returns leave it (what follows a return writes over what was there)."""
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", raw.decode("utf-8"))
    lines = []
    for line in text.removesuffix("\n").split("\n"):
        cells: list[str] = []
        column = 0
        for char in line:
            if char == "\r":
                column = 0
            else:
                cells[column : column + 1] = [char]
                column += 1
        lines.append("".join(cells).rstrip())
    return lines


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_the_bar_stays_below_the_lines_printed(tmp_path):
    (tmp_path / "随州高新区.pptx").write_bytes(b"x")  # the last deck fails: the bar comes back
    leader, follower = os.openpty()
    args = [sys.executable, "-m", "briefdeck", "build", str(SEED), "-o", str(tmp_path), "-j", "1"]
    with subprocess.Popen(args, stdout=follower, stderr=follower) as child:
        os.close(follower)
        raw = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child is gone and its terminal closed
                break
            if not chunk:
                break
            raw += chunk
    os.close(leader)
    assert child.returncode == 1
    assert screen(raw) == [
        str(tmp_path / "平顶山高新区.pptx"),
        f"Error: {tmp_path / '随州高新区.pptx'}: already exists (use --force to replace it)",
        "[##############################] 2/2 decks",
        "1 deck written, 0 warnings, 1 error",
    ]

"""Many documents: folders and globs, parallel jobs identical to one, light start-up, events."""

from __future__ import annotations

import dataclasses
import io
import multiprocessing
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefdeck import batch
from briefdeck.batch import BuildSettings, EventKind, build_all
from briefdeck.cli import main
from briefdeck.layouts import load_layout_set
from briefdeck.pipeline import ZoneJob, read_articles
from tests.conftest import FIXTURES, SEED, failing_build, fixture


def parts(deck) -> dict[str, bytes]:
    """Return a deck's parts; embedded workbooks are opened too, less their creation time."""
    with zipfile.ZipFile(deck) as package:
        out = {name: package.read(name) for name in package.namelist()}
    for name in [n for n in out if n.endswith(".xlsx")]:
        with zipfile.ZipFile(io.BytesIO(out.pop(name))) as workbook:
            for inner in workbook.namelist():
                if inner != "docProps/core.xml":  # XlsxWriter stamps the time it ran
                    out[f"{name}/{inner}"] = workbook.read(inner)
    return out


def test_parallel_jobs_write_the_same_decks_as_one(tmp_path):
    runner = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"})  # the same times in both
    args = ["build", str(SEED), str(FIXTURES), "--quiet"]
    one = runner.invoke(main, [*args, "-o", str(tmp_path / "one"), "--jobs", "1"])
    two = runner.invoke(main, [*args, "-o", str(tmp_path / "two"), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 0, one.output + two.output
    assert one.output.replace("/one/", "/") == two.output.replace("/two/", "/")  # same order
    names = sorted(p.name for p in (tmp_path / "one").glob("*.pptx"))
    assert len(names) >= 10 and names == sorted(p.name for p in (tmp_path / "two").glob("*.pptx"))
    for name in names:
        assert parts(tmp_path / "one" / name) == parts(tmp_path / "two" / name), name


def test_folders_and_globs(tmp_path):
    result = CliRunner().invoke(main, ["outline", str(FIXTURES / "zh_*.txt"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "石门科技园.yaml" in {p.name for p in tmp_path.iterdir()}
    folder = CliRunner().invoke(main, ["parse", str(FIXTURES)])
    assert folder.exit_code == 0
    files = [p for p in FIXTURES.rglob("*") if p.suffix in (".txt", ".md", ".pdf")]
    assert folder.output.count('"source": ') == sum(len(read_articles(str(p))[0]) for p in files)


def test_summary_line(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path)])
    assert result.stderr.splitlines()[-1] == "2 decks written, 0 warnings, 0 errors"
    quiet = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path), "--force", "-q"])
    assert quiet.stderr == ""


def test_help_and_parse_do_not_import_pptx():
    code = (
        "import sys, io, contextlib\n"
        "from briefdeck.cli import main\n"
        "for args in (['--help'], ['parse', sys.argv[1]]):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            main(args)\n"
        "        except SystemExit:\n"
        "            pass\n"
        "print(sorted(m for m in ('pptx', 'docx', 'PIL') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(SEED)], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


FORK = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="workers inherit patches by fork"
)


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=FORK)])
def test_an_internal_error_stops_one_deck_only(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(batch, "build_deck", failing_build("随州高新区"))  # forked workers too
    monkeypatch.setattr(batch, "POOL_MIN", 1)  # the seed's two decks built by workers too
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path), "--jobs", jobs])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {tmp_path / '随州高新区.pptx'}: internal error: StopIteration"
        " (run with --debug for details)",
        "1 deck written, 0 warnings, 1 error",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["平顶山高新区.pptx"]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("jobs", ["1", pytest.param("2", marks=FORK)])
def test_debug_shows_the_traceback_and_builds_the_others(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr(batch, "build_deck", failing_build("随州高新区"))
    monkeypatch.setattr(batch, "POOL_MIN", 1)
    args = ["build", str(SEED), "-o", str(tmp_path), "--jobs", jobs, "--debug"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "Traceback (most recent call last):" in result.stderr
    assert f"Error: {tmp_path / '随州高新区.pptx'}: internal error: StopIteration" in (
        result.stderr.splitlines()
    )
    assert [p.name for p in tmp_path.iterdir()] == ["平顶山高新区.pptx"]


def test_an_internal_error_reading_one_input_spares_the_others(tmp_path, monkeypatch):
    other = tmp_path / "other.txt"
    other.write_bytes(SEED.read_bytes())
    from briefdeck import pipeline

    real = pipeline.read_articles

    def read_articles(source, options):
        if source == str(other):
            raise ZeroDivisionError("division by zero")
        return real(source, options)

    monkeypatch.setattr(pipeline, "read_articles", read_articles)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(SEED), str(other), "-o", str(out), "-q"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error: {other}: internal error: ZeroDivisionError: division by zero"
        " (run with --debug for details)"
    ]
    assert len(list(out.glob("*.pptx"))) == 2


@FORK
def test_a_worker_that_dies_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "build_deck", failing_build("随州高新区", lambda: os._exit(3)))
    monkeypatch.setattr(batch, "POOL_MIN", 1)
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 1
    assert f"Error: {tmp_path / '随州高新区.pptx'}: internal error: BrokenProcessPool: " in (
        result.stderr
    )
    assert "Traceback" not in result.output


def events(sources, out, jobs=1) -> list[batch.Event]:
    """Return the events of building `sources` into `out`, less warnings."""
    settings = BuildSettings(layout_set=load_layout_set("briefing"), out_dir=out)
    found = build_all([str(s) for s in sources], settings, jobs)
    return [e for e in found if e.kind is not EventKind.WARNING]


def test_events_are_typed_the_planned_count_an_int(tmp_path):
    skipped, planned, *decks = events([SEED, fixture("zh_nozone.txt")], tmp_path)
    assert skipped.kind is EventKind.SKIPPED
    assert skipped.titles == ("以数字化改革提升基层治理效能",) and skipped.message == ""
    assert planned.kind is EventKind.PLANNED
    assert type(planned.count) is int and planned.count == 2 and planned.message == ""
    assert [(e.kind, e.path, e.deck is not None) for e in decks] == [
        (EventKind.DECK, tmp_path / "平顶山高新区.pptx", True),
        (EventKind.DECK, tmp_path / "随州高新区.pptx", True),
    ]
    with pytest.raises(dataclasses.FrozenInstanceError):
        planned.count = 3


def test_an_error_event_names_the_deck_it_ends_and_none_for_an_input(tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "build_deck", failing_build("随州高新区"))
    missing, planned, deck, failed = events([tmp_path / "nope.txt", SEED], tmp_path)
    assert (missing.kind, missing.path, missing.trace) == (EventKind.ERROR, None, "")
    assert missing.message == f"{tmp_path / 'nope.txt'}: no such file"
    assert (planned.count, deck.kind) == (2, EventKind.DECK)
    assert (failed.kind, failed.path) == (EventKind.ERROR, tmp_path / "随州高新区.pptx")
    assert failed.message.endswith("internal error: StopIteration") and "Traceback" in failed.trace


def test_zones_of_one_document_are_built_by_one_worker_when_there_is_work_enough():
    settings = BuildSettings(layout_set=load_layout_set("briefing"), out_dir=Path("out"))
    jobs = [ZoneJob(f"z{n}", ((f"f{n // 2}.txt", n % 2),)) for n in range(12)]
    tasks = [(job, Path(f"{job.zone}.pptx"), settings) for job in jobs]
    groups = batch._grouped(tasks, 2)
    assert [[t[0].zone for t in g] for g in groups] == [
        [f"z{n}", f"z{n + 1}"] for n in range(0, 12, 2)
    ]
    assert batch._grouped(tasks[:4], 2) == [[t] for t in tasks[:4]]  # few: side by side


def test_a_few_decks_are_planned_here_and_written_beside_without_workers(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(batch, "_executor", lambda jobs: started.append(jobs))
    decks = [e for e in events([SEED], tmp_path / "two", jobs=2) if e.kind is EventKind.DECK]
    assert len(decks) == 2 and started == []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    for jobs in (1, 2):
        events([SEED], tmp_path / str(jobs), jobs)
    for name in ("平顶山高新区.pptx", "随州高新区.pptx"):
        assert parts(tmp_path / "1" / name) == parts(tmp_path / "2" / name), name


def failing_render(zone: str, fail=None):
    """Return `render.render_deck` failing for `zone` (in the writer, which inherits it)."""
    from briefdeck import render

    real = render.render_deck

    def render_deck(deck, *args, **kwargs):
        if deck.zone == zone:
            if fail:
                fail()
            raise ZeroDivisionError("division by zero")
        return real(deck, *args, **kwargs)

    return render_deck


@FORK
def test_an_error_writing_a_deck_beside_is_that_deck_s_alone(tmp_path, monkeypatch):
    monkeypatch.setattr("briefdeck.render.render_deck", failing_render("平顶山高新区"))
    built = events([SEED], tmp_path, jobs=2)
    assert [(e.kind, e.path) for e in built[1:]] == [
        (EventKind.ERROR, tmp_path / "平顶山高新区.pptx"),
        (EventKind.DECK, tmp_path / "随州高新区.pptx"),
    ]
    assert built[1].message.endswith("internal error: ZeroDivisionError: division by zero")
    assert [p.name for p in tmp_path.iterdir()] == ["随州高新区.pptx"]


@FORK
def test_a_writer_that_dies_is_an_error_not_a_traceback(tmp_path, monkeypatch):
    monkeypatch.setattr(
        "briefdeck.render.render_deck", failing_render("平顶山高新区", lambda: os._exit(3))
    )
    result = CliRunner().invoke(main, ["build", str(SEED), "-o", str(tmp_path), "--jobs", "2"])
    assert result.exit_code == 1
    assert f"Error: {tmp_path / '平顶山高新区.pptx'}: internal error: BrokenProcessPool: " in (
        result.stderr
    )
    assert "Traceback" not in result.output

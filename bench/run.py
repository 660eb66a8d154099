"""Benchmark `briefdeck build` on generated files, against pandoc run at the same parallelism.

Run by hand (not by pytest), from the repository root after installing briefdeck:

    python bench/run.py                     # 1, 100 and 1,000 files of two articles each
    python bench/run.py --sizes 1 100       # a quicker run

It writes N files in the genre, each of two articles about zones of their own (made from the
Chinese fixture articles in tests/fixtures, zone names replaced by generated ones), as .txt
for briefdeck and as Markdown for pandoc. It times `briefdeck build` with --jobs 1 and
--jobs <cores>, samples the peak memory of the whole process tree (the command and its
workers: resident sets summed, which counts the pages forked workers share once per process,
and proportional sets summed, which counts each page once), and times pandoc converting the
same files, J at a time when briefdeck has --jobs J (up to --pandoc-max files); up to 100
files, each time is the median of --repeat runs, briefdeck's and pandoc's in turn. It prints a
Markdown table (ratio: pandoc's seconds per file over briefdeck's seconds per deck), then the
milliseconds per deck of each stage (read, outline, plan, check, render) in one process, of the
seed's two decks (median of 20 rounds) and of the first size of at least 100 files
(bench/stages.py's measure: CPU time, every cache of texts emptied before each round).
briefdeck runs as installed, its bytecode cached (PYTHONDONTWRITEBYTECODE is not passed on: an
install compiles it), after one build that is not timed.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ["zh_seams.txt", "zh_leads_quotes.txt", "zh_heldout.txt", "zh_nozone.txt"]
FIRST = "东西南北中新清青云金"
SECOND = "湖山江河川林原岭港桥"
THIRD = "阳泉溪湾坪塘峰州源宁"
KINDS = ["高新区", "经开区", "科技城", "产业园区"]


def zone_names(count: int) -> list[str]:
    """Return `count` distinct generated zone names (three characters and a kind)."""
    names = ("".join(p) + k for p in itertools.product(FIRST, SECOND, THIRD) for k in KINDS)
    return list(itertools.islice(names, count))


def template_articles() -> list[tuple[str, str]]:
    """Return (text, zone) of each fixture article used as a template."""
    from briefdeck.pipeline import read_articles

    out = []
    for name in TEMPLATES:
        path = ROOT / "tests" / "fixtures" / name
        (article, *_), _ = read_articles(str(path))
        out.append((path.read_text("utf-8"), article.zone))
    return out


def as_markdown(text: str) -> str:
    """Return the article as Markdown for pandoc: title, headings, paragraphs."""
    from briefdeck.read.text import text_blocks
    from briefdeck.structure import is_heading_like

    blocks = text_blocks(text)
    lines = [f"# {blocks[0].text}", ""]
    for block in blocks[1:]:
        lines += [f"## {block.text}" if is_heading_like(block.text) else block.text, ""]
    return "\n".join(lines)


def generate(count: int, folder: Path, per_file: int = 1) -> tuple[Path, Path]:
    """Write `count` files of `per_file` articles each, as .txt (for briefdeck) and .md (for
    pandoc); return both folders."""
    texts, marks = folder / "txt", folder / "md"
    texts.mkdir(parents=True)
    marks.mkdir()
    templates = template_articles()
    articles = []
    for n, zone in enumerate(zone_names(count * per_file)):
        text, old = templates[n % len(templates)]
        article = text.replace(old, zone) if old else text
        if not old or old not in text:  # an article without a zone: its title names the new one
            article = zone + "建设提速\n" + text
        articles.append(article.strip())
    for n in range(count):
        mine = articles[n * per_file : (n + 1) * per_file]
        (texts / f"{n:04d}.txt").write_text("\n\n".join(mine) + "\n", "utf-8")
        (marks / f"{n:04d}.md").write_text("\n".join(as_markdown(a) for a in mine), "utf-8")
    return texts, marks


def tree_memory(pid: int) -> tuple[int, int]:
    """Return the memory (bytes) of process `pid` and its descendants: resident sets summed
    (the pages forked workers share counted in each) and proportional sets summed (each shared
    page counted once in all)."""
    rss = pss = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines()[1:]:
                key, value = line.split(":")
                if key in ("Rss", "Pss"):
                    kb = int(value.split()[0]) * 1024
                    rss, pss = (rss + kb, pss) if key == "Rss" else (rss, pss + kb)
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
                todo += [int(c) for c in children]
        except (OSError, ValueError):
            continue  # the process ended while it was being read
    return rss, pss


def timed(command: list[str]) -> tuple[float, tuple[int, int]]:
    """Return wall seconds and peak memory of a command's process tree (bytes: resident sets
    summed, proportional sets summed)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            peak[:] = map(max, peak, tree_memory(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{err.decode()[-500:]}")
    return wall, (peak[0], peak[1])


def megabytes(peak: tuple[int, int]) -> str:
    """Return peak memory as `RSS / PSS` megabytes."""
    return f"{peak[0] / 2**20:.0f} / {peak[1] / 2**20:.0f}"


def pandoc_seconds(folder: Path, out: Path, jobs: int) -> float:
    """Return the wall seconds pandoc takes to convert every .md file, `jobs` at a time."""
    out.mkdir()
    sources = sorted(folder.glob("*.md"))

    def convert(source: Path) -> None:
        command = ["pandoc", str(source), "-o", str(out / f"{source.stem}.pptx")]
        subprocess.run(command, check=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(jobs) as pool:  # each thread waits on one pandoc process
        list(pool.map(convert, sources))
    return time.perf_counter() - start


def stage_rows(sources: list[str], rounds: int = 1) -> list[str]:
    """Return bench/stages.py's table of CPU milliseconds per deck for `sources`, built in
    `rounds` rounds after a warm-up, every cache of texts emptied before each."""
    sys.path.insert(0, str(ROOT / "bench"))
    import stages

    stages.CLOCK[0] = time.process_time
    rows = []
    with tempfile.TemporaryDirectory(prefix="briefdeck-stages-") as work:
        stages.one_round(sources, Path(work))  # warm-up: imports, dictionaries, layouts
        caches = stages.text_caches()
        for _ in range(rounds):
            for empty in caches:
                empty()
            rows += stages.one_round(sources, Path(work))
    return stages.table(rows)


def seed_row(briefdeck: str, work: str, cores: int) -> str:
    """Return the row of the seed: one file, two decks, the median of five builds."""
    seed = ROOT / "seeds" / "000_5ad35ad114782d3f.txt"
    runs = [timed([briefdeck, "build", str(seed), "-o", f"{work}/seed", "--quiet", "--force"])
            for _ in range(5)]  # fmt: skip
    wall = statistics.median(r[0] for r in runs)
    peak = (max(r[1][0] for r in runs), max(r[1][1] for r in runs))
    return (f"| seed: 1 file, 2 decks, median of 5 | | {cores} | {wall:.2f} | {2 / wall:.1f} | "
            f"{wall / 2:.3f} | {megabytes(peak)} | | |")  # fmt: skip


def size_rows(
    briefdeck: str, size: int, work: Path, cores: int, pandoc: bool, per_file: int, repeat: int
) -> list[str]:
    """Return the rows of `size` files: briefdeck with one job and with `cores`, pandoc at the
    same parallelism, each the median of `repeat` runs taken in turn (the machine's load
    falls on both alike)."""
    texts, marks = generate(size, work / f"n{size}", per_file)
    out = []
    for jobs in sorted({1, cores}):
        walls, peaks, pandocs = [], [], []
        for n in range(repeat):
            folder = work / f"out{size}-{jobs}-{n}"
            wall, peak = timed(
                [briefdeck, "build", str(texts), "-o", str(folder), "--jobs", str(jobs), "--quiet"]
            )
            walls.append(wall)
            peaks.append(peak)
            if pandoc:
                pandocs.append(pandoc_seconds(marks, work / f"pandoc{size}-{jobs}-{n}", jobs))
        decks = len(list(folder.glob("*.pptx")))
        if decks < 0.95 * size * per_file:  # a few generated names may fall in one zone
            raise SystemExit(f"expected {size * per_file} decks, found {decks}")
        wall = statistics.median(walls)
        peak = (max(p[0] for p in peaks), max(p[1] for p in peaks))
        per_file_s = statistics.median(pandocs) / size if pandocs else None
        ratio = f"{per_file_s / (wall / decks):.1f}x" if per_file_s else "—"
        cell = f"{per_file_s:.3f}" if per_file_s else "—"
        out.append(f"| {size} | {decks} | {jobs} | {wall:.2f} | {decks / wall:.1f} | "
                   f"{wall / decks:.4f} | {megabytes(peak)} | {cell} | {ratio} |")  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 100, 1000])
    parser.add_argument("--per-file", type=int, default=2, help="articles in each file")
    parser.add_argument("--pandoc-max", type=int, default=100, help="most files pandoc converts")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each size up to 100 files (median)"
    )
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    briefdeck = shutil.which("briefdeck") or sys.exit("briefdeck is not installed (pip install .)")
    pandoc = shutil.which("pandoc")
    version = "no pandoc"
    if pandoc:
        found = subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout
        version = "pandoc " + found.split()[1]
    python = platform.python_version()
    print(f"machine: {platform.machine()}, {cores} cores, Python {python}, {version}")
    print()
    print("| files | decks | jobs | wall s | decks/s | s/deck | peak MB, RSS / PSS | pandoc s/file "
          "| ratio |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="briefdeck-bench-") as work:
        seed = ROOT / "seeds" / "000_5ad35ad114782d3f.txt"
        timed([briefdeck, "build", str(seed), "-o", f"{work}/warm", "--quiet"])  # bytecode
        print(seed_row(briefdeck, work, cores), flush=True)
        for size in args.sizes:
            use_pandoc = bool(pandoc) and size <= args.pandoc_max
            repeat = args.repeat if size <= 100 else 1
            rows = size_rows(briefdeck, size, Path(work), cores, use_pandoc, args.per_file, repeat)
            print("\n".join(rows), flush=True)
        print()
        print("Stages, ms per deck, one process, the seed's 2 decks, 20 rounds (CPU time):")
        print()
        print("\n".join(stage_rows([str(seed)], rounds=20)))
        staged = next((s for s in args.sizes if s >= 100), None)
        if staged is not None:
            texts = sorted(str(p) for p in (Path(work) / f"n{staged}" / "txt").glob("*.txt"))
            print()
            print(f"Stages, ms per deck, one process, {staged} files (CPU time):")
            print()
            print("\n".join(stage_rows(texts)))


if __name__ == "__main__":
    main()

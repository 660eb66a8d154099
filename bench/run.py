"""Benchmark `briefdeck build` on N generated articles, against pandoc where it is installed.

Run by hand (not by pytest), from the repository root after installing briefdeck:

    python bench/run.py                 # N = 1, 50, 500
    python bench/run.py --sizes 1 50    # a quicker run

It writes N articles in the genre, each about its own zone, made from the Chinese fixture
articles in tests/fixtures (zone names replaced by generated ones). It times
`briefdeck build` with --jobs 1 and --jobs <cores>, samples the peak memory of the whole process
tree (the command and its workers, summed), and times pandoc converting the same articles,
written as Markdown, one file at a time. It prints a Markdown table.
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


def generate(count: int, folder: Path) -> tuple[Path, Path]:
    """Write `count` articles as .txt (for briefdeck) and .md (for pandoc); return both folders."""
    texts, marks = folder / "txt", folder / "md"
    texts.mkdir(parents=True)
    marks.mkdir()
    templates = template_articles()
    for n, zone in enumerate(zone_names(count)):
        text, old = templates[n % len(templates)]
        article = text.replace(old, zone) if old else text
        if not old or old not in text:  # an article without a zone: its title names the new one
            article = zone + "建设提速\n" + text
        (texts / f"{n:04d}.txt").write_text(article, "utf-8")
        (marks / f"{n:04d}.md").write_text(as_markdown(article), "utf-8")
    return texts, marks


def tree_rss(pid: int) -> int:
    """Return the summed resident memory (bytes) of process `pid` and its descendants."""
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        try:
            total += int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            for task in os.listdir(f"/proc/{current}/task"):
                children = Path(f"/proc/{current}/task/{task}/children").read_text().split()
                todo += [int(c) for c in children]
        except (OSError, ValueError):
            continue  # the process ended while it was being read
    return total


def timed(command: list[str]) -> tuple[float, int]:
    """Return wall seconds and peak memory (bytes, summed over the process tree) of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, tree_rss(process.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, err = process.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{err.decode()[-500:]}")
    return wall, peak


def pandoc_seconds(folder: Path, out: Path) -> float:
    """Return the wall seconds pandoc takes to convert every .md file, one at a time."""
    out.mkdir()
    start = time.perf_counter()
    for source in sorted(folder.glob("*.md")):
        subprocess.run(["pandoc", str(source), "-o", str(out / f"{source.stem}.pptx")], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 50, 500])
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
    print("| articles | jobs | wall s | decks/s | s/deck | peak MB | pandoc s/file | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    seed = ROOT / "seeds" / "000_5ad35ad114782d3f.txt"
    with tempfile.TemporaryDirectory(prefix="briefdeck-bench-") as work:
        runs = [timed([briefdeck, "build", str(seed), "-o", f"{work}/seed", "--quiet", "--force"])
                for _ in range(5)]  # fmt: skip
        wall = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        print(f"| seed: 2 decks, median of 5 | {cores} | {wall:.2f} | {2 / wall:.1f} | "
              f"{wall / 2:.3f} | {peak / 2**20:.0f} | | |")  # fmt: skip
        for size in args.sizes:
            texts, marks = generate(size, Path(work) / f"n{size}")
            per_file = (
                pandoc_seconds(marks, Path(work) / f"pandoc{size}") / size if pandoc else None
            )
            for jobs in sorted({1, cores}):
                out = Path(work) / f"out{size}-{jobs}"
                command = [
                    briefdeck,
                    "build",
                    str(texts),
                    "-o",
                    str(out),
                    "--jobs",
                    str(jobs),
                    "--quiet",
                ]
                wall, peak = timed(command)
                decks = len(list(out.glob("*.pptx")))
                if decks != size:
                    raise SystemExit(f"expected {size} decks, found {decks}")
                ratio = f"{per_file / (wall / decks):.1f}x" if per_file else "—"
                pandoc_cell = f"{per_file:.3f}" if per_file else "—"
                print(f"| {size} | {jobs} | {wall:.2f} | {decks / wall:.1f} | {wall / decks:.3f} | "
                      f"{peak / 2**20:.0f} | {pandoc_cell} | {ratio} |")  # fmt: skip


if __name__ == "__main__":
    main()

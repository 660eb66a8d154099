"""Time each stage of a build (read, outline, plan, check, render) per deck, in one process.

Run by hand (not by pytest), from the repository root after installing briefdeck:

    python bench/stages.py                    # the seed decks, 20 rounds
    python bench/stages.py --generated 100    # 100 articles made as bench/run.py makes them
    python bench/stages.py tests/fixtures --rounds 5

Each round reads every document, outlines its zones, then plans, checks (figures matched back
to the articles) and renders each zone's deck, timing each stage. A document's reading time is
shared evenly among the decks made from it. One round before the timed ones warms up imports,
the reader's dictionaries and the widths of characters and words. Before each timed round every
cache of whole texts is emptied (segmented words, zone mentions, figures found, widths, wrapped
lines, fitted sizes), so every round meets its texts as a process meets a new deck's: for the
first time (--cold empties the caches of characters and words too, --warm empties none). It
prints a Markdown table of milliseconds per deck: median and mean over every deck of every round
(wall time, or the process's CPU time with --cpu, steadier on a machine others are using).
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("read", "outline", "plan", "check", "render")
KEPT = {"char_width"}
"""Caches of single characters, which a process that has built a deck has filled (with the
dictionaries of measured characters and words, emptied only by --cold)."""
LOADERS = {"_rules", "rules", "_patterns", "_bare", "_english", "_words", "_segmenter",
           "extension", "open_index", "vocabulary", "load_layout_set", "_fixed_parts",
           "relative", "compiled", "_cells"}  # fmt: skip
"""Caches of what is loaded once per process (rules, patterns, the segmenter and its index,
layout sets, a chart workbook's fixed parts) or of what every deck asks alike (references
between part names, the cells of a card grid): never emptied."""


def text_caches(cold: bool = False) -> list[Callable[[], None]]:
    """Return what empties the caches of texts kept by any stage (segmenting, zones, figures,
    the text measure, the planner), or with `cold` those of characters and words too."""
    import briefdeck.planning

    for info in pkgutil.iter_modules(briefdeck.planning.__path__):
        importlib.import_module(f"briefdeck.planning.{info.name}")
    modules = [m for name, m in sorted(sys.modules.items()) if name.startswith("briefdeck")]
    found: dict[int, Callable[[], None]] = {}
    for module in modules:
        for name, value in vars(module).items():
            if getattr(value, "__module__", None) != module.__name__ or name in LOADERS:
                continue
            if hasattr(value, "cache_clear") and (cold or name not in KEPT):
                found[id(value)] = value.cache_clear
        for value in vars(module).values():
            if (
                cold
                and isinstance(value, tuple)
                and value
                and all(isinstance(d, dict) and hasattr(d, "__missing__") for d in value)
            ):  # dictionaries that measure what they miss
                found.update((id(d), d.clear) for d in value)
    return list(found.values())


CLOCK = [time.perf_counter]
"""The clock stages are timed by: wall time, or this process's CPU time (--cpu)."""


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    """Return the result of `action` and the milliseconds it took."""
    clock = CLOCK[0]
    start = clock()
    result = action()
    return result, (clock() - start) * 1000


def one_round(sources: list[str], out: Path) -> list[dict[str, float]]:
    """Return the milliseconds of each stage for each deck of `sources`, built once."""
    from briefdeck.faithful import check_faithful
    from briefdeck.layouts import load_layout_set
    from briefdeck.pipeline import outlines, read_articles
    from briefdeck.plan import plan_deck
    from briefdeck.render import render_deck
    from briefdeck.zones import zone_key

    layouts = load_layout_set("briefing")
    rows: list[dict[str, float]] = []
    for n, source in enumerate(sources):
        (articles, _), read_ms = timed(partial(read_articles, source))
        zones, outline_ms = timed(partial(outlines, articles))
        for k, outline in enumerate(zones):
            deck, plan_ms = timed(partial(plan_deck, outline, layouts))
            key = zone_key(outline.zone)
            mine = tuple(a for a in articles if a.zone and zone_key(a.zone) == key)
            _, check_ms = timed(partial(check_faithful, deck, mine))
            path = out / f"{n:04d}-{k}.pptx"
            _, render_ms = timed(partial(render_deck, deck, layouts, path))
            share = len(zones)
            rows.append(
                {
                    "read": read_ms / share,
                    "outline": outline_ms / share,
                    "plan": plan_ms,
                    "check": check_ms,
                    "render": render_ms,
                }
            )
    return rows


def documents(args: argparse.Namespace, work: Path) -> list[str]:
    """Return the documents to build: generated ones, or those the arguments name."""
    if args.generated:
        sys.path.insert(0, str(ROOT / "bench"))
        from run import generate  # bench/run.py: the articles its table is timed on

        texts, _ = generate(args.generated, work / "generated")
        return sorted(str(p) for p in texts.glob("*.txt"))
    from briefdeck.pipeline import expand_inputs

    return expand_inputs(args.inputs or [str(ROOT / "seeds")])


def table(rows: list[dict[str, float]]) -> list[str]:
    """Return the Markdown table of median and mean milliseconds per deck of each stage."""
    lines = ["| stage | median ms/deck | mean ms/deck |", "|---|---:|---:|"]
    for stage in (*STAGES, "total"):
        values = [sum(r[s] for s in STAGES) if stage == "total" else r[stage] for r in rows]
        median, mean = statistics.median(values), statistics.mean(values)
        lines.append(f"| {stage} | {median:.2f} | {mean:.2f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", help="documents or folders (default: seeds/)")
    parser.add_argument("--rounds", type=int, default=20, help="timed rounds (default 20)")
    parser.add_argument("--generated", type=int, default=0, help="build N generated articles")
    parser.add_argument("--warm", action="store_true", help="keep the text caches across rounds")
    parser.add_argument("--cold", action="store_true", help="empty the character caches too")
    parser.add_argument("--cpu", action="store_true", help="time CPU, not wall (a busy machine)")
    args = parser.parse_args()
    if args.cpu:
        CLOCK[0] = time.process_time
    with tempfile.TemporaryDirectory(prefix="briefdeck-stages-") as work:
        sources = documents(args, Path(work))
        one_round(sources, Path(work))  # warm-up: imports, dictionaries, the layout set
        caches = text_caches(args.cold)  # of every module the warm-up imported
        rows: list[dict[str, float]] = []
        for _ in range(args.rounds):
            if not args.warm:
                for empty in caches:
                    empty()
            rows += one_round(sources, Path(work))
    decks = len(rows) // max(1, args.rounds)
    caching = "warm caches" if args.warm else "cold caches" if args.cold else "new texts"
    clock = "CPU" if args.cpu else "wall"
    print(f"{len(sources)} documents, {decks} decks, {args.rounds} rounds, {caching}, {clock} ms")
    print()
    print("\n".join(table(rows)))


if __name__ == "__main__":
    main()

"""Time and size of a deck's zip at each deflate level, to choose the level decks are written at.

Run by hand (not by pytest), from the repository root after installing briefdeck:

    python bench/ziplevel.py              # the decks of seeds/
    python bench/ziplevel.py decks/       # the decks of a folder built before

It reads every part of each deck and deflates it again at levels 0 (stored), 1, 6 (zlib's
default, as python-pptx writes) and 9, each with zlib's default memory level (8) and with less
(6: a smaller hash table, which most of the time of deflating a small part goes to setting up),
and prints per deck: the milliseconds deflating the parts a deck writes itself (its slides,
notes, relationships, properties: the prepared layout set's parts are deflated once per
process, not per deck; the best of 10 rounds) and the size of the whole zip.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

SETTINGS = ((0, 8), (1, 8), (6, 8), (9, 8), (1, 6), (6, 6), (9, 6))
"""(level, memory level) pairs measured."""
SHARED = ("ppt/slideMasters/", "ppt/slideLayouts/", "ppt/theme/", "ppt/notesMasters/",
          "ppt/printerSettings/", "docProps/thumbnail", "ppt/presProps", "ppt/viewProps",
          "ppt/tableStyles")  # fmt: skip
"""Parts of the prepared base, deflated once per process."""


def decks(folder: Path | None) -> list[Path]:
    """Return the decks of `folder`, or of the seeds built into a temporary folder."""
    if folder is not None:
        return sorted(folder.rglob("*.pptx"))
    from briefdeck.layouts import load_layout_set
    from briefdeck.pipeline import outlines, read_articles
    from briefdeck.plan import plan_deck
    from briefdeck.render import render_deck

    out = Path(tempfile.mkdtemp(prefix="briefdeck-ziplevel-"))
    layouts = load_layout_set("briefing")
    seed = Path(__file__).resolve().parents[1] / "seeds"
    articles = [a for p in sorted(seed.iterdir()) for a in read_articles(str(p))[0]]
    return [
        render_deck(plan_deck(o, layouts), layouts, out / f"{n}.pptx")
        for n, o in enumerate(outlines(articles))
    ]


def deflated(blob: bytes, level: int, memory: int) -> int:
    """Return the size of `blob` deflated at `level` (0: stored) and `memory` level."""
    if level == 0:
        return len(blob)
    packer = zlib.compressobj(level, zlib.DEFLATED, -15, memory)
    return len(packer.compress(blob) + packer.flush())


def own_ms(parts: list[bytes], level: int, memory: int) -> float:
    """Return the milliseconds deflating `parts` takes (the best of 10 rounds)."""
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        for blob in parts:
            deflated(blob, level, memory)
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    rows: dict[tuple[int, int], list[tuple[float, int]]] = {s: [] for s in SETTINGS}
    for deck in decks(folder):
        with zipfile.ZipFile(deck) as archive:
            parts = [(i.filename, archive.read(i.filename)) for i in archive.infolist()]
        overhead = sum(30 + 46 + 2 * len(name.encode()) for name, _ in parts) + 22
        own = [b for name, b in parts if not name.startswith(SHARED)]
        for level, memory in SETTINGS:
            size = sum(deflated(b, level, memory) for _, b in parts) + overhead
            rows[level, memory].append((own_ms(own, level, memory), size))
    print(f"{len(rows[SETTINGS[0]])} decks, medians")
    print()
    print("| level | memory level | ms per deck (its own parts) | KB per deck |")
    print("|---:|---:|---:|---:|")
    for (level, memory), found in rows.items():
        ms = statistics.median(r[0] for r in found)
        kb = statistics.median(r[1] for r in found) / 1024
        print(f"| {level} | {memory} | {ms:.2f} | {kb:.1f} |")


if __name__ == "__main__":
    main()

"""Benchmark reading a PDF: the 4-page test PDF (or any PDFs given), best of N runs.

Run by hand (not by pytest), from the repository root after installing briefdeck:

    python bench/read_pdf.py                      # tests/fixtures/pdf/zh_four_pages.pdf
    python bench/read_pdf.py page.pdf --runs 10

It prints, per file, the pages, the blocks read and the time `read_document` takes: the first
read in a fresh process (PDFium loaded) and the best of the later ones; then the time the whole
`briefdeck parse` takes, process start included. The target for four pages is under 1 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "fixtures" / "pdf" / "zh_four_pages.pdf"


def first_read(path: Path) -> float:
    """Return the seconds the first read of `path` takes in a fresh process (import included)."""
    code = (
        "import time; t = time.perf_counter(); from briefdeck.read import read_document; "
        f"read_document({str(path)!r}); print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def parse_seconds(path: Path) -> float:
    """Return the wall seconds `briefdeck parse` takes on `path`."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "briefdeck", "parse", str(path)], capture_output=True, check=True
    )
    return time.perf_counter() - start


def main() -> None:
    """Time reading each PDF given and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path, default=[DEFAULT])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import pypdfium2

    from briefdeck.read import read_document

    print("| file | pages | blocks | first read (s) | best read (s) | `briefdeck parse` (s) |")
    print("|---|---|---|---|---|---|")
    for path in args.pdfs:
        pages = len(pypdfium2.PdfDocument(str(path)))
        first = first_read(path)
        best = float("inf")
        for _ in range(args.runs):
            start = time.perf_counter()
            document = read_document(str(path))
            best = min(best, time.perf_counter() - start)
        parse = parse_seconds(path)
        print(
            f"| {path.name} | {pages} | {len(document.blocks)} | {first:.3f} | {best:.3f} "
            f"| {parse:.2f} |"
        )


if __name__ == "__main__":
    main()

"""Compare two folders of decks part by part: the same files, the same parts, the same bytes.

Run by hand, to check that a change left the decks as they were:

    briefdeck build seeds -o /tmp/before      # with the old code
    briefdeck build seeds -o /tmp/after       # with the new code
    python bench/samedecks.py /tmp/before /tmp/after

The build time in docProps/core.xml (created, modified) is not compared; every other part is,
byte for byte, and the parts of an embedded workbook (a chart's data) likewise. It prints each
difference and exits 1 if there is any.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

_STAMP = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def parts(package: Path | io.BytesIO, prefix: str = "") -> dict[str, bytes]:
    """Return the package's parts by name, build times left out, embedded packages opened."""
    out = {}
    with zipfile.ZipFile(package) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith("docProps/core.xml"):
                data = _STAMP.sub(b"", data)
            if name.endswith((".xlsx", ".docx", ".pptx")):
                out.update(parts(io.BytesIO(data), f"{prefix}{name}!"))
            else:
                out[prefix + name] = data
    return out


def differences(before: Path, after: Path) -> list[str]:
    """Return what differs between the decks of two folders, one line each."""
    old = {p.relative_to(before) for p in before.rglob("*.pptx")}
    new = {p.relative_to(after) for p in after.rglob("*.pptx")}
    out = [f"only in {before}: {p}" for p in sorted(old - new)]
    out += [f"only in {after}: {p}" for p in sorted(new - old)]
    for name in sorted(old & new):
        a, b = parts(before / name), parts(after / name)
        out += [f"{name}: {part} differs" for part in sorted(a.keys() | b.keys())
                if a.get(part) != b.get(part)]  # fmt: skip
    return out


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    before, after = Path(sys.argv[1]), Path(sys.argv[2])
    found = differences(before, after)
    print("\n".join(found))
    decks = len(list(before.rglob("*.pptx")))
    print(f"{decks} decks compared, {len(found)} differences")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()

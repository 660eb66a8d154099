"""Refuse zip packages (.docx, .pptx, .potx) that would unpack too large: zip bombs."""

from __future__ import annotations

import math
import zipfile
from pathlib import Path
from typing import IO

from briefdeck.errors import BriefdeckError, InputError, LayoutError

MAX_ENTRIES = 10_000
"""Most files one package may hold."""
MAX_RATIO = 100
"""Most times a file may unpack to its packed size (XML packs some 5 to 20 times)."""
RATIO_FROM = 1024 * 1024
"""Files that unpack to less than this are not held to MAX_RATIO."""
TEMPLATE_MAX_BYTES = 100 * 1024 * 1024
"""Largest unpacked size of a template."""
_MB = 1024 * 1024


def check_archive(
    file: str | Path | IO[bytes],
    source: str,
    max_bytes: int,
    error: type[BriefdeckError] = InputError,
) -> None:
    """Raise `error` for a package that unpacks to over `max_bytes`, holds over MAX_ENTRIES
    files or packs one over MAX_RATIO times; return for a file that is not a zip archive.

    Only the archive's directory is read (the sizes it declares bound what unpacking yields).
    """
    try:
        with zipfile.ZipFile(file) as package:
            entries = package.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return  # not a zip archive: its reader says so
    if len(entries) > MAX_ENTRIES:
        raise error(f"{source}: holds {len(entries):,} files, more than the {MAX_ENTRIES:,} limit")
    total = sum(entry.file_size for entry in entries)
    if total > max_bytes:
        raise error(
            f"{source}: unpacks to {math.ceil(total / _MB):,} MB,"
            f" more than the {max_bytes / _MB:g} MB limit"
        )
    for entry in entries:
        if entry.file_size > max(RATIO_FROM, MAX_RATIO * entry.compress_size):
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise error(f"{source}: {entry.filename} unpacks to {ratio:,} times its packed size")


def check_template(path: str | Path) -> None:
    """Raise LayoutError for a template that would unpack too large (see `check_archive`)."""
    check_archive(path, str(path), TEMPLATE_MAX_BYTES, LayoutError)

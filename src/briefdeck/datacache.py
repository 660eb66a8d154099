"""Values built from YAML files, kept between runs in the user's cache."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import pickle
import sys
import zlib
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast, get_origin

from briefdeck.errors import BriefdeckError

T = TypeVar("T")


def read_text(path: Path, error: type[BriefdeckError] = BriefdeckError) -> str:
    """Return the text of the UTF-8 file at `path`."""
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot be read ({exc.__class__.__name__})") from None


def cached_build(
    text: str, path: str, hint: type[T], error: type[BriefdeckError] = BriefdeckError
) -> T:
    """Return `Document(text, path, error).build(hint)`, kept between runs in the user's cache
    (`$XDG_CACHE_HOME/briefdeck`, else `~/.cache/briefdeck`): a packaged file is then read in
    a fraction of a millisecond, not built anew by every process (some 25 ms in all).

    An entry is found by the YAML text, the type and the code that builds it (the package's
    files, Python's and PyYAML's versions), so an edit of either is built anew; a cache that is
    missing, unreadable or corrupt is built anew, one that cannot be written is left unwritten.
    Errors are never kept: a file in error is read, and reported, each time."""
    key = _cache_key(text, hint)
    entry = _entry(key)
    found = _cached(entry, key, hint)
    if found is not None:
        return cast(T, found)
    from briefdeck.dataload import Document  # PyYAML is imported only when a file is built

    value = Document(text, path, error).build(hint)
    if entry is not None:
        _keep(entry, key, value)
    return value


def _cache_key(text: str, hint: Any) -> str:
    """Return what a cache entry of `text` built as `hint` by this code is kept under (whole:
    an entry is named by a checksum of it, and holds it, to be compared when read)."""
    return "\0".join([_code_stamp(), repr(hint), text])


def _entry(key: str) -> Path | None:
    """Return the file of the cache entry kept under `key` (named by a checksum of it), or
    None when there is no cache."""
    folder = cache_folder()
    if folder is None:
        return None
    return folder / f"{zlib.crc32(key.encode('utf-8', 'surrogatepass')):08x}.pickle"


@cache
def _code_stamp() -> str:
    """Return what changes with the code that builds values: the size and time of each of the
    package's files and of PyYAML's (found, not imported), and Python's version."""
    stamps = [sys.version, _file_stamp(importlib.util.find_spec("yaml"))]
    for folder, folders, files in os.walk(os.path.dirname(os.path.abspath(__file__))):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(f for f in files if f.endswith(".py")):
            found = os.stat(os.path.join(folder, name))
            stamps.append(f"{folder}/{name}:{found.st_size}:{found.st_mtime_ns}")
    return "\n".join(stamps)


def _file_stamp(spec: Any) -> str:
    """Return the size and time of the file a module spec names (`-` for none)."""
    if spec is None or not spec.origin:
        return "-"
    found = os.stat(spec.origin)
    return f"{spec.origin}:{found.st_size}:{found.st_mtime_ns}"


@cache
def cache_folder() -> Path | None:
    """Return the folder of this user's cache entries, or None when it has none."""
    if os.environ.get("BRIEFDECK_NO_CACHE"):
        return None
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except RuntimeError:  # no home folder
        return None
    return Path(base) / "briefdeck" / "data"


def _cached(entry: Path | None, key: str, hint: Any) -> Any:
    """Return the value kept in `entry` under `key`, or None (none kept, or not readable)."""
    if entry is None:
        return None
    try:
        kept_key, value = pickle.loads(entry.read_bytes())
    except Exception:  # missing, unreadable, corrupt, or of classes since changed
        return None
    kind = get_origin(hint) or hint
    if kept_key != key or not isinstance(value, kind):
        return None
    return value


def _keep(entry: Path, key: str, value: Any) -> None:
    """Write `value` to `entry` under `key` (whole or not at all); leave it when that fails."""
    temporary = entry.with_name(f"{entry.name}.{os.getpid()}.part")
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:  # read-only, not a folder, or being written by another process
        return
    try:
        with os.fdopen(fd, "wb") as out:
            pickle.dump((key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
    except Exception:  # a full disk, or a value that cannot be pickled
        with contextlib.suppress(OSError):
            os.unlink(temporary)

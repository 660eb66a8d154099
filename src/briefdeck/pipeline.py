"""The library's front door: documents -> articles -> outlines -> decks, one input at a time."""

from __future__ import annotations

import dataclasses
import glob
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from briefdeck.errors import InputError, OutputError
from briefdeck.faithful import check_faithful
from briefdeck.layouts import LayoutSet
from briefdeck.metrics import find_metrics
from briefdeck.model import Article, Deck, ZoneOutline
from briefdeck.outline import OutlineSettings, outline_zones, zone_outline
from briefdeck.plan import MAX_SLIDES, plan_deck
from briefdeck.read import MAX_BYTES, SUFFIXES, read_document
from briefdeck.structure import structure
from briefdeck.zones import ZoneWords, by_zone

OUTLINE_SUFFIXES = (".yaml", ".yml")
"""Inputs with these suffixes are outlines written by `briefdeck outline`."""
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
NAME_MAX = 80
"""Longest file name stem, in characters."""


@dataclass(frozen=True)
class ReadOptions:
    """How documents are read."""

    encoding: str | None = None
    """Force this text encoding instead of detecting it."""
    zone: str | None = None
    """Force every article into this zone."""
    zone_words: ZoneWords = ()
    """Words added to the zone vocabulary (`zones.load_zone_words`)."""
    max_bytes: int = MAX_BYTES
    """Largest input accepted, in bytes."""


def read_articles(
    source: str, options: ReadOptions | None = None
) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Return the articles of one document with their metrics, and the warnings met."""
    articles, warnings = _structured(source, options or ReadOptions())
    return tuple(find_metrics(a) for a in articles), warnings


def _structured(source: str, options: ReadOptions) -> tuple[tuple[Article, ...], tuple[str, ...]]:
    """Return the articles of one document without their metrics (each in the `--zone`
    given, if one is), and the warnings met."""
    document = read_document(source, options.encoding, options.max_bytes)
    articles, warnings = structure(document, options.zone_words)
    if options.zone:
        articles = tuple(dataclasses.replace(a, zone=options.zone) for a in articles)
    return articles, warnings


@dataclass(frozen=True)
class Scan:
    """What one input holds, as far as sorting it into decks needs: its articles' zones and
    titles, or the outline it is."""

    zones: tuple[str | None, ...] = ()
    """The zone of each article, in order (None: about no zone)."""
    titles: tuple[str, ...] = ()
    """The title of each article, in order."""
    outline: ZoneOutline | None = None
    """The outline an outline YAML input holds; else None."""
    warnings: tuple[str, ...] = ()
    """The warnings met reading it."""


@dataclass(frozen=True)
class ZoneJob:
    """One deck to build: a zone's articles (by source and index), or a given outline."""

    zone: str
    parts: tuple[tuple[str, int], ...] = ()
    """(source, article index) of each article about the zone, in input order."""
    outline: ZoneOutline | None = None
    """An outline read from YAML, built as it is."""


class ArticleReader:
    """Reads documents' articles, keeping the last few read for the zones that need them again."""

    def __init__(self, size: int = 16) -> None:
        self.size = size
        self._read: dict[tuple[str, ReadOptions], tuple[Article, ...]] = {}

    def articles(self, source: str, options: ReadOptions) -> tuple[Article, ...]:
        """Return the articles of `source`, read once while they stay among the last few."""
        key = (source, options)
        if key not in self._read:
            self.keep(source, options, read_articles(source, options)[0])
        return self._read[key]

    def keep(self, source: str, options: ReadOptions, articles: tuple[Article, ...]) -> None:
        """Keep the articles of `source` read elsewhere, the oldest kept making room."""
        if len(self._read) >= self.size:
            self._read.pop(next(iter(self._read)))
        self._read[(source, options)] = articles

    def scan(self, source: str, options: ReadOptions, whole: bool = False) -> Scan:
        """Return what `source` holds: an outline, or its articles' zones and titles (read
        `whole`, metrics too, and kept for the build; else their structure only)."""
        if is_outline(source):
            return Scan(outline=read_outline(source))
        if whole:
            articles, warnings = read_articles(source, options)
            self.keep(source, options, articles)
        else:
            articles, warnings = _structured(source, options)
        zones = tuple(a.zone for a in articles)
        return Scan(zones, tuple(a.title for a in articles), warnings=warnings)

    def zone_outline(
        self, job: ZoneJob, options: ReadOptions, settings: OutlineSettings
    ) -> tuple[ZoneOutline, tuple[Article, ...]]:
        """Return the outline of a job's deck and the articles it was made from (none for a
        given outline)."""
        if job.outline is not None:
            return job.outline, ()
        articles = tuple(self.articles(source, options)[index] for source, index in job.parts)
        return zone_outline(job.zone, list(articles), settings), articles


def zone_jobs(sources: list[str], scans: list[Scan]) -> tuple[list[ZoneJob], tuple[str, ...]]:
    """Return the decks to build for the scanned inputs (given outlines first, then one per
    zone in input order) and the titles of the articles about no zone."""
    given = [ZoneJob(s.outline.zone, outline=s.outline) for s in scans if s.outline is not None]
    entries = (
        (zone, (source, index, title))
        for source, scan in zip(sources, scans)
        for index, (zone, title) in enumerate(zip(scan.zones, scan.titles))
    )
    zones, none = by_zone(entries)
    jobs = [ZoneJob(zone, tuple((s, n) for s, n, _ in parts)) for zone, parts in zones.items()]
    return [*given, *jobs], tuple(title for _, _, title in none)


def is_outline(source: str) -> bool:
    """Return True when `source` names an outline YAML file."""
    return Path(source).suffix.lower() in OUTLINE_SUFFIXES


def read_outline(source: str) -> ZoneOutline:
    """Return the outline stored in a YAML file."""
    path = Path(source)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise InputError(f"{source}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{source}: cannot be read ({exc.__class__.__name__})") from None
    from briefdeck.outline_yaml import load_outline  # imported only when an outline is read

    return load_outline(text, source)


def outlines(
    articles: Iterable[Article], settings: OutlineSettings | None = None
) -> tuple[ZoneOutline, ...]:
    """Return one outline per zone of `articles` (input order)."""
    return outline_zones(tuple(articles), settings)


def safe_name(zone: str) -> str:
    """Return a file name stem for `zone` that is safe on Windows, macOS and Linux."""
    name = unicodedata.normalize("NFC", zone)
    name = _UNSAFE.sub("_", name).strip().strip(".").strip()
    name = re.sub(r"\s+", " ", name)[:NAME_MAX].strip(" .")
    if not name or name.upper().split(".")[0] in _RESERVED:
        name = f"_{name}" if name else "deck"
    return name


def deck_paths(zones: list[str], out_dir: Path) -> list[Path]:
    """Return one distinct .pptx path per zone inside `out_dir` (collisions get -2, -3 …)."""
    taken: set[str] = set()
    paths = []
    for zone in zones:
        stem = safe_name(zone)
        candidate, n = stem, 2
        while candidate.casefold() in taken:
            candidate, n = f"{stem}-{n}", n + 1
        taken.add(candidate.casefold())
        paths.append(out_dir / f"{candidate}.pptx")
    return paths


def write_outline(outline: ZoneOutline, path: Path, force: bool = True) -> Path:
    """Write an outline's YAML to `path`; return the path."""
    from briefdeck.outline_yaml import dump_outline

    _check_target(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_outline(outline), "utf-8")
    return path


def build_deck(
    outline: ZoneOutline,
    layout_set: LayoutSet,
    path: Path,
    force: bool = True,
    max_slides: int = MAX_SLIDES,
    articles: tuple[Article, ...] = (),
    author: str = "",
    write: Callable[[Deck, LayoutSet, Path, str], object] | None = None,
) -> Deck:
    """Plan and write one deck; return the plan (its warnings included).

    With the `articles` it was made from, every figure the deck shows is first matched back
    to them (a mismatch stops the deck with an error: a wrong number is never written). The
    deck is written by `write` (deck, layout set, path, author) when given: else here.
    """
    _check_target(path, force)
    deck = plan_deck(outline, layout_set, max_slides)
    if articles:
        check_faithful(deck, articles)
    if write is None:
        from briefdeck.render import render_deck  # pptx is imported only when a deck is built

        write = render_deck
    write(deck, layout_set, path, author)
    return deck


def expand_inputs(inputs: Iterable[str]) -> list[str]:
    """Return the documents named by `inputs`: files as given, folders searched, globs expanded."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if item != "-" and path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            out += sorted(str(p) for p in found)
        elif item != "-" and not path.exists() and any(c in item for c in "*?["):
            out += sorted(glob.glob(item, recursive=True)) or [item]
        else:
            out.append(item)
    return out


def _check_target(path: Path, force: bool) -> None:
    if path.exists() and not force:
        raise OutputError(f"{path}: already exists (use --force to replace it)")

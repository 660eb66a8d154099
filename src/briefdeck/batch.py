"""Build many decks in bounded memory: find the zones first, then build one zone at a time.

Pass one reads every document's structure only, to learn which zone each article is about
(in parallel when jobs > 1). Pass two builds each zone's deck from its articles alone, read
again by the worker that builds it (the zones of one document by one worker, which reads it
once). The parent never holds more than the zone index and the decks it has yet to report,
so memory stays flat however many documents there are; decks are written as they are done.
"""

from __future__ import annotations

import contextlib
import enum
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefdeck.errors import BriefdeckError
from briefdeck.language import DEFAULT, Language
from briefdeck.layouts import LayoutSet
from briefdeck.model import Deck
from briefdeck.outline import OutlineSettings
from briefdeck.pipeline import (
    ArticleReader,
    ReadOptions,
    Scan,
    ZoneJob,
    build_deck,
    deck_paths,
    zone_jobs,
)
from briefdeck.plan import MAX_SLIDES

if TYPE_CHECKING:
    from concurrent.futures import Executor, Future, ProcessPoolExecutor


@dataclass(frozen=True)
class BuildSettings:
    """Everything a worker needs to build a zone's deck."""

    layout_set: LayoutSet
    out_dir: Path
    read: ReadOptions = field(default_factory=ReadOptions)
    outline: OutlineSettings = field(default_factory=OutlineSettings)
    force: bool = False
    max_slides: int = MAX_SLIDES
    author: str = ""
    """Author and last editor in each deck's properties."""


class EventKind(enum.Enum):
    """What an event reports."""

    ERROR = "error"
    WARNING = "warning"
    SKIPPED = "skipped"
    PLANNED = "planned"
    DECK = "deck"


@dataclass(frozen=True)
class Event:
    """What happened, in input order: an error, a warning, articles skipped, the decks planned,
    or a deck written."""

    kind: EventKind
    """What the event reports; it says which of the other fields are set."""
    message: str = ""
    """The line to show, of an `ERROR` or a `WARNING`; else empty."""
    titles: tuple[str, ...] = ()
    """The titles of the articles about no zone, which get no deck (`SKIPPED`); else empty."""
    count: int = 0
    """How many decks will be built (`PLANNED`); else 0."""
    path: Path | None = None
    """The deck's file: written (`DECK`), or not written for an `ERROR` met building it; None
    for an error met reading an input."""
    deck: Deck | None = None
    """The deck written (`DECK`); else None."""
    trace: str = ""
    """The traceback of an internal `ERROR` (a bug, not bad input); else empty."""


@dataclass(frozen=True)
class Failure:
    """An unexpected exception met on one input or deck, as data that crosses process lines."""

    what: str
    """The exception's class and message."""
    trace: str
    """Its traceback."""


def failure(exc: BaseException) -> Failure:
    """Return `exc` as a failure."""
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return Failure(what, "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)))


def _internal(subject: str, failed: Failure, path: Path | None = None) -> Event:
    """Return the error event of an unexpected failure on `subject` (an input, or the deck at
    `path`)."""
    message = f"{subject}: internal error: {failed.what}"
    return Event(EventKind.ERROR, message, path=path, trace=failed.trace)


Task = tuple[ZoneJob, Path, BuildSettings]

READ_CACHE = 16
_READER = ArticleReader(READ_CACHE)
"""This process's reader: the few documents a zone's build reads again are kept in it."""


def _scan(task: tuple[str, ReadOptions, bool]) -> Scan | BriefdeckError | Failure:
    """Return what the source holds (read whole, and kept for the build, when asked: else its
    structure only, which is all a worker scanning many documents needs), or its error."""
    source, options, whole = task
    try:
        return _READER.scan(source, options, whole)
    except BriefdeckError as exc:
        return exc
    except Exception as exc:  # a bug: reported on this input, the others go on
        return failure(exc)


def _build(
    task: tuple[ZoneJob, Path, BuildSettings], write: Write | None = None
) -> Deck | BriefdeckError | Failure:
    """Build one zone's deck (written by `write`, when given); errors come back as values
    (they cross process lines)."""
    job, path, settings = task
    try:
        outline, articles = _READER.zone_outline(job, settings.read, settings.outline)
        return build_deck(outline, settings.layout_set, path, settings.force, settings.max_slides,
                          articles, settings.author, write=write)  # fmt: skip
    except BriefdeckError as exc:
        return exc
    except Exception as exc:  # a bug (even a StopIteration): reported on this deck alone
        return failure(exc)


POOL_MIN = 5
"""Fewest decks worth workers: fewer are built here, as the seed's two are (forking workers,
each preparing its own renderer, takes longer than building them here)."""


def build_all(sources: list[str], settings: BuildSettings, jobs: int = 1) -> Iterator[Event]:
    """Build one deck per zone of `sources`; yield events in input order as work completes."""
    # a few documents are quicker to scan here, whole, than to send to workers
    here = jobs <= 1 or len(sources) < 2 * jobs
    pool = None if here else _executor(jobs)
    writer = _Writer.start(settings) if here and jobs > 1 else None
    try:
        reads = [(s, settings.read, here and len(sources) <= READ_CACHE) for s in sources]
        scans: list[Scan] = []
        for source, scanned in zip(sources, _map(None if here else pool, _scan, reads)):
            if isinstance(scanned, Failure):
                yield _internal(source, scanned)
                scanned = Scan()
            elif isinstance(scanned, BriefdeckError):
                yield Event(EventKind.ERROR, str(scanned))
                scanned = Scan()
            for warning in scanned.warnings:
                yield Event(EventKind.WARNING, warning)
            scans.append(scanned)
        work, skipped = zone_jobs(sources, scans)
        if skipped:
            yield Event(EventKind.SKIPPED, titles=skipped)
        yield Event(EventKind.PLANNED, count=len(work))
        paths = deck_paths([job.zone for job in work], settings.out_dir)
        tasks = [(job, path, settings) for job, path in zip(work, paths)]
        if pool is None and len(work) >= POOL_MIN:
            if writer is not None:  # ended, its thread too, before the workers are forked
                writer.close()
                writer = None
            pool = _executor(jobs)
        if writer is not None:
            yield from _written(tasks, writer)
            return
        groups = _grouped(tasks, jobs)
        for group, results in zip(groups, _map(pool, _build_group, groups)):
            if isinstance(results, Failure):  # the worker was lost: each of its decks failed
                results = [results] * len(group)
            for (_, path, _), result in zip(group, results):
                yield from _built(path, result)
    finally:
        if writer is not None:
            writer.close()
        if pool is not None:  # a caller that stops early (--fail-fast) cancels what is left
            pool.shutdown(wait=True, cancel_futures=True)


def _built(path: Path, result: Deck | BriefdeckError | Failure) -> Iterator[Event]:
    """Yield the events of one deck's build: its warnings and the deck, or its error."""
    if isinstance(result, Failure):
        yield _internal(str(path), result, path)
    elif isinstance(result, BriefdeckError):
        yield Event(EventKind.ERROR, str(result), path=path)
    else:
        for warning in result.warnings:
            yield Event(EventKind.WARNING, f"{path.name}: {warning}")
        yield Event(EventKind.DECK, path=path, deck=result)


Write = Callable[[Deck, LayoutSet, Path, str], object]
"""What writes a planned deck: (deck, layout set, path, author)."""


class _Writer:
    """A worker that writes the decks planned here, each while the next is planned.

    Forked before the documents are read, it imports python-pptx and prepares the layout
    set's base on another core meanwhile (this process never imports them): a few decks are
    written sooner than here, and sooner than by workers that each read, plan and prepare."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool
        self.last: Future[BriefdeckError | Failure | None] | None = None
        """What the last deck given to `write` comes to: None when written, else its error."""

    @staticmethod
    def start(settings: BuildSettings) -> _Writer | None:
        """Return a writer preparing for the decks of `settings`, or None where workers are
        not forked (they would import everything again, not start at once)."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        pool.submit(_prepare, settings.layout_set, settings.outline.lang or DEFAULT)
        return _Writer(pool)

    def write(self, deck: Deck, layout_set: LayoutSet, path: Path, author: str) -> None:
        """Have `deck` written at `path`; `last` tells when it is, and how."""
        self.last = self.pool.submit(_write, (deck, layout_set, path, author))

    def close(self) -> None:
        """Wait for the worker to end (cancelling the decks it has not begun)."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def _prepare(layout_set: LayoutSet, language: Language) -> None:
    """Prepare this worker's renderer for `layout_set` in `language` (most decks' language;
    a deck in another is prepared for when written). A problem is left for the decks to meet."""
    from briefdeck.render import prepare

    with contextlib.suppress(Exception):
        prepare(layout_set, language)


def _write(task: tuple[Deck, LayoutSet, Path, str]) -> BriefdeckError | Failure | None:
    """Write a planned deck; return None, or its error as a value (it crosses process lines)."""
    from briefdeck.render import render_deck

    deck, layout_set, path, author = task
    try:
        render_deck(deck, layout_set, path, author)
    except BriefdeckError as exc:
        return exc
    except Exception as exc:  # a bug: reported on this deck alone
        return failure(exc)
    return None


def _written(tasks: list[Task], writer: _Writer) -> Iterator[Event]:
    """Plan each task's deck here, have the writer write it, and yield the events of each
    deck once it is written, in order."""
    pending: deque[tuple[Path, Deck | BriefdeckError | Failure, Future[Any] | None]] = deque()
    for task in tasks:
        writer.last = None
        result = _build(task, writer.write)
        pending.append((task[1], result, writer.last if isinstance(result, Deck) else None))
        while pending and (pending[0][2] is None or pending[0][2].done()):
            yield from _finished(*pending.popleft())
    while pending:
        yield from _finished(*pending.popleft())


def _finished(
    path: Path, result: Deck | BriefdeckError | Failure, written: Future[Any] | None
) -> Iterator[Event]:
    """Yield the events of a deck planned here once `written` (None: not sent to be)."""
    if written is not None:
        try:
            error = written.result()
        except Exception as exc:  # the writer was lost (killed, out of memory)
            error = failure(exc)
        result = result if error is None else error
    yield from _built(path, result)


GROUP_MAX = 8
"""Most decks one worker builds in a row from the same documents."""


def _grouped(tasks: list[Task], jobs: int) -> list[list[Task]]:
    """Return the tasks in order, those that follow one another and share a document in one
    group (up to GROUP_MAX), which one worker builds: the document is read once, not by each
    worker that builds a zone of it. With fewer than two groups a job, each task is a group of
    its own: the workers build the few decks side by side.

    A worker lost while it builds a group (killed, out of memory) loses the pool: the decks
    of its group are reported failed, those it finished too."""
    groups: list[list[Task]] = []
    sources: set[str] = set()
    for task in tasks:
        mine = {source for source, _ in task[0].parts}
        if groups and mine & sources and len(groups[-1]) < GROUP_MAX:
            groups[-1].append(task)
            sources |= mine
        else:
            groups.append([task])
            sources = mine
    return groups if len(groups) >= 2 * jobs else [[task] for task in tasks]


def _build_group(tasks: list[Task]) -> list[Deck | BriefdeckError | Failure]:
    """Build the decks of a group of tasks, in order."""
    return [_build(task) for task in tasks]


def _map(pool: Executor | None, function: Callable[[Any], Any], tasks: list[Any]) -> Iterator[Any]:
    """Yield `function` of each task in order; a task whose worker was lost gives a Failure.

    A result is let go once yielded: the parent holds no more decks than the workers make
    ahead of the one it waits for."""
    if pool is None or len(tasks) <= 1:
        yield from map(function, tasks)
        return
    futures = deque(pool.submit(function, task) for task in tasks)
    while futures:
        future = futures.popleft()
        try:
            yield future.result()
        except Exception as exc:  # `function` returns its errors: a worker died (BrokenProcessPool)
            yield failure(exc)
        del future


def _executor(jobs: int) -> ProcessPoolExecutor | None:
    """Return a process pool for `jobs` > 1, else None (work runs in this process)."""
    if jobs <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import briefdeck.render  # noqa: F401 - imported once here, the forked workers inherit it

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=context)

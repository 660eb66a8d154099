"""The `briefdeck` command line: a thin click group over the library."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from briefdeck import __version__
from briefdeck.batch import BuildSettings, EventKind, build_all, failure
from briefdeck.errors import BriefdeckError
from briefdeck.language import CODES, of
from briefdeck.layouts import LayoutSet, available, load_layout_set
from briefdeck.model import Article, ZoneOutline
from briefdeck.outline import OutlineSettings
from briefdeck.pipeline import (
    ReadOptions,
    deck_paths,
    expand_inputs,
    is_outline,
    outlines,
    read_articles,
    read_outline,
    write_outline,
)
from briefdeck.read.archive import check_template
from briefdeck.zones import load_zone_words

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

F = TypeVar("F", bound=Callable[..., Any])
_DETAILS = "(run with --debug for details)"


class _Run:
    """What one command met: errors are reported as they come, and decide the exit code."""

    def __init__(self, debug: bool, quiet: bool = False, fail_fast: bool = False) -> None:
        self.debug = debug
        self.quiet = quiet
        self.fail_fast = fail_fast
        self.failed = 0
        self.warned = 0

    def error(self, message: str, stop: bool = True) -> None:
        """Print an error; under --fail-fast stop at once, unless `stop` is False (the caller
        then calls `check`, once what the error ends is done)."""
        self.failed += 1
        click.echo(f"Error: {message}", err=True)
        if stop:
            self.check()

    def check(self) -> None:
        """Stop now when an error was met under --fail-fast."""
        if self.failed and self.fail_fast:
            sys.exit(1)

    def warn(self, message: str) -> None:
        self.warned += 1
        if not self.quiet:
            click.echo(f"Warning: {message}", err=True)

    def attempt(self, action: Callable[[], Any]) -> Any:
        """Run `action`; report a library error (or any error, unless --debug) and return None."""
        try:
            return action()
        except BriefdeckError as exc:
            if self.debug:
                raise
            self.error(str(exc))
        except Exception as exc:
            if self.debug:
                raise
            self.error(f"internal error: {failure(exc).what} {_DETAILS}")
        return None

    def finish(self) -> None:
        if self.failed:
            sys.exit(1)


def _output(help_: str) -> Callable[[F], F]:
    """Return the `-o/--output DIR` option with its help text."""
    return click.option(
        "-o",
        "--output",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        required=True,
        help=help_,
    )


def _outline_options(command: F) -> F:
    """Add the options that shape the outline: the deck's language and the bullet length."""
    command = click.option(
        "--bullet-max",
        type=click.IntRange(10, 200),
        default=OutlineSettings.bullet_max,
        show_default=True,
        help="Longest bullet in CJK characters (English: half as many words).",
    )(command)
    command = click.option(
        "--slides",
        type=click.IntRange(8, 200),
        default=None,
        help="Slide budget of a deck made from several articles (default: about 20).",
    )(command)
    return click.option(
        "--lang", type=click.Choice(CODES), help="Language of the deck's own words."
    )(command)


def _reading_options(command: F) -> F:
    """Add the options that say how documents are read."""
    for option in (
        click.option("--encoding", help="Text encoding of the inputs (default: detect)."),
        click.option("--zone", help="Put every article in this zone."),
        click.option(
            "--zones",
            "zones_file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="YAML file of zone kinds and words to add (keys as in data/zones.yaml).",
        ),
        click.option(
            "--max-input-mb",
            type=click.FloatRange(0.001, 2048),
            default=20,
            show_default=True,
            help="Largest input accepted, in MB (a .docx: unpacked).",
        ),
        click.option(
            "--keep-going/--fail-fast",
            default=True,
            help="After a bad input, go on with the others (default) or stop at once.",
        ),
    ):
        command = option(command)
    return command


def _options(run: _Run, reading: dict[str, Any]) -> ReadOptions:
    """Return the reading options of the command's reading flags, with zone words loaded."""
    zones_file = reading["zones_file"]
    words = run.attempt(lambda: load_zone_words(zones_file)) if zones_file else ()
    if words is None:
        run.finish()
    max_bytes = int(reading["max_input_mb"] * 1024 * 1024)
    return ReadOptions(reading["encoding"], reading["zone"], words or (), max_bytes)


def _read(
    run: _Run, inputs: tuple[str, ...], options: ReadOptions
) -> tuple[list[Article], list[ZoneOutline]]:
    """Return the articles of the document inputs and the outlines of the outline inputs."""
    articles: list[Article] = []
    given: list[ZoneOutline] = []
    for source in expand_inputs(inputs):
        if is_outline(source):
            outline = run.attempt(partial(read_outline, source))
            if outline is not None:
                given.append(outline)
            continue
        result = run.attempt(partial(read_articles, source, options))
        if result is not None:
            found, warnings = result
            articles.extend(found)
            for warning in warnings:
                run.warn(warning)
    return articles, given


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefdeck")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn zone articles into editable PowerPoint briefing decks, one per zone.

    \b
    Example:
      briefdeck build seeds/000_5ad35ad114782d3f.txt -o decks
    """
    ctx.obj = debug


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["json", "yaml"]), default="json", show_default=True
)
@_reading_options
@click.pass_obj
def parse(
    debug: bool,
    inputs: tuple[str, ...],
    fmt: str,
    **reading: Any,
) -> None:
    """Print the articles recovered from INPUTS, with their figures.

    \b
    Example:
      briefdeck parse seeds/000_5ad35ad114782d3f.txt --format json
    """
    from briefdeck.export import parse_data

    run = _Run(debug, fail_fast=not reading["keep_going"])
    options = _options(run, reading)
    articles, _ = _read(run, tuple(i for i in inputs if not is_outline(i)), options)
    data = parse_data(tuple(articles))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        import yaml  # imported only to print YAML

        click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), nl=False)
    run.finish()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_output("Folder for the outline files.")
@_outline_options
@click.option("--force", is_flag=True, help="Replace outline files that exist.")
@_reading_options
@click.pass_obj
def outline(
    debug: bool,
    inputs: tuple[str, ...],
    out_dir: Path,
    lang: str | None,
    bullet_max: int,
    slides: int | None,
    force: bool,
    **reading: Any,
) -> None:
    """Write one editable YAML outline per zone of INPUTS.

    \b
    Example:
      briefdeck outline seeds/000_5ad35ad114782d3f.txt -o out
      (edit out/<zone>.yaml, then: briefdeck build out/<zone>.yaml -o decks)
    """
    run = _Run(debug, fail_fast=not reading["keep_going"])
    articles, given = _read(run, inputs, _options(run, reading))
    skipped = [a.title for a in articles if a.zone is None]
    if skipped:
        click.echo(_skipped_line("; ".join(skipped), len(skipped)), err=True)
    zones = [
        *given,
        *outlines(
            articles, OutlineSettings(bullet_max, lang=of(lang) if lang else None, slides=slides)
        ),
    ]
    for item, path in zip(zones, deck_paths([z.zone for z in zones], out_dir)):
        target = path.with_suffix(".yaml")
        written = run.attempt(partial(write_outline, item, target, force))
        if written is not None:
            click.echo(str(written))
    run.finish()


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@_output("Folder for the decks.")
@click.option(
    "--layouts",
    "layout_name",
    default="briefing",
    show_default=True,
    help="Layout set: a built-in name (see `briefdeck layouts`) or a YAML path.",
)
@click.option(
    "--template",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Your own .pptx/.potx: its masters, theme and layouts (mapped by placeholders).",
)
@click.option(
    "--author",
    default="",
    help="Author and last editor in the decks' properties (default: none).",
)
@_outline_options
@click.option("--force", is_flag=True, help="Replace decks that exist.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, warnings or summary.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=None,
    help="Decks built at once, in worker processes (default: the number of cores).",
)
@click.option(
    "--max-slides",
    type=click.IntRange(5, 1000),
    default=60,
    show_default=True,
    help="Most slides in one deck.",
)
@click.option("--debug", "debug_here", is_flag=True, help="Show tracebacks (as briefdeck --debug).")
@_reading_options
@click.pass_obj
def build(
    debug: bool,
    inputs: tuple[str, ...],
    out_dir: Path,
    layout_name: str,
    template: Path | None,
    author: str,
    lang: str | None,
    bullet_max: int,
    slides: int | None,
    force: bool,
    quiet: bool,
    jobs: int | None,
    max_slides: int,
    debug_here: bool,
    **reading: Any,
) -> None:
    """Write one .pptx deck per zone of INPUTS (.txt, .md, .docx or .pdf documents, folders of
    them, or outline YAML files).

    \b
    Example:
      briefdeck build seeds/000_5ad35ad114782d3f.txt -o decks --layouts party-red
      briefdeck build page.pdf -o decks
    """
    debug = debug or debug_here
    run = _Run(debug, quiet, fail_fast=not reading["keep_going"])
    layout_set = run.attempt(lambda: _layout_set(layout_name, template, run))
    if layout_set is None:
        run.finish()
    settings = BuildSettings(
        layout_set=layout_set,
        out_dir=out_dir,
        read=_options(run, reading),
        outline=OutlineSettings(bullet_max, lang=of(lang) if lang else None, slides=slides),
        force=force,
        max_slides=max_slides,
        author=author,
    )
    sources = expand_inputs(inputs)
    written = skipped = 0
    with _Progress(enabled=not quiet and _is_terminal()) as progress:
        for event in build_all(sources, settings, jobs or os.cpu_count() or 1):
            progress.clear()  # messages and paths start on a clean line, the bar comes back below
            if event.kind is EventKind.SKIPPED:
                skipped = len(event.titles)
                if not quiet:
                    click.echo(_skipped_line("; ".join(event.titles), skipped), err=True)
            elif event.kind is EventKind.PLANNED:
                progress.start(event.count)
            elif event.kind is EventKind.ERROR and event.trace:  # a bug: the others are built
                if debug:
                    click.echo(event.trace.rstrip(), err=True)
                run.error(event.message if debug else f"{event.message} {_DETAILS}", stop=False)
            elif event.kind is EventKind.ERROR:
                run.error(event.message, stop=False)
            elif event.kind is EventKind.WARNING:
                run.warn(event.message)
            else:  # EventKind.DECK
                written += 1
                click.echo(str(event.path))
            if event.path is not None:  # a deck written, or one that failed: one step done
                progress.step()
            run.check()
    if not written and not run.failed:
        run.error(
            "no article is about a zone (use --zone NAME to build them)"
            if skipped
            else "no articles found in the inputs"
        )
    if not quiet:
        click.echo(f"{_count(written, 'deck')} written, {_count(run.warned, 'warning')}, "
                   f"{_count(run.failed, 'error')}", err=True)  # fmt: skip
    run.finish()


def _skipped_line(titles: str, n: int) -> str:
    """Return the line that lists the articles about no zone, which get no deck."""
    return f"Skipped {_count(n, 'article')} about no zone (use --zone NAME to build them): {titles}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _is_terminal() -> bool:
    return sys.stderr.isatty()


class _Progress:
    """click's progress bar of the decks built, on standard error; shown only when `enabled`
    and more than one deck is planned (the total is known after the inputs are read)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: ProgressBar[int] | None = None
        self._stack = ExitStack()

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()  # ends the bar's line and shows the cursor again

    def start(self, total: int) -> None:
        """Draw the bar for `total` decks."""
        if self.enabled and total > 1:
            self.bar = self._stack.enter_context(
                click.progressbar(
                    length=total,
                    file=sys.stderr,
                    bar_template="[%(bar)s] %(info)s decks",
                    width=30,
                    show_pos=True,
                    show_percent=False,
                    show_eta=False,
                )
            )

    def step(self) -> None:
        """Advance the bar by one deck, drawing it again."""
        if self.bar is not None:
            self.bar.update(1)

    def clear(self) -> None:
        """Blank the bar's line, so that what is printed next does not run into it."""
        if self.bar is not None:
            self.bar.file.write("\r" + " " * len(self.bar.format_progress_line()) + "\r")
            self.bar.file.flush()


def _layout_set(name: str, template: Path | None, run: _Run) -> LayoutSet:
    """Return the layout set to build with: a named set, or one on the user's template."""
    layout_set = load_layout_set(name)
    if template is None:
        return layout_set
    from briefdeck.render.template import template_layout_set  # needs pptx

    check_template(template)
    on_template, warnings = template_layout_set(str(template), layout_set)
    for warning in warnings:
        run.warn(warning)
    return on_template


@main.command(name="preview")
@click.argument("decks", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@_output("Folder for the pictures.")
@click.option("--dpi", type=click.IntRange(20, 300), default=60, show_default=True)
@click.pass_obj
def preview_command(debug: bool, decks: tuple[Path, ...], out_dir: Path, dpi: int) -> None:
    """Render decks to one PNG per slide and a contact sheet, through LibreOffice.

    \b
    Example:
      briefdeck preview decks/*.pptx -o previews
    """
    from briefdeck.preview import pdftoppm, preview, soffice

    run = _Run(debug)
    if run.attempt(lambda: (soffice(), pdftoppm())) is None:
        run.finish()
    for deck in decks:
        if not deck.is_file():
            run.error(f"{deck}: no such file")
            continue
        result = run.attempt(partial(preview, deck, out_dir, dpi))
        if result is not None:
            pngs, sheet = result
            click.echo(f"{sheet} ({len(pngs)} slides)")
    run.finish()


@main.command(name="check")
@click.argument("decks", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_obj
def check_command(debug: bool, decks: tuple[Path, ...], fmt: str) -> None:
    """Lint decks (ours or any): titles, empty placeholders, overflow, fonts, alt text, links.

    One line per finding; exit status 1 when any finding is an error.

    \b
    Example:
      briefdeck check decks/*.pptx --format json
    """
    from briefdeck.render.check import check_deck

    run = _Run(debug)
    findings: list[Any] = []
    for deck in decks:
        if not deck.is_file():
            run.error(f"{deck}: no such file")
            continue
        found = run.attempt(partial(check_deck, deck))
        findings.extend(found or [])
    if fmt == "json":
        click.echo(json.dumps([f.__dict__ for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(finding.line())
    if any(f.severity == "error" for f in findings):
        sys.exit(1)
    run.finish()


@main.command(name="layouts")
def layouts_command() -> None:
    """List the built-in layout sets.

    \b
    Example:
      briefdeck layouts
    """
    for name in available():
        layout_set = load_layout_set(name)
        click.echo(f"{name}\t{layout_set.description}")


def run() -> None:
    """Console entry point: run the CLI, then leave at once (skipping the heap's slow teardown)."""
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else 0)

"""Render a planned deck to .pptx with python-pptx (the only package that imports pptx)."""

from __future__ import annotations

import io
import os
import tempfile
import time
from pathlib import Path

from pptx import Presentation

from briefdeck.errors import OutputError
from briefdeck.language import Language
from briefdeck.layouts import LayoutSet
from briefdeck.model import Deck
from briefdeck.render.base import Base, prepared_base
from briefdeck.render.deck import DeckParts, SlideBuild, entries
from briefdeck.render.masters import (
    add_view_props,
    apply_theme,
    build_layouts,
    drop_slides,
    fill_east_asian_font,
)
from briefdeck.render.package import zip_bytes
from briefdeck.render.props import app_xml, build_time, core_xml
from briefdeck.render.slides import fill_slide
from briefdeck.render.template import open_template


class Renderer:
    """Writes decks, preparing the base of each layout set and language once."""

    def __init__(self) -> None:
        self._bases: list[tuple[LayoutSet, Language, Base]] = []

    def render(self, deck: Deck, layout_set: LayoutSet, path: Path, author: str = "") -> Path:
        """Write `deck` to `path` atomically (temporary file, then rename); return the path."""
        base = self._base(layout_set, deck.language)
        parts = DeckParts(base)
        sep = deck.language.label_sep
        paragraphs = 0
        for spec in deck.slides:
            slide = SlideBuild(parts, base.layouts[spec.layout])
            paragraphs += fill_slide(slide, spec, layout_set, sep)
            slide.finish(spec.notes)
        when = build_time()
        count = len(deck.slides)
        core = core_xml(deck, author, when)
        app = app_xml(base.format, paragraphs, count, count)
        stamped = bool(os.environ.get("SOURCE_DATE_EPOCH"))
        found = entries(parts, core, app, when if stamped else None)
        stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0)) if stamped else time.localtime()
        write_atomic(path, zip_bytes(found, stamp))
        return path

    def _base(self, layout_set: LayoutSet, language: Language) -> Base:
        """Return the prepared base of `layout_set` in `language`."""
        for known, lang, base in self._bases:
            if lang == language and known == layout_set:
                return base
        base = prepared_base(_prepared(layout_set, language), layout_set)
        self._bases.append((layout_set, language, base))
        return base


def _prepared(layout_set: LayoutSet, language: Language) -> bytes:
    """Return an empty presentation with the set's theme and layouts (or its template's)."""
    if layout_set.template:
        prs = open_template(layout_set.template)
        drop_slides(prs)
        add_view_props(prs)
        fill_east_asian_font(prs, layout_set)
    else:
        prs = Presentation()
        apply_theme(prs, layout_set)
        build_layouts(prs, layout_set, language)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


_RENDERER = Renderer()
"""This process's renderer: the layout sets' presentations are prepared once per process."""


def render_deck(deck: Deck, layout_set: LayoutSet, path: Path, author: str = "") -> Path:
    """Write `deck` to `path` with this process's renderer; return the path."""
    return _RENDERER.render(deck, layout_set, path, author)


def prepare(layout_set: LayoutSet, language: Language) -> None:
    """Prepare this process's renderer for decks of `layout_set` in `language` now."""
    _RENDERER._base(layout_set, language)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place (umask
    permissions)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".briefdeck-", suffix=".pptx.part", dir=path.parent)
    os.close(fd)
    umask = os.umask(0o022)  # read it (the only way); mkstemp made the file 0600
    os.umask(umask)
    try:
        Path(tmp).write_bytes(data)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

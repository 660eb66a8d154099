"""Render a planned deck to .pptx with python-pptx (the only package that imports pptx)."""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.presentation import Presentation as PresentationPart

from briefdeck.errors import OutputError
from briefdeck.layouts import LayoutSet
from briefdeck.model import Deck
from briefdeck.render.masters import (
    add_view_props,
    apply_theme,
    build_layouts,
    drop_slides,
    fill_east_asian_font,
)
from briefdeck.render.props import build_time, fixed_times, write_properties
from briefdeck.render.slides import fill_slide, new_slide
from briefdeck.render.template import open_template, template_layouts


@dataclass
class _Base:
    """An empty presentation prepared for one layout set and language."""

    layout_set: LayoutSet
    language: str
    data: bytes
    """The presentation's bytes (theme and layouts written), which each deck starts from."""
    models: dict[str, list[Any]] = field(default_factory=dict)
    """Layout name -> the placeholder elements a new slide on it gets (made once)."""


class Renderer:
    """Writes decks, preparing the empty presentation of each layout set and language once."""

    def __init__(self) -> None:
        self._bases: list[_Base] = []

    def render(self, deck: Deck, layout_set: LayoutSet, path: Path, author: str = "") -> Path:
        """Write `deck` to `path` atomically (temporary file, then rename); return the path."""
        base = self._base(layout_set, deck.language)
        prs = Presentation(io.BytesIO(base.data))
        by_name = (
            template_layouts(prs)
            if layout_set.template
            else {layout.name: layout for layout in prs.slide_layouts}
        )
        layouts = {spec.name: by_name[spec.source or spec.name] for spec in layout_set.layouts}
        sep = "：" if deck.language == "zh" else ": "
        for spec in deck.slides:
            slide = new_slide(prs, layouts[spec.layout], base.models)
            fill_slide(slide, spec, layout_set, sep)
        when = build_time()
        write_properties(prs, deck, author, when)
        save_atomic(prs, path, when if os.environ.get("SOURCE_DATE_EPOCH") else None)
        return path

    def _base(self, layout_set: LayoutSet, language: str) -> _Base:
        """Return the prepared empty presentation of `layout_set` in `language`."""
        for base in self._bases:
            if base.language == language and base.layout_set == layout_set:
                return base
        base = _Base(layout_set, language, _prepared(layout_set, language))
        self._bases.append(base)
        return base


def _prepared(layout_set: LayoutSet, language: str) -> bytes:
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


def save_atomic(prs: PresentationPart, path: Path, stamp: datetime | None = None) -> None:
    """Save to a temporary file beside `path`, then rename it into place (umask permissions).

    With `stamp`, every zip entry carries that time, so equal decks are equal bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".briefdeck-", suffix=".pptx.part", dir=path.parent)
    os.close(fd)
    umask = os.umask(0o022)  # read it (the only way); mkstemp made the file 0600
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
        if stamp is None:
            prs.save(tmp)
        else:
            buffer = io.BytesIO()
            prs.save(buffer)
            Path(tmp).write_bytes(fixed_times(buffer.getvalue(), stamp))
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)

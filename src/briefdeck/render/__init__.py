"""Render a planned deck to .pptx with python-pptx (the only package that imports pptx)."""

from __future__ import annotations

import io
import os
import tempfile
from datetime import datetime
from pathlib import Path

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

_BASES: dict[tuple[str, str], bytes] = {}
"""Prepared empty presentations (theme and layouts written), per layout set and language."""


def _base(layout_set: LayoutSet, language: str) -> bytes:
    """Return the empty presentation a deck starts from, prepared once per process."""
    key = (repr(layout_set), language)
    if key not in _BASES:
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
        _BASES[key] = buffer.getvalue()
    return _BASES[key]


def render_deck(deck: Deck, layout_set: LayoutSet, path: Path, author: str = "") -> Path:
    """Write `deck` to `path` atomically (temporary file, then rename); return the path."""
    base = _base(layout_set, deck.language)
    prs = Presentation(io.BytesIO(base))
    by_name = (
        template_layouts(prs)
        if layout_set.template
        else {layout.name: layout for layout in prs.slide_layouts}
    )
    layouts = {spec.name: by_name[spec.source or spec.name] for spec in layout_set.layouts}
    sep = "：" if deck.language == "zh" else ": "
    base_key = f"{id(base)}"  # the cached base's bytes live as long as the process
    for spec in deck.slides:
        slide = new_slide(prs, layouts[spec.layout], base_key)
        fill_slide(slide, spec, layout_set, sep)
    when = build_time()
    write_properties(prs, deck, author, when)
    save_atomic(prs, path, when if os.environ.get("SOURCE_DATE_EPOCH") else None)
    return path


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

"""Build on a user's template: open .pptx/.potx, map slide kinds to layouts by placeholder types."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefdeck.errors import LayoutError
from briefdeck.geometry import EMU_PER_INCH, INSET_Y
from briefdeck.layouts import KINDS, Box, Layout, LayoutSet
from briefdeck.model import AnyKind

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_DECK_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_ROLE_OF = {
    PP_PLACEHOLDER.TITLE: "title",
    PP_PLACEHOLDER.CENTER_TITLE: "title",
    PP_PLACEHOLDER.SUBTITLE: "subtitle",
    PP_PLACEHOLDER.BODY: "body",
    PP_PLACEHOLDER.OBJECT: "body",
    PP_PLACEHOLDER.PICTURE: "picture",
    PP_PLACEHOLDER.CHART: "chart",
    PP_PLACEHOLDER.TABLE: "table",
}
"""Template placeholder types -> the roles a slide kind fills."""
_WANTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "cover": (("title", "subtitle"), ("title",)),
    "key_figures": (("title",), ("title", "body")),
    "contents": (("title", "body"),),
    "section": (("title", "body"),),
    "section_cards": (("title", "body"),),
    "chart": (("title", "chart"), ("title", "body"), ("title",)),
    "photo": (("title", "picture", "body"), ("title", "picture"), ("title", "body")),
    "quote": (("title", "body"),),
    "closing": (("title", "body"),),
}
"""Per kind, the sets of roles a template layout should have, best first."""
MIN_SIZE = 10
"""The smallest text (points) a template's short box is given."""


def open_template(path: str | Path) -> Any:
    """Return the template at `path` as a presentation (.potx is read as a .pptx)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LayoutError(f"{path}: cannot be read ({exc.strerror})") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise LayoutError(f"{path}: not a PowerPoint template (.pptx or .potx)")
    try:
        prs = Presentation(io.BytesIO(_as_presentation(data)))
    except Exception as exc:  # python-pptx raises many kinds for packages it cannot read
        raise LayoutError(f"{path}: not a PowerPoint template ({exc.__class__.__name__})") from None
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            _number_placeholders(layout)
    return prs


_UNNUMBERED = {"title", "ctrTitle"}
"""Placeholder types a slide matches by type alone (PowerPoint gives them no idx)."""


def _number_placeholders(layout: Any) -> None:
    """Give each of a layout's placeholders its own idx.

    Templates saved by LibreOffice write no idx, so every placeholder reads as idx 0 and a
    slide could not tell its subtitle from its title; PowerPoint numbers them, and so do we.
    """
    seen: set[int] = set()
    elements = [shape.element for shape in layout.placeholders]
    taken = {e.ph_idx for e in elements}
    fresh = max(taken, default=0) + 1
    for element in elements:
        ph = element.ph
        if ph.get("type") in _UNNUMBERED:
            continue
        if element.ph_idx in seen or element.ph_idx == 0:
            ph.set("idx", str(fresh))
            fresh += 1
        seen.add(element.ph_idx)


def _as_presentation(data: bytes) -> bytes:
    """Return the package with a template's main part typed as a presentation."""
    source = zipfile.ZipFile(io.BytesIO(data))
    if _TEMPLATE_TYPE not in source.read("[Content_Types].xml"):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE_TYPE, _DECK_TYPE)
            target.writestr(item, content)
    return out.getvalue()


def template_layout_set(path: str, base: LayoutSet) -> tuple[LayoutSet, tuple[str, ...]]:
    """Return a layout set on the template's layouts (text styles from `base`), and warnings."""
    prs = open_template(path)
    layouts_by_name = template_layouts(prs)
    found = {name: _roles(layout) for name, layout in layouts_by_name.items()}
    prefer = _preferred(prs, layouts_by_name)
    if not any("title" in roles for roles in found.values()):
        raise LayoutError(f"{path}: the template has no layout with a title placeholder")
    width, height = prs.slide_width / EMU_PER_INCH, prs.slide_height / EMU_PER_INCH
    warnings: list[str] = []
    layouts = []
    for kind in KINDS:
        named = base.template_layouts.get(kind)
        name = _choose(kind, found, named, path, prefer[kind == "cover"], height)
        if kind == "photo" and "picture" not in found[name]:
            warnings.append(
                f"{path}: no layout has a picture placeholder; photo slides use {name!r}"
            )
        layouts.append(_layout(kind, name, found[name], base, width, height))
    scaled = dataclasses.replace(
        base, width=width, height=height, layouts=tuple(layouts), template=str(path)
    )
    return scaled, tuple(warnings)


def template_layouts(prs: Any) -> dict[str, Any]:
    """Return every master's layouts by a name unique in the template, in master order.

    A layout's own name, or for a name an earlier master uses, the name and the master's
    number (`Title, Content (2)`): LibreOffice gives each master the same layout names."""
    out: dict[str, Any] = {}
    for number, master in enumerate(prs.slide_masters, 1):
        for layout in master.slide_layouts:
            out[layout.name if layout.name not in out else f"{layout.name} ({number})"] = layout
    return out


def _preferred(prs: Any, layouts: dict[str, Any]) -> dict[bool, set[str]]:
    """Return {for the cover: layout names, for the rest: layout names} of the masters the
    template's own slides use: its first slide's for the cover, its others' for the rest."""
    masters = [master.part for master in prs.slide_masters]
    used = [masters.index(slide.slide_layout.slide_master.part) for slide in prs.slides]
    home = {name: masters.index(layout.slide_master.part) for name, layout in layouts.items()}
    chosen = {True: set(used[:1]), False: set(used[1:])}
    return {cover: {n for n, m in home.items() if m in chosen[cover]} for cover in chosen}


def _roles(layout: Any) -> dict[str, tuple[int, tuple[float, float, float, float]]]:
    """Return role -> (placeholder idx, box in inches) of a template layout's placeholders."""
    roles: dict[str, tuple[int, tuple[float, float, float, float]]] = {}
    for shape in layout.placeholders:
        role = _ROLE_OF.get(shape.placeholder_format.type)
        vertical = shape.element.ph_orient == "vert"  # East Asian vertical text: not for us
        if role is None or role in roles or shape.width is None or vertical:
            continue
        box = (
            shape.left / EMU_PER_INCH,
            shape.top / EMU_PER_INCH,
            shape.width / EMU_PER_INCH,
            shape.height / EMU_PER_INCH,
        )
        roles[role] = (shape.placeholder_format.idx, box)
    return roles


def _choose(
    kind: AnyKind,
    found: dict[str, dict[str, Any]],
    named: str | None,
    path: str,
    prefer: set[str],
    height: float,
) -> str:
    """Return the template layout for `kind`: named by the set, else the best by placeholders.

    Among layouts with the wanted placeholders, those in `prefer` first, the cover takes the
    first; other kinds the one with the most room for their content."""
    if named:
        if named not in found:
            raise LayoutError(f"{path}: template_layouts.{kind}: no layout named {named!r}")
        return named
    for n, wanted in enumerate(_WANTS[kind]):
        fits = [
            name
            for name, roles in found.items()
            if set(wanted) <= set(roles) and (len(wanted) > 1 or len(roles) == 1 or n)
        ]  # a bare title wants a title-only layout first
        if fits and kind == "cover":
            return min(fits, key=lambda f: f not in prefer)
        if fits:
            return max(fits, key=lambda f: (f in prefer, _room(found[f], height)))
    return next(name for name, roles in found.items() if "title" in roles)


def _room(roles: dict[str, Any], height: float) -> float:
    """Return the area (square inches) a layout leaves for content: body, else under the title."""
    role = next((r for r in ("body", "chart", "picture") if r in roles), None)
    if role is not None:
        _, (_, _, w, h) = roles[role]
        return float(w * h)
    _, (_, y, w, h) = roles["title"]
    return float(w * max(0.0, height - y - h))


def _layout(
    kind: AnyKind, name: str, roles: dict[str, Any], base: LayoutSet, width: float, height: float
) -> Layout:
    """Return the set's layout for `kind` on template layout `name`."""
    style = base.for_kind(kind)
    boxes: dict[str, Box] = {}
    indexes: dict[str, int] = {}
    for role, (idx, (x, y, w, h)) in roles.items():
        model = (
            style.placeholders.get(role)
            or style.placeholders.get("body")
            or style.placeholders["title"]
        )
        boxes[role] = _one_line_fits(dataclasses.replace(model, x=x, y=y, w=w, h=h, color=""), base)
        indexes[role] = idx
    if kind == "chart" and "chart" not in boxes:
        area = boxes.pop("body", None) or _below_title(boxes["title"], width, height)
        indexes.pop("body", None)
        boxes["chart"] = dataclasses.replace(style.placeholders["chart"], x=area.x, y=area.y,
                                             w=area.w, h=area.h, color="")  # fmt: skip
    cards = None
    if style.cards is not None:
        area = boxes.get("body") or _below_title(boxes["title"], width, height)
        if kind == "section_cards" and "body" in boxes:
            body = boxes["body"]
            boxes["body"] = dataclasses.replace(body, w=body.w * 0.62)
            area = Box(body.x + body.w * 0.65, body.y, body.w * 0.35, body.h)
        elif kind == "key_figures" and "body" in boxes:
            boxes.pop("body")
            indexes.pop("body", None)
        cards = dataclasses.replace(style.cards, x=area.x, y=area.y, w=area.w, h=area.h)
    return Layout(
        name=f"{name} ({kind})",
        kinds=(kind,),
        placeholders=boxes,
        cards=cards,
        max_items=style.max_items,
        source=name,
        indexes=indexes,
    )


def _one_line_fits(box: Box, base: LayoutSet) -> Box:
    """Return `box` with its sizes lowered where one line of the smallest would not fit its
    height: a template's title bar may be shorter than the set's titles."""
    line = base.line_height * base.line_spacing / 72  # inches per point
    largest = int((box.h - 2 * INSET_Y) / line)
    if largest >= box.sizes[0]:
        return box
    high = max(MIN_SIZE, largest)
    return dataclasses.replace(box, sizes=(float(max(MIN_SIZE, round(high * 0.75))), float(high)))


def _below_title(title: Box, width: float, height: float) -> Box:
    """Return the free area under a title box, kept inside the slide's margins."""
    top = title.y + title.h + 0.25
    margin = min(title.x, width * 0.05)
    return Box(margin, top, width - 2 * margin, max(1.0, height - top - 0.5))

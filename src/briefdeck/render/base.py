"""A layout set's empty presentation, prepared once per process: its parts ready to write."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass
from typing import Any, cast

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part as PptxPart
from pptx.opc.packuri import PackURI
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.slide import CT_Slide
from pptx.parts.slide import NotesMasterPart
from pptx.shapes.shapetree import SlideShapes

from briefdeck.layouts import LayoutSet
from briefdeck.render.package import Entry, Part, Rel
from briefdeck.render.props import format_name
from briefdeck.render.template import template_layouts


@dataclass(frozen=True)
class SlideLayout:
    """A layout a slide is made on: its part, python-pptx's view of it (for the geometry a
    placeholder inherits) and the placeholder shapes a new slide on it gets."""

    name: str
    """The layout's part name."""
    layout: Any
    models: tuple[Any, ...]


@dataclass(frozen=True)
class Base:
    """The parts every deck of one layout set and language shares, and what varies."""

    entries: tuple[Entry, ...]
    """The parts written as they are (masters, layouts, themes…), compressed once."""
    types: tuple[tuple[str, str], ...]
    """(name, content type) of those parts."""
    names: frozenset[str]
    """Their names."""
    images: tuple[tuple[str, Any], ...]
    """(sha1, python-pptx image part) of the pictures among them."""
    package_rels: bytes
    presentation: Part
    """The presentation part: its XML is written anew for each deck (its slides listed)."""
    element: Any
    """The presentation's XML, which each deck copies."""
    core: str
    app: str
    """The names of the core and app property parts, written anew for each deck."""
    notes_master: str
    new_notes_master: bool
    """True when the base has no notes master: each deck adds the default one (`notes_parts`)."""
    notes_parts: tuple[Entry, ...]
    notes_types: tuple[tuple[str, str], ...]
    layouts: dict[str, SlideLayout]
    """By the layout set's layout name."""
    slide: Any
    """An empty slide's XML, copied for each slide."""
    format: str
    """PowerPoint's name of the slide size."""


def prepared_base(data: bytes, layout_set: LayoutSet) -> Base:
    """Return the base of the presentation `data` (the set's theme and layouts written)."""
    prs = Presentation(io.BytesIO(data))
    package = prs.part.package
    core = package.core_properties.partname  # made where the template has none
    app = _app_part(package)
    fixed = [p for p in package.iter_parts() if p.partname not in (prs.part.partname, core, app)]
    notes, new_notes = _notes_master(prs)
    rels = [Rel(r.rId, r.reltype, r.target_ref, r.is_external) for r in prs.part.rels.values()]
    return Base(
        entries=tuple(e for p in fixed for e in _entries(p)),
        types=tuple((str(p.partname), p.content_type) for p in fixed),
        names=frozenset(str(p.partname) for p in fixed),
        images=tuple((p.sha1, p) for p in fixed if hasattr(p, "sha1")),
        package_rels=package._rels.xml,
        presentation=Part(str(prs.part.partname), prs.part.content_type, b"", rels),
        element=prs.part._element,
        core=str(core),
        app=str(app),
        notes_master=str(notes.partname),
        new_notes_master=bool(new_notes),
        notes_parts=tuple(e for p in new_notes for e in _entries(p)),
        notes_types=tuple((str(p.partname), p.content_type) for p in new_notes),
        layouts=_layouts(prs, layout_set),
        slide=CT_Slide.new(),
        format=format_name(prs.slide_width or 0, prs.slide_height or 0),
    )


def _entries(part: Any) -> list[Entry]:
    """Return the zip entries of a python-pptx part: the part, and its relationships if any."""
    out = [Entry.of(part.partname, part.blob)]
    if len(part.rels):
        out.append(Entry.of(part.partname.rels_uri, part.rels.xml))
    return out


def _app_part(package: Any) -> PackURI:
    """Return the name of the package's app properties, adding an empty part if it has none."""
    try:
        return package.part_related_by(RT.EXTENDED_PROPERTIES).partname
    except KeyError:
        part = PptxPart(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, package, b"")
        package.relate_to(part, RT.EXTENDED_PROPERTIES)
        return part.partname


def _notes_master(prs: Any) -> tuple[Any, list[Any]]:
    """Return the notes master decks use, and the parts to add (the default notes master and
    its theme, as python-pptx makes them) when the presentation has none."""
    try:
        return prs.part.part_related_by(RT.NOTES_MASTER), []
    except KeyError:
        master = NotesMasterPart.create_default(prs.part.package)
        return master, [master, master.part_related_by(RT.THEME)]


def _layouts(prs: Any, layout_set: LayoutSet) -> dict[str, SlideLayout]:
    """Return the set's layouts by name, each with its placeholder shapes for new slides."""
    by_name = (
        template_layouts(prs)
        if layout_set.template
        else {layout.name: layout for layout in prs.slide_layouts}
    )
    shapes = SlideShapes(CT_Slide.new().cSld.spTree, cast(Any, None))  # for its names
    out = {}
    for spec in layout_set.layouts:
        layout = by_name[spec.source or spec.name]
        models = []
        for sp in (ph.element for ph in layout.iter_cloneable_placeholders()):
            model = CT_Shape.new_placeholder_sp(
                0, "", sp.ph_type, sp.ph_orient, sp.ph_sz, sp.ph_idx
            )
            model.nvSpPr.cNvPr.set("name", shapes.ph_basename(sp.ph_type))
            models.append(model)
        out[spec.name] = SlideLayout(str(layout.part.partname), layout, tuple(models))
    return out


def new_slide(base: Base, layout: SlideLayout) -> Any:
    """Return a new slide's XML on `layout`, its placeholders numbered from 2 (as
    python-pptx's `add_slide` makes them)."""
    slide = copy.deepcopy(base.slide)
    tree = slide[0][0]  # p:cSld/p:spTree
    for shape_id, model in enumerate(layout.models, start=2):
        sp = copy.deepcopy(model)
        c_nv_pr = sp[0][0]  # p:nvSpPr/p:cNvPr
        c_nv_pr.set("id", str(shape_id))
        c_nv_pr.set("name", f"{c_nv_pr.get('name')} {shape_id - 1}")
        tree.append(sp)
    return slide

"""A layout set's empty presentation, prepared once per process: its parts ready to write."""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from typing import Any, cast

from lxml import etree
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part as PptxPart
from pptx.opc.packuri import PackURI
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.oxml.slide import CT_Slide
from pptx.parts.slide import NotesMasterPart
from pptx.shapes.shapetree import SlideShapes

from briefdeck.layouts import LayoutSet
from briefdeck.render.oxml import NOTES_HEAD, qn
from briefdeck.render.package import BASE_LEVEL, Deflated, Entry, Part, Rel, serialize
from briefdeck.render.props import format_name
from briefdeck.render.template import template_layouts


@dataclass(frozen=True)
class Holder:
    """A placeholder a new slide gets from its layout, as XML text (lxml's form in a slide)."""

    idx: int
    """Its idx (a title's: 0)."""
    title: bool
    shape_id: int
    xml: str


@dataclass(frozen=True)
class SlideLayout:
    """A layout a slide is made on: its part, python-pptx's view of it (for the geometry a
    placeholder inherits) and the placeholders a new slide on it gets."""

    name: str
    """The layout's part name."""
    layout: Any
    holders: tuple[Holder, ...]
    """In order."""
    by_idx: dict[int, Holder]
    """By idx (of two with one idx, the last)."""
    geometry: dict[int, tuple[Any, Any, Any, Any]]
    """Left, top, width and height (EMU) of each placeholder by idx, as the layout (or its
    master) places it: where a chart put in the placeholder stands."""


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
    package_rels: Entry
    presentation: Part
    """The presentation part: its XML is written anew for each deck (its slides listed)."""
    element: Any
    """The presentation's XML, which each deck copies."""
    listing: tuple[str, str] | None
    """The presentation's XML text before and after its list of slides (None: a deck's
    presentation is written from a copy of `element`)."""
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
    slide_head: str
    slide_tail: str
    """An empty slide's XML before its shapes and after them."""
    format: str
    """PowerPoint's name of the slide size."""
    deflated: Deflated = field(default_factory=Deflated)
    """The small parts of decks on this base, deflated once (and how slides and notes
    begin)."""


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
        package_rels=Entry.of("_rels/.rels", package._rels.xml, BASE_LEVEL),
        presentation=Part(str(prs.part.partname), prs.part.content_type, b"", rels),
        element=prs.part._element,
        listing=_listing(prs.part._element),
        core=str(core),
        app=str(app),
        notes_master=str(notes.partname),
        new_notes_master=bool(new_notes),
        notes_parts=tuple(e for p in new_notes for e in _entries(p)),
        notes_types=tuple((str(p.partname), p.content_type) for p in new_notes),
        layouts=_layouts(prs, layout_set),
        slide_head=slide_ends()[0],
        slide_tail=slide_ends()[1],
        deflated=Deflated([slide_ends()[0].encode(), NOTES_HEAD]),
        format=format_name(prs.slide_width or 0, prs.slide_height or 0),
    )


def _entries(part: Any) -> list[Entry]:
    """Return the zip entries of a python-pptx part: the part, and its relationships if any."""
    out = [Entry.of(part.partname, part.blob, BASE_LEVEL)]
    if len(part.rels):
        out.append(Entry.of(part.partname.rels_uri, part.rels.xml, BASE_LEVEL))
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
    """Return the set's layouts by name, each with its placeholders for new slides."""
    by_name = (
        template_layouts(prs)
        if layout_set.template
        else {layout.name: layout for layout in prs.slide_layouts}
    )
    out = {}
    for spec in layout_set.layouts:
        layout = by_name[spec.source or spec.name]
        holders = _holders(layout)
        by_idx = {h.idx: h for h in holders}
        geometry = {n: _geometry(layout.placeholders.get(idx=n)) for n in by_idx}
        out[spec.name] = SlideLayout(str(layout.part.partname), layout, holders, by_idx, geometry)
    return out


def _geometry(placeholder: Any) -> tuple[Any, Any, Any, Any]:
    """Return a layout placeholder's left, top, width and height (None where it has none)."""
    if placeholder is None:
        return None, None, None, None
    return placeholder.left, placeholder.top, placeholder.width, placeholder.height


def _holders(layout: Any) -> tuple[Holder, ...]:
    """Return the placeholders python-pptx's `add_slide` gives a slide on `layout` (numbered
    from 2), each as the XML text lxml writes for it in the slide."""
    shapes = SlideShapes(CT_Slide.new().cSld.spTree, cast(Any, None))  # for its names
    slide = CT_Slide.new()
    tree = slide[0][0]  # p:cSld/p:spTree
    before = serialize(slide).decode()
    out = []
    for shape_id, ph in enumerate(layout.iter_cloneable_placeholders(), start=2):
        sp = ph.element
        model = CT_Shape.new_placeholder_sp(
            shape_id, f"{shapes.ph_basename(sp.ph_type)} {shape_id - 1}", sp.ph_type,
            sp.ph_orient, sp.ph_sz, sp.ph_idx,
        )  # fmt: skip
        tree.append(model)
        now = serialize(slide).decode()
        xml = now[len(before) - len(_TAIL) : len(now) - len(_TAIL)]
        title = model.ph_type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        out.append(Holder(model.ph_idx, title, shape_id, xml))
        before = now
    return tuple(out)


_TAIL = "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
"""How an empty slide's XML ends, after its shapes."""


def slide_ends() -> tuple[str, str]:
    """Return the XML text of an empty slide before its shapes and after them."""
    empty = serialize(CT_Slide.new()).decode()
    assert empty.endswith(_TAIL)
    return empty[: -len(_TAIL)], _TAIL


def presentation_xml(base: Base, slide_ids: list[str]) -> bytes:
    """Return the presentation part listing the slides whose relationships are `slide_ids`."""
    if base.listing is None:
        return serialize(_listed(base.element, slide_ids))
    return _spliced(*base.listing, slide_ids).encode()


def _listed(element: Any, slide_ids: list[str]) -> Any:
    """Return a copy of the presentation's XML listing the slides of `slide_ids`."""
    copied = copy.deepcopy(element)
    listing = copied.get_or_add_sldIdLst()
    used = [int(i) for i in listing.xpath("./p:sldId/@id")]
    first = max([255, *used]) + 1
    for n, rid in enumerate(slide_ids):
        etree.SubElement(listing, qn("p:sldId"), {"id": str(first + n), qn("r:id"): rid})
    return copied


def _spliced(before: str, after: str, slide_ids: list[str]) -> str:
    """Return the presentation's XML text with its list of slides (ids from 256)."""
    ids = "".join(f'<p:sldId id="{256 + n}" r:id="{rid}"/>' for n, rid in enumerate(slide_ids))
    return f"{before}<p:sldIdLst>{ids}</p:sldIdLst>{after}"


def _listing(element: Any) -> tuple[str, str] | None:
    """Return the presentation's XML text before and after an empty list of slides, when the
    list written as text comes out as lxml writes it (tried on two slides), else None."""
    empty = serialize(_listed(element, [])).decode()
    if empty.count("<p:sldIdLst/>") != 1:
        return None
    before, after = empty.split("<p:sldIdLst/>")
    sample = ["rId7", "rId9"]
    if _spliced(before, after, sample) != serialize(_listed(element, sample)).decode():
        return None
    return before, after

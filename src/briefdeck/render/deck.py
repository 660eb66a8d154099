"""One deck's package: its slides, notes, charts and pictures added to the prepared base."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image as PptxImage
from pptx.parts.image import ImagePart
from pptx.shapes.shapetree import SlidePlaceholders, SlideShapes

from briefdeck.render.base import Base, SlideLayout, presentation_xml
from briefdeck.render.oxml import notes_xml
from briefdeck.render.package import (
    Entry,
    Part,
    Rel,
    content_types_xml,
    next_name,
    relative,
    serialize,
)
from briefdeck.render.props import fixed_times


class DeckParts:
    """The parts a deck adds to its base, by name; python-pptx's picture builder asks it for
    part names as it would ask a package."""

    def __init__(self, base: Base) -> None:
        self.base = base
        self.parts: list[Part] = []
        self.made: list[Any] = []
        """Parts python-pptx made (pictures), written when the deck is done."""
        self.names = set(base.names)
        self.images = dict(base.images)
        own = base.presentation
        self.presentation = Part(own.name, own.content_type, b"", list(own.rels))
        self.slide_ids: list[str] = []

    def add(self, part: Part) -> Part:
        """Add `part` to the deck; return it."""
        self.parts.append(part)
        self.names.add(part.name)
        return part

    def next_partname(self, template: str) -> PackURI:
        """Return (and take) the next free part name of `template`, as a package would."""
        name = next_name(template, self.names)
        self.names.add(name)
        return PackURI(name)

    def next_image_partname(self, ext: str) -> PackURI:
        """Return (and take) the name of a new picture: the first free number."""
        taken = sorted(
            int(n[16:].split(".")[0])
            for n in self.names
            if n.startswith("/ppt/media/image") and n[16:].split(".")[0].isdigit()
        )
        number = next((i for i, n in enumerate(taken, 1) if i < n), len(taken) + 1)
        name = f"/ppt/media/image{number}.{ext}"
        self.names.add(name)
        return PackURI(name)

    def add_slide(self) -> Part:
        """Return the part of a new slide, listed in the presentation (the default notes
        master related after the first slide, as python-pptx relates it)."""
        name = f"/ppt/slides/slide{len(self.slide_ids) + 1}.xml"
        self.slide_ids.append(self.presentation.relate(RT.SLIDE, name))
        if len(self.slide_ids) == 1 and self.base.new_notes_master:
            self.presentation.relate(RT.NOTES_MASTER, self.base.notes_master)
        return self.add(Part(name, CT.PML_SLIDE, b""))


class SlideBuild:
    """A slide being filled: its part, its layout's placeholders and, once parsed for
    python-pptx's builders, its XML; to python-pptx's shape views (tables, pictures, a
    template's placeholders) it is both the slide and the slide's part."""

    def __init__(self, deck: DeckParts, layout: SlideLayout) -> None:
        self.deck = deck
        self.layout = layout
        self.holders = layout.by_idx
        self.head, self.tail = deck.base.slide_head, deck.base.slide_tail
        self.slide_layout = layout.layout
        self.own = deck.add_slide()
        self.own.relate(RT.SLIDE_LAYOUT, layout.name)
        self.element: Any = None
        self.tree: Any = None

    def write(self, xml: str) -> None:
        """Give the slide its XML, written as text."""
        self.own.blob = xml.encode()

    def parse(self, element: Any) -> None:
        """Give the slide its XML as elements, for python-pptx's builders to finish."""
        self.element, self.tree = element, element[0][0]  # p:cSld/p:spTree

    @property
    def part(self) -> SlideBuild:
        """The slide's part, to python-pptx's shapes: the build itself."""
        return self

    @property
    def shapes(self) -> Any:
        """python-pptx's view of the slide's shapes."""
        return SlideShapes(self.tree, cast(Any, self))  # the build stands in for the slide

    @property
    def placeholders(self) -> Any:
        """python-pptx's view of the slide's placeholders."""
        return SlidePlaceholders(self.tree, cast(Any, self))

    def add_chart(self, xml: bytes, workbook: bytes) -> str:
        """Add a chart's part (and its embedded workbook's) and relate the slide to it; return
        the relationship's id."""
        chart = Part(str(self.deck.next_partname("/ppt/charts/chart%d.xml")), CT.DML_CHART, xml)
        sheet = "/ppt/embeddings/Microsoft_Excel_Sheet%d.xlsx"
        book = Part(str(self.deck.next_partname(sheet)), CT.SML_SHEET, workbook)
        chart.relate(RT.PACKAGE, book.name)
        self.deck.add(chart)
        self.deck.add(book)
        return self.own.relate(RT.CHART, chart.name)

    def get_or_add_image_part(self, image_file: Any) -> tuple[Any, str]:
        """Return the picture's part (one per distinct picture in the deck) and the slide's
        relationship to it."""
        image = PptxImage.from_file(image_file)
        part = self.deck.images.get(image.sha1)
        if part is None:
            part = self.deck.images[image.sha1] = ImagePart.new(cast(Any, self.deck), image)
            self.deck.made.append(part)
        target = relative(self.own.name, part.partname)
        found = [r.rid for r in self.own.rels if r.reltype == RT.IMAGE and r.target == target]
        return part, found[0] if found else self.own.relate(RT.IMAGE, part.partname)

    def finish(self, notes: str) -> None:
        """Give the slide a notes page holding `notes` (and write its XML if it was parsed)."""
        number = len(self.deck.slide_ids)
        name = f"/ppt/notesSlides/notesSlide{number}.xml"
        page = Part(name, CT.PML_NOTES_SLIDE, notes_xml(notes))
        page.relate(RT.NOTES_MASTER, self.deck.base.notes_master)
        page.relate(RT.SLIDE, self.own.name)
        self.deck.add(page)
        self.own.relate(RT.NOTES_SLIDE, name)
        if self.element is not None:
            self.own.blob = serialize(self.element)


def entries(deck: DeckParts, core: bytes, app: bytes, when: datetime | None) -> list[Entry]:
    """Return the deck's zip entries: content types, relationships, the presentation, the
    base's parts, the deck's own, and its properties (embedded workbooks stamped `when`)."""
    base = deck.base
    own = [*deck.parts, *(_converted(p) for p in deck.made)]
    presentation = deck.presentation
    presentation.blob = presentation_xml(base, deck.slide_ids)
    names = [
        (presentation.name, presentation.content_type), *base.types,
        *(base.notes_types if base.new_notes_master else ()),
        *((p.name, p.content_type) for p in own),
        (base.core, CT.OPC_CORE_PROPERTIES), (base.app, CT.OFC_EXTENDED_PROPERTIES),
    ]  # fmt: skip
    out = [
        Entry.of("[Content_Types].xml", content_types_xml(names)),
        base.package_rels,
        *_part_entries(base, presentation, when),
        *base.entries,
        *(base.notes_parts if base.new_notes_master else ()),
    ]
    for part in own:
        out += _part_entries(base, part, when)
    return [*out, Entry.of(base.core, core), Entry.of(base.app, app)]


def _part_entries(base: Base, part: Part, when: datetime | None) -> list[Entry]:
    """Return the entries of a part and of its relationships, if any."""
    blob = part.blob
    if when is not None and part.name.endswith(".xlsx"):
        blob = fixed_times(blob, when)
    out = [base.deflated.entry(part.name, blob)]
    if part.rels:
        out.append(base.deflated.rels(part.name, part.rels))
    return out


def _converted(part: Any) -> Part:
    """Return a python-pptx part as a part of the deck."""
    rels = [Rel(r.rId, r.reltype, r.target_ref, r.is_external) for r in part.rels.values()]
    return Part(str(part.partname), part.content_type, part.blob, rels)

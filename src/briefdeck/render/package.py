"""The deck's package written directly: parts, relationships, content types and the zip."""

from __future__ import annotations

import posixpath
import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml import etree
from pptx.opc.spec import default_content_types

from briefdeck.render.oxml import XML_HEAD
from briefdeck.render.oxml import xml_attribute as quote

LEVEL = 1
"""The deflate level of a deck's own parts (slides, notes, relationships). By measurement
(`bench/ziplevel.py` on the seed decks): a third less time than zlib's default 6 (which
python-pptx wrote) for 5 % more bytes in those parts; level 9 takes as long as 6 for 0.2 %
less."""
BASE_LEVEL = 6
"""The deflate level of the layout set's parts, deflated once per process: zlib's default."""
MEMORY = 6
"""The deflate memory level: setting up zlib's default (8) for each small part takes longer
than deflating it, and the parts come out no larger (`bench/ziplevel.py`)."""
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


@dataclass(frozen=True)
class Rel:
    """A relationship of a part (or of the package)."""

    rid: str
    reltype: str
    target: str
    """The target as written: a path relative to the source part, or an external address."""
    external: bool = False


@dataclass
class Part:
    """A part of the package: its name (`/ppt/slides/slide1.xml`), content type, bytes and
    relationships."""

    name: str
    content_type: str
    blob: bytes
    rels: list[Rel] = field(default_factory=list)

    def relate(self, reltype: str, target: str) -> str:
        """Add a relationship to the part named `target`; return its rId."""
        rid = f"rId{len(self.rels) + 1}"  # the next when rId1… are all taken, as they mostly are
        if any(r.rid == rid for r in self.rels):
            rid = next_rid({r.rid for r in self.rels})
        self.rels.append(Rel(rid, reltype, relative(self.name, target)))
        return rid


def serialize(element: Any) -> bytes:
    """Return a part's XML as python-pptx writes it (declaration, UTF-8, standalone)."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


@lru_cache(maxsize=4096)
def relative(source: str, target: str) -> str:
    """Return the reference from part `source` to part `target` (`../slideLayouts/…`)."""
    folder, _, _ = source.rpartition("/")
    there, _, leaf = target.rpartition("/")
    if folder == there:
        return leaf
    if there.startswith(folder + "/"):  # a folder below: the presentation's slides
        return target[len(folder) + 1 :]
    if folder.count("/") == there.count("/") == 2 and folder[:5] == there[:5] == "/ppt/":
        return f"../{there[5:]}/{leaf}"  # one folder of /ppt to another: the common case
    return posixpath.relpath(target, folder)


def next_rid(used: set[str]) -> str:
    """Return the rId python-pptx gives a new relationship: the highest free number up to one
    past the count (so a gap left by a dropped relationship is filled)."""
    for n in range(len(used) + 1, 0, -1):
        if f"rId{n}" not in used:
            return f"rId{n}"
    raise AssertionError("no free rId")  # pragma: no cover - the count leaves one free


def next_name(template: str, names: Iterable[str]) -> str:
    """Return the next free part name of `template` (`/ppt/charts/chart%d.xml`), as
    python-pptx chooses it: the highest free number up to one past those of its kind."""
    prefix = template[: (template % 42).find("42")]
    taken = {n for n in names if n.startswith(prefix)}
    for n in range(len(taken) + 1, 0, -1):
        if template % n not in taken:
            return template % n
    raise AssertionError("no free part name")  # pragma: no cover


def rels_xml(rels: Iterable[Rel]) -> bytes:
    """Return a .rels part listing `rels` in rId number order."""
    items = []
    for rel in sorted(rels, key=_rid_number):
        mode = ' TargetMode="External"' if rel.external else ""
        items.append(
            f'<Relationship Id="{quote(rel.rid)}" Type="{rel.reltype}"'
            f' Target="{quote(rel.target)}"{mode}/>'
        )  # a relationship type is a plain address
    return XML_HEAD + f'<Relationships xmlns="{_RELS_NS}">{"".join(items)}</Relationships>'.encode()


def _rid_number(rel: Rel) -> tuple[int, str]:
    digits = rel.rid[3:]
    return (int(digits) if rel.rid.startswith("rId") and digits.isdigit() else 0, rel.rid)


def content_types_xml(parts: Iterable[tuple[str, str]]) -> bytes:
    """Return [Content_Types].xml for parts given as (name, content type): a Default for each
    extension of a common type, an Override for every other part, each sorted."""
    defaults = dict(_RELS_AND_XML)
    overrides = []
    for name, content_type in parts:
        ext = posixpath.splitext(name)[1][1:].lower()
        if (ext, content_type) in _DEFAULT_TYPES:
            defaults[ext] = content_type
        else:
            overrides.append((name, content_type))
    items = [
        f'<Default Extension="{quote(e)}" ContentType="{quote(t)}"/>'
        for e, t in sorted(defaults.items())
    ]
    items += [
        f'<Override PartName="{quote(n)}" ContentType="{quote(t)}"/>'
        for n, t in sorted(dict(overrides).items())
    ]
    return XML_HEAD + f'<Types xmlns="{_TYPES_NS}">{"".join(items)}</Types>'.encode()


_DEFAULT_TYPES = frozenset(default_content_types)
_RELS_AND_XML = {
    "rels": "application/vnd.openxmlformats-package.relationships+xml",
    "xml": "application/xml",
}
"""The Default entries every package has."""


class Deflated:
    """Zip entries of small parts kept by name and content, deflated once: the decks of a
    batch share most of their relationship parts (notes page N, slide N on one layout)."""

    SMALL = 1024
    """Parts up to this many bytes are kept."""
    LIMIT = 4096
    """Most entries kept (all are forgotten past it)."""

    def __init__(self, heads: Iterable[bytes] = ()) -> None:
        self._known: dict[tuple[str, bytes], Entry] = {}
        self._rels: dict[tuple[str, tuple[Rel, ...]], Entry] = {}
        self._heads = [(head, _flushed(head)) for head in heads]
        """How many parts begin (a slide's, a notes page's XML up to its text), deflated once:
        a part that begins so is deflated from there on."""

    def rels(self, part: str, rels: list[Rel]) -> Entry:
        """Return the entry of the relationships of part `part` (kept by the relationships:
        their XML is written once)."""
        key = (part, tuple(rels))
        found = self._rels.get(key)
        if found is None:
            if len(self._rels) >= self.LIMIT:
                self._rels.clear()
            folder, leaf = part.rsplit("/", 1)
            found = self._rels[key] = Entry.of(f"{folder}/_rels/{leaf}.rels", rels_xml(rels))
        return found

    def entry(self, name: str, blob: bytes) -> Entry:
        """Return the entry of part `name` holding `blob`."""
        if len(blob) > self.SMALL:
            for head, data in self._heads:
                if blob.startswith(head):
                    return Entry.of(name, blob, start=(len(head), data))
            return Entry.of(name, blob)
        found = self._known.get((name, blob))
        if found is None:
            if len(self._known) >= self.LIMIT:
                self._known.clear()
            found = self._known[name, blob] = Entry.of(name, blob)
        return found


@dataclass(frozen=True)
class Entry:
    """A zip entry made once: its name, compressed data, CRC and sizes (a prepared part is
    compressed once per process, not once per deck)."""

    name: bytes
    data: bytes
    crc: int
    size: int

    @classmethod
    def of(
        cls, name: str, blob: bytes, level: int = LEVEL, start: tuple[int, bytes] = (0, b"")
    ) -> Entry:
        """Return the entry of `blob` deflated at `level`; with `start`, (n, data), its first n
        bytes are given deflated as `data` (`_flushed`) and the rest is deflated after them."""
        skip, data = start
        packer = zlib.compressobj(level, zlib.DEFLATED, -15, MEMORY)
        data += packer.compress(blob[skip:] if skip else blob) + packer.flush()
        return cls(name.lstrip("/").encode(), data, zlib.crc32(blob), len(blob))


def _flushed(head: bytes) -> bytes:
    """Return `head` deflated up to a full flush: blocks that end on a byte and that nothing
    after them refers back into, so that a part beginning with `head` may go on from there."""
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, MEMORY)
    return packer.compress(head) + packer.flush(zlib.Z_FULL_FLUSH)


def zip_bytes(entries: Iterable[Entry], stamp: tuple[int, ...]) -> bytes:
    """Return a zip of `entries` (deflated), each stamped with `stamp` (year … second)."""
    year, month, day, hour, minute, second = stamp[:6]
    date = (year - 1980) << 9 | month << 5 | day
    time = hour << 11 | minute << 5 | second // 2
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for e in entries:
        head = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, time, date, e.crc, len(e.data), e.size,
            len(e.name), 0,
        )  # fmt: skip
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 8, time, date, e.crc,
                len(e.data), e.size, len(e.name), 0, 0, 0, 0, 0o600 << 16, offset,
            )
            + e.name
        )  # fmt: skip
        out += (head, e.name, e.data)
        offset += len(head) + len(e.name) + len(e.data)
    directory = b"".join(central)
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(directory), offset, 0
    )
    return b"".join(out) + directory + end

"""OOXML fragments: placeholder shapes, text properties, theme edits (no python-pptx API here)."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from briefdeck.geometry import BULLET_INDENT, INSET_X, INSET_Y
from briefdeck.geometry import emu as inches_emu

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
}
SCHEME = {
    "dark": "tx1",
    "light": "bg1",
    "dark2": "tx2",
    "light2": "bg2",
    "accent": "accent1",
    "accent2": "accent2",
    "muted": "accent3",
}
"""Layout-set colour names -> theme colour slots, so a theme change recolours the deck."""
THEME_SLOTS = {
    "dark": "dk1",
    "light": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "accent": "accent1",
    "accent2": "accent2",
    "muted": "accent3",
}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
XML_HEAD = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""The declaration lxml writes before a part's XML (as python-pptx serialises parts)."""
ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def qn(tag: str) -> str:
    """Return the Clark name of a prefixed tag (`a:p`)."""
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def sub(parent: Any, tag: str, **attrs: str) -> Any:
    """Append and return a child element."""
    return etree.SubElement(parent, qn(tag), {k: v for k, v in attrs.items()})


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;",
     "\t": "&#9;"}
)  # fmt: skip
_SPECIAL = re.compile('[\x00-\x1f&<>"]')
"""What a text or an attribute value escapes or refuses (the quick test that it has none)."""
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CJK = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U0003134f]")


def xml_text(value: str) -> str:
    """Return `value` escaped as XML text, as lxml writes it (a control character refused,
    as lxml refuses it)."""
    if not _SPECIAL.search(value):
        return value
    if _FORBIDDEN.search(value):
        raise ValueError(_REFUSED)
    return value.translate(_TEXT)


def xml_attribute(value: str) -> str:
    """Return `value` escaped for a double-quoted attribute, as lxml writes it."""
    if not _SPECIAL.search(value):
        return value
    if _FORBIDDEN.search(value):
        raise ValueError(_REFUSED)
    return value.translate(_ATTRIBUTE)


_REFUSED = (
    "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
)


def language(value: str) -> str:
    """Return a run's language attributes: zh-CN (with en-US) when it holds Chinese."""
    return ' lang="zh-CN" altLang="en-US"' if _CJK.search(value) else ' lang="en-US"'


def fill_xml(color: str) -> str:
    """Return a solid fill of a colour name (theme slot) or hex RGB."""
    if color in SCHEME:
        return f'<a:solidFill><a:schemeClr val="{SCHEME[color]}"/></a:solidFill>'
    return f'<a:solidFill><a:srgbClr val="{xml_attribute(color.upper())}"/></a:solidFill>'


_WRAP = '<p:txBody xmlns:a="{a}" xmlns:p="{p}" xmlns:r="{r}">{{}}</p:txBody>'.format(**NS)


def parsed(xml: str) -> list[Any]:
    """Return the elements written in `xml` (paragraphs, shapes), as lxml would have made
    them one by one: in a slide they are written the same."""
    return list(etree.fromstring(_WRAP.format(xml)))


def emu(inches: float) -> str:
    """Return inches as an EMU attribute value."""
    return str(inches_emu(inches))


def color_fill(parent: Any, color: str) -> Any:
    """Append a solid fill of a colour name (theme slot) or hex RGB."""
    fill = sub(parent, "a:solidFill")
    if color in SCHEME:
        sub(fill, "a:schemeClr", val=SCHEME[color])
    else:
        sub(fill, "a:srgbClr", val=color.upper())
    return fill


def xfrm(parent: Any, x: float, y: float, w: float, h: float) -> Any:
    """Append an a:xfrm with the given geometry in inches."""
    node = sub(parent, "a:xfrm")
    sub(node, "a:off", x=emu(x), y=emu(y))
    sub(node, "a:ext", cx=emu(w), cy=emu(h))
    return node


def placeholder_sp(
    shape_id: int,
    name: str,
    ph_type: str | None,
    idx: int | None,
    geometry: tuple[float, float, float, float],
    style: dict[str, Any] | None,
    prompt: str,
) -> Any:
    """Return a layout placeholder `p:sp` with its geometry and text style."""
    sp = etree.Element(qn("p:sp"), nsmap={"a": NS["a"], "p": NS["p"], "r": NS["r"]})
    nv = sub(sp, "p:nvSpPr")
    sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    locks = sub(nv, "p:cNvSpPr")
    sub(locks, "a:spLocks", noGrp="1")
    nvpr = sub(nv, "p:nvPr")
    ph = sub(nvpr, "p:ph")
    if ph_type:
        ph.set("type", ph_type)
    if idx is not None:
        ph.set("idx", str(idx))
    sppr = sub(sp, "p:spPr")
    xfrm(sppr, *geometry)
    if style is None:  # picture and chart placeholders carry no text style
        return sp
    body = sub(sp, "p:txBody")
    bodypr = sub(
        body,
        "a:bodyPr",
        wrap="square",
        lIns=emu(INSET_X),
        rIns=emu(INSET_X),
        tIns=emu(INSET_Y),
        bIns=emu(INSET_Y),
        anchor=ANCHOR[style["anchor"]],
        rtlCol="0",
    )
    sub(bodypr, "a:normAutofit")
    lst = sub(body, "a:lstStyle")
    lvl = sub(lst, "a:lvl1pPr", algn=ALIGN[style["align"]])
    if style["bullets"]:
        lvl.set("marL", emu(BULLET_INDENT))
        lvl.set("indent", emu(-BULLET_INDENT))
    else:
        lvl.set("marL", "0")
        lvl.set("indent", "0")
    spacing = sub(lvl, "a:lnSpc")
    sub(spacing, "a:spcPct", val=str(round(style["line_spacing"] * 100000)))
    before = sub(lvl, "a:spcBef")
    sub(before, "a:spcPts", val=str(round(style["space_before"] * 100)))
    if style["bullets"]:
        bu_color = sub(lvl, "a:buClr")
        sub(bu_color, "a:schemeClr", val="accent1")
        sub(lvl, "a:buFont", typeface="Arial")
        sub(lvl, "a:buChar", char="■")
    else:
        sub(lvl, "a:buNone")
    rpr = sub(lvl, "a:defRPr", sz=str(round(style["size"] * 100)), b="1" if style["bold"] else "0")
    color_fill(rpr, style["color"])
    p = sub(body, "a:p")
    r = sub(p, "a:r")
    sub(r, "a:rPr", lang="zh-CN" if any(ord(c) > 0x2E80 for c in prompt) else "en-US")
    sub(r, "a:t").text = prompt
    return sp


def _shape_sp(
    shape_id: int,
    name: str,
    geometry: tuple[float, float, float, float],
    preset: str,
    fill: str,
    adjust: str | None = None,
) -> tuple[Any, Any]:
    """Return a filled preset shape `p:sp` without outline, and its `p:spPr`."""
    sp = etree.Element(qn("p:sp"), nsmap={"a": NS["a"], "p": NS["p"]})
    nv = sub(sp, "p:nvSpPr")
    sub(nv, "p:cNvPr", id=str(shape_id), name=name)
    sub(nv, "p:cNvSpPr")
    sub(nv, "p:nvPr")
    sppr = sub(sp, "p:spPr")
    xfrm(sppr, *geometry)
    geom = sub(sppr, "a:prstGeom", prst=preset)
    guides = sub(geom, "a:avLst")
    if adjust:
        sub(guides, "a:gd", name="adj", fmla=adjust)
    color_fill(sppr, fill)
    line = sub(sppr, "a:ln")
    sub(line, "a:noFill")
    return sp, sppr


def rect_sp(
    shape_id: int, name: str, geometry: tuple[float, float, float, float], color: str
) -> Any:
    """Return a filled rectangle `p:sp` without outline (a layout decoration)."""
    return _shape_sp(shape_id, name, geometry, "rect", color)[0]


def set_theme(theme_xml: bytes, fonts: tuple[str, str], colors: dict[str, str], name: str) -> bytes:
    """Return theme XML with the set's Latin and East Asian fonts and colours."""
    root = etree.fromstring(theme_xml)
    root.set("name", name)
    latin, east_asian = fonts
    for font in root.iter(qn("a:majorFont"), qn("a:minorFont")):
        font.find(qn("a:latin")).set("typeface", latin)
        font.find(qn("a:ea")).set("typeface", east_asian)
        for script in font.findall(qn("a:font")):
            if script.get("script") in ("Hans", "Hant"):
                script.set("typeface", east_asian)
    scheme = root.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", name)
    for color_name, slot in THEME_SLOTS.items():
        node = scheme.find(qn(f"a:{slot}"))
        for child in list(node):
            node.remove(child)
        sub(node, "a:srgbClr", val=colors[color_name])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_east_asian(theme_xml: bytes, east_asian: str) -> bytes:
    """Return theme XML whose empty East Asian font slots name `east_asian`."""
    root = etree.fromstring(theme_xml)
    for font in root.iter(qn("a:majorFont"), qn("a:minorFont")):
        ea = font.find(qn("a:ea"))
        if ea is not None and not ea.get("typeface"):
            ea.set("typeface", east_asian)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def card_xml(
    shape_id: int, name: str, geometry: tuple[float, float, float, float], fill: str, body: str
) -> str:
    """Return a number card: a rounded rectangle filled in a theme colour, holding the
    paragraphs `body`."""
    x, y, w, h = (emu(v) for v in geometry)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{xml_attribute(name)}"/><p:cNvSpPr/>'
        f'<p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
        '</a:xfrm><a:prstGeom prst="roundRect"><a:avLst><a:gd name="adj" fmla="val 6000"/>'
        f"</a:avLst></a:prstGeom>{fill_xml(fill)}<a:ln><a:noFill/></a:ln></p:spPr><p:txBody>"
        f'<a:bodyPr wrap="square" lIns="{emu(INSET_X)}" rIns="{emu(INSET_X)}" '
        f'tIns="{emu(INSET_Y)}" bIns="{emu(INSET_Y)}" anchor="ctr" rtlCol="0"><a:noAutofit/>'
        "</a:bodyPr><a:lstStyle/>"
        f"{body}</p:txBody></p:sp>"
    )


NOTES_XML = (
    '<p:notes xmlns:a="{a}" xmlns:p="{p}" xmlns:r="{r}"><p:cSld><p:spTree><p:nvGrpSpPr>'
    '<p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
    '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr>'
    '<a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr>'
    '<p:ph type="sldImg" idx="2"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
    '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr>'
    '<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="3" sz="quarter"/></p:nvPr>'
    "</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/></p:txBody></p:sp>"
    "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
).format(**NS)
"""A notes slide with the notes master's slide image and body placeholders, text to be added
(written as lxml writes it)."""


NOTES_HEAD = XML_HEAD + NOTES_XML[: NOTES_XML.index("<a:lstStyle/>") + 13].encode()
"""How every notes slide part begins."""


def notes_xml(text: str) -> bytes:
    """Return a notes slide part whose body holds `text`, a paragraph per line."""
    lines = []
    for line in text.split("\n"):
        run = f"<a:r><a:rPr{language(line)}/><a:t>{xml_text(line)}</a:t></a:r>" if line else ""
        lines.append(f"<a:p>{run}</a:p>" if run else "<a:p/>")
    body = "<a:lstStyle/>" + "".join(lines)
    return XML_HEAD + NOTES_XML.replace("<a:lstStyle/>", body, 1).encode()

"""Write the layout set into the presentation: theme, master geometry and slide layouts."""

from __future__ import annotations

from typing import Any

from pptx.dml.color import RGBColor
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.util import Emu, Inches

from briefdeck.errors import LayoutError
from briefdeck.geometry import emu
from briefdeck.language import Language
from briefdeck.layouts import Box, Layout, LayoutSet
from briefdeck.render.oxml import placeholder_sp, rect_sp, set_east_asian, set_theme
from briefdeck.vocab import vocabulary

ROLE_PLACEHOLDERS: dict[str, tuple[str | None, int | None, str]] = {
    "title": ("title", None, "Title"),
    "subtitle": ("subTitle", 1, "Subtitle"),
    "body": ("body", 2, "Text"),
    "kicker": ("body", 10, "Kicker"),
    "picture": ("pic", 12, "Picture"),
    "chart": ("chart", 13, "Chart"),
    "table": ("tbl", 14, "Table"),
}
"""Placeholder role -> (OOXML type, idx, shape name)."""
PROMPTS: dict[str, dict[str, str]] = vocabulary("prompts")
"""Placeholder prompt text by language and role (`data/prompts.yaml`)."""


def apply_theme(prs: Any, layout_set: LayoutSet) -> None:
    """Write the set's slide size, fonts and colours into the presentation's theme."""
    prs.slide_width = Emu(emu(layout_set.width))
    prs.slide_height = Emu(emu(layout_set.height))
    master = prs.slide_masters[0]
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = set_theme(
        theme.blob,
        (layout_set.latin_font, layout_set.east_asian_font),
        layout_set.colors,
        layout_set.name,
    )


def build_layouts(prs: Any, layout_set: LayoutSet, lang: Language) -> dict[str, Any]:
    """Rewrite the template's slide layouts as the set's layouts; return them by name."""
    master = prs.slide_masters[0]
    existing = list(master.slide_layouts)
    if len(layout_set.layouts) > len(existing):
        raise LayoutError(f"{layout_set.name}: at most {len(existing)} layouts are supported")
    out = {}
    for spec, layout in zip(layout_set.layouts, existing):
        _rebuild(layout, spec, layout_set, PROMPTS[lang.value])
        out[spec.name] = layout
    for layout in existing[len(layout_set.layouts) :]:
        master.slide_layouts.remove(layout)
    _fit_master(master, layout_set)
    return out


def _rebuild(layout: Any, spec: Layout, layout_set: LayoutSet, prompts: dict[str, str]) -> None:
    """Replace a layout's shapes with the spec's decorations and placeholders."""
    element = layout._element
    element.cSld.set("name", spec.name)
    tree = element.cSld.spTree
    for child in list(tree)[2:]:  # keep the group's own properties
        tree.remove(child)
    shape_id = 2
    for n, shape in enumerate(spec.shapes, start=1):
        tree.append(
            rect_sp(shape_id, f"Decoration {n}", (shape.x, shape.y, shape.w, shape.h), shape.color)
        )
        shape_id += 1
    for role, box in spec.placeholders.items():
        ph_type, idx, name = ROLE_PLACEHOLDERS[role]
        style = None if role in ("picture", "chart", "table") else _style(box, layout_set)
        tree.append(
            placeholder_sp(
                shape_id,
                f"{name} {shape_id}",
                ph_type,
                idx,
                (box.x, box.y, box.w, box.h),
                style,
                prompts[role],
            )
        )
        shape_id += 1
    if spec.background:
        fill = layout.background.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(layout_set.rgb(spec.background))


def _style(box: Box, layout_set: LayoutSet) -> dict[str, Any]:
    return {
        "size": box.sizes[1],
        "bold": box.bold,
        "color": box.color,
        "align": box.align,
        "anchor": box.anchor,
        "bullets": box.bullets,
        "line_spacing": layout_set.line_spacing,
        "space_before": layout_set.paragraph_space * box.sizes[0] * layout_set.line_height
        if box.bullets
        else 0,
    }


def _fit_master(master: Any, layout_set: LayoutSet) -> None:
    """Give the master's title and body the geometry of the bullets layout (for new layouts)."""
    spec = layout_set.for_kind("section")
    for shape in master.placeholders:
        role = {"title": "title", "body": "body"}.get(
            str(shape.placeholder_format.type).split()[0].lower()
        )
        box = spec.placeholders.get(role) if role else None
        if box is not None:
            shape.left, shape.top = Inches(box.x), Inches(box.y)
            shape.width, shape.height = Inches(box.w), Inches(box.h)


def drop_slides(prs: Any) -> None:
    """Remove the slides a template came with (its layouts and masters stay)."""
    ids = prs.slides._sldIdLst
    for slide_id in list(ids):
        prs.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)


_VIEW_PROPS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>'
)


def add_view_props(prs: Any) -> None:
    """Give a template without view properties an empty part (PowerPoint repairs a file without)."""
    part = prs.part
    if any(rel.reltype == RT.VIEW_PROPS for rel in part.rels.values()):
        return
    props = Part(PackURI("/ppt/viewProps.xml"), CT.PML_VIEW_PROPS, part.package, _VIEW_PROPS)
    part.relate_to(props, RT.VIEW_PROPS)


def fill_east_asian_font(prs: Any, layout_set: LayoutSet) -> None:
    """Give a template's theme the set's East Asian typeface where the theme names none."""
    master = prs.slide_masters[0]
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = set_east_asian(theme.blob, layout_set.east_asian_font)

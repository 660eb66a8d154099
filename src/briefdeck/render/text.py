"""Write fitted text as DrawingML paragraphs: runs with sizes, emphasis, bullets and languages."""

from __future__ import annotations

from typing import Any

from lxml import etree

from briefdeck.model import Bullet, TextBox
from briefdeck.render.oxml import ALIGN, color_fill, qn, set_run_language, sub

Run = tuple[str, float, "bool | None", "str | None"]
"""A run to write: text, size in points, bold (None: inherit), colour name (None: inherit)."""


def paragraph(
    runs: list[Run],
    line_spacing: float,
    align: str | None = None,
    space_before: float | None = None,
    numbered: bool = False,
) -> Any:
    """Return an `a:p` element holding `runs` (empty runs are left out)."""
    p = etree.Element(qn("a:p"))
    ppr = sub(p, "a:pPr")
    if align:
        ppr.set("algn", ALIGN[align])
    spacing = sub(ppr, "a:lnSpc")
    sub(spacing, "a:spcPct", val=str(round(line_spacing * 100000)))
    if space_before is not None:
        before = sub(ppr, "a:spcBef")
        sub(before, "a:spcPts", val=str(round(space_before * 100)))
    if numbered:
        sub(ppr, "a:buFont", typeface="+mj-lt")
        sub(ppr, "a:buAutoNum", type="arabicPeriod")
    for text, size, bold, color in runs:
        if not text:
            continue
        r = sub(p, "a:r")
        rpr = sub(r, "a:rPr", sz=str(round(size * 100)))
        if bold is not None:
            rpr.set("b", "1" if bold else "0")
        set_run_language(rpr, text)
        if color:
            color_fill(rpr, color)
        sub(r, "a:t").text = text
    return p


def replace_paragraphs(tx_body: Any, paragraphs: list[Any]) -> None:
    """Replace the paragraphs of a `p:txBody` (or `a:txBody`) with `paragraphs`."""
    for old in tx_body.findall(qn("a:p")):
        tx_body.remove(old)
    for p in paragraphs:
        tx_body.append(p)


def box_paragraphs(box: TextBox, sep: str, line_spacing: float) -> list[Any]:
    """Return the paragraphs of a fitted text box: bold heads, figures emphasised, numbers."""
    out = [
        paragraph(
            _runs(b, box, sep),
            line_spacing,
            space_before=box.space_before if n else None,
            numbered=box.numbered,
        )
        for n, b in enumerate(box.paragraphs)
    ]
    if box.numbered and box.start > 1:
        for p in out:
            p.find(f"{qn('a:pPr')}/{qn('a:buAutoNum')}").set("startAt", str(box.start))
    return out


def _runs(bullet: Bullet, box: TextBox, sep: str) -> list[Run]:
    runs: list[Run] = []
    if bullet.head:
        runs.append((bullet.head + (sep if bullet.text else ""), box.size, True, None))
    for part, emphasised in split_emphasis(bullet.text, box.emphasis):
        runs.append(
            (part, box.size, True if emphasised else None, "accent" if emphasised else None)
        )
    return runs


def split_emphasis(text: str, marks: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Return `text` cut into (part, is_mark) pieces around the strings of `marks`."""
    if not text:
        return []
    for mark in sorted(marks, key=len, reverse=True):
        at = text.find(mark) if mark else -1
        if at >= 0:
            return [
                *split_emphasis(text[:at], marks),
                (mark, True),
                *split_emphasis(text[at + len(mark) :], marks),
            ]
    return [(text, False)]

"""Write fitted text as DrawingML paragraphs: runs with sizes, emphasis, bullets and languages."""

from __future__ import annotations

from typing import Any

from briefdeck.model import Bullet, TextBox
from briefdeck.render.oxml import ALIGN, fill_xml, language, parsed, qn, xml_text

Run = tuple[str, float, "bool | None", "str | None"]
"""A run to write: text, size in points, bold (None: inherit), colour name (None: inherit)."""


def paragraph_xml(
    runs: list[Run],
    line_spacing: float,
    align: str | None = None,
    space_before: float | None = None,
    numbered: bool = False,
    start: int = 1,
) -> str:
    """Return an `a:p` holding `runs` (empty runs left out), numbered from `start` if
    `numbered`, as XML text in the form lxml writes it (parsed in one go where elements are
    needed: the decks are the same as when they were built element by element)."""
    head = f'<a:pPr algn="{ALIGN[align]}">' if align else "<a:pPr>"
    out = [head, f'<a:lnSpc><a:spcPct val="{round(line_spacing * 100000)}"/></a:lnSpc>']
    if space_before is not None:
        out.append(f'<a:spcBef><a:spcPts val="{round(space_before * 100)}"/></a:spcBef>')
    if numbered:
        first = f' startAt="{start}"' if start > 1 else ""
        out.append(f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod"{first}/>')
    out.append("</a:pPr>")
    for value, size, bold, color in runs:
        if not value:
            continue
        weight = "" if bold is None else f' b="{1 if bold else 0}"'
        props = f'<a:rPr sz="{round(size * 100)}"{weight}{language(value)}'
        props += f">{fill_xml(color)}</a:rPr>" if color else "/>"
        out.append(f"<a:r>{props}<a:t>{xml_text(value)}</a:t></a:r>")
    return f"<a:p>{''.join(out)}</a:p>"


def paragraph(
    runs: list[Run],
    line_spacing: float,
    align: str | None = None,
    space_before: float | None = None,
) -> Any:
    """Return an `a:p` element holding `runs` (empty runs are left out)."""
    return parsed(paragraph_xml(runs, line_spacing, align, space_before))[0]


def replace_paragraphs(tx_body: Any, paragraphs: list[Any]) -> None:
    """Replace the paragraphs of a `p:txBody` (or `a:txBody`) with `paragraphs`."""
    for old in tx_body.findall(qn("a:p")):
        tx_body.remove(old)
    for p in paragraphs:
        tx_body.append(p)


def box_paragraphs_xml(box: TextBox, sep: str, line_spacing: float) -> tuple[str, int]:
    """Return the paragraphs of a fitted text box (bold heads, figures emphasised, numbers)
    and how many of them hold text."""
    xml, count = [], 0
    for n, bullet in enumerate(box.paragraphs):
        runs = _runs(bullet, box, sep)
        xml.append(
            paragraph_xml(
                runs,
                line_spacing,
                space_before=box.space_before if n else None,
                numbered=box.numbered,
                start=box.start,
            )
        )
        count += bool("".join(r[0] for r in runs).strip())
    return "".join(xml), count


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

"""Write fitted text into text frames: runs with sizes, emphasis, bullets and languages."""

from __future__ import annotations

from typing import Any

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.util import Pt

from briefdeck.model import Bullet, TextBox
from briefdeck.render.oxml import qn, set_run_language, sub

THEME = {
    "dark": MSO_THEME_COLOR.TEXT_1,
    "light": MSO_THEME_COLOR.BACKGROUND_1,
    "dark2": MSO_THEME_COLOR.TEXT_2,
    "light2": MSO_THEME_COLOR.BACKGROUND_2,
    "accent": MSO_THEME_COLOR.ACCENT_1,
    "accent2": MSO_THEME_COLOR.ACCENT_2,
    "muted": MSO_THEME_COLOR.ACCENT_3,
}
"""Layout-set colour names -> theme colours."""


def add_run(
    paragraph: Any, text: str, size: float, bold: bool | None = None, color: str | None = None
) -> Any:
    """Append a run with its size, weight, theme colour and language; return it."""
    run = paragraph.add_run()
    run.text = text
    run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if color:
        run.font.color.theme_color = THEME[color]
    set_run_language(run._r.get_or_add_rPr(), text)
    return run


def write_lines(
    frame: Any, lines: list[list[tuple[str, float, bool | None, str | None]]], line_spacing: float
) -> None:
    """Replace the frame's text with paragraphs of (text, size, bold, colour) runs."""
    frame.text = ""
    for n, runs in enumerate(lines):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        paragraph.line_spacing = line_spacing
        for text, size, bold, color in runs:
            if text:
                add_run(paragraph, text, size, bold, color)


def write_box(frame: Any, box: TextBox, sep: str, line_spacing: float) -> None:
    """Write a fitted text box: bold heads, figures emphasised, numbering when asked."""
    lines = [_runs(b, box, sep) for b in box.paragraphs]
    write_lines(frame, lines, line_spacing)
    if box.numbered:
        for paragraph in frame.paragraphs:
            ppr = paragraph._p.get_or_add_pPr()
            for old in ppr.findall(qn("a:buNone")) + ppr.findall(qn("a:buChar")):
                ppr.remove(old)
            sub(ppr, "a:buFont", typeface="+mj-lt")
            sub(ppr, "a:buAutoNum", type="arabicPeriod")


def _runs(
    bullet: Bullet, box: TextBox, sep: str
) -> list[tuple[str, float, bool | None, str | None]]:
    runs: list[tuple[str, float, bool | None, str | None]] = []
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

"""The photo and quote slides that follow a section."""

from __future__ import annotations

from dataclasses import replace

from briefdeck.model import Bullet, Photo, SlideSpec
from briefdeck.planning.fitting import fit
from briefdeck.planning.state import Context, PlanState, add, text

PROBE = 8
"""Characters of a point or of words said looked for in the section's source to place them."""


def photos(ctx: Context, st: PlanState, after: int) -> None:
    """Plan the photo slides placed after section `after`: caption as title, credit under it,
    the picture (its alt text the caption) when the outline holds one."""
    for n, photo in enumerate(ctx.outline.photos, start=1):
        if photo.after != after:
            continue
        notes = "\n".join(x for x in (photo.caption, photo.credit) if x)
        title, lines = _photo_text(ctx, photo, n)
        add(ctx, st, "photo", title, notes, body=text(ctx, st, "photo", "body", lines))
        if photo.image is not None:
            alt = photo.caption or title
            st.slides[-1] = replace(st.slides[-1], image=replace(photo.image, alt=alt))


def _photo_text(ctx: Context, photo: Photo, n: int) -> tuple[str, list[Bullet]]:
    """Return a photo slide's title and the lines of its text box: the caption, the credit
    under it; a caption too long for the title goes into the text box under a short title
    (`图片 2`), as does the credit of a picture without caption; a layout without a text box
    has the credit after the caption in the title."""
    short = f"{ctx.words['photo']} {n}"
    credit = [Bullet(photo.credit)] if photo.credit else []
    if ctx.measure.box("photo", "body") is None:
        return " ".join(x for x in (photo.caption or short, photo.credit) if x), []
    if not photo.caption:
        return short, credit
    box = ctx.measure.box("photo", "title")
    if box is not None and fit(ctx.measure, box, [Bullet(photo.caption)]) is None:
        return short, _caption_lines(ctx, photo.caption, photo.credit)
    return photo.caption, credit


def _caption_lines(ctx: Context, caption: str, credit: str) -> list[Bullet]:
    """Return the text box lines of a caption and its credit: two paragraphs, or one when two
    do not fit the box (a small template box), the credit after the caption."""
    lines = [Bullet(caption), *([Bullet(credit)] if credit else [])]
    body = ctx.measure.box("photo", "body")
    if len(lines) > 1 and body is not None and fit(ctx.measure, body, lines) is None:
        return [Bullet(f"{caption} {credit}")]
    return lines


def quotes(ctx: Context, st: PlanState, after: int) -> None:
    """Plan the quote slides said in section `after`, right after it: after the slide whose
    points come before the words in the source when the section fills several slides."""
    start, end = st.spans.get(after, (len(st.slides), len(st.slides)))
    placed: list[tuple[int, SlideSpec]] = []
    for quote in ctx.outline.quotes:
        if quote.after != after:
            continue
        said = f"“{quote.text}”"
        title = quote.speaker or ctx.words["quote"]
        notes = f"{said}\n— {quote.speaker}" if quote.speaker else said
        add(ctx, st, "quote", title, notes, body=text(ctx, st, "quote", "body", [Bullet(said)]))
        where = _said_after(ctx.outline.sections[after].notes, st.slides[start:end], quote.text)
        placed.append((where, st.slides.pop()))
    own, rest = st.slides[start:end], st.slides[end:]  # rest: the section's photos
    last = len(own) - 1
    early = {n: [slide for where, slide in placed if where == n] for n in range(last)}
    late = [slide for where, slide in placed if where >= last]
    order = [x for n, slide in enumerate(own) for x in (slide, *early.get(n, []))]
    st.slides[start:] = [*order, *rest, *late]


def _said_after(notes: str, slides: list[SlideSpec], said: str) -> int:
    """Return the index of the last of `slides` whose first point comes before the words
    `said` in the section's source `notes` (the last slide when that is unknown)."""
    at = notes.find(said[:PROBE])
    if at < 0 or not slides:
        return len(slides) - 1
    found = 0
    for n, slide in enumerate(slides):
        first = slide.body.paragraphs[0].text if slide.body and slide.body.paragraphs else ""
        where = notes.find(first[:PROBE]) if first else -1
        if 0 <= where < at:
            found = n
    return found

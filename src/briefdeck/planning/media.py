"""The photo and quote slides that follow a section."""

from __future__ import annotations

from briefdeck.model import Bullet
from briefdeck.planning.fitting import fit
from briefdeck.planning.state import Context, PlanState, add, text


def photos(ctx: Context, st: PlanState, after: int) -> None:
    """Plan the photo slides placed after section `after`, their caption as title."""
    for n, photo in enumerate(ctx.outline.photos, start=1):
        if photo.after != after:
            continue
        notes = "\n".join(x for x in (photo.caption, photo.credit) if x)
        lines = [Bullet(photo.credit)] if photo.credit else []
        title = photo.caption
        box = ctx.measure.box("photo", "title")
        if box is not None and fit(ctx.measure, box, [Bullet(title)]) is None:
            # a caption too long for the title goes into the text box under a short title
            title, lines = f"{ctx.words['photo']} {n}", [Bullet(photo.caption), *lines]
        add(ctx, st, "photo", title, notes, body=text(ctx, st, "photo", "body", lines))


def quotes(ctx: Context, st: PlanState, after: int) -> None:
    """Plan the quote slides said in section `after`, right after it."""
    for quote in ctx.outline.quotes:
        if quote.after != after:
            continue
        said = f"“{quote.text}”"
        title = quote.speaker or ctx.words["quote"]
        notes = f"{said}\n— {quote.speaker}" if quote.speaker else said
        add(ctx, st, "quote", title, notes, body=text(ctx, st, "quote", "body", [Bullet(said)]))

"""Make a photo's file for its slide: upright, no larger than the slide shows it, JPEG or PNG."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from briefdeck.model import Image

if TYPE_CHECKING:
    from PIL.Image import Image as Picture

LONG_SIDE_MAX = 1600
"""Longest side of a photo in a deck, in pixels."""
DPI = 200
"""Pixels per inch of the picture box a photo keeps (more than a projector or screen shows)."""
JPEG_QUALITY = 85
"""The quality a photo is written at as JPEG."""
_UPRIGHT = (0, 1)
"""EXIF orientations of a picture stored upright (0: no orientation given)."""
_QUARTER = (5, 6, 7, 8)
"""EXIF orientations of a picture stored turned a quarter."""


def fitted_size(width: int, height: int, box: tuple[float, float]) -> tuple[int, int]:
    """Return the size a `width` × `height` picture is given to fill a box of `box` (inches,
    cropped to fill): enough pixels for DPI across the box, at most LONG_SIDE_MAX on its long
    side, never enlarged."""
    need = max(box[0] * DPI / width, box[1] * DPI / height)
    scale = min(1.0, LONG_SIDE_MAX / max(width, height), need)
    return max(1, round(width * scale)), max(1, round(height * scale))


def slide_picture(image: Image, box: tuple[float, float]) -> bytes:
    """Return the file that shows `image` in a picture box of `box`
    (inches): the document's own JPEG when it is small enough and upright; else the picture
    turned upright, downscaled (`fitted_size`) and written as JPEG, or as PNG when it has
    transparency (or when the document's PNG is smaller)."""
    from PIL import Image as PILImage  # imported here: only decks with photos need it
    from PIL import ImageOps

    size = fitted_size(image.width, image.height, box)
    with PILImage.open(io.BytesIO(image.data)) as picture:
        orientation = picture.getexif().get(0x0112, 1)
        kept = size == (image.width, image.height) and orientation in _UPRIGHT
        if kept and image.format == "jpeg":
            return image.data
        if picture.format == "JPEG":  # decode at the smallest scale at least as large: fast
            picture.draft("RGB", size[::-1] if orientation in _QUARTER else size)
        upright = ImageOps.exif_transpose(picture) or picture
        data = _encode(upright, size, picture.info.get("icc_profile"))
    return image.data if kept and image.format == "png" and len(image.data) <= len(data) else data


def _encode(picture: Picture, size: tuple[int, int], icc: bytes | None) -> bytes:
    """Return `picture` at `size` as JPEG (PNG when some of it is transparent), its colour
    profile kept."""
    from PIL import Image as PILImage

    clear = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    if clear:  # a picture whose every pixel is opaque has no transparency to keep
        picture = picture.convert("RGBA")
        clear = picture.getchannel("A").getextrema() != (255, 255)
    picture = picture.convert("RGBA" if clear else "L" if picture.mode in ("1", "L") else "RGB")
    if picture.size != size:
        picture = picture.resize(size, PILImage.Resampling.LANCZOS)
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if clear:
        picture.save(out, "PNG", optimize=True, **extra)
    else:
        picture.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **extra)
    return out.getvalue()

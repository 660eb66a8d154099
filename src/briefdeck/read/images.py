"""Read the pictures a document holds: format, size, and whether Pillow can decode them."""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from bisect import bisect_left
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefdeck.model import Block, Image

if TYPE_CHECKING:
    from PIL.Image import Image as Picture

BYTES_MAX = 20 * 1024 * 1024
"""Largest picture file read again from an outline's reference, in bytes."""

PIXELS_MAX = 50_000_000
"""Largest picture read, in pixels (a 50-megapixel photo): a bigger one is left out."""
FORMATS = ("jpeg", "png", "gif", "bmp", "tiff", "webp")
"""The picture formats read (Word's vector EMF, WMF and SVG pictures are left out)."""
SIDE_MIN = 32
"""A picture this narrow or low (pixels) is an icon or a rule, not a photo: left out."""
_ROTATED = (5, 6, 7, 8)
"""EXIF orientations that turn a picture a quarter: its width and height swap."""
_DOCX_PART = re.compile(r"^(.+?\.docx)#(.+)$", re.IGNORECASE)
"""A picture inside a Word file: `report.docx#word/media/image1.png`."""


class ImageError(ValueError):
    """A picture that cannot be used; the message says why."""


def image_of(data: bytes, source: str, alt: str = "", line: int = 0) -> Image:
    """Return the picture of `data`, found at `source`; ImageError when Pillow cannot decode
    it, it is too large or too small, or of a format a deck does not take."""
    from PIL import Image as PILImage  # imported here: only documents with pictures need it

    try:
        with warnings.catch_warnings():  # Pillow's warning of a huge picture: an error here
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            picture = PILImage.open(io.BytesIO(data), formats=[f.upper() for f in FORMATS])
        with picture:
            kind = "jpeg" if picture.format == "MPO" else (picture.format or "").lower()
            width, height = picture.size
            if width * height > PIXELS_MAX:
                raise ImageError(f"{source}: a picture of {width}×{height} pixels is too large")
            if min(width, height) < SIDE_MIN:
                raise ImageError(f"{source}: a {width}×{height} picture is too small for a photo")
            if picture.getexif().get(0x0112) in _ROTATED:
                width, height = height, width
            _decode(picture)
    except ImageError:
        raise
    except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
        raise ImageError(f"{source}: a picture of over {PIXELS_MAX:,} pixels") from None
    except Exception as exc:  # Pillow raises many kinds for broken files
        raise ImageError(f"{source}: not a readable picture ({type(exc).__name__})") from None
    return Image(data, kind, width, height, source, alt, line)


def _decode(picture: Picture) -> None:
    """Decode the whole picture (a JPEG at an eighth of its size: fast, every byte read), so
    that a broken file is found while reading, not while writing the deck."""
    if picture.format == "JPEG":
        width, height = picture.size
        picture.draft("RGB", (max(1, width // 8), max(1, height // 8)))
    picture.load()


def load_image(reference: str, folder: Path | None = None) -> Image:
    """Return the picture a reference names again (a file's path, or a Word file's part as
    `report.docx#word/media/image1.png`), a relative path taken from the current folder, else
    from `folder`; ImageError when it cannot be read."""
    found = _DOCX_PART.match(reference)
    file = Path(found.group(1) if found and not Path(reference).is_file() else reference)
    if folder is not None and not file.is_absolute() and not file.exists():
        if not (folder / file).exists():
            raise ImageError(f"{reference}: no such file (from here or from {folder})")
        return load_image(str(folder / reference))
    try:
        if file != Path(reference):
            with zipfile.ZipFile(file) as archive:
                member = archive.getinfo(found.group(2).lstrip("/") if found else "")
                size = member.file_size
                data = archive.read(member) if size <= BYTES_MAX else b""
        else:
            size = file.stat().st_size
            data = file.read_bytes() if size <= BYTES_MAX else b""
    except (OSError, KeyError, zipfile.BadZipFile) as exc:
        raise ImageError(f"{reference}: cannot be read ({type(exc).__name__})") from None
    if size > BYTES_MAX:
        raise ImageError(f"{reference}: larger than {BYTES_MAX // (1024 * 1024)} MB")
    return image_of(data, reference)


def place_images(blocks: list[Block], images: list[Image]) -> tuple[Image, ...]:
    """Return `images` each placed among `blocks` (`Image.after`): before the block of its own
    line or paragraph, after those of earlier ones."""
    lines = sorted(b.line for b in blocks)
    return tuple(replace(i, after=bisect_left(lines, i.line)) for i in images)

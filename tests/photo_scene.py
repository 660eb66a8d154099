"""Photos made here for the tests and docs: a rendered landscape with a round sun, hills and a
factory, so that a stretched picture (an oval sun) is seen at once. Nothing copyrighted."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw, ImageOps

PALETTES = {
    "day": ((28, 86, 170), (196, 226, 246), (250, 214, 60), (92, 140, 110), (52, 110, 62)),
    "dusk": ((48, 32, 92), (246, 168, 110), (255, 120, 60), (96, 78, 110), (50, 60, 58)),
}
"""Sky top, sky at the horizon, sun, far hills, near hills."""


def scene(width: int, height: int, palette: str = "day", grain: float = 0.06) -> Image.Image:
    """Return an RGB landscape of `width` × `height` pixels, with a film grain of its own
    (seeded: the same every time) so that it packs as a photo does, not as a drawing."""
    top, horizon, sun, far, near = PALETTES[palette]
    gradient = Image.linear_gradient("L").resize((width, height))
    picture = ImageOps.colorize(gradient, top, horizon).convert("RGB")
    draw = ImageDraw.Draw(picture)
    w, h = width, height
    r = min(w, h) * 0.09
    cx, cy = w * 0.74, h * 0.26
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=sun)
    draw.polygon([(0, h * 0.62), (w * 0.2, h * 0.42), (w * 0.42, h * 0.58), (w * 0.63, h * 0.4),
                  (w * 0.86, h * 0.56), (w, h * 0.47), (w, h), (0, h)], fill=far)  # fmt: skip
    draw.polygon([(0, h * 0.74), (w * 0.3, h * 0.62), (w * 0.55, h * 0.72), (w * 0.8, h * 0.64),
                  (w, h * 0.7), (w, h), (0, h)], fill=near)  # fmt: skip
    _factory(draw, w, h)
    noise = Image.frombytes("L", (w, h), random.Random(w * h).randbytes(w * h)).convert("RGB")
    return Image.blend(picture, noise, grain) if grain else picture


def _factory(draw: ImageDraw.ImageDraw, w: int, h: int) -> None:
    """Draw a factory hall with a chimney and rows of lit windows on the near hills."""
    x0, x1, y0, y1 = w * 0.12, w * 0.48, h * 0.58, h * 0.8
    draw.rectangle((x0, y0, x1, y1), fill=(214, 218, 224), outline=(60, 64, 72), width=2)
    draw.rectangle((x1 - w * 0.05, h * 0.38, x1 - w * 0.025, y0), fill=(150, 60, 50))
    cols, rows = 8, 3
    for c in range(cols):
        for k in range(rows):
            left = x0 + (x1 - x0) * (c + 0.25) / cols
            upper = y0 + (y1 - y0) * (k + 0.2) / rows
            box = (left, upper, left + (x1 - x0) * 0.5 / cols, upper + (y1 - y0) * 0.5 / rows)
            draw.rectangle(box, fill=(255, 206, 84) if (c + k) % 3 else (70, 110, 160))

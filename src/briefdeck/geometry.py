"""The text box geometry every stage shares: insets, the bullet indent, inches in EMU."""

from __future__ import annotations

INSET_X = 0.1
"""Left and right text inset of every box, inches."""
INSET_Y = 0.05
"""Top and bottom text inset of every box, inches."""
BULLET_INDENT = 0.3
"""How far a bullet's text stands in from its box (the hanging indent), inches."""
EMU_PER_INCH = 914400
"""English Metric Units in an inch: OOXML's unit of length."""


def emu(inches: float) -> int:
    """Return a length in inches as whole EMU, rounded."""
    return round(inches * EMU_PER_INCH)

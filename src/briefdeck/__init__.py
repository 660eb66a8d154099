"""briefdeck: articles in, editable PowerPoint briefing decks out, one per zone."""

from __future__ import annotations

__version__ = "0.1.0"

"""Errors the library raises; the CLI turns them into one `Error:` line."""

from __future__ import annotations


class BriefdeckError(Exception):
    """Base class: a problem a person can fix, said in one line."""


class InputError(BriefdeckError):
    """An input document cannot be read."""


class OutlineError(BriefdeckError):
    """An outline YAML file is malformed."""


class LayoutError(BriefdeckError):
    """A layout set is missing or malformed."""


class OutputError(BriefdeckError):
    """A deck cannot be written."""

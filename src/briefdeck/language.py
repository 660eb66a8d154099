"""Each language's behaviour in one place: the code, tag, separators and how lines are counted."""

from __future__ import annotations

import enum


class Language(str, enum.Enum):
    """A language of articles and decks (a `str`, so its code compares and prints as itself)."""

    ZH = "zh"
    EN = "en"

    @property
    def cjk(self) -> bool:
        """True for a language written in Chinese characters (lines counted in characters,
        full-width punctuation, no spaces between words)."""
        return self is Language.ZH

    @property
    def tag(self) -> str:
        """The language tag written on text runs and in the deck's properties."""
        return "zh-CN" if self.cjk else "en-US"

    @property
    def list_sep(self) -> str:
        """What goes between the items of a list (authors, topics)."""
        return "、" if self.cjk else ", "

    @property
    def label_sep(self) -> str:
        """What goes between a run-in head or a label and its text."""
        return "：" if self.cjk else ": "

    @property
    def clause_sep(self) -> str:
        """What goes between statements joined on one line (a deck's topics)."""
        return "；" if self.cjk else "; "

    def bracketed(self, text: str) -> str:
        """Return `text` in brackets after a title (a chart's unit)."""
        return f"（{text}）" if self.cjk else f" ({text})"

    def line_limit(self, characters: int) -> int:
        """Return the longest bullet in this language's unit for a limit in Chinese characters
        (an English word is about two characters wide)."""
        return characters if self.cjk else characters // 2


DEFAULT = Language.ZH
"""The language assumed when there is nothing to tell it by."""


def of(code: str | Language | None) -> Language:
    """Return the language of a code (`zh`, `en`, `zh-CN`), the default for none."""
    if isinstance(code, Language):
        return code
    if not code:
        return DEFAULT
    for language in Language:
        if code.lower().startswith(language.value):
            return language
    raise ValueError(f"unknown language {code!r}")


CODES = tuple(language.value for language in Language)
"""The language codes an outline file or the command line may give."""

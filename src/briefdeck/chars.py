"""Character classes, sentence splitting and display normalisation shared by the stages."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from briefdeck.language import Language

FINAL = "。！？!?；;…"
"""Punctuation that ends a sentence or a paragraph."""
CLOSERS = "”’」』》）)\"'"
"""Closing marks that may follow final punctuation."""

_SENTENCE = re.compile(r"[^。！？!?；;…]*(?:[。！？!?；;]|…+)[”’」』）)\"']*|[^。！？!?；;…]+$")
_EN_SENTENCE = re.compile(r".+?(?:[.!?]+[\"'”’)]*(?=\s+[A-Z\"“‘(]|\s*$)|$)", re.S)


def is_cjk(char: str) -> bool:
    """Return True for a CJK ideograph."""
    return (
        "\u4e00" <= char <= "\u9fff"
        or "\u3400" <= char <= "\u4dbf"
        or "\uf900" <= char <= "\ufaff"
        or "\U00020000" <= char <= "\U0003134f"
    )


def has_cjk(text: str) -> bool:
    """Return True when `text` holds a CJK ideograph."""
    return any(map(is_cjk, text))


def cjk_share(text: str) -> float:
    """Return the share of CJK ideographs among the letters of `text`."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(map(is_cjk, letters)) / len(letters)


@lru_cache(maxsize=4096)
def language(text: str) -> Language:
    """Return Chinese when `text` is mostly Chinese, else English."""
    return Language.ZH if cjk_share(text) >= 0.2 else Language.EN


def ends_sentence(text: str) -> bool:
    """Return True when `text` ends with final punctuation (closing marks allowed after it)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    if not stripped:
        return False
    return stripped[-1] in FINAL or stripped[-1] in ".:：" or stripped.endswith("...")


def sentences(text: str) -> list[str]:
    """Return the sentences of `text`, each with its final punctuation."""
    if not language(text).cjk:
        return [s.strip() for s in _EN_SENTENCE.findall(text) if s.strip()]
    return [s for s in _SENTENCE.findall(text) if s.strip()]


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９．％", "0123456789.%")
_WIDE = re.compile("[０-９．％]")
_CJK = "\u3000-\u9fff\uff00-\uffef"
_CJK_SPACES = rf"(?<=[{_CJK}])\s+(?=[{_CJK}])"
_SPACES = re.compile(r"\s+")
_COMMA = rf"(?<=[{_CJK}“”‘’]),\s*|,\s*(?=[\u3000-\u9fff“‘])"
_SEMICOLON = rf"(?<=[{_CJK}”’]);\s*|;\s*(?=[\u3000-\u9fff“‘])"
_COLON = rf"(?<=[{_CJK}”’]):\s*|:\s*(?=[\u3000-\u9fff“‘])"
_BRACKETS = r"\(([^()]*[\u4e00-\u9fff][^()]*)\)"


@cache
def compiled(pattern: str) -> re.Pattern[str]:
    """Return `pattern` compiled, once per process: a pattern only some texts need is
    compiled when one first does (one with a CJK range takes 1–5 ms to compile)."""
    return re.compile(pattern)


def display(text: str) -> str:
    """Return `text` normalised for slides: full-width punctuation between CJK, no stray spaces,
    full-width digits as half-width (a figure's value and words stay as the source has them)."""
    if _WIDE.search(text):
        text = text.translate(_WIDE_DIGITS)
    ideographic = "\u3000" in text  # a space that is CJK too: the pattern, not the quick way
    text = compiled(_CJK_SPACES).sub("", text) if ideographic else _SPACES.sub(_between_cjk, text)
    if "," in text:
        text = compiled(_COMMA).sub("，", text)
    if ";" in text:
        text = compiled(_SEMICOLON).sub("；", text)
    if ":" in text:
        text = compiled(_COLON).sub("：", text)
    if "(" in text:
        text = compiled(_BRACKETS).sub(r"（\1）", text)
    return text


def _between_cjk(spaces: re.Match[str]) -> str:
    """Return a run of spaces as kept: none between two CJK characters (a text without an
    ideographic space, whose runs of spaces hold no CJK character)."""
    text, start, end = spaces.string, spaces.start(), spaces.end()
    if start and end < len(text) and _is_wide(text[start - 1]) and _is_wide(text[end]):
        return ""
    return spaces.group()


def _is_wide(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"

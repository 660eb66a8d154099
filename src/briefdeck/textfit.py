"""Measure and fit text: per-character widths, CJK wrapping with line-breaking rules."""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from briefdeck.chars import compiled, is_cjk
from briefdeck.geometry import INSET_X, INSET_Y

NO_LINE_START = set("，。、；：？！）」』》〉】”’…%‰·—～,.;:?!)]}")
"""Characters that may not begin a line."""
NO_LINE_END = set("（「『《〈【“‘([{$£¥€")
"""Characters that may not end a line."""
_NARROW = set("iljtfI.,;:'!|[]()`’‘ ")
_WIDE = set("mwMW@%")
_AMBIGUOUS = set("“”…—·")
"""Punctuation a CJK face draws full width (as in Chinese text); measured so, to be safe."""
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%'’\-/+]*|\s+|.", re.S)
"""A wrapping token: a Latin word (with the marks inside numbers and words), a run of spaces,
or any other character."""
_SPACE = re.compile(r"\s")
_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%'’\-/+]*|\s\s+")
"""The wrapping tokens that may be longer than a character: a word, or a run of spaces."""
_FULL_WIDTH = r"[\u3001-\u303e\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6“”…—·]*"
"""Text whose every character is one em wide, regular or bold (Chinese, its punctuation and
full-width forms; no space): measured without looking each character up."""


BOLD_LATIN = 1.1
"""Bold Latin letters and digits are this much wider than regular ones."""


@lru_cache(maxsize=8192)
def char_width(char: str, bold: bool = False) -> float:
    """Return the advance width of `char` in ems (Arial-like Latin, full-width CJK)."""
    if is_cjk(char) or unicodedata.east_asian_width(char) in ("F", "W") or char in _AMBIGUOUS:
        return 1.0
    return _latin_width(char) * (BOLD_LATIN if bold else 1.0)


def _latin_width(char: str) -> float:
    if char in _NARROW:
        return 0.28
    if char in _WIDE:
        return 0.86
    if char.isdigit():
        return 0.56
    if char.isupper():
        return 0.68
    if char.isalpha():
        return 0.53
    return 0.45 if char != "…" else 1.0


SCRIPT_GAP = 0.25
"""Extra width where Chinese meets Latin letters or digits: renderers add space there."""
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_BOUNDARY = re.compile(r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u3400-\u9fff])")


class _Measured(dict[str, float]):
    """Widths of characters or words of one weight, each measured once (forgotten past LIMIT)."""

    LIMIT = 65536

    def __init__(self, measure: Callable[[str, bool], float], bold: bool) -> None:
        super().__init__()
        self.measure, self.bold = measure, bold

    def __missing__(self, key: str) -> float:
        if len(self) >= self.LIMIT:
            self.clear()
        width = self[key] = self.measure(key, self.bold)
        return width


_CHARS = (_Measured(char_width, False), _Measured(char_width, True))
"""The regular and the bold character widths."""


@lru_cache(maxsize=16384)
def text_width(text: str, bold: bool = False) -> float:
    """Return the width of `text` in ems, with the gaps renderers put between scripts."""
    if compiled(_FULL_WIDTH).fullmatch(text):
        return float(len(text))  # one em each, added up
    gaps = 0.0 if _ALNUM.isdisjoint(text) else len(_BOUNDARY.findall(text)) * SCRIPT_GAP
    return sum(map(_CHARS[1 if bold else 0].__getitem__, text)) + gaps


_WORDS = (_Measured(text_width, False), _Measured(text_width, True))
"""The regular and the bold widths of wrapping tokens (a word, spaces or a character)."""


class _Tokens(NamedTuple):
    """A text cut into wrapping tokens (a word, spaces or a character), measured once."""

    text: str
    """The text cut."""
    starts: Sequence[int]
    """Where each token starts in the text, and the text's length last."""
    steps: list[float]
    """What each token adds to a line: its width, then its script gap with the token before."""
    sums: list[float]
    """Running totals of `steps` from 0: the widths of the first line as it grows."""
    ink: float
    """The widths of the characters other than spaces, added up (no script gaps)."""
    widest: float
    """The widest token's width."""


@lru_cache(maxsize=512)
def _tokens(text: str, bold: bool) -> _Tokens:
    """Return `text` cut into wrapping tokens with their widths and gaps."""
    tokens: Sequence[str]
    gaps: list[int] = []  # no Chinese, or no Latin words: no script gaps
    measure = _WORDS[1 if bold else 0].__getitem__
    if text.isascii():
        tokens = _TOKEN.findall(text)
        widths = list(map(measure, tokens))
    elif _RUN.search(text) is None:
        tokens = text  # each character a token
        widths = _char_widths(text, measure)
    else:
        tokens, gaps, widths = _mixed_tokens(text, measure)
    starts: Sequence[int] = (
        range(len(text) + 1) if tokens is text else list(accumulate(map(len, tokens), initial=0))
    )
    steps = [0.0] * (2 * len(tokens))
    steps[0::2] = widths
    for token in gaps:
        steps[2 * token + 1] = SCRIPT_GAP
    if gaps:
        sums = list(accumulate(steps, initial=0.0))
    else:  # each total twice: after a token and after the nothing that follows it
        sums = [0.0] * (2 * len(tokens) + 1)
        sums[1::2] = sums[2::2] = list(accumulate(widths))
    if _SPACE.search(text):
        ink = sum(w for w, token in zip(widths, tokens) if not token.isspace())
    else:
        ink = sum(widths)
    return _Tokens(text, starts, steps, sums, ink, max(widths, default=0.0))


def _char_widths(text: str, measure: Callable[[str], float]) -> list[float]:
    """Return the width of each character of `text` (one em each, not looked up, where all of
    them are full width)."""
    if compiled(_FULL_WIDTH).fullmatch(text):
        return [1.0] * len(text)
    return list(map(measure, text))


def _mixed_tokens(
    text: str, measure: Callable[[str], float]
) -> tuple[list[str], list[int], list[float]]:
    """Return the wrapping tokens of `text`, those a script gap parts from the token before,
    and their widths (quicker than `_TOKEN` where most characters are Chinese, each a token)."""
    tokens: list[str] = []
    gaps: list[int] = []
    widths: list[float] = []
    at = 0
    for match in _RUN.finditer(text):
        start, end = match.span()
        tokens += text[at:start]  # each character a token
        widths += _char_widths(text[at:start], measure)
        if text[start] in _ALNUM:  # a Latin word: a gap where Chinese meets it
            if start and "\u3400" <= text[start - 1] <= "\u9fff":
                gaps.append(len(tokens))
            if text[end - 1] in _ALNUM and "\u3400" <= text[end : end + 1] <= "\u9fff":
                gaps.append(len(tokens) + 1)
        tokens.append(text[start:end])
        widths.append(measure(text[start:end]))
        at = end
    tokens += text[at:]
    widths += _char_widths(text[at:], measure)
    return tokens, gaps, widths


WIDEST = 1.1
"""No character is wider than this, in ems (Chinese 1.0, the widest bold Latin letter 0.95)."""


def wrap(text: str, width: float, bold: bool = False) -> list[str]:
    """Return `text` broken into lines no wider than `width` ems.

    Chinese breaks between any two characters, Latin words only at spaces, and the
    line-start and line-end rules keep closing punctuation off a line's start and
    opening marks off its end. A line's width is added up token by token as it grows,
    exactly as a line of tokens measured one by one would be.
    """
    if _surely_fits(text, width):
        return [text.rstrip()]
    bold = bool(bold)
    tokens = _tokens(text, bold)
    starts, steps, count = tokens.starts, tokens.steps, len(tokens.starts) - 1
    lines: list[str] = []
    start = end = i = 0  # the line so far is text[start:end]; token i comes next
    used = 0.0  # the line's width
    while i < count:
        if start == end:  # an empty line takes the next token, however wide
            start, end, used, i = starts[i], starts[i + 1], steps[2 * i], i + 1
            continue
        over = _overflow(tokens, i, used, width)
        if over == count:
            end = starts[count]
            break
        token, end = text[starts[over] : starts[over + 1]], starts[over + 1]
        line = _new_line(text[start : starts[over]], token, width, bold, lines)
        used = steps[2 * over] if line == token else text_width(line, bold)
        start, i = end - len(line), over + 1
    line = text[start:end]
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _surely_fits(text: str, width: float) -> bool:
    """Return True when `text` fits `width` ems whatever its characters: were they all the
    widest, with a script gap after each, and the running widths rounded up by the most that
    adding them up can (under 3 * 2**-53 of the total per character)."""
    n = len(text)
    return n * (WIDEST + SCRIPT_GAP) * (1 + n * 1e-15) <= width


def _overflow(tokens: _Tokens, i: int, used: float, width: float) -> int:
    """Return the first token from `i` on that takes a line `used` ems wide past `width`
    (past spaces, the token after them), or the token count if none does."""
    steps, sums, last = tokens.steps, tokens.sums, len(tokens.steps)
    low = 2 * i
    if used == sums[low]:  # the first line was this wide here: it adds up the same from here
        over = (bisect_right(sums, width, low + 1) - 1) // 2
    else:
        guess = bisect_right(sums, width - used + sums[low], low + 1)  # where the line ends, about
        over = _overflow_from(steps, low, used, width, guess)
    if over < last // 2 and tokens.text[tokens.starts[over]].isspace():
        return over + 1  # spaces hang past a line's end: the token after them breaks it
    return over


def _overflow_from(steps: list[float], low: int, used: float, width: float, guess: int) -> int:
    """Return the first token from step `low` on whose running total from `used` is over
    `width`, added up exactly (a window of steps at a time, from around `guess`)."""
    last = len(steps)
    high = min(last, max(low + 2, (guess + 5) & ~1))
    while True:
        added = list(accumulate(steps[low:high], initial=used))
        past = bisect_right(added, width, 1)
        if past < len(added):
            return (low + past - 1) // 2
        if high == last:
            return last // 2
        low, used, high = high, added[-1], min(last, high + 64)


def _new_line(line: str, token: str, width: float, bold: bool, lines: list[str]) -> str:
    """Append `line` to `lines` as `token` breaks it, with any whole lines of the carried text
    too wide for one line; return the start of the next line."""
    line, token = _break(line, token)
    lines.append(line.rstrip())
    line = token.lstrip()
    while text_width(line, bold) > width and len(line) > 1:
        cut = _longest_prefix(line, width, bold)
        lines.append(line[:cut])
        line = line[cut:]
    return line


def _break(line: str, token: str) -> tuple[str, str]:
    """Return (line, carried) after applying the line-start and line-end rules at a break."""
    carried = token
    while carried and carried[0] in NO_LINE_START and len(line) > 1 and not line[-1].isspace():
        carried = line[-1] + carried
        line = line[:-1]
    while line and line[-1] in NO_LINE_END and len(line) > 1:
        carried = line[-1] + carried
        line = line[:-1]
    return line, carried


def _longest_prefix(text: str, width: float, bold: bool) -> int:
    """Return how many characters of `text` fit `width` ems (at least one)."""
    sums = list(accumulate(map(_CHARS[1 if bold else 0].__getitem__, text)))
    fit = bisect_right(sums, width)
    return max(1, fit) if fit < len(text) else len(text)


class Metrics(NamedTuple):
    """How a layout set's text is laid out (a tuple: fitted sizes are kept by it, and a
    tuple is hashed and compared without calling Python)."""

    line_height: float = 1.42
    """A line's height in ems at single spacing."""
    line_spacing: float = 1.1
    """Percentage line spacing written on paragraphs."""
    paragraph_space: float = 0.35
    """Space before each paragraph after the first, in lines."""


def paragraph_height(
    text: str, size: float, inner_width: float, m: Metrics, bold: bool = False
) -> float:
    """Return the height (inches) of one paragraph at `size` points, `inner_width` inches wide."""
    lines = _line_count(text, inner_width * 72 / size, bold)
    return lines * size * m.line_height * m.line_spacing / 72


@lru_cache(maxsize=65536)
def _line_count(text: str, width: float, bold: bool) -> int:
    """Return how many lines `text` wraps to at `width` ems (fitting asks again and again):
    one, without wrapping it, when all of it is no wider (its tokens and gaps added up as a
    line's are)."""
    if _surely_fits(text, width) or _tokens(text, bool(bold)).sums[-1] <= width:
        return 1
    return len(wrap(text, width, bold))


def _least_lines(text: str, width: float, bold: bool) -> int:
    """Return how many lines `text` wraps to at `width` ems at the least, without wrapping it:
    its ink over the width (no line holds more ink than the width when no token is wider)."""
    if _surely_fits(text, width):
        return 1
    tokens = _tokens(text, bold)
    if tokens.widest > width:
        return 1
    return max(1, math.ceil(tokens.ink / width - 1e-9))


def paragraph_gap(size: float, m: Metrics) -> float:
    """Return the space (inches) before a paragraph that follows another."""
    return m.paragraph_space * size * m.line_height * m.line_spacing / 72


def text_height(
    paragraphs: Sequence[str], size: float, width_in: float, m: Metrics, bold: bool = False
) -> float:
    """Return the height (inches) of `paragraphs` at `size` points in a box `width_in` wide."""
    inner = width_in - 2 * INSET_X
    body = sum(paragraph_height(p, size, inner, m, bold) for p in paragraphs)
    return body + max(0, len(paragraphs) - 1) * paragraph_gap(size, m) + 2 * INSET_Y


def fits(
    paragraphs: Sequence[str],
    size: float,
    box: tuple[float, float],
    m: Metrics,
    bold: bool = False,
) -> bool:
    """Return True when `paragraphs` fit a (width, height) box in inches at `size` points.

    Reckoned as `text_height` is, term for term, but first from each paragraph's fewest lines
    (its ink over the width): a text too tall even so is not wrapped."""
    width = (box[0] - 2 * INSET_X) * 72 / size
    tail = max(0, len(paragraphs) - 1) * paragraph_gap(size, m)
    lh, ls = m.line_height, m.line_spacing
    least: float = 0
    for p in paragraphs:
        least += _least_lines(p, width, bold) * size * lh * ls / 72
    if least + tail + 2 * INSET_Y > box[1]:
        return False  # too tall even were every line full: no need to wrap it
    body: float = 0
    for p in paragraphs:
        body += _line_count(p, width, bold) * size * lh * ls / 72
    return body + tail + 2 * INSET_Y <= box[1]


def fit_size(
    paragraphs: Sequence[str],
    box: tuple[float, float],
    sizes: tuple[float, float],
    m: Metrics,
    bold: bool = False,
) -> float | None:
    """Return the largest size in `sizes` (whole points) at which the text fits, or None."""
    kind = type(sizes[1]).__name__
    return _fit_size(tuple(paragraphs), tuple(box), tuple(sizes), m, bool(bold), kind)


@lru_cache(maxsize=8192)
def _fit_size(
    paragraphs: tuple[str, ...],
    box: tuple[float, float],
    sizes: tuple[float, float],
    m: Metrics,
    bold: bool,
    kind: str,
) -> float | None:
    """Return `fit_size` of the text, fitted once (`kind`, the type name of the size returned,
    keeps 24 and 24.0 apart)."""
    low, high = sizes
    size = high
    while size >= low:
        if fits(paragraphs, size, box, m, bold):
            return size
        size -= 1
    return None

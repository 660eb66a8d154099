"""Decode text files and split them into line blocks."""

from __future__ import annotations

import codecs
import re

from briefdeck.errors import InputError
from briefdeck.model import Block

_STRAY = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\ufeff\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 (and so a .pptx) cannot hold, and the invisible ones text copied out of
PDFs carries: soft hyphens, zero-width spaces, stray byte order marks."""
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])
BINARY_SHARE = 0.1
"""A file more than this share of whose bytes are control characters is binary, not text."""


def decode(data: bytes, source: str, encoding: str | None = None) -> str:
    """Return `data` decoded: BOM first, then UTF-8, then GB18030, unless `encoding` is given.

    The text may hold lone surrogates and control characters: `clean` removes them.
    """
    if encoding:
        try:
            return data.decode(encoding)
        except LookupError:
            raise InputError(f"{source}: unknown encoding {encoding!r}") from None
        except UnicodeDecodeError:
            raise InputError(f"{source}: cannot be decoded as {encoding}") from None
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:  # lone surrogates pass here and are removed by clean()
                return data.decode(codec, errors="surrogatepass")
            except UnicodeDecodeError:
                raise InputError(f"{source}: cannot be decoded as {codec}") from None
    if len(data) - len(data.translate(None, _CONTROL_BYTES)) > BINARY_SHARE * len(data):
        raise InputError(f"{source}: looks like a binary file, not text")
    for codec, errors in (("utf-8", "surrogatepass"), ("gb18030", "strict")):
        try:
            return data.decode(codec, errors=errors)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source}: not UTF-8, UTF-16 or GB18030 text (try --encoding)")


def clean(text: str) -> str:
    """Return `text` with unified line ends, without XML-illegal and invisible characters."""
    return cleaned(text)[0]


def cleaned(text: str) -> tuple[str, int]:
    """Return `text` cleaned as by `clean`, and how many characters were removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _STRAY.subn("", text)


LINE_MAX = 100_000
"""Longest line accepted, in characters: longer is not article text (a data dump, a binary)."""


def check_line_lengths(text: str, source: str) -> None:
    """Refuse text with a line longer than LINE_MAX characters."""
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > LINE_MAX:
            raise InputError(
                f"{source}: line {number} is longer than {LINE_MAX:,} characters (not article text)"
            )


def text_blocks(text: str) -> tuple[Block, ...]:
    """Return one block per non-empty line, with the blank-line gap before it."""
    blocks: list[Block] = []
    gap = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip().replace("\u3000", " ").strip()
        if not line:
            gap += 1
            continue
        bold = bold_heading(line)
        blocks.append(
            Block(bold or line, number, gap if blocks else 0, BOLD_LEVEL if bold else None)
        )
        gap = 0
    return tuple(blocks)


BOLD_LEVEL = 6
"""Heading level given to a line that is bold and nothing else (the deepest level)."""
BOLD_MAX = 40
"""Longest bold line taken as a heading, in characters."""
_BOLD = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)$")


def bold_heading(line: str) -> str | None:
    """Return the text of a short line that is wholly bold (`**…**`), or None."""
    match = _BOLD.match(line)
    if not match or len(match.group(1)) > BOLD_MAX:
        return None
    text = re.sub(r"\*\*|__", "", match.group(1)).strip()
    return text if re.search(r"\w", text) else None  # `***   ***`: a row of stars, no words

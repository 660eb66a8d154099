"""The text measure: widths by class, CJK wrapping with line-breaking rules, fitting."""

from __future__ import annotations

import math
import re
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st

from briefdeck import textfit
from briefdeck.textfit import Metrics, char_width, fit_size, text_width, wrap


def test_width_classes():
    assert char_width("中") == 1.0 and char_width("，") == 1.0
    assert char_width("i") < char_width("a") < char_width("M")
    assert char_width("8") == 0.56


def test_chinese_wraps_per_character():
    lines = wrap("园区今年新引进项目十二个总投资额三十六亿元", 10)
    assert [len(line) for line in lines] == [10, 10, 1]


def test_latin_wraps_per_word():
    lines = wrap("Industrial output in the zone rose sharply", 12)
    assert all(" " not in line.strip() or line == line.strip() for line in lines)
    assert "".join(lines).replace(" ", "") == "Industrialoutputinthezonerosesharply"
    assert all(
        word in ["Industrial", "output", "in", "the", "zone", "rose", "sharply"]
        for line in lines
        for word in line.split()
    )


def test_closing_punctuation_never_starts_a_line():
    text = "一二三四五六七八九十，一二三"
    lines = wrap(text, 10)
    assert not any(line[0] in "，。、；：？！）”" for line in lines)
    assert "".join(lines) == text


def test_opening_marks_never_end_a_line():
    text = "一二三四五六七八九“十一二”"
    lines = wrap(text, 10)
    assert not any(line.endswith("“") for line in lines)
    assert "".join(lines) == text


def test_no_character_is_wider_than_the_widest():
    chars = map(chr, [*range(0x30000), *range(0xE0000, 0xE0080)])
    assert max(max(char_width(c), char_width(c, True)) for c in chars) <= textfit.WIDEST


def test_script_gap_widens_mixed_text():
    assert text_width("项目49个") > text_width("项目") + text_width("49") + text_width("个")


def test_fit_takes_the_largest_size_that_fits():
    m = Metrics()
    short = fit_size(["十个字的短句子十个字"], (6.0, 1.0), (18, 24), m)
    assert short == 24
    long = fit_size(["很长的句子" * 40], (6.0, 1.0), (18, 24), m)
    assert long is None
    middle = fit_size(["较长的句子" * 5] * 3, (6.0, 2.5), (14, 28), m)
    assert middle is not None and 14 <= middle < 28


# The straightforward measure the fast one replaced, kept as the reference it must equal exactly.


REF_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%'’\-/+]*|\s+|.", re.S)


def ref_text_width(text: str, bold: bool = False) -> float:
    gaps = len(textfit._BOUNDARY.findall(text)) * textfit.SCRIPT_GAP
    return sum(char_width(c, bold) for c in text) + gaps


def ref_gap(left: str, right: str) -> float:
    return textfit.SCRIPT_GAP if left and right and textfit._BOUNDARY.search(left + right) else 0.0


def ref_break(line: str, token: str) -> tuple[str, str]:
    carried = token
    while (
        carried and carried[0] in textfit.NO_LINE_START and len(line) > 1 and not line[-1].isspace()
    ):
        carried = line[-1] + carried
        line = line[:-1]
    while line and line[-1] in textfit.NO_LINE_END and len(line) > 1:
        carried = line[-1] + carried
        line = line[:-1]
    return line, carried


def ref_longest_prefix(text: str, width: float, bold: bool) -> int:
    total = 0.0
    for i, char in enumerate(text):
        total += char_width(char, bold)
        if total > width:
            return max(1, i)
    return len(text)


def ref_wrap(text: str, width: float, bold: bool = False) -> list[str]:
    tokens = REF_TOKEN.findall(text)
    lines: list[str] = []
    line, used = "", 0.0
    for token in tokens:
        added = used + ref_text_width(token, bold) + ref_gap(line[-1:], token[:1])
        if line and added > width and not token.isspace():
            line, token = ref_break(line, token)
            lines.append(line.rstrip())
            line = token.lstrip()
            while ref_text_width(line, bold) > width and len(line) > 1:
                cut = ref_longest_prefix(line, width, bold)
                lines.append(line[:cut])
                line = line[cut:]
            used = ref_text_width(line, bold)
        else:
            line, used = line + token, added
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def ref_fit_size(paragraphs, box, sizes, m, bold=False):
    def height(size):
        inner = box[0] - 2 * textfit.INSET_X
        lines = (len(ref_wrap(p, inner * 72 / size, bold)) for p in paragraphs)
        body = sum(n * size * m.line_height * m.line_spacing / 72 for n in lines)
        gap = m.paragraph_space * size * m.line_height * m.line_spacing / 72
        return body + max(0, len(paragraphs) - 1) * gap + 2 * textfit.INSET_Y

    size = sizes[1]
    while size >= sizes[0]:
        if height(size) <= box[1]:
            return size
        size -= 1
    return None


ALPHABET = (
    "园区今年新引进项目十二个总投资额亿元㐀鿿"  # CJK, the range's ends too
    "abcxyzMWmwiljtfI ABC0123456789"  # Latin letters and digits of every width class
    " \t\n\u3000\u00a0"  # spaces
    "，。、；：？！）」』》〉】”’…%‰·—～,.;:?!)]}"  # never start a line
    "（「『《〈【“‘([{$£¥€"  # never end a line
    "'’-/+@|`é😀\u200b"
)
texts = st.one_of(
    st.text(st.sampled_from(ALPHABET), max_size=120),
    st.text(max_size=40),
    st.lists(st.sampled_from(["项目", "49", "个", " ", "Hi-Tech", "（", "）", "“", "”", "，"])).map(
        "".join
    ),
)
widths = st.one_of(
    st.floats(-1, 60, allow_nan=False),
    st.integers(0, 40).map(float),
    st.sampled_from([0.0, 0.28, 0.5, 1.0, 2.25, 10.0, 12.5, math.inf]),
)


@st.composite
def text_and_width(draw):
    """A text and a width: any width, or one that some prefix of the text just fills."""
    text, bold = draw(texts), draw(st.booleans())
    if text and draw(st.booleans()):
        end = draw(st.integers(1, len(text)))
        measure = draw(st.sampled_from([ref_text_width, ref_prefix_sum]))
        return text, measure(text[:end], bold), bold
    return text, draw(widths), bold


def ref_prefix_sum(text: str, bold: bool) -> float:
    total = 0.0
    for char in text:
        total += char_width(char, bold)
    return total


@settings(max_examples=1500, deadline=None)
@given(text_and_width())
def test_wrap_equals_the_reference(case):
    text, width, bold = case
    assert wrap(text, width, bold) == ref_wrap(text, width, bold)
    assert textfit._line_count(text, width, bold) == len(ref_wrap(text, width, bold))


@st.composite
def text_and_widths(draw):
    """A text and many widths, some of them widths its prefixes just fill."""
    text, bold = draw(texts), draw(st.booleans())
    near = [ref_text_width(text[:end], bold) for end in range(1, len(text) + 1)]
    near += [ref_prefix_sum(text[:end], bold) for end in range(1, len(text) + 1)]
    picks = st.sampled_from(near) if near else widths
    return text, draw(st.lists(st.one_of(widths, picks), min_size=1, max_size=30)), bold


@settings(max_examples=400, deadline=None)
@given(text_and_widths())
def test_line_counts_at_many_widths_equal_the_reference(case):
    text, many, bold = case
    textfit._tokens.cache_clear()
    textfit._line_count.cache_clear()
    for width in many:
        assert textfit._line_count(text, width, bold) == len(ref_wrap(text, width, bold))


@settings(max_examples=500, deadline=None)
@given(texts, st.booleans())
def test_tokens_are_the_references(text, bold):
    tokens = REF_TOKEN.findall(text)
    cut = textfit._tokens(text, bold)
    assert list(cut.starts) == list(accumulate(map(len, tokens), initial=0))
    assert cut.steps[0::2] == [ref_text_width(t, bold) for t in tokens]
    gaps = [ref_gap(text[s - 1 : s], text[s : s + 1]) for s in cut.starts[:-1]]
    assert cut.steps[1::2] == gaps


@settings(max_examples=500, deadline=None)
@given(texts, st.booleans())
def test_text_width_equals_the_reference(text, bold):
    assert text_width(text, bold).hex() == ref_text_width(text, bold).hex()


@settings(max_examples=500, deadline=None)
@given(text_and_width())
def test_longest_prefix_equals_the_reference(case):
    text, width, bold = case
    assert textfit._longest_prefix(text, width, bold) == ref_longest_prefix(text, width, bold)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(texts, min_size=1, max_size=4),
    st.tuples(st.floats(0.5, 12), st.floats(0.2, 6)),
    st.tuples(st.integers(6, 20), st.integers(20, 40)),
    st.booleans(),
)
def test_fit_size_equals_the_reference(paragraphs, box, sizes, bold):
    m = Metrics()
    assert fit_size(paragraphs, box, sizes, m, bold) == ref_fit_size(
        paragraphs, box, sizes, m, bold
    )


def test_every_character_taken_as_full_width_is_one_em_wide():
    full = re.compile(textfit._FULL_WIDTH)
    chars = [chr(c) for c in range(0x10000) if full.fullmatch(chr(c))]
    assert len(chars) > 20000 and " " not in chars and "\u3000" not in chars
    assert {char_width(c) for c in chars} == {char_width(c, bold=True) for c in chars} == {1.0}


def test_a_full_width_text_is_cut_as_the_general_way_cuts_it():
    text = "园区新增企业，“链主”带动上下游……"
    assert re.compile(textfit._FULL_WIDTH).fullmatch(text)
    for bold in (False, True):
        cut = textfit._tokens(text, bold)
        assert cut.steps[0::2] == [textfit._WORDS[bold][c] for c in text]
        assert cut.sums == list(accumulate(cut.steps, initial=0.0))
        assert (cut.ink, cut.widest) == (float(len(text)), 1.0)

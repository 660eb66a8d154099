"""The text measure: widths by class, CJK wrapping with line-breaking rules, fitting."""

from __future__ import annotations

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

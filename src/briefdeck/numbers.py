"""Read every number as Chinese and English write it: digits, numerals, fractions, multiples,
ranges and vague quantities, each with its value, unit and qualifier."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from briefdeck.vocab import alternation, vocabulary

FULL_WIDTH = str.maketrans("０１２３４５６７８９．％－～", "0123456789.%-~")
"""Full-width digits and marks, read as their half-width forms (one character for one)."""
CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_POWERS = {"十": 10, "百": 100, "千": 1000}
CN_SECTIONS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万亿"


class NumberForm(Enum):
    """How a number is written."""

    DIGITS = "digits"
    """Arabic digits, half- or full-width (`35.6`, `３５．６`, `12,480`)."""
    CHINESE = "chinese"
    """Chinese numerals (`一百五十`, `两千`, `三成`)."""
    FRACTION = "fraction"
    """A fraction or a percentage in words (`三分之一`, `百分之十五`, `千分之五`, `two-thirds`)."""
    MULTIPLE = "multiple"
    """A multiple (`2.3倍`, `翻了一番`, `翻两番`)."""
    VAGUE = "vague"
    """A quantity with no exact value (`数百家`, `上百家`, `近千`, `dozens of`)."""


@dataclass(frozen=True)
class Quantity:
    """A number found in a text, with what the text says around it."""

    start: int
    """Offset of the figure in the text (its qualifier before it included)."""
    end: int
    """Offset just after the figure (its unit and a qualifier after it included)."""
    number: str
    """The numeral as written (`３５．６`, `一百五十`, `20%—30%`, `三分之一`)."""
    value: float | None
    """The value the numeral states; the lower bound of a range; None for a vague quantity."""
    unit: str | None
    """Magnitude and unit as written (`亿元`, `%`, `万元/亩`, `billion yuan`), or None."""
    qualifier: str | None
    """Approximation or bound word (`余`, `近`, `超`, `约`, `数`, `上`, `more than`), or None."""
    form: NumberForm
    """How the number is written."""
    high: float | None = None
    """The upper bound of a range (`30` in `20%—30%`), else None."""
    classifier: bool = False
    """True when the unit counts things (家, 个, 名): what is counted follows the figure."""

    @property
    def low(self) -> float | None:
        """The lower bound of a range, else None."""
        return self.value if self.high is not None else None


_FULL_WIDTH_MARKS = re.compile("[０-９．％－～]")
"""The characters `FULL_WIDTH` turns half-width: a text without one is returned as it is (found
quicker than translated)."""


def half_width(text: str) -> str:
    """Return `text` with full-width digits and number marks as half-width (same length)."""
    return text.translate(FULL_WIDTH) if _FULL_WIDTH_MARKS.search(text) else text


def chinese_value(numeral: str) -> float | None:
    """Return the value of a Chinese numeral (`两` 2, `十` 10, `一百五十` 150, `三千万` 3e7)."""
    total, section, current = 0.0, 0.0, 0.0
    for char in numeral:
        if char in CN_DIGITS:
            current = CN_DIGITS[char]
        elif char in CN_POWERS:
            section += (current or 1) * CN_POWERS[char]
            current = 0
        elif char == "万":
            total += ((section + current) or 1) * CN_SECTIONS[char]
            section = current = 0
        elif char == "亿":
            total = ((total + section + current) or 1) * CN_SECTIONS[char]
            section = current = 0
        else:
            return None
    return total + section + current


def number_value(numeral: str) -> float | None:
    """Return the value of digits (`12,480`, `３５．６`) or of a Chinese numeral."""
    plain = half_width(numeral).replace(",", "").replace("，", "")
    try:
        return float(plain)
    except ValueError:
        return chinese_value(numeral)


# ------------------------------------------------------------------ Chinese


@dataclass(frozen=True)
class _Patterns:
    digits: re.Pattern[str]
    chinese: re.Pattern[str]
    fraction: re.Pattern[str]
    slash: re.Pattern[str]
    tenths: re.Pattern[str]
    doubling: re.Pattern[str]
    vague: re.Pattern[str]
    classifiers: frozenset[str]
    v: dict[str, Any]


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    v = vocabulary("figures")
    before = alternation(v["qualifiers_before_zh"])
    mags = alternation(v["magnitudes_zh"])
    units = alternation(v["units_zh"])
    per = alternation(v["per_units_zh"])
    unit = rf"(?:{units})(?:/(?:{per}))?"
    number = r"\d{1,3}(?:[,，]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
    dash = r"\s*(?:—{1,2}|-|–|~|至|到)\s*"
    return _Patterns(
        digits=re.compile(
            rf"(?P<qb>{before})?(?P<num>{number})(?P<pct>%|‰)?"
            rf"(?:(?P<mag1>{mags})(?={dash}(?:{number})(?P=mag1)))?"  # 15亿—20亿元: one magnitude
            rf"(?:{dash}(?P<hi>{number}))?(?P<qa>多|余)?(?P<mag>{mags})?(?P<qa2>多|余)?"
            rf"(?P<unit>{unit}|‰|(?<=\d)年(?!\d))?(?P<qc>以上|左右|以内)?"
        ),
        chinese=re.compile(
            rf"(?P<qb>{before})?(?P<num>[{CN_NUMERAL}]+)(?P<qa>余|多)?"
            rf"(?P<unit>{alternation(v['numeral_units_zh'])}|{unit})"
        ),
        fraction=re.compile(
            rf"(?P<qb>{before})?(?P<den>百|千|[一二两三四五六七八九十]|\d+)分之"
            rf"(?P<num>[{CN_NUMERAL}点]+|\d+(?:\.\d+)?)"
        ),
        slash=re.compile(
            rf"(?<![\d/.])(?P<qb>{before})?(?P<num>\d{{1,2}})/(?P<den>\d{{1,2}})(?![\d/])"
            r"(?P<qa>以上|左右)?"
        ),
        tenths=re.compile(
            rf"(?P<qb>{before})?(?P<num>[一二三四五六七八九十]|\d+(?:\.\d+)?)成(?P<half>半)?"
        ),
        doubling=re.compile(r"翻(?:了)?(?P<num>一|两|三|\d+)?番"),
        vague=re.compile(
            rf"(?P<qb>数|上|近|几|成)(?P<num>[十百千万亿]+)(?P<qa>余|多)?"
            rf"(?P<unit>{alternation(v['numeral_units_zh'])}|{unit})?"
        ),
        classifiers=frozenset(v["classifiers_zh"]),
        v=v,
    )


_ANY_NUMBER = re.compile(rf"[\d{CN_NUMERAL}番]")
"""A character every reader of Chinese numbers needs one of (a digit, a numeral, the 番 of
翻番): a text without one holds no number, and is not read six times to say so."""
_DIGIT = re.compile(r"\d")
_NUMERAL = re.compile(f"[{CN_NUMERAL}]")
_BIG = re.compile("[十百千万亿]")
"""What the readers of digits, of numerals and of vague numbers each need one of."""


def quantities_zh(text: str) -> list[Quantity]:
    """Return the numbers of Chinese `text` in reading order, none inside another."""
    plain = half_width(text)
    if not _ANY_NUMBER.search(plain):
        return []
    p = _patterns()
    found: list[Quantity] = []
    for reader in (_vague, _fractions, _tenths, _doublings, _digits, _chinese):
        for q in reader(plain, p):
            if not any(q.start < f.end and f.start < q.end for f in found):
                found.append(q)
    out = [_as_written(_own_qualifier(q, plain, p), text) for q in found]
    return sorted(out, key=lambda q: q.start)


def _own_qualifier(q: Quantity, text: str, p: _Patterns) -> Quantity:
    """Return `q` without a one-character qualifier that ends a word of another sense before
    it (节约3万吨: 约 belongs to 节约, to save, not "about"; 接近 keeps its 近)."""
    qualifier = q.qualifier or ""
    if len(qualifier) != 1 or q.start == 0 or text[q.start : q.start + 1] != qualifier:
        return q
    word = text[q.start - 1 : q.start + 1]
    if word not in p.v["not_qualifiers_zh"]:
        return q
    return dataclasses.replace(q, start=q.start + 1, qualifier=None)


def _as_written(q: Quantity, text: str) -> Quantity:
    """Return `q` with its numeral and unit as the source writes them (full-width kept)."""
    written = text[q.start : q.end]
    number = q.number
    at = half_width(written).find(number)
    if at >= 0:
        number = written[at : at + len(number)]
    return Quantity(q.start, q.end, number, q.value, q.unit, q.qualifier, q.form, q.high,
                    q.classifier)  # fmt: skip


def _digits(text: str, p: _Patterns) -> list[Quantity]:
    out: list[Quantity] = []
    for m in p.digits.finditer(text) if _DIGIT.search(text) else ():
        unit = (m.group("pct") or "") + (m.group("mag") or "") + (m.group("unit") or "")
        if m.group("pct") and m.group("unit"):
            unit = m.group("pct")  # 20%—30%: the first mark is the unit of both
        if not unit:
            continue
        if unit == "年" and (not m.group("hi") or float(m.group("num")) >= 1900):
            continue  # a year, or a span of years (2023—2025年); a span of years (3-5年) counts
        if not (m.group("unit") or m.group("pct")) and m.group("qa") is None:
            continue  # a magnitude alone (500千伏 reads on) is no figure
        end = m.end() if m.group("unit") or m.group("mag") or m.group("pct") else m.end("num")
        number = text[m.start("num") : m.end("hi") if m.group("hi") else m.end("num")]
        value = number_value(m.group("num"))
        high = number_value(m.group("hi")) if m.group("hi") else None
        qualifier = m.group("qb") or m.group("qa") or m.group("qa2") or m.group("qc")
        form = NumberForm.MULTIPLE if (m.group("unit") or "").endswith("倍") else NumberForm.DIGITS
        classifier = (m.group("unit") or "") in p.classifiers
        out.append(Quantity(m.start(), end, number, value, unit, qualifier, form, high,
                            classifier))  # fmt: skip
    return out


def _chinese(text: str, p: _Patterns) -> list[Quantity]:
    out: list[Quantity] = []
    for m in p.chinese.finditer(text) if _NUMERAL.search(text) else ():
        value = chinese_value(m.group("num"))
        if value is None:
            continue
        pair = re.fullmatch(r"([一二两三四五六七八九])([一二两三四五六七八九])", m.group("num"))
        if pair:  # 四五个: four or five, a range
            low, high = CN_DIGITS[pair.group(1)], CN_DIGITS[pair.group(2)]
            if high == low + 1:
                out.append(Quantity(m.start(), m.end(), m.group("num"), low, m.group("unit"),
                                    m.group("qb") or m.group("qa"), NumberForm.CHINESE, high,
                                    m.group("unit") in p.classifiers))  # fmt: skip
            continue
        number, unit = m.group("num"), m.group("unit")
        if len(number) == 1 and unit in p.v["phase_units_zh"]:
            continue  # 二期厂房, 三期工程: a phase, no count
        if len(number) > 1 and number[-1] in CN_SECTIONS:  # 一百五十亿元: 亿 is the magnitude
            number, unit = number[:-1], number[-1] + unit
            value = chinese_value(number)
        form = NumberForm.MULTIPLE if unit.endswith("倍") else NumberForm.CHINESE
        out.append(Quantity(m.start(), m.end(), number, value, unit,
                            m.group("qb") or m.group("qa"), form, None,
                            m.group("unit") in p.classifiers or unit == "大"))  # fmt: skip
    return out


def _fractions(text: str, p: _Patterns) -> list[Quantity]:
    out: list[Quantity] = []
    for m in p.fraction.finditer(text) if "分之" in text else ():
        part = number_value(m.group("num").replace("点", "."))
        den = {"百": 100.0, "千": 1000.0}.get(m.group("den")) or number_value(m.group("den"))
        if part is None or not den:
            continue
        unit = {100.0: "%", 1000.0: "‰"}.get(den)
        value = part if unit else part / den
        number = text[m.start("den") : m.end()]
        out.append(Quantity(m.start(), m.end(), number, value, unit, m.group("qb"),
                            NumberForm.FRACTION))  # fmt: skip
    # 1/4的外资项目, 3/5以上 (not a date: 2024/5/1)
    for m in p.slash.finditer(text) if "/" in text else ():
        part, den = float(m.group("num")), float(m.group("den"))
        if 0 < part < den:
            number = f"{m.group('num')}/{m.group('den')}"
            out.append(Quantity(m.start(), m.end(), number, part / den, None,
                                m.group("qb") or m.group("qa"), NumberForm.FRACTION))  # fmt: skip
    return out


def _tenths(text: str, p: _Patterns) -> list[Quantity]:
    out: list[Quantity] = []
    for m in p.tenths.finditer(text) if "成" in text else ():
        tens = number_value(m.group("num"))
        if tens is None:
            continue
        form = NumberForm.DIGITS if m.group("num")[0].isdigit() else NumberForm.CHINESE
        value = tens + (0.5 if m.group("half") else 0)
        unit = "成半" if m.group("half") else "成"
        out.append(Quantity(m.start(), m.end(), m.group("num"), value, unit, m.group("qb"), form))
    return out


def _doublings(text: str, p: _Patterns) -> list[Quantity]:
    out: list[Quantity] = []
    for m in p.doubling.finditer(text) if "翻" in text else ():
        times = number_value(m.group("num")) if m.group("num") else 1.0
        if times is None:
            continue
        value = 2.0**times  # 翻一番 doubles, 翻两番 quadruples: the words are the figure
        out.append(Quantity(m.start(), m.end(), m.group(0), value, None, None,
                            NumberForm.MULTIPLE))  # fmt: skip
    return out


def _vague(text: str, p: _Patterns) -> list[Quantity]:
    out: list[Quantity] = []
    for m in p.vague.finditer(text) if _BIG.search(text) else ():
        qualifier = m.group("qb")
        if qualifier in ("近", "成") and not m.group("unit"):
            continue  # 近百年来 reads on; 成百上千 is an idiom
        unit = m.group("unit")
        out.append(Quantity(m.start(), m.end(), m.group("num"), None, unit, qualifier,
                            NumberForm.VAGUE, None, (unit or "") in p.classifiers))  # fmt: skip
    return out


# ------------------------------------------------------------------ table cells

SIGNS = {"-": -1.0, "−": -1.0, "－": -1.0, "+": 1.0, "＋": 1.0}
"""Signs a table cell may open with (`-3.1`: a fall)."""


def cell_quantity(cell: str, unit: str = "") -> tuple[Quantity, str] | None:
    """Return the number a whole table cell states, and the figure as one string (the cell with
    `unit` after it when the cell writes no unit of its own), or None for a cell that is no
    number (text, a dash, a number with words beside it).

    The cell is read as the body text is (`约1.2万`, `12.5%`, `1,234.5`, `两千余`); a bare number
    is a figure too, and a sign before it is kept (`-3.1`: number `-3.1`, value -3.1). `unit`
    is what the column header or the table's caption writes (`亿元` of `数值（亿元）`).
    """
    text = cell.strip()
    sign = text[:1] if text[:1] in SIGNS else ""
    rest = text[len(sign) :].strip()
    if not rest:
        return None
    own = _whole(rest)
    found = None
    if own is not None and own.unit and own.unit not in _patterns().v["magnitudes_zh"]:
        found = (own, rest)  # the cell writes its unit (860亿元, 7.2%)
    elif unit:
        joined = _whole(rest + unit)
        found = (joined, rest + unit) if joined is not None else None
    if found is None and own is not None:
        found = (own, rest)  # a bare number, or one with its magnitude only (约1.2万)
    if found is None:
        return None
    q, written = found
    if q.form is NumberForm.VAGUE or q.value is None:
        return (q, sign + written) if not sign else None
    value = q.value * SIGNS[sign] if sign else q.value
    high = q.high * SIGNS[sign] if sign and q.high is not None else q.high
    number = sign + q.number
    return dataclasses.replace(q, start=0, end=len(sign + written), number=number, value=value,
                               high=high), sign + written  # fmt: skip


def _whole(text: str) -> Quantity | None:
    """Return the one number that is the whole of `text`, else None."""
    found = quantities_zh(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0]
    bare = _bare().fullmatch(half_width(text))
    if bare is None:
        return None
    value = number_value(bare.group("num"))
    if value is None:
        return None
    number = text[bare.start("num") : bare.end("num")]
    unit = bare.group("mag") or None
    qualifier = bare.group("qb") or bare.group("qa")
    return Quantity(0, len(text), number, value, unit, qualifier, NumberForm.DIGITS)


@lru_cache(maxsize=1)
def _bare() -> re.Pattern[str]:
    """Return the pattern of a bare number in a cell (`860`, `1,234.5`, `约1.2万`)."""
    v = vocabulary("figures")
    return re.compile(
        rf"(?P<qb>{alternation(v['qualifiers_before_zh'])})?"
        r"(?P<num>\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
        rf"(?P<mag>{alternation(v['magnitudes_zh'])})?(?P<qa>多|余)?"
    )


# ------------------------------------------------------------------ English


@lru_cache(maxsize=1)
def _english() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, float]]:
    v = vocabulary("figures")
    words = {k: float(n) for k, n in v["number_words_en"].items()}
    fractions = {k: float(n) for k, n in v["fractions_en"].items()}
    fraction = re.compile(rf"\b(?P<num>{alternation(list(fractions))})\b", re.IGNORECASE)
    rng = re.compile(
        r"\b(?P<lo>\d+(?:\.\d+)?)\s*(?:-|–|—|to)\s*(?P<hi>\d+(?:\.\d+)?)"
        rf"\s*(?P<unit>{alternation(v['units_en'])})\b",
        re.IGNORECASE,
    )
    return fraction, rng, {**words, **fractions}


def quantities_en(text: str) -> list[Quantity]:
    """Return the English fractions (`two-thirds`) and ranges (`15-20 percent`) of `text`.

    Single amounts and counted nouns are read by the metrics stage's English patterns, whose
    numerals `number_value` reads.
    """
    fraction, rng, words = _english()
    out = [
        Quantity(
            m.start(),
            m.end(),
            m.group(0),
            words[m.group("num").lower()],
            None,
            None,
            NumberForm.FRACTION,
        )
        for m in fraction.finditer(text)
    ]
    for m in rng.finditer(text):
        out.append(Quantity(m.start(), m.end(), text[m.start("lo") : m.end("hi")],
                            float(m.group("lo")), m.group("unit"), None, NumberForm.DIGITS,
                            float(m.group("hi"))))  # fmt: skip
    return sorted(out, key=lambda q: q.start)

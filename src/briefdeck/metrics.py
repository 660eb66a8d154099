"""Find figures in an article's body: value, unit, qualifier, label, trace, groups, salience."""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from briefdeck.chars import is_cjk, sentences
from briefdeck.language import Language
from briefdeck.lint import PER_BASIS, weak_label_reason
from briefdeck.model import Article, Metric, MetricGroup, Table
from briefdeck.numbers import (
    NumberForm,
    Quantity,
    cell_quantity,
    half_width,
    quantities_en,
    quantities_zh,
)
from briefdeck.segment import tokens
from briefdeck.vocab import alternation, vocabulary

PROJECT_NAME_MAX = 10
"""Most characters of a project's name leading the label of its own figure (longer: none)."""
FEW_PEOPLE = 10
"""A count of people below this (三位创始人) is a detail of a story, never a number card."""
LABEL_MAX = 14
"""Longest label, in characters (Chinese) or words x 3 (English)."""
LEVEL_EXTRA = 4
"""Characters a label may run over LABEL_MAX to keep the level that opens it (市级及以上…)."""
SLOGAN_MAX = 12
"""A quoted term this short holding a numeral is a slogan, not a figure."""
CLAUSE_BREAK = "，,。；;：:！？!?、（）()\n"


@dataclass(frozen=True)
class _Rules:
    v: dict[str, Any]
    not_plural: frozenset[str]


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    v = vocabulary("figures")
    return _Rules(v, frozenset(v["not_plurals_en"]))


@lru_cache(maxsize=1)
def _english() -> re.Pattern[str]:
    """Return the pattern of an English figure (compiled when English is first read)."""
    v = vocabulary("figures")
    words = alternation(list(v["number_words_en"]))
    return re.compile(
        rf"(?P<qb>\b(?:{alternation(v['qualifiers_before_en'])})\s+)?(?P<cur>{alternation(v['currency_en'])})?"
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{words})\b)(?P<plus>\+(?!\w))?"
        rf"(?:\s*(?P<mag>(?:{alternation(v['magnitudes_en'])})\b))?"
        rf"(?:\s*(?P<unit>(?:{alternation(v['units_en'])})(?![\w]))"
        rf"|\s+(?P<adj>(?:[A-Za-z][\w-]*\s+){{0,2}}?)(?P<noun>(?:{alternation(v['count_nouns_en'])})\b))?",
        re.IGNORECASE,
    )


def find_metrics(article: Article) -> Article:
    """Return `article` with its metrics and metric groups filled in."""
    found: list[Metric] = []
    for s, section in enumerate(article.sections):
        for p, paragraph in enumerate(section.paragraphs):
            finder = _zh_figures if article.language.cjk else _en_figures
            previous: Metric | None = None
            mine: list[Metric] = []
            for match in finder(paragraph.text):
                previous = _metric(match, paragraph.text, s, p, article, previous)
                mine.append(previous)
            zh = article.language.cjk
            found += _respectively(mine, paragraph.text, article.zone_names) if zh else mine
    found = _mark_repeats(found)
    found, groups = _group(found)
    found += _table_metrics(article, found)
    return dataclasses.replace(article, metrics=tuple(found), groups=tuple(groups))


def _respectively(metrics: list[Metric], text: str, zones: tuple[str, ...]) -> list[Metric]:
    """Return the metrics with the items of a `分别` list as their labels.

    `A、B、C三大产业集群分别实现产值X、Y、Z亿元`: X counts A, Y counts B, Z counts C.
    """
    out = list(metrics)
    for match in re.finditer(r"([^，。；：]{2,60}?)分别", text):
        listed = match.group(1)
        for name in sorted(zones, key=len, reverse=True):
            listed = listed.replace(name, "")
        items = _items(listed)
        after = [n for n, m in enumerate(out) if m.start >= match.end()
                 and text.rfind("。", 0, m.start) < match.end()]  # fmt: skip
        if len(items) >= 2 and len(after) >= len(items):
            for item, n in zip(items, after):
                out[n] = dataclasses.replace(out[n], label=item)
    return out


def _items(text: str) -> list[str]:
    """Return the items of a list `A、B和C三大产业` (the count and head after the last go)."""
    start = max((text.rfind(c) for c in "，,"), default=-1) + 1
    parts = [p for p in re.split(r"、|和|及|与", text[start:]) if p]
    if len(parts) < 2:
        return []
    parts[-1] = re.sub(r"(?:等)?[一二两三四五六七八九十\d]+[大个项类家]?.*$|等.*$", "", parts[-1])
    return [p.strip() for p in parts] if all(2 <= len(p) <= LABEL_MAX for p in parts) else []


# ------------------------------------------------------------------ tables

TABLE_SEP = "·"
"""Between a row's name and its column's in a table figure's label (`地区生产总值·同比增长`)."""
_BRACKET_UNIT = re.compile(r"[（(]\s*(?:单位\s*[：:]\s*)?([^（）()]{1,8}?)\s*[）)]\s*$")
_SAID_UNIT = re.compile(r"单位\s*[：:]\s*([^\s，,；;。）)]{1,8})")


@dataclass(frozen=True)
class TableFigure:
    """A figure of a table: the number in one cell, with the names of its row and column."""

    row: int
    """Index of its body row."""
    column: int
    """Index of its column."""
    name: str
    """The row's name: the text of its own name cells (never another row's)."""
    heading: str
    """The column's name without its unit, empty for the value column itself (`数值（亿元）`)."""
    quantity: Quantity
    """The number as read, sign, qualifier and unit included."""
    text: str
    """The figure as one string: the cell, with the unit of its column after it when the cell
    writes none (`860亿元`)."""

    @property
    def label(self) -> str:
        """What the figure counts: the row's name, and the column's unless it is the value
        column (`地区生产总值·同比增长`)."""
        return f"{self.name}{TABLE_SEP}{self.heading}" if self.heading else self.name


def unit_of(text: str) -> str:
    """Return the unit a header or caption writes: in brackets at its end (`数值（亿元）`,
    `(%)`), after `单位：`, a bare `%` ending it (`同比增长%`), or the whole of a header cell
    that is a unit (`亿元`); empty for none."""
    text = text.strip()
    for found in (_BRACKET_UNIT.search(text), _SAID_UNIT.search(text)):
        if found and _is_unit(found.group(1)):
            return found.group(1)
    if text.endswith(("%", "％", "‰")):
        return text[-1]
    return text if text and _is_unit(text) else ""


def _is_unit(text: str) -> bool:
    """Return True when `text` is a unit the figure reader knows (`亿元`, `%`, `万人`, `个`)."""
    found = cell_quantity("1" + text)
    return found is not None and found[0].unit == text.strip()


def column_heading(header: tuple[tuple[str, ...], ...], column: int) -> tuple[str, str]:
    """Return (name, unit) of a column: the text of its header cells, unit written apart
    (`同比增长（%）` -> `同比增长`, `%`); the name is empty for the value column itself
    (`数值（亿元）`, or a header cell holding a unit only)."""
    names, unit = [], ""
    for row in header:
        cell = row[column].strip() if column < len(row) else ""
        own = unit_of(cell)
        if own and not unit:
            unit = own
        if own and cell == own:
            continue  # a header cell that is the unit (亿元 under 产值)
        name = _BRACKET_UNIT.sub("", cell) if own else cell
        name = re.sub(r"[%％‰]$", "", _SAID_UNIT.sub("", name)).strip(" ：:，,")
        if name and name not in names:
            names.append(name)
    name = " ".join(names)
    if name in _rules().v["value_columns_zh"] or name.lower() in _rules().v["value_columns_en"]:
        name = ""
    return name, unit


def table_figures(
    caption: str, header: tuple[tuple[str, ...], ...], rows: tuple[tuple[str, ...], ...]
) -> list[TableFigure]:
    """Return the figures of a table's cells, row by row.

    The name columns are the first column (unless each of its cells is a figure with a unit:
    a table of figures only) and the text columns right after it; a column numbering the rows
    (`序号`) names nothing. A row's figures are labelled with that row's own name cells only:
    a row without a name gives no figure (a label never borrows another row's name). The unit
    is the cell's own, else its column header's, else the caption's (`单位：万元`, not for a
    column of rates or changes, whose unit that is not).
    """
    width = max((len(r) for r in (*header, *rows)), default=0)
    if not rows or width < 2:
        return []
    said = unit_of(caption) if _SAID_UNIT.search(caption) or _BRACKET_UNIT.search(caption) else ""
    columns = [column_heading(header, j) for j in range(width)]
    units = [unit or (said if not _is_rate(name) else "") for name, unit in columns]
    cells = [[cell_quantity(c, units[j]) if j < len(r) else None for j, c in enumerate(r)]
             for r in rows]  # fmt: skip
    names = _name_columns(header, rows, width)
    serial = {j for j in range(width) if _serial(header, rows, j)}
    out = []
    for i, row in enumerate(rows):
        own = [row[j].strip() for j in names if j < len(row) and _names_something(row[j])]
        name = TABLE_SEP.join(own)
        if names and not name:
            continue  # no name of its own: its figures are shown in the table only
        for j, found in enumerate(cells[i]):
            if j in names or j in serial or found is None:
                continue
            quantity, text = found
            if _year_cell(quantity, columns[j][0]) or len(quantity.number) > 12:
                continue
            heading = columns[j][0] if names else columns[j][0] or _header_text(header, j)
            if not names and not heading:
                continue
            out.append(TableFigure(i, j, name if names else "", heading, quantity, text))
    return [f if f.name else dataclasses.replace(f, name=f.heading, heading="") for f in out]


def _name_columns(
    header: tuple[tuple[str, ...], ...], rows: tuple[tuple[str, ...], ...], width: int
) -> list[int]:
    """Return the columns that name the rows: the first (years too), unless it holds figures
    with units only, and each text column right after it; a serial number column is none."""
    serial = [j for j in range(width) if _serial(header, rows, j)]
    first = next((j for j in range(width) if j not in serial), 0)
    own = [cell_quantity(r[first]) if first < len(r) else None for r in rows]
    if all(c is not None and c[0].unit for c in own):
        return []  # a table of figures only (860亿元 | 1200亿元): its header names them
    names: list[int] = []
    for j in range(width):
        if j in serial:
            continue  # 序号: it numbers the rows, it names none
        texts = [r[j].strip() if j < len(r) else "" for r in rows]
        numbers = any(cell_quantity(t) is not None for t in texts)
        if names and (numbers or not any(_names_something(t) for t in texts)):
            break
        names.append(j)  # the first names the rows, however empty: no header names a row
    return names


def _serial(header: tuple[tuple[str, ...], ...], rows: tuple[tuple[str, ...], ...], j: int) -> bool:
    """Return True for a column that numbers the rows 1, 2, 3… under `序号` (or no header)."""
    texts = [r[j].strip() if j < len(r) else "" for r in rows]
    serial = texts == [str(n) for n in range(1, len(rows) + 1)]
    headers = (*vocabulary("figures")["serial_columns"], "")
    return serial and len(rows) > 1 and _header_text(header, j) in headers


def _names_something(text: str) -> bool:
    """Return True for a cell that can name a row: it holds a letter, a digit or a CJK character."""
    return any(c.isalnum() or is_cjk(c) for c in text)


def _is_rate(name: str) -> bool:
    """Return True for the name of a column of rates or changes (同比增长, 占比, 增速)."""
    v = _rules().v
    words = (*v["change_labels_zh"], *v["share_words_zh"], "率", "同比", "环比")
    return any(w in name for w in words)


def _year_cell(quantity: Quantity, heading: str) -> bool:
    """Return True for a bare year in a column of years or dates (成立年份 2016): no figure."""
    value = quantity.value
    year = value is not None and float(value).is_integer() and 1900 <= value <= 2100
    return year and not quantity.unit and any(w in heading for w in ("年", "时间", "日期"))


def _header_text(header: tuple[tuple[str, ...], ...], column: int) -> str:
    return " ".join(r[column] for r in header if column < len(r) and r[column]).strip()


def _table_metrics(article: Article, found: list[Metric]) -> list[Metric]:
    """Return the metrics of the article's tables (after the text's `found`): one per figure
    of a cell, traced to its table, row and column; a figure the text states too (same value
    and unit, a word of the row's name in the text's label) points at the text's one."""
    out: list[Metric] = []
    for t, table in enumerate(article.tables):
        for figure in table_figures(table.caption, table.header, table.rows):
            metric = _table_metric(article, t, table, figure)
            twin = next((n for n, m in enumerate(found) if m.same_as is None
                         and _stated_by_text(metric, figure, m)), None)  # fmt: skip
            out.append(dataclasses.replace(metric, same_as=twin) if twin is not None else metric)
    return out


def _reading(found: Any) -> dict[str, Any]:
    """Return the fields of a metric that reading its number gives: the number as written, its
    value (and the top of a range), form, unit and qualifier."""
    return {
        "number": found.number,
        "value": _plain(found.value),
        "high": _plain(found.high),
        "form": found.form,
        "unit": found.unit,
        "qualifier": found.qualifier,
    }


def _table_metric(article: Article, index: int, table: Table, figure: TableFigure) -> Metric:
    """Return the metric of one figure of a table."""
    q = figure.quantity
    lead = f"{table.caption}：" if table.caption else ""
    metric = Metric(
        text=figure.text,
        **_reading(q),
        label=figure.label,
        sentence=f"{lead}{figure.label} {figure.text}",  # the caption names the period
        section=table.section,
        paragraph=-1,
        start=0,
        table=index,
        row=figure.row,
        column=figure.column,
    )
    return dataclasses.replace(metric, salience=_salience(metric, article))


def _stated_by_text(metric: Metric, figure: TableFigure, text: Metric) -> bool:
    """Return True when a figure of the body text states a table's figure: same value, high
    and unit, and a word of the table row's name in the text's label."""
    if text.table is not None or metric.value is None:
        return False
    if (text.value, text.high, text.unit) != (metric.value, metric.high, metric.unit):
        return False
    words = [w for w, _, _ in tokens(figure.name)] if figure.name else []
    return any(len(w) >= 2 and w in text.label for w in words) or figure.name in text.label


# ------------------------------------------------------------------ finding


def figure_texts(text: str, language: Language) -> list[str]:
    """Return the figures written in `text` (for emphasis on slides), in order."""
    return list(_figure_texts(text, language))


@lru_cache(maxsize=4096)
def _figure_texts(text: str, language: Language) -> tuple[str, ...]:
    """Return `figure_texts` of `text`, found once: a bullet's figures are asked for when it is
    chosen, when its section is planned, again for the summary, and when the deck is checked."""
    finder = _zh_figures if language.cjk else _en_figures
    return tuple(text[m.start : m.end] for m in finder(text))


@dataclass(frozen=True)
class _Match:
    start: int
    end: int
    number: str
    value: float | None
    unit: str | None
    qualifier: str | None
    classifier: bool
    label: str = ""
    """A label the pattern itself found (English counted nouns)."""
    high: float | None = None
    form: NumberForm = NumberForm.DIGITS


def _zh_figures(text: str) -> list[_Match]:
    """Return the Chinese-text figures of `text`: every number the reader finds that counts
    something (not a date, an ordinal, a code, a slogan or an idiom)."""
    plain = half_width(text)
    out: list[_Match] = []
    for q in quantities_zh(text):
        at = q.start + half_width(text[q.start : q.end]).find(half_width(q.number))
        if q.form is NumberForm.VAGUE or q.form is NumberForm.FRACTION:
            if _in_slogan(plain, at) or _idiom(plain, q.start, q.end):
                continue
        elif q.number[:1].isdigit() or half_width(q.number[:1]).isdigit():
            if _not_a_figure_zh(plain, at, q.end) or _threshold(plain, q):
                continue
            if q.unit and q.unit[0] in "万亿千百" and q.unit.endswith(("%", "％")):
                continue
        elif q.unit not in ("成", "倍") and not _counts_cn(plain, at, q):
            continue
        out.append(_Match(q.start, q.end, q.number, q.value, q.unit, q.qualifier, q.classifier,
                          high=q.high, form=q.form))  # fmt: skip
    return out


def _threshold(text: str, q: Quantity) -> bool:
    """Return True for a threshold or class that qualifies a noun (10亿元以上项目, 50亿元级项目,
    超200万元的企业) and for an anniversary (10周年), not a figure."""
    after = text[q.end : q.end + 1] or " "
    if q.qualifier in ("以上", "以内") and is_cjk(after):
        return True
    money = "元" in (q.unit or "")  # not 超过20%的企业: a share of them
    if q.qualifier in ("超", "超过", "逾", "不低于", "不少于") and after == "的" and money:
        return True  # 研发投入超200万元的企业: the class of firms given a reward, no figure
    return after == "级" or (q.unit == "周" and after == "年")


def _idiom(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 3) : end + 3]
    return any(idiom in window for idiom in _rules().v["idioms_zh"])


def _not_a_figure_zh(text: str, start: int, end: int) -> bool:
    """Return True for dates, ordinals, names with digits, formulas, phones and slogans."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    number = re.match(r"[\d.,]+", text[start:end])
    digits = number.group(0) if number else ""
    name_before = before.isascii() and before.isalpha()
    if before and (before == "第" or name_before or before in "+-—–/·."):
        return True
    if after and ((after.isascii() and after.isalnum()) or after in "+-/月"):
        return True
    if len(digits.replace(",", "").replace(".", "")) >= 7 and "," not in digits:
        return True
    return _in_slogan(text, start)


def _in_slogan(text: str, pos: int) -> bool:
    """Return True when `pos` lies inside a short quoted term (“三链融合”, “1+3+N”)."""
    open_ = max(text.rfind("“", 0, pos), text.rfind("‘", 0, pos))
    if open_ < 0:
        return False
    close = min((i for i in (text.find("”", open_), text.find("’", open_)) if i >= 0), default=-1)
    return close > pos and close - open_ - 1 <= SLOGAN_MAX


def _counts_cn(text: str, start: int, q: Quantity) -> bool:
    """Return True when a Chinese numeral counts something (not an idiom, ordinal or slogan)."""
    end = q.end
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if (
        before in "第每各这那哪几零一二两三四五六七八九十百千万."
        or before.isdigit()  # 53.12百亿亿次: a magnitude word of a number written in digits
        or after in "一二两三四五六七八九十百千万"
        or (q.value is not None and q.value < 2)
        or not re.search(r"[一二两三四五六七八九十百千]", q.number)
    ):
        return False
    if q.unit == "位" and after == "数":
        return False
    if q.unit == "大" and not is_cjk(after):
        return False
    return not _idiom(text, start, end) and not _in_slogan(text, start)


def _en_figures(text: str) -> list[_Match]:
    """Return the English-text figures of `text`: amounts, rates and counted nouns."""
    r = _rules()
    out: list[_Match] = []
    for m in _english().finditer(text):
        num = m.group("num")
        word = num.lower() in r.v["number_words_en"]
        noun = m.group("noun")
        end, adjective = m.end(), m.group("adj") or ""
        if not (m.group("unit") or noun or m.group("cur") or m.group("plus") or m.group("mag")):
            plural = _plural_after(text, m.end("num"), num)
            if plural is None:
                continue
            end, adjective, noun = plural
        if _not_a_figure_en(text, m) or (word and not (noun or m.group("unit"))):
            continue
        value = float(r.v["number_words_en"][num.lower()]) if word else float(num.replace(",", ""))
        qualifier = (m.group("qb") or "").strip() or ("+" if m.group("plus") else None)
        unit = " ".join(x for x in (m.group("mag"), m.group("unit") or noun) if x) or None
        if m.group("cur"):
            unit = m.group("cur") + (f" {unit}" if unit else "")
        label = f"{adjective}{noun}".strip() if noun else ""
        out.append(_Match(m.start(), end, num, value, unit, qualifier, bool(noun), label))
    for q in quantities_en(text):
        out = [x for x in out if not (q.start <= x.start < q.end or x.start <= q.start < x.end)]
        out.append(_Match(q.start, q.end, q.number, q.value, q.unit, None, False, "", q.high,
                          q.form))  # fmt: skip
    return sorted(out, key=lambda x: x.start)


_PLURAL = re.compile(r"\s+((?:[a-z][\w-]*\s+){0,2}?)([a-z][\w-]{2,}s)\b")


def _plural_after(text: str, at: int, number: str) -> tuple[int, str, str] | None:
    """Return (end, adjectives, noun) of a plural noun counted by `number` (14 battery makers)."""
    if re.fullmatch(r"(?:19|20)\d\d", number):
        return None  # a year, not a count
    found = _PLURAL.match(text, at)
    not_plural = _rules().not_plural
    if found is None or found.group(2) in not_plural:
        return None
    if any(w in not_plural or w in ("and", "or", "to", "of", "in") for w in found.group(1).split()):
        return None
    return found.end(), found.group(1), found.group(2)


def _not_a_figure_en(text: str, m: re.Match[str]) -> bool:
    """Return True for English dates, years, ordinals and names with digits."""
    start, end = m.start("num"), m.end("num")
    before = text[max(0, start - 12) : start]
    after = text[end : end + 3]
    if re.search(r"(?:No\.|Page|page|p\.)\s*$", before) or re.match(r"(?:st|nd|rd|th)\b", after):
        return True
    if re.search(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$", before):
        return True
    return bool(start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-/"))


# ------------------------------------------------------------------ labels


def _metric(
    match: _Match,
    text: str,
    section: int,
    paragraph: int,
    article: Article,
    previous: Metric | None,
) -> Metric:
    """Return the metric for `match` with its label, sentence and salience."""
    label = _label(match, text, article, previous)
    sentence = next(
        (s for s in _sentence_spans(text) if s[0] <= match.start < s[1]), (0, len(text))
    )
    metric = Metric(
        text=text[match.start : match.end],
        **_reading(match),
        label=label,
        sentence=text[sentence[0] : sentence[1]].strip(),
        section=section,
        paragraph=paragraph,
        start=match.start,
    )
    return dataclasses.replace(metric, salience=_salience(metric, article))


def _plain(value: float | None) -> float | None:
    """Return a whole number as an int (49, not 49.0)."""
    return int(value) if value is not None and float(value).is_integer() else value


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for sentence in sentences(text):
        start = text.find(sentence, pos)
        if start < 0:
            continue
        spans.append((start, start + len(sentence)))
        pos = start + len(sentence)
    return spans


def _label(match: _Match, text: str, article: Article, previous: Metric | None) -> str:
    """Return what the figure counts: a noun phrase next to it, verbs and the zone removed."""
    if not article.language.cjk:
        return _label_en(match, text, article)
    v = _rules().v
    left_bound = _left_start(text, match.start)
    between = ""
    if previous is not None and previous.start + len(previous.text) >= left_bound - 1:
        between = text[previous.start + len(previous.text) : match.start]
        listed = between == "、" or (between in ("，", ",") and previous.unit == match.unit)
        if listed or re.fullmatch(v["same_measure_zh"], between):
            return previous.label  # 由45天压缩至20天, 40%、50%: the same measure again
        left_bound = max(left_bound, previous.start + len(previous.text))
    right_end = _right_end(text, match.end)
    raw_left = text[left_bound : match.start]
    left = _clean_left(raw_left, article)
    right = _clean_right(text[match.end : right_end])
    lone_verb = bool(left) and _verb(left) and len(tokens(left)) == 1  # 走进600平方米的…
    of = text[match.end : match.end + 1] == "的" and _measures_what_follows(right, raw_left)
    # 20亿元引导基金和|10亿元天使基金: what stands before is the figure before's, not this one's
    joined = previous is not None and raw_left.endswith(("和", "与", "及"))
    follows = match.classifier or raw_left.endswith("的") or lone_verb or of or joined
    label = right if right and follows else ""
    measure = _measure_before(raw_left) if of else ""
    if measure and not label.endswith(measure):
        label += measure  # 价值约35.6万元的生牛肉: the beef's value
    label = label or (left if len(left) >= 2 else right or left)
    same_sentence = previous is not None and previous.start >= text.rfind("。", 0, match.start)
    if len(label) < 2 and same_sentence and previous is not None and previous.unit == match.unit:
        # 已改造3万亩，未来计划改造6万亩: the same measure, named again between the two; not
        # 丰年亩产900斤，旱年700斤也难保, where the second counts under another condition
        gap = text[previous.start + len(previous.text) : match.start]
        if any(len(w) >= 2 and w in gap for w, _, _ in tokens(previous.label)):
            label = previous.label
    last = words_before(raw_left)[-1:]
    if len(label) < 2 and not match.classifier and last and last[0] in v["result_verbs_zh"]:
        label = _clean_left(raw_left, article, subject=True)  # 总产值实现|1375.6亿元
    if len(label) < 2:  # 26家已投产: what the counted did
        label = _clean_right(text[match.end : right_end], deeds=True) or label
    if label in v["entity_nouns_zh"]:  # 入驻34家企业: which enterprises
        verb = _verb_before(raw_left, v)
        label = verb + label if verb else label
    new = next((w for w in v["new_words_zh"] if previous and previous.label.startswith(w)), "")
    if new and between.startswith("、") and not label.startswith(new):
        label = new + label  # 新增A 5家、B 3家: B is new too
    gap = text[previous.start + len(previous.text) : match.start] if previous else ""
    share = re.fullmatch(v["share_gap_zh"], gap) is not None  # 外资企业120家，占比24%: their share
    if (label in v["change_labels_zh"] or share) and previous is not None and same_sentence:
        label = previous.label + (
            "占比" if share else label
        )  # 营收3.66亿元，同比增长38%: what grew
    clause = text[max(text.rfind(c, 0, match.start) for c in "。；;") + 1 : match.start]
    changed = any(w in label for w in v["change_labels_zh"]) or "%" in (match.unit or "")
    money = "元" in (match.unit or "")  # an amount or a change is the company's; a count is not
    label = _with_owner(label, clause) if changed or money else label
    host = re.search(v["host_place_zh"], clause)
    if host and host.group(1) not in label:
        label = f"{host.group(1)}·{label}"  # 园区所在的某市，耕地面积…: the city's figure
    return _per_period(label, text[left_bound : match.start], match.unit or "")


def _left_start(text: str, end: int) -> int:
    """Return where the clause before a figure starts: after the last clause break, not after
    an aside inside a name (企业（含个体户）120家)."""
    while True:
        start = max((text.rfind(c, 0, end) for c in CLAUSE_BREAK), default=-1) + 1
        inside = re.search(r"(?<=[\u4e00-\u9fff])[（(][^（）()，。]{1,8}[）)]$", text[:start])
        if not inside:
            return start
        end = inside.start()


def _right_end(text: str, start: int) -> int:
    """Return where the clause after a figure ends: at the next clause break, not at an aside
    inside a name (23个数据（智算）中心)."""
    while True:
        end = min(
            (i for i in (text.find(c, start) for c in CLAUSE_BREAK) if i >= 0), default=len(text)
        )
        inside = re.match(r"[（(][^（）()，。]{1,8}[）)](?=[\u4e00-\u9fff])", text[end:])
        if not inside:
            return end
        start = end + inside.end()


def _measures_what_follows(right: str, left: str) -> bool:
    """Return True when a figure followed by 的 measures the noun phrase after it (用近7%的土地,
    600平方米的新建车间): not a frame noun (仅占25%的现状, 以12%的速度) and not the
    thing that changed by the figure (增长20%的企业)."""
    v = _rules().v
    if not right or any(right.endswith(w) for w in v["frame_nouns_zh"]):
        return False
    return not _without_qualifiers(left).endswith(tuple(v["change_labels_zh"]))


def _measure_before(left: str) -> str:
    """Return the measure word that ends the text before a figure (价值约, 售价), or empty."""
    rest = _without_qualifiers(left, also="为")
    return next((m for m in _rules().v["measure_nouns_zh"] if rest.endswith(m)), "")


def _without_qualifiers(left: str, also: str = "") -> str:
    """Return the text before a figure without the qualifiers and links that end it (约, 达了)."""
    return re.sub(rf"[近约超逾达了过{also}]+$", "", left.rstrip())


def _per_period(label: str, left: str, unit: str) -> str:
    """Return `label` led by the per-period word the clause puts before the figure
    (平均每天有30多宗转让 -> 每天转让), unless label or unit already says it."""
    found = PER_BASIS.findall(left)
    if not found or not label or "/" in unit or any(f in label for f in found):
        return label
    return found[-1] + label


def _with_company(label: str, before: str) -> str:
    """Return a change's `label` led by the one company it happened to, named in the text
    before the figure (`某某公司·生产成本降低`)."""
    found = re.findall(
        r"([\u4e00-\u9fff]{2,16}?)(?:股份)?(?:有限(?:责任)?公司|公司|集团)(等)?", before
    )
    if not found or found[-1][1]:
        return label  # 某某公司等企业: many companies, the change is not one company's
    found = [name for name, _ in found]
    company = found[-1].split("的")[-1]
    if len(company) < 2 or "等" in company or company in ("有限", "股份"):
        return label  # no one company named (…等跨国公司, a bare 有限公司)
    return label if company in label else f"{company}公司·{label}"


def _with_owner(label: str, before: str) -> str:
    """Return a change's or an amount's `label` led by the one company it belongs to, else by
    the one project that opens its clause (某某项目利用…节省投资: the project's saving, not
    the zone's)."""
    owned = _with_company(label, before)
    if owned != label:
        return owned
    project = re.match(r"\s*([\u4e00-\u9fff]{2,16}?)项目(?=[\u4e00-\u9fff])", before)
    name = project.group(1) if project else ""
    named = name and not any(t == "v" for _, t, _ in tokens(name))  # not 新引进项目: a count
    if not named or "等" in name or len(name) > PROJECT_NAME_MAX or name in label:
        return label
    return f"{name}项目·{label}"


def _verb_before(left: str, v: dict[str, Any]) -> str:
    """Return the verb that ends the text before a figure when it says what the counted did
    (入驻, 引进, 新增), else empty."""
    words = [w for w, _, _ in tokens(left)] if left else []
    while words and words[-1] in v["label_link_zh"]:
        words.pop()
    return words[-1] if words and words[-1] in v["entity_verbs_zh"] else ""


def words_before(left: str) -> list[str]:
    """Return the words of the text before a figure."""
    return [w for w, _, _ in tokens(left)] if left.strip() else []


def _clean_left(left: str, article: Article, subject: bool = False) -> str:
    """Return the label part of the text before a figure: the words after the last verb that
    introduces what is counted (or a time or tally word), zone names removed; cuts fall only
    between words.

    Empty when such a verb stands right before the figure (设立15分钟…): the label then follows.
    With `subject`, that verb is dropped and the label is the subject before it.
    """
    v = _rules().v
    words = words_before(left) if subject else []
    if words:
        left = left[: len(left) - len(words[-1])]
    for name in sorted(article.zone_names, key=len, reverse=True):
        left = left.replace(name, "")
    left = re.sub(v["date_phrase_zh"], "", left)  # dates and what hangs on them
    left = re.sub(v["from_phrase_zh"], "", left)  # 从改造前的: where a change started
    words = _label_words(left, v["label_cut_before_zh"])
    if len(words) > 2 and words[-1] in ("至", "到") and words[-2] in v["change_labels_zh"]:
        words = words[:-2]  # 提升至60%: a level reached, not a change of 60%
    link = set(v["label_link_zh"]) | set(v["label_bounds_zh"])
    while len(words) > 1 and words[-1] in link and len("".join(words[:-1])) >= 2:
        words.pop()
    cut_words = set(v["label_cut_before_zh"]) | set(v["label_bounds_zh"])
    if words and words[-1] in v["label_cut_before_zh"] and _verb(words[-1]):
        return ""  # a verb right before the figure: what it counts follows the figure
    cuts = [n for n, w in enumerate(words) if w in cut_words]
    if cuts and words[cuts[-1]] in v["new_words_zh"] and cuts[-1] + 1 < len(words):
        cuts[-1] -= 1  # 新增|科创企业: what is new, not all there are
    label = words[cuts[-1] + 1 :] if cuts else words
    while cuts and "".join(label) in v["measure_nouns_zh"]:
        cuts.pop()  # 研发投入强度: a bare measure keeps the words that say what it measures
        label = words[cuts[-1] + 1 :] if cuts else words
    if cuts and label and label[0][:1] in v["bound_starts_zh"]:
        label = words[cuts[-1] : cuts[-1] + 1] + label  # 建设|类审批: the word was cut
    if "的" in label[:-1]:  # 某某公司管理的基金投资: the head noun after 的
        label = label[len(label) - label[::-1].index("的") :]
    label = _noun_tail(_trim_words(_phrase_only(label), v["label_trim_zh"]), v)
    units = set(v["units_zh"])
    while len("".join(label)) > LABEL_MAX and len(label) > 1 and label[1] not in units:
        if _function_word(label[1]) and len("".join(label)) <= LABEL_MAX + LEVEL_EXTRA:
            break  # 市级|及|以上|检测机构: the level stays, a little longer, never 及以上检测机构
        label = label[1:]  # never so far that a unit opens the label (15|分钟…)
        while len(label) > 1 and _function_word(label[0]):
            label = label[1:]
    return strip_marks("".join(label))


def _function_word(word: str) -> bool:
    """Return True for a conjunction, particle, preposition or place word (及, 的, 以上)."""
    found = tokens(word)
    return len(found) == 1 and found[0][1][:1] in ("c", "u", "p", "f")


def _phrase_only(words: list[str]) -> list[str]:
    """Return label words cut to one noun phrase: after a verb's aspect particle (描绘着|年产值),
    past a number and its unit the label's words hang on (600|目|滤网…), before a phrase a
    preposition opens after the noun (价格|从每吨)."""
    out = list(words)
    aspect = vocabulary("figures")["aspect_particles_zh"]
    marks = [n for n, w in enumerate(out[:-1]) if w in aspect]
    if marks:
        out = out[marks[-1] + 1 :]
    while len(out) > 2 and out[0].isdigit():
        out = out[2:] if len(out[1]) == 1 else out[1:]
    tags = [tokens(w)[0][1] if w else "x" for w in out]
    generic = set(vocabulary("zones")["generic_zh"]) | set(_rules().v["label_trim_zh"])
    for n in range(1, len(out)):
        if tags[n] == "p" and any(t.startswith("n") for t in tags[:n]):
            if all(w in generic for w in out[:n]):
                return out[n + 1 :] or out  # 全市|对|某国进出口额: the place is the subject
            return out[:n]
    return out


def _noun_tail(words: list[str], v: dict[str, Any]) -> list[str]:
    """Return label words without what trails the noun phrase (稳定在, 还要按照, 等, 的)."""
    trailing = set(v["label_link_zh"]) | set(v["label_tail_zh"])
    out = list(words)
    if len(out) > 1 and out[-2] == "占" and out[-1].startswith("比"):
        out[-2:] = ["占" + out[-1]]  # 占|比达: the dictionary glued the link to 比
    if len(out) > 1 and out[-1] == "占":  # 新兴产业仅占25%: the share of new industries
        out = [*(w for w in out[:-1] if tokens(w)[0][1] not in ("d", "p")), "占比"]
    for link in ("达到", "达"):  # the dictionary glues a link to its noun (某某率达)
        rest = out[-1][: -len(link)] if out and out[-1].endswith(link) else ""
        if len(rest) >= 2 or (rest and rest in "率量额值数"):  # not 雷达
            out[-1] = rest
    while len(out) > 1 and (
        out[-1] in trailing or tokens(out[-1])[0][1] in ("p", "d", "c", "uj", "f")
    ):
        out.pop()
    while len(out) > 1 and out[0] in v["label_lead_zh"] and len(out[1]) > 1:
        out = out[1:]
    return out


def _verb(word: str) -> bool:
    """Return True when the dictionary reads `word` as a verb (not 组织 of 社会组织, not 等)."""
    return tokens(word)[0][1].startswith("v")


def _label_words(text: str, verbs: list[str]) -> list[str]:
    """Return the words of `text`, a verb that starts a word split off it (减免|税费 where the
    dictionary reads 减免税|费)."""
    words = [w for w, _, _ in tokens(text)] if text else []
    out: list[str] = []
    starts = tuple(v for v in verbs if len(v) >= 2)
    for n, word in enumerate(words):
        verb = None
        if word.startswith(starts):  # the first verb of the list it starts with
            verb = next((v for v in starts if word.startswith(v) and word != v), None)
        rest = word[len(verb) :] if verb else ""
        following = words[n + 1] if n + 1 < len(words) else ""
        if verb and len(rest) == 1 and len(following) == 1:
            out += [verb, rest + following]  # 减免税|费: the dictionary glued verb and noun
            words[n + 1] = ""
        elif word:
            out.append(word)
    return out


def _trim_words(words: list[str], trim: list[str]) -> list[str]:
    """Return label words without leading time words and determiners (three characters kept,
    and never a bare measure: 全年目标 stays whole)."""
    out = [w for w in words if w.strip()]
    measures = _rules().v["measure_nouns_zh"]
    while len(out) > 1 and out[0] in trim and len("".join(out[1:])) >= 3:
        if len(out[0]) == 1 and len(out[1]) == 1:
            break  # 新|设|企业: the character is part of the word after it (新设)
        if "".join(out[1:]) in measures:
            break
        out = out[1:]
    return out


def _clean_right(right: str, deeds: bool = False) -> str:
    """Return the label part of the text after a figure: its words up to the first verb,
    adverb, preposition or particle (帮助12家企业顺利投产 -> 企业), the head noun of `…的…`
    (8位被抓的战友 -> 战友); with `deeds`, the verb phrase that tells what the counted did
    (26家已投产 -> 已投产)."""
    v = _rules().v
    attributive = right.startswith("的")  # 的新建车间: a verb before a noun qualifies it
    right = right.lstrip("的")
    quoted = re.match(r"“([^”]{2,12})”", right)
    if quoted and not deeds:
        return quoted.group(1)  # 1600名“归乡人”: the quoted term is what is counted
    first = tokens(right)[0] if right.strip() else ("", "x", 0)
    owner = right[: right.find("的")] if "的" in right[:LABEL_MAX] else ""
    verbal = any(t[:1] == "v" for _, t, _ in tokens(owner)) if owner else False
    if owner and not first[1].startswith("n") and verbal:
        right = right[right.rindex("的", 0, LABEL_MAX) + 1 :]  # 8位被抓的战友: 战友
    stop = set(v["label_cut_after_zh"])
    out = ""
    words = tokens(right) if right.strip() else ()
    qualifies = attributive and len(words) > 1 and words[1][1][:1] == "n"
    if words and not deeds and words[0][1] in ("v", "vd", "d", "p") and not qualifies:
        return ""  # 70%提高到…: a verb follows, no noun
    inner = set(v["label_inner_verbs_zh"])
    for n, (word, tag, _) in enumerate(words):
        after = [t for _, t, _ in words[n + 1 : n + 3]]
        joined = after[:1] == ["c"] and after[1:2] and after[1][:1] == "n"  # 家电制造和电子元件企业
        before_noun = word in inner and bool(after) and (after[0][:1] in ("n", "v") or joined)
        noun = n + 1 < len(words) and words[n + 1][1] == "n"
        last = n + 2 >= len(words) or words[n + 2][1] == "x"  # that noun ends the clause
        if word == "的" and out and not verbal and noun and last:
            out += word  # 5个领域的研究所: what is counted, and what of it
            continue
        verb = n and tag[:1] in "pudvi" and tag != "vn" and not before_noun  # i: 紧锣密鼓
        if verb and word in v["label_end_verbs_zh"]:
            out += word  # 206项智能化改造: the work done, named by its verb
            break
        if word in stop or re.search(r"\d", word) or verb:
            break
        out += word
        if len(out) >= LABEL_MAX:
            break
    if deeds and not out and words and words[0][1][:1] in "dv":
        out = "".join(w for w, _, _ in words)[:LABEL_MAX]  # 26家已投产
    whole = re.split(r"[，,。；;、：:]", right)[0].strip()
    named = whole.endswith(tuple(vocabulary("genre")["subject_endings_zh"]))
    if "“" in out and whole.startswith(out) and named and len(whole) <= LABEL_MAX:
        out = whole  # 青“智”川未来城区: a name with a quoted part, whole
    ending = tokens(out)[-1:] if out else ()
    if ending and ending[0][1] == "c" and len(out) > len(ending[0][0]):
        out = out[: -len(ending[0][0])]  # 引导基金和|10亿元…: the list goes on, not the label
    return _trim(out, v["label_trim_zh"])


def _trim(label: str, words: list[str]) -> str:
    """Return `label` without leading time words and determiners, keeping at least 3 characters."""
    label = strip_marks(label)
    if label.startswith("在") and re.search(r"[中上里内]", label[3:]):
        label = label[1:]  # 在…中: the preposition of a place or setting
    changed = True
    while changed:
        changed = False
        for word in words:
            whole = len(word) > 1 or [w for w, _, _ in tokens(label)[:1]] == [word]  # not 新能源
            if whole and label.startswith(word) and len(label) - len(word) >= 3:
                label, changed = label[len(word) :], True
    return strip_marks(label)


MARKS = {"“": "”", "《": "》", "（": "）", "(": ")"}
"""Opening marks and the marks that close them."""


def strip_marks(label: str) -> str:
    """Return `label` without spaces and the marks at its ends that pair with nothing inside it
    (`“一带一路”国家` keeps its quotes; `“园区企业` loses its opening one)."""
    label = label.strip(" \"'").lstrip("".join(MARKS.values()))
    if label[:1] in MARKS and label.count(label[0]) == 1 and label.endswith(MARKS[label[0]]):
        label = label[1:-1]  # “三合一”: a quoted term, whole
    while label and label[0] in MARKS and MARKS[label[0]] not in label[1:]:
        label = label[1:].lstrip()
    while label and label[-1] in MARKS.values():
        opening = next(o for o, c in MARKS.items() if c == label[-1])
        if opening in label[:-1]:
            break
        label = label[:-1].rstrip()
    return label.strip(" \"'")


def _label_en(match: _Match, text: str, article: Article) -> str:
    """Return an English label: the counted noun, what an amount is `of`, or the phrase before."""
    v = _rules().v
    if match.label:
        return match.label
    after = re.match(
        r"\s*(?:of|in|for)\s+(?:the\s+)?((?:[A-Za-z][\w-]*\s*){1,4})", text[match.end :]
    )
    amount = match.unit and not re.search(r"percent|%|times", match.unit)
    if after and (amount or match.form is NumberForm.FRACTION):
        phrase = _noun_phrase(after.group(1), v)
        if phrase:
            return phrase
    start = max(text.rfind(c, 0, match.start) for c in ',;:.("“') + 1
    left = re.sub(
        r"\b\d[\d,.]*\s*(?:percent|%|[a-z]+ yuan|yuan)?\b", " ", text[start : match.start]
    )
    for name in article.zone_names:
        left = left.replace(name, "")
    words = left.split()
    cut = set(v["label_cut_before_en"])
    while words and words[-1].lower() in cut:
        words.pop()
    verbs = [n for n, w in enumerate(words) if _verb_en(w, v, n == len(words) - 1)]
    if verbs and verbs[-1] == len(words) - 1 and len(words) > 1:  # output rose 9 percent
        level = re.search(r"\bto\s*$", text[: match.start])  # rose to 460: the level itself
        change = "" if level else v["change_nouns_en"].get(words[-1].lower(), "")
        subject = words[: verbs[-1]]
        places = [n for n, w in enumerate(subject) if n and w.lower() in ("in", "of", "at")]
        end = places[0] if places else None
        words = subject[:end] + ([change] if change else [])  # output in the zone -> output
    elif verbs and verbs[-1] < len(words) - 1:
        words = words[verbs[-1] + 1 :]  # signed deals worth: what the verb acts on
    while words and words[0].lower() in cut:
        words.pop(0)
    while words and words[-1].lower() in ("worth", "of", "to"):
        words.pop()
    return " ".join(words[-6:])


def _verb_en(word: str, v: dict[str, Any], last: bool) -> bool:
    """Return True for an English verb form before a figure (rose, signed; a word in -ed or
    -ing only where it ends the phrase: `combined investment` is a noun phrase)."""
    lower = word.lower()
    if lower in v["change_nouns_en"] or lower in v["verbs_en"]:
        return True  # rose, grew, signed (rise, growth and gain are nouns: a rise of 9 percent)
    ending = lower.endswith(("ed", "ing")) and lower not in v["not_verbs_en"]
    return last and len(lower) > 4 and ending


def _noun_phrase(words: str, v: dict[str, Any]) -> str:
    """Return the leading noun phrase of `words`: up to a verb, preposition or conjunction."""
    stop = set(v["label_cut_before_en"]) | {
        "left",
        "remaining",
        "available",
        "and",
        "or",
        "but",
        "since",
        "last",
        "this",
        "next",
        "in",
    }
    out = []
    for word in words.split():
        if word.lower() in stop:
            break
        out.append(word)
    return " ".join(out) if out and out[-1].lower() not in ("total",) else ""


# ------------------------------------------------------------------ repeats, groups, salience


def _mark_repeats(metrics: list[Metric]) -> list[Metric]:
    """Return `metrics` with a second mention of the same fact pointing at the first."""
    out: list[Metric] = []
    for metric in metrics:
        first = next(
            (i for i, m in enumerate(out) if m.same_as is None and _same_fact(m, metric)), None
        )
        out.append(dataclasses.replace(metric, same_as=first) if first is not None else metric)
    return out


def _same_fact(a: Metric, b: Metric) -> bool:
    """Return True when two figures state one fact: same number and unit, labels alike."""
    if (a.value, a.high, a.unit) != (b.value, b.high, b.unit) or a.value is None:
        return False
    if not a.label or not b.label:
        return False
    if a.label in b.label or b.label in a.label:
        return True
    common = 0
    while common < min(len(a.label), len(b.label)) and a.label[common] == b.label[common]:
        common += 1
    return common >= 4


def _group(metrics: list[Metric]) -> tuple[list[Metric], list[MetricGroup]]:
    """Return metrics with group ids, and the groups: same sentence, same unit, two or more."""
    buckets: dict[tuple[Any, ...], list[int]] = {}
    for i, metric in enumerate(metrics):
        if metric.same_as is None and metric.unit:
            buckets.setdefault(
                (metric.section, metric.paragraph, metric.sentence, metric.unit), []
            ).append(i)
    groups: list[MetricGroup] = []
    out = list(metrics)
    for (_, _, sentence, unit), members in buckets.items():
        if len(members) < 2:
            continue
        gid = len(groups)
        for i in members:
            out[i] = dataclasses.replace(out[i], group=gid)
        caption = group_caption([metrics[i].label for i in members], sentence)
        groups.append(MetricGroup(gid, caption, tuple(members), unit))
    return out, groups


def group_caption(labels: list[str], sentence: str) -> str:
    """Return a caption for figures that belong together, from their shared context."""
    suffix, prefix = labels[0], labels[0]
    for label in labels[1:]:
        while suffix and not label.endswith(suffix):
            suffix = suffix[1:]
        while prefix and not label.startswith(prefix):
            prefix = prefix[:-1]
    suffix = suffix.lstrip("级的类性之 ")
    if len(suffix) >= 2:
        return suffix
    joined = "、".join(labels)
    if len(joined) <= 2 * LABEL_MAX:
        return joined
    if len(prefix) >= 2:
        return prefix
    return re.split(r"[，,。；;：:]", sentence)[0][:LABEL_MAX]


def is_outlook(sentence: str, lang: Language) -> bool:
    """Return True for a forward-looking sentence (a plan or next step, not a result)."""
    genre = vocabulary("genre")
    if any(m in sentence for m in genre[f"outlook_{lang.value}"]):
        return True
    if not lang.cjk:
        return False
    words = tokens(sentence)
    future = _future_words()
    return any(
        word in future and n + 1 < len(words) and words[n + 1][1][:1] in "vdp"
        for n, (word, _, _) in enumerate(words)
    )


@lru_cache(maxsize=1)
def _future_words() -> frozenset[str]:
    return frozenset(vocabulary("genre")["future_zh"])


def is_target(sentence: str, lang: Language) -> bool:
    """Return True for a sentence of a plan, a target or a forecast (no headline result)."""
    targets = vocabulary("genre")[f"target_{lang.value}"]
    return is_outlook(sentence, lang) or any(t in sentence for t in targets)


def _salience(metric: Metric, article: Article) -> float:
    """Return how strongly `metric` asks to be a headline figure."""
    v = _rules().v
    unit = metric.unit or ""
    score = 1.0
    if metric.section == 0:
        score += 1.5 if metric.paragraph <= 1 else 0.5
    if any(m in unit for m in ("元", "yuan", "$", "£", "€", "dollar")):
        score += 3
    if any(w in metric.label for w in v["money_words"]):
        score += 2
    if any(w.lower() in metric.label.lower() for w in v["entity_words"]):
        score += 1.5
    score += min(2.0, 0.6 * math.log10(abs(float(metric.value or 0)) + 1))  # a table: -3.1
    if "%" in unit or "percent" in unit or "倍" in unit:
        score += 2
    if unit in ("个月", "天", "小时", "分钟", "周", "hours", "days", "months", "years"):
        score -= 1
    if re.fullmatch(r"[一二两三四五六七八九十百千万]+", metric.number):
        score -= 1.5
    if len(metric.label) < 2:
        score -= 2
    if is_target(metric.sentence, article.language):
        score -= 3  # a target or a plan, not a result
    clause = _clause_of(metric)
    if any(w in metric.sentence for w in v["single_actor_words"]) and not any(
        name in metric.sentence for name in article.zone_names
    ):
        score -= 2.5  # one company's figure, not the zone's
    if is_personal(metric):
        score -= 5  # one person's figure: a story's detail, never a headline
    if re.search(v["host_place_zh"], metric.sentence):
        score -= 2.5  # the place that holds the zone: its figure, not the zone's
    if any(w in clause for w in v["per_unit_words"]) or of_one(metric):
        score -= 2.5  # a reward or a rate per head, one thing's figure: not a total
    if any(clause.startswith(name) or f"，{name}" in clause for name in article.zone_names):
        score += 1  # the zone as the subject: its own total
    return round(score, 2)


def is_personal(metric: Metric) -> bool:
    """Return True for one person's figure: a personal word in its sentence (他家, 自己)."""
    return any(w in metric.sentence for w in _rules().v["personal_words_zh"])


def of_one(metric: Metric) -> bool:
    """Return True for a figure of one thing: its clause, or one before it in the sentence, is
    led by one of a thing (一台设备每年可…, 一批价值…的木材)."""
    clause = _clause_of(metric)
    upto = metric.sentence[: metric.sentence.find(clause) + len(clause)]
    v = _rules().v
    verbs = (*v["label_cut_before_zh"], *v["entity_verbs_zh"])
    for found in re.finditer(v["one_of_zh"], upto):
        words = tokens(found.group(1)) if found.group(1) else ()
        if not words or not (words[-1][1][:1] == "v" or found.group(1).endswith(verbs)):
            return True  # not 新建一个仓库: one thing made, the object of a verb
    return False


def _clause_of(metric: Metric) -> str:
    """Return the clause of a metric's sentence that holds the figure."""
    at = metric.sentence.find(metric.text)
    if at < 0:
        return metric.sentence
    start = max(metric.sentence.rfind(c, 0, at) for c in "，,；;。") + 1
    ends = [i for i in (metric.sentence.find(c, at) for c in "，,；;。") if i >= 0]
    return metric.sentence[start : min(ends, default=len(metric.sentence))]


def quoted(metric: Metric) -> bool:
    """Return True when a figure stands inside words someone said (`“…运输4000多公里…”`)."""
    at = metric.sentence.find(metric.text)
    before = metric.sentence[: max(at, 0)]
    return before.count("“") > before.count("”")


def card_worthy(metric: Metric, bar: bool = False) -> bool:
    """Return True for a figure that may be a number card or a chart value: an exact value
    with a label that says what it counts; not a duration, an anniversary, a numeral word
    (两大) or a vague quantity (数百家); a card is never one of a thing (a `bar` of a chart
    may be)."""
    v = _rules().v
    if metric.value is None or metric.form is NumberForm.VAGUE or len(metric.label) < 2:
        return False
    if quoted(metric):
        return False  # a speaker's own figure: told on the quote slide, in the speaker's words
    single = metric.value == 1 and metric.unit in v["classifiers_zh"]
    if single and not bar:
        return False  # one of a thing is no headline number
    if of_one(metric) and not bar:
        return False  # 一台设备每年可节约…2万元: one thing's figure, a card would read as a total
    if any(f"{p}{metric.text}" in metric.sentence for p in v["partner_marks_zh"]) and not bar:
        return False  # 与8所高校签署协议: the partners of one act, not all there are
    whole = any(w in metric.label for w in v["share_words_zh"])
    if metric.form is NumberForm.FRACTION and not whole and not bar:
        return False  # 1/4的外资项目: a share whose whole the label does not name
    people = metric.unit in v["person_classifiers_zh"]
    if (
        people
        and not bar
        and (metric.value < FEW_PEOPLE or metric.label.endswith(tuple(v["bodies_zh"])))
    ):
        return False  # 三位创始人: the people of a story; 某某学校55人: people, but who?
    if (metric.unit or "") in v["duration_units"] or metric.unit == "大":
        return False
    return weak_label_reason(metric.label) is None

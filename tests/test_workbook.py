"""A chart's embedded workbook written directly holds what XlsxWriter writes, part for part."""

from __future__ import annotations

import io
import re
import zipfile

from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.chart.data import CategoryChartData

from briefdeck.render.workbook import ChartData, workbook

STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


def parts(blob: bytes) -> dict[str, bytes]:
    """Return a workbook's parts by name, the times it was made left out."""
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {n: STAMP.sub(b"", archive.read(n)) for n in archive.namelist()}


def both(labels, name, values, fmt):
    """Return the workbook's parts as written here and as XlsxWriter writes them."""
    out = []
    for kind in (ChartData, CategoryChartData):
        data = kind(number_format=fmt)
        data.categories = labels
        data.add_series(name, values)
        out.append(parts(data.xlsx_blob))
    return out


def test_a_chart_of_the_seed_kind():
    mine, theirs = both(["国家级奖项", "湖北省级奖项", "随州市级奖项"], "奖项", [1.0, 11.0, 43.0],
                        'General"个"')  # fmt: skip
    assert mine == theirs


LABEL = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=12)
NUMBER = st.one_of(
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(LABEL, min_size=1, max_size=25),
    LABEL,
    st.data(),
    st.sampled_from(["General", 'General"%"', 'General"亿元"', 'General"a&b<c>"', "0.0"]),
)
def test_any_chart_matches_xlsxwriter(labels, name, data, fmt):
    values = data.draw(st.lists(NUMBER, min_size=len(labels), max_size=len(labels)))
    mine, theirs = both(labels, name, values, fmt)
    assert mine == theirs


PLAIN = (
    st.text(
        st.sampled_from(list("国家级奖项湖北省ab XYZ019.-%&<>\"'（）、，")), min_size=1, max_size=10
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(PLAIN, min_size=1, max_size=40),
    PLAIN,
    st.data(),
    st.sampled_from(["General", 'General"%"', 'General"亿元"', 'General"a&b<c>"']),
)
def test_plain_charts_are_written_as_xlsxwriter_writes_them(labels, name, data, fmt):
    values = data.draw(st.lists(NUMBER, min_size=len(labels), max_size=len(labels)))
    theirs = CategoryChartData(number_format=fmt)
    theirs.categories = labels
    theirs.add_series(name, values)
    assert parts(workbook(labels, name, values, fmt)) == parts(theirs.xlsx_blob)


def test_plain_charts_do_not_ask_xlsxwriter(monkeypatch):
    def refused(self):
        raise AssertionError("XlsxWriter asked")

    data = ChartData(number_format='General"个"')
    data.categories = ["国家级", "省级"]
    data.add_series("奖项", [1.0, 2.5])
    monkeypatch.setattr(CategoryChartData, "xlsx_blob", property(refused))
    assert parts(data.xlsx_blob)["xl/sharedStrings.xml"].count(b"<si>") == 3


def test_a_label_with_trailing_whitespace_keeps_it_as_xlsxwriter_does():
    mine, theirs = both(["0\n", " 东区"], "0", [0, 1], "General")
    assert mine == theirs
    assert b'xml:space="preserve"' in mine["xl/sharedStrings.xml"]

"""A chart's embedded workbook written directly, as XlsxWriter writes it for python-pptx."""

from __future__ import annotations

import io
import math
import re
import zipfile
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any

from pptx.chart.data import CategoryChartData

from briefdeck.render.package import BASE_LEVEL, LEVEL, Entry, zip_bytes

_ZIP_ORDER = (
    "[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
    "xl/workbook.xml", "xl/styles.xml", "xl/theme/theme1.xml", "xl/_rels/workbook.xml.rels",
    "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
)  # fmt: skip
"""The workbook's parts in the order XlsxWriter writes them."""
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
_PLAIN = re.compile(r"^[^\x00-\x1f:=\s_][^\x00-\x1f:_]*(?<!\s)$")
"""A label written as it is: no control character, no colon (a link), no `=` first (a
formula), no `_x` escape, no space first or last."""
_BUILT_IN = {"General": 0}
"""Number formats Excel knows by number (the only one a chart of ours uses)."""
_OWN_XF = '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
"""The values' cell format, of a number format of its own."""


class ChartData(CategoryChartData):
    """python-pptx's chart data, whose workbook is written directly when it can be.

    XlsxWriter, which python-pptx makes the workbook with, takes longer than the rest of a
    deck. For a chart of plain labels and numbers the workbook's fixed parts are XlsxWriter's
    own (made once per process) and its sheet, strings and styles are written the way
    XlsxWriter writes them (tests/test_workbook.py holds them to XlsxWriter's on many charts).
    Anything else (an empty label, one Excel would read as a formula or a link, a control
    character, spaces around it) is left to XlsxWriter."""

    @property
    def xlsx_blob(self) -> bytes:
        """The chart's workbook: written directly for plain labels and numbers, else by
        XlsxWriter."""
        series = list(self)
        if len(series) == 1 and self.categories.depth == 1 and not self.categories.are_numeric:
            labels = [c.label for c in self.categories]
            values, fmt = list(series[0].values), series[0].number_format
            general = fmt == "General" or fmt.startswith('General"')
            if general and _plain_labels([*labels, series[0].name]) and _plain_numbers(values):
                return workbook(labels, series[0].name, values, fmt)
        return super().xlsx_blob


def _plain_labels(labels: list[object]) -> bool:
    return all(isinstance(x, str) and _PLAIN.match(x) for x in labels)


def _plain_numbers(values: list[Any]) -> bool:
    return all(
        isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values
    )


def workbook(labels: list[str], name: str, values: list[float], number_format: str) -> bytes:
    """Return the workbook XlsxWriter writes for one series `name` of `values` by `labels`."""
    fixed = _fixed_parts()
    strings = list(dict.fromkeys([*labels, name]))
    index = {s: n for n, s in enumerate(strings)}
    style = 1 if _BUILT_IN.get(number_format) == 0 else 2  # "General" shares the labels' xf
    rows = [f'<row r="1" spans="1:2"><c r="B1" t="s"><v>{index[name]}</v></c></row>']
    rows += [
        f'<row r="{n}" spans="1:2"><c r="A{n}" s="1" t="s"><v>{index[label]}</v></c>'
        f'<c r="B{n}" s="{style}"><v>{value:.16G}</v></c></row>'
        for n, (label, value) in enumerate(zip(labels, values), start=2)
    ]
    sheet = fixed["sheet"].format(bottom=len(labels) + 1, rows="".join(rows))
    shared = "".join(f"<si><t{_space(s)}>{_escaped(s)}</t></si>" for s in strings)
    sst = (
        f'{_HEAD}<sst xmlns="{_MAIN}" count="{len(labels) + 1}" uniqueCount="{len(strings)}">'
        f"{shared}</sst>"
    )
    now = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    made = {
        "docProps/core.xml": fixed["core"].replace("{stamp}", now),
        "xl/styles.xml": _styles(fixed["styles"], number_format),
        "xl/worksheets/sheet1.xml": sheet,
        "xl/sharedStrings.xml": sst,
    }
    entries = [
        Entry.of(n, made[n].encode(), LEVEL) if n in made else fixed["entries"][n]
        for n in _ZIP_ORDER
    ]
    return zip_bytes(entries, (1980, 1, 1, 0, 0, 0))


def _space(text: str) -> str:
    """Return the attribute that keeps a string's leading or trailing whitespace, or empty."""
    return ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _styles(template: str, number_format: str) -> str:
    """Return styles.xml with the values' number format (a format of its own unless built
    in)."""
    if number_format in _BUILT_IN:
        return template.format(formats="", count=2, own="")
    code = _escaped(number_format).replace('"', "&quot;")
    formats = f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{code}"/></numFmts>'
    return template.format(formats=formats, count=3, own=_OWN_XF)


@lru_cache(maxsize=1)
def _fixed_parts() -> dict[str, Any]:
    """Return XlsxWriter's fixed parts (entries, deflated once) and the templates of the
    sheet, the styles and the core properties, from a workbook it writes once."""
    data = CategoryChartData(number_format='General"x"')
    data.categories = ["a"]
    data.add_series("s", [1])
    with zipfile.ZipFile(io.BytesIO(data.xlsx_blob)) as sample:
        parts = {n: sample.read(n).decode() for n in sample.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].replace("{", "{{").replace("}", "}}")
    sheet = sheet.replace('<dimension ref="A1:B2"/>', '<dimension ref="A1:B{bottom}"/>')
    start, end = sheet.index("<sheetData>") + 11, sheet.index("</sheetData>")
    sheet = sheet[:start] + "{rows}" + sheet[end:]
    styles = parts["xl/styles.xml"].replace("{", "{{").replace("}", "}}")
    formats = (
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="General&quot;x&quot;"/></numFmts>'
    )
    styles = styles.replace(formats, "{formats}").replace(_OWN_XF, "{own}")
    styles = styles.replace('<cellXfs count="3">', '<cellXfs count="{count}">')
    return {
        "entries": {n: Entry.of(n, b.encode(), BASE_LEVEL) for n, b in parts.items()},
        "sheet": sheet,
        "styles": styles,
        "core": _STAMP.sub("{stamp}", parts["docProps/core.xml"]),
    }

"""Table sizing: column widths, row heights and the rows each table slide holds."""

from __future__ import annotations

import re

from briefdeck.layouts import LayoutSet
from briefdeck.model import DataTable, TableGrid
from briefdeck.numbers import cell_quantity
from briefdeck.textfit import NO_LINE_END, NO_LINE_START, Metrics, paragraph_height, text_width

CELL_X = 0.1
"""Left and right margin inside a table cell, inches."""
CELL_Y = 0.05
"""Top and bottom margin inside a table cell, inches."""
CELL_SLACK = 0.05
"""Inches added to a column's measured width: renderers differ in glyph widths."""
ROW_SAFETY = 1.05
"""Rows are measured this much taller than their text: a renderer's CJK face may be taller than
the measure's line, and a table row too short grows past its frame (rows never shrink)."""


def table_grids(
    layouts: LayoutSet, m: Metrics, table: DataTable, room: tuple[float, float]
) -> tuple[list[TableGrid], str]:
    """Return the table fitted to slides of `room` (width, height in inches): the fewest
    slides, then the largest size, columns as wide on each slide; and the problem ("" when
    it fits: else one row a slide at the smallest size)."""
    rows = list(table.rows)
    low, high = layouts.tables.sizes
    bold = layouts.tables.header_bold
    numeric = numeric_columns(table)
    fitted = []  # (size, widths, the whole table's grid) where the columns fit, largest first
    for size in range(int(high), int(low) - 1, -1):
        widths = column_widths(table, size, room[0], numeric, bold)
        if widths is not None:
            fitted.append((size, widths, grid(m, bold, table, rows, widths, size, numeric)))
    for count in range(1, len(rows) + 1):
        for size, widths, whole in fitted:
            head = whole.heights[: len(table.header)]
            body = iter(whole.heights[len(table.header) :])
            runs = [[next(body) for _ in chunk] for chunk in even(rows, count)]
            if all(sum(head) + sum(run) <= room[1] for run in runs):
                return [
                    grid(m, bold, table, c, widths, size, numeric) for c in even(rows, count)
                ], ""
    problem = f"table too large for its slides: {table.caption or rows[0][0]}"
    widths = column_widths(table, low, room[0], numeric, bold, force=True) or ()
    return [grid(m, bold, table, [row], widths, low, numeric) for row in rows], problem


def column_widths(
    table: DataTable,
    size: float,
    width: float,
    numeric: tuple[bool, ...],
    bold: bool,
    force: bool = False,
) -> tuple[float, ...] | None:
    """Return each column's width (inches) at `size` filling `width`: what its widest cell
    needs, the widest columns narrowed (their text wraps) when the table is too wide, never
    below a figure or a word of theirs; None when the table cannot be that narrow (with
    `force`, it is narrowed to fit anyway). Header cells are measured bold when `bold`."""
    columns = range(len(table.header[0]) if table.header else len(table.rows[0]))

    def need(text: str, head: bool) -> float:
        return text_width(text, head and bold) * size / 72

    natural, least = [], []
    for j in columns:
        heads = [r[j] for r in table.header if j < len(r)]
        cells = [r[j] for r in table.rows if j < len(r)]
        wide = max([need(c, True) for c in heads] + [need(c, False) for c in cells])
        words = [need(w, True) for c in heads for w in unbroken(c)]
        words += [need(c, False) if numeric[j] else need(w, False)
                  for c in cells for w in unbroken(c)]  # fmt: skip
        natural.append(wide + 2 * CELL_X + CELL_SLACK)
        least.append(max(words, default=0) + 2 * CELL_X + CELL_SLACK)
    if sum(least) > width:
        if not force:
            return None
        return tuple(width * w / sum(least) for w in least)
    low, high = 0.0, max(natural) + 0.01
    while high - low > 0.005:  # the widest cap on the widest columns at which they fit
        cap = (low + high) / 2
        total = sum(max(m, min(n, cap)) for m, n in zip(least, natural))
        low, high = (low, cap) if total > width else (cap, high)
    widths = [max(m, min(n, low)) for m, n in zip(least, natural)]
    extra = (width - sum(widths)) / len(widths)
    return tuple(w + extra for w in widths)


def grid(
    m: Metrics,
    bold: bool,
    table: DataTable,
    rows: list[tuple[str, ...]],
    widths: tuple[float, ...],
    size: float,
    numeric: tuple[bool, ...],
) -> TableGrid:
    """Return the table grid of `rows` under the header, each row as tall as its text (header
    cells measured bold when `bold`)."""

    def height(row: tuple[str, ...], head: bool) -> float:
        tallest = max(
            paragraph_height(cell, size, w - 2 * CELL_X, m, head and bold)
            if cell
            else size * m.line_height * m.line_spacing / 72
            for cell, w in zip(row, widths)
        )
        return tallest * ROW_SAFETY + 2 * CELL_Y

    heights = [height(r, True) for r in table.header] + [height(r, False) for r in rows]
    return TableGrid(
        header=table.header,
        rows=tuple(rows),
        widths=widths,
        heights=tuple(round(h, 3) for h in heights),
        size=size,
        numeric=numeric,
    )


def even(rows: list[tuple[str, ...]], count: int) -> list[list[tuple[str, ...]]]:
    """Return `rows` in `count` runs whose lengths differ by one at most (9+8+8, not 9+9+7)."""
    size, more = divmod(len(rows), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < more else 0)
        out.append(rows[start:end])
        start = end
    return out


def numeric_columns(table: DataTable) -> tuple[bool, ...]:
    """Return per column True when each of its filled body cells is a number (after the
    first column, which names the rows)."""
    width = len(table.header[0]) if table.header else len(table.rows[0])
    out = []
    for j in range(width):
        cells = [r[j].strip() for r in table.rows if j < len(r) and r[j].strip()]
        out.append(j > 0 and bool(cells) and all(cell_quantity(c) is not None for c in cells))
    return tuple(out)


def unbroken(text: str) -> list[str]:
    """Return the pieces of `text` a line never breaks inside: its words and numbers (a CJK
    character on its own, with the marks that may not leave it)."""
    pieces: list[str] = []
    glue = False  # the piece before may not end a line: this one goes on it
    for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9.,%'’\-/+]*|\S", text):
        if pieces and (glue or token[0] in NO_LINE_START):
            pieces[-1] += token
        else:
            pieces.append(token)
        glue = token[-1] in NO_LINE_END
    return pieces

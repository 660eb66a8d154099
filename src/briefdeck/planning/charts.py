"""The chart and table slides of a section."""

from __future__ import annotations

from briefdeck.model import Chart, DataTable, SectionOutline
from briefdeck.outline import table_charts
from briefdeck.planning.state import Context, PlanState, add
from briefdeck.planning.tables import table_grids


def chart(ctx: Context, st: PlanState, chart: Chart, section: SectionOutline) -> None:
    """Plan a chart slide, its unit after its title and its section's title as kicker."""
    title = chart.title + (ctx.outline.language.bracketed(chart.unit) if chart.unit else "")
    add(ctx, st, "chart", title, chart.notes, kicker=section.title, chart=chart)


def tables(ctx: Context, st: PlanState, section: SectionOutline) -> None:
    """Plan the slides of a section's tables: a table slide each, a bar chart of each
    numeric column that compares, or both, as the layout set's `tables.show` says (a
    table with nothing to chart is shown as a table)."""
    show = ctx.layouts.tables.show
    for data in section.tables:
        charts = table_charts(data, section.title) if show != "table" else ()
        if show != "chart" or not charts:
            table(ctx, st, data, section)
        for each in charts:
            chart(ctx, st, each, section)


def table(ctx: Context, st: PlanState, data: DataTable, section: SectionOutline) -> None:
    """Plan a table: its rows split evenly over as few slides as hold them (the header
    repeated on each, the title marked （续）), at the largest size at which they fit."""
    if not data.rows:
        return
    box = ctx.layouts.table_box()
    grids, problem = table_grids(ctx.layouts, ctx.measure.metrics, data, (box.w, box.h))
    if problem:
        st.warnings.append(problem)
    title = data.caption or section.title
    if any(s.title == title for s in st.slides):  # its section's slide has the title
        title = f"{title}{ctx.measure.sep}{ctx.words['table']}"
    kicker = section.title if not title.startswith(section.title) else ""
    for n, grid in enumerate(grids):
        add(ctx, st, "table", title + ctx.continued(n), data.notes, kicker=kicker, table=grid)

"""Chart geometry for the static SVG charts: numbers in, coordinates out.

Pure functions over plain numbers. Each returns a frozen dataclass in which every
coordinate is already computed, so the Jinja partials in ``templates/partials/chart_*.html``
only draw it and autoescape covers every label; no SVG is assembled as a string here.
Empty data, or data that is zero everywhere, gives ``None``: a page shows no empty frame.

Units are SVG user units: a chart's viewBox is ``0 0 width height`` and the stylesheet
scales it down to the column (``max-width: 100%``). Text widths cannot be measured at
build time, so they are estimated (``CHAR_WIDTH`` per character of 12-13px system-ui
text); labels that would not fit are thinned out or shortened, never overlapped. Every
coordinate is rounded to one decimal so builds are byte-stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil

#: Estimated advance of one character of chart text, in user units.
CHAR_WIDTH = 7.0
#: Shades of the heat strip: level 0 is an empty cell, 1..HEAT_LEVELS the counts.
HEAT_LEVELS = 4


def _round(value: float) -> float:
    """One decimal, and an int when whole, so the SVG says ``36``, not ``36.0``."""
    rounded = round(value, 1)
    return int(rounded) if rounded == int(rounded) else rounded


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


# -- columns: one vertical bar per period (a relation's articles per year) ----------------


@dataclass(frozen=True, slots=True)
class ColumnInput:
    label: str  #: axis label under the column ('2017', 's. d.').
    value: int
    part: int = 0  #: the highlighted share of ``value`` (visits), drawn at the bottom.
    tooltip: str = ""  #: the column's <title>.


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    value: int
    part: int
    tooltip: str
    x: float  #: left edge of the bar.
    width: float
    y: float  #: top of the bar (``baseline`` when the value is 0).
    height: float
    value_y: float  #: baseline of the value, just above the bar.
    part_y: float
    part_height: float
    center: float  #: x of the labels.
    show_label: bool  #: False when labels are thinned out to fit.
    show_value: bool  #: False when the number is wider than the column.


@dataclass(frozen=True, slots=True)
class ColumnChart:
    width: float
    height: float
    baseline: float  #: y of the axis line.
    axis_start: float
    axis_end: float
    label_y: float  #: baseline of the axis labels.
    columns: tuple[Column, ...]
    has_parts: bool


#: Layout of a column chart (user units).
COLUMN_SLOT = 48.0  #: widest slot per column; narrower when there are many.
COLUMN_PLOT_WIDTH = 640.0  #: the slots never take more than this.
COLUMN_PLOT_HEIGHT = 120.0
COLUMN_MARGIN = 8.0
COLUMN_TOP = 20.0  #: room for the value above the tallest column.
COLUMN_AXIS_LABEL = 20.0  #: room for the labels under the axis.


def column_chart(items: Sequence[ColumnInput]) -> ColumnChart | None:
    """Columns scaled so the largest value fills the plot height; zero stays flat.

    The slot shrinks when there are many columns so the chart keeps a readable width;
    axis labels are then shown every ``stride`` columns from the first, and a value that
    would be wider than its column is left to the tooltip and the data table.
    """
    if not items or max(item.value for item in items) <= 0:
        return None
    peak = max(item.value for item in items)
    slot = min(COLUMN_SLOT, COLUMN_PLOT_WIDTH / len(items))
    bar_width = slot * 0.7
    widest_label = max(_text_width(item.label) for item in items) + 6
    stride = max(1, ceil(widest_label / slot))
    baseline = COLUMN_TOP + COLUMN_PLOT_HEIGHT
    columns = []
    for index, item in enumerate(items):
        value = max(item.value, 0)
        part = min(max(item.part, 0), value)
        height = value / peak * COLUMN_PLOT_HEIGHT
        part_height = part / peak * COLUMN_PLOT_HEIGHT
        left = COLUMN_MARGIN + index * slot + (slot - bar_width) / 2
        columns.append(
            Column(
                label=item.label,
                value=value,
                part=part,
                tooltip=item.tooltip,
                x=_round(left),
                width=_round(bar_width),
                y=_round(baseline - height),
                height=_round(height),
                value_y=_round(baseline - height - 5),
                part_y=_round(baseline - part_height),
                part_height=_round(part_height),
                center=_round(left + bar_width / 2),
                show_label=index % stride == 0,
                show_value=value > 0 and _text_width(str(value)) <= slot,
            )
        )
    width = COLUMN_MARGIN * 2 + slot * len(items)
    return ColumnChart(
        width=_round(width),
        height=_round(baseline + COLUMN_AXIS_LABEL),
        baseline=_round(baseline),
        axis_start=_round(COLUMN_MARGIN),
        axis_end=_round(width - COLUMN_MARGIN),
        label_y=_round(baseline + 15),
        columns=tuple(columns),
        has_parts=any(column.part for column in columns),
    )


# -- bars: one horizontal bar per named item (the home country's partners) ------------------


@dataclass(frozen=True, slots=True)
class BarInput:
    label: str
    value: int
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  #: as drawn: shortened with '…' when longer than BAR_LABEL_CHARS.
    value: int
    tooltip: str
    y: float  #: top of the bar.
    thickness: float
    length: float
    text_y: float  #: baseline of the label and the value.
    value_x: float  #: where the value starts, just after the bar.


@dataclass(frozen=True, slots=True)
class BarChart:
    width: float
    height: float
    label_x: float  #: labels end here (text-anchor: end).
    bar_x: float  #: bars start here.
    bars: tuple[Bar, ...]


BAR_ROW = 26.0
BAR_THICKNESS = 18.0
BAR_PLOT_WIDTH = 360.0
BAR_LABEL_CHARS = 28  #: longer labels are shortened in the drawing (the table has them whole).
BAR_GAP = 8.0
BAR_VALUE_ROOM = 48.0  #: after the longest bar, for its value.


def bar_chart(items: Sequence[BarInput]) -> BarChart | None:
    """Horizontal bars in the given order, the largest value filling the plot width.

    The label column is as wide as the longest (possibly shortened) label needs.
    """
    if not items or max(item.value for item in items) <= 0:
        return None
    peak = max(item.value for item in items)
    labels = [_shorten(item.label, BAR_LABEL_CHARS) for item in items]
    label_x = max(_text_width(label) for label in labels) + BAR_GAP
    bar_x = label_x + BAR_GAP
    bars = []
    for index, (item, label) in enumerate(zip(items, labels, strict=True)):
        value = max(item.value, 0)
        top = index * BAR_ROW + (BAR_ROW - BAR_THICKNESS) / 2
        length = value / peak * BAR_PLOT_WIDTH
        bars.append(
            Bar(
                label=label,
                value=value,
                tooltip=item.tooltip,
                y=_round(top),
                thickness=_round(BAR_THICKNESS),
                length=_round(length),
                text_y=_round(top + BAR_THICKNESS / 2 + 4.5),
                value_x=_round(bar_x + length + 6),
            )
        )
    return BarChart(
        width=_round(bar_x + BAR_PLOT_WIDTH + BAR_VALUE_ROOM),
        height=_round(len(items) * BAR_ROW),
        label_x=_round(label_x),
        bar_x=_round(bar_x),
        bars=tuple(bars),
    )


def _shorten(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


# -- heat strip: one row per period, one cell per sub-period (years x months) ---------------


@dataclass(frozen=True, slots=True)
class HeatRowInput:
    label: str  #: '2019'.
    values: tuple[int, ...]  #: one per column; every row has as many as there are columns.
    tooltips: tuple[str, ...] = ()  #: one per column, or none.


@dataclass(frozen=True, slots=True)
class HeatCell:
    value: int
    level: int  #: 0 (empty) .. HEAT_LEVELS (the largest count); the CSS class shades it.
    tooltip: str
    x: float
    y: float
    center_x: float
    text_y: float


@dataclass(frozen=True, slots=True)
class HeatRow:
    label: str
    text_y: float
    cells: tuple[HeatCell, ...]


@dataclass(frozen=True, slots=True)
class HeatHeader:
    label: str
    center_x: float


@dataclass(frozen=True, slots=True)
class HeatStrip:
    width: float
    height: float
    cell_width: float
    cell_height: float
    label_x: float  #: row labels end here (text-anchor: end).
    header_y: float
    headers: tuple[HeatHeader, ...]
    rows: tuple[HeatRow, ...]


HEAT_CELL_WIDTH = 34.0
HEAT_CELL_HEIGHT = 24.0
HEAT_GAP = 3.0
HEAT_HEADER = 20.0
HEAT_LABEL = 44.0  #: room for a four-digit year.


def heat_level(value: int, peak: int) -> int:
    """0 for nothing, else 1..HEAT_LEVELS in proportion to the largest count (rounded up,
    so a single article is never drawn as empty)."""
    if value <= 0 or peak <= 0:
        return 0
    return min(HEAT_LEVELS, max(1, ceil(HEAT_LEVELS * value / peak)))


def heat_strip(columns: Sequence[str], rows: Sequence[HeatRowInput]) -> HeatStrip | None:
    """A grid of shaded cells, one row per input row, in the given order.

    ``columns`` are the short header labels; each row must have one value per column
    (a ValueError otherwise: that is a bug in the caller, not a content problem).
    """
    if not rows or not columns:
        return None
    for row in rows:
        if len(row.values) != len(columns) or (row.tooltips and len(row.tooltips) != len(columns)):
            raise ValueError(f"heat row {row.label!r} does not have one value per column")
    peak = max(max(row.values) for row in rows)
    if peak <= 0:
        return None
    step_x = HEAT_CELL_WIDTH + HEAT_GAP
    step_y = HEAT_CELL_HEIGHT + HEAT_GAP
    headers = tuple(
        HeatHeader(label, _round(HEAT_LABEL + index * step_x + HEAT_CELL_WIDTH / 2))
        for index, label in enumerate(columns)
    )
    heat_rows = []
    for row_index, row in enumerate(rows):
        top = HEAT_HEADER + row_index * step_y
        cells = tuple(
            HeatCell(
                value=value,
                level=heat_level(value, peak),
                tooltip=row.tooltips[index] if row.tooltips else "",
                x=_round(HEAT_LABEL + index * step_x),
                y=_round(top),
                center_x=_round(HEAT_LABEL + index * step_x + HEAT_CELL_WIDTH / 2),
                text_y=_round(top + HEAT_CELL_HEIGHT / 2 + 4),
            )
            for index, value in enumerate(row.values)
        )
        heat_rows.append(HeatRow(row.label, _round(top + HEAT_CELL_HEIGHT / 2 + 4), cells))
    return HeatStrip(
        width=_round(HEAT_LABEL + len(columns) * step_x),
        height=_round(HEAT_HEADER + len(rows) * step_y),
        cell_width=_round(HEAT_CELL_WIDTH),
        cell_height=_round(HEAT_CELL_HEIGHT),
        label_x=_round(HEAT_LABEL - 8),
        header_y=_round(HEAT_HEADER - 6),
        headers=headers,
        rows=tuple(heat_rows),
    )

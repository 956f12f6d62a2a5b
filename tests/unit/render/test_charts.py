"""Chart geometry (generator/render/charts.py): scaling, zero counts, one item, no data."""

from __future__ import annotations

from itertools import pairwise

import pytest

from generator.render.charts import (
    BAR_LABEL_CHARS,
    BAR_PLOT_WIDTH,
    COLUMN_PLOT_HEIGHT,
    COLUMN_PLOT_WIDTH,
    COLUMN_SLOT,
    HEAT_LEVELS,
    BarInput,
    ColumnInput,
    HeatRowInput,
    bar_chart,
    column_chart,
    heat_level,
    heat_strip,
)

# -- columns --------------------------------------------------------------------------------


def test_largest_column_fills_the_plot_and_others_scale_when_drawn() -> None:
    chart = column_chart([ColumnInput("2015", 4), ColumnInput("2016", 2), ColumnInput("2017", 1)])
    assert chart is not None
    heights = [column.height for column in chart.columns]
    assert heights == [COLUMN_PLOT_HEIGHT, COLUMN_PLOT_HEIGHT / 2, COLUMN_PLOT_HEIGHT / 4]
    for column in chart.columns:
        assert column.y + column.height == chart.baseline  # every column stands on the axis
        assert column.value_y < column.y  # its number above it
        assert column.show_label and column.show_value


def test_zero_column_is_flat_and_unnumbered_when_a_year_has_no_article() -> None:
    chart = column_chart([ColumnInput("2015", 3), ColumnInput("2016", 0), ColumnInput("2017", 1)])
    assert chart is not None
    empty = chart.columns[1]
    assert (empty.height, empty.y, empty.show_value, empty.show_label) == (0, chart.baseline, False, True)


def test_single_column_fills_the_plot_when_there_is_one_year() -> None:
    chart = column_chart([ColumnInput("2019", 7)])
    assert chart is not None
    (column,) = chart.columns
    assert column.height == COLUMN_PLOT_HEIGHT
    assert chart.width == pytest.approx(COLUMN_SLOT + 16)
    assert column.x >= chart.axis_start and column.x + column.width <= chart.axis_end


@pytest.mark.parametrize("items", [[], [ColumnInput("2015", 0), ColumnInput("2016", 0)]])
def test_no_column_chart_when_there_is_nothing_to_draw(items: list[ColumnInput]) -> None:
    assert column_chart(items) is None


def test_highlighted_part_is_scaled_and_sits_at_the_bottom_when_given() -> None:
    chart = column_chart([ColumnInput("2015", 4, part=1), ColumnInput("2016", 2, part=5)])
    assert chart is not None
    first, second = chart.columns
    assert first.part_height == COLUMN_PLOT_HEIGHT / 4
    assert first.part_y + first.part_height == chart.baseline
    assert (second.part, second.part_height) == (2, second.height)  # never more than the column
    assert chart.has_parts


def test_columns_narrow_and_labels_thin_out_when_there_are_many_years() -> None:
    items = [ColumnInput(str(year), year % 3) for year in range(1960, 2025)]
    chart = column_chart(items)
    assert chart is not None
    assert chart.width <= COLUMN_PLOT_WIDTH + 16
    shown = [column.label for column in chart.columns if column.show_label]
    assert shown[0] == "1960" and 1 < len(shown) < len(items)
    centers = [column.center for column in chart.columns if column.show_label]
    assert all(b - a >= 4 * 7 for a, b in pairwise(centers))  # no overlap
    assert all(column.x + column.width <= chart.axis_end for column in chart.columns)


def test_value_is_left_to_the_table_when_it_is_wider_than_its_column() -> None:
    items = [ColumnInput(str(year), 12345 if year == 2000 else 1) for year in range(1950, 2025)]
    chart = column_chart(items)
    assert chart is not None
    assert not next(column for column in chart.columns if column.label == "2000").show_value


# -- bars -----------------------------------------------------------------------------------


def test_bars_scale_to_the_largest_value_in_the_given_order_when_drawn() -> None:
    chart = bar_chart([BarInput("Biélorussie", 10), BarInput("France", 5), BarInput("Japon", 0)])
    assert chart is not None
    assert [bar.label for bar in chart.bars] == ["Biélorussie", "France", "Japon"]
    assert [bar.length for bar in chart.bars] == [BAR_PLOT_WIDTH, BAR_PLOT_WIDTH / 2, 0]
    assert chart.bar_x > chart.label_x
    assert [bar.y for bar in chart.bars] == sorted(bar.y for bar in chart.bars)
    for bar in chart.bars:
        assert bar.value_x > chart.bar_x + bar.length
        assert bar.value_x < chart.width


def test_long_label_is_shortened_in_the_drawing_when_it_would_not_fit() -> None:
    long_name = "Géorgie du Sud-et-les Îles Sandwich du Sud"
    chart = bar_chart([BarInput(long_name, 1)])
    assert chart is not None
    (bar,) = chart.bars
    assert len(bar.label) <= BAR_LABEL_CHARS and bar.label.endswith("…")
    assert long_name.startswith(bar.label[:-1])


@pytest.mark.parametrize("items", [[], [BarInput("France", 0)]])
def test_no_bar_chart_when_there_is_nothing_to_draw(items: list[BarInput]) -> None:
    assert bar_chart(items) is None


# -- heat strip -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "peak", "level"),
    [
        (0, 10, 0),
        (1, 10, 1),
        (2, 10, 1),
        (3, 10, 2),
        (5, 10, 2),
        (6, 10, 3),
        (10, 10, HEAT_LEVELS),
        (1, 1, HEAT_LEVELS),
    ],
)
def test_heat_level_rises_with_the_count_when_shaded(value: int, peak: int, level: int) -> None:
    assert heat_level(value, peak) == level


def test_heat_cells_are_laid_out_row_by_row_when_drawn() -> None:
    strip = heat_strip(
        ["J", "F", "M"],
        [HeatRowInput("2020", (0, 2, 4), ("a", "b", "c")), HeatRowInput("2019", (1, 0, 0))],
    )
    assert strip is not None
    first, second = strip.rows
    assert [cell.level for cell in first.cells] == [0, 2, 4]
    assert [cell.tooltip for cell in first.cells] == ["a", "b", "c"]
    assert [cell.tooltip for cell in second.cells] == ["", "", ""]
    assert [cell.x for cell in first.cells] == [cell.x for cell in second.cells]
    assert all(cell.y < other.y for cell, other in zip(first.cells, second.cells, strict=True))
    assert [header.center_x for header in strip.headers] == [cell.center_x for cell in first.cells]
    right = first.cells[-1].x + strip.cell_width
    bottom = second.cells[0].y + strip.cell_height
    assert right <= strip.width and bottom <= strip.height
    assert strip.label_x < first.cells[0].x


def test_single_year_gives_one_row_when_drawn() -> None:
    strip = heat_strip(["J"] * 12, [HeatRowInput("2019", (0,) * 11 + (3,))])
    assert strip is not None
    (row,) = strip.rows
    assert row.label == "2019" and [cell.level for cell in row.cells] == [0] * 11 + [HEAT_LEVELS]


@pytest.mark.parametrize("rows", [[], [HeatRowInput("2019", (0, 0))]])
def test_no_heat_strip_when_there_is_nothing_to_draw(rows: list[HeatRowInput]) -> None:
    assert heat_strip(["J", "F"], rows) is None


def test_row_with_the_wrong_number_of_values_is_a_bug_when_drawn() -> None:
    with pytest.raises(ValueError, match="2019"):
        heat_strip(["J", "F"], [HeatRowInput("2019", (1, 2, 3))])


def test_coordinates_are_rounded_when_the_slot_is_fractional() -> None:
    chart = column_chart([ColumnInput(str(year), 1) for year in range(1990, 2023)])
    assert chart is not None
    for column in chart.columns:
        for value in (column.x, column.width, column.center):
            assert value == round(value, 1)

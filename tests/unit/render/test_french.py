from __future__ import annotations

import pytest

from generator.content.model import PartialDate
from generator.render import french


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (PartialDate(2017, 6, 27), "27 juin 2017"),
        (PartialDate(2017, 3, 1), "1er mars 2017"),
        (PartialDate(2017, 3, 2), "2 mars 2017"),
        (PartialDate(2017, 8, 15), "15 août 2017"),
        (PartialDate(2017, 12, 31), "31 décembre 2017"),
        (PartialDate(2017, 6), "juin 2017"),
        (PartialDate(2017, 2), "février 2017"),
        (PartialDate(2017), "2017"),
        (PartialDate(), "date inconnue"),
    ],
)
def test_date_is_written_in_french_when_formatted(date: PartialDate, text: str) -> None:
    assert french.format_date(date) == text


@pytest.mark.parametrize(
    ("month", "name"), [(1, "janvier"), (6, "juin"), (12, "décembre"), (None, "mois inconnu")]
)
def test_month_has_its_french_name_when_formatted(month: int | None, name: str) -> None:
    assert french.month_name(month) == name


@pytest.mark.parametrize(
    ("count", "singular", "plural", "text"),
    [
        (0, "article", None, "0 article"),
        (1, "article", None, "1 article"),
        (2, "article", None, "2 articles"),
        (1, "relation", None, "1 relation"),
        (3, "pays", "pays", "3 pays"),
        (10000, "article", None, "10\u202f000 articles"),
    ],
)
def test_count_agrees_in_french_when_formatted(
    count: int, singular: str, plural: str | None, text: str
) -> None:
    assert french.count_noun(count, singular, plural) == text


@pytest.mark.parametrize(
    ("value", "text"), [(7, "7"), (1234, "1\u202f234"), (1234567, "1\u202f234\u202f567")]
)
def test_number_uses_narrow_no_break_spaces_when_formatted(value: int, text: str) -> None:
    assert french.format_number(value) == text


@pytest.mark.parametrize(
    ("date", "stamp"),
    [
        (PartialDate(2017, 6, 27), "2017-06-27T00:00:00Z"),
        (PartialDate(2017, 6), "2017-06-01T00:00:00Z"),
        (PartialDate(2017), "2017-01-01T00:00:00Z"),
        (PartialDate(), None),
    ],
)
def test_timestamp_starts_the_known_period_when_formatted(date: PartialDate, stamp: str | None) -> None:
    assert french.rfc3339(date) == stamp

"""years.py: the year of a day and month, from clues in the story and the fetch date only."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest.years import closest_header_year, infer_year, same_day_years, year_window


def test_no_clue_no_year():
    found = infer_year(15, 3, "Le Premier ministre a reçu l'ambassadeur.")
    assert (found.year, found.candidates) == (None, frozenset())


@pytest.mark.parametrize(
    ("story", "year"),
    [
        ("au cours des 25 dernières années depuis l'établissement des relations en 1992", 2017),
        ("le 50e anniversaire de l'établissement des relations diplomatiques (1973-2023)", 2023),
        ("Cette année marque le 30e anniversaire de leurs relations établies en 1995.", 2025),
        ("2022 marque le 60e anniversaire de la fondation des relations diplomatiques.", 2022),
    ],
)
def test_anniversaries_give_the_year(story, year):
    assert infer_year(27, 6, story).year == year


def test_period_and_anniversary_agree():
    story = "pour la période 2016-2018. … au cours des 25 dernières années depuis 1992."
    found = infer_year(27, 6, story)
    assert found.year == 2017
    assert found.reasons == ("25 ans depuis 1992", "période 2016-2018")


def test_a_period_alone_leaves_the_year_open():
    found = infer_year(9, 4, "un plan d'achats pour 2020-2022")
    assert found.year is None
    assert found.candidates == frozenset(range(2019, 2024))  # the period, one year either side


def test_weekday_written_with_the_day_picks_the_year_in_a_period():
    # 14 September was a Wednesday in 2016 only, among 2016-2018.
    found = infer_year(14, 9, "un programme pour la période 2016-2018", weekday="mercredi")
    assert found.year == 2016
    assert "« mercredi » le 14 septembre" in found.reasons


def test_weekday_outside_the_period_looks_one_year_either_side():
    # 5 February 2021 was a Friday; the plan is '2022-2025', adopted the year before.
    found = infer_year(5, 2, "le plan 2022-2025", weekday="vendredi", weekday_attached=True)
    assert found.year == 2021


def test_a_loose_weekday_that_fits_nothing_is_ignored():
    # 27 June 2017 was a Tuesday: 'jeudi' elsewhere in the lead is about another day.
    found = infer_year(27, 6, "25 dernières années depuis 1992", weekday="jeudi")
    assert found.year == 2017
    assert not any("jeudi" in reason for reason in found.reasons)


def test_a_weekday_written_with_the_day_must_fit():
    found = infer_year(27, 6, "25 dernières années depuis 1992", weekday="jeudi", weekday_attached=True)
    assert found.year is None


def test_weekday_without_bound_lists_the_fitting_years():
    found = infer_year(27, 6, "Texte.", weekday="jeudi", weekday_attached=True)
    assert found.year is None
    assert found.reasons == ("le 27 juin est un jeudi en 1991, 1996, 2002, 2013, 2019, 2024, 2030",)


class TestFetchedAt:
    """--fetched-at (or a batch's fetched_at) bounds the year from above, never sets it."""

    def test_weekday_and_fetch_date_prefer_the_latest_fitting_year(self):
        found = infer_year(
            27, 6, "Texte.", weekday="jeudi", weekday_attached=True, not_after=dt.date(2025, 5, 3)
        )
        assert found.year == 2024
        assert found.candidates == frozenset({1991, 1996, 2002, 2013, 2019, 2024})
        assert found.note is not None
        assert "2024 retenue, la plus récente avant la collecte de la page (2025-05-03)" in found.note

    def test_a_day_after_the_fetch_in_the_fetch_year_is_impossible(self):
        # 27 June 2025 is a Friday, but the page was fetched on 3 May 2025.
        found = infer_year(
            27, 6, "Texte.", weekday="vendredi", weekday_attached=True, not_after=dt.date(2025, 5, 3)
        )
        assert found.year == 2014

    def test_the_fetch_date_alone_gives_no_year(self):
        found = infer_year(15, 3, "Texte.", not_after=dt.date(2025, 5, 3))
        assert found.year is None

    def test_the_fetch_date_removes_later_years_of_a_period(self):
        found = infer_year(27, 6, "pour la période 2016-2018", not_after=dt.date(2016, 12, 1))
        assert found.year == 2016

    def test_a_same_day_year_after_the_fetch_is_not_taken(self):
        found = infer_year(6, 7, "signé le 6 juillet 2030", not_after=dt.date(2025, 1, 1))
        assert found.year is None


def test_bounds_from_since_and_by():
    story = "Partenaires depuis 2016, les deux pays veulent doubler leurs échanges d'ici 2030."
    found = infer_year(5, 6, story, weekday="mercredi", weekday_attached=True)
    # 5 June was a Wednesday in 2019, 2024 and 2030: between 2016 and 2030 that is still two.
    assert found.year is None
    assert found.candidates == frozenset({2019, 2024, 2030})


def test_contradicting_strong_clues_are_reported():
    story = "25 dernières années depuis 1992. 2020 marque le 45e anniversaire de la réunification."
    found = infer_year(1, 5, story)
    assert found.year is None
    assert found.note is not None and found.note.startswith("Indices d'année contradictoires")


def test_the_header_wins_over_contradicting_clues():
    found = infer_year(27, 6, "25 dernières années depuis 1992", header="2019-06")
    assert found.year == 2019


@pytest.mark.parametrize(
    ("header", "day", "month", "year"),
    [
        ("2025-05", 3, 5, 2025),
        ("2025-01", 31, 12, 2024),
        ("2024-12-30", 2, 1, 2025),
        ("2024-10", 2, 11, 2024),
        ("2024-02", 29, 2, 2024),
        ("2023-02", 29, 2, 2024),
        ("2025-13", 1, 1, None),
        ("n'importe", 1, 1, None),
        (None, 1, 1, None),
    ],
)
def test_closest_header_year(header, day, month, year):
    assert closest_header_year(header, month, day) == year


def test_same_day_years_in_text_order():
    story = "Le 2 septembre 1945 … le 2 Septembre 2025 … le 2 octobre 2024 … le 2 septembre 2019."
    assert same_day_years(2, 9, story) == [1945, 2025, 2019]


def test_year_window_for_a_story_without_day():
    assert year_window("Le programme de coopération pour 2013-2015.") == (
        ["période 2013-2015"],
        {2013, 2014, 2015},
    )
    assert year_window("Rien.") == ([], set())


@pytest.mark.parametrize(
    "story",
    [
        "les 50 ans de relations diplomatiques célébrés en 2023",
        "le 50e anniversaire de l'établissement des relations, célébré en 2023",
        "le 45e anniversaire de la réunification (1973-2023)",  # a span that is not 45 years
    ],
)
def test_a_celebration_year_is_not_a_start_year(story):
    assert infer_year(19, 9, story).year is None


def test_bounds_alone_are_reasons_not_a_window():
    found = infer_year(3, 2, "viser 25 milliards de dollars d'ici 2025")
    assert (found.year, found.candidates) == (None, frozenset())
    assert found.reasons == ("au plus tard 2026 (« d'ici 2025 »)",)

from __future__ import annotations

import pytest

from generator.content.model import PartialDate, make_pair
from generator.site.relations import YearCount, build_countries, build_pairs
from generator.site.timeline import newest_first

from ..factories import country, make_article


@pytest.mark.parametrize(
    ("one", "other", "home", "expected"),
    [
        ("BY", "VN", "VN", ("VN", "BY")),  # home country first
        ("VN", "BY", "VN", ("VN", "BY")),
        ("FR", "VN", "VN", ("VN", "FR")),
        ("VN", "FR", "FR", ("FR", "VN")),  # the home country is whatever the config says
        ("FR", "BY", "VN", ("BY", "FR")),  # Biélorussie before France
        ("AT", "DE", "VN", ("DE", "AT")),  # Allemagne before Autriche, whatever the codes say
        ("ES", "AE", "VN", ("AE", "ES")),  # Émirats before Espagne: accents do not sort last
    ],
)
def test_pair_order_is_home_first_else_alphabetical_when_made(
    one: str, other: str, home: str, expected: tuple[str, str]
) -> None:
    assert make_pair(country(one), country(other), home).codes == expected
    assert make_pair(country(other), country(one), home).codes == expected


def test_pair_is_named_in_french_when_made() -> None:
    pair = make_pair(country("BY"), country("VN"), "VN")
    assert (pair.slug, pair.name) == ("vietnam-bielorussie", "Vietnam – Biélorussie")


HISTORY = (
    make_article("a2017", "2017-06-27", ("VN", "BY")),
    make_article("b2017", "2017-01", ("VN", "BY")),
    make_article("c2015", "2015", ("BY", "VN")),
    make_article("d-undated", None, ("VN", "BY")),
    make_article("e2016", "2016-05-09", ("VN", "FR")),
)


def test_history_counts_years_and_knows_first_and_latest_when_built() -> None:
    histories = build_pairs(newest_first(HISTORY))
    assert [h.pair.slug for h in histories] == ["vietnam-bielorussie", "vietnam-france"]
    history = histories[0]
    assert [a.slug for a in history.articles] == ["a2017", "b2017", "c2015", "d-undated"]
    assert history.count == 4
    assert history.years == (YearCount(2015, 1), YearCount(2017, 2), YearCount(None, 1))
    assert history.first == PartialDate(2015)
    assert history.latest == PartialDate(2017, 6, 27)


def test_history_dates_are_unknown_when_every_article_is_undated() -> None:
    (history,) = build_pairs((make_article("x", None, ("VN", "BY")), make_article("y", None, ("VN", "BY"))))
    assert history.first == PartialDate()
    assert history.latest == PartialDate()
    assert history.years == (YearCount(None, 2),)


def test_pairs_are_ordered_by_french_name_when_built() -> None:
    articles = (
        make_article("a", "2017", ("VN", "FR")),
        make_article("b", "2017", ("VN", "DE")),
        make_article("c", "2017", ("VN", "BY")),
        make_article("d", "2017", ("FR", "DE")),
    )
    names = [h.pair.name for h in build_pairs(articles)]
    assert names == ["Allemagne – France", "Vietnam – Allemagne", "Vietnam – Biélorussie", "Vietnam – France"]


def test_countries_are_ordered_by_french_name_with_their_pairs_when_built() -> None:
    ordered = newest_first(HISTORY)
    pairs = build_pairs(ordered)
    entries = build_countries(ordered, pairs)
    assert [e.country.name for e in entries] == ["Biélorussie", "France", "Vietnam"]
    vietnam = entries[2]
    assert vietnam.count == 5
    assert [h.pair.slug for h in vietnam.pairs] == ["vietnam-bielorussie", "vietnam-france"]
    assert [h.pair.slug for h in entries[1].pairs] == ["vietnam-france"]

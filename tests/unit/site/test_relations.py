from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from generator.content.model import PartialDate, make_pair
from generator.site.model import build_model
from generator.site.relations import YearCount, build_countries, build_pairs, build_related
from generator.site.timeline import newest_first

from ..factories import REPO, country, make_article
from ..texts import OTHER_STORIES, RICE_RETOLD, RICE_STORY, STOCK_PARAGRAPH


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


RELATED = (
    make_article("pair-2017", "2017-06-27", ("VN", "BY")),
    make_article("pair-2016", "2016-06-27", ("VN", "BY")),
    make_article("pair-2010", "2010-06-27", ("VN", "BY")),
    make_article("country-2017", "2017-06-20", ("VN", "FR")),
    make_article("country-2017b", "2017-06-20", ("BY", "DE")),
    make_article("unrelated", "2017-06-27", ("FR", "DE")),
)


def related_slugs(articles: tuple, limit: int) -> dict[str, list[str]]:
    model = build_model(articles, limit)
    return {slug: [a.slug for a in others] for slug, others in model.related.items()}


def test_same_relation_comes_before_same_country_when_ranking_related() -> None:
    related = related_slugs(RELATED, 5)
    # same pair first (nearest in time first), then one shared country (date ties -> slug)
    assert related["pair-2017"] == ["pair-2016", "pair-2010", "country-2017", "country-2017b"]
    assert "unrelated" not in related["pair-2017"]


def test_related_never_lists_the_article_itself_when_ranking() -> None:
    for slug, others in related_slugs(RELATED, 5).items():
        assert slug not in others
        assert len(others) == len(set(others))


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_related_is_capped_when_more_candidates_exist(limit: int) -> None:
    related = related_slugs(RELATED, limit)
    assert all(len(others) <= limit for others in related.values())
    assert related["pair-2017"] == ["pair-2016", "pair-2010", "country-2017"][:limit]


def test_related_is_deterministic_when_input_order_changes() -> None:
    expected = related_slugs(RELATED, 3)
    for seed in range(5):
        articles = list(RELATED)
        random.Random(seed).shuffle(articles)
        assert related_slugs(tuple(articles), 3) == expected


def test_related_ties_break_on_slug_when_scores_and_dates_are_equal() -> None:
    articles = (
        make_article("main", "2017-06-27", ("VN", "BY")),
        make_article("zeta", "2017-06-27", ("VN", "BY")),
        make_article("alpha", "2017-06-27", ("VN", "BY")),
        make_article("mid", "2017-06-27", ("VN", "BY")),
    )
    ordered = newest_first(articles)
    pairs = build_pairs(ordered)
    related = build_related(ordered, pairs, build_countries(ordered, pairs), 2)
    assert [a.slug for a in related["main"]] == ["alpha", "mid"]


def test_related_is_empty_when_an_article_shares_nothing() -> None:
    related = related_slugs((make_article("alone", "2017"), make_article("other", "2017", ("VN", "BY"))), 5)
    assert related == {"alone": [], "other": []}


def test_sharing_a_person_outranks_sharing_a_country_when_ranking_related() -> None:
    from dataclasses import replace

    from generator.content.model import Person

    lukashenko = (Person("Alexander Lukashenko", "président", country("BY")),)
    articles = (
        make_article("visite", "2017-06-27", ("VN", "BY"), people=lukashenko),
        make_article("meme-pays", "2017-06-26", ("VN", "LA")),
        replace(make_article("meme-personne", "2010-01-01", ("RU", "FR")), people=lukashenko),
    )
    assert related_slugs(articles, 1)["visite"] == ["meme-personne"]


def test_a_shared_tag_links_articles_that_share_nothing_else() -> None:
    from dataclasses import replace

    articles = (
        replace(make_article("riz-a", "2019-01-01", ("JP", "KR")), tags=("riziculture",)),
        replace(make_article("riz-b", "2012-01-01", ("FR", "DE")), tags=("riziculture",)),
        replace(make_article("autre", "2019-01-02", ("BR", "AR")), tags=("football",)),
    )
    related = related_slugs(articles, 5)
    assert related["riz-a"] == ["riz-b"] and related["riz-b"] == ["riz-a"]
    assert "autre" not in related["riz-a"]


def test_a_retelling_comes_first_when_it_shares_only_a_country() -> None:
    articles = (
        make_article("riz-dakar", "2019-03-04", ("VN", "SN"), body=RICE_STORY),
        make_article("riz-saint-louis", "2012-05-06", ("SN", "MA"), body=RICE_RETOLD),
        make_article("laques", "2019-03-04", ("VN", "JP"), body=OTHER_STORIES[0]),
        make_article("vaccins", "2019-03-05", ("VN", "LA"), body=OTHER_STORIES[2]),
    )
    related = related_slugs(articles, 3)
    # the three share one country with riz-dakar; only the text puts the far one first
    assert related["riz-dakar"] == ["riz-saint-louis", "laques", "vaccins"]
    assert related["riz-saint-louis"] == ["riz-dakar"]


def test_a_stock_paragraph_under_every_story_changes_no_related_list() -> None:
    countries = (
        ("VN", "SN"),
        ("SN", "MA"),
        ("VN", "JP"),
        ("NL", "VN"),
        ("LA", "VN"),
        ("AU", "GB"),
        ("AR", "BR"),
    )
    dates = ("2012-01-01", "2005-01-01", "2012-01-02", "2012-01-03", "2012-01-04", "2012-01-05", "2012-01-06")
    texts = (RICE_STORY, RICE_RETOLD, *OTHER_STORIES)

    def site(ending: str) -> tuple:
        return tuple(
            make_article(f"recit-{n}", when, pair, body=text + ending)
            for n, (pair, when, text) in enumerate(zip(countries, dates, texts, strict=True))
        )

    plain = related_slugs(site(""), 3)
    assert related_slugs(site(STOCK_PARAGRAPH), 3) == plain
    # the retelling still comes first, before nearer articles sharing Vietnam
    assert plain["recit-0"] == ["recit-1", "recit-2", "recit-3"]
    assert plain["recit-5"] == [] and plain["recit-6"] == []


def test_related_choice_is_made_again_when_a_body_now_retells_another() -> None:
    before = (
        make_article("riz", "2019-03-04", ("VN", "SN"), body=RICE_STORY),
        make_article("laques", "2019-03-04", ("VN", "JP"), body=OTHER_STORIES[0]),
        make_article("argentine", "2010-01-01", ("AR", "BR"), body=OTHER_STORIES[4]),
    )
    assert related_slugs(before, 3)["argentine"] == []
    after = (*before[:2], make_article("argentine", "2010-01-01", ("AR", "BR"), body=RICE_RETOLD))
    assert related_slugs(after, 3)["argentine"] == ["riz"]
    assert related_slugs(before, 3)["argentine"] == []


def test_related_is_the_same_when_processes_salt_their_hashes_differently() -> None:
    script = (
        "from tests.unit.site.test_relations import related_slugs, TEXT_SITE; "
        "print(sorted(related_slugs(TEXT_SITE, 3).items()))"
    )
    printed = set()
    for seed in ("3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=REPO, env=env
        )
        printed.add(result.stdout.strip())
    assert printed == {str(sorted(related_slugs(TEXT_SITE, 3).items()))}


#: Stories with and without a retelling, a stock paragraph under some, countries in common.
TEXT_SITE = tuple(
    make_article(f"texte-{n}", f"20{10 + n % 4}-0{1 + n % 3}-01", pair, body=text + STOCK_PARAGRAPH * (n % 2))
    for n, (pair, text) in enumerate(
        zip(
            (
                ("VN", "SN"),
                ("SN", "MA"),
                ("VN", "JP"),
                ("NL", "VN"),
                ("LA", "VN"),
                ("AU", "VN"),
                ("AR", "VN"),
            ),
            (RICE_STORY, RICE_RETOLD, *OTHER_STORIES),
            strict=True,
        )
    )
)

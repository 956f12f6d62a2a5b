"""Related articles (site/related.py): what each kind of thing shared is worth, text
similarity, determinism, and scoring again after an edit equal to scoring from scratch."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from generator.site.model import build_model
from generator.site.related import build_related
from generator.site.relations import build_countries, build_pairs
from generator.site.timeline import newest_first

from ..factories import REPO, country, make_article
from ..texts import OTHER_STORIES, RICE_RETOLD, RICE_STORY, STOCK_PARAGRAPH

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


def test_related_articles_are_the_model_articles_of_the_chosen_slugs_when_read() -> None:
    model = build_model(RELATED, 3)
    by_slug = {article.slug: article for article in model.articles}
    chosen = model.related
    assert len(chosen) == len(RELATED) and set(chosen) == set(by_slug)
    for slug, others in chosen.items():
        assert all(other is by_slug[other.slug] for other in others)
        assert tuple(other.slug for other in others) == chosen.slugs[slug]  # type: ignore[attr-defined]
        assert chosen[slug] is others  # made once
    assert chosen == {slug: tuple(others) for slug, others in chosen.items()}
    assert chosen.get("absent", ()) == ()
    with pytest.raises(KeyError):
        chosen["absent"]


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
        "from tests.unit.site.test_related import related_slugs, TEXT_SITE; "
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


# -- scoring again after an edit --------------------------------------------------------------

WORDS = (
    "accord",
    "coopération",
    "commerce",
    "riz",
    "café",
    "port",
    "vaccin",
    "école",
    "pont",
    "rail",
    "énergie",
    "forêt",
    "pêche",
    "textile",
    "bourse",
    "culture",
    "visite",
    "traité",
    "frontière",
    "douane",
)
CODES = ("VN", "LA", "KH", "JP", "FR", "SN", "BY", "CU")


def _random_site(rng: random.Random, size: int, sentences: list[str]) -> tuple:
    """Articles whose bodies draw sentences from a small shared pool, so that buckets of
    every size occur: pairs, crowds over the bucket cap, and crowds right at it."""
    articles = []
    for n in range(size):
        pair = tuple(rng.sample(CODES, 2))
        when = f"20{10 + rng.randrange(6)}-0{1 + rng.randrange(9)}-1{rng.randrange(10)}"
        articles.append(make_article(f"a-{n:03d}", when, pair, body=" ".join(rng.sample(sentences, 4))))
    return tuple(articles)


def _choices(articles: tuple, limit: int, edit=None) -> dict[str, tuple[str, ...]]:
    ordered = newest_first(articles)
    pairs = build_pairs(ordered)
    related = build_related(ordered, pairs, build_countries(ordered, pairs), limit, (), edit)
    return {slug: tuple(other.slug for other in others) for slug, others in related.items()}


@pytest.mark.parametrize("seed", range(12))
def test_scoring_again_after_body_edits_gives_the_choice_scored_from_scratch(seed: int) -> None:
    from generator.site.edits import Edit

    rng = random.Random(seed)
    sentences = [" ".join(rng.choices(WORDS, k=9)) + "." for _ in range(14)]
    site = list(_random_site(rng, 40 + seed * 3, sentences))
    limit = 3
    chosen = _choices(tuple(site), limit)
    for _ in range(6):  # a walk of edits, each scored again from the last choice
        edited = rng.sample(range(len(site)), rng.choice((1, 1, 2, 5)))
        old = {site[i].slug: site[i].sketch for i in edited}
        for i in edited:
            body = " ".join(rng.sample(sentences, rng.choice((1, 4, 7)))) if rng.random() < 0.8 else "Bref."
            article = site[i]
            site[i] = make_article(
                article.slug, article.date.iso, tuple(c.code for c in article.countries), body=body
            )
        again = _choices(tuple(site), limit, Edit("derniere", chosen, old))
        chosen = _choices(tuple(site), limit)
        assert again == chosen

from __future__ import annotations

import random

from generator.content.aliases import PeopleAliases, parse_people_aliases
from generator.content.model import Person
from generator.site.model import build_model
from generator.site.people import build_people
from generator.site.plan import check_plan, plan_pages

from ..factories import country, make_article

ALIASES = parse_people_aliases(
    "Alexander Lukashenko: [Loukachenko, Alexandre Loukachenko]\n"
    "Tran Dai Quang: [Trân Dai Quang, Trần Đại Quang]\n"
)


def person(name: str, role: str | None = None, code: str | None = None) -> Person:
    return Person(name, role, country(code) if code else None)


def names(people) -> list[str]:
    return [entry.name for entry in people.entries]


def test_spellings_are_merged_when_the_alias_list_names_them() -> None:
    articles = (
        make_article(
            "a", "2016-09-14", ("VN", "BY"), people=(person("Alexandre Loukachenko", "président", "BY"),)
        ),
        make_article(
            "b", "2018-01-01", ("VN", "BY"), people=(person("Alexander Lukashenko", "président", "BY"),)
        ),
        make_article("c", "2015", ("VN", "BY"), people=(person("Loukachenko"),)),
    )
    (entry,) = build_people(articles, ALIASES).entries
    assert entry.name == "Alexander Lukashenko"
    assert entry.slug == "alexander-lukashenko"
    assert [a.slug for a in entry.articles] == ["b", "a", "c"]  # newest first
    assert entry.spellings == ("Alexandre Loukachenko", "Loukachenko")  # the canonical one is not repeated
    assert entry.roles == ("président",)
    assert entry.countries == (country("BY"),)


def test_spellings_stay_apart_when_the_alias_list_does_not_name_them() -> None:
    articles = (
        make_article("a", "2017", people=(person("Tran Dai Quang"),)),
        make_article("b", "2017", people=(person("tran dai quang"),)),  # case: not guessed
        make_article("c", "2017", people=(person("Tran Đai Quang"),)),  # one accent: not guessed
        make_article("d", "2017", people=(person("Trần Đại Quang"),)),  # listed: merged
    )
    people = build_people(articles, ALIASES)
    assert sorted(names(people)) == ["Tran Dai Quang", "Tran Đai Quang", "tran dai quang"]
    merged = next(entry for entry in people.entries if entry.name == "Tran Dai Quang")
    assert [a.slug for a in merged.articles] == ["a", "d"]


def test_spaces_and_unicode_forms_are_not_differences_when_grouping() -> None:
    articles = (
        make_article("a", "2017", people=(person("Nguyen  Van A"),)),
        make_article("b", "2018", people=(person(" Nguyen Van A "),)),
        make_article("c", "2019", people=(person("Nguye\u0302\u0303n Van A"),)),  # NFD
        make_article("d", "2019", people=(person("Nguyễn Van A"),)),  # NFC
    )
    people = build_people(articles, PeopleAliases())
    assert names(people) == ["Nguyen Van A", "Nguyễn Van A"]
    assert [[a.slug for a in entry.articles] for entry in people.entries] == [["b", "a"], ["c", "d"]]


def test_article_counts_once_when_it_names_a_person_twice() -> None:
    article = make_article(
        "a", "2017", people=(person("Loukachenko"), person("Alexander Lukashenko", "président"))
    )
    (entry,) = build_people((article,), ALIASES).entries
    assert [a.slug for a in entry.articles] == ["a"]
    assert entry.count == 1


def test_roles_and_countries_are_distinct_and_newest_first_when_they_change() -> None:
    articles = (
        make_article("a", "2010", people=(person("Ana Exemple", "ministre", "FR"),)),
        make_article("b", "2020", people=(person("Ana Exemple", "présidente", "FR"),)),
        make_article("c", "2015", people=(person("Ana Exemple", "ministre", "BE"),)),
        make_article("d", "2016", people=(person("Ana Exemple"),)),
    )
    (entry,) = build_people(articles, PeopleAliases()).entries
    assert entry.roles == ("présidente", "ministre")
    assert entry.countries == (country("FR"), country("BE"))


def test_entry_is_found_for_every_person_an_article_names() -> None:
    article = make_article("a", "2017", people=(person("Trân  Dai Quang"), person("Somsak Exemplaire")))
    people = build_people((article,), ALIASES)
    assert [people.entry_of(p).name for p in article.people] == ["Tran Dai Quang", "Somsak Exemplaire"]


def test_slugs_are_unique_and_stable_when_two_names_make_the_same_slug() -> None:
    articles = [
        make_article("a", "2017", people=(person("Lê Văn A"),)),
        make_article("b", "2018", people=(person("Le Van A"),)),
        make_article("c", "2019", people=(person("Le Van A 2"),)),  # its own slug is 'le-van-a-2'
        make_article("d", "2020", people=(person("LE VAN A"),)),
    ]
    expected = [
        ("le-van-a", "LE VAN A"),  # names in code-point order: capitals first
        ("le-van-a-2", "Le Van A"),
        ("le-van-a-3", "Lê Văn A"),
        ("le-van-a-2-2", "Le Van A 2"),
    ]
    for seed in range(5):
        random.Random(seed).shuffle(articles)
        people = build_people(articles, PeopleAliases())
        assert sorted((entry.slug, entry.name) for entry in people.entries) == sorted(expected)
        assert len({entry.slug for entry in people.entries}) == 4


def test_index_is_in_accent_insensitive_name_order() -> None:
    articles = tuple(
        make_article(f"a{n}", "2017", people=(person(name),))
        for n, name in enumerate(["Émile Zed", "Zoé Alpha", "Eric Beta", "Ana Gamma"])
    )
    assert names(build_people(articles, PeopleAliases())) == [
        "Ana Gamma",
        "Émile Zed",
        "Eric Beta",
        "Zoé Alpha",
    ]


# -- the pages ------------------------------------------------------------------------------

SITE = (
    make_article("a", "2019-03-20", ("VN", "BY"), people=(person("Loukachenko", None, "BY"),)),
    make_article(
        "b", "2018-01-01", ("VN", "BY"), people=(person("Alexander Lukashenko", "président", "BY"),)
    ),
    make_article(
        "c", "2016-09", ("VN", "BY"), people=(person("Alexandre Loukachenko"), person("Ivan Fictif"))
    ),
    make_article("d", None, ("VN", "FR"), people=(person("Claire Hypothèse"), person("Lê Văn A"))),
    make_article("e", "2017", ("VN", "FR"), people=(person("Le Van A"),)),
)


def test_people_pages_are_planned_and_paginated_when_articles_name_people() -> None:
    specs = plan_pages(build_model(SITE, 5, ALIASES), per_page=2)
    assert [spec.url for spec in specs if spec.kind == "people"] == [
        "/personnalites/",
        "/personnalites/page/2/",
        "/personnalites/page/3/",
    ]
    assert [spec.url for spec in specs if spec.kind == "person"] == [
        "/personnalites/alexander-lukashenko/",
        "/personnalites/alexander-lukashenko/page/2/",
        "/personnalites/claire-hypothese/",
        "/personnalites/ivan-fictif/",
        "/personnalites/le-van-a/",
        "/personnalites/le-van-a-2/",
    ]
    index = [spec for spec in specs if spec.kind == "people"]
    assert [[entry.name for entry in spec.page.items] for spec in index if spec.page] == [
        ["Alexander Lukashenko", "Claire Hypothèse"],
        ["Ivan Fictif", "Le Van A"],
        ["Lê Văn A"],
    ]
    person_pages = [spec for spec in specs if spec.kind == "person" and "lukashenko" in spec.url]
    assert [[a.slug for a in spec.page.items] for spec in person_pages if spec.page] == [["a", "b"], ["c"]]
    assert all(spec.in_sitemap for spec in specs if spec.kind in ("people", "person"))
    assert check_plan(specs) == []


def test_people_index_is_one_empty_page_when_nobody_is_named() -> None:
    specs = plan_pages(build_model((make_article("a", "2017", ("VN", "BY")),), 5, ALIASES), per_page=20)
    assert [spec.url for spec in specs if spec.kind in ("people", "person")] == ["/personnalites/"]


def test_model_uses_the_shipped_alias_list_when_given_none() -> None:
    model = build_model(SITE, 5)
    assert "Alexander Lukashenko" in names(model.people)
    assert "Loukachenko" not in names(model.people)

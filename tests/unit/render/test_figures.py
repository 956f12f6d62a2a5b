"""Model -> chart figures (generator/render/figures.py): what each chart and table holds."""

from __future__ import annotations

import dataclasses

import pytest

from generator.content.model import Article
from generator.render import figures
from generator.site.relations import build_pairs
from generator.site.timeline import build_timeline

from ..factories import make_article


def href(url: str) -> str:
    return "/repo" + url


def tagged(article: Article, *tags: str) -> Article:
    return dataclasses.replace(article, tags=tags)


def table_rows(figure: dict) -> list[tuple[str, str | None, list[str]]]:
    return [(row["header"]["text"], row["header"]["url"], row["cells"]) for row in figure["table"]["rows"]]


@pytest.mark.parametrize(
    ("tag", "visit"),
    [("visite", True), ("visite officielle", True), ("Visite d'État", True), ("visites", True)],
)
def test_tag_names_a_visit_when_its_first_word_is_visite(tag: str, visit: bool) -> None:
    assert figures.is_visit(tag) is visit


@pytest.mark.parametrize("tag", ["commerce", "revisite", "", "accord de visite"])
def test_tag_is_no_visit_when_visite_is_not_its_first_word(tag: str) -> None:
    assert not figures.is_visit(tag)


def test_pair_history_counts_every_year_from_first_to_last_when_years_are_missing() -> None:
    (history,) = build_pairs(
        [
            make_article("a", "2015-03", ("VN", "BY")),
            make_article("b", "2015-05-02", ("VN", "BY")),
            make_article("c", "2018", ("VN", "BY")),
            make_article("d", None, ("VN", "BY")),
        ]
    )
    figure = figures.pair_history(history, href)
    assert table_rows(figure) == [
        ("2015", "/repo/chronologie/2015/", ["2"]),
        ("2016", None, ["0"]),  # no article, so no link (the year may have no page)
        ("2017", None, ["0"]),
        ("2018", "/repo/chronologie/2018/", ["1"]),
        ("Sans date", None, ["1"]),
    ]
    assert figure["table"]["columns"] == ["Année", "Articles"]
    chart = figure["chart"]
    assert [(c.label, c.value, c.part) for c in chart.columns] == [
        ("2015", 2, 0),
        ("2016", 0, 0),
        ("2017", 0, 0),
        ("2018", 1, 0),
        ("s. d.", 1, 0),
    ]
    assert chart.columns[0].tooltip == "2015 : 2 articles"
    assert not figure["legend"]


def test_pair_history_counts_visits_apart_when_tags_mark_them() -> None:
    (history,) = build_pairs(
        [
            tagged(make_article("a", "2019-03-01", ("VN", "FR")), "visite officielle", "commerce"),
            make_article("b", "2019-04-01", ("VN", "FR")),
            tagged(make_article("c", "2020", ("VN", "FR")), "visite"),
        ]
    )
    figure = figures.pair_history(history, href)
    assert figure["table"]["columns"] == ["Année", "Articles", "Visites"]
    assert [row[2] for row in table_rows(figure)] == [["2", "1"], ["1", "1"]]
    assert [(c.value, c.part) for c in figure["chart"].columns] == [(2, 1), (1, 1)]
    assert figure["chart"].columns[0].tooltip == "2019 : 2 articles, dont 1 visite"
    assert figure["legend"]


def test_pair_history_keeps_only_the_table_when_the_chart_is_not_wanted() -> None:
    (history,) = build_pairs([make_article("a", "2019", ("VN", "FR"))])
    figure = figures.pair_history(history, href, chart=False)
    assert figure["chart"] is None
    assert table_rows(figure) == [("2019", "/repo/chronologie/2019/", ["1"])]


def test_undated_relation_gets_one_column_when_no_article_has_a_date() -> None:
    (history,) = build_pairs([make_article("a", None, ("VN", "FR"))])
    figure = figures.pair_history(history, href)
    assert [c.label for c in figure["chart"].columns] == ["s. d."]


def test_partners_are_the_home_country_relations_most_articles_first_when_charted() -> None:
    articles = [
        make_article("fr1", "2019", ("VN", "FR")),
        make_article("fr2", "2020", ("VN", "FR")),
        make_article("jp", "2020", ("VN", "JP")),
        make_article("by", "2020", ("BY", "VN")),
        make_article("de", "2021", ("FR", "DE")),  # not a partner of the home country
    ]
    figure = figures.partners(build_pairs(articles), "VN", href)
    assert figure is not None
    assert table_rows(figure) == [
        ("France", "/repo/relations/vietnam-france/", ["2"]),
        ("Biélorussie", "/repo/relations/vietnam-bielorussie/", ["1"]),  # ties by name
        ("Japon", "/repo/relations/vietnam-japon/", ["1"]),
    ]
    assert [(bar.label, bar.value) for bar in figure["chart"].bars] == [
        ("France", 2),
        ("Biélorussie", 1),
        ("Japon", 1),
    ]
    assert figure["title"] == "Articles par pays partenaire (Vietnam)"
    assert figure["notes"] == [] and figure["table"]["collapsed"]


def test_partners_are_cut_to_the_limit_with_a_note_when_there_are_more() -> None:
    codes = ["FR", "JP", "BY", "LA", "KH", "DE", "US", "CN", "RU", "IN", "TH", "KR", "AU", "CA", "IT", "ES"]
    articles = [
        make_article(f"a{index}-{n}", "2020", ("VN", code))
        for index, code in enumerate(codes)
        for n in range(len(codes) - index)
    ]
    figure = figures.partners(build_pairs(articles), "VN", href)
    assert figure is not None
    assert len(figure["chart"].bars) == len(figure["table"]["rows"]) == figures.PARTNER_LIMIT
    assert figure["chart"].bars[0].value == len(codes)
    assert figure["notes"] == [f"Les {figures.PARTNER_LIMIT} partenaires les plus cités, sur {len(codes)}."]


def test_no_partner_chart_when_the_home_country_has_no_relation() -> None:
    assert figures.partners(build_pairs([make_article("de", "2021", ("FR", "DE"))]), "VN", href) is None


def test_timeline_has_a_row_per_year_and_an_unknown_month_column_when_needed() -> None:
    timeline = build_timeline(
        [
            make_article("a", "2021-03-02", ("VN", "FR")),
            make_article("b", "2021-03-20", ("VN", "FR")),
            make_article("c", "2019", ("VN", "FR")),
            make_article("d", None, ("VN", "FR")),
        ]
    )
    figure = figures.timeline(timeline, href)
    assert figure is not None
    assert figure["table"]["columns"][1:3] == ["janv.", "févr."]
    assert figure["table"]["columns"][-2:] == ["Mois inconnu", "Total"]
    assert [(row[0], row[1]) for row in table_rows(figure)] == [
        ("2021", "/repo/chronologie/2021/"),
        ("2020", None),  # a year without articles is an empty row
        ("2019", "/repo/chronologie/2019/"),
    ]
    assert table_rows(figure)[0][2] == ["0", "0", "2", *["0"] * 10, "2"]
    assert table_rows(figure)[2][2] == [*["0"] * 12, "1", "1"]
    strip = figure["chart"]
    assert [header.label for header in strip.headers][-1] == "?"
    march = strip.rows[0].cells[2]
    assert (march.value, march.level, march.tooltip) == (2, 4, "mars 2021 : 2 articles")
    assert strip.rows[2].cells[12].tooltip == "2019, mois inconnu : 1 article"
    assert figure["notes"] == ["? : mois inconnu.", "Les articles sans date n'y figurent pas."]


def test_timeline_has_twelve_columns_when_every_month_is_known() -> None:
    figure = figures.timeline(build_timeline([make_article("a", "2021-03-02", ("VN", "FR"))]), href)
    assert figure is not None
    assert len(figure["chart"].headers) == 12
    assert figure["table"]["columns"][-2:] == ["déc.", "Total"]
    assert figure["notes"] == []


def test_no_timeline_chart_when_no_article_is_dated() -> None:
    assert figures.timeline(build_timeline([make_article("a", None, ("VN", "FR"))]), href) is None

from __future__ import annotations

import pytest

from generator.site.news import MAX_ENTRIES, news_articles, news_language

from ..factories import make_article


def slugs(articles) -> list[str]:
    return [article.slug for article in articles]


def test_window_is_the_newest_full_date_and_the_day_before() -> None:
    articles = (
        make_article("older", "2023-07-07"),
        make_article("day-before", "2023-07-08"),
        make_article("newest", "2023-07-09"),
        make_article("same-day", "2023-07-09"),
    )
    assert slugs(news_articles(articles)) == ["newest", "same-day", "day-before"]


def test_partial_and_missing_dates_are_left_out_even_when_newer() -> None:
    articles = (
        make_article("month-only", "2023-08"),
        make_article("year-only", "2024"),
        make_article("undated", None),
        make_article("dated", "2023-07-09"),
    )
    assert slugs(news_articles(articles)) == ["dated"]


def test_window_crosses_month_and_year_ends() -> None:
    articles = (
        make_article("new-year", "2024-01-01"),
        make_article("eve", "2023-12-31"),
        make_article("before", "2023-12-30"),
        make_article("leap", "2024-03-01"),
        make_article("leap-day", "2024-02-29"),
    )
    assert slugs(news_articles(articles[:3])) == ["new-year", "eve"]
    assert slugs(news_articles(articles)) == ["leap", "leap-day"]


def test_sitemap_is_empty_when_no_article_has_a_full_date() -> None:
    assert news_articles((make_article("a", "2017-06"), make_article("b", None))) == ()
    assert news_articles(()) == ()


def test_entries_are_capped_at_googles_limit() -> None:
    articles = tuple(make_article(f"a{n:04d}", "2023-07-09") for n in range(MAX_ENTRIES + 5))
    chosen = news_articles(articles)
    assert len(chosen) == MAX_ENTRIES == 1000
    assert slugs(chosen) == sorted(slugs(chosen))  # same day: by slug, stable


@pytest.mark.parametrize(
    ("language", "code"),
    [("fr", "fr"), ("fr-FR", "fr"), ("FR", "fr"), ("zh-CN", "zh-cn"), ("zh_TW", "zh-tw"), ("vi", "vi")],
)
def test_language_is_an_iso_639_code_for_google_news(language: str, code: str) -> None:
    assert news_language(language) == code

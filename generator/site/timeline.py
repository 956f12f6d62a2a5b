"""Articles -> years -> months, newest first, with undated articles kept apart (never dropped)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from operator import attrgetter

from generator.content.model import Article


@dataclass(frozen=True, slots=True)
class MonthGroup:
    year: int
    month: int | None  #: None holds the year's articles whose month is unknown.
    articles: tuple[Article, ...]  #: newest first.


@dataclass(frozen=True, slots=True)
class YearGroup:
    year: int
    months: tuple[MonthGroup, ...]  #: January first; the unknown month last.

    @property
    def count(self) -> int:
        return sum(len(month.articles) for month in self.months)


@dataclass(frozen=True, slots=True)
class Timeline:
    years: tuple[YearGroup, ...]  #: newest first.
    undated: tuple[Article, ...]  #: articles whose year is unknown.

    @property
    def months(self) -> tuple[MonthGroup, ...]:
        return tuple(month for year in self.years for month in year.months)


def newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    """The site's one article order: newest first, then by slug for a stable tie-break."""
    return tuple(sorted(articles, key=_NEWEST_FIRST))


_NEWEST_FIRST = attrgetter("newest_first_key")


def build_timeline(articles: Iterable[Article]) -> Timeline:
    """Group articles by year and month in one pass over the sorted list (O(n log n))."""
    by_year: dict[int, dict[int | None, list[Article]]] = {}
    undated: list[Article] = []
    for article in newest_first(articles):
        if article.date.year is None:
            undated.append(article)
            continue
        by_year.setdefault(article.date.year, {}).setdefault(article.date.month, []).append(article)
    years = tuple(
        YearGroup(
            year,
            tuple(
                MonthGroup(year, month, tuple(months[month]))
                for month in sorted(months, key=lambda month: (month is None, month or 0))
            ),
        )
        for year, months in sorted(by_year.items(), reverse=True)
    )
    return Timeline(years, tuple(undated))

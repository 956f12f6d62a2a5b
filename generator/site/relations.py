"""Articles -> country pairs with their history, and countries.

Everything is a grouping over the date-sorted article list, so the stage stays O(n log n).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.model import Article, Country, CountryPair, PartialDate
from generator.site.timeline import newest_first


@dataclass(frozen=True, slots=True)
class YearCount:
    year: int | None  #: None counts the undated articles.
    count: int


@dataclass(frozen=True, slots=True)
class PairHistory:
    """One bilateral relation as the archive tells it."""

    pair: CountryPair
    articles: tuple[Article, ...]  #: newest first.
    years: tuple[YearCount, ...]  #: oldest year first; undated last.
    first: PartialDate  #: earliest known date (unknown when every article is undated).
    latest: PartialDate

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass(frozen=True, slots=True)
class CountryEntry:
    country: Country
    articles: tuple[Article, ...]  #: newest first.
    pairs: tuple[PairHistory, ...]  #: the relations it takes part in, by French name.

    @property
    def count(self) -> int:
        return len(self.articles)


def build_pairs(articles: Iterable[Article]) -> tuple[PairHistory, ...]:
    """Every pair named by an article, ordered by the French name of the pair."""
    groups: dict[str, list[Article]] = {}
    pairs: dict[str, CountryPair] = {}
    for article in articles:
        for pair in article.pairs:
            groups.setdefault(pair.slug, []).append(article)
            pairs[pair.slug] = pair
    return tuple(_history(pairs[slug], group) for slug, group in sorted(groups.items()))


def _history(pair: CountryPair, group: list[Article]) -> PairHistory:
    ordered = newest_first(group)
    dated = [article.date for article in ordered if article.date.known]
    counts: dict[int | None, int] = {}
    for article in ordered:
        counts[article.date.year] = counts.get(article.date.year, 0) + 1
    years = tuple(YearCount(year, counts[year]) for year in sorted(counts, key=lambda y: (y is None, y or 0)))
    first = min(dated, key=lambda date: date.sort_key) if dated else PartialDate()
    latest = max(dated, key=lambda date: date.sort_key) if dated else PartialDate()
    return PairHistory(pair, ordered, years, first, latest)


def build_countries(articles: Iterable[Article], pairs: tuple[PairHistory, ...]) -> tuple[CountryEntry, ...]:
    """Every country named by an article, by French name, with its relations."""
    groups: dict[str, list[Article]] = {}
    known: dict[str, Country] = {}
    for article in articles:
        for country in article.countries:
            groups.setdefault(country.code, []).append(article)
            known[country.code] = country
    pairs_of: dict[str, list[PairHistory]] = {}
    for history in pairs:
        for code in history.pair.codes:
            pairs_of.setdefault(code, []).append(history)
    entries = (
        CountryEntry(known[code], newest_first(group), tuple(pairs_of.get(code, ())))
        for code, group in groups.items()
    )
    return tuple(sorted(entries, key=lambda entry: (entry.country.slug, entry.country.code)))

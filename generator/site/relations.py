"""Articles -> country pairs with their history, countries, and related articles.

Everything is a grouping over the date-sorted article list, so the whole stage stays
O(n log n): related articles come from a fixed window of date neighbours inside each
group an article belongs to, and from the few articles sharing a rare shingle of its
body, never from comparing every article with every other.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.model import Article, Country, CountryPair, PartialDate
from generator.site.similarity import bucket_cap, text_similarities
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


def build_related(
    articles: tuple[Article, ...],
    pairs: tuple[PairHistory, ...],
    countries: tuple[CountryEntry, ...],
    limit: int,
    people: Iterable[tuple[Article, ...]] = (),
) -> dict[str, tuple[Article, ...]]:
    """Up to ``limit`` related articles per slug, scored by what they share: the wording of
    their bodies (estimated from sketches, see site/similarity.py), a person (``people``:
    each person's articles, newest first), a relation, a tag (a lemmatised keyword), a
    country; then nearest in time. Each group only links an article to its ``limit`` date
    neighbours on either side, and text is only compared within small buckets of articles
    sharing a shingle, so the whole choice stays O(n log n) however large a group is.
    Deterministic: ties break on date distance, then slug.

    The choice depends only on each article's slug, date, relations, countries, people,
    tags and body sketch, so a process that builds again (the dev server) reuses the last
    choice when none of those changed: editing a title does not recompute it.
    """
    people = tuple(people)
    signature = hash(
        (
            limit,
            tuple((a.slug, a.date.sort_key, a.pairs, a.countries, a.tags, a.sketch) for a in articles),
            tuple(tuple(article.slug for article in group) for group in people),
        )
    )
    chosen = _LAST_RELATED.get(signature)
    if chosen is None:
        groups = (
            (people, WEIGHTS["person"]),
            ((h.articles for h in pairs), WEIGHTS["relation"]),
            (_by_tag(articles), WEIGHTS["tag"]),
            ((c.articles for c in countries), WEIGHTS["country"]),
        )
        scores = _group_scores(articles, groups, limit)
        _add_text_scores(articles, scores)
        chosen = _ranked(articles, scores, limit)
        _LAST_RELATED.clear()
        _LAST_RELATED[signature] = chosen
    by_slug = {article.slug: article for article in articles}
    return {slug: tuple(by_slug[other] for other in others) for slug, others in chosen.items()}


#: What sharing each kind of thing is worth. The same relation (3, plus its two countries)
#: comes first, then the same person, then a tag or a country. ``text`` is what two
#: identical bodies are worth: a pair gets that times the estimated share of wording its
#: bodies have in common (boilerplate counts as not shared; site/similarity.py), rounded
#: down. Measured: a story and a retelling that keeps half its sentences share 0.34 to 0.45
#: (13 to 18 points), so a retelling outranks an article that shares only front matter with
#: it (two people, the relation and its countries: 13); stories sharing a sentence or two
#: (0.03 to 0.1) get 1 to 4 points, a tag or a country's worth.
WEIGHTS = {"person": 4, "relation": 3, "tag": 1, "country": 1, "text": 40}

#: The last related-articles choice, by the signature of what it depends on (one entry).
_LAST_RELATED: dict[int, dict[str, tuple[str, ...]]] = {}


def _by_tag(articles: tuple[Article, ...]) -> list[tuple[Article, ...]]:
    """Each tag's articles, in the site's order (``articles`` is newest first)."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        for tag in dict.fromkeys(article.tags):
            groups.setdefault(tag, []).append(article)
    return [tuple(groups[tag]) for tag in sorted(groups)]


def _group_scores(
    articles: tuple[Article, ...],
    groups: Iterable[tuple[Iterable[tuple[Article, ...]], int]],
    limit: int,
) -> dict[str, dict[str, int]]:
    """slug -> other slug -> points, from each group's ``limit`` date neighbours."""
    window = limit
    scores: dict[str, dict[str, int]] = {article.slug: {} for article in articles}
    for members, weight in groups:
        for group in members:
            slugs = [article.slug for article in group]
            for index, slug in enumerate(slugs):
                mine = scores[slug]
                for other in slugs[max(0, index - window) : index + window + 1]:
                    if other != slug:
                        mine[other] = mine.get(other, 0) + weight
    return scores


def _add_text_scores(articles: tuple[Article, ...], scores: dict[str, dict[str, int]]) -> None:
    """Add each pair's text points to both sides (pairs worth nothing are not added, so a
    chance overlap does not make an article a candidate)."""
    weight = WEIGHTS["text"]
    cap = bucket_cap(len(articles))
    for (one, other), similarity in text_similarities([a.sketch for a in articles], cap).items():
        points = int(weight * similarity)
        if points:
            first, second = articles[one].slug, articles[other].slug
            scores[first][second] = scores[first].get(second, 0) + points
            scores[second][first] = scores[second].get(first, 0) + points


def _ranked(
    articles: tuple[Article, ...], scores: dict[str, dict[str, int]], limit: int
) -> dict[str, tuple[str, ...]]:
    """The ``limit`` best-scored others of each article: ties go to the nearest in time,
    then to the first slug. Only candidates scoring at least the ``limit``-th best score
    can make it, so only they are sorted."""
    ordinal = {article.slug: _ordinal(article) for article in articles}
    chosen = {}
    for article in articles:
        here, mine = ordinal[article.slug], scores[article.slug]
        floor = heapq.nlargest(limit, mine.values())[-1] if 0 < limit < len(mine) else 0
        ranked = sorted(
            (-score, abs(here - ordinal[slug]), slug) for slug, score in mine.items() if score >= floor
        )
        chosen[article.slug] = tuple(slug for _, _, slug in ranked[:limit])
    return chosen


def _ordinal(article: Article) -> int:
    """A day number for date distances (unknown parts count as 0)."""
    year, month, day = article.date.sort_key
    return (year * 12 + month) * 31 + day

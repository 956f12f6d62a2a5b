"""Related articles: each article's best-scored others, in O(n log n) for the whole site.

An article scores points with another for what they share: the wording of their bodies
(estimated from sketches, see site/similarity.py), a person, a relation, a tag (a
lemmatised keyword), a country. Each group only links an article to its ``limit`` date
neighbours on either side, and text is only compared within small buckets of articles
sharing a shingle, so the work stays linear however large a group is. Deterministic: ties
break on date distance, then slug.

After a build, an edit usually changes only a few bodies. Their sketches can change the
text points of the articles sharing a bucket with them, and nothing else, so
``build_related`` with an ``Edit`` (site/edits.py) scores again only those articles' rows and keeps
the rest of the last choice (the two ways give the same choice; tests compare them).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from functools import partial
from itertools import chain

from generator.content.model import Article
from generator.content.sketch import sketch_limit
from generator.site.edits import Edit
from generator.site.relations import CountryEntry, PairHistory
from generator.site.similarity import MIN_SHARED, bucket_cap, share_of, text_similarities

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

Groups = tuple[tuple[tuple[tuple[Article, ...], ...], int], ...]  #: (groups of a kind, weight) by kind


def build_related(
    articles: tuple[Article, ...],
    pairs: tuple[PairHistory, ...],
    countries: tuple[CountryEntry, ...],
    limit: int,
    people: Iterable[tuple[Article, ...]] = (),
    edit: Edit | None = None,
) -> RelatedChoice:
    """Up to ``limit`` related articles per slug (``articles`` newest first; ``people``:
    each person's articles, newest first). With ``edit``, only the rows its sketches can
    change are scored again.

    Without one, a process that builds again (the dev server) reuses its last choice when
    no slug, date, relation, country, person, tag or sketch changed: editing a title does
    not recompute it.
    """
    people = tuple(people)
    if edit is not None:
        by_slug = {article.slug: article for article in articles}
        groups_of = partial(_groups, articles, pairs, countries, people)
        return RelatedChoice(_chosen_again(articles, by_slug, groups_of, limit, edit), articles, by_slug)
    signature = _signature(articles, people, limit)
    chosen = _LAST_RELATED.get(signature)
    if chosen is None:
        scores = _group_scores(articles, _groups(articles, pairs, countries, people), limit)
        _add_text_scores(articles, scores)
        chosen = _ranked(articles, scores, limit)
        _LAST_RELATED.clear()
        _LAST_RELATED[signature] = chosen
    return RelatedChoice(chosen, articles)


class RelatedChoice(Mapping[str, tuple[Article, ...]]):
    """slug -> its related articles, kept as the choice by slug (``slugs``) and turned into
    articles when read: a build after an edit reads a dozen of the 10,000 lists, and making
    them all cost a twentieth of its time."""

    __slots__ = ("_articles", "_by_slug", "_resolved", "slugs")

    def __init__(
        self,
        slugs: Mapping[str, tuple[str, ...]],
        articles: tuple[Article, ...],
        by_slug: Mapping[str, Article] | None = None,
    ):
        self.slugs = slugs  #: slug -> related slugs, best first
        self._articles = articles
        self._by_slug = by_slug  #: ``articles`` by slug, made when first needed
        self._resolved: dict[str, tuple[Article, ...]] = {}

    def __getitem__(self, slug: str) -> tuple[Article, ...]:
        found = self._resolved.get(slug)
        if found is None:
            others = self.slugs[slug]
            if self._by_slug is None:
                self._by_slug = {article.slug: article for article in self._articles}
            found = self._resolved[slug] = tuple([self._by_slug[other] for other in others])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.slugs)

    def __len__(self) -> int:
        return len(self.slugs)

    def __repr__(self) -> str:
        return f"RelatedChoice({len(self.slugs)} articles)"


def _groups(
    articles: tuple[Article, ...],
    pairs: tuple[PairHistory, ...],
    countries: tuple[CountryEntry, ...],
    people: tuple[tuple[Article, ...], ...],
    tags: Collection[str] | None = None,
) -> Groups:
    """Every group an article scores in, by kind, with the kind's weight (of the tag
    groups, only those of ``tags`` when given)."""
    return (
        (people, WEIGHTS["person"]),
        (tuple(h.articles for h in pairs), WEIGHTS["relation"]),
        (tuple(_by_tag(articles, tags)), WEIGHTS["tag"]),
        (tuple(c.articles for c in countries), WEIGHTS["country"]),
    )


def _by_tag(articles: tuple[Article, ...], only: Collection[str] | None = None) -> list[tuple[Article, ...]]:
    """Each tag's articles (of the tags in ``only``, when given), in the site's order
    (``articles`` is newest first)."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        for tag in article.tags:
            if only is None or tag in only:
                group = groups.setdefault(tag, [])
                if not group or group[-1] is not article:  # a tag given twice counts once
                    group.append(article)
    return [tuple(groups[tag]) for tag in sorted(groups)]


def _group_scores(articles: tuple[Article, ...], groups: Groups, limit: int) -> dict[str, dict[str, int]]:
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
    articles: Iterable[Article],
    scores: Mapping[str, dict[str, int]],
    limit: int,
    ordinal: Mapping[str, int] | None = None,
) -> dict[str, tuple[str, ...]]:
    """The ``limit`` best-scored others of each article in ``scores``: ties go to the
    nearest in time, then to the first slug. Only candidates scoring at least the
    ``limit``-th best score can make it, so only they are sorted. ``ordinal``: the day
    numbers of the articles in ``scores``, rows and candidates, when known."""
    if ordinal is None:
        ordinal = {article.slug: _ordinal(article) for article in articles}
    chosen = {}
    for slug, mine in scores.items():
        here = ordinal[slug]
        floor = heapq.nlargest(limit, mine.values())[-1] if 0 < limit < len(mine) else 0
        ranked = sorted(
            (-score, abs(here - ordinal[other]), other) for other, score in mine.items() if score >= floor
        )
        chosen[slug] = tuple(other for _, _, other in ranked[:limit])
    return chosen


def _ordinal(article: Article) -> int:
    """A day number for date distances (unknown parts count as 0)."""
    year, month, day = article.date.sort_key
    return (year * 12 + month) * 31 + day


def _signature(articles: tuple[Article, ...], people: tuple[tuple[Article, ...], ...], limit: int) -> int:
    return hash(
        (
            limit,
            tuple((a.slug, a.date.sort_key, a.pairs, a.countries, a.tags, a.sketch) for a in articles),
            tuple(tuple(article.slug for article in group) for group in people),
        )
    )


# -- scoring again after an edit ------------------------------------------------------------


def _chosen_again(
    articles: tuple[Article, ...],
    current: Mapping[str, Article],
    groups_of: Callable[[set[str]], Groups],
    limit: int,
    edit: Edit,
) -> dict[str, tuple[str, ...]]:
    """The last choice, with the rows an edit's sketches can reach scored again.

    A bucket (the holders of one hash, site/similarity.py) counts when it holds 2 to
    ``cap`` articles. Only the hashes of the edited articles' old and new sketches can
    change membership or count, so only their holders' text points can change: every
    holder of such a hash when the bucket counted before or after the edit (a bucket
    crossing ``cap`` changes every pair in it). ``current``: the articles by slug."""
    cap = bucket_cap(len(articles))
    edited = {slug: current[slug].sketch for slug in edit.sketches}
    touched = set(chain.from_iterable(edit.sketches.values())) | set(chain.from_iterable(edited.values()))
    holders = _holders(articles, touched, cap + len(edited) + 1)  # beyond that, no count can fall to cap
    rows = set(edited)
    for value in touched:
        now = holders.get(value, [])
        before = [slug for slug in now if slug not in edited or value in edit.sketches[slug]]
        before += [
            slug for slug, sketch in edit.sketches.items() if value in sketch and value not in edited[slug]
        ]
        if min(len(now), len(before)) <= cap:  # the edited holders before are in rows already
            rows.update(now)
    tags = {tag for slug in rows for tag in current[slug].tags}  # the only tag groups read
    scores = _group_rows(rows, groups_of(tags), limit, current)
    _add_text_rows(articles, current, scores, cap)
    named = set(scores).union(*scores.values())
    chosen = dict(edit.chosen)
    chosen.update(_ranked(articles, scores, limit, {slug: _ordinal(current[slug]) for slug in named}))
    return {article.slug: chosen[article.slug] for article in articles}


def _holders(articles: Iterable[Article], values: set[int], limit: int) -> dict[int, list[str]]:
    """For each of ``values``, the slugs of the articles whose sketch holds it, up to
    ``limit`` + 1 of them: a longer list says only "more than ``limit``" (a stock phrase,
    which then drops out of the search, so most sketches are passed over at once)."""
    found: dict[int, list[str]] = {}
    wanted = set(values)
    disjoint = wanted.isdisjoint  # tested without making a set; the set shrinks as crowds appear
    for article in articles:
        sketch = article.sketch
        if not disjoint(sketch):
            for value in wanted.intersection(sketch):
                holders = found.setdefault(value, [])
                holders.append(article.slug)
                if len(holders) > limit:
                    wanted.discard(value)
    return found


def _group_rows(
    rows: set[str], groups: Groups, limit: int, current: Mapping[str, Article]
) -> dict[str, dict[str, int]]:
    """The rows of ``_group_scores`` for the slugs in ``rows`` alone (``current``: the
    articles by slug). A group holding none of them is passed over at C speed."""
    scores: dict[str, dict[str, int]] = {slug: {} for slug in sorted(rows)}
    apart = {id(current[slug]) for slug in rows}.isdisjoint
    for members, weight in groups:
        for group in members:
            if apart(map(id, group)):
                continue
            slugs = None
            for index, member in enumerate(group):
                if member.slug not in rows:
                    continue
                slugs = slugs or [other.slug for other in group]
                row = scores[member.slug]
                for other in slugs[max(0, index - limit) : index + limit + 1]:
                    if other != member.slug:
                        row[other] = row.get(other, 0) + weight
    return scores


def _add_text_rows(
    articles: tuple[Article, ...], current: Mapping[str, Article], rows: dict[str, dict[str, int]], cap: int
) -> None:
    """Add to each row in ``rows`` its text points (as ``_add_text_scores`` would)."""
    weight = WEIGHTS["text"]
    values = set(chain.from_iterable(current[slug].sketch for slug in rows))
    holders = _holders(articles, values, cap)
    for slug, row in rows.items():
        sketch = current[slug].sketch
        shared: dict[str, int] = {}
        for value in sketch:
            bucket = holders.get(value, ())
            if 1 < len(bucket) <= cap:
                for other in bucket:
                    if other != slug:
                        shared[other] = shared.get(other, 0) + 1
        for other, count in shared.items():
            if count < MIN_SHARED:
                continue
            theirs = current[other].sketch
            limit = min(sketch_limit(sketch), sketch_limit(theirs))
            points = int(weight * share_of(sketch, theirs, count, limit))
            if points:
                row[other] = row.get(other, 0) + points

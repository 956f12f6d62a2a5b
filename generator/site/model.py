"""SiteModel: everything the pages need, computed once from the validated articles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from generator.content.aliases import PeopleAliases, load_people_aliases
from generator.content.model import Article
from generator.site.edits import Edit
from generator.site.people import People, build_people
from generator.site.related import RelatedChoice, build_related
from generator.site.relations import CountryEntry, PairHistory, build_countries, build_pairs
from generator.site.timeline import Timeline, build_timeline, newest_first


@dataclass(frozen=True, slots=True)
class SiteModel:
    articles: tuple[Article, ...]  #: newest first.
    timeline: Timeline
    pairs: tuple[PairHistory, ...]
    countries: tuple[CountryEntry, ...]
    related: Mapping[str, tuple[Article, ...]]  #: slug -> related articles (a RelatedChoice).
    people: People  #: everyone named in ``people`` front matter, spellings merged by alias.

    @property
    def flagged(self) -> tuple[Article, ...]:
        return tuple(article for article in self.articles if article.flagged)


def build_model(
    articles: tuple[Article, ...],
    related_limit: int,
    aliases: PeopleAliases | None = None,
    edit: Edit | None = None,
) -> SiteModel:
    """The model of the site; ``aliases`` defaults to the shipped people alias list (an
    invalid list raises AliasError, naming its file and line). ``edit``: the articles edited
    since the last build, none reshaped: the related choice is made again from that build's
    (site/related.py)."""
    ordered = newest_first(articles)
    pairs = build_pairs(ordered)
    countries = build_countries(ordered, pairs)
    people = build_people(ordered, aliases if aliases is not None else load_people_aliases())
    structures = SiteModel(ordered, build_timeline(ordered), pairs, countries, MappingProxyType({}), people)
    return replace(structures, related=choose_related(structures, related_limit, edit))


def choose_related(model: SiteModel, limit: int, edit: Edit | None = None) -> RelatedChoice:
    """The related articles of every article of ``model`` (its own choice is not read)."""
    by_person = (entry.articles for entry in model.people.entries)
    return build_related(model.articles, model.pairs, model.countries, limit, by_person, edit)

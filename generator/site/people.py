"""Articles -> the people they name: one entry per person, with their articles by date.

Spellings are merged only through the shipped alias list (content/aliases.py); any other
difference in a name makes another person. One pass over the date-sorted articles, then one
sort of the people, so the stage stays O(n log n).

Two different names can make the same slug ('Lê Văn A' and 'Le Van A'). Slugs are then made
unique deterministically, in name order: the first name keeps the bare slug, the next ones
get '-2', '-3'… When the two are one person, an alias entry is the editorial fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from generator.content.aliases import PeopleAliases, normalise_name
from generator.content.model import Article, Country, Person
from generator.site.person_slugs import person_slug
from generator.site.timeline import newest_first


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """One person as the archive names them."""

    name: str  #: canonical name (from the alias list, else as written).
    slug: str  #: URL segment, unique among people.
    roles: tuple[str, ...]  #: distinct roles, as given by the newest article first.
    countries: tuple[Country, ...]  #: distinct countries, newest article first.
    spellings: tuple[str, ...]  #: other spellings found in articles, sorted.
    articles: tuple[Article, ...]  #: newest first; an article naming them twice counts once.

    @property
    def count(self) -> int:
        return len(self.articles)


@dataclass(frozen=True, slots=True)
class People:
    entries: tuple[PersonEntry, ...]  #: by slug (accent-insensitive name order).
    by_spelling: Mapping[str, PersonEntry]  #: every normalised spelling -> its person.

    def entry_of(self, person: Person) -> PersonEntry:
        """The entry of a person named by an article (every such person has one)."""
        return self.by_spelling[normalise_name(person.name)]


@dataclass(slots=True)
class _Group:
    spellings: dict[str, None]
    roles: dict[str, None]
    countries: dict[str, Country]
    articles: list[Article]


def build_people(articles: Iterable[Article], aliases: PeopleAliases) -> People:
    """Group every person named in ``people`` front matter under their canonical name."""
    groups: dict[str, _Group] = {}
    names: dict[str, tuple[str, str]] = {}  #: as written -> (normalised, canonical): a name recurs
    for article in newest_first(articles):
        for person in article.people:
            known = names.get(person.name)
            if known is None:
                written = normalise_name(person.name)
                known = names[person.name] = (written, aliases.resolve(written))
            written, name = known
            group = groups.get(name)
            if group is None:
                group = groups[name] = _Group({}, {}, {}, [])
            group.spellings[written] = None
            if person.role:
                group.roles.setdefault(person.role, None)
            if person.country is not None:
                group.countries.setdefault(person.country.code, person.country)
            if not group.articles or group.articles[-1] is not article:
                group.articles.append(article)
    entries = []
    by_spelling: dict[str, PersonEntry] = {}
    for slug, name in _unique_slugs(groups):
        group = groups[name]
        others = tuple(sorted(group.spellings.keys() - {name}))
        entry = PersonEntry(
            name, slug, tuple(group.roles), tuple(group.countries.values()), others, tuple(group.articles)
        )
        entries.append(entry)
        by_spelling.update(dict.fromkeys(group.spellings, entry))
    return People(tuple(entries), MappingProxyType(by_spelling))


def _unique_slugs(names: Iterable[str]) -> list[tuple[str, str]]:
    """(slug, name) for every name, in (slug, name) order, no slug given twice."""
    taken: set[str] = set()
    result = []
    for base, name in sorted((person_slug(name), name) for name in names):
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        result.append((slug, name))
    return result

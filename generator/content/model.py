"""The content model: plain frozen dataclasses shared by every later stage.

Pure: no I/O, no clock. An Article is what one Markdown file says once validated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Precision(StrEnum):
    """How much of an article's date is known; partial dates are shown honestly."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date that may be known only to the month or year, or not at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        if self.year is None:
            return Precision.UNKNOWN
        if self.month is None:
            return Precision.YEAR
        if self.day is None:
            return Precision.MONTH
        return Precision.DAY

    @property
    def iso(self) -> str | None:
        """'2017-06-27', '2017-06', '2017' or None, as written in front matter."""
        if self.year is None:
            return None
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Unknown parts sort first within their period; undated articles before all."""
        return (self.year or 0, self.month or 0, self.day or 0)

    @property
    def known(self) -> bool:
        return self.year is not None


@dataclass(frozen=True, slots=True)
class Country:
    code: str  #: ISO 3166-1 alpha-2, upper case.
    name: str  #: French display name.
    slug: str  #: URL segment, e.g. 'bielorussie'.


@dataclass(frozen=True, slots=True)
class CountryPair:
    """A bilateral relation. ``first`` is the home country when it takes part;
    otherwise the two are in alphabetical order of their French names."""

    first: Country
    second: Country

    @property
    def slug(self) -> str:
        return f"{self.first.slug}-{self.second.slug}"

    @property
    def name(self) -> str:
        return f"{self.first.name} – {self.second.name}"

    @property
    def codes(self) -> tuple[str, str]:
        return (self.first.code, self.second.code)


def make_pair(one: Country, other: Country, home_code: str) -> CountryPair:
    """Order a pair the way the site names it: home country first, else alphabetical."""
    if one.code == home_code:
        return CountryPair(one, other)
    if other.code == home_code or (other.slug, other.code) < (one.slug, one.code):
        return CountryPair(other, one)
    return CountryPair(one, other)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    role: str | None = None
    country: Country | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One validated article. ``slug`` comes from the file name and is unique site-wide."""

    slug: str
    source_path: str  #: path relative to the site root, for diagnostics and provenance.
    title: str
    date: PartialDate
    dateline: str | None
    source: str | None
    source_url: str | None
    countries: tuple[Country, ...]
    pairs: tuple[CountryPair, ...]
    people: tuple[Person, ...]
    summary: str | None
    tags: tuple[str, ...]
    review: tuple[str, ...]
    raw: str | None
    body: str  #: Markdown body, after the front matter.
    body_line: int  #: file line where the body starts, for Markdown diagnostics.
    sketch: tuple[int, ...]  #: the body's wording in brief (content/sketch.py), made once at parse.
    #: The site's order (newest first, then by slug) as one key, made once: a build sorts
    #: articles some 60,000 times, and a key made on each comparison cost 0.08 s at 10,000.
    newest_first_key: tuple[tuple[int, int, int], str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        year, month, day = self.date.sort_key
        object.__setattr__(self, "newest_first_key", ((-year, -month, -day), self.slug))

    @property
    def flagged(self) -> bool:
        """True when an editor still has to look at the article."""
        return bool(self.review)

    @property
    def sort_key(self) -> tuple[tuple[int, int, int], str]:
        return (self.date.sort_key, self.slug)

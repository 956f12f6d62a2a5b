"""The single URL and output-path scheme of the site.

Every URL here is *site-relative* (starts with '/', no base path): templates prefix the base
path, feeds and sitemaps the full base URL. ``output_path`` is the only way a URL becomes a
file path, and it refuses anything that could leave the output folder.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from generator.content.model import Article, Country, CountryPair
from generator.site.people import PersonEntry

HOME = "/"
TIMELINE = "/chronologie/"
UNDATED = "/chronologie/sans-date/"
PAIRS = "/relations/"
COUNTRIES = "/pays/"
PEOPLE = "/personnalites/"
REVIEW = "/a-verifier/"
SEARCH = "/recherche/"
FEED = "/atom.xml"
SITEMAP = "/sitemap.xml"
NEWS_SITEMAP = "/sitemap-news.xml"
ROBOTS = "/robots.txt"
NOT_FOUND = "/404.html"
STATIC = "/static/"
#: Data for researchers (see docs/data-export.md).
DATA = "/data/"
ARTICLES_JSON = f"{DATA}articles.json"
ARTICLES_CSV = f"{DATA}articles.csv"
ARTICLES_SCHEMA = f"{DATA}articles.schema.json"

#: Segment used for a year's articles whose month is unknown.
UNKNOWN_MONTH = "mois-inconnu"

_SAFE_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class UnsafePathError(ValueError):
    """A URL that would write outside the output folder."""


def article_url(article: Article) -> str:
    return f"/articles/{article.slug}/"


def pair_url(pair: CountryPair) -> str:
    return f"{PAIRS}{pair.slug}/"


def pair_feed_url(pair: CountryPair) -> str:
    return f"{pair_url(pair)}atom.xml"


def country_url(country: Country) -> str:
    return f"{COUNTRIES}{country.slug}/"


def person_url(person: PersonEntry) -> str:
    return f"{PEOPLE}{person.slug}/"


def relation_data_url(pair: CountryPair) -> str:
    return f"{DATA}relations/{pair.slug}.json"


def year_url(year: int) -> str:
    return f"{TIMELINE}{year:04d}/"


def month_url(year: int, month: int | None) -> str:
    segment = f"{month:02d}" if month is not None else UNKNOWN_MONTH
    return f"{year_url(year)}{segment}/"


def page_url(first_page_url: str, number: int) -> str:
    """URL of page ``number`` of a paginated list: page 1 is the list's own URL."""
    return first_page_url if number == 1 else f"{first_page_url}page/{number}/"


def output_path(url: str) -> PurePosixPath:
    """The file a site-relative URL is written to ('/a/b/' -> 'a/b/index.html').

    Raises UnsafePathError for '..', absolute or odd segments: no path from content may
    escape the output folder, whatever a slug or file name contains.
    """
    if not url.startswith("/"):
        raise UnsafePathError(f"URL must start with '/': {url!r}")
    inner = url[1:-1] if url.endswith("/") else url[1:]
    segments = inner.split("/") if inner else []
    for segment in segments:
        # Empty segments ('//') are refused too: two spellings must never share a file.
        if not _SAFE_SEGMENT.fullmatch(segment) or segment in (".", ".."):
            raise UnsafePathError(f"unsafe path segment {segment!r} in {url!r}")
    path = PurePosixPath(*segments) if segments else PurePosixPath()
    if url.endswith("/"):
        path = path / "index.html"
    return path

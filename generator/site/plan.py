"""SiteModel -> the list of pages to write. Every page family is listed in ``plan_pages``.

A PageSpec says *what* a page is (its kind, subject and slice of a list); the render stage
decides how it looks. Two pages planned at the same URL are an error, reported together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from math import ceil
from typing import Generic, TypeVar

from generator.content.model import Article
from generator.errors import Diagnostic, error
from generator.site import urls
from generator.site.model import SiteModel
from generator.site.people import PersonEntry

#: What a paginated list holds: articles, or people on the people index.
Item = TypeVar("Item", Article, PersonEntry)


@dataclass(frozen=True, slots=True)
class Page(Generic[Item]):
    """One page of a paginated list."""

    number: int
    total: int
    items: tuple[Item, ...]
    first_url: str  #: URL of page 1 (the list's own URL).
    count: int  #: length of the whole list.

    @property
    def url(self) -> str:
        return urls.page_url(self.first_url, self.number)

    @property
    def previous_url(self) -> str | None:
        return urls.page_url(self.first_url, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return urls.page_url(self.first_url, self.number + 1) if self.number < self.total else None


@dataclass(frozen=True, slots=True)
class PageSpec:
    kind: str  #: page family: 'home', 'article', 'pair', 'atom', ...
    url: str  #: site-relative URL; its output path comes from urls.output_path.
    template: str
    subject: object = None  #: the model object the page is about.
    page: Page | None = None
    in_sitemap: bool = True  #: HTML pages only: feeds, data files and sitemaps stay out.
    noindex: bool = False  #: ask search engines not to index it (robots meta tag)

    @property
    def thin(self) -> bool:
        """A relation or month page that lists a single article: little for a reader or a
        search engine; the build report lists them, site.yaml may ask for noindex."""
        return self.kind in THIN_KINDS and self.page is not None and self.page.count == 1


#: Page families whose pages are thin when their list holds one article.
THIN_KINDS = ("pair", "month")


def paginate(items: tuple[Item, ...], first_url: str, per_page: int) -> tuple[Page[Item], ...]:
    """Split a list into pages of ``per_page``; an empty list still gets one (empty) page."""
    total = max(1, ceil(len(items) / per_page))
    return tuple(
        Page(n, total, items[(n - 1) * per_page : n * per_page], first_url, len(items))
        for n in range(1, total + 1)
    )


def plan_pages(
    model: SiteModel, per_page: int, search: bool = True, noindex_thin: bool = False
) -> tuple[PageSpec, ...]:
    """Every page of the site, in a stable order; with ``noindex_thin``, thin pages get
    noindex and leave the sitemap."""
    specs = (
        *_singletons(),
        *((PageSpec("search", urls.SEARCH, "search.html"),) if search else ()),
        *_articles(model),
        *_timeline(model, per_page),
        *_pairs(model, per_page),
        *_countries(model, per_page),
        *_people(model, per_page),
        *_listed("review", urls.REVIEW, "review.html", model.flagged, per_page, sitemap=False),
        *_data(model),
    )
    if not noindex_thin:
        return specs
    return tuple(replace(spec, noindex=True, in_sitemap=False) if spec.thin else spec for spec in specs)


def check_plan(specs: tuple[PageSpec, ...]) -> list[Diagnostic]:
    """Two pages at one URL would overwrite each other: report every collision."""
    owners: dict[str, PageSpec] = {}
    problems = []
    for spec in specs:
        if spec.url in owners:
            problems.append(
                error(
                    _origin(spec),
                    None,
                    "site.url-collision",
                    f"{spec.kind} page {spec.url} collides with the {owners[spec.url].kind} page there",
                )
            )
        owners.setdefault(spec.url, spec)
    return problems


def _origin(spec: PageSpec) -> str:
    source = getattr(spec.subject, "source_path", None)
    return source if isinstance(source, str) else spec.url


def _singletons() -> Iterator[PageSpec]:
    yield PageSpec("home", urls.HOME, "home.html")
    yield PageSpec("atom", urls.FEED, "atom.xml", in_sitemap=False)
    yield PageSpec("sitemap", urls.SITEMAP, "sitemap.xml", in_sitemap=False)
    yield PageSpec("news-sitemap", urls.NEWS_SITEMAP, "sitemap-news.xml", in_sitemap=False)
    yield PageSpec("robots", urls.ROBOTS, "robots.txt", in_sitemap=False)
    yield PageSpec("not-found", urls.NOT_FOUND, "404.html", in_sitemap=False)
    yield PageSpec("timeline", urls.TIMELINE, "timeline.html")
    yield PageSpec("pairs", urls.PAIRS, "pairs.html")
    yield PageSpec("countries", urls.COUNTRIES, "countries.html")


def _articles(model: SiteModel) -> Iterator[PageSpec]:
    for article in model.articles:
        yield PageSpec("article", urls.article_url(article), "article.html", article)


def _timeline(model: SiteModel, per_page: int) -> Iterator[PageSpec]:
    for year in model.timeline.years:
        yield PageSpec("year", urls.year_url(year.year), "year.html", year)
        for month in year.months:
            yield from _listed(
                "month", urls.month_url(year.year, month.month), "month.html", month.articles, per_page, month
            )
    if model.timeline.undated:
        yield from _listed("undated", urls.UNDATED, "undated.html", model.timeline.undated, per_page)


def _pairs(model: SiteModel, per_page: int) -> Iterator[PageSpec]:
    for history in model.pairs:
        yield from _listed(
            "pair", urls.pair_url(history.pair), "pair.html", history.articles, per_page, history
        )
        yield PageSpec("pair-atom", urls.pair_feed_url(history.pair), "atom.xml", history, in_sitemap=False)


def _countries(model: SiteModel, per_page: int) -> Iterator[PageSpec]:
    for entry in model.countries:
        yield from _listed(
            "country", urls.country_url(entry.country), "country.html", entry.articles, per_page, entry
        )


def _people(model: SiteModel, per_page: int) -> Iterator[PageSpec]:
    """The people index (paginated like every list), then one page per person."""
    for page in paginate(model.people.entries, urls.PEOPLE, per_page):
        yield PageSpec("people", page.url, "people.html", None, page)
    for entry in model.people.entries:
        yield from _listed("person", urls.person_url(entry), "person.html", entry.articles, per_page, entry)


def _data(model: SiteModel) -> Iterator[PageSpec]:
    """Data files for researchers: never in the sitemap, which lists HTML pages only."""
    yield PageSpec("articles-json", urls.ARTICLES_JSON, "data/articles.json", in_sitemap=False)
    yield PageSpec("articles-csv", urls.ARTICLES_CSV, "data/articles.csv", in_sitemap=False)
    yield PageSpec("articles-schema", urls.ARTICLES_SCHEMA, "data/articles.schema.json", in_sitemap=False)
    for history in model.pairs:
        yield PageSpec(
            "relation-json",
            urls.relation_data_url(history.pair),
            "data/relation.json",
            history,
            in_sitemap=False,
        )


def _listed(
    kind: str,
    url: str,
    template: str,
    items: tuple[Article, ...],
    per_page: int,
    subject: object = None,
    sitemap: bool = True,
) -> Iterator[PageSpec]:
    for page in paginate(items, url, per_page):
        yield PageSpec(kind, page.url, template, subject, page, in_sitemap=sitemap)

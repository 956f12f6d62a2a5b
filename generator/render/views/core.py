"""What every page's context is built from: the site dict, links under the base path, the
dispatch on ``PageSpec.kind``, and the pieces several page families share (cards, bodies,
crumbs, pagination). Cards and bodies are built once per article and reused on every page
that lists them.
"""

from __future__ import annotations

from typing import Any

from generator.config import SiteConfig
from generator.content.countries import load_countries
from generator.content.model import Article, Country, CountryPair
from generator.render import french
from generator.render.exports import DataExport
from generator.render.markup import MarkdownRenderer
from generator.site import urls
from generator.site.model import SiteModel
from generator.site.plan import Page, PageSpec

Context = dict[str, Any]

#: Page links shown on either side of the current page; the first and last are always shown.
PAGE_WINDOW = 2


def page_window(number: int, total: int) -> list[int | None]:
    """The page numbers a pagination bar links to, None where numbers are left out: every
    page linking to every other would make a list of n pages O(n²) in links (Vietnam's
    country list alone has hundreds of pages)."""
    shown = sorted({1, total, *range(max(1, number - PAGE_WINDOW), min(total, number + PAGE_WINDOW) + 1)})
    window: list[int | None] = []
    for n in shown:
        if window and n - window[-1] == 2:  # type: ignore[operator]
            window.append(n - 1)  # one number left out: show it rather than a gap
        elif window and n - window[-1] > 2:  # type: ignore[operator]
            window.append(None)
        window.append(n)
    return window


class ViewCore:
    """State and shared pieces of a build's views; the page families (``_<kind>`` methods)
    are mixins on top of it, joined into ``ViewBuilder``."""

    def __init__(self, config: SiteConfig, model: SiteModel, specs: tuple[PageSpec, ...]):
        self.config = config
        self.model = model
        self.specs = specs
        self._markdown = MarkdownRenderer()
        self._export = DataExport(config, model)
        self._cards: dict[str, Context] = {}
        self._bodies: dict[str, str] = {}
        self._country_codes = frozenset(entry.country.code for entry in model.countries)
        newest = next((article for article in model.articles if article.date.known), None)
        self._archive_updated = french.rfc3339(newest.date) if newest else "1970-01-01T00:00:00Z"
        self.site = {
            "title": config.title,
            "description": config.description,
            "language": config.language,
            "base_url": config.base_url,
            "home_url": self.href(urls.HOME),
            "feed_url": self.href(urls.FEED),
            "stylesheet": self.href(f"{urls.STATIC}style.css"),
            "favicon": self.href(f"{urls.STATIC}favicon.svg"),
            "base_path": config.base_path,
            "search_url": self.href(urls.SEARCH) if config.search.enabled else None,
            "home_country": load_countries()[config.home_country].name,
            "nav": [
                {"label": "Accueil", "url": self.href(urls.HOME), "kind": "home"},
                {"label": "Chronologie", "url": self.href(urls.TIMELINE), "kind": "timeline"},
                {"label": "Relations", "url": self.href(urls.PAIRS), "kind": "pairs"},
                {"label": "Pays", "url": self.href(urls.COUNTRIES), "kind": "countries"},
                {"label": "Personnalités", "url": self.href(urls.PEOPLE), "kind": "people"},
            ],
            "data": {"json_url": self.href(urls.ARTICLES_JSON), "csv_url": self.href(urls.ARTICLES_CSV)},
        }

    # -- links -------------------------------------------------------------------------

    def href(self, url: str) -> str:
        """Site-relative URL -> link that works under the base path ('/repo/...')."""
        return self.config.base_path + url.lstrip("/")

    def absolute(self, url: str) -> str:
        return self.config.base_url + url.lstrip("/")

    # -- the one entry point -------------------------------------------------------------

    def context(self, spec: PageSpec) -> Context:
        builder = getattr(self, "_" + spec.kind.replace("-", "_"))
        specific = builder(spec)
        page = specific.pop("page")
        page.setdefault("description", self.config.description)
        page.setdefault("noindex", spec.noindex)
        page.setdefault("og_type", "website")
        page.update(
            kind=spec.kind,
            url=self.href(spec.url),
            canonical=self.absolute(spec.url),
            pagination=self._pagination(spec.page),
        )
        if spec.page is not None and spec.page.number > 1:
            page["title"] = f"{page['title']} (page {spec.page.number})"
        return {"site": self.site, "page": page, **specific}

    # -- shared pieces ----------------------------------------------------------------------

    def card(self, article: Article) -> Context:
        """What a list shows of an article."""
        if article.slug not in self._cards:
            self._cards[article.slug] = {
                "title": article.title,
                "url": self.href(urls.article_url(article)),
                "date": french.format_date(article.date),
                "date_iso": article.date.iso,
                "dateline": article.dateline,
                "summary": article.summary,
                "pairs": [self._pair_link(pair) for pair in article.pairs],
                "flagged": article.flagged,
            }
        return self._cards[article.slug]

    def body_html(self, article: Article) -> str:
        if article.slug not in self._bodies:
            self._bodies[article.slug] = self._markdown.to_html(article.body)
        return self._bodies[article.slug]

    def _pair_link(self, pair: CountryPair) -> Context:
        return {"name": pair.name, "url": self.href(urls.pair_url(pair))}

    def _country_link(self, country: Country) -> Context:
        """A country links to its page only when it has one (it is named by an article's
        ``countries``); otherwise it is shown as plain text."""
        has_page = country.code in self._country_codes
        return {"name": country.name, "url": self.href(urls.country_url(country)) if has_page else None}

    def _cards_of(self, page: Page | None) -> list[Context]:
        return [self.card(article) for article in page.items] if page else []

    def _pagination(self, page: Page | None) -> Context | None:
        if page is None or page.total < 2:
            return None
        return {
            "number": page.number,
            "total": page.total,
            "previous_url": self.href(page.previous_url) if page.previous_url else None,
            "next_url": self.href(page.next_url) if page.next_url else None,
            "pages": [
                {
                    "number": n,
                    "url": self.href(urls.page_url(page.first_url, n)),
                    "current": n == page.number,
                    "gap": False,
                }
                if n is not None
                else {"gap": True}
                for n in page_window(page.number, page.total)
            ],
        }

    def _crumbs(self, *trail: tuple[str, str | None]) -> list[Context]:
        crumbs = [{"label": "Accueil", "url": self.href(urls.HOME)}]
        crumbs += [{"label": label, "url": self.href(url) if url else None} for label, url in trail]
        return crumbs

"""Model -> template context: the documented contract between the generator and templates.

Templates see plain dicts of display-ready values (French dates, final hrefs with the base
path applied), never the model itself, so a template cannot reach into internals and every
link is built in one place. Article cards and bodies are built once per article and reused
on every page that lists them.

Over the ~400-line budget on purpose: one ``_<kind>`` method per page family keeps the whole
template contract in one file; data documents are built in ``exports.py``.
"""

from __future__ import annotations

from itertools import islice
from typing import Any

from generator.config import SiteConfig
from generator.content.aliases import normalise_name
from generator.content.countries import load_countries
from generator.content.model import Article, Country, CountryPair, Person
from generator.render import figures, french
from generator.render.exports import DataExport, schema_text
from generator.render.markup import MarkdownRenderer
from generator.site import urls
from generator.site.model import SiteModel
from generator.site.news import news_articles, news_language
from generator.site.people import PersonEntry
from generator.site.plan import Page, PageSpec
from generator.site.relations import CountryEntry, PairHistory
from generator.site.timeline import MonthGroup, YearGroup

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


class ViewBuilder:
    """Builds the context of each planned page. One instance per build."""

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

    def _pair_row(self, history: PairHistory) -> Context:
        return {
            **self._pair_link(history.pair),
            "count": history.count,
            "count_text": french.count_noun(history.count, "article"),
            "first": french.format_date(history.first),
            "latest": french.format_date(history.latest),
        }

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

    def _year_link(self, year: YearGroup) -> Context:
        return {
            "year": year.year,
            "url": self.href(urls.year_url(year.year)),
            "count": year.count,
            "count_text": french.count_noun(year.count, "article"),
            "months": [self._month_link(month) for month in year.months],
        }

    def _month_link(self, month: MonthGroup) -> Context:
        return {
            "label": french.month_name(month.month),
            "url": self.href(urls.month_url(month.year, month.month)),
            "count": len(month.articles),
            "count_text": french.count_noun(len(month.articles), "article"),
        }

    # -- page families (one method per PageSpec.kind) -----------------------------------------

    def _home(self, spec: PageSpec) -> Context:
        model = self.model
        return {
            "page": {"title": self.config.title, "breadcrumbs": []},
            "latest": [self.card(article) for article in model.articles[: self.config.lists.home_latest]],
            "pairs": [self._pair_row(history) for history in model.pairs],
            "years": [self._year_link(year) for year in model.timeline.years],
            "partners": figures.partners(model.pairs, self.config.home_country, self.href),
            "undated": self._undated_link(),
            "review_count": len(model.flagged),
            "review_url": self.href(urls.REVIEW),
            "totals": {
                "articles": french.count_noun(len(model.articles), "article"),
                "pairs": french.count_noun(len(model.pairs), "relation"),
                "countries": french.count_noun(len(model.countries), "pays", "pays"),
            },
        }

    def _undated_link(self) -> Context | None:
        count = len(self.model.timeline.undated)
        if not count:
            return None
        return {
            "url": self.href(urls.UNDATED),
            "count": count,
            "count_text": french.count_noun(count, "article"),
        }

    def _article(self, spec: PageSpec) -> Context:
        article: Article = spec.subject  # type: ignore[assignment]
        view = {
            **self.card(article),
            "precision": article.date.precision.value,
            "source": article.source,
            "source_url": article.source_url,
            "countries": [
                {"name": country.name, "url": self.href(urls.country_url(country))}
                for country in article.countries
            ],
            "people": [self._mention(person) for person in article.people],
            "tags": list(article.tags),
            "review": list(article.review),
            "body_html": self.body_html(article),
            "search": self._search_facts(article),
        }
        if article.date.year is not None:
            date_crumb = (str(article.date.year), urls.year_url(article.date.year))
        else:
            date_crumb = ("Sans date", urls.UNDATED)
        breadcrumbs = self._crumbs(("Chronologie", urls.TIMELINE), date_crumb, (article.title, None))
        return {
            "page": {
                "title": article.title,
                "description": article.summary or self.config.description,
                "og_type": "article",
                "published": french.rfc3339(article.date) if article.date.day else None,
                "breadcrumbs": breadcrumbs,
            },
            "article": view,
            "related": [self.card(other) for other in self.model.related.get(article.slug, ())],
            "jsonld": self._news_article(article, view, breadcrumbs),
        }

    @staticmethod
    def _search_facts(article: Article) -> Context:
        """What Pagefind files an article under: filters and sortable date keys.

        Unknown parts of a date sort as 00, so partial dates sit before full ones. Pagefind
        sorts by one key per direction, and undated articles belong at the end of both
        orders, so the key for oldest-first gives them 9999 instead of 0000.
        """
        date = article.date
        key = f"{date.year or 0:04d}-{date.month or 0:02d}-{date.day or 0:02d}"
        return {
            "year": str(date.year) if date.year else "Date inconnue",
            "sort": key,
            "sort_oldest_first": key if date.year else "9999-99-99",
        }

    def _mention(self, person: Person) -> Context:
        """A person named by an article, as written there, linked to their page;
        ``canonical`` is the name their page carries (the alias list merges spellings)."""
        entry = self.model.people.entry_of(person)
        return {
            "name": normalise_name(person.name),
            "canonical": entry.name,
            "url": self.href(urls.person_url(entry)),
            "role": person.role,
            "country": self._country_link(person.country) if person.country else None,
        }

    def _country_link(self, country: Country) -> Context:
        """A country links to its page only when it has one (it is named by an article's
        ``countries``); otherwise it is shown as plain text."""
        has_page = country.code in self._country_codes
        return {"name": country.name, "url": self.href(urls.country_url(country)) if has_page else None}

    def _news_article(self, article: Article, view: Context, breadcrumbs: list[Context]) -> list[Context]:
        """schema.org NewsArticle + BreadcrumbList, serialised by the template's |tojson."""
        url = self.absolute(urls.article_url(article))
        news: Context = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": self.config.language,
            "publisher": {"@type": "Organization", "name": self.config.publisher},
        }
        if article.date.iso:
            news["datePublished"] = article.date.iso
        if article.dateline:
            news["dateline"] = article.dateline
        if article.summary:
            news["description"] = article.summary
        if article.source:
            news["sourceOrganization"] = {"@type": "Organization", "name": article.source}
        if article.source_url:
            news["isBasedOn"] = article.source_url
        if article.countries:
            news["contentLocation"] = [{"@type": "Country", "name": c.name} for c in article.countries]
        if article.people:
            news["mentions"] = [
                {
                    "@type": "Person",
                    "name": normalise_name(p.name),
                    "url": self.absolute(urls.person_url(self.model.people.entry_of(p))),
                    **({"jobTitle": p.role} if p.role else {}),
                }
                for p in article.people
            ]
        if article.tags:
            news["keywords"] = list(article.tags)
        trail = {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": index,
                    "name": crumb["label"],
                    **(
                        {"item": self.config.base_url + crumb["url"][len(self.config.base_path) :]}
                        if crumb["url"]
                        else {}
                    ),
                }
                for index, crumb in enumerate(breadcrumbs, start=1)
            ],
        }
        return [news, trail]

    def _timeline(self, spec: PageSpec) -> Context:
        return {
            "page": {"title": "Chronologie", "breadcrumbs": self._crumbs(("Chronologie", None))},
            "years": [self._year_link(year) for year in self.model.timeline.years],
            "heat": figures.timeline(self.model.timeline, self.href),
            "undated": self._undated_link(),
        }

    def _year(self, spec: PageSpec) -> Context:
        year: YearGroup = spec.subject  # type: ignore[assignment]
        return {
            "page": {
                "title": f"Année {year.year}",
                "breadcrumbs": self._crumbs(("Chronologie", urls.TIMELINE), (str(year.year), None)),
            },
            "year": self._year_link(year),
        }

    def _month(self, spec: PageSpec) -> Context:
        month: MonthGroup = spec.subject  # type: ignore[assignment]
        label = f"{french.month_name(month.month).capitalize()} {month.year}"
        if month.month is None:
            label = f"{month.year}, mois inconnu"
        return {
            "page": {
                "title": label,
                "breadcrumbs": self._crumbs(
                    ("Chronologie", urls.TIMELINE),
                    (str(month.year), urls.year_url(month.year)),
                    (french.month_name(month.month), None),
                ),
            },
            "heading": label,
            "count_text": french.count_noun(len(month.articles), "article"),
            "articles": self._cards_of(spec.page),
        }

    def _undated(self, spec: PageSpec) -> Context:
        return {
            "page": {
                "title": "Articles sans date",
                "breadcrumbs": self._crumbs(("Chronologie", urls.TIMELINE), ("Sans date", None)),
            },
            "count_text": french.count_noun(len(self.model.timeline.undated), "article"),
            "articles": self._cards_of(spec.page),
        }

    def _pairs(self, spec: PageSpec) -> Context:
        return {
            "page": {"title": "Relations bilatérales", "breadcrumbs": self._crumbs(("Relations", None))},
            "pairs": [self._pair_row(history) for history in self.model.pairs],
        }

    def _pair(self, spec: PageSpec) -> Context:
        history: PairHistory = spec.subject  # type: ignore[assignment]
        groups: list[Context] = []
        items = spec.page.items if spec.page else ()
        for card, article in zip(self._cards_of(spec.page), items, strict=True):
            label = str(article.date.year) if article.date.year else "Sans date"
            if not groups or groups[-1]["label"] != label:
                groups.append({"label": label, "articles": []})
            groups[-1]["articles"].append(card)
        return {
            "page": {
                "title": history.pair.name,
                "description": f"Les relations {history.pair.name} dans l'archive : "
                f"{french.count_noun(history.count, 'article')}.",
                "breadcrumbs": self._crumbs(("Relations", urls.PAIRS), (history.pair.name, None)),
                "feed": {"url": self.href(urls.pair_feed_url(history.pair)), "title": history.pair.name},
            },
            "pair": {
                **self._pair_row(history),
                "countries": [
                    {"name": c.name, "url": self.href(urls.country_url(c))}
                    for c in (history.pair.first, history.pair.second)
                ],
                "feed_url": self.href(urls.pair_feed_url(history.pair)),
            },
            # the chart on page 1 only; every page keeps the table of articles per year
            "history": figures.pair_history(history, self.href, chart=not spec.page or spec.page.number == 1),
            "groups": groups,
        }

    def _countries(self, spec: PageSpec) -> Context:
        return {
            "page": {"title": "Pays", "breadcrumbs": self._crumbs(("Pays", None))},
            "countries": [self._country_row(entry) for entry in self.model.countries],
        }

    def _country_row(self, entry: CountryEntry) -> Context:
        return {
            "name": entry.country.name,
            "url": self.href(urls.country_url(entry.country)),
            "count": entry.count,
            "count_text": french.count_noun(entry.count, "article"),
        }

    def _country(self, spec: PageSpec) -> Context:
        entry: CountryEntry = spec.subject  # type: ignore[assignment]
        return {
            "page": {
                "title": entry.country.name,
                "breadcrumbs": self._crumbs(("Pays", urls.COUNTRIES), (entry.country.name, None)),
            },
            "country": {
                **self._country_row(entry),
                # the relations table is the overview, on the first page only
                "pairs": [self._pair_row(h) for h in entry.pairs] if _first_page(spec) else [],
                "relations_url": self.href(urls.country_url(entry.country)) + "#relations"
                if entry.pairs and not _first_page(spec)
                else None,
            },
            "articles": self._cards_of(spec.page),
        }

    def _people(self, spec: PageSpec) -> Context:
        count = len(self.model.people.entries)
        return {
            "page": {
                "title": "Personnalités",
                "description": "Les personnalités citées dans l'archive : "
                f"{french.count_noun(count, 'personne')}.",
                "breadcrumbs": self._crumbs(("Personnalités", None)),
            },
            "count_text": french.count_noun(count, "personnalité"),
            "people": [self._person_row(entry) for entry in (spec.page.items if spec.page else ())],
        }

    def _person_row(self, entry: PersonEntry) -> Context:
        return {
            "name": entry.name,
            "url": self.href(urls.person_url(entry)),
            "roles": list(entry.roles),
            "countries": [self._country_link(country) for country in entry.countries],
            "count": entry.count,
            "count_text": french.count_noun(entry.count, "article"),
        }

    def _person(self, spec: PageSpec) -> Context:
        entry: PersonEntry = spec.subject  # type: ignore[assignment]
        return {
            "page": {
                "title": entry.name,
                "description": f"{entry.name} dans l'archive : {french.count_noun(entry.count, 'article')}.",
                "breadcrumbs": self._crumbs(("Personnalités", urls.PEOPLE), (entry.name, None)),
            },
            "person": {**self._person_row(entry), "spellings": list(entry.spellings)},
            "articles": self._cards_of(spec.page),
        }

    def _review(self, spec: PageSpec) -> Context:
        cards = [
            {**self.card(article), "review": list(article.review), "source_path": article.source_path}
            for article in (spec.page.items if spec.page else ())
        ]
        return {
            "page": {
                "title": "Articles à vérifier",
                "noindex": True,
                "breadcrumbs": self._crumbs(("À vérifier", None)),
            },
            "count_text": french.count_noun(len(self.model.flagged), "article"),
            "articles": cards,
        }

    def _search(self, spec: PageSpec) -> Context:
        return {
            "page": {
                "title": "Recherche",
                "description": "Rechercher dans les articles de l'archive, par relation, pays, année "
                "ou personnalité.",
                "breadcrumbs": self._crumbs(("Recherche", None)),
            },
            "search": {
                "bundle_url": self.href("/pagefind/"),
                "script_url": self.href(f"{urls.STATIC}search.js"),
                "filters": [
                    {"key": "paire", "label": "Relation"},
                    {"key": "pays", "label": "Pays"},
                    {"key": "annee", "label": "Année"},
                    {"key": "personne", "label": "Personnalité"},
                ],
            },
        }

    def _not_found(self, spec: PageSpec) -> Context:
        return {"page": {"title": "Page introuvable", "noindex": True, "breadcrumbs": []}}

    def _robots(self, spec: PageSpec) -> Context:
        return {
            "page": {"title": "robots"},
            "sitemap_url": self.absolute(urls.SITEMAP),
            "news_sitemap_url": self.absolute(urls.NEWS_SITEMAP),
        }

    def _news_sitemap(self, spec: PageSpec) -> Context:
        """Google News sitemap: see site/news.py for which articles and why."""
        return {
            "page": {"title": "sitemap-news"},
            "publication": {"name": self.config.publisher, "language": news_language(self.config.language)},
            "entries": [
                {
                    "loc": self.absolute(urls.article_url(article)),
                    "publication_date": article.date.iso,
                    "title": article.title,
                }
                for article in news_articles(self.model.articles)
            ],
        }

    # -- data files (documents built in render/exports.py, serialised by template filters) --

    def _articles_json(self, spec: PageSpec) -> Context:
        return {"page": {"title": "articles.json"}, "document": self._export.articles_document()}

    def _articles_csv(self, spec: PageSpec) -> Context:
        return {"page": {"title": "articles.csv"}, "table": self._export.csv_table()}

    def _articles_schema(self, spec: PageSpec) -> Context:
        return {"page": {"title": "articles.schema.json"}, "schema": schema_text()}

    def _relation_json(self, spec: PageSpec) -> Context:
        history: PairHistory = spec.subject  # type: ignore[assignment]
        return {"page": {"title": history.pair.name}, "document": self._export.relation_document(history)}

    def _sitemap(self, spec: PageSpec) -> Context:
        entries = []
        for other in self.specs:
            if not other.in_sitemap:
                continue
            lastmod = None
            if other.kind == "article":
                article: Article = other.subject  # type: ignore[assignment]
                lastmod = article.date.iso if article.date.day else None
            entries.append({"loc": self.absolute(other.url), "lastmod": lastmod})
        return {"page": {"title": "sitemap"}, "entries": entries}

    def _atom(self, spec: PageSpec) -> Context:
        return self._feed(spec, self.model.articles, self.config.title, urls.HOME)

    def _pair_atom(self, spec: PageSpec) -> Context:
        history: PairHistory = spec.subject  # type: ignore[assignment]
        title = f"{self.config.title} : {history.pair.name}"
        return self._feed(spec, history.articles, title, urls.pair_url(history.pair))

    def _feed(self, spec: PageSpec, articles: tuple[Article, ...], title: str, alternate: str) -> Context:
        """Atom needs a timestamp per entry, so feeds carry the newest *dated* articles."""
        dated = islice((article for article in articles if article.date.known), self.config.feeds.entries)
        entries = [
            {
                "title": article.title,
                "url": self.absolute(urls.article_url(article)),
                "updated": french.rfc3339(article.date),
                "summary": article.summary,
                "content_html": self.body_html(article),
                "categories": [pair.name for pair in article.pairs],
            }
            for article in dated
        ]
        return {
            "page": {"title": title},
            "feed": {
                "title": title,
                "id": self.absolute(spec.url),
                "self_url": self.absolute(spec.url),
                "alternate_url": self.absolute(alternate),
                # An empty feed still needs <updated>: the newest date of the whole archive.
                "updated": entries[0]["updated"] if entries else self._archive_updated,
                "author": self.config.publisher,
                "entries": entries,
            },
        }


def _first_page(spec: PageSpec) -> bool:
    return spec.page is None or spec.page.number == 1

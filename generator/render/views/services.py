"""Service pages, outside the archive's lists: what feed readers, crawlers and scripts fetch
(Atom feeds, sitemaps, robots.txt, data exports) and the two standalone HTML pages (search,
404). None of them shows article cards or pagination."""

from __future__ import annotations

from itertools import islice

from generator.content.model import Article
from generator.render import french
from generator.render.exports import schema_text
from generator.render.views.core import Context, ViewCore
from generator.site import urls
from generator.site.news import news_articles, news_language
from generator.site.plan import PageSpec
from generator.site.relations import PairHistory


class ServiceViews(ViewCore):
    """The service page families, one ``_<kind>`` method each."""

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

    # -- crawlers --------------------------------------------------------------------------

    def _robots(self, spec: PageSpec) -> Context:
        return {
            "page": {"title": "robots"},
            "sitemap_url": self.absolute(urls.SITEMAP),
            "news_sitemap_url": self.absolute(urls.NEWS_SITEMAP),
        }

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

    # -- feeds ---------------------------------------------------------------------------------

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

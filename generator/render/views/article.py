"""The article page: its view, the facts search files it under, and its JSON-LD. Kept apart
from the lists because it is the one page that shows a whole article and what it names."""

from __future__ import annotations

from generator.content.aliases import normalise_name
from generator.content.model import Article, Person
from generator.render import french
from generator.render.views.core import Context, ViewCore
from generator.site import urls
from generator.site.plan import PageSpec


class ArticleViews(ViewCore):
    """The ``article`` page family."""

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

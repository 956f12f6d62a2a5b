"""The pages that list articles or groups of them: home, timeline (years, months, undated),
relations, countries, people and the review queue. They share the rows a group is shown
as (a year, a pair, a country, a person), so they live together."""

from __future__ import annotations

from generator.render import figures, french
from generator.render.views.core import Context, ViewCore
from generator.site import urls
from generator.site.people import PersonEntry
from generator.site.plan import PageSpec
from generator.site.relations import CountryEntry, PairHistory
from generator.site.timeline import MonthGroup, YearGroup


class ListViews(ViewCore):
    """The list page families, one ``_<kind>`` method each."""

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

    # -- timeline ----------------------------------------------------------------------------

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

    def _undated_link(self) -> Context | None:
        count = len(self.model.timeline.undated)
        if not count:
            return None
        return {
            "url": self.href(urls.UNDATED),
            "count": count,
            "count_text": french.count_noun(count, "article"),
        }

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

    # -- relations -----------------------------------------------------------------------------

    def _pair_row(self, history: PairHistory) -> Context:
        return {
            **self._pair_link(history.pair),
            "count": history.count,
            "count_text": french.count_noun(history.count, "article"),
            "first": french.format_date(history.first),
            "latest": french.format_date(history.latest),
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

    # -- countries -----------------------------------------------------------------------------

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

    # -- people --------------------------------------------------------------------------------

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

    # -- review queue ------------------------------------------------------------------------

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


def _first_page(spec: PageSpec) -> bool:
    return spec.page is None or spec.page.number == 1

"""Model -> the charts of the home, relation and timeline pages, each with its data table.

A figure is the context of ``templates/partials/chart.html``:

- ``id``: unique on its page; the SVG's ``<title>`` is ``<id>-titre``;
- ``kind``: which partial draws the chart (``columns``, ``bars``, ``heat``);
- ``title``: the SVG ``<title>`` and the visible caption; ``notes``: what else to know;
  ``legend``: whether the caption explains the colours;
- ``chart``: geometry from ``render/charts.py``, or None when nothing is drawn;
- ``table``: every number the chart draws (and its links), the chart's text alternative;
  ``collapsed`` puts it in a "Voir les données" ``<details>``.

The partials pass the titles, notes and tooltips through ``|typo`` (render/typography.py),
so the French spaces before colons are added there, as everywhere else.

Visits: a relation's chart also shows how many of each year's articles report a visit,
known from their tags: a tag whose first word is "visite" ("visite officielle" and
"visite d'État" in generator/data/tags.yaml, or "visite" written by hand). A relation with
no such article gets neither the dark part of the columns nor the table's "Visites" column.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.content.model import Article
from generator.render import french
from generator.render.charts import (
    BarInput,
    ColumnInput,
    HeatRowInput,
    bar_chart,
    column_chart,
    heat_strip,
)
from generator.site import urls
from generator.site.relations import PairHistory
from generator.site.timeline import Timeline

Context = dict[str, Any]
Href = Callable[[str], str]

#: How many of the home country's partners the home page chart shows.
PARTNER_LIMIT = 15
#: The axis label of the undated column ("sans date", as bibliographies abbreviate it).
UNDATED_LABEL = "s. d."


def is_visit(tag: str) -> bool:
    """'visite', 'visite officielle', "Visite d'État": a tag naming a visit."""
    words = tag.casefold().split()
    return bool(words) and words[0] in {"visite", "visites"}


def pair_history(history: PairHistory, href: Href, *, chart: bool = True) -> Context:
    """A relation's articles per year, every year from the first to the last (years
    without an article count 0, so gaps show), undated articles last. ``chart=False``
    keeps only the table (the relation's later pages)."""
    counts = {item.year: item.count for item in history.years}
    visits = _visits_by_year(history.articles)
    with_visits = any(visits.values())
    known = [year for year in counts if year is not None]
    years: list[int | None] = list(range(min(known), max(known) + 1)) if known else []
    if None in counts:
        years.append(None)
    inputs, rows = [], []
    for year in years:
        count, visit_count = counts.get(year, 0), visits.get(year, 0)
        label = str(year) if year is not None else "Sans date"
        tooltip = f"{label} : {french.count_noun(count, 'article')}"
        if with_visits and visit_count:
            tooltip += f", dont {french.count_noun(visit_count, 'visite')}"
        axis_label = str(year) if year is not None else UNDATED_LABEL
        inputs.append(ColumnInput(axis_label, count, visit_count, tooltip))
        cells = [french.format_number(count)]
        if with_visits:
            cells.append(french.format_number(visit_count))
        url = href(urls.year_url(year)) if year is not None and count else None
        rows.append({"header": {"text": label, "url": url}, "cells": cells})
    return {
        "id": "graphique-relation",
        "kind": "columns",
        "title": f"Articles par année, {history.pair.name}",
        "notes": [],
        "legend": with_visits,
        "chart": column_chart(inputs) if chart else None,
        "table": {
            "caption": "Articles par année",
            "columns": ["Année", "Articles", *(["Visites"] if with_visits else [])],
            "rows": rows,
            "collapsed": False,
        },
    }


def _visits_by_year(articles: Iterable[Article]) -> dict[int | None, int]:
    visits: dict[int | None, int] = {}
    for article in articles:
        if any(is_visit(tag) for tag in article.tags):
            visits[article.date.year] = visits.get(article.date.year, 0) + 1
    return visits


def partners(histories: Iterable[PairHistory], home_code: str, href: Href) -> Context | None:
    """The home country's partners by article count (most first, then by name), at most
    PARTNER_LIMIT of them; None when the home country has no relation."""
    mine = [history for history in histories if history.pair.first.code == home_code]
    if not mine:
        return None
    ranked = sorted(mine, key=lambda history: (-history.count, history.pair.second.slug))
    shown = ranked[:PARTNER_LIMIT]
    inputs = [
        BarInput(
            history.pair.second.name,
            history.count,
            f"{history.pair.second.name} : {french.count_noun(history.count, 'article')}",
        )
        for history in shown
    ]
    notes = []
    if len(ranked) > len(shown):
        notes.append(f"Les {len(shown)} partenaires les plus cités, sur {len(ranked)}.")
    home = mine[0].pair.first.name
    return {
        "id": "graphique-partenaires",
        "kind": "bars",
        "title": f"Articles par pays partenaire ({home})",
        "notes": notes,
        "legend": False,
        "chart": bar_chart(inputs),
        "table": {
            "caption": f"Articles par pays partenaire ({home})",
            "columns": ["Pays", "Articles"],
            "rows": [
                {
                    "header": {"text": history.pair.second.name, "url": href(urls.pair_url(history.pair))},
                    "cells": [french.format_number(history.count)],
                }
                for history in shown
            ],
            "collapsed": True,
        },
    }


def timeline(model_timeline: Timeline, href: Href) -> Context | None:
    """Every year from the newest to the oldest (as the page lists them; a year without
    articles is an empty row) by month; a 13th column '?' holds the articles whose month
    is unknown, when some year has any. Undated articles are not drawn (a note says so).
    Empty cells have no tooltip. None when no article is dated."""
    groups = {year.year: year for year in model_timeline.years}
    if not groups:
        return None
    unknown = any(month.month is None for year in groups.values() for month in year.months)
    months: list[int | None] = [*range(1, 13), *([None] if unknown else [])]
    rows, table_rows = [], []
    for number in range(max(groups), min(groups) - 1, -1):
        group = groups.get(number)
        counts = {month.month: len(month.articles) for month in group.months} if group else {}
        values = tuple(counts.get(month, 0) for month in months)
        tooltips = tuple(
            f"{_period(month, number)} : {french.count_noun(value, 'article')}" if value else ""
            for month, value in zip(months, values, strict=True)
        )
        rows.append(HeatRowInput(str(number), values, tooltips))
        table_rows.append(
            {
                "header": {"text": str(number), "url": href(urls.year_url(number)) if group else None},
                "cells": [french.format_number(value) for value in (*values, sum(values))],
            }
        )
    notes = []
    if unknown:
        notes.append("? : mois inconnu.")
    if model_timeline.undated:
        notes.append("Les articles sans date n'y figurent pas.")
    headers = [french.month_initial(month) if month else "?" for month in months]
    return {
        "id": "graphique-chronologie",
        "kind": "heat",
        "title": "Articles par mois et par année",
        "notes": notes,
        "legend": True,
        "chart": heat_strip(headers, rows),
        "table": {
            "caption": "Articles par mois et par année",
            "columns": [
                "Année",
                *(french.month_abbreviation(month) if month else "Mois inconnu" for month in months),
                "Total",
            ],
            "rows": table_rows,
            "collapsed": True,
        },
    }


def _period(month: int | None, year: int) -> str:
    return f"{french.month_name(month)} {year}" if month else f"{year}, mois inconnu"

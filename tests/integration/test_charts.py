"""The static SVG charts of the basic site: accessible, styled by class, and every number
they draw is in the table beside them."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import BuiltSite

#: The pages with a chart, and the id of the chart's <title>.
CHART_PAGES = [
    ("index.html", "graphique-partenaires-titre"),
    ("relations/vietnam-bielorussie/index.html", "graphique-relation-titre"),
    ("relations/vietnam-france/index.html", "graphique-relation-titre"),
    ("chronologie/index.html", "graphique-chronologie-titre"),
]
#: A number as the site writes it ('7', '2019', '1 234' with a narrow no-break space).
NUMBER = re.compile(r"\d+(?:[\u202f\u00a0]\d{3})*")


class FigureParser(HTMLParser):
    """Each <figure class="chart">: its SVG's attributes, the text drawn in the SVG
    (<text> and <title>), and the text of each cell of its table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[dict] = []
        self._stack: list[str] = []
        self._figure: dict | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._stack.append(tag)
        if tag == "figure" and "chart" in (attributes.get("class") or "").split():
            self._figure = {"svg": None, "titles": {}, "drawn": [], "cells": [], "elements": []}
            self.figures.append(self._figure)
        if self._figure is None:
            return
        self._figure["elements"].append((tag, attributes))
        if tag == "svg":
            self._figure["svg"] = attributes
        if tag == "title" and attributes.get("id"):
            self._figure["titles"][attributes["id"]] = ""
            self._figure["current_title"] = attributes["id"]
        if tag in ("td", "th") and "table" in self._stack:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        while self._stack and self._stack.pop() != tag:
            pass
        if self._figure is None:
            return
        if tag in ("td", "th") and self._cell is not None:
            self._figure["cells"].append("".join(self._cell).strip())
            self._cell = None
        if tag == "title":
            self._figure.pop("current_title", None)
        if tag == "figure":
            self._figure = None

    def handle_data(self, data: str) -> None:
        if self._figure is None:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif "svg" in self._stack and self._stack[-1] in ("text", "title"):
            self._figure["drawn"].append(data)
            if "current_title" in self._figure:
                self._figure["titles"][self._figure["current_title"]] += data


def figures_of(site: BuiltSite, relative: str) -> list[dict]:
    parser = FigureParser()
    parser.feed((site.directory / relative).read_text(encoding="utf-8"))
    return parser.figures


@pytest.mark.parametrize(("relative", "title_id"), CHART_PAGES)
def test_chart_is_an_image_named_by_its_title_when_a_page_has_one(
    basic_site: BuiltSite, relative: str, title_id: str
) -> None:
    (figure,) = figures_of(basic_site, relative)
    svg = figure["svg"]
    assert svg["role"] == "img"
    assert svg["aria-labelledby"] == title_id
    assert figure["titles"][title_id].strip()
    assert svg["viewbox"].startswith("0 0 ")


@pytest.mark.parametrize(("relative", "title_id"), CHART_PAGES)
def test_every_number_drawn_is_in_the_table_when_a_page_has_a_chart(
    basic_site: BuiltSite, relative: str, title_id: str
) -> None:
    (figure,) = figures_of(basic_site, relative)
    numbers = [number for text in figure["drawn"] for number in NUMBER.findall(text)]
    assert numbers, "the chart draws no number"
    cells = set(figure["cells"])
    missing = sorted({number for number in numbers if number not in cells})
    assert missing == [], f"{relative}: drawn but not in the table: {missing}"


@pytest.mark.parametrize(("relative", "title_id"), CHART_PAGES)
def test_chart_is_styled_by_classes_only_when_drawn(
    basic_site: BuiltSite, relative: str, title_id: str
) -> None:
    (figure,) = figures_of(basic_site, relative)
    for tag, attributes in figure["elements"]:
        assert "style" not in attributes, (tag, attributes)  # style-src 'self' would block it
        assert "fill" not in attributes, (tag, attributes)  # colours come from the stylesheet
        if tag == "rect":
            assert attributes.get("class"), attributes


def test_relation_chart_shows_visits_apart_when_a_tag_marks_one(basic_site: BuiltSite) -> None:
    (figure,) = figures_of(basic_site, "relations/vietnam-bielorussie/index.html")
    assert any(attributes.get("class") == "chart-part" for tag, attributes in figure["elements"])
    assert "Visites" in figure["cells"]
    (plain,) = figures_of(basic_site, "relations/vietnam-france/index.html")
    assert not any(attributes.get("class") == "chart-part" for tag, attributes in plain["elements"])
    assert "Visites" not in plain["cells"]


def test_relation_chart_is_on_the_first_page_only_when_the_list_is_paginated(basic_site: BuiltSite) -> None:
    html = (basic_site.directory / "relations/vietnam-bielorussie/page/2/index.html").read_text("utf-8")
    assert "<svg" not in html
    assert "<caption>Articles par année</caption>" in html  # the table stays


def test_timeline_strip_has_a_column_for_the_unknown_month_when_a_year_has_one(basic_site: BuiltSite) -> None:
    (figure,) = figures_of(basic_site, "chronologie/index.html")
    assert "Mois inconnu" in figure["cells"]
    assert "2015, mois inconnu\u00a0: 1 article" in figure["drawn"]


def test_partner_table_links_each_relation_when_the_home_page_is_built(basic_site: BuiltSite) -> None:
    html = (basic_site.directory / "index.html").read_text("utf-8")
    table = html[html.index('<details class="chart-data">') : html.index("</details>")]
    assert '<a href="/relations/vietnam-bielorussie/">Biélorussie</a></th><td>5</td>' in table
    assert "/relations/allemagne-france/" not in table  # not a partner of the home country

"""sitemap-news.xml: a Google News sitemap of the newest articles, valid against the sitemap
schema with the news extension (tests/schemas/sitemap-news.xsd imports sitemap.xsd), and
named in robots.txt beside the main sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Callable
from pathlib import Path

import pytest
import xmlschema

from tests.conftest import REPO_ROOT, BuiltSite

SCHEMA_FILE = REPO_ROOT / "tests" / "schemas" / "sitemap-news.xsd"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMA_FILE)


def entries(site: BuiltSite) -> list[dict[str, str | None]]:
    root = ElementTree.parse(site.directory / "sitemap-news.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    return [
        {
            "loc": url.findtext(f"{SITEMAP}loc"),
            "name": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name"),
            "language": url.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language"),
            "date": url.findtext(f"{NEWS}news/{NEWS}publication_date"),
            "title": url.findtext(f"{NEWS}news/{NEWS}title"),
        }
        for url in root.iter(f"{SITEMAP}url")
    ]


@pytest.mark.parametrize("site_fixture", ["basic_site", "basic_site_subpath", "shipped_site"])
def test_news_sitemap_is_valid_with_the_news_namespace(
    site_fixture: str, schema: xmlschema.XMLSchema, request: pytest.FixtureRequest
) -> None:
    site: BuiltSite = request.getfixturevalue(site_fixture)
    schema.validate(str(site.directory / "sitemap-news.xml"))
    text = (site.directory / "sitemap-news.xml").read_text(encoding="utf-8")
    assert 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' in text


def test_news_sitemap_lists_the_newest_day_of_the_archive(basic_site: BuiltSite) -> None:
    assert entries(basic_site) == [
        {
            "loc": "http://example.org/articles/vietnam-japon-stagiaires-techniques/",
            "name": "Rédaction de test",
            "language": "fr",
            "date": "2023-07-09",
            "title": "Des stagiaires techniques vietnamiens accueillis au Japon",
        }
    ]


def test_news_sitemap_window_is_two_days_back_from_the_newest_article(
    make_site: Callable[[dict[str, str]], Path], build_site_dir: Callable[..., BuiltSite]
) -> None:
    def article(title: str, when: str) -> str:
        return f'---\ntitle: "{title}"\ndate: {when}\n---\n\nTexte.\n'

    site = build_site_dir(
        make_site(
            {
                "content/a.md": article("Le plus récent & <le dernier>", "2024-03-01"),
                "content/b.md": article("La veille", "2024-02-29"),
                "content/c.md": article("Trop ancien", "2024-02-28"),
                "content/d.md": article("Mois seulement", "2024-03"),
            }
        )
    )
    assert [(entry["title"], entry["date"]) for entry in entries(site)] == [
        ("Le plus récent & <le dernier>", "2024-03-01"),
        ("La veille", "2024-02-29"),
    ]
    xmlschema.XMLSchema(SCHEMA_FILE).validate(str(site.directory / "sitemap-news.xml"))


@pytest.mark.parametrize("site_fixture", ["basic_site", "basic_site_subpath"])
def test_robots_txt_names_the_news_sitemap_beside_the_main_one(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    site: BuiltSite = request.getfixturevalue(site_fixture)
    lines = (site.directory / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == [f"Sitemap: {site.base_url}sitemap.xml", f"Sitemap: {site.base_url}sitemap-news.xml"]

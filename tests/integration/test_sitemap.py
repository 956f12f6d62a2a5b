"""sitemap.xml is valid against the sitemap 0.9 schema and lists exactly the indexable pages.

The schema, tests/schemas/sitemap.xsd, is written from the sitemaps.org protocol and kept in
the repository because tests run without network access.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

import pytest
import xmlschema

from tests.conftest import REPO_ROOT, BuiltSite

SCHEMA_FILE = REPO_ROOT / "tests" / "schemas" / "sitemap.xsd"
NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>'


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMA_FILE)


class _RobotsMeta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.noindex = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("name") or "").lower() == "robots":
            self.noindex |= "noindex" in (values.get("content") or "").lower()


def is_noindex(page: Path) -> bool:
    parser = _RobotsMeta()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.noindex


def page_url(site: BuiltSite, page: Path) -> str:
    relative = page.relative_to(site.directory).as_posix()
    return site.base_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def listed_urls(site: BuiltSite) -> list[str]:
    tree = ElementTree.parse(site.directory / "sitemap.xml")
    return [(loc.text or "").strip() for loc in tree.getroot().iter(f"{NAMESPACE}loc")]


def indexable_pages(site: BuiltSite) -> set[str]:
    return {
        page_url(site, page)
        for page in site.directory.rglob("*.html")
        if page.name != "404.html" and not is_noindex(page)
    }


# -- the schema itself --------------------------------------------------------------------------


def test_schema_accepts_every_field_of_the_protocol(schema: xmlschema.XMLSchema) -> None:
    entry = (
        "<url><loc>http://example.org/a/</loc><lastmod>2019-03-20</lastmod>"
        "<changefreq>monthly</changefreq><priority>0.8</priority></url>"
        "<url><loc>https://example.org/b/</loc><lastmod>2019-03-20T10:00:00+07:00</lastmod></url>"
    )
    schema.validate(URLSET.format(entry))


@pytest.mark.parametrize(
    "entry",
    [
        "<url><lastmod>2019-03-20</lastmod></url>",  # no <loc>
        "<url><loc>/relative/</loc></url>",  # not an absolute URL
        "<url><loc>http://example.org/</loc><lastmod>2019-03</lastmod></url>",  # partial date
        "<url><loc>http://example.org/</loc><changefreq>sometimes</changefreq></url>",
        "<url><loc>http://example.org/</loc><priority>1.5</priority></url>",
        "<url><priority>0.5</priority><loc>http://example.org/</loc></url>",  # wrong order
        "<url><loc>http://example.org/</loc><title>x</title></url>",  # unknown element
    ],
)
def test_schema_rejects_entry_when_it_breaks_the_protocol(schema: xmlschema.XMLSchema, entry: str) -> None:
    assert not schema.is_valid(URLSET.format(entry))


# -- the built sitemaps ---------------------------------------------------------------------


@pytest.mark.parametrize("site_fixture", ["basic_site", "basic_site_subpath", "shipped_site"])
def test_sitemap_is_valid_against_sitemap_schema(
    site_fixture: str, schema: xmlschema.XMLSchema, request: pytest.FixtureRequest
) -> None:
    site: BuiltSite = request.getfixturevalue(site_fixture)
    schema.validate(str(site.directory / "sitemap.xml"))


@pytest.mark.parametrize("site_fixture", ["basic_site", "basic_site_subpath", "shipped_site"])
def test_sitemap_lists_every_indexable_page_and_nothing_else(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    site: BuiltSite = request.getfixturevalue(site_fixture)
    listed = listed_urls(site)
    assert len(listed) == len(set(listed)), "a URL is listed twice"
    assert all(url.startswith(site.base_url) for url in listed)
    pages = indexable_pages(site)
    missing = sorted(pages - set(listed))
    not_built = sorted(set(listed) - pages)
    assert not missing, "indexable pages missing from sitemap.xml:\n" + "\n".join(missing)
    assert not not_built, "sitemap.xml lists URLs that are not indexable built pages:\n" + "\n".join(
        not_built
    )


def test_sitemap_leaves_out_404_and_noindex_pages(basic_site: BuiltSite) -> None:
    listed = set(listed_urls(basic_site))
    review = basic_site.directory / "a-verifier" / "index.html"
    assert is_noindex(review) and is_noindex(basic_site.directory / "404.html")
    assert "http://example.org/a-verifier/" not in listed
    assert "http://example.org/404.html" not in listed
    assert "http://example.org/relations/vietnam-bielorussie/page/2/" in listed


def test_sitemap_gives_lastmod_only_for_articles_with_a_full_date(basic_site: BuiltSite) -> None:
    tree = ElementTree.parse(basic_site.directory / "sitemap.xml")
    lastmod = {url.findtext(f"{NAMESPACE}loc"): url.findtext(f"{NAMESPACE}lastmod") for url in tree.getroot()}
    base = "http://example.org/articles/"
    assert lastmod[base + "vietnam-bielorussie-accord-laitier/"] == "2018-01-01"
    assert lastmod[base + "vietnam-bielorussie-bourses-etudiants/"] is None  # 2019-03
    assert lastmod[base + "vietnam-bielorussie-forum-economique/"] is None  # 2015
    assert lastmod[base + "vietnam-bielorussie-delegation-parlementaire/"] is None  # undated


@pytest.mark.parametrize("site_fixture", ["basic_site", "basic_site_subpath"])
def test_robots_txt_points_at_the_sitemap(site_fixture: str, request: pytest.FixtureRequest) -> None:
    site: BuiltSite = request.getfixturevalue(site_fixture)
    robots = (site.directory / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {site.base_url}sitemap.xml" in robots.splitlines()

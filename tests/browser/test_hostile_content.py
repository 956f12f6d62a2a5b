"""Content is never trusted: an article whose every field tries to run a script runs none.

tests/sites/hostile/content/2021/festival-piege.md puts ``<script>``, ``onerror=``,
``onload=``, ``javascript:`` URLs, ``<iframe>``, ``<svg>``, ``<object>``, a ``<noscript>``
mutation trick and a ``</script>`` JSON-LD break-out into its title, summary, dateline,
source, source URL, people, tags, review list and body. Every page of the built site (and
the feeds, the pages they link to, and a search for the article) is opened in headless
Chromium: no dialog may open and no console error be logged (tests/browser/conftest.py
records both on every page), and the hostile text must be shown as text. The HTML itself is
checked too: JSON-LD that cannot end its ``<script>`` early, ``rel="noopener"`` on every
external link, no ``javascript:`` URL left anywhere. A ``javascript:`` source URL is
refused at validation, which the last tests check without a browser.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import feedparser
import pytest
from playwright.sync_api import Page, Route

from generator.cli import EXIT_USER, main
from generator.render.typography import typo_text
from tests.browser.conftest import ServedSite, Tabs, served_site
from tests.conftest import REPO_ROOT, SITES_DIR, BuiltSite
from tests.tools.linkcheck import check_links

HOSTILE_SITE = SITES_DIR / "hostile"
ARTICLE = "articles/festival-piege/"
TITLE = (
    "Festival </script><script>alert('titre')</script> <img src=x onerror=alert('titre-img')> : Hanoï & Lyon"
)
#: The title as pages show it: French typography puts a no-break space before the colon
#: (JSON-LD and feeds keep TITLE as written).
SHOWN_TITLE = typo_text(TITLE)
SUMMARY = "Un chapeau </script><script>alert('chapeau')</script> avec <b>du HTML</b> & une esperluette."
DATELINE = "Hanoï <svg onload=alert('dateline')>"
SOURCE = "Agence <script>alert('source')</script> fictive"
#: Harmless (http) but full of quotes and markup: it must stay one attribute value.
SOURCE_URL = "https://example.com/depeche?id=1&x=\"><script>alert('url')</script>&y=' onmouseover='alert(1)"
PEOPLE = [
    "Nguyễn <img src=x onerror=alert('personne')>, ministre </script><script>alert('role')</script>"
    " (Vietnam)",
    "Jean \"><svg onload=alert('nom')>, maire (France)",
]
TAGS = ["culture", "<script>alert('mot-cle')</script>", "javascript:alert('tag')"]
REVIEW = "Vérifier <img src=x onerror=alert('a-verifier')>"
#: A word only the hostile article contains, to find it with the search page.
SEARCH_WORD = "ornithorynque"
#: Elements and attributes that could run code: none may be in any page (the templates'
#: own scripts are files of the site, loaded with src).
#: (The site's own charts are static SVG, class chart-svg, on the home, relation and
#: timeline pages; no other svg may appear, and none at all in a body.)
DANGEROUS = (
    "script:not([type='application/ld+json']):not([src]), iframe, object, embed, svg:not(.chart-svg), math, "
    "[onerror], [onload], [onclick], [onmouseover], [srcdoc]"
)
#: And in an article body, where the templates put no form, noscript or inline style either.
DANGEROUS_IN_BODY = f"{DANGEROUS}, svg, form, button, noscript, [style]"


@pytest.fixture(scope="module")
def hostile_site(
    tmp_path_factory: pytest.TempPathFactory, serve: Callable[[BuiltSite], ServedSite]
) -> ServedSite:
    """tests/sites/hostile built once (with its search index) and served at the root."""
    return served_site(HOSTILE_SITE, "/", tmp_path_factory, serve)


def broken_image(tabs: Tabs) -> list[str]:
    """Serve the sanitised body's ``<img src="x">`` as an undecodable image.

    The body's ``<noscript>`` trick leaves a real ``<img src="x">`` (its ``onerror`` stripped):
    its load must fail, or an ``onerror`` that survived would never have fired; but a 404
    would be a console error, so the image is answered with bytes that are not an image.
    Returns the list the requested URLs are appended to.
    """
    requested: list[str] = []

    def answer(route: Route) -> None:
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=b"pas une image")

    tabs.context.route(re.compile(r".*/articles/festival-piege/x$"), answer)
    return requested


def open_page(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, url
    page.wait_for_timeout(50)  # let anything that would run (onload, onerror) run


def site_pages(site: ServedSite) -> list[str]:
    """Every page of the build, as paths relative to the base path ('articles/x/')."""
    pages = []
    for path in sorted(site.build.directory.rglob("*.html")):
        relative = path.relative_to(site.build.directory).as_posix()
        if not relative.startswith("pagefind/"):
            pages.append(relative.removesuffix("index.html"))
    return pages


# --- in the browser ----------------------------------------------------------------------


def test_no_script_runs_when_every_page_of_the_hostile_site_is_opened(
    tabs: Tabs, page: Page, hostile_site: ServedSite
) -> None:
    requested = broken_image(tabs)
    pages = site_pages(hostile_site)
    assert ARTICLE in pages and "a-verifier/" in pages and "relations/vietnam-france/" in pages
    for relative in pages:
        open_page(page, hostile_site.url(relative))
        assert page.locator(DANGEROUS).count() == 0, relative
        assert page.evaluate("document.body.textContent").count("piraté") == 0, relative
    assert requested, "the hostile <img src=x> was never loaded: the test proved nothing about onerror"
    assert tabs.watch.problems() == []


def test_no_script_runs_when_the_feeds_and_the_pages_they_link_to_are_opened(
    tabs: Tabs, page: Page, hostile_site: ServedSite
) -> None:
    broken_image(tabs)
    base_url = hostile_site.build.base_url
    linked = set()
    for feed in ("atom.xml", "relations/vietnam-france/atom.xml"):
        open_page(page, hostile_site.url(feed))
        parsed = feedparser.parse((hostile_site.build.directory / feed).read_bytes())
        assert any(entry.title == TITLE for entry in parsed.entries), feed
        linked |= {entry.link for entry in parsed.entries}
    assert base_url + ARTICLE in linked
    for link in sorted(linked):
        assert link.startswith(base_url), link
        open_page(page, hostile_site.url(link[len(base_url) :]))
        assert page.locator(DANGEROUS).count() == 0, link
    assert tabs.watch.problems() == []


def test_hostile_fields_are_shown_as_text_when_the_article_is_opened(
    tabs: Tabs, page: Page, hostile_site: ServedSite
) -> None:
    broken_image(tabs)
    open_page(page, hostile_site.url(ARTICLE))
    assert page.locator("h1").text_content() == SHOWN_TITLE
    assert page.title().startswith(SHOWN_TITLE)
    assert page.locator("p.lead").text_content() == typo_text(SUMMARY)
    assert page.locator(".dateline").text_content() == DATELINE
    source = page.locator("p.meta a[rel~='external']")
    assert source.text_content() == SOURCE
    assert source.get_attribute("href") == SOURCE_URL
    assert set(source.get_attribute("rel").split()) >= {"noopener", "noreferrer"}
    assert [" ".join(text.split()) for text in page.locator("ul.people li").all_text_contents()] == PEOPLE
    assert page.locator("ul.tags li").all_text_contents() == TAGS
    assert page.locator(".review-notice li").all_text_contents() == [REVIEW]
    body = page.locator("div.body")
    assert "Des chefs lyonnais" in body.text_content()
    assert body.locator(DANGEROUS_IN_BODY).count() == 0
    assert body.locator("a[href]").evaluate_all("links => links.map(link => link.href)") == [
        "https://example.com/festival"
    ]
    assert page.locator("a[href^='javascript:' i], [src^='javascript:' i]").count() == 0
    assert tabs.watch.problems() == []


def test_hostile_title_is_text_when_the_search_page_finds_the_article(
    tabs: Tabs, page: Page, hostile_site: ServedSite
) -> None:
    open_page(page, hostile_site.url(f"recherche/?{urlencode({'q': SEARCH_WORD})}"))
    page.wait_for_selector("#search[data-state=done]")
    results = page.locator("#search-results li.result")
    assert results.locator("h2 a").all_text_contents() == [SHOWN_TITLE]
    assert urlsplit(results.locator("h2 a").first.get_attribute("href")).path == f"/{ARTICLE}"
    assert results.locator(DANGEROUS).count() == 0
    assert (
        results.locator("p.excerpt *").evaluate_all("nodes => nodes.map(node => node.nodeName)")
        == ["MARK"] * results.locator("p.excerpt mark").count()
    )
    assert tabs.watch.problems() == []


# --- in the HTML -------------------------------------------------------------------------

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.anchors.append(dict(attrs))


def test_json_ld_cannot_end_its_script_element_when_fields_hold_closing_tags(
    hostile_site: ServedSite,
) -> None:
    html = (hostile_site.build.directory / ARTICLE / "index.html").read_text(encoding="utf-8")
    blocks = JSON_LD.findall(html)
    assert len(blocks) == 2  # NewsArticle and BreadcrumbList, each ended where it should be
    for block in blocks:
        assert "<" not in block and ">" not in block, block  # no </script>, no <!--
    news, trail = (json.loads(block) for block in blocks)
    assert news["headline"] == TITLE
    assert news["description"] == SUMMARY
    assert news["isBasedOn"] == SOURCE_URL
    assert [person["name"] for person in news["mentions"]] == [
        "Nguyễn <img src=x onerror=alert('personne')>",
        "Jean \"><svg onload=alert('nom')>",
    ]
    assert trail["itemListElement"][-1]["name"] == TITLE


def test_every_external_link_gets_noopener_when_the_site_is_built(hostile_site: ServedSite) -> None:
    base = urlsplit(hostile_site.build.base_url).netloc
    external = []
    for path in sorted(hostile_site.build.directory.rglob("*.html")):
        parser = _Anchors()
        parser.feed(path.read_text(encoding="utf-8"))
        for anchor in parser.anchors:
            href = anchor.get("href") or ""
            if urlsplit(href).scheme in ("http", "https") and urlsplit(href).netloc != base:
                external.append(href)
                assert "noopener" in (anchor.get("rel") or "").split(), (path, href)
    assert SOURCE_URL in external and "https://example.com/festival" in external


def test_no_javascript_url_is_left_when_the_site_is_built(hostile_site: ServedSite) -> None:
    report = check_links(hostile_site.build.directory, hostile_site.build.base_url)
    assert report.internal, "the checker found nothing to check"
    # The only broken link is the sanitised <img src="x"> (see broken_image); above all, no
    # link has a scheme other than http(s), mailto, tel or data.
    assert [(b.link.page, b.link.value) for b in report.broken] == [(f"{ARTICLE}index.html", "x")]


# --- a javascript: source URL is refused ---------------------------------------------------


def hostile_copy(tmp_path: Path, source_url: str) -> Path:
    """The hostile site in tmp_path, its article's source_url replaced by ``source_url``."""
    site = tmp_path / "hostile"
    shutil.copytree(HOSTILE_SITE / "content", site / "content")
    (site / "site.yaml").write_text(
        'base_url: "http://example.org/"\npaths:\n'
        f'  templates: "{(REPO_ROOT / "templates").as_posix()}"\n'
        f'  static: "{(REPO_ROOT / "static").as_posix()}"\n',
        encoding="utf-8",
    )
    article = site / "content" / "2021" / "festival-piege.md"
    text = article.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("source_url: "))
    article.write_text(text.replace(line, f"source_url: {json.dumps(source_url)}"), encoding="utf-8")
    return site


@pytest.mark.parametrize(
    "source_url",
    [
        "javascript:alert(document.cookie)",
        "JavaScript:alert(1)",
        "  javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x",
    ],
)
def test_source_url_is_refused_with_its_line_when_it_is_not_http(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source_url: str
) -> None:
    site = hostile_copy(tmp_path, source_url)
    for command in ("check", "build"):
        assert main([command, "--config", str(site / "site.yaml")]) == EXIT_USER
        err = capsys.readouterr().err
        assert err.splitlines()[0] == (
            "content/2021/festival-piege.md:6: error [front-matter.url]: "
            f"'source_url' must be an http(s) URL, got '{source_url.strip()}'"
        )
    assert not (site / "build").exists()

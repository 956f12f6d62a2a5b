"""French typography in the basic site: on what readers see, not in what machines read."""

from __future__ import annotations

import json
import re

from tests.conftest import BuiltSite

ARTICLE = "articles/vietnam-france-festival-gastronomie/index.html"
ESCAPED_TITLE = "Festival &lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt; &amp; gastronomie"
RAW_TITLE = "Festival <script>alert('titre')</script> & gastronomie : Hanoï reçoit Lyon"


def page(site: BuiltSite, relative: str) -> str:
    return (site.directory / relative).read_text(encoding="utf-8")


def test_titles_get_french_spaces_when_shown_to_readers(basic_site: BuiltSite) -> None:
    html = page(basic_site, ARTICLE)
    assert f'<h1 data-pagefind-meta="title">{ESCAPED_TITLE}\u00a0: Hanoï reçoit Lyon</h1>' in html
    assert f"<title>{ESCAPED_TITLE}\u00a0: Hanoï reçoit Lyon · Archives de test\u00a0: le Vietnam" in html
    assert '<p class="lead">Un festival culinaire fictif\u202f; le titre' in html
    assert '<li aria-current="page">Festival' in html and "gastronomie\u00a0: Hanoï reçoit Lyon</li>" in html
    home = page(basic_site, "index.html")
    assert "Une relation sans le Vietnam\u00a0: son nom" in page(
        basic_site, "relations/allemagne-france/index.html"
    )
    assert "<h1>Archives de test\u00a0: le Vietnam et le monde</h1>" in home


def test_machine_readable_text_stays_as_written_when_typography_applies(basic_site: BuiltSite) -> None:
    html = page(basic_site, ARTICLE)
    assert '<meta property="og:title" content="Festival &lt;script&gt;' in html
    assert 'gastronomie : Hanoï reçoit Lyon">' in html  # og:title: raw spaces
    (news, _trail) = [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    ]
    assert news["headline"] == RAW_TITLE
    for data in ("data/articles.json", "atom.xml", "sitemap-news.xml"):
        text = page(basic_site, data)
        assert "\u00a0:" not in text and "\u202f" not in text, data


def test_template_text_gets_french_spaces_when_rendered(basic_site: BuiltSite) -> None:
    html = page(basic_site, ARTICLE)
    assert "Données&nbsp;: <a" in html
    assert "Source&nbsp;: " in html or "Source :" not in html

"""What the basic fixture is there to exercise, asserted directly.

The golden test catches any change; these assertions say which behaviours must survive a
golden regeneration (a regenerated golden copy could otherwise bless a regression).
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import BuiltSite


def page(site: BuiltSite, relative: str) -> str:
    return (site.directory / relative).read_text(encoding="utf-8")


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_basic_site_builds_without_warnings(basic_site: BuiltSite) -> None:
    assert basic_site.result.articles == 12
    assert basic_site.result.warnings == ()
    assert basic_site.reporter.errors == ""


def test_article_body_is_sanitised_when_it_holds_hostile_html(basic_site: BuiltSite) -> None:
    html = page(basic_site, "articles/vietnam-france-festival-gastronomie/index.html")
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(tag == '<script type="application/ld+json">' for tag in scripts)
    body = main_of(html).lower()
    for hostile in ("<script", "piraté", "onerror", "onclick", "javascript:"):
        assert hostile not in body, f"{hostile!r} survived in the article page"
    assert '<a href="https://example.com/festival" rel="noopener noreferrer">' in html


def test_title_is_escaped_when_it_contains_markup(basic_site: BuiltSite) -> None:
    html = page(basic_site, "articles/vietnam-france-festival-gastronomie/index.html")
    escaped = "Festival &lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt; &amp; gastronomie"
    # the no-break space before the colon is French typography (render/typography.py)
    assert f'<h1 data-pagefind-meta="title">{escaped}\u00a0: Hanoï reçoit Lyon</h1>' in html
    assert f"<title>{escaped}" in html


def test_relations_are_named_home_country_first_else_alphabetically(basic_site: BuiltSite) -> None:
    relations = sorted(path.name for path in (basic_site.directory / "relations").iterdir() if path.is_dir())
    assert relations == [
        "allemagne-france",  # FR-DE, no Vietnam: alphabetical
        "vietnam-bielorussie",
        "vietnam-cambodge",  # explicit pairs of the three-country article
        "vietnam-france",  # listed [FR, VN]: home country still first
        "vietnam-japon",
        "vietnam-laos",
    ]
    assert "<h1>Allemagne – France</h1>" in page(basic_site, "relations/allemagne-france/index.html")


def test_pair_page_is_paginated_when_relation_has_more_articles_than_per_page(basic_site: BuiltSite) -> None:
    pages = basic_site.directory / "relations" / "vietnam-bielorussie"
    assert (pages / "page" / "2" / "index.html").is_file()
    assert not (pages / "page" / "3").exists()
    assert "Page 2 sur 2" in page(basic_site, "relations/vietnam-bielorussie/page/2/index.html")


@pytest.mark.parametrize(
    ("slug", "shown"),
    [
        ("vietnam-bielorussie-accord-laitier", '<time datetime="2018-01-01">1er janvier 2018</time>'),
        ("vietnam-bielorussie-bourses-etudiants", '<time datetime="2019-03">mars 2019</time>'),
        ("vietnam-bielorussie-forum-economique", '<time datetime="2015">2015</time>'),
        ("vietnam-bielorussie-delegation-parlementaire", '<span class="unknown-date">date inconnue</span>'),
    ],
)
def test_article_date_is_shown_as_precisely_as_it_is_known(
    basic_site: BuiltSite, slug: str, shown: str
) -> None:
    header = main_of(page(basic_site, f"articles/{slug}/index.html")).split("</header>")[0]
    assert shown in header


def test_undated_article_is_flagged_and_listed_for_review(basic_site: BuiltSite) -> None:
    article = page(basic_site, "articles/vietnam-bielorussie-delegation-parlementaire/index.html")
    assert "Date absente de la dépêche : à retrouver dans les archives." in article
    review = page(basic_site, "a-verifier/index.html")
    assert '<meta name="robots" content="noindex">' in review
    assert "/articles/vietnam-bielorussie-delegation-parlementaire/" in review
    assert "/articles/vietnam-bielorussie-delegation-parlementaire/" in page(
        basic_site, "chronologie/sans-date/index.html"
    )


def test_people_are_listed_with_role_and_country(basic_site: BuiltSite) -> None:
    html = page(basic_site, "articles/sommet-mekong-cooperation-fluviale/index.html")
    assert (
        '<a href="/personnalites/somsak-exemplaire/">Somsak Exemplaire</a>, ministre des Transports '
        '(<a href="/pays/laos/">Laos</a>)'
    ) in html
    assert (
        '<a href="/personnalites/sokha-temoin/">Sokha Témoin</a> (<a href="/pays/cambodge/">Cambodge</a>)'
        in html
    )


def test_person_page_merges_the_spellings_the_alias_list_names(basic_site: BuiltSite) -> None:
    html = main_of(page(basic_site, "personnalites/alexander-lukashenko/index.html"))
    assert "<h1>Alexander Lukashenko</h1>" in html
    assert "<dd>Alexandre Loukachenko, Loukachenko</dd>" in html  # the other spellings
    assert "<dd>chef de l&#39;État\u202f; président</dd>" in html  # roles, newest first
    assert "<dd>4 articles</dd>" in html
    assert "Page 1 sur 2" in html  # per_page is 3
    second = main_of(page(basic_site, "personnalites/alexander-lukashenko/page/2/index.html"))
    assert "/articles/vietnam-bielorussie-forum-economique/" in second  # 'Loukachenko', 2015
    for slug in ("vietnam-bielorussie-tracteurs-assembles", "vietnam-bielorussie-bourses-etudiants"):
        article = page(basic_site, f"articles/{slug}/index.html")
        assert '<a href="/personnalites/alexander-lukashenko/">Alexandre Loukachenko</a>' in article
        assert '<span data-pagefind-filter="personne">Alexander Lukashenko</span>' in article
    assert not (basic_site.directory / "personnalites" / "loukachenko").exists()


def test_people_index_is_paginated_and_linked_from_every_page(basic_site: BuiltSite) -> None:
    index = main_of(page(basic_site, "personnalites/index.html"))
    assert '<p class="totals">11 personnalités</p>' in index
    assert '<a href="/personnalites/page/2/">2</a>' in index
    assert '<li><a href="/personnalites/">Personnalités</a></li>' in page(basic_site, "index.html")

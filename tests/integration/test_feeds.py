"""The Atom feeds of the basic site, read back with feedparser as a feed reader would."""

from __future__ import annotations

import feedparser
import pytest

from tests.conftest import BuiltSite

SITE_TITLE = "Archives de test : le Vietnam et le monde"
PAIR_FEED = "relations/vietnam-bielorussie/atom.xml"
HOSTILE_TITLE = "Festival <script>alert('titre')</script> & gastronomie : Hanoï reçoit Lyon"

#: The 10 newest *dated* articles (feeds.entries: 10): the undated one and the oldest are out.
SITE_FEED_SLUGS = [
    "vietnam-japon-stagiaires-techniques",
    "vietnam-japon-port-maritime",
    "vietnam-france-cooperation-sante",
    "france-allemagne-liaison-ferroviaire",
    "vietnam-france-festival-gastronomie",
    "sommet-mekong-cooperation-fluviale",
    "vietnam-bielorussie-bourses-etudiants",
    "vietnam-bielorussie-accord-laitier",
    "vietnam-exportations-riz",
    "vietnam-bielorussie-tracteurs-assembles",
]
#: Vietnam – Biélorussie: month-only, first-of-month, full and year-only dates; undated left out.
PAIR_FEED_SLUGS = [
    "vietnam-bielorussie-bourses-etudiants",
    "vietnam-bielorussie-accord-laitier",
    "vietnam-bielorussie-tracteurs-assembles",
    "vietnam-bielorussie-forum-economique",
]


def parse(site: BuiltSite, relative: str, sanitize: bool = True) -> feedparser.FeedParserDict:
    path = site.directory / relative
    assert path.is_file(), f"{relative} was not built"
    feed = feedparser.parse(path.read_bytes(), sanitize_html=sanitize)
    assert not feed.bozo, f"{relative} is not well-formed: {feed.get('bozo_exception')!r}"
    return feed


def links(feed: feedparser.FeedParserDict) -> dict[str, str]:
    return {link["rel"]: link["href"] for link in feed.feed.links}


def article_slugs(site: BuiltSite, feed: feedparser.FeedParserDict) -> list[str]:
    prefix = site.base_url + "articles/"
    slugs = []
    for entry in feed.entries:
        assert entry.link.startswith(prefix), entry.link
        slugs.append(entry.link[len(prefix) :].rstrip("/"))
    return slugs


def test_site_feed_lists_newest_dated_articles_first(basic_site: BuiltSite) -> None:
    feed = parse(basic_site, "atom.xml")
    assert feed.version == "atom10"
    assert feed.feed.title == SITE_TITLE
    assert links(feed) == {"self": "http://example.org/atom.xml", "alternate": "http://example.org/"}
    assert article_slugs(basic_site, feed) == SITE_FEED_SLUGS
    stamps = [entry.updated_parsed for entry in feed.entries]
    assert stamps == sorted(stamps, reverse=True)
    assert feed.feed.updated == feed.entries[0].updated == "2023-07-09T00:00:00Z"


def test_pair_feed_lists_only_that_relation_newest_first(basic_site: BuiltSite) -> None:
    feed = parse(basic_site, PAIR_FEED)
    assert feed.feed.title == f"{SITE_TITLE} : Vietnam – Biélorussie"
    assert links(feed) == {
        "self": "http://example.org/relations/vietnam-bielorussie/atom.xml",
        "alternate": "http://example.org/relations/vietnam-bielorussie/",
    }
    assert article_slugs(basic_site, feed) == PAIR_FEED_SLUGS
    assert [entry.updated[:10] for entry in feed.entries] == [
        "2019-03-01",
        "2018-01-01",
        "2016-09-14",
        "2015-01-01",
    ]
    assert all(tag.term == "Vietnam – Biélorussie" for entry in feed.entries for tag in entry.tags)


@pytest.mark.parametrize("relative", ["atom.xml", PAIR_FEED])
def test_feed_links_are_absolute_and_under_base_path_when_built_under_repo(
    basic_site_subpath: BuiltSite, relative: str
) -> None:
    site = basic_site_subpath
    feed = parse(site, relative)
    urls = [feed.feed.id, *links(feed).values()]
    urls += [url for entry in feed.entries for url in (entry.id, entry.link)]
    assert all(url.startswith("http://example.org/repo/") for url in urls), urls
    for entry in feed.entries:
        page = site.directory / entry.link[len(site.base_url) :] / "index.html"
        assert page.is_file(), f"{entry.link} is not a built page"


def test_feed_content_is_sanitised_and_titles_stay_text(basic_site: BuiltSite) -> None:
    # sanitize_html=False: we check what the generator wrote, not what feedparser cleans.
    feed = parse(basic_site, "atom.xml", sanitize=False)
    entry = next(e for e in feed.entries if e.link.endswith("/vietnam-france-festival-gastronomie/"))
    assert entry.title == HOSTILE_TITLE
    assert entry.title_detail.type == "text/plain"
    content = entry.content[0]
    assert content.type == "text/html"
    html = content.value.lower()
    for hostile in ("<script", "piraté", "onerror", "onclick", "javascript:"):
        assert hostile not in html, f"{hostile!r} survived in the feed content"
    assert '<a href="https://example.com/festival" rel="noopener noreferrer">' in content.value
    assert 'src="https://example.com/festival.jpg"' in content.value


def test_feeds_are_linked_from_the_pages_they_describe(basic_site: BuiltSite) -> None:
    home = (basic_site.directory / "index.html").read_text(encoding="utf-8")
    pair = (basic_site.directory / "relations/vietnam-bielorussie/index.html").read_text(encoding="utf-8")
    assert (
        'type="application/atom+xml" title="Archives de test : le Vietnam et le monde" href="/atom.xml"'
        in home
    )
    assert f'href="/{PAIR_FEED}"' in pair

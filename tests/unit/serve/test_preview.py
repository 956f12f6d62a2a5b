"""An edited article's page previewed from the last build is the page the rebuild writes,
and edits that change what other pages know about the article are left to the rebuild."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.build import BuildResult, CheckedSite
from generator.serve.preview import Preview, Previews, preview_articles, same_surroundings
from generator.site.urls import output_path
from tests.integration.test_incremental import ARTICLE, ARTICLE_URL, Site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "site")


def last_build(site: Site) -> CheckedSite:
    result: BuildResult = site.build()
    assert result.site is not None
    return result.site


def test_title_and_body_edits_preview_exactly_the_page_the_rebuild_writes(site: Site) -> None:
    checked = last_build(site)
    site.edit(ARTICLE, "soutient la modernisation", "finance la modernisation")
    site.edit(ARTICLE, "de nouveaux quais, a indiqué", "trois nouveaux quais, a indiqué")

    previews = preview_articles(site.config, checked, [site.root / ARTICLE])

    assert [preview.url for preview in previews] == [ARTICLE_URL]
    assert b"finance la modernisation" in previews[0].body
    site.build()
    assert previews[0].body == (site.output / output_path(ARTICLE_URL)).read_bytes()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("date: 2022-02-22", "date: 2022-03-22"),  # moves in the timeline
        ("countries: [JP, VN]", "countries: [JP, VN, KR]"),  # joins other relations
        ("name: Kenji Exemple", "name: Kenji Autre"),  # another person's page
        ("tags: [infrastructures, transport]", "tags: [infrastructures]"),  # other related articles
    ],
    ids=["date", "countries", "people", "tags"],
)
def test_edits_that_move_the_article_wait_for_the_rebuild(site: Site, old: str, new: str) -> None:
    checked = last_build(site)
    site.edit(ARTICLE, old, new)
    assert preview_articles(site.config, checked, [site.root / ARTICLE]) == []


def test_invalid_new_and_non_article_files_are_not_previewed(site: Site) -> None:
    checked = last_build(site)
    site.edit(ARTICLE, "date: 2022-02-22", "date: 2022-02-30")
    new = site.root / "content" / "2022" / "un-article-nouveau.md"
    new.write_text((site.root / ARTICLE).read_text(encoding="utf-8").replace("2022-02-30", "2022-02-20"))
    raw = site.root / "content" / "inbox" / "brut.md"
    raw.parent.mkdir()
    raw.write_text("pas encore un article", encoding="utf-8")
    stylesheet = site.root / "static" / "style.css"

    assert preview_articles(site.config, checked, [site.root / ARTICLE, new, raw, stylesheet]) == []


def test_surroundings_ignore_title_summary_and_body_only(site: Site) -> None:
    checked = last_build(site)
    article = next(spec.subject for spec in checked.specs if spec.url == ARTICLE_URL)
    assert same_surroundings(article, replace(article, title="x", summary="y", body="z", dateline="w"))
    assert not same_surroundings(article, replace(article, slug="autre"))
    assert not same_surroundings(article, replace(article, source_path="content/autre.md"))


def test_a_build_drops_the_previews_it_covers_and_keeps_newer_ones() -> None:
    previews = Previews()
    previews.show([Preview("/articles/a/", b"a2", "a", "digest-a2")], taken=3)  # before build 4 started
    previews.show([Preview("/articles/b/", b"b2", "b", "digest-b2")], taken=4)  # during build 4
    previews.show([Preview("/articles/c/", b"c2", "c", "digest-c2")], taken=4)  # during build 4
    # build 4 read b's edited bytes, but c's bytes from before the edit
    covered, newer = previews.settle(4, {"a": "digest-a1", "b": "digest-b2", "c": "digest-c1"})
    assert covered == {"/articles/a/": b"a2", "/articles/b/": b"b2"}
    assert newer == {"/articles/c/"}
    assert previews.get("/articles/a/") is None and previews.get("/articles/b/") is None
    assert previews.get("/articles/c/") == b"c2"  # still served: newer than build 4's page
    covered, newer = previews.settle(5, {"c": "digest-c2"})
    assert covered == {"/articles/c/": b"c2"} and newer == frozenset()
    assert previews.get("/articles/c/") is None


def test_preview_carries_the_hash_the_build_gives_the_same_bytes(site: Site) -> None:
    checked = last_build(site)
    site.edit(ARTICLE, "soutient la modernisation", "finance la modernisation")
    (preview,) = preview_articles(site.config, checked, [site.root / ARTICLE])
    rebuilt = site.build().site
    assert rebuilt is not None
    assert preview.slug == "vietnam-japon-port-maritime"
    assert rebuilt.digests[preview.slug] == preview.digest

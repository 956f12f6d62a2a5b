from __future__ import annotations

from collections import Counter

import pytest

from generator.site.model import build_model
from generator.site.plan import PageSpec, check_plan, paginate, plan_pages
from generator.site.urls import output_path

from ..factories import make_article


def items(count: int) -> tuple:
    return tuple(make_article(f"a{n:03d}", "2017") for n in range(count))


@pytest.mark.parametrize(
    ("count", "per_page", "sizes"),
    [(0, 20, [0]), (1, 20, [1]), (20, 20, [20]), (21, 20, [20, 1]), (45, 20, [20, 20, 5]), (3, 1, [1, 1, 1])],
)
def test_list_is_split_into_pages_when_paginated(count: int, per_page: int, sizes: list[int]) -> None:
    pages = paginate(items(count), "/x/", per_page)
    assert [len(page.items) for page in pages] == sizes
    assert [page.number for page in pages] == list(range(1, len(sizes) + 1))
    assert all(page.total == len(sizes) and page.count == count for page in pages)
    assert [a for page in pages for a in page.items] == list(items(count))  # nothing lost, order kept


def test_pages_link_to_their_neighbours_when_paginated() -> None:
    first, second, third = paginate(items(45), "/relations/x/", 20)
    assert [p.url for p in (first, second, third)] == [
        "/relations/x/",
        "/relations/x/page/2/",
        "/relations/x/page/3/",
    ]
    assert (first.previous_url, first.next_url) == (None, "/relations/x/page/2/")
    assert (second.previous_url, second.next_url) == ("/relations/x/", "/relations/x/page/3/")
    assert (third.previous_url, third.next_url) == ("/relations/x/page/2/", None)


SITE = (
    make_article("a", "2017-06-27", ("VN", "BY"), review=("à vérifier",)),
    make_article("b", "2017-06-01", ("VN", "BY")),
    make_article("c", "2017", ("VN", "BY")),
    make_article("d", None, ("VN", "FR")),
)


def urls_of(specs: tuple[PageSpec, ...], kind: str) -> list[str]:
    return [spec.url for spec in specs if spec.kind == kind]


def test_every_page_family_is_planned_when_the_site_has_articles() -> None:
    specs = plan_pages(build_model(SITE, 5), per_page=2)
    assert urls_of(specs, "home") == ["/"]
    assert urls_of(specs, "article") == ["/articles/a/", "/articles/b/", "/articles/c/", "/articles/d/"]
    assert urls_of(specs, "year") == ["/chronologie/2017/"]
    assert urls_of(specs, "month") == ["/chronologie/2017/06/", "/chronologie/2017/mois-inconnu/"]
    assert urls_of(specs, "undated") == ["/chronologie/sans-date/"]
    assert urls_of(specs, "pair") == [
        "/relations/vietnam-bielorussie/",
        "/relations/vietnam-bielorussie/page/2/",
        "/relations/vietnam-france/",
    ]
    assert urls_of(specs, "pair-atom") == [
        "/relations/vietnam-bielorussie/atom.xml",
        "/relations/vietnam-france/atom.xml",
    ]
    assert urls_of(specs, "country") == [
        "/pays/bielorussie/",
        "/pays/bielorussie/page/2/",
        "/pays/france/",
        "/pays/vietnam/",
        "/pays/vietnam/page/2/",
    ]
    assert urls_of(specs, "review") == ["/a-verifier/"]
    for kind in ("atom", "sitemap", "robots", "not-found", "timeline", "pairs", "countries"):
        assert len(urls_of(specs, kind)) == 1, kind


def test_pages_carry_their_slice_when_a_list_is_paginated() -> None:
    specs = plan_pages(build_model(SITE, 5), per_page=2)
    pair_pages = [spec for spec in specs if spec.kind == "pair" and "bielorussie" in spec.url]
    assert [[a.slug for a in spec.page.items] for spec in pair_pages if spec.page] == [["a", "b"], ["c"]]
    assert all(spec.template == "pair.html" for spec in pair_pages)


def test_feeds_and_review_stay_out_of_the_sitemap_when_planned() -> None:
    specs = plan_pages(build_model(SITE, 5), per_page=20)
    outside = {spec.kind for spec in specs if not spec.in_sitemap}
    assert outside == {
        "atom",
        "sitemap",
        "news-sitemap",
        "robots",
        "not-found",
        "pair-atom",
        "review",
        *("articles-json", "articles-csv", "articles-schema", "relation-json"),  # data files
    }


def test_search_page_is_not_planned_when_search_is_disabled() -> None:
    kinds = {spec.kind for spec in plan_pages(build_model(SITE, 5), per_page=20, search=False)}
    assert "search" not in kinds and "article" in kinds


def test_undated_page_is_not_planned_when_every_article_has_a_date() -> None:
    specs = plan_pages(build_model(SITE[:3], 5), per_page=20)
    assert urls_of(specs, "undated") == []


def test_plan_is_valid_when_the_site_is_ordinary() -> None:
    specs = plan_pages(build_model(SITE, 5), per_page=1)
    assert check_plan(specs) == []
    assert not [url for url, n in Counter(spec.url for spec in specs).items() if n > 1]
    assert all(output_path(spec.url).parts for spec in specs)  # raises UnsafePathError if not


def test_plan_is_the_same_when_articles_come_in_another_order() -> None:
    forward = plan_pages(build_model(SITE, 5), per_page=2)
    backward = plan_pages(build_model(tuple(reversed(SITE)), 5), per_page=2)
    assert [spec.url for spec in forward] == [spec.url for spec in backward]


def test_every_collision_is_reported_when_pages_share_a_url() -> None:
    one, same_slug = make_article("accord", "2017"), make_article("accord", "2018")
    specs = plan_pages(build_model((one, same_slug), 5), per_page=20)
    assert [d.format() for d in check_plan(specs)] == [
        "content/2017/accord.md: error [site.url-collision]: "
        "article page /articles/accord/ collides with the article page there"
    ]


def test_collision_names_the_url_when_the_page_has_no_source_file() -> None:
    specs = (
        PageSpec("home", "/", "home.html"),
        PageSpec("pairs", "/x/", "pairs.html"),
        PageSpec("countries", "/x/", "countries.html"),
        PageSpec("timeline", "/y/", "timeline.html"),
        PageSpec("year", "/y/", "year.html"),
    )
    assert [d.format() for d in check_plan(specs)] == [
        "/x/: error [site.url-collision]: countries page /x/ collides with the pairs page there",
        "/y/: error [site.url-collision]: year page /y/ collides with the timeline page there",
    ]

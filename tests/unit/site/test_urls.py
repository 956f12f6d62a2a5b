from __future__ import annotations

from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.model import make_pair
from generator.site import urls
from generator.site.urls import UnsafePathError, output_path

from ..factories import country, make_article


def test_urls_follow_the_scheme_when_built_from_the_model() -> None:
    pair = make_pair(country("BY"), country("VN"), "VN")
    assert urls.article_url(make_article("accord-commercial", "2017")) == "/articles/accord-commercial/"
    assert urls.pair_url(pair) == "/relations/vietnam-bielorussie/"
    assert urls.pair_feed_url(pair) == "/relations/vietnam-bielorussie/atom.xml"
    assert urls.country_url(country("AE")) == "/pays/emirats-arabes-unis/"
    assert urls.year_url(2017) == "/chronologie/2017/"
    assert urls.year_url(987) == "/chronologie/0987/"
    assert urls.month_url(2017, 6) == "/chronologie/2017/06/"
    assert urls.month_url(2017, None) == "/chronologie/2017/mois-inconnu/"


@pytest.mark.parametrize(
    ("number", "url"),
    [(1, "/relations/x/"), (2, "/relations/x/page/2/"), (10, "/relations/x/page/10/")],
)
def test_page_one_is_the_list_itself_when_paginating(number: int, url: str) -> None:
    assert urls.page_url("/relations/x/", number) == url


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/", "index.html"),
        ("/chronologie/", "chronologie/index.html"),
        ("/relations/vietnam-bielorussie/page/2/", "relations/vietnam-bielorussie/page/2/index.html"),
        ("/atom.xml", "atom.xml"),
        ("/relations/vietnam-bielorussie/atom.xml", "relations/vietnam-bielorussie/atom.xml"),
        ("/404.html", "404.html"),
    ],
)
def test_url_maps_to_a_file_when_it_is_safe(url: str, path: str) -> None:
    assert output_path(url) == PurePosixPath(path)


@pytest.mark.parametrize(
    "url",
    [
        "/../etc/passwd",
        "/articles/../../etc/",
        "/articles/..",
        "/./",
        "articles/x/",  # not site-relative
        "",
        "/articles\\..\\x/",  # backslashes
        "/a\\b/",
        "/C:/Windows/",  # a drive letter
        "/.git/config",  # hidden segment
        "/articles/.x/",
        "/-rf/",
        "/%2e%2e/",  # encoded dots are not decoded, but not allowed either
        "/a b/",
        "/été/",
        "/a\x00b/",
    ],
)
def test_output_path_is_refused_when_the_url_is_unsafe(url: str) -> None:
    with pytest.raises(UnsafePathError):
        output_path(url)


@pytest.mark.parametrize(
    "url",
    [
        "//etc/passwd",  # an absolute path after the leading slash
        "/articles//x/",  # an empty segment: two URLs would share one file unnoticed
        "/articles/x\n/",  # '$' in the segment pattern also matches before a final newline
        "/articles/x\n",
    ],
)
def test_output_path_is_refused_when_the_url_has_an_odd_segment(url: str) -> None:
    with pytest.raises(UnsafePathError):
        output_path(url)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="/.\\-_aZ9:\n\x00 é%~", max_size=24))
def test_accepted_path_stays_inside_the_output_folder_when_url_is_arbitrary(url: str) -> None:
    try:
        path = output_path("/" + url)
    except UnsafePathError:
        return
    assert not path.is_absolute()
    assert ".." not in path.parts
    assert all(part and "\\" not in part and "\n" not in part for part in path.parts)

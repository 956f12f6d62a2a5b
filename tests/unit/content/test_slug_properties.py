"""Properties of every slug the generator makes from text (issue 6): stable, non-empty, ASCII,
never a path separator or '..', and a path built from one stays inside content/ (or the
output folder).

Article slugs come from titles (`archive new`, ingest: generator.content.scaffold.article_slug
and the paths built from it); country slugs from the French names of the data file, and pair
slugs from two country slugs. Titles are arbitrary text, so they get Hypothesis; country names
are a closed list, so every one of them (and every pair) is checked.
"""

from __future__ import annotations

import itertools
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.countries import load_countries
from generator.content.model import make_pair
from generator.content.scaffold import MAX_SLUG_LENGTH, article_slug, unique_article_path
from generator.ingest.write import ContentIndex
from generator.site.urls import country_url, output_path, pair_url

#: What the loader accepts as a file name (generator/content/schema.py): a file `archive new`
#: or ingest names must load back.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Titles as editors and scrapers write them: any Unicode, plus the characters that could
#: make a path (separators, dots, drive letters, NUL) and symbol-only titles.
TITLES = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("./\\:~*?<>|\"'\x00 -_…–—«»#%&")), max_size=30),
    st.lists(
        st.sampled_from(["..", "/", "\\", "../", "..\\", "C:", "~", "Hanoï", "Đà Nẵng", "北京", "é"])
    ).map("".join),
)
YEARS = st.one_of(st.none(), st.integers(min_value=1, max_value=9999))


def assert_safe_slug(slug: str) -> None:
    assert slug, "empty slug"
    assert slug.isascii(), slug
    assert SLUG.fullmatch(slug), slug
    assert "/" not in slug and "\\" not in slug and ".." not in slug, slug


@settings(max_examples=400, deadline=None, derandomize=True, database=None)
@given(TITLES)
def test_article_slug_is_stable_non_empty_ascii_and_loadable_when_made_from_any_title(title: str) -> None:
    slug = article_slug(title)
    assert_safe_slug(slug)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert article_slug(title) == slug  # stable: same title, same slug
    assert article_slug(slug) == slug  # a slug is its own slug (renaming twice changes nothing)


@pytest.mark.parametrize("title", ["", "   ", "!!!", "…", "../..", "/", "\\", "\x00", "🙂🙂", "—"])
def test_article_slug_falls_back_to_article_when_the_title_has_no_letter_or_digit(title: str) -> None:
    assert article_slug(title) == "article"


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(TITLES, YEARS, st.sets(st.sampled_from(["article", "a", "hanoi", "article-2"]), max_size=3))
def test_new_article_path_stays_inside_content_when_made_from_any_title(
    title: str, year: int | None, taken: set[str]
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        content = Path(scratch) / "content"
        for slug in taken:  # slugs already used elsewhere force the -2, -3… suffixes
            (content / "2001").mkdir(parents=True, exist_ok=True)
            (content / "2001" / f"{slug}.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
        paths = [unique_article_path(content, title, year)]
        index = ContentIndex(content)  # ingest's naming, with the slugs it has seen
        index.slugs.update(taken)
        paths.append(index.new_path(title, None if year is None else f"{year:04d}-01-01"))
        for path in paths:
            assert path.resolve().is_relative_to(content.resolve()), path
            assert path.parent.parent == content
            assert path.suffix == ".md"
            assert_safe_slug(path.stem)
            assert path.stem not in taken


def test_country_slugs_are_safe_unique_and_stable_when_read_from_the_data_file() -> None:
    countries = load_countries()
    assert len(countries) > 200
    slugs = [country.slug for country in countries.values()]
    for slug in slugs:
        assert_safe_slug(slug)
    assert len(set(slugs)) == len(slugs), "two countries share a URL"
    load_countries.cache_clear()  # read the file again: same slugs
    assert [country.slug for country in load_countries().values()] == slugs


def test_every_country_and_pair_url_stays_inside_the_output_folder_when_written() -> None:
    countries = list(load_countries().values())
    output = Path("/srv/site/build")
    for country in countries:
        path = output / output_path(country_url(country))
        assert path.parent.parent.parent == output  # pays/<slug>/index.html
    pair_slugs = set()
    for one, other in itertools.combinations(countries, 2):
        pair = make_pair(one, other, "VN")
        assert_safe_slug(pair.slug)
        assert output_path(pair_url(pair)).parts == ("relations", pair.slug, "index.html")
        pair_slugs.add(pair.slug)
    # A pair slug joins two country slugs with '-': it must still name one pair only.
    assert len(pair_slugs) == len(countries) * (len(countries) - 1) // 2

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.countries import load_countries
from generator.content.load import load_article
from generator.content.model import PartialDate
from generator.content.scaffold import NewArticle, article_slug, create_article
from generator.errors import ContentError


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Vietnam et Biélorussie : 500 millions de dollars",
            "vietnam-et-bielorussie-500-millions-de-dollars",
        ),
        ("  L'été à Hanoï  ", "l-ete-a-hanoi"),
        ("!!!", "article"),
    ],
)
def test_slug_is_ascii_and_hyphenated_when_made_from_a_title(title: str, slug: str) -> None:
    assert article_slug(title) == slug


def test_slug_is_cut_at_a_word_boundary_when_the_title_is_long() -> None:
    slug = article_slug("coopération " * 20)
    assert len(slug) <= 80
    assert slug.endswith("cooperation")


@pytest.mark.parametrize(
    ("date", "folder"),
    [("2017-06-27", "2017"), ("2017-06", "2017"), ("2017", "2017"), ("0987", "0987"), (None, "sans-date")],
)
def test_file_goes_in_its_year_folder_when_created(tmp_path: Path, date: str | None, folder: str) -> None:
    path = create_article(tmp_path / "content", NewArticle("Accord commercial", date))
    assert path == tmp_path / "content" / folder / "accord-commercial.md"
    assert path.is_file()


def test_created_file_is_a_valid_article_when_loaded_back(tmp_path: Path) -> None:
    path = create_article(
        tmp_path / "content", NewArticle(" Accord : « commerce » ", "2017-06", ("vn", " BY "))
    )
    article, diagnostics = load_article(path, tmp_path, load_countries(), "VN")
    assert diagnostics == []
    assert article is not None
    assert article.title == "Accord : « commerce »"
    assert article.date == PartialDate(2017, 6)
    assert [c.code for c in article.countries] == ["VN", "BY"]
    assert article.slug == "accord-commerce"


def test_undated_file_is_a_valid_article_when_loaded_back(tmp_path: Path) -> None:
    path = create_article(tmp_path / "content", NewArticle("Sans date"))
    article, diagnostics = load_article(path, tmp_path, load_countries(), "VN")
    assert diagnostics == []
    assert article is not None
    assert article.date == PartialDate()


def test_suffix_is_added_when_the_slug_is_taken_in_the_same_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    first = create_article(content, NewArticle("Accord", "2017"))
    first_text = first.read_text(encoding="utf-8")
    second = create_article(content, NewArticle("Accord", "2017"))
    third = create_article(content, NewArticle("Accord", "2017"))
    assert [p.name for p in (first, second, third)] == ["accord.md", "accord-2.md", "accord-3.md"]
    assert first.read_text(encoding="utf-8") == first_text


def test_suffix_is_added_when_the_slug_is_taken_in_another_folder(tmp_path: Path) -> None:
    # Slugs are unique site-wide: 2018/accord.md would collide with 2017/accord.md.
    content = tmp_path / "content"
    create_article(content, NewArticle("Accord", "2017"))
    path = create_article(content, NewArticle("Accord", "2018"))
    assert path == content / "2018" / "accord-2.md"


def test_existing_file_is_never_overwritten_when_its_name_is_chosen(tmp_path: Path) -> None:
    # A file that is not an article (hidden from the loader) still blocks its name.
    folder = tmp_path / "content" / "2017"
    folder.mkdir(parents=True)
    precious = folder / "accord.md"
    precious.write_text("notes de la rédaction\n", encoding="utf-8")
    (folder / "accord-2.md").write_text("autres notes\n", encoding="utf-8")
    path = create_article(tmp_path / "content", NewArticle("Accord", "2017"))
    assert path == folder / "accord-3.md"
    assert precious.read_text(encoding="utf-8") == "notes de la rédaction\n"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        (
            NewArticle("Accord", "2017-02-30"),
            ["--date: error [new.date]: '2017-02-30' is not a date: February 2017 has 28 days"],
        ),
        (
            NewArticle("Accord", "27/06/2017"),
            ["--date: error [new.date]: '27/06/2017' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"],
        ),
        (
            NewArticle("Accord", "2017", ("VN", "XX")),
            ["--countries: error [new.country]: unknown country code 'XX'"],
        ),
        (NewArticle("   ", "2017"), ["archive new: error [new.title]: the title must not be empty"]),
        (
            NewArticle("", "2017-13", ("QQ",)),
            [
                "--countries: error [new.country]: unknown country code 'QQ'",
                "--date: error [new.date]: '2017-13' is not a date: there is no month 13",
                "archive new: error [new.title]: the title must not be empty",
            ],
        ),
    ],
)
def test_nothing_is_written_when_the_request_is_invalid(
    tmp_path: Path, new: NewArticle, expected: list[str]
) -> None:
    content = tmp_path / "content"
    with pytest.raises(ContentError) as caught:
        create_article(content, new)
    assert [d.format() for d in caught.value.diagnostics] == expected
    assert not content.exists()

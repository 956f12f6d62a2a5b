from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.countries import load_countries
from generator.content.load import find_article_files, load_article, load_content

from ..factories import article_file


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


def load(root: Path) -> tuple[list[str], list[str]]:
    loaded = load_content(root / "content", root, "VN")
    return [a.slug for a in loaded.articles], [d.format() for d in loaded.diagnostics]


def test_only_articles_are_found_when_content_holds_other_material(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/2017/a.md": "",
            "content/sans-date/b.md": "",
            "content/inbox/raw.md": "",
            "content/sources/kept.md": "",
            "content/.drafts/hidden.md": "",
            "content/2017/.hidden.md": "",
            "content/_drafts/draft.md": "",
            "content/2017/notes.txt": "",
            "content/2017/_old/c.md": "",
            "content/2017/deep/.git/d.md": "",
            "content/2017/_e.md": "",
            "content/2017/f.md.bak": "",
            "content/2017/inbox/g.md": "",  # only content/inbox/ waits for ingest
            "content/inboxes/h.md": "",
        },
    )
    found = find_article_files(tmp_path / "content")
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "content/2017/a.md",
        "content/2017/inbox/g.md",
        "content/inboxes/h.md",
        "content/sans-date/b.md",
    ]


def test_no_articles_are_found_when_content_folder_is_missing(tmp_path: Path) -> None:
    assert find_article_files(tmp_path / "content") == []


def test_articles_are_sorted_by_date_then_slug_when_loaded(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/2018/b.md": article_file(when="2018-01-01"),
            "content/2017/c.md": article_file(when="2017-06-27"),
            "content/2017/a.md": article_file(when="2017-06-27"),
            "content/sans-date/z.md": article_file(when=None),
            "content/2017/m.md": article_file(when="2017"),
        },
    )
    assert load(tmp_path) == (["z", "m", "a", "c", "b"], [])


def test_source_path_is_relative_to_the_site_when_loaded(tmp_path: Path) -> None:
    write(tmp_path, {"content/2017/a.md": article_file()})
    (article,) = load_content(tmp_path / "content", tmp_path, "VN").articles
    assert article.source_path == "content/2017/a.md"


def test_yaml_error_points_at_the_file_line_when_front_matter_is_malformed(tmp_path: Path) -> None:
    write(tmp_path, {"content/2017/a.md": "---\ntitle: ok\ncountries: [VN, BY\n---\nBody\n"})
    assert load(tmp_path) == (
        [],
        [
            "content/2017/a.md:4: error [front-matter.yaml]: did not find expected ',' or ']' "
            "(while parsing a flow sequence started on line 3)"
        ],
    )


def test_missing_fence_is_reported_with_a_hint_when_the_file_has_no_front_matter(tmp_path: Path) -> None:
    write(tmp_path, {"content/2017/a.md": "title: x\n---\nBody\n"})
    assert load(tmp_path)[1] == [
        "content/2017/a.md:1: error [front-matter.missing]: the file does not start with front matter\n"
        "    hint: did you forget to add '---' on the first line, before the title?"
    ]


def test_encoding_error_names_its_line_when_a_file_is_not_utf8(tmp_path: Path) -> None:
    write(tmp_path, {"content/2017/a.md": '---\ntitle: "caf\xe9"\n---\n'.encode("latin-1")})
    assert load(tmp_path)[1] == [
        "content/2017/a.md:2: error [content.encoding]: file is not valid UTF-8\n    hint: save it as UTF-8"
    ]


def test_duplicate_slug_is_reported_in_both_files_when_two_folders_share_a_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"content/2017/accord.md": article_file(), "content/2018/accord.md": article_file(when="2018")},
    )
    hint = "    hint: rename one of the files: the file name is the article's URL"
    assert load(tmp_path)[1] == [
        "content/2017/accord.md:1: error [content.duplicate-slug]: slug 'accord' is also used by "
        "content/2018/accord.md\n" + hint,
        "content/2018/accord.md:1: error [content.duplicate-slug]: slug 'accord' is also used by "
        "content/2017/accord.md\n" + hint,
    ]


def test_duplicate_slug_names_every_other_file_when_three_folders_share_a_name(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/2019/zeta.md": article_file(when="2019"),
            "content/2017/accord.md": article_file(),
            "content/2018/accord.md": article_file(when="2018"),
            "content/2019/accord.md": article_file(when="2019"),
            "content/2018/zeta.md": article_file(when="2018"),
        },
    )
    firsts = [line.split("\n")[0] for line in load(tmp_path)[1]]
    used = "error [content.duplicate-slug]: slug {} is also used by content/{}"
    assert firsts == [
        "content/2017/accord.md:1: " + used.format("'accord'", "2018/accord.md, content/2019/accord.md"),
        "content/2018/accord.md:1: " + used.format("'accord'", "2017/accord.md, content/2019/accord.md"),
        "content/2019/accord.md:1: " + used.format("'accord'", "2017/accord.md, content/2018/accord.md"),
        "content/2018/zeta.md:1: " + used.format("'zeta'", "2019/zeta.md"),
        "content/2019/zeta.md:1: " + used.format("'zeta'", "2018/zeta.md"),
    ]


def test_duplicate_slug_is_reported_when_one_of_the_files_is_also_invalid(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"content/2017/accord.md": article_file(), "content/2018/accord.md": "no front matter\n"},
    )
    codes = sorted(line.split("[")[1].split("]")[0] for line in load(tmp_path)[1])
    assert codes == ["content.duplicate-slug", "content.duplicate-slug", "front-matter.missing"]


def test_every_file_is_checked_when_several_are_invalid(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "content/2017/a.md": article_file(extra="summery: x\n"),
            "content/2017/b.md": "---\ntitle: x\ndate: 2017-02-30\n---\n",
            "content/2017/c.md": article_file(),
        },
    )
    slugs, diagnostics = load(tmp_path)
    assert slugs == ["c"]
    assert [line.split(": error")[0] for line in diagnostics] == [
        "content/2017/a.md:5",
        "content/2017/b.md:3",
    ]


def test_duplicate_key_is_an_error_when_front_matter_repeats_a_key(tmp_path: Path) -> None:
    # YAML keeps the last value silently; the first title would be dropped without a word.
    path = write(tmp_path, {"content/2017/a.md": '---\ntitle: "Premier"\ndate: 2017\ntitle: "Second"\n---\n'})
    article, diagnostics = load_article(path / "content/2017/a.md", tmp_path, load_countries(), "VN")
    assert article is None
    assert [(d.path, d.line) for d in diagnostics] == [("content/2017/a.md", 4)]
    assert "title" in diagnostics[0].message


@pytest.mark.parametrize("name", ["Accord.md", "accord_commercial.md", "accord--commercial.md", "éte.md"])
def test_file_name_is_refused_when_it_is_not_a_valid_slug(tmp_path: Path, name: str) -> None:
    write(tmp_path, {f"content/2017/{name}": article_file()})
    (line,) = load(tmp_path)[1]
    assert line.startswith(
        f"content/2017/{name}:2: error [content.slug]: file name '{name}' is not a valid slug"
    )

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.content.cache import ContentCache
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


# -- a load brought up to date (the dev server's) ------------------------------------------

CONTENT = {
    "content/2017/accord.md": article_file("Accord", "2017-06-27"),
    "content/2017/visite.md": article_file("Visite", "2017-03-01"),
    "content/2018/forum.md": article_file("Forum", "2018-01-15"),
    "content/sources/brut.txt": "texte brut",
}

#: Each change, and whether the last load can be brought up to date after it.
CHANGES = {
    "body": (
        {"content/2017/accord.md": article_file("Accord", "2017-06-27").replace("Texte.", "Autre.")},
        True,
    ),
    "title": ({"content/2018/forum.md": article_file("Forum élargi", "2018-01-15")}, True),
    "two-files": (
        {
            "content/2017/accord.md": article_file("Accord signé", "2017-06-27"),
            "content/2017/visite.md": article_file("Visite d'État", "2017-03-01"),
        },
        True,
    ),
    "same-bytes": ({"content/2017/visite.md": article_file("Visite", "2017-03-01")}, True),
    "date-moves-it": ({"content/2017/visite.md": article_file("Visite", "2017-12-01")}, False),
    "later-keeping-its-place": ({"content/2017/visite.md": article_file("Visite", "2017-03-02")}, True),
    "earlier-keeping-its-place": ({"content/2017/accord.md": article_file("Accord", "2017-05-01")}, True),
    "earlier-moving": ({"content/2018/forum.md": article_file("Forum", "2016-01-15")}, False),
    "added": ({"content/2018/nouveau.md": article_file("Nouveau", "2018-05-05")}, False),
    "raw-source": ({"content/sources/brut.txt": "texte brut révisé"}, False),
    "invalid": ({"content/2017/accord.md": "---\ntitle: [\n---\n"}, False),
    "raw-named": ({"content/2017/accord.md": article_file("Accord", extra="raw: sources/brut.txt\n")}, False),
}


def rewrite(root: Path, files: dict[str, str]) -> None:
    """Write ``files`` with a modification time a second on: a rewrite of the same size
    within one tick of the file system's clock would otherwise keep its stamp."""
    write(root, files)
    for relative in files:
        stat = (root / relative).stat()
        os.utime(root / relative, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def counting_gets(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths the content cache is asked for from now on."""
    asked: list[str] = []
    original = ContentCache.get

    def get(self: ContentCache, relative: str, *args: object) -> object:
        asked.append(relative)
        return original(self, relative, *args)

    monkeypatch.setattr(ContentCache, "get", get)
    return asked


@pytest.mark.parametrize("change", CHANGES)
def test_a_load_brought_up_to_date_is_the_load_made_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    root = write(tmp_path, CONTENT)
    cache = ContentCache(None, "clé", load_countries())
    last = load_content(root / "content", root, "VN", cache)
    files, shortcut = CHANGES[change]
    rewrite(root, files)
    asked = counting_gets(monkeypatch)
    again = load_content(root / "content", root, "VN", cache, last=last)
    afresh = load_content(root / "content", root, "VN", ContentCache(None, "clé", load_countries()))
    assert (again.articles, again.diagnostics, dict(again.digests)) == (
        afresh.articles,
        afresh.diagnostics,
        dict(afresh.digests),
    )
    changed = {relative.removeprefix("content/") for relative in files if relative.endswith(".md")}
    every = {"2017/accord.md", "2017/visite.md", "2018/forum.md"}  # the files the cache knows
    assert set(asked) == (changed if shortcut else every)


def test_a_cache_saved_after_a_load_brought_up_to_date_keeps_every_entry(tmp_path: Path) -> None:
    root = write(tmp_path, CONTENT)
    cache = ContentCache(tmp_path / "cache", "clé", load_countries())
    last = load_content(root / "content", root, "VN", cache)
    cache.save()
    rewrite(root, CHANGES["body"][0])
    load_content(root / "content", root, "VN", cache, last=last)
    cache.save()
    reread = ContentCache(tmp_path / "cache", "clé", load_countries())
    assert all(reread.knows(relative) for relative in ("2017/accord.md", "2017/visite.md", "2018/forum.md"))


def test_a_load_under_another_cache_key_is_not_brought_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write(tmp_path, CONTENT)
    cache = ContentCache(None, "clé", load_countries())
    last = load_content(root / "content", root, "VN", cache)
    rewrite(root, CHANGES["body"][0])
    cache.key = "autre clé"  # as after a change of home country: every entry is checked
    asked = counting_gets(monkeypatch)
    load_content(root / "content", root, "VN", cache, last=last)
    assert set(asked) == {"2017/accord.md", "2017/visite.md", "2018/forum.md"}


def test_a_load_of_content_moved_elsewhere_is_not_brought_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its articles name another path (a build's cache is then another one too: the
    content folder is part of its key, see test_inputs.py)."""
    root = write(tmp_path, CONTENT)
    cache = ContentCache(None, "clé", load_countries())
    last = load_content(root / "content", root, "VN", cache)
    (root / "content").rename(root / "articles")  # same files: same inodes and times
    asked = counting_gets(monkeypatch)
    load_content(root / "articles", root, "VN", cache, last=last)
    assert set(asked) == {"2017/accord.md", "2017/visite.md", "2018/forum.md"}

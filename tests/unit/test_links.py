"""generator.links: the tokenizer finds what html.parser finds, and links resolve as a static
server would serve them. (Resolution is also exercised through tests/tools/linkcheck.py by
tests/integration/test_links.py, on hand-made folders and on whole built sites.)"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.links import Link, find_links, page_url, resolve_link
from tests.conftest import SITES_DIR, BuiltSite, build_site_folder
from tests.tools.linkcheck import parse_page


def assert_tokenizer_agrees_with_html_parser(directory: Path) -> int:
    """Compare both on every page of a built site; return how many links were found."""
    pages = sorted(directory.rglob("*.html"))
    assert len(pages) > 10
    total = 0
    for path in pages:
        page = path.relative_to(directory).as_posix()
        found = find_links(page, path.read_text(encoding="utf-8"))
        expected_links, expected_ids = parse_page(path)
        assert [(link.line, link.element, link.value) for link in found.links] == list(expected_links), page
        assert found.ids == expected_ids, page
        total += len(found.links)
    return total


def test_tokenizer_finds_what_html_parser_finds_when_scanning_a_built_site(basic_site: BuiltSite) -> None:
    assert assert_tokenizer_agrees_with_html_parser(basic_site.directory) > 500


def test_tokenizer_finds_what_html_parser_finds_when_articles_hold_hostile_html(tmp_path: Path) -> None:
    """tests/sites/hostile: markup in every field, a <noscript> mutation trick in a body."""
    built = build_site_folder(SITES_DIR / "hostile" / "site.yaml", tmp_path / "site")
    assert assert_tokenizer_agrees_with_html_parser(built.directory) > 100


def test_tokenizer_skips_comments_and_script_contents_when_they_look_like_tags() -> None:
    text = (
        "<!-- <a href='/commented/'>x</a> -->\n"
        '<script type="application/ld+json">{"a": "<a href=\\"/in-script/\\">"}</script>\n'
        '<SCRIPT src="/app.js"></SCRIPT><style>a[href="/css/"]{}</style>\n'
        '<img alt="1 > 0" src="/img.png"><a title=\'t\' href=/bare/ id=top>a</a>\n'
        '<a href="/a?x=1&amp;y=2" name="ancre">b</a><p id="para">'
    )
    found = find_links("index.html", text)
    assert [(link.line, link.element, link.value) for link in found.links] == [
        (3, "script", "/app.js"),
        (4, "img", "/img.png"),
        (4, "a", "/bare/"),
        (5, "a", "/a?x=1&y=2"),
    ]
    assert found.ids == {"top", "ancre", "para"}


@dataclass
class FakeSite:
    files: set[str]
    folders: set[str] = field(default_factory=set)
    page_ids: dict[str, frozenset[str]] = field(default_factory=dict)

    def is_file(self, path: str) -> bool:
        return path in self.files

    def is_folder(self, path: str) -> bool:
        return path in self.folders

    def ids(self, path: str) -> frozenset[str]:
        return self.page_ids.get(path, frozenset())


SITE = FakeSite(
    {"index.html", "a/index.html", "static/style.css"},
    {"a", "static"},
    {"a/index.html": frozenset({"ici"})},
)


@pytest.mark.parametrize(
    ("page", "value", "internal", "problem"),
    [
        ("a/index.html", "../", True, None),
        ("a/index.html", "#ici", True, None),
        ("index.html", "/repo/a/#ici", True, None),
        ("index.html", "http://example.org/repo/static/style.css", True, None),
        ("index.html", "https://ailleurs.example/x", False, None),
        ("index.html", "http://example.org/autre-site/", False, None),  # same host, not this site
        ("index.html", "mailto:redaction@example.org", False, None),
        ("index.html", "JavaScript:alert(1)", False, "unexpected 'javascript:' URL"),
        ("index.html", "/a/", True, "root-relative link outside the base path /repo/"),
        ("index.html", "/repo/b/", True, "no file b/index.html in the site"),
        ("index.html", "/repo/a", True, "'a' is a folder: the link needs a trailing '/'"),
        ("index.html", "/repo/a/#la", True, "no id 'la' in a/index.html"),
        ("a/index.html", "../../", True, "points outside the base path /repo/"),
        ("index.html", "/repo/a/%2e%2e/%2e%2e/x", True, "escapes the site folder"),
    ],
)
def test_link_resolves_like_a_static_server_when_the_site_is_under_a_base_path(
    page: str, value: str, internal: bool, problem: str | None
) -> None:
    resolution = resolve_link(Link(page, 1, "a", value), "http://example.org/repo/", SITE)
    assert (resolution.internal, resolution.problem) == (internal, problem)


def test_page_url_drops_index_html_when_a_page_is_a_folder_index() -> None:
    assert page_url("index.html", "http://example.org/repo/") == "http://example.org/repo/"
    assert page_url("a/b/index.html", "http://example.org/") == "http://example.org/a/b/"
    assert page_url("404.html", "http://example.org/") == "http://example.org/404.html"

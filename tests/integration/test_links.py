"""No broken internal link, at the root of a host and under a base path (/repo/).

The checker itself (tests/tools/linkcheck.py) is tested first on hand-made folders, so a
green run means "no broken links", not "a checker that finds nothing".
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SUBPATH_BASE_URL, BuiltSite
from tests.tools.linkcheck import check_links

PAGE = '<!DOCTYPE html><html lang="fr"><head><title>t</title>{head}</head><body>{body}</body></html>\n'


def write_pages(root: Path, pages: dict[str, str]) -> Path:
    for relative, body in pages.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(head="", body=body), encoding="utf-8")
    return root


# -- the checker -----------------------------------------------------------------------------


def test_checker_accepts_working_links_when_every_target_exists(tmp_path: Path) -> None:
    site = write_pages(
        tmp_path,
        {
            "index.html": '<a href="/a/">a</a> <a href="a/#here">a</a> <a href="/a/index.html">a</a>'
            '<a href="http://example.org/a/">abs</a> <a href="#">top</a> <img src="/img.png" alt="">'
            '<a href="https://elsewhere.example/missing">ext</a> <a href="mailto:x@example.org">m</a>',
            "a/index.html": '<h2 id="here">x</h2><a href="../">up</a> <a href="/#">home</a>',
        },
    )
    (site / "img.png").write_bytes(b"\x89PNG")
    report = check_links(site, "http://example.org/")
    assert report.broken == []
    assert report.pages == 2
    assert len(report.internal) == 8  # the external and mailto: links are not checked


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("/missing/", "no file missing/index.html in the site"),
        ("missing.html", "no file missing.html in the site"),
        ("http://example.org/missing/", "no file missing/index.html in the site"),
        ("/a", "'a' is a folder: the link needs a trailing '/'"),
        ("/a/#nowhere", "no id 'nowhere' in a/index.html"),
        ("#nowhere", "no id 'nowhere' in index.html"),
        ("javascript:alert(1)", "unexpected 'javascript:' URL"),
        ("../../b/", "no file b/index.html in the site"),  # a browser resolves it to /b/
    ],
)
def test_checker_reports_broken_link_when_target_is_missing(tmp_path: Path, href: str, reason: str) -> None:
    site = write_pages(tmp_path, {"index.html": f'<a href="{href}">x</a>', "a/index.html": "<p>a</p>"})
    report = check_links(site, "http://example.org/")
    assert [(b.link.page, b.link.value, b.reason) for b in report.broken] == [("index.html", href, reason)]


def test_checker_reports_root_relative_link_when_it_ignores_the_base_path(tmp_path: Path) -> None:
    site = write_pages(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="/style.css">'
            '<a href="/repo/a/">ok</a> <a href="../b/">b</a>',
            "a/index.html": "",
        },
    )
    (site / "style.css").write_text("", encoding="utf-8")
    report = check_links(site, "http://example.org/repo/")
    assert [(b.link.element, b.reason) for b in report.broken] == [
        ("link", "root-relative link outside the base path /repo/"),
        ("a", "points outside the base path /repo/"),
    ]


def test_checker_finds_links_of_script_and_link_elements(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        PAGE.format(head='<link rel="stylesheet" href="/s.css"><script src="/app.js"></script>', body=""),
        encoding="utf-8",
    )
    report = check_links(tmp_path, "http://example.org/")
    assert sorted(b.link.value for b in report.broken) == ["/app.js", "/s.css"]


def test_checker_reports_broken_link_when_an_article_body_links_to_a_missing_page(
    make_site: Callable[[dict[str, str]], Path], build_site_dir: Callable[..., BuiltSite]
) -> None:
    article = "---\ntitle: Lien mort\ndate: 2020-01-02\n---\n\nVoir [ailleurs](/articles/absent/).\n"
    site = build_site_dir(make_site({"content/2020/lien-mort.md": article}))
    report = check_links(site.directory, site.base_url)
    assert [(b.link.page, b.link.value) for b in report.broken] == [
        ("articles/lien-mort/index.html", "/articles/absent/")
    ]


# -- the built sites ----------------------------------------------------------------------------


def assert_no_broken_links(site: BuiltSite) -> None:
    report = check_links(site.directory, site.base_url)
    assert report.pages > 0 and report.internal, "the checker found nothing to check"
    assert not report.broken, report.summary()


def assert_root_relative_links_use_base_path(site: BuiltSite, base_path: str) -> None:
    report = check_links(site.directory, site.base_url)
    stray = [
        f"{link.page}:{link.line}: {link.value}"
        for link in report.links
        if link.value.startswith("/") and not link.value.startswith(base_path)
    ]
    assert not stray, "root-relative links without the base path:\n" + "\n".join(stray)


def test_basic_site_has_no_broken_links_when_built_at_root(basic_site: BuiltSite) -> None:
    assert basic_site.base_path == "/"
    assert_no_broken_links(basic_site)


def test_basic_site_has_no_broken_links_when_built_under_base_path(basic_site_subpath: BuiltSite) -> None:
    assert basic_site_subpath.base_url == SUBPATH_BASE_URL
    assert_no_broken_links(basic_site_subpath)
    assert_root_relative_links_use_base_path(basic_site_subpath, "/repo/")


def test_shipped_site_has_no_broken_links_when_built_at_root(shipped_site: BuiltSite) -> None:
    assert_no_broken_links(shipped_site)


def test_shipped_site_has_no_broken_links_when_built_under_base_path(shipped_site_subpath: BuiltSite) -> None:
    assert_no_broken_links(shipped_site_subpath)
    assert_root_relative_links_use_base_path(shipped_site_subpath, "/repo/")

"""A small link checker for a built site folder.

Every ``.html`` file is parsed with the standard library's ``html.parser``; the ``href`` or
``src`` of ``a``, ``link``, ``script`` and ``img`` elements are collected. Internal links
(same host as the base URL, root-relative or relative) are resolved to files of the build,
the way a static server does it ('dir/' -> 'dir/index.html', under the base path), and
``#fragments`` must name an ``id`` (or ``<a name>``) of the target page. External http(s)
links, ``mailto:``, ``tel:`` and ``data:`` URLs are ignored; any other scheme (such as a
``javascript:`` URL that escaped sanitising) is reported.

Usage by hand::

    python -m tests.tools.linkcheck build/ --base-url http://127.0.0.1:8000/
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

#: (element, attribute) pairs whose value is a link to check.
LINK_ATTRIBUTES = frozenset({("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")})
IGNORED_SCHEMES = frozenset({"mailto", "tel", "data"})
#: Fragments that need no matching id: '#' and '#top' scroll to the top (HTML spec).
TOP_FRAGMENTS = frozenset({"", "top"})


@dataclass(frozen=True, slots=True)
class Link:
    page: str  #: the page holding the link, relative to the build folder.
    line: int
    element: str
    value: str  #: the attribute as written.


@dataclass(frozen=True, slots=True)
class BrokenLink:
    link: Link
    reason: str

    def __str__(self) -> str:
        return f"{self.link.page}:{self.link.line}: <{self.link.element}> {self.link.value!r}: {self.reason}"


@dataclass
class LinkReport:
    pages: int = 0
    links: list[Link] = field(default_factory=list)  #: every link found, internal or not.
    internal: list[Link] = field(default_factory=list)
    broken: list[BrokenLink] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{len(self.broken)} broken link(s) in {self.pages} page(s):"]
        lines += [f"  {broken}" for broken in self.broken]
        return "\n".join(lines)


class _PageParser(HTMLParser):
    """Collects the links and the ids (fragment targets) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[int, str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append((self.getpos()[0], tag, value))

    handle_startendtag = handle_starttag


@dataclass(frozen=True, slots=True)
class _Page:
    url: str  #: absolute URL the page is served at.
    links: tuple[tuple[int, str, str], ...]
    ids: frozenset[str]


def check_links(directory: Path, base_url: str) -> LinkReport:
    """Check every link of every page under ``directory``, served at ``base_url``."""
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    pages = {
        path.relative_to(directory).as_posix(): _parse(path, _page_url(path.relative_to(directory), base_url))
        for path in sorted(directory.rglob("*.html"))
    }
    report = LinkReport(pages=len(pages))
    for relative, page in pages.items():
        for line, element, value in page.links:
            link = Link(relative, line, element, value)
            report.links.append(link)
            reason = _check(link, page, directory, base_url, pages, report)
            if reason:
                report.broken.append(BrokenLink(link, reason))
    return report


def _parse(path: Path, url: str) -> _Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return _Page(url, tuple(parser.links), frozenset(parser.ids))


def _page_url(relative: Path, base_url: str) -> str:
    posix = relative.as_posix()
    if posix == "index.html" or posix.endswith("/index.html"):
        posix = posix[: -len("index.html")]
    return base_url + posix


def _check(
    link: Link, page: _Page, directory: Path, base_url: str, pages: dict[str, _Page], report: LinkReport
) -> str | None:
    """The reason ``link`` is broken, or None."""
    value = link.value.strip()
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in IGNORED_SCHEMES:
        return None
    if scheme and scheme not in ("http", "https"):
        return f"unexpected '{scheme}:' URL"
    base = urlsplit(base_url)
    if parts.netloc and parts.netloc.lower() != base.netloc.lower():
        return None  # external
    report.internal.append(link)
    if value.startswith("/") and not value.startswith("//") and not value.startswith(base.path):
        return f"root-relative link outside the base path {base.path}"
    target = urlsplit(urljoin(page.url, value))
    if not target.path.startswith(base.path):
        return f"points outside the base path {base.path}"
    relative = unquote(target.path[len(base.path) :])
    if ".." in PurePosixPath(relative).parts:
        return "escapes the site folder"
    file_path = relative + "index.html" if relative == "" or relative.endswith("/") else relative
    candidate = directory / file_path
    if candidate.is_dir():
        return f"'{relative}' is a folder: the link needs a trailing '/'"
    if not candidate.is_file():
        return f"no file {file_path} in the build"
    fragment = unquote(target.fragment)
    if fragment in TOP_FRAGMENTS or not file_path.endswith(".html"):
        return None
    if fragment not in pages[file_path].ids:
        return f"no id '{fragment}' in {file_path}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check the internal links of a built site.")
    parser.add_argument("directory", type=Path, help="the built site folder")
    parser.add_argument("--base-url", required=True, help="URL the site is served at")
    args = parser.parse_args(argv)
    report = check_links(args.directory, args.base_url)
    print(
        report.summary() if report.broken else f"{report.pages} pages, {len(report.links)} links: all good."
    )
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())

"""A small link checker for a built site folder.

Every ``.html`` file is parsed with the standard library's ``html.parser``; the ``href`` or
``src`` of ``a``, ``link``, ``script`` and ``img`` elements are collected. Internal links
(same host as the base URL, root-relative or relative) are resolved to files of the build,
the way a static server does it ('dir/' -> 'dir/index.html', under the base path), and
``#fragments`` must name an ``id`` (or ``<a name>``) of the target page. External http(s)
links, ``mailto:``, ``tel:`` and ``data:`` URLs are ignored; any other scheme (such as a
``javascript:`` URL that escaped sanitising) is reported. How a link is judged is
``generator.links.resolve_link``, the rule ``archive check`` applies too; finding the links
is left to ``html.parser`` here, independent of the generator's own tokenizer.

Usage by hand::

    python -m tests.tools.linkcheck build/ --base-url http://127.0.0.1:8000/
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from generator.links import LINK_ATTRIBUTES, Link, resolve_link


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


def parse_page(path: Path) -> tuple[tuple[tuple[int, str, str], ...], frozenset[str]]:
    """(line, element, value) of every link of the HTML file ``path``, and its ids."""
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return tuple(parser.links), frozenset(parser.ids)


@dataclass(frozen=True)
class _Folder:
    """A built folder as generator.links.SiteFiles sees it."""

    directory: Path
    page_ids: dict[str, frozenset[str]]

    def is_file(self, path: str) -> bool:
        return (self.directory / path).is_file()

    def is_folder(self, path: str) -> bool:
        return (self.directory / path).is_dir()

    def ids(self, path: str) -> frozenset[str]:
        return self.page_ids.get(path, frozenset())


def check_links(directory: Path, base_url: str) -> LinkReport:
    """Check every link of every page under ``directory``, served at ``base_url``."""
    base_url = base_url if base_url.endswith("/") else base_url + "/"
    parsed = {
        path.relative_to(directory).as_posix(): parse_page(path) for path in sorted(directory.rglob("*.html"))
    }
    folder = _Folder(directory, {page: ids for page, (_, ids) in parsed.items()})
    report = LinkReport(pages=len(parsed))
    for page, (links, _) in parsed.items():
        for line, element, value in links:
            link = Link(page, line, element, value)
            report.links.append(link)
            resolution = resolve_link(link, base_url, folder)
            if resolution.internal:
                report.internal.append(link)
            if resolution.problem:
                report.broken.append(BrokenLink(link, resolution.problem))
    return report


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

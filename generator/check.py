"""`archive check`: what CI verifies before publishing, without writing anything.

It runs the first half of a build (``check_site``: config, front matter, page plan,
templates), then renders every page in memory and checks that each internal link of the
HTML names a planned page or a static file, looks for articles that are the same story
twice, and lists the articles flagged for review. Broken links are errors (publishing them
would publish a broken site); duplicates and review flags are warnings, which ``--strict``
turns into errors. Every problem is collected first and reported in one pass.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from generator.build import CheckedSite, check_site
from generator.config import SiteConfig
from generator.content.model import Article
from generator.duplicates import duplicate_warnings, find_duplicates
from generator.errors import ContentError, Diagnostic, Severity, error, sort_diagnostics, warning
from generator.links import Link, PageLinks, Resolution, find_links, page_url, resolve_link
from generator.render.markup import MarkdownRenderer
from generator.render.parallel import RenderJob, render_pages
from generator.report import Reporter
from generator.site.plan import PageSpec
from generator.site.urls import article_url, output_path
from generator.workers import default_workers
from generator.yamlsource import closest_key

#: Written after rendering (by Pagefind), so links into it cannot be checked here.
SEARCH_BUNDLE = "pagefind"
_ARTICLE_PATH = re.compile(r"^articles/([^/]+)/?$")


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What `archive check` found in a site that passed (no errors)."""

    articles: int
    flagged: int  #: articles with a review list.
    duplicates: int  #: articles that repeat an earlier one.
    pages: int  #: HTML pages rendered and scanned for links.
    links: int  #: internal links checked.
    warnings: tuple[Diagnostic, ...]

    def summary(self) -> str:
        return (
            f"{self.articles} valid articles, {self.flagged} flagged for review, "
            f"{self.duplicates} possible duplicate(s); "
            f"{self.links} internal links checked in {self.pages} pages."
        )


def check_archive(
    config: SiteConfig, reporter: Reporter, strict: bool = False, workers: int | None = None
) -> CheckReport:
    """Check everything; raise ContentError with every diagnostic if any is an error (after
    ``strict`` made warnings errors), else return the report and its warnings."""
    workers = workers or default_workers()
    checked = check_site(config, reporter, workers=workers)
    with reporter.stage("links"):
        links = check_links(config, checked, workers)
    with reporter.stage("duplicates"):
        duplicates = duplicate_warnings(find_duplicates(checked.model.articles))
    flagged = checked.model.flagged
    diagnostics = [*checked.warnings, *review_warnings(flagged), *duplicates, *links.diagnostics]
    if strict:
        diagnostics = [dataclasses.replace(d, severity=Severity.ERROR) for d in diagnostics]
    if any(d.is_error for d in diagnostics):
        raise ContentError(diagnostics)
    return CheckReport(
        articles=len(checked.model.articles),
        flagged=len(flagged),
        duplicates=len(duplicates),
        pages=links.pages,
        links=links.checked,
        warnings=sort_diagnostics(diagnostics),
    )


def review_warnings(flagged: Iterable[Article]) -> list[Diagnostic]:
    """One warning per article still to verify, with its reasons."""
    return [
        warning(article.source_path, None, "check.review", "flagged for review: " + "; ".join(article.review))
        for article in flagged
    ]


# --- links -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkCheck:
    pages: int
    checked: int  #: internal links.
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class PlannedSite:
    """The files a build of the plan would write (generator.links.SiteFiles): every page,
    every static file, and anything under the search bundle when search is enabled."""

    files: frozenset[str]
    folders: frozenset[str]
    page_ids: dict[str, frozenset[str]]
    open_folder: str | None = None  #: a folder whose content is only known after rendering.

    def is_file(self, path: str) -> bool:
        return path in self.files or (
            self.open_folder is not None and path.startswith(f"{self.open_folder}/")
        )

    def is_folder(self, path: str) -> bool:
        return path in self.folders

    def ids(self, path: str) -> frozenset[str]:
        return self.page_ids.get(path, frozenset())


def check_links(config: SiteConfig, checked: CheckedSite, workers: int) -> LinkCheck:
    """Render every page in memory and resolve every link of every HTML page."""
    specs = {output_path(spec.url).as_posix(): spec for spec in checked.specs}
    job = RenderJob(config, checked.model, checked.specs, checked.environment)
    pages = [
        find_links(path, rendered.data.decode("utf-8"))
        for rendered in render_pages(job, workers)
        if (path := output_path(rendered.url).as_posix()).endswith(".html")
    ]
    site = planned_site(specs, _static_files(config.static_dir), pages, config.search.enabled)
    articles = {output_path(article_url(a)).as_posix(): a for a in checked.model.articles}
    blame = _Blame(config, articles, specs)
    base_url = config.base_url if config.base_url.endswith("/") else config.base_url + "/"
    checked_links = 0
    # A root-relative or absolute link means the same on every page: resolve it once.
    resolved: dict[tuple[str, str], Resolution] = {}
    for page in pages:
        for link in page.links:
            key = (link.value if link.value.startswith("/") or "://" in link.value else link.page, link.value)
            resolution = resolved.get(key)
            if resolution is None:
                resolution = resolved[key] = resolve_link(link, base_url, site)
            checked_links += resolution.internal
            if resolution.problem:
                blame.add(link, resolution.problem)
    return LinkCheck(len(pages), checked_links, blame.diagnostics())


def planned_site(
    specs: dict[str, PageSpec], static: Iterable[str], pages: Iterable[PageLinks], search: bool
) -> PlannedSite:
    files = {*specs, *(f"static/{name}" for name in static)}
    folders = {parent.as_posix() for name in files for parent in PurePosixPath(name).parents} - {"."}
    if search:
        folders.add(SEARCH_BUNDLE)
    return PlannedSite(
        frozenset(files),
        frozenset(folders),
        {page.page: page.ids for page in pages},
        SEARCH_BUNDLE if search else None,
    )


def _static_files(static_dir: Path) -> list[str]:
    if not static_dir.is_dir():
        return []
    return [path.relative_to(static_dir).as_posix() for path in static_dir.rglob("*") if path.is_file()]


class _Blame:
    """Turns broken links into diagnostics aimed at whoever can fix them: the article file
    (with the Markdown line) when the link is in an article's body, else the templates,
    once per broken link however many pages repeat it."""

    def __init__(self, config: SiteConfig, articles: dict[str, Article], specs: dict[str, PageSpec]):
        self.config = config
        self.articles = articles
        self.specs = specs
        self._markdown = MarkdownRenderer()
        self._bodies: dict[str, frozenset[str]] = {}
        self._in_bodies: dict[tuple[str, str], Diagnostic] = {}
        self._in_templates: dict[tuple[str, str], tuple[Link, str, int]] = {}

    def add(self, link: Link, problem: str) -> None:
        article = self.articles.get(link.page)
        if article is not None and link.value in self._body_links(article):
            self._in_bodies[(article.source_path, link.value)] = error(
                article.source_path,
                _body_line(self.config.root / article.source_path, article, link.value),
                "check.link",
                f"broken link {link.value!r}: {problem}",
                self._hint(link),
            )
            return
        first, reason, count = self._in_templates.get((link.element, link.value), (link, problem, 0))
        self._in_templates[(link.element, link.value)] = (first, reason, count + 1)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        templates = self.config.display_path(self.config.templates_dir)
        found = list(self._in_bodies.values())
        for link, problem, count in self._in_templates.values():
            others = f" and {count - 1} other page(s)" if count > 1 else ""
            found.append(
                error(
                    templates,
                    None,
                    "check.link",
                    f"broken link {link.value!r} in <{link.element}> on {link.page} (line {link.line}, "
                    f"template {self.specs[link.page].template}){others}: {problem}",
                )
            )
        return sort_diagnostics(found)

    def _body_links(self, article: Article) -> frozenset[str]:
        if article.slug not in self._bodies:
            html = self._markdown.to_html(article.body)
            self._bodies[article.slug] = frozenset(link.value for link in find_links("", html).links)
        return self._bodies[article.slug]

    def _hint(self, link: Link) -> str | None:
        """How to fix a link of an article body, when we know."""
        base_path = self.config.base_path
        if link.value.startswith("/") and not link.value.startswith(base_path):
            return "make it relative (e.g. ../other-slug/ from an article): it then works under any base path"
        target = unquote(urlsplit(urljoin(page_url(link.page, self.config.base_url), link.value)).path)
        match = _ARTICLE_PATH.match(target[len(base_path) :]) if target.startswith(base_path) else None
        slugs = {article.slug for article in self.articles.values()}
        if match is None or match.group(1) in slugs:
            return None
        # A link to an article that does not exist: name the closest one that does.
        closest = closest_key(match.group(1), slugs)
        return f"did you mean {base_path}articles/{closest}/?" if closest else None


def _body_line(path: Path, article: Article, value: str) -> int | None:
    """The file line of the body that holds ``value`` as a link target, if one does.

    Read from the file: ``Article.body`` has lost the blank lines that opened the body.
    """
    pattern = re.compile(r"""(?:^|[\s(<"'=])""" + re.escape(value) + r"""(?:$|[\s)>"'])""")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for number in range(article.body_line, len(lines) + 1):
        if pattern.search(lines[number - 1]):
            return number
    return None

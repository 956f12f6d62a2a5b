"""The edited article's own page, shown before the rebuild that follows it finishes.

An editor saving an article is looking at that article. Its page reads, besides the
article itself, only what the rest of the archive says about it: related articles, the
pages of its people and countries. When the edit leaves everything those depend on
unchanged (slug, file, date, relations, countries, people, tags), the page can be rendered
at once from the last build's model with the new article in place, and served from memory
while the full incremental rebuild runs (Hugo's "fast render" idea, for one page). The
rebuild then replaces it; if its page differs from the preview (say, a new body changed
which articles read alike), the browser reloads once more. A preview is never written to
disk, so the served folder and its manifest always hold whole builds only.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.build import CheckedSite
from generator.config import SiteConfig
from generator.content.countries import load_countries
from generator.content.load import display_path, is_article_file
from generator.content.model import Article
from generator.content.parse import read_and_parse
from generator.errors import GeneratorError
from generator.render import fragments
from generator.render.templates import render_page
from generator.render.views import ViewBuilder


@dataclass(frozen=True, slots=True)
class Preview:
    url: str  #: site-relative, as in the page plan ('/articles/slug/')
    body: bytes
    slug: str
    digest: str  #: hash of the file bytes it was rendered from (as the build hashes them)


def preview_articles(config: SiteConfig, site: CheckedSite, paths: Iterable[Path]) -> list[Preview]:
    """Pages of the edited articles among ``paths`` that can be rendered from ``site``
    (the last good build) without the rebuild; the others wait for the rebuild."""
    specs = {spec.subject.slug: spec for spec in site.specs if spec.kind == "article"}  # type: ignore[union-attr]
    views: ViewBuilder | None = None
    previews = []
    for path in paths:
        if not _is_article_path(config, path):
            continue
        job = (display_path(path, config.root), path.stem, path, None)
        digest, article, problems = read_and_parse(job, load_countries(), config.home_country)
        if article is None or any(problem.is_error for problem in problems):
            continue  # unreadable or invalid: the rebuild reports it
        spec = specs.get(article.slug)
        if spec is None or not same_surroundings(spec.subject, article):  # type: ignore[arg-type]
            continue
        views = views or ViewBuilder(config, site.model, site.specs)
        edited = dataclasses.replace(spec, subject=article)
        try:
            with fragments.scoped(site.environment):
                body = render_page(site.environment, spec.template, views.context(edited), spec.url)
        except GeneratorError:
            continue
        previews.append(Preview(spec.url, body, article.slug, digest))
    return previews


def same_surroundings(before: Article, after: Article) -> bool:
    """Whether everything the rest of the archive knows about the article is unchanged:
    then its page, rendered with the last model, is the page the rebuild will write
    (related articles aside: those the rebuild may still change)."""
    return _surroundings(before) == _surroundings(after)


def _surroundings(article: Article) -> tuple:
    return (
        article.slug,
        article.source_path,
        article.date,
        article.pairs,
        article.countries,
        article.people,
        article.tags,
    )


def _is_article_path(config: SiteConfig, path: Path) -> bool:
    try:
        relative = path.relative_to(config.content_dir).as_posix()
    except ValueError:
        return False
    return is_article_file(relative) and path.is_file()


class Previews:
    """Pages served from memory until a build that read their file at least as late
    lands (thread-safe: the preview and rebuild loops write, request threads read)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pages: dict[str, tuple[Preview, int]] = {}  #: url -> (preview, build number when taken)

    def show(self, previews: Iterable[Preview], taken: int) -> None:
        """Serve ``previews``, taken while ``taken`` builds had started."""
        with self._lock:
            self._pages.update((preview.url, (preview, taken)) for preview in previews)

    def get(self, url: str) -> bytes | None:
        with self._lock:
            kept = self._pages.get(url)
            return kept[0].body if kept else None

    def settle(self, build: int, digests: Mapping[str, str]) -> tuple[dict[str, bytes], frozenset[str]]:
        """After build number ``build`` succeeded, forget the previews it covers: taken
        before it started, or rendered from the very bytes it read (``digests``: slug ->
        file hash). Returns their pages (URL -> bytes), and the URLs of the previews that
        are newer than the build (its version of those pages must not replace them)."""
        with self._lock:
            covered, newer = {}, set()
            for url, (preview, taken) in list(self._pages.items()):
                if taken < build or digests.get(preview.slug) == preview.digest:
                    covered[url] = preview.body
                    del self._pages[url]
                else:
                    newer.add(url)
            return covered, frozenset(newer)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()

"""What the dev server keeps between rebuilds, and where each outcome goes.

Two threads act on a session: the rebuild loop (one incremental build after another) and
the preview loop, which shows an edited article's own page at once, even while a rebuild
is running (see preview.py). Builds are numbered as they start; a preview is numbered
when it is shown, after its file was read, so a build that started earlier (and may have
read the file before the edit) neither drops it nor reloads its page with older bytes,
unless it read the very same bytes. A preview rendered from a build that another build
has since replaced (or that failed) is not shown: the later outcome stands.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.build import CheckedSite, build_site, content_cache
from generator.config import SiteConfig
from generator.content.cache import ContentCache
from generator.errors import GeneratorError
from generator.publish.output import OutputLock
from generator.publish.workspace import OutputState, ready_previous
from generator.report import Reporter
from generator.serve.changes import ChangeKind, ChangeSet
from generator.serve.preview import Previews, preview_articles
from generator.serve.reload import LiveReload
from generator.serve.search import SearchRefresher
from generator.site.urls import output_path


class Session:
    """Parsed articles in memory, the last good build, the previews being served."""

    def __init__(self, serve_dir: Path, reporter: Reporter, live: LiveReload, search: SearchRefresher | None):
        self.serve_dir = serve_dir
        self.reporter = reporter
        self.live = live
        self.search = search
        self.cache: ContentCache | None = None
        self.config: SiteConfig | None = None  #: the configuration of the last build
        self.site: CheckedSite | None = None  #: the last build, when it succeeded
        self.previews = Previews()
        self.started = 0  #: builds started so far
        self._lock = threading.Lock()  #: orders build numbers and previews taken

    def rebuild(self, config: SiteConfig, changes: ChangeSet, initial: bool = False) -> None:
        """One rebuild; its outcome goes to the terminal and to every open page."""
        reporter = self.reporter
        if changes.kind is ChangeKind.INBOX:
            _ingest_inbox(config, reporter)
        with self._lock:
            self.started += 1
            number = self.started
        self.cache = content_cache(config, self.cache)
        try:
            # One process: forking a pool from a process running server threads is unsafe.
            result = build_site(
                config,
                reporter,
                output_dir=self.serve_dir,
                workers=None if initial else 1,
                index_search=False,
                cache=self.cache,
                kept=self.site,
            )
        except GeneratorError as exc:
            if initial:
                raise
            with self._lock:  # a preview rendered meanwhile is not shown (see preview())
                self.previews.clear()
                self.site = None
            reporter.diagnostics(exc.diagnostics)
            reporter.info("Rebuild failed: the last good site is still served.")
            self.live.publish(exc.diagnostics)
            return
        if initial:
            _ready_previous(config, self.serve_dir)
        with self._lock:
            self.config, self.site = config, result.site or self.site
            covered, newer = self.previews.settle(number, self.site.digests if self.site else {})
        reporter.diagnostics(result.warnings)
        total = sum(result.timings.values())
        names = [path.name for path in changes.paths if path.suffix]
        what = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "") or "start"
        reporter.info(f"Rebuilt ({what}): {result.rendered} of {result.pages} files written in {total:.2f} s")
        pages = None  # static files and configuration can change how every page looks
        if changes.kind in (ChangeKind.CONTENT, ChangeKind.INBOX, ChangeKind.TEMPLATES):
            changed = [url for url in result.changed if url not in newer and not self._as_shown(url, covered)]
            pages = _browser_paths(config, changed)
        self.live.publish(pages=pages)
        if self.search is not None and (initial or result.rendered):
            self.search.request()

    def preview(self, paths: Iterable[Path]) -> None:
        """Show the edited articles' own pages now, from the last good build."""
        with self._lock:
            config, site = self.config, self.site
        if config is None or site is None:
            return
        started = time.perf_counter()
        previews = preview_articles(config, site, paths)  # reads the files
        if not previews:
            return
        with self._lock:
            if self.site is not site:  # a build ended meanwhile: its outcome stands
                return
            # Numbered after the files were read: a build started before this point read
            # them no later than the preview did, and is compared by content (settle).
            self.previews.show(previews, self.started)
            self.live.publish(pages=_browser_paths(config, [preview.url for preview in previews]))
        shown = ", ".join(p.url for p in previews)
        self.reporter.info(f"Previewed {shown} in {time.perf_counter() - started:.2f} s")

    def _as_shown(self, url: str, covered: Mapping[str, bytes]) -> bool:
        """Whether the rebuild wrote exactly the page a preview already showed (the pages
        showing it need not reload again)."""
        if url not in covered:
            return False
        try:
            return (self.serve_dir / output_path(url)).read_bytes() == covered[url]
        except OSError:
            return False


def _browser_paths(config: SiteConfig, urls: Iterable[str]) -> tuple[str, ...]:
    """Site-relative page URLs as the browser's location shows them (under the base path)."""
    return tuple(config.base_path + url.lstrip("/") for url in urls)


def _ingest_inbox(config: SiteConfig, reporter: Reporter) -> None:
    from generator.ingest.pipeline import ingest_paths

    result = ingest_paths(
        [], config.content_dir, config.root, reporter=reporter, home_code=config.home_country
    )
    reporter.diagnostics(result.diagnostics)


def _ready_previous(config: SiteConfig, serve_dir: Path) -> None:
    """Have the copy the next rebuild updates ready now, while nobody waits (see
    publish/workspace.py ``ready_previous``). One not made now is made by that rebuild."""
    with contextlib.suppress(GeneratorError), OutputLock(serve_dir):
        ready_previous(OutputState(config.cache_dir, serve_dir))

"""`archive serve`: build, serve, watch, rebuild what changed, reload the browser.

The server builds into its own folder (``.cache/serve/``), never the user's ``build/``.
Rebuilds are incremental (the build cache, kept in memory here between rebuilds, and the
page fingerprints decide what to render again) and only the pages they rewrote reload.
The search index is refreshed in the background, off the reload path. A
failed rebuild keeps the last good site served and shows its diagnostics in the terminal
and, through the live-reload script, in an overlay in every open page; fixing the file
clears it. Files dropped into ``content/inbox/`` are ingested, then appear on the site.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from generator.build import CheckedSite, build_site, content_cache
from generator.config import SiteConfig
from generator.content.cache import ContentCache
from generator.errors import GeneratorError
from generator.report import Reporter
from generator.serve.changes import ChangeKind, ChangeSet, WatchedPaths, classify_all
from generator.serve.preview import Previews, preview_articles
from generator.serve.reload import LiveReload
from generator.serve.search import SearchRefresher
from generator.serve.server import make_handler
from generator.serve.watch import ChangeCollector, start_observer
from generator.site.urls import output_path

SERVE_DIR = Path(".cache") / "serve"
SEARCH_DIR = Path(".cache") / "serve-search"


@dataclass
class DevServer:
    """A running dev server (threads started); ``stop()`` shuts everything down."""

    url: str
    http: ThreadingHTTPServer
    live: LiveReload
    stopping: threading.Event
    threads: list[threading.Thread]
    search: SearchRefresher | None = None

    def stop(self) -> None:
        self.stopping.set()
        self.http.shutdown()
        self.http.server_close()
        for thread in self.threads:
            thread.join(timeout=5)
        if self.search is not None:
            self.search.stop()


def start(
    load: Callable[[], SiteConfig], config_file: Path, reporter: Reporter, host: str, port: int
) -> DevServer:
    """Build once, then serve and watch in background threads. ``load`` re-reads the
    configuration (with the command line's overrides) when site.yaml changes."""
    config = load()
    serve_dir = config.root / SERVE_DIR
    search_dir = config.root / SEARCH_DIR
    live = LiveReload()
    search = None
    if config.search.enabled:
        search = SearchRefresher(serve_dir, search_dir, config.language, config.search.timeout, reporter)
    session = _Session(serve_dir, reporter, live, search)
    session.rebuild(config, ChangeSet(ChangeKind.CONFIG, ()), initial=True)
    handler = make_handler(serve_dir, config.base_path, live, search_dir, session.previews)
    http = ThreadingHTTPServer((host, port), handler)
    http.daemon_threads = True
    stopping = threading.Event()
    collector = ChangeCollector()
    watched = WatchedPaths.of(config, config_file, serve_dir)
    observer = start_observer(
        collector, [watched.content, watched.templates, watched.static], [watched.config_file]
    )

    def rebuild_loop() -> None:
        current = config
        while not stopping.is_set():
            batch = collector.wait_for_batch(stopping)
            changes = classify_all(batch, watched)
            if changes.kind is ChangeKind.NONE:
                continue
            if changes.kind is ChangeKind.CONFIG:
                try:
                    current = load()
                except GeneratorError as exc:
                    reporter.diagnostics(exc.diagnostics)
                    live.publish(exc.diagnostics)
                    continue
            session.rebuild(current, changes)
        observer.stop()

    loop = threading.Thread(target=rebuild_loop, name="archive-rebuild", daemon=True)
    loop.start()
    serving = threading.Thread(target=http.serve_forever, name="archive-http", daemon=True)
    serving.start()
    actual_port = http.server_address[1]
    url = f"http://{host}:{actual_port}{config.base_path}"
    return DevServer(url, http, live, stopping, [loop, serving], search)


def serve(
    load: Callable[[], SiteConfig], config_file: Path, reporter: Reporter, host: str, port: int
) -> None:
    """Run the dev server until Ctrl+C."""
    server = start(load, config_file, reporter, host, port)
    reporter.info(f"Serving the archive on {server.url} (Ctrl+C to stop); watching for changes.")
    try:
        server.stopping.wait()
    finally:
        server.stop()


class _Session:
    """What the dev server keeps between rebuilds: parsed articles in memory, the last
    good build (to preview an edited article's page before the rebuild), and where each
    outcome goes (terminal, open pages, search refresher)."""

    def __init__(self, serve_dir: Path, reporter: Reporter, live: LiveReload, search: SearchRefresher | None):
        self.serve_dir = serve_dir
        self.reporter = reporter
        self.live = live
        self.search = search
        self.cache: ContentCache | None = None
        self.site: CheckedSite | None = None  #: the last build, when it succeeded
        self.previews = Previews()

    def rebuild(self, config: SiteConfig, changes: ChangeSet, initial: bool = False) -> None:
        """One rebuild; its outcome goes to the terminal and to every open page."""
        reporter = self.reporter
        if changes.kind is ChangeKind.INBOX:
            _ingest_inbox(config, reporter)
        if changes.kind is ChangeKind.CONTENT and self.site is not None:
            self._preview(config, changes.paths)
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
            )
        except GeneratorError as exc:
            if initial:
                raise
            self.previews.clear()
            self.site = None
            reporter.diagnostics(exc.diagnostics)
            reporter.info("Rebuild failed: the last good site is still served.")
            self.live.publish(exc.diagnostics)
            return
        shown = self.previews.clear()
        self.site = result.site or self.site
        reporter.diagnostics(result.warnings)
        total = sum(result.timings.values())
        names = [path.name for path in changes.paths if path.suffix]
        what = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "") or "start"
        reporter.info(f"Rebuilt ({what}): {result.rendered} of {result.pages} files written in {total:.2f} s")
        pages = None  # static files and configuration can change how every page looks
        if changes.kind in (ChangeKind.CONTENT, ChangeKind.INBOX, ChangeKind.TEMPLATES):
            changed = [url for url in result.changed if not self._as_previewed(url, shown)]
            pages = tuple(config.base_path + url.lstrip("/") for url in changed)
        self.live.publish(pages=pages)
        if self.search is not None and (initial or result.rendered):
            self.search.request()

    def _preview(self, config: SiteConfig, paths: tuple[Path, ...]) -> None:
        """Show the edited articles' own pages now; the rebuild follows."""
        started = time.perf_counter()
        previews = preview_articles(config, self.site, paths)  # type: ignore[arg-type]
        if previews:
            self.previews.show(previews)
            self.live.publish(pages=tuple(config.base_path + p.url.lstrip("/") for p in previews))
            self.reporter.info(
                f"Previewed {', '.join(p.url for p in previews)} in {time.perf_counter() - started:.2f} s"
            )

    def _as_previewed(self, url: str, shown: Mapping[str, bytes]) -> bool:
        """Whether the rebuild wrote exactly the page already shown as a preview (the
        pages showing it need not reload again)."""
        if url not in shown:
            return False
        try:
            return (self.serve_dir / output_path(url)).read_bytes() == shown[url]
        except OSError:
            return False


def _ingest_inbox(config: SiteConfig, reporter: Reporter) -> None:
    from generator.ingest.pipeline import ingest_paths

    result = ingest_paths(
        [], config.content_dir, config.root, reporter=reporter, home_code=config.home_country
    )
    reporter.diagnostics(result.diagnostics)

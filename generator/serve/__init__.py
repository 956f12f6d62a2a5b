"""`archive serve`: build, serve, watch, rebuild what changed, reload the browser.

The server builds into its own folder (``.cache/serve/``), never the user's ``build/``.
Rebuilds are incremental (the build cache, kept in memory here between rebuilds, and the
page fingerprints decide what to render again) and only the pages they rewrote reload;
an edited article's own page is shown at once, before its rebuild (session.py, preview.py).
The search index is refreshed in the background, off the reload path. A
failed rebuild keeps the last good site served and shows its diagnostics in the terminal
and, through the live-reload script, in an overlay in every open page; fixing the file
clears it. Files dropped into ``content/inbox/`` are ingested, then appear on the site.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import GeneratorError
from generator.report import Reporter
from generator.serve.changes import ChangeKind, ChangeSet, WatchedPaths, classify_all
from generator.serve.reload import LiveReload
from generator.serve.search import SearchRefresher
from generator.serve.server import make_handler
from generator.serve.session import Session
from generator.serve.watch import ChangeCollector, start_observer

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
    session = Session(serve_dir, reporter, live, None)
    # The first build forks workers: it runs before any thread of the server is started.
    session.rebuild(config, ChangeSet(ChangeKind.CONFIG, ()), initial=True)
    search = None
    if config.search.enabled:
        search = SearchRefresher(serve_dir, search_dir, config.language, config.search.timeout, reporter)
        session.search = search
        search.request()
    handler = make_handler(serve_dir, config.base_path, live, search_dir, session.previews)
    http = ThreadingHTTPServer((host, port), handler)
    http.daemon_threads = True
    stopping = threading.Event()
    collector, early = ChangeCollector(), ChangeCollector()
    watched = WatchedPaths.of(config, config_file, serve_dir)
    observer = start_observer(
        [collector, early], [watched.content, watched.templates, watched.static], [watched.config_file]
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
            with _reported(reporter, "rebuild"):
                session.rebuild(current, changes)
        observer.stop()

    def preview_loop() -> None:  # the edited article's page, even while a rebuild runs
        while not stopping.is_set():
            changes = classify_all(early.wait_for_batch(stopping), watched)
            if changes.kind is ChangeKind.CONTENT:
                with _reported(reporter, "preview"):
                    session.preview(changes.paths)

    loop = threading.Thread(target=rebuild_loop, name="archive-rebuild", daemon=True)
    loop.start()
    previewing = threading.Thread(target=preview_loop, name="archive-preview", daemon=True)
    previewing.start()
    serving = threading.Thread(target=http.serve_forever, name="archive-http", daemon=True)
    serving.start()
    actual_port = http.server_address[1]
    url = f"http://{host}:{actual_port}{config.base_path}"
    return DevServer(url, http, live, stopping, [loop, previewing, serving], search)


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


@contextmanager
def _reported(reporter: Reporter, what: str) -> Iterator[None]:
    """A bug in one rebuild or preview is reported, and the server keeps watching (a dead
    thread would leave the editor looking at a site that silently stopped updating)."""
    try:
        yield
    except Exception:
        reporter.info(f"Internal error during the {what} (please report it):\n{traceback.format_exc()}")

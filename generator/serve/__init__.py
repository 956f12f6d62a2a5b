"""`archive serve`: build, serve, watch, rebuild what changed, reload the browser.

The server builds into its own folder (``.cache/serve/``), never the user's ``build/``. A
failed rebuild keeps the last good site served and shows its diagnostics in the terminal
and, through the live-reload script, in an overlay in every open page; fixing the file
clears it. Files dropped into ``content/inbox/`` are ingested, then appear on the site.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from generator.build import build_site
from generator.config import SiteConfig
from generator.errors import GeneratorError
from generator.report import Reporter
from generator.serve.changes import ChangeKind, ChangeSet, WatchedPaths, classify_all
from generator.serve.reload import LiveReload
from generator.serve.server import make_handler
from generator.serve.watch import ChangeCollector, start_observer

SERVE_DIR = Path(".cache") / "serve"


@dataclass
class DevServer:
    """A running dev server (threads started); ``stop()`` shuts everything down."""

    url: str
    http: ThreadingHTTPServer
    live: LiveReload
    stopping: threading.Event
    threads: list[threading.Thread]

    def stop(self) -> None:
        self.stopping.set()
        self.http.shutdown()
        self.http.server_close()
        for thread in self.threads:
            thread.join(timeout=5)


def start(
    load: Callable[[], SiteConfig], config_file: Path, reporter: Reporter, host: str, port: int
) -> DevServer:
    """Build once, then serve and watch in background threads. ``load`` re-reads the
    configuration (with the command line's overrides) when site.yaml changes."""
    config = load()
    serve_dir = config.root / SERVE_DIR
    live = LiveReload()
    _rebuild(config, serve_dir, reporter, live, ChangeSet(ChangeKind.CONFIG, ()), initial=True)
    http = ThreadingHTTPServer((host, port), make_handler(serve_dir, config.base_path, live))
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
            _rebuild(current, serve_dir, reporter, live, changes)
        observer.stop()

    loop = threading.Thread(target=rebuild_loop, name="archive-rebuild", daemon=True)
    loop.start()
    serving = threading.Thread(target=http.serve_forever, name="archive-http", daemon=True)
    serving.start()
    actual_port = http.server_address[1]
    url = f"http://{host}:{actual_port}{config.base_path}"
    return DevServer(url, http, live, stopping, [loop, serving])


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


def _rebuild(
    config: SiteConfig,
    serve_dir: Path,
    reporter: Reporter,
    live: LiveReload,
    changes: ChangeSet,
    initial: bool = False,
) -> None:
    """One rebuild; its outcome goes to the terminal and to every open page."""
    if changes.kind is ChangeKind.INBOX:
        _ingest_inbox(config, reporter)
    try:
        # One process: forking a pool from a process running server threads is unsafe.
        result = build_site(config, reporter, output_dir=serve_dir, workers=None if initial else 1)
    except GeneratorError as exc:
        if initial:
            raise
        reporter.diagnostics(exc.diagnostics)
        reporter.info("Rebuild failed: the last good site is still served.")
        live.publish(exc.diagnostics)
        return
    reporter.diagnostics(result.warnings)
    total = sum(result.timings.values())
    names = [path.name for path in changes.paths if path.suffix]
    what = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "") or "start"
    reporter.info(f"Rebuilt ({what}): {result.pages} files in {total:.2f} s")
    live.publish()


def _ingest_inbox(config: SiteConfig, reporter: Reporter) -> None:
    from generator.ingest.pipeline import ingest_paths

    result = ingest_paths(
        [], config.content_dir, config.root, reporter=reporter, home_code=config.home_country
    )
    reporter.diagnostics(result.diagnostics)

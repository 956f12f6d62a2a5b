"""File watching with a quiet period: events only mark "rebuild wanted".

Editors save in bursts (a temporary file, a rename, a metadata change), so changed paths
are collected until nothing has happened for ``quiet`` seconds, then handed over as one
batch (mkdocs and Zola debounce the same way).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer


class ChangeCollector(FileSystemEventHandler):
    """Collects changed paths from watchdog's thread; ``wait_for_batch`` hands them over."""

    def __init__(self, quiet: float = 0.1):
        self.quiet = quiet
        self._paths: set[Path] = set()
        self._last_event = 0.0
        self._condition = threading.Condition()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self._condition:
            for raw in (event.src_path, getattr(event, "dest_path", "")):
                if raw:
                    self._paths.add(Path(raw if isinstance(raw, str) else raw.decode()).resolve())
            self._last_event = time.monotonic()
            self._condition.notify_all()

    def add(self, path: Path) -> None:
        """Record a change by hand (tests, and the polling fallback)."""
        with self._condition:
            self._paths.add(path.resolve())
            self._last_event = time.monotonic()
            self._condition.notify_all()

    def wait_for_batch(self, stop: threading.Event) -> set[Path]:
        """Block until changes arrived and then stayed quiet; empty if ``stop`` was set."""
        with self._condition:
            while not stop.is_set():
                if self._paths and time.monotonic() - self._last_event >= self.quiet:
                    batch, self._paths = self._paths, set()
                    return batch
                timeout = self.quiet if self._paths else 0.5
                self._condition.wait(timeout)
        return set()


def start_observer(collectors: list[ChangeCollector], folders: list[Path], files: list[Path]) -> Observer:
    """Watch ``folders`` recursively and the folders of ``files`` (for site.yaml) flatly;
    every collector hears every event."""
    observer = Observer()
    watched: set[Path] = set()
    for folder in folders:
        if folder.is_dir() and folder not in watched:
            for collector in collectors:
                observer.schedule(collector, str(folder), recursive=True)
            watched.add(folder)
    for file in files:
        if file.parent not in watched:
            for collector in collectors:
                observer.schedule(collector, str(file.parent), recursive=False)
            watched.add(file.parent)
    observer.daemon = True
    observer.start()
    return observer

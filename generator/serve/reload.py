"""Live-reload state shared by the rebuild loop and the browsers' event streams.

Each finished rebuild bumps a generation number; every open page waits on it through a
server-sent-events stream and is told either "reload" (the build succeeded) or "error"
with the diagnostics to show in an overlay (the last good site stays served). A reload
names the pages the rebuild rewrote, so only those reload; None means every page (a
stylesheet or the configuration changed).
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass

from generator.errors import Diagnostic


@dataclass(frozen=True, slots=True)
class BuildEvent:
    generation: int
    diagnostics: tuple[Diagnostic, ...]  #: empty when the build succeeded
    pages: tuple[str, ...] | None = None  #: paths of the rewritten pages; None: all of them

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    def message(self) -> str:
        """The SSE data line the browser script understands."""
        if self.ok:
            pages = list(self.pages) if self.pages is not None else None
            return json.dumps({"type": "reload", "generation": self.generation, "pages": pages})
        lines = [diagnostic.format() for diagnostic in self.diagnostics]
        return json.dumps({"type": "error", "generation": self.generation, "diagnostics": lines})


class LiveReload:
    """Thread-safe: the rebuild loop publishes, request threads wait."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._latest = BuildEvent(0, ())

    @property
    def latest(self) -> BuildEvent:
        with self._condition:
            return self._latest

    def publish(
        self, diagnostics: tuple[Diagnostic, ...] = (), pages: tuple[str, ...] | None = None
    ) -> BuildEvent:
        with self._condition:
            self._latest = BuildEvent(self._latest.generation + 1, diagnostics, pages)
            self._condition.notify_all()
            return self._latest

    def wait_after(self, generation: int, timeout: float) -> BuildEvent | None:
        """The first event newer than ``generation``, or None after ``timeout`` seconds."""
        with self._condition:
            self._condition.wait_for(lambda: self._latest.generation > generation, timeout)
            return self._latest if self._latest.generation > generation else None

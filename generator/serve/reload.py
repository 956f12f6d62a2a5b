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
from collections import deque
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
    """Thread-safe: the rebuild and preview loops publish, request threads wait."""

    #: Events remembered for streams that fall behind; an older gap reloads every page.
    HISTORY = 64

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._events: deque[BuildEvent] = deque([BuildEvent(0, ())], maxlen=self.HISTORY)

    @property
    def latest(self) -> BuildEvent:
        with self._condition:
            return self._events[-1]

    def publish(
        self, diagnostics: tuple[Diagnostic, ...] = (), pages: tuple[str, ...] | None = None
    ) -> BuildEvent:
        with self._condition:
            event = BuildEvent(self._events[-1].generation + 1, diagnostics, pages)
            self._events.append(event)
            self._condition.notify_all()
            return event

    def wait_after(self, generation: int, timeout: float) -> BuildEvent | None:
        """What happened since ``generation`` as one event, or None after ``timeout``
        seconds. Events published in a burst (a preview, then its rebuild) reach a stream
        as one: the latest, naming every page any of them rewrote, so no page misses a
        reload because a later event did not name it. A failed build's event is passed
        on as it is (the page shows its diagnostics)."""
        with self._condition:
            self._condition.wait_for(lambda: self._events[-1].generation > generation, timeout)
            latest = self._events[-1]
            if latest.generation <= generation:
                return None
            if not latest.ok:
                return latest
            since = [event for event in self._events if event.generation > generation]
            if since[0].generation != generation + 1:  # fell behind the history
                return BuildEvent(latest.generation, (), None)
            pages: dict[str, None] | None = {}
            for event in since:
                if event.pages is None:
                    pages = None
                    break
                pages.update(dict.fromkeys(event.pages))
            return BuildEvent(latest.generation, (), tuple(pages) if pages is not None else None)

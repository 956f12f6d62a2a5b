"""The cyclic garbage collector paused around a build (see ``PausedCollector``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


class PausedCollector:
    """The cyclic garbage collector around one build, left as it was found.

    Loading makes ~100k small objects, none in a cycle; the collector would walk them
    again and again for nothing (a tenth of a warm build at 10k articles): it is paused.
    On resuming, what the build holds is frozen: left in the young generation, it would
    be walked whole by the next collections, in the middle of rendering (0.25 s of a
    one-article rebuild at 10k). When the build ends it is unfrozen, an O(1) move to the
    oldest generation, so that a long-running caller's cycles (the model it lets go at
    its next build) are collected as usual. A caller that froze objects before the build
    keeps them frozen: the build then freezes nothing."""

    def __init__(self) -> None:
        self.enabled = gc.isenabled()
        self.freezes = self.enabled and gc.get_freeze_count() == 0

    @contextmanager
    def paused(self) -> Iterator[None]:
        gc.disable()
        try:
            yield
        finally:
            if self.freezes:
                gc.freeze()
            if self.enabled:
                gc.enable()

    def __enter__(self) -> PausedCollector:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.freezes:
            gc.unfreeze()

"""Reporters: the only way the generator talks to the user.

Going through an object instead of bare ``print`` lets tests assert on exactly what the user
saw (``BufferReporter``), and lets ``--quiet`` silence progress without touching the stages.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

from generator.errors import Diagnostic

#: After this many diagnostics with the same code, the rest are summarised in one line.
REPEAT_LIMIT = 5
#: Fewer items than this are done before anyone would look at a progress line.
PROGRESS_MINIMUM = 500

T = TypeVar("T")


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Reporter:
    """Console reporter: diagnostics to stderr, progress and summaries to stdout."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None, quiet: bool = False):
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.quiet = quiet
        self.timings: dict[str, float] = {}

    def info(self, message: str) -> None:
        if not self.quiet:
            print(message, file=self.out, flush=True)

    def diagnostics(self, diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
        """Print diagnostics, de-duplicating long runs of the same code."""
        seen: Counter[str] = Counter()
        for diagnostic in diagnostics:
            seen[diagnostic.code] += 1
            if seen[diagnostic.code] <= REPEAT_LIMIT:
                print(diagnostic.format(), file=self.err)
        for code, count in sorted(seen.items()):
            if count > REPEAT_LIMIT:
                print(f"... and {count - REPEAT_LIMIT} more [{code}]", file=self.err)
        self.err.flush()

    def progress(
        self, label: str, items: Iterable[T], total: int, size: Callable[[T], int] | None = None
    ) -> Iterator[T]:
        """Yield ``items``, showing ``label: done/total`` on one refreshed terminal line
        (at most five times a second) when the output is an interactive terminal and the
        work is long enough to wait for; silent otherwise (CI logs, --quiet, tests). An
        item counts for ``size(item)`` units of ``total`` (default: one)."""
        if self.quiet or total < PROGRESS_MINIMUM or not _is_terminal(self.out):
            yield from items
            return
        shown = 0.0
        done = 0
        for item in items:
            done += size(item) if size is not None else 1
            now = time.monotonic()
            if now - shown >= 0.2:
                print(
                    f"\r{label}: {done:,}/{total:,}".replace(",", "\u202f"), end="", file=self.out, flush=True
                )
                shown = now
            yield item
        print(f"\r{label}: {done:,}/{total:,}".replace(",", "\u202f") + " " * 8, file=self.out, flush=True)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time one pipeline stage; the figures end up in the build summary."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = time.perf_counter() - start


class BufferReporter(Reporter):
    """Reporter that keeps everything in memory, for tests."""

    def __init__(self) -> None:
        import io

        super().__init__(out=io.StringIO(), err=io.StringIO())

    @property
    def output(self) -> str:
        return self.out.getvalue()  # type: ignore[attr-defined]

    @property
    def errors(self) -> str:
        return self.err.getvalue()  # type: ignore[attr-defined]

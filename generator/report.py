"""Reporters: the only way the generator talks to the user.

Going through an object instead of bare ``print`` lets tests assert on exactly what the user
saw (``BufferReporter``), and lets ``--quiet`` silence progress without touching the stages.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from generator.errors import Diagnostic

#: After this many diagnostics with the same code, the rest are summarised in one line.
REPEAT_LIMIT = 5


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

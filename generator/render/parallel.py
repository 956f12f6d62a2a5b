"""Rendering the page plan on every core: a fork-based process pool over chunks of pages.

Rendering is pure CPU work on read-only data, so workers are forked *after* the model is
built and inherit it (copy-on-write) instead of receiving it pickled. Each worker renders
whole chunks; ``render_pages`` sends their bytes back to the parent, in plan order, so the
output is the same whatever the number of workers. A build uses ``render_and_write``
instead: each worker writes the pages it rendered itself and sends back only counts. The
parent writing 240 MB of pages alone, after unpickling them, took a quarter of the CPU of
a cold build's rendering stage at 10,000 articles, on a core the workers needed. Small
sites, or platforms without ``fork``, render in-process.

The module-level variables below are the job and the task handed to forked workers: they
are set just before the pool starts and cleared when it ends.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import Pool
from typing import Generic, Protocol, TypeVar

import jinja2

from generator.config import SiteConfig
from generator.render import fragments
from generator.render.templates import RenderedFile, render_page
from generator.render.views import ViewBuilder
from generator.site.model import SiteModel
from generator.site.plan import PageSpec
from generator.workers import can_fork, fork_pool

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: Pages per task: big enough to amortise the round trip, small enough to balance load.
CHUNK = 256


@dataclass(frozen=True, slots=True)
class RenderJob:
    config: SiteConfig
    model: SiteModel
    specs: tuple[PageSpec, ...]
    environment: jinja2.Environment


#: Writes rendered files somewhere and says how many and how many bytes (publish/output.py).
Writer = Callable[[Iterable[RenderedFile]], tuple[int, int]]
#: What is done with one chunk of pages, in a worker or in-process.
Task = Callable[[RenderJob, ViewBuilder, tuple[int, ...]], T]


@dataclass(frozen=True, slots=True)
class Written:
    """What one chunk of pages put on disk."""

    pages: int
    bytes: int


_JOB: RenderJob | None = None
_TASK: Task | None = None
_VIEWS: ViewBuilder | None = None


def render_pages(
    job: RenderJob, workers: int, chunk: int = CHUNK, selected: Sequence[int] | None = None
) -> Iterator[RenderedFile]:
    """Every planned page as bytes, in plan order; with ``selected``, only the pages at
    those indices of ``job.specs`` (contexts still see the whole plan)."""
    with contextlib.closing(_each_chunk(job, workers, chunk, selected, _rendered)) as chunks:
        for files in chunks:
            yield from files


def render_and_write(
    job: RenderJob, workers: int, write: Writer, chunk: int = CHUNK, selected: Sequence[int] | None = None
) -> Chunks[Written]:
    """Render the pages (``selected`` ones, or all) and ``write`` them where they were
    rendered, a chunk at a time; yields what each chunk wrote, in plan order.

    Forked workers start at once, not when the result is first iterated: the caller can
    do other work while they render (in-process, pages are rendered as the result is
    iterated). Closing the result (done when it is exhausted) stops the workers."""
    return _each_chunk(job, workers, chunk, selected, functools.partial(_written, write))


def _rendered(job: RenderJob, views: ViewBuilder, indices: tuple[int, ...]) -> list[RenderedFile]:
    return list(_render(job, views, indices))


def _written(write: Writer, job: RenderJob, views: ViewBuilder, indices: tuple[int, ...]) -> Written:
    return Written(*write(_render(job, views, indices)))


class Chunks(Protocol[T_co]):
    """The results of each chunk, in plan order, as an iterator that can be closed."""

    def __iter__(self) -> Iterator[T_co]: ...
    def __next__(self) -> T_co: ...
    def close(self) -> None: ...


def _each_chunk(
    job: RenderJob, workers: int, chunk: int, selected: Sequence[int] | None, task: Task[T]
) -> Chunks[T]:
    """``task`` done on each chunk of the pages (``selected`` ones, or all), on forked
    workers when there is more than one chunk and more than one worker; results in
    plan order."""
    indices = range(len(job.specs)) if selected is None else selected
    chunks = [tuple(indices[start : start + chunk]) for start in range(0, len(indices), chunk)]
    if workers <= 1 or len(chunks) <= 1 or not can_fork():
        return _in_process(job, task, chunks)
    return _Forked(job, task, workers, chunks)


def _in_process(job: RenderJob, task: Task[T], chunks: list[tuple[int, ...]]) -> Iterator[T]:
    views = ViewBuilder(job.config, job.model, job.specs)
    with fragments.scoped(job.environment):
        for part in chunks:
            yield task(job, views, part)


class _Forked(Generic[T]):
    """``task`` done on each chunk by workers forked when this is made; iterating it gives
    the results in plan order. Closing it, which exhausting it does, stops the workers."""

    def __init__(self, job: RenderJob, task: Task[T], workers: int, chunks: list[tuple[int, ...]]):
        global _JOB, _TASK
        _JOB, _TASK = job, task
        try:
            self._pool: Pool | None = fork_pool(workers)
        except BaseException:
            _JOB = _TASK = None
            raise
        self._results = self._pool.imap(_in_worker, chunks)

    def __iter__(self) -> _Forked[T]:
        return self

    def __next__(self) -> T:
        if self._pool is None:
            raise StopIteration
        try:
            return next(self._results)
        except BaseException:  # the end (StopIteration), a worker's error, or an interrupt
            self.close()
            raise

    def close(self) -> None:
        global _JOB, _TASK
        if self._pool is not None:
            self._pool.terminate()  # and waits for the workers
            self._pool = None
            _JOB = _TASK = None


def _in_worker(indices: tuple[int, ...]) -> object:
    """Worker side: one ViewBuilder and fragment cache per process, so cards and bodies
    are built, and cards rendered, once each."""
    global _VIEWS
    job, task = _JOB, _TASK
    if job is None or task is None:  # pragma: no cover - only reachable if the pool were not forked
        raise RuntimeError("render worker started without a job")
    if _VIEWS is None:
        _VIEWS = ViewBuilder(job.config, job.model, job.specs)
        fragments.install(job.environment)
    return task(job, _VIEWS, indices)


def _render(job: RenderJob, views: ViewBuilder, indices: Iterable[int]) -> Iterator[RenderedFile]:
    for index in indices:
        spec = job.specs[index]
        yield RenderedFile(
            spec.url, render_page(job.environment, spec.template, views.context(spec), spec.url)
        )

"""Rendering the page plan on every core: a fork-based process pool over chunks of pages.

Rendering is pure CPU work on read-only data, so workers are forked *after* the model is
built and inherit it (copy-on-write) instead of receiving it pickled. Each worker renders
whole chunks; ``render_pages`` sends their bytes back to the parent, in plan order, so the
output is the same whatever the number of workers. A build uses ``render_and_write``
instead: each worker writes the pages it rendered itself and sends back only counts. The
parent writing 240 MB of pages alone, after unpickling them, took a quarter of the CPU of
a cold build's rendering stage at 10,000 articles, on a core the workers needed. Small
sites, or platforms without ``fork``, render in-process.

The module-level variables below are the job (and writer) handed to forked workers: they
are set just before the pool starts and cleared when it ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import jinja2

from generator.config import SiteConfig
from generator.render.templates import RenderedFile, render_page
from generator.render.views import ViewBuilder
from generator.site.model import SiteModel
from generator.site.plan import PageSpec
from generator.workers import can_fork, fork_pool

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


@dataclass(frozen=True, slots=True)
class Written:
    """What one chunk of pages put on disk."""

    pages: int
    bytes: int


_JOB: RenderJob | None = None
_WRITE: Writer | None = None
_VIEWS: ViewBuilder | None = None


def render_pages(
    job: RenderJob, workers: int, chunk: int = CHUNK, selected: Sequence[int] | None = None
) -> Iterator[RenderedFile]:
    """Every planned page as bytes, in plan order; with ``selected``, only the pages at
    those indices of ``job.specs`` (contexts still see the whole plan)."""
    indices = range(len(job.specs)) if selected is None else selected
    chunks = [tuple(indices[start : start + chunk]) for start in range(0, len(indices), chunk)]
    if workers <= 1 or len(chunks) <= 1 or not can_fork():
        yield from _render(job, ViewBuilder(job.config, job.model, job.specs), indices)
        return
    global _JOB
    _JOB = job
    try:
        with fork_pool(workers) as pool:
            for files in pool.imap(_render_chunk, chunks):
                yield from files
    finally:
        _JOB = None


def render_and_write(
    job: RenderJob, workers: int, write: Writer, chunk: int = CHUNK, selected: Sequence[int] | None = None
) -> Iterator[Written]:
    """Render the pages (``selected`` ones, or all) and ``write`` them where they were
    rendered, a chunk at a time; yields what each chunk wrote, in plan order."""
    indices = range(len(job.specs)) if selected is None else selected
    chunks = [tuple(indices[start : start + chunk]) for start in range(0, len(indices), chunk)]
    if workers <= 1 or len(chunks) <= 1 or not can_fork():
        views = ViewBuilder(job.config, job.model, job.specs)
        for part in chunks:
            yield Written(*write(_render(job, views, part)))
        return
    global _JOB, _WRITE
    _JOB, _WRITE = job, write
    try:
        with fork_pool(workers) as pool:
            yield from pool.imap(_render_and_write_chunk, chunks)
    finally:
        _JOB = _WRITE = None


def _render_chunk(indices: tuple[int, ...]) -> list[RenderedFile]:
    return list(_render(_JOB or _no_job(), _worker_views(), indices))


def _render_and_write_chunk(indices: tuple[int, ...]) -> Written:
    if _WRITE is None:  # pragma: no cover - only reachable if the pool were not forked
        _no_job()
    return Written(*_WRITE(_render(_JOB or _no_job(), _worker_views(), indices)))


def _worker_views() -> ViewBuilder:
    """Worker side: one ViewBuilder per process, so cards and bodies are built once each."""
    global _VIEWS
    job = _JOB or _no_job()
    if _VIEWS is None:
        _VIEWS = ViewBuilder(job.config, job.model, job.specs)
    return _VIEWS


def _no_job() -> RenderJob:  # pragma: no cover - only reachable if the pool were not forked
    raise RuntimeError("render worker started without a job")


def _render(job: RenderJob, views: ViewBuilder, indices: Iterable[int]) -> Iterator[RenderedFile]:
    for index in indices:
        spec = job.specs[index]
        yield RenderedFile(
            spec.url, render_page(job.environment, spec.template, views.context(spec), spec.url)
        )

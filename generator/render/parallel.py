"""Rendering the page plan on every core: a fork-based process pool over chunks of pages.

Rendering is pure CPU work on read-only data, so workers are forked *after* the model is
built and inherit it (copy-on-write) instead of receiving it pickled. Each worker renders
whole chunks and sends back their bytes; the parent yields them in plan order, so the
output is the same whatever the number of workers. Small sites, or platforms without
``fork``, render in-process.

The one module-level variable below is the job handed to forked workers: it is set just
before the pool starts and cleared when it ends.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
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


_JOB: RenderJob | None = None
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


def _render_chunk(indices: tuple[int, ...]) -> list[RenderedFile]:
    """Worker side: one ViewBuilder per process, so cards and bodies are built once each."""
    global _VIEWS
    job = _JOB
    if job is None:  # pragma: no cover - only reachable if the pool were not forked
        raise RuntimeError("render worker started without a job")
    if _VIEWS is None:
        _VIEWS = ViewBuilder(job.config, job.model, job.specs)
    return list(_render(job, _VIEWS, indices))


def _render(job: RenderJob, views: ViewBuilder, indices: Iterable[int]) -> Iterator[RenderedFile]:
    for index in indices:
        spec = job.specs[index]
        yield RenderedFile(
            spec.url, render_page(job.environment, spec.template, views.context(spec), spec.url)
        )

from __future__ import annotations

import functools
import multiprocessing
import time
from pathlib import Path

import pytest

from generator.errors import PublishError, TemplateError
from generator.publish.output import write_pages
from generator.render.parallel import RenderJob, render_and_write, render_pages
from generator.site.urls import output_path


def test_output_is_identical_when_rendered_by_several_workers(job: RenderJob) -> None:
    serial = list(render_pages(job, workers=1))
    parallel = list(render_pages(job, workers=2, chunk=7))
    assert [page.url for page in parallel] == [spec.url for spec in job.specs]
    assert parallel == serial


@pytest.mark.parametrize("workers", [1, 2])
def test_only_selected_pages_are_rendered_with_the_same_bytes(job: RenderJob, workers: int) -> None:
    everything = {page.url: page for page in render_pages(job, workers=1)}
    selected = list(range(0, len(job.specs), 3))
    some = list(render_pages(job, workers=workers, chunk=4, selected=selected))
    assert [page.url for page in some] == [job.specs[index].url for index in selected]
    assert some == [everything[page.url] for page in some]


def test_template_error_reaches_the_parent_whole_when_raised_in_a_worker(job: RenderJob) -> None:
    environment = job.environment.overlay()
    environment.filters = {**environment.filters, "number": lambda value: 1 // 0}  # pages with a count fail
    broken = RenderJob(job.config, job.model, job.specs, environment)
    with pytest.raises(TemplateError) as raised:
        list(render_pages(broken, workers=2, chunk=7))
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "template.error"
    assert diagnostic.path.endswith(".html") and diagnostic.line is not None
    assert "by zero (while rendering /" in diagnostic.message


@pytest.mark.parametrize("workers", [1, 2])
def test_pages_written_where_they_were_rendered_are_the_pages_rendered(
    job: RenderJob, workers: int, tmp_path: Path
) -> None:
    """Each worker writes its own pages: the tree holds exactly what render_pages gives,
    and the counts sent back add up to it."""
    expected = {str(output_path(page.url)): page.data for page in render_pages(job, workers=1)}
    selected = list(range(1, len(job.specs), 2))
    write = functools.partial(write_pages, tmp_path)
    chunks = list(render_and_write(job, workers, write, chunk=5, selected=selected))
    assert len(chunks) == -(-len(selected) // 5)
    written = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    wanted = {str(output_path(job.specs[index].url)) for index in selected}
    assert written == {path: data for path, data in expected.items() if path in wanted}
    assert sum(chunk.pages for chunk in chunks) == len(selected)
    assert sum(chunk.bytes for chunk in chunks) == sum(map(len, written.values()))


def test_write_error_in_a_worker_reaches_the_parent_naming_the_file(job: RenderJob, tmp_path: Path) -> None:
    (tmp_path / "articles").write_text("a file where a folder must go", encoding="utf-8")
    write = functools.partial(write_pages, tmp_path)
    with pytest.raises(PublishError) as raised:
        list(render_and_write(job, 2, write, chunk=5))
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "publish.write" and "articles" in diagnostic.path


def test_workers_render_before_the_result_is_read_and_stop_when_it_is_closed(
    job: RenderJob, tmp_path: Path
) -> None:
    """render_and_write forks its workers when called: pages are on disk before anything
    is read from the result. Closing it stops them, twice is harmless, and the next pool
    starts clean."""
    write = functools.partial(write_pages, tmp_path)
    chunks = render_and_write(job, 2, write, chunk=5)
    assert len(multiprocessing.active_children()) == 2
    deadline = time.monotonic() + 30
    while not any(tmp_path.rglob("*.html")) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert any(tmp_path.rglob("*.html"))  # written, though nothing was read yet
    chunks.close()
    chunks.close()
    assert multiprocessing.active_children() == []
    assert list(chunks) == []
    again = list(render_pages(job, workers=2, chunk=7))  # a later pool, on the same job
    assert [page.url for page in again] == [spec.url for spec in job.specs]

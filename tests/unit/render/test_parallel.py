from __future__ import annotations

import pytest

from generator.build import check_site
from generator.config import load_config
from generator.errors import TemplateError
from generator.render.parallel import RenderJob, render_pages
from generator.report import BufferReporter
from tests.conftest import BASIC_SITE


@pytest.fixture(scope="module")
def job() -> RenderJob:
    config = load_config(BASIC_SITE / "site.yaml")
    checked = check_site(config, BufferReporter())
    return RenderJob(config, checked.model, checked.specs, checked.environment)


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
    environment.filters["number"] = lambda value: 1 // 0  # every page with a count fails
    broken = RenderJob(job.config, job.model, job.specs, environment)
    with pytest.raises(TemplateError) as raised:
        list(render_pages(broken, workers=2, chunk=7))
    (diagnostic,) = raised.value.diagnostics
    assert diagnostic.code == "template.error"
    assert diagnostic.path.endswith(".html") and diagnostic.line is not None
    assert "by zero (while rendering /" in diagnostic.message

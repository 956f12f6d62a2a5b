"""The orchestrator: one readable function listing the stages of a build.

Validate everything first (config, content, templates, page plan), then write. ``check``
runs exactly the first half. Nothing touches the output folder until every page has been
rendered into a staging directory.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator.config import SiteConfig
from generator.content.load import load_content
from generator.errors import ContentError, Diagnostic, GeneratorError, Severity
from generator.publish import output
from generator.publish.search import SearchIndex, index_site
from generator.render.parallel import RenderJob, default_workers, render_pages
from generator.render.templates import make_environment
from generator.report import Reporter
from generator.site.model import SiteModel, build_model
from generator.site.plan import PageSpec, check_plan, plan_pages


@dataclass(frozen=True, slots=True)
class CheckedSite:
    """Everything known before writing: the validated model and the page plan."""

    model: SiteModel
    specs: tuple[PageSpec, ...]
    environment: jinja2.Environment  #: templates, all compiled (syntax errors found here)
    warnings: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class BuildResult:
    output_dir: Path
    pages: int
    articles: int
    bytes_written: int
    timings: dict[str, float]
    warnings: tuple[Diagnostic, ...]
    search: SearchIndex | None = None  #: None when search is disabled.


def check_site(config: SiteConfig, reporter: Reporter, strict: bool = False) -> CheckedSite:
    """Load and validate everything; raise GeneratorError with every problem found."""
    with reporter.stage("load"):
        loaded = load_content(config.content_dir, config.root, config.home_country)
    diagnostics = loaded.diagnostics
    if strict:  # warnings become errors, and say so
        diagnostics = tuple(dataclasses.replace(d, severity=Severity.ERROR) for d in diagnostics)
    if any(d.is_error for d in diagnostics):
        raise ContentError(diagnostics)
    with reporter.stage("model"):
        model = build_model(loaded.articles, config.lists.related)
    with reporter.stage("plan"):
        specs = plan_pages(model, config.lists.per_page, config.search.enabled)
        collisions = check_plan(specs)
    if collisions:
        raise ContentError(collisions)
    with reporter.stage("templates"):
        environment = make_environment(config.templates_dir, config.display_path(config.templates_dir))
    return CheckedSite(model, specs, environment, loaded.diagnostics)


def build_site(
    config: SiteConfig,
    reporter: Reporter,
    output_dir: Path | None = None,
    strict: bool = False,
    workers: int | None = None,
) -> BuildResult:
    """Build the whole site into ``output_dir`` (default: config's), atomically, rendering
    on ``workers`` processes (default: every core; the output is the same either way)."""
    target = output_dir or config.output_dir
    checked = check_site(config, reporter, strict)
    with output.OutputLock(target):
        output.clean_leftovers(target)
        with reporter.stage("render+write"):
            job = RenderJob(config, checked.model, checked.specs, checked.environment)
            rendered = render_pages(job, workers or default_workers())
            staged = output.stage(target, rendered, config.static_dir)
        search = None
        if config.search.enabled:
            with reporter.stage("search"), output.discarded_on_failure(staged):
                search = index_site(staged.directory, config.language, config.search.timeout)
        with reporter.stage("swap"):
            output.swap(staged, target)
    return BuildResult(
        output_dir=target,
        pages=staged.files,
        articles=len(checked.model.articles),
        bytes_written=staged.bytes_written,
        timings=dict(reporter.timings),
        warnings=checked.warnings,
        search=search,
    )


__all__ = ["BuildResult", "CheckedSite", "GeneratorError", "build_site", "check_site"]

"""The orchestrator: one readable function listing the stages of a build.

Validate everything first (config, content, templates, page plan), then write. ``check``
runs exactly the first half. Nothing touches the output folder until every page has been
rendered into a staging directory.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import importlib.metadata
import itertools
from collections.abc import Mapping
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

import jinja2

from generator.collector import PausedCollector
from generator.config import SiteConfig
from generator.content.cache import ContentCache
from generator.content.countries import load_countries
from generator.content.load import LoadedContent, load_content
from generator.errors import ContentError, Diagnostic, GeneratorError, Severity
from generator.inputs import FileStamp, content_key, survey
from generator.publish import build_report, output
from generator.publish.build_report import REPORT_FILE, BuildReport
from generator.publish.reuse import pages_to_render
from generator.publish.search import BUNDLE_DIR, SearchIndex, index_site
from generator.publish.workspace import (
    Linking,
    Manifest,
    OutputState,
    Workspace,
    open_workspace,
    remove_files,
    start_linking,
    starts_empty,
    sync_static,
)
from generator.render import dependencies, export_lines, exports
from generator.render.dependencies import PageReads
from generator.render.fingerprint import Fingerprinter, template_digests
from generator.render.parallel import Chunks, RenderJob, Written, render_and_write
from generator.render.templates import make_environment
from generator.report import Reporter
from generator.site.edits import Edit
from generator.site.model import SiteModel, build_model, choose_related
from generator.site.patch import patched
from generator.site.person_slugs import SlugMemory
from generator.site.plan import PageSpec, check_plan, plan_pages
from generator.site.urls import output_path
from generator.workers import default_workers


@dataclass(frozen=True, slots=True)
class CheckedSite:
    """Everything known before writing: the validated model and the page plan."""

    model: SiteModel
    specs: tuple[PageSpec, ...]
    environment: jinja2.Environment  #: templates, all compiled (syntax errors found here)
    warnings: tuple[Diagnostic, ...]
    digests: Mapping[str, str] = field(default_factory=dict)  #: slug -> hash of its file
    edit: Edit | None = None  #: the articles edited since the last build, when none was reshaped
    inputs: str | None = None  #: the key of the build made from it (set once written)
    loaded: LoadedContent | None = None  #: the articles as loaded (brought up to date by the next build)


@dataclass(frozen=True, slots=True)
class BuildResult:
    output_dir: Path
    pages: int  #: files of the site (pages, feeds, sitemap; static files excluded)
    articles: int
    bytes_written: int
    timings: dict[str, float]
    warnings: tuple[Diagnostic, ...]
    search: SearchIndex | None = None  #: None when search was not (re)indexed.
    rendered: int = 0  #: pages rendered and written by this build
    changed: tuple[str, ...] = ()  #: their URLs (site-relative), in plan order
    removed: int = 0  #: pages of the previous site no longer planned
    up_to_date: bool = False  #: nothing changed since the last build: nothing was done
    report: BuildReport | None = None  #: None when nothing was done
    site: CheckedSite | None = None  #: what was built (None when nothing was done)


def check_site(
    config: SiteConfig,
    reporter: Reporter,
    strict: bool = False,
    cache: ContentCache | None = None,
    stamps: tuple[FileStamp, ...] | None = None,
    workers: int = 1,
    last: PageReads | None = None,
    kept: CheckedSite | None = None,
) -> CheckedSite:
    """Load and validate everything; raise GeneratorError with every problem found.
    ``last``: the record of the build being brought up to date, if it still applies;
    ``kept``: that build's checked site, when the caller kept it in memory (the model and
    plan are then patched, not made again, when the edit reshaped nothing)."""
    with reporter.stage("load"):
        previous = kept.loaded if kept is not None else None
        loaded = load_content(
            config.content_dir, config.root, config.home_country, cache, stamps, workers, previous
        )
    diagnostics = loaded.diagnostics
    if strict:  # warnings become errors, and say so
        diagnostics = tuple(dataclasses.replace(d, severity=Severity.ERROR) for d in diagnostics)
    if any(d.is_error for d in diagnostics):
        raise ContentError(diagnostics)
    edit = last.edit_since(loaded.articles, loaded.digests) if last is not None else None
    if edit is not None and kept is not None and kept.inputs == edit.since:
        with reporter.stage("model"):
            edited = {article.slug: article for article in loaded.articles if article.slug in edit.edited}
            limit = config.lists.related
            model, specs = patched(kept.model, kept.specs, edited, lambda m: choose_related(m, limit, edit))
    else:
        with reporter.stage("model"):
            model = build_model(loaded.articles, config.lists.related, edit=edit)
        with reporter.stage("plan"):
            specs = plan_pages(model, config.lists.per_page, config.search.enabled, config.lists.noindex_thin)
            collisions = check_plan(specs)
        if collisions:
            raise ContentError(collisions)
    with reporter.stage("templates"):
        bytecode = config.cache_dir / "templates" if cache is not None else None
        environment = make_environment(
            config.templates_dir, config.display_path(config.templates_dir), bytecode
        )
    return CheckedSite(model, specs, environment, loaded.diagnostics, loaded.digests, edit, loaded=loaded)


def build_site(
    config: SiteConfig,
    reporter: Reporter,
    output_dir: Path | None = None,
    strict: bool = False,
    workers: int | None = None,
    incremental: bool = True,
    index_search: bool = True,
    cache: ContentCache | None = None,
    kept: CheckedSite | None = None,
) -> BuildResult:
    """Build the whole site into ``output_dir`` (default: config's), atomically.

    Pages render on ``workers`` processes (default: every core; the output is the same
    either way). Incremental (the default) reuses the cache and the previous site: only
    pages whose inputs changed are rendered; ``incremental=False`` trusts neither and
    renders everything (the result is byte-identical). ``index_search=False`` leaves the
    Pagefind index to the caller (the dev server refreshes it off the reload path).
    ``cache`` is a content cache kept by a long-running caller between builds (see
    ``content_cache``), ``kept`` the site its last build returned (``BuildResult.site``).
    """
    target = output_dir or config.output_dir
    workers = workers or default_workers()
    with output.OutputLock(target), PausedCollector() as collector:
        output.clean_leftovers(target)
        state = OutputState(config.cache_dir, target)
        linking: Linking | None = None
        workspace: Workspace | None = None
        early = _Started.nothing()  #: pages put to the workers before the fingerprints
        try:
            with collector.paused():
                with reporter.stage("survey"):
                    inputs = survey(config, strict, index_search)
                current = state.manifest_of(target)
                if incremental and current is not None and current.inputs == inputs.key:
                    return _up_to_date(target, current, reporter)
                linking = start_linking(state, incremental)  # while the articles load
                cache = content_cache(config, cache, incremental)
                reads_path = dependencies.record_path(state.path) if state.path else None
                model_key = dependencies.model_key(config)
                described = current.inputs if current is not None and incremental else None
                last = dependencies.load_record(reads_path, described, model_key)
                slugs = SlugMemory(config.cache_dir / "people-slugs.marshal" if incremental else None)
                kept = kept if incremental else None  # a build that trusts nothing kept
                checked = check_site(config, reporter, strict, cache, inputs.content, workers, last, kept)
            if workers > 1 and starts_empty(state, incremental):  # every page is rendered: start now
                workspace = open_workspace(state, incremental, linking)
                early = _start_rendering(config, checked, workspace, workers)
            with collector.paused():  # the workers, forked above, collect as usual
                records = _export_records(config, checked, incremental, reporter, inputs.key)
                with reporter.stage("fingerprint"):
                    printed = _fingerprints(config, checked, current, last, records)
                prints = printed.prints
            if workspace is None:
                workspace = open_workspace(state, incremental, linking)
        except BaseException:
            early.chunks.close()
            if workspace is not None:
                output.discard(workspace.directory)
            elif linking is not None:
                linking.cancel()
            raise
        # The workers are stopped on any failure, before the workspace is discarded.
        with output.discarded_on_failure(workspace.directory), contextlib.ExitStack() as running:
            running.callback(early.chunks.close)
            holds = workspace.holds
            planned = {spec.url for spec in checked.specs}
            removed = [output_path(url) for url in holds.pages if url not in planned]
            selected = pages_to_render(checked.specs, prints, workspace, current, target, reporter)
            rest = [index for index in selected if index not in early.indices]
            with exports.serialised(records):
                if not early.indices and any(checked.specs[index].kind in EXPORT_KINDS for index in rest):
                    exports.fetch_all(records.values())  # once, not in every render worker
                # Workers forked early lack the export records: this process renders the rest.
                rendering = _render_into(config, checked, workspace, 1 if early.indices else workers, rest)
                running.callback(rendering.close)
                # Here, so that it overlaps rendering when there are workers (a cache: right
                # whether this build lands or not).
                cache.save()
                chunks = itertools.chain(rendering, early.chunks)
                # Timed from here, so that stages add up to the build: early pages began
                # rendering during the exports and fingerprint stages.
                with reporter.stage("render+write"):
                    count = written = 0
                    for chunk in reporter.progress("pages", chunks, len(selected), size=attrgetter("pages")):
                        count, written = count + chunk.pages, written + chunk.bytes
            remove_files(workspace.directory, removed)
            static = sync_static(workspace.directory, inputs.static, holds.static)
            search, search_key = None, None
            if config.search.enabled and index_search:
                search_key = _search_key(config, checked.specs, prints)
                if holds.search != search_key:
                    with reporter.stage("search"):
                        output.discard(workspace.directory / BUNDLE_DIR)
                        search = index_site(workspace.directory, config.language, config.search.timeout)
            else:
                output.discard(workspace.directory / BUNDLE_DIR)
            manifest = Manifest(
                pages={spec.url: print_ for spec, print_ in zip(checked.specs, prints, strict=True)},
                static=static,
                search=search_key,
                inputs=inputs.key,
                articles=len(checked.model.articles),
                warnings=tuple(d.to_row() for d in checked.warnings),
            )
            report = build_report.compare(
                current, manifest, checked.specs, checked.model, reporter.timings, config.lists.noindex_thin
            )
            output.write_file(workspace.directory / REPORT_FILE, report.to_json())
        with reporter.stage("swap"):
            output.swap(workspace.directory, target, keep_previous=state.previous_dir)
        state.record([(target, manifest), (state.previous_dir, current)])
        slugs.save()
        _remember(reads_path, printed, checked, manifest, model_key)
    return BuildResult(
        output_dir=target,
        pages=len(checked.specs),
        articles=len(checked.model.articles),
        bytes_written=written,
        timings=dict(reporter.timings),
        warnings=checked.warnings,
        search=search,
        rendered=count,
        changed=tuple(checked.specs[index].url for index in selected),
        removed=len(removed),
        report=report,
        site=dataclasses.replace(checked, inputs=manifest.inputs),
    )


@dataclass(frozen=True, slots=True)
class _Started:
    """Pages put to render workers forked before the fingerprints were made (or, for a
    site too small for workers, rendered in-process once the rest are)."""

    chunks: Chunks[Written]
    indices: frozenset[int]  #: their plan indices

    @staticmethod
    def nothing() -> _Started:
        """No page started early."""
        return _Started((chunk for chunk in ()), frozenset())


def _start_rendering(
    config: SiteConfig, checked: CheckedSite, workspace: Workspace, workers: int
) -> _Started:
    """Every page but the data exports put to the render workers at once, for a build that
    renders every page: the workers render while this process makes the export records
    and the fingerprints (a second of a cold 10k build, on one core). The exports are
    made of those records, so this process renders them once it has made them."""
    indices = [index for index, spec in enumerate(checked.specs) if spec.kind not in EXPORT_KINDS]
    return _Started(_render_into(config, checked, workspace, workers, indices), frozenset(indices))


def _render_into(
    config: SiteConfig, checked: CheckedSite, workspace: Workspace, workers: int, indices: list[int]
) -> Chunks[Written]:
    """The pages at ``indices`` rendered into the workspace (started at once on workers)."""
    job = RenderJob(config, checked.model, checked.specs, checked.environment)
    # A reused folder shares files with build/ by hard links: they are replaced, never written through.
    write = functools.partial(output.write_pages, workspace.directory, replace=workspace.reused)
    return render_and_write(job, workers, write, selected=indices)


@dataclass(frozen=True, slots=True)
class _Printed:
    """Every page's fingerprint, and how they were made, for the next build's record."""

    printer: Fingerprinter
    prints: tuple[str | None, ...]
    readers: dict[str, bytes]  #: slug -> pages that read it (render/dependencies.py)
    related: dict[str, tuple[str, ...]]  #: the related choice, by slug
    record: PageReads | None  #: the last build's, when only what an edit reaches was printed


def _fingerprints(
    config: SiteConfig,
    checked: CheckedSite,
    current: Manifest | None,
    last: PageReads | None,
    records: Mapping[str, exports.Serialised],
) -> _Printed:
    """Every page's fingerprint: printed again only where the last build's record says an
    edit can reach, else all of them (``records``: the export records, which the data
    exports are printed from)."""
    templates = template_digests(checked.environment)
    printer = Fingerprinter(config, checked.model, checked.specs, checked.digests, templates, records)
    related = dependencies.related_slugs(checked.model.related)
    last_pages = current.pages if current is not None else None
    record = dependencies.applicable(last, printer, last_pages, checked.edit)
    prints, readers = dependencies.print_pages(printer, record, last_pages, checked.edit, related)
    return _Printed(printer, prints, readers, related, record)


def _remember(
    path: Path | None, printed: _Printed, checked: CheckedSite, manifest: Manifest, model_key: str
) -> None:
    """Persist what this build's pages read, for the next build (render/dependencies.py):
    the last record updated when this build printed only what an edit reached, else a new one."""
    assert manifest.inputs is not None
    summaries = printed.printer.summaries()
    record = printed.record
    if record is not None and checked.edit is not None:
        edited = [a for a in checked.model.articles if a.slug in checked.edit.edited]
        record.update(manifest.inputs, edited, checked.digests, printed.related, summaries)
    else:
        base = dependencies.build_base(printed.printer)
        articles, digests = checked.model.articles, checked.digests
        record = dependencies.record_of(
            manifest.inputs, model_key, base, articles, digests, printed.related, printed.readers, summaries
        )
    dependencies.save_record(path, record)


def content_cache(
    config: SiteConfig, kept: ContentCache | None = None, incremental: bool = True
) -> ContentCache:
    """The content cache for a build of ``config``: ``kept`` (a long-running caller's, from
    its last build) while it still fits, else the one on disk (an empty one when not
    incremental: nothing is trusted, everything is written afresh)."""
    key, directory = content_key(config), config.cache_dir / "content"
    if incremental and kept is not None and kept.key == key and kept.directory == directory:
        return kept
    return ContentCache(directory, key, load_countries(), read=incremental)


def _up_to_date(target: Path, current: Manifest, reporter: Reporter) -> BuildResult:
    """Nothing the build reads has changed since ``target`` was written: leave it be."""
    return BuildResult(
        output_dir=target,
        pages=len(current.pages),
        articles=current.articles,
        bytes_written=0,
        timings=dict(reporter.timings),
        warnings=tuple(Diagnostic.from_row(row) for row in current.warnings),
        up_to_date=True,
    )


def _export_records(
    config: SiteConfig, checked: CheckedSite, incremental: bool, reporter: Reporter, build: str
) -> dict[str, exports.Serialised]:
    """Every article's export record written out, when the site has pages made of them
    (``build``: this build's inputs key). Made before the fingerprints, which the data
    exports take from them: an edit that leaves every record as it was (a body, when
    bodies are not exported) rewrites none of those large files."""
    if not any(spec.kind in EXPORT_KINDS for spec in checked.specs):
        return {}
    with reporter.stage("exports"):
        store = config.cache_dir if incremental else None
        return export_lines.prepare(config, checked.model, checked.digests, store, checked.edit, build)


#: Pages made of every article's export record (see render/export_lines.py).
EXPORT_KINDS = frozenset({"articles-json", "articles-csv", "relation-json"})


def _search_key(config: SiteConfig, specs: tuple[PageSpec, ...], prints: tuple[str | None, ...]) -> str:
    """What the index is built from: every article page (the only pages Pagefind reads)."""
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{importlib.metadata.version('pagefind')}|{config.language}\n".encode())
    for spec, fingerprint in zip(specs, prints, strict=True):
        if spec.kind == "article":
            hasher.update(f"{spec.url}\0{fingerprint}\n".encode())
    return hasher.hexdigest()


__all__ = ["BuildResult", "CheckedSite", "GeneratorError", "build_site", "check_site"]

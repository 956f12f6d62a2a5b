"""Of the planned pages, the ones a build must render: the rest are in its workspace
already (the previous copy of the site, brought up to date), or are linked into it from
the published site, which holds them as this build would write them."""

from __future__ import annotations

from pathlib import Path

from generator.publish.workspace import Manifest, Workspace, adopt_files
from generator.report import Reporter
from generator.site.plan import PageSpec
from generator.site.urls import output_path


def pages_to_render(
    specs: tuple[PageSpec, ...],
    prints: tuple[str | None, ...],
    workspace: Workspace,
    published: Manifest | None,
    target: Path,
    reporter: Reporter,
) -> list[int]:
    """The plan indices of the pages the workspace lacks (fingerprint changed, or none),
    less those linked from the published site. Links go only into a reused workspace (a
    fresh one, as with --no-cache, gets every page rendered)."""
    holds = workspace.holds.pages
    selected = [
        index
        for index, spec in enumerate(specs)
        if prints[index] is None or holds.get(spec.url, "") != prints[index]
    ]
    if not workspace.reused:
        return selected
    with reporter.stage("reuse"):
        return _adopt_published(specs, prints, selected, published, workspace.directory, target)


def _adopt_published(
    specs: tuple[PageSpec, ...],
    prints: tuple[str | None, ...],
    selected: list[int],
    published: Manifest | None,
    workspace: Path,
    target: Path,
) -> list[int]:
    """Of the pages to write, link those the published site already holds as this build
    would write them (the previous copy is one build behind: after a template edit it
    lacks every page that edit rewrote); return the ones left to render."""
    if published is None:
        return selected
    pages = published.pages
    ready = [i for i in selected if prints[i] is not None and pages.get(specs[i].url) == prints[i]]
    if not ready:
        return selected
    paths = {output_path(specs[i].url): i for i in ready}
    failed = {paths[path] for path in adopt_files(workspace, target, paths)}
    taken = set(ready) - failed
    return [i for i in selected if i not in taken]

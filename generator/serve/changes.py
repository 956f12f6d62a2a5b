"""Which kind of rebuild a set of changed paths calls for (pure, unit-tested).

File events only say "something changed here"; this decides what that means: a config
change rebuilds everything, a template change re-renders the pages, an article change
reloads content, a file dropped into content/inbox/ is ingested first, a static file is
copied. Paths the build itself writes (the output folders, staging folders, editor swap
files) are ignored, so a rebuild never triggers another.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from generator.config import SiteConfig


class ChangeKind(IntEnum):
    """Ordered by how much must be redone: a batch takes its largest kind."""

    NONE = 0
    STATIC = 1
    CONTENT = 2
    INBOX = 3
    TEMPLATES = 4
    CONFIG = 5


#: Files editors' tools write beside the real ones, never content.
_TEMPORARY_SUFFIXES = (".swp", ".swx", ".swo", ".tmp", ".part", "~")
_TEMPORARY_PREFIXES = (".#", "#")


@dataclass(frozen=True, slots=True)
class WatchedPaths:
    """Where each kind of input lives (absolute, resolved)."""

    config_file: Path
    content: Path
    templates: Path
    static: Path
    ignored: tuple[Path, ...]  #: output folders: ours and the user's build/

    @classmethod
    def of(cls, config: SiteConfig, config_file: Path, serve_dir: Path) -> WatchedPaths:
        return cls(
            config_file=config_file.resolve(),
            content=config.content_dir,
            templates=config.templates_dir,
            static=config.static_dir,
            ignored=(serve_dir.resolve(), config.output_dir),
        )


@dataclass(frozen=True, slots=True)
class ChangeSet:
    kind: ChangeKind
    paths: tuple[Path, ...]  #: the changed paths that matter, sorted.


def classify(path: Path, watched: WatchedPaths) -> ChangeKind:
    """What one changed path calls for."""
    name = path.name
    if name.endswith(_TEMPORARY_SUFFIXES) or name.startswith(_TEMPORARY_PREFIXES):
        return ChangeKind.NONE
    if any(part.startswith((".staging-", ".old-")) or part == "__pycache__" for part in path.parts):
        return ChangeKind.NONE
    if any(path.is_relative_to(folder) for folder in watched.ignored):
        return ChangeKind.NONE
    if path == watched.config_file:
        return ChangeKind.CONFIG
    if path.is_relative_to(watched.templates):
        return ChangeKind.TEMPLATES
    if path.is_relative_to(watched.static):
        return ChangeKind.STATIC
    if path.is_relative_to(watched.content):
        relative = path.relative_to(watched.content).parts
        if relative and relative[0] == "inbox":
            return ChangeKind.INBOX
        if relative and relative[0] == "sources":
            return ChangeKind.NONE  # kept raw inputs: provenance, not pages
        return ChangeKind.CONTENT if path.suffix == ".md" or not path.suffix else ChangeKind.NONE
    return ChangeKind.NONE


def classify_all(paths: Iterable[Path], watched: WatchedPaths) -> ChangeSet:
    """The rebuild a batch of changes calls for: the largest kind among them."""
    relevant = {path: classify(path, watched) for path in paths}
    relevant = {path: kind for path, kind in relevant.items() if kind is not ChangeKind.NONE}
    kind = max(relevant.values(), default=ChangeKind.NONE)
    return ChangeSet(kind, tuple(sorted(relevant)))

"""Double-buffered output: the previous site is kept beside ``build/`` and updated in place.

A full staging directory costs a write of every page and, after the swap, a removal of
every old one (seconds at 10,000 articles). Instead the site swapped out by the last
build is kept as ``.build.previous`` with a manifest of what it holds (each page's
fingerprint, each static file's stamp, the search index's inputs). The next build
brings that folder up to date — writing only the pages whose fingerprint differs,
deleting the pages no longer planned — and exchanges it with ``build/`` atomically. So
``build/`` is never written in place, and each build writes what changed since the
build before last.

Manifests live in the cache folder, keyed by the folder's inode (which a rename keeps
and an exchange swaps with the contents). A folder is forgotten *before* it is touched:
a build killed half way leaves a folder with no manifest, which the next build removes
instead of trusting. A folder with no manifest is never updated, only replaced.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import subprocess
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

from generator import filememo
from generator.atomic import replace_bytes, replace_with_link
from generator.inputs import FileStamp
from generator.publish import linker
from generator.publish.linker import link_tree
from generator.publish.output import discard, new_staging_dir

PREVIOUS_SUFFIX = ".previous"
_FORMAT = 1


@dataclass(slots=True)
class Manifest:
    """What an output folder holds, as the build that wrote it knew it."""

    pages: dict[str, str | None] = field(default_factory=dict)  #: URL -> fingerprint (None: unknown)
    static: dict[str, tuple] = field(default_factory=dict)  #: path in static/ -> source stamp
    search: str | None = None  #: inputs of its search index; None when it has none
    inputs: str | None = None  #: digest of every input of the build, for the no-op check
    articles: int = 0  #: how many articles the site has
    warnings: tuple[tuple, ...] = ()  #: the build's warnings (Diagnostic rows), replayed when nothing changed

    def to_data(self) -> tuple:
        """Copies of its tables (the data is kept, and this manifest may be changed)."""
        return (dict(self.pages), dict(self.static), self.search, self.inputs, self.articles, self.warnings)

    @classmethod
    def from_data(cls, data: tuple) -> Manifest:
        pages, static, search, inputs, articles, warnings = data
        return cls(dict(pages), dict(static), search, inputs, articles, tuple(warnings))


class OutputState:
    """The manifests of one output folder and its previous copy, persisted in the cache."""

    def __init__(self, cache_dir: Path | None, output_dir: Path):
        self.output_dir = output_dir
        self.previous_dir = output_dir.with_name(f".{output_dir.name}{PREVIOUS_SUFFIX}")
        key = hashlib.blake2b(str(output_dir.resolve()).encode(), digest_size=8).hexdigest()
        self.path = cache_dir / "outputs" / f"{key}.marshal" if cache_dir else None
        self._manifests: dict[str, tuple] = {}
        if self.path is not None:
            with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                version, manifests = filememo.read(self.path, marshal.loads)
                if version == _FORMAT and isinstance(manifests, dict):
                    self._manifests = dict(manifests)  # the kept value is shared: not changed here

    def manifest_of(self, directory: Path) -> Manifest | None:
        identity = _identity(directory)
        data = self._manifests.get(identity) if identity else None
        return Manifest.from_data(data) if data is not None else None

    def forget(self, directory: Path) -> None:
        """Drop a folder's manifest and persist that, before the folder is modified."""
        identity = _identity(directory)
        if identity and self._manifests.pop(identity, None) is not None:
            self.save()

    def record(self, entries: list[tuple[Path, Manifest | None]]) -> None:
        """Keep exactly these folders' manifests (stale identities are dropped)."""
        self._manifests = {}
        for directory, manifest in entries:
            identity = _identity(directory)
            if identity and manifest is not None:
                self._manifests[identity] = manifest.to_data()
        self.save()

    def save(self) -> None:
        """Best effort: a lost manifest costs a full build, never a wrong one."""
        if self.path is None:
            return
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            value = (_FORMAT, dict(self._manifests))
            filememo.write(self.path, marshal.dumps(value), value)


@dataclass(slots=True)
class Workspace:
    """The folder this build writes into, and what it already holds."""

    directory: Path
    holds: Manifest  #: empty for a fresh folder
    reused: bool  #: True when it is the previous site being brought up to date


#: Sites with at least this many pages are linked by a child process started early
#: (``start_linking``); smaller ones when the build gets there: a process costs more than
#: linking a few hundred files.
BACKGROUND_LINK_PAGES = 2000


@dataclass(slots=True)
class Linking:
    """The published site being hard-linked into ``directory`` by a child process."""

    directory: Path
    process: subprocess.Popen

    def finished(self) -> bool:
        """Wait for the copy; whether it is whole (the child said so: see linker.py)."""
        said, _ = self.process.communicate()
        return self.process.returncode == 0 and said == linker.DONE

    def cancel(self) -> None:
        """Stop the child and remove its folder: the build failed or does not need it. The
        folder goes in the background (a thread the process waits for at exit), so that a
        failed build reports its errors at once, not after deleting a whole copy of the
        site; the next build removes whatever is left (``clean_leftovers``)."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()  # it writes a few bytes at most: the pipe cannot fill up
        if self.process.stdout is not None:
            self.process.stdout.close()
        threading.Thread(target=discard, args=(self.directory,), name="discard-copy").start()


def start_linking(state: OutputState, incremental: bool) -> Linking | None:
    """Start copying the published site by hard links, in a child process, when this build
    will need that copy (no previous copy it can trust, a published site it can) and the
    site is big: the copy is then made while the build loads, on another core. The child
    runs ``linker.py`` as a script, without importing the generator. None when not needed,
    or when no child can be started (``open_workspace`` then links in-process)."""
    if not incremental or _trusted_previous(state, incremental) is not None:
        return None
    current = state.manifest_of(state.output_dir)
    if current is None or len(current.pages) < BACKGROUND_LINK_PAGES:
        return None
    if not sys.executable or getattr(sys, "frozen", False):  # no interpreter to run a script with
        return None
    directory = new_staging_dir(state.output_dir)
    command = [sys.executable, "-I", linker.__file__, str(state.output_dir), str(directory), str(os.getpid())]
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
    except OSError:
        discard(directory)
        return None
    return Linking(directory, process)


def open_workspace(state: OutputState, incremental: bool, linking: Linking | None = None) -> Workspace:
    """Where this build writes, cheapest first: the previous site if it can be trusted;
    else a copy of the current site made of hard links (when it can be trusted: the copy
    ``linking`` made, or one made now); else a new empty staging folder. Files in a reused
    folder are replaced, never rewritten in place, since a hard link shares its bytes with
    the published site."""
    holds, current = _reusable(state, incremental)
    if holds is not None:
        if linking is not None:
            linking.cancel()
        state.forget(state.previous_dir)
        return Workspace(state.previous_dir, holds, reused=True)
    if linking is not None:
        if current is not None and linking.finished():
            return Workspace(linking.directory, current, reused=True)
        linking.cancel()  # it failed: another file system, or no hard links
    directory = new_staging_dir(state.output_dir)
    if current is not None:
        try:
            link_tree(state.output_dir, directory)
        except OSError:  # another file system, or no hard links: start from nothing
            discard(directory)
            directory = new_staging_dir(state.output_dir)
        else:
            return Workspace(directory, current, reused=True)
    return Workspace(directory, Manifest(), reused=False)


def starts_empty(state: OutputState, incremental: bool) -> bool:
    """Whether ``open_workspace`` will give a new, empty folder: no previous copy to bring
    up to date, no published site to copy. Every page is then rendered, whatever its
    fingerprint, so rendering can start before the fingerprints are known."""
    return _reusable(state, incremental) == (None, None)


def ready_previous(state: OutputState) -> bool:
    """Make the previous copy now, for a long-running caller's next build: a copy of the
    published site by hard links, under its manifest. The dev server calls it after its
    first build, which leaves no copy it can trust (it wrote into a new folder): its first
    rebuild would otherwise wait for the whole site to be linked (0.7 s at 10,000
    articles). False when there was nothing to do or it could not be done (the next build
    then links as usual). The caller holds the output lock."""
    if _trusted_previous(state, True) is not None:
        return False
    current = state.manifest_of(state.output_dir)
    if current is None:
        return False
    directory = new_staging_dir(state.output_dir)
    try:
        link_tree(state.output_dir, directory)
        state.forget(state.previous_dir)
        discard(state.previous_dir)
        os.rename(directory, state.previous_dir)
    except OSError:  # another file system, or no hard links: the next build copies
        discard(directory)
        return False
    state.record([(state.output_dir, current), (state.previous_dir, current)])
    return True


def _trusted_previous(state: OutputState, incremental: bool) -> Manifest | None:
    """What the previous copy holds, when a build may bring it up to date: the one test
    ``start_linking`` and ``open_workspace`` must agree on."""
    previous = state.previous_dir
    return state.manifest_of(previous) if incremental and previous.is_dir() else None


def _reusable(state: OutputState, incremental: bool) -> tuple[Manifest | None, Manifest | None]:
    """What a build may start from: the previous copy's manifest, when it can be trusted;
    else the published site's, to copy (both None when not incremental). The published
    manifest (25,000 pages at 10k articles) is decoded only when it is used."""
    holds = _trusted_previous(state, incremental)
    if holds is not None or not incremental:
        return holds, None
    return None, state.manifest_of(state.output_dir)


def adopt_files(directory: Path, source: Path, paths: Iterable[PurePath]) -> list[PurePath]:
    """Hard-link ``paths`` from ``source`` into ``directory``, replacing what is there:
    the previous copy catches up with the published site without rendering pages again.
    Returns the paths that could not be linked (the caller renders those)."""
    failed = []
    for relative in paths:
        target = directory / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            replace_with_link(target, source / relative)
        except OSError:
            failed.append(relative)
    return failed


def remove_files(directory: Path, paths: list[str]) -> None:
    """Delete files no longer wanted (pages, static files), and the folders they leave empty."""
    for relative in paths:
        target = directory / relative
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        parent = target.parent
        while parent != directory:
            try:
                parent.rmdir()
            except OSError:  # not empty, or gone
                break
            parent = parent.parent


def sync_static(directory: Path, stamps: tuple[FileStamp, ...], holds: dict[str, tuple]) -> dict[str, tuple]:
    """Make ``directory/static`` a copy of the static folder, copying only changed files."""
    target = directory / "static"
    wanted = {stamp.relative: stamp for stamp in stamps}
    remove_files(target, [relative for relative in holds if relative not in wanted])
    copied: dict[str, tuple] = {}
    for relative, stamp in wanted.items():
        if holds.get(relative) != stamp.signature:
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            replace_bytes(destination, stamp.path.read_bytes())
        copied[relative] = stamp.signature
    return copied


def _identity(directory: Path) -> str | None:
    try:
        stat = directory.stat()
    except OSError:
        return None
    return f"{stat.st_dev}:{stat.st_ino}"

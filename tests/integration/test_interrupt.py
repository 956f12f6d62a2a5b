"""A build killed at any moment never leaves build/ missing or partial (issue 6).

Each test drives ``python -m generator build`` as a user would, in its own session (so a
signal reaches the whole process group: render workers and the Pagefind service too), on a
generated archive of a few hundred articles (bench/corpus.py), with search enabled.

- SIGKILL at several points spread over the measured duration of a build: build/ is then
  byte for byte the previous complete site or the new complete one, never a mix; the next
  build succeeds, gives the new site and leaves no staging folder behind.
- SIGINT (Ctrl+C) while the search index is being written: exit 130, build/ untouched.
- Two builds of one output started at once: one is refused with the lock message, the
  other finishes, and build/ is the complete new site.

"The complete new site" is what a second copy of the archive, built by builds that are
never interrupted (and have their own cache), holds after the same edits; "the previous
site" is the exact bytes build/ held before the interrupted build. Pagefind writes its
filter files, and the two files naming them, in an order that changes from run to run
(two builds of the same pages differ there), and the build report (_report.json) holds
timings, so those kinds of files are compared by
name pattern and count; every other file, pages and the rest of the index included, byte
for byte. Only build/ itself and ``.staging-*``/``.old-*`` leftovers are asserted on: the
output stage may keep other hidden folders beside build/ (such as a previous build).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest

from bench.corpus import article_path, article_text, generate_corpus
from generator import build
from generator.config import SiteConfig, load_config
from generator.report import Reporter
from tests.conftest import REPO_ROOT

ARTICLES = 300
#: Where the SIGKILLs fall, as fractions of a measured build (start-up included).
KILL_POINTS = (0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 1.0, 1.15)
#: The article edited before each build, so that consecutive sites differ.
EDITED = 7
LEFTOVER_PREFIXES = (".staging-", ".old-")
#: Files Pagefind writes in a varying order (see the module docstring).
UNORDERED = re.compile(
    r"^(?:pagefind/(?:filter/[^/]+|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)|_report\.json)$"
)
LOCKED = "error [publish.locked]: another build is writing this output folder"
#: SHA-256 of no bytes at all.
EMPTY = hashlib.sha256(b"").hexdigest()
#: Seconds any single build may take before the test gives up on it.
BUILD_TIMEOUT = 300

Files = dict[str, str]


# --- the archive and its builds ----------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generated archive, written once; tests build copies of it."""
    site = tmp_path_factory.mktemp("corpus") / "site"
    generate_corpus(ARTICLES, site)
    return site


class Archive:
    """One copy of the archive (its own content, cache and output folder)."""

    def __init__(self, corpus: Path, root: Path):
        self.site = root / "site"
        shutil.copytree(corpus, self.site)
        self.output = root / "out" / "build"
        self.revision = 0

    def edit(self) -> None:
        """A new revision of one article, as an editor fixing a story would save it."""
        self.revision += 1
        text = article_text(EDITED, revision=self.revision)
        (self.site / article_path(EDITED)).write_text(text, encoding="utf-8")

    def start_build(self) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "generator", "build", "-q"]
        command += ["--config", str(self.site / "site.yaml"), "--output", str(self.output)]
        return subprocess.Popen(
            command,
            cwd=REPO_ROOT,  # `-m generator` then imports the code under test
            start_new_session=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def build(self) -> Files:
        """Build to the end; return the files of build/."""
        process = self.start_build()
        out, err = finish(process)
        assert process.returncode == 0, f"build failed ({process.returncode}):\n{out}{err}"
        files = snapshot(self.output)
        # No file of a finished site is empty; one that is was cut short (Pagefind's service
        # answers WriteFiles before its last writes have landed, and is then stopped).
        empty = sorted(path for path, digest in files.items() if digest == EMPTY)
        assert not empty, f"a finished build left empty files: {empty}"
        return files

    def leftovers(self) -> list[str]:
        return sorted(p.name for p in self.output.parent.iterdir() if p.name.startswith(LEFTOVER_PREFIXES))


def snapshot(directory: Path) -> Files:
    """SHA-256 of every file under ``directory``, by relative path."""
    assert directory.is_dir(), f"{directory} is missing"
    return {
        path.relative_to(directory).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def comparable(files: Files) -> list[tuple[str, str]]:
    """The files as two builds of the same pages agree on them (see the module docstring)."""
    return sorted(
        (re.sub(r"[0-9a-f]{6,}", "*", path), "any") if UNORDERED.match(path) else (path, digest)
        for path, digest in files.items()
    )


def signal_group(process: subprocess.Popen[str], signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group has already exited
        os.killpg(process.pid, signum)


def group_commands(pgid: int) -> Iterator[str]:
    """The command lines of the live processes of process group ``pgid`` (Linux /proc)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid and fields[0] != "Z":  # zombies hold nothing any more
                yield (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile


def finish(process: subprocess.Popen[str]) -> tuple[str, str]:
    """Wait for a build and every process of its group (render workers, Pagefind).

    A worker forked by the build shares its lock; killed with the rest of the group, it may
    still be dying when the main process has been reaped, and a build started at that
    instant would rightly be refused.
    """
    out, err = process.communicate(timeout=BUILD_TIMEOUT)
    deadline = time.monotonic() + BUILD_TIMEOUT
    while any(True for _ in group_commands(process.pid)):
        if time.monotonic() > deadline:
            pytest.fail(f"processes of build {process.pid} outlived it: {list(group_commands(process.pid))}")
        time.sleep(0.01)
    return out, err


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[str], what: str) -> None:
    """Poll ``condition`` until true; fail if ``process`` ends first."""
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not condition():
        if process.poll() is not None:
            pytest.fail(f"the build ended ({process.returncode}) before {what}: {process.communicate()}")
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.005)


# --- SIGKILL ---------------------------------------------------------------------------------


def test_build_folder_is_the_old_or_the_new_site_when_the_build_is_killed_at_any_point(
    corpus: Path, tmp_path: Path
) -> None:
    victim = Archive(corpus, tmp_path / "victim")
    reference = Archive(corpus, tmp_path / "reference")
    started = time.monotonic()
    current = victim.build()
    duration = time.monotonic() - started
    expected = reference.build()
    assert comparable(current) == comparable(expected)
    outcomes = []
    for number, point in enumerate(KILL_POINTS, start=1):
        victim.edit()
        reference.edit()
        previous, expected = current, reference.build()
        assert comparable(expected) != comparable(previous), "the edit changed nothing"

        process = victim.start_build()
        try:
            process.wait(timeout=point * duration)
        except subprocess.TimeoutExpired:
            signal_group(process, signal.SIGKILL)
        finish(process)
        after_kill = snapshot(victim.output)
        is_previous = after_kill == previous
        assert is_previous or comparable(after_kill) == comparable(expected), (
            f"kill {number} at {point:.0%} of a build: build/ is neither the previous site nor the new one"
        )
        outcomes.append((point, process.returncode, "previous" if is_previous else "new"))

        current = victim.build()  # the next build succeeds, completes the site, cleans up
        assert comparable(current) == comparable(expected), f"after kill {number}: the new site is wrong"
        assert victim.leftovers() == [], f"after kill {number}"
    # At least one kill hit a running build that had not swapped yet: the window mattered.
    assert any(code == -signal.SIGKILL and seen == "previous" for _, code, seen in outcomes), outcomes


# --- SIGINT ----------------------------------------------------------------------------------


def test_build_exits_130_and_keeps_the_old_site_when_interrupted_while_indexing(
    corpus: Path, tmp_path: Path
) -> None:
    victim = Archive(corpus, tmp_path / "victim")
    previous = victim.build()
    victim.edit()
    process = victim.start_build()
    wait_for(
        lambda: any("pagefind" in command for command in group_commands(process.pid)),
        process,
        "the search index was started",
    )
    signal_group(process, signal.SIGINT)  # what Ctrl+C in a terminal does
    _, err = finish(process)
    assert process.returncode == 130, err
    assert "Interrupted." in err
    assert snapshot(victim.output) == previous
    victim.build()
    assert victim.leftovers() == []


# --- two builds at once ----------------------------------------------------------------------


def lock_holder(pids: set[int]) -> int | None:
    """Which of ``pids`` holds a flock (Linux /proc/locks), if one does."""
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        if len(fields) > 4 and fields[1] == "FLOCK" and fields[4].isdigit() and int(fields[4]) in pids:
            return int(fields[4])
    return None


def test_second_build_is_refused_and_the_first_completes_when_two_start_at_once(
    corpus: Path, tmp_path: Path
) -> None:
    """Both start together; whichever takes the lock first is paused (SIGSTOP) once it holds
    it, so the other is sure to meet the lock, whatever the scheduler does."""
    if not Path("/proc/locks").is_file():
        pytest.skip("needs Linux /proc/locks to tell which build holds the lock")
    victim = Archive(corpus, tmp_path / "victim")
    reference = Archive(corpus, tmp_path / "reference")
    previous = victim.build()
    victim.edit()
    reference.edit()
    expected = reference.build()

    builds = {process.pid: process for process in (victim.start_build(), victim.start_build())}
    holder: list[int] = []
    deadline = time.monotonic() + BUILD_TIMEOUT
    while not holder:
        found = lock_holder(set(builds))
        if found is not None:
            holder.append(found)
        elif time.monotonic() > deadline or all(p.poll() is not None for p in builds.values()):
            pytest.fail(f"no build took the lock: {[p.communicate() for p in builds.values()]}")
        time.sleep(0.002)
    winner = builds.pop(holder[0])
    (loser,) = builds.values()
    signal_group(winner, signal.SIGSTOP)
    try:
        _, err = finish(loser)
        assert loser.returncode == 1, err
        assert LOCKED in err and "hint: wait for it to finish, then build again" in err
        assert snapshot(victim.output) == previous  # the refused build touched nothing
    finally:
        signal_group(winner, signal.SIGCONT)
    out, err = finish(winner)
    assert winner.returncode == 0, out + err
    assert comparable(snapshot(victim.output)) == comparable(expected)
    assert victim.leftovers() == []


def _first_build(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Archive, SiteConfig]:
    """A copy of the archive never built, its config without search, and render chunks
    small enough for a pool of workers."""
    archive = Archive(corpus, tmp_path)
    config = load_config(archive.site / "site.yaml")
    config = dataclasses.replace(config, search=dataclasses.replace(config.search, enabled=False))
    monkeypatch.setattr(build, "render_and_write", functools.partial(build.render_and_write, chunk=8))
    return archive, config


def _interrupt_at_first_chunk(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Ctrl+C as the build counts its first chunk of pages; returns the list that then
    gets the number of worker processes alive."""
    alive: list[int] = []

    def interrupted(self: Reporter, label: str, items: Iterable, total: int, size: object = None) -> Iterator:
        for item in items:
            alive.append(len(multiprocessing.active_children()))
            yield item
            raise KeyboardInterrupt

    monkeypatch.setattr(Reporter, "progress", interrupted)
    return alive


def test_render_workers_stop_before_the_workspace_is_discarded(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in review: workers write the pages they render, so a failure in the parent
    while they run (here Ctrl+C as the first chunk is counted) must stop them before the
    staging folder is removed, or they make it again and go on filling it."""
    archive, config = _first_build(corpus, tmp_path, monkeypatch)
    _interrupt_at_first_chunk(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        build.build_site(config, Reporter(quiet=True), output_dir=archive.output, workers=2)
    time.sleep(1.0)  # long enough for a live worker to render and write a few more chunks
    assert not archive.output.exists()
    assert archive.leftovers() == []


def test_a_first_build_renders_while_it_makes_the_fingerprints_and_writes_the_same_site(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With nothing published, every page is rendered: the workers start before the
    export records and fingerprints are made, and the exports (made of those records)
    are rendered by the parent. The site is the one a single process writes."""
    archive, config = _first_build(corpus, tmp_path, monkeypatch)
    workers_seen: list[int] = []
    fingerprints = build._fingerprints

    def watched(*args: object, **kwargs: object) -> object:
        workers_seen.append(len(multiprocessing.active_children()))
        return fingerprints(*args, **kwargs)

    monkeypatch.setattr(build, "_fingerprints", watched)
    result = build.build_site(config, Reporter(quiet=True), output_dir=archive.output, workers=2)
    assert workers_seen == [2]  # rendering had started
    assert result.rendered == result.pages == len(result.changed)
    assert multiprocessing.active_children() == []
    alone = tmp_path / "alone" / "build"
    build.build_site(config, Reporter(quiet=True), output_dir=alone, workers=1, incremental=False)
    ours, theirs = snapshot(archive.output), snapshot(alone)
    assert ours.pop("_report.json") and theirs.pop("_report.json")  # timings differ
    assert ours == theirs and any(path.startswith("data/") for path in ours)


def test_a_failure_while_the_first_pages_render_stops_the_workers_and_leaves_nothing(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive, config = _first_build(corpus, tmp_path, monkeypatch)

    def failing(*args: object, **kwargs: object) -> object:
        raise RuntimeError("fingerprints failed")

    monkeypatch.setattr(build, "_fingerprints", failing)
    with pytest.raises(RuntimeError, match="fingerprints failed"):
        build.build_site(config, Reporter(quiet=True), output_dir=archive.output, workers=2)
    assert multiprocessing.active_children() == []
    time.sleep(1.0)  # long enough for a live worker to make the staging folder again
    assert not archive.output.exists()
    assert archive.leftovers() == []


def test_workers_of_a_rebuild_stop_before_its_workspace_is_discarded(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same defence when a published site and its previous copy exist: the workers
    are forked only once the fingerprints say which pages to render (here all of them:
    the site's title changed), and Ctrl+C while they run leaves the published site whole."""
    archive, config = _first_build(corpus, tmp_path, monkeypatch)
    for _ in range(2):  # the second build leaves a previous copy to bring up to date
        build.build_site(config, Reporter(quiet=True), output_dir=archive.output, workers=1)
    published = snapshot(archive.output)
    started_early: list[object] = []
    monkeypatch.setattr(build, "_start_rendering", lambda *args: started_early.append(args))
    alive = _interrupt_at_first_chunk(monkeypatch)
    retitled = dataclasses.replace(config, title=f"{config.title} (nouvelle édition)")
    with pytest.raises(KeyboardInterrupt):
        build.build_site(retitled, Reporter(quiet=True), output_dir=archive.output, workers=2)
    assert started_early == [] and alive == [2]
    assert multiprocessing.active_children() == []
    time.sleep(1.0)  # long enough for a live worker to render and write a few more chunks
    assert archive.leftovers() == []
    assert snapshot(archive.output) == published

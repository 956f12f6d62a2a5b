from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.publish import linker
from generator.publish import workspace as workspace_module
from generator.publish.output import STAGING_PREFIX, write_pages
from generator.publish.workspace import (
    Manifest,
    OutputState,
    link_tree,
    open_workspace,
    ready_previous,
    start_linking,
    starts_empty,
)
from generator.render.templates import RenderedFile

from ..factories import tree


def make_output(root: Path) -> Path:
    output = root / "build"
    (output / "articles/a").mkdir(parents=True)
    (output / "index.html").write_bytes(b"accueil")
    (output / "articles/a/index.html").write_bytes(b"article a")
    return output


def test_previous_site_is_forgotten_before_it_is_reused(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    state.previous_dir.mkdir()
    state.record([(state.previous_dir, Manifest(pages={"/": "x"}))])
    workspace = open_workspace(state, incremental=True)
    assert workspace.directory == state.previous_dir and workspace.reused
    # a build killed from here on leaves a folder nobody will trust
    assert OutputState(tmp_path / "cache", output).manifest_of(state.previous_dir) is None


def test_folder_without_manifest_is_never_reused(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    state.previous_dir.mkdir()
    workspace = open_workspace(state, incremental=True)
    assert workspace.directory != state.previous_dir
    assert not workspace.reused and tree(workspace.directory) == {}


def test_current_site_is_copied_by_hard_links_when_it_has_a_manifest(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    state.record([(output, Manifest(pages={"/": "x", "/articles/a/": "y"}))])
    workspace = open_workspace(state, incremental=True)
    assert workspace.reused and workspace.holds.pages == {"/": "x", "/articles/a/": "y"}
    assert tree(workspace.directory) == tree(output)
    # replacing a page in the copy never changes the published file it is linked to
    write_pages(workspace.directory, [RenderedFile("/", b"nouvel accueil")], replace=True)
    assert (output / "index.html").read_bytes() == b"accueil"
    assert (workspace.directory / "index.html").read_bytes() == b"nouvel accueil"


def test_previous_copy_made_ahead_is_the_next_workspace(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    state.previous_dir.mkdir()  # a folder no manifest names: replaced
    (state.previous_dir / "vieux.html").write_bytes(b"vieux")
    manifest = Manifest(pages={"/": "x", "/articles/a/": "y"}, inputs="clé")
    state.record([(output, manifest)])
    assert ready_previous(state)
    assert tree(state.previous_dir) == tree(output)
    linked = (state.previous_dir / "index.html").stat().st_ino == (output / "index.html").stat().st_ino
    assert linked and not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    again = OutputState(tmp_path / "cache", output)  # as the next build finds it
    assert again.manifest_of(state.previous_dir) == again.manifest_of(output) == manifest
    assert not ready_previous(again)  # already there
    assert start_linking(again, incremental=True) is None
    workspace = open_workspace(again, incremental=True)
    assert workspace.directory == state.previous_dir and workspace.holds == manifest


def test_no_previous_copy_is_made_ahead_of_a_site_nobody_built(tmp_path: Path) -> None:
    output = make_output(tmp_path)  # no manifest: not trusted
    state = OutputState(tmp_path / "cache", output)
    assert not ready_previous(state)
    assert not state.previous_dir.exists()


def test_nothing_is_trusted_when_not_incremental(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    state.record([(output, Manifest(pages={"/": "x"}))])
    assert not open_workspace(state, incremental=False).reused


@pytest.mark.parametrize("incremental", [True, False])
@pytest.mark.parametrize(
    "situation", ["nothing built", "no manifest", "published", "previous copy", "untrusted previous copy"]
)
def test_starts_empty_says_whether_the_workspace_will_be_a_new_empty_folder(
    tmp_path: Path, situation: str, incremental: bool
) -> None:
    """The build renders before the fingerprints are known only when ``starts_empty``
    says so: it must agree with what ``open_workspace`` then does."""
    output = tmp_path / "build"
    if situation != "nothing built":
        make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    if situation == "published":
        state.record([(output, Manifest(pages={"/": "x"}))])
    if situation.endswith("previous copy"):
        state.previous_dir.mkdir()
        (state.previous_dir / "index.html").write_bytes(b"accueil d'avant")
        if situation == "previous copy":
            state.record([(state.previous_dir, Manifest(pages={"/": "x"}))])
    predicted = starts_empty(state, incremental)
    workspace = open_workspace(state, incremental)
    assert predicted == (not workspace.reused)
    assert predicted == (tree(workspace.directory) == {})
    assert predicted == (not incremental or situation not in ("published", "previous copy"))


def test_link_tree_copies_folders_and_files(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    link_tree(output, tmp_path / "copy")
    assert tree(tmp_path / "copy") == tree(output)
    assert (tmp_path / "copy/index.html").stat().st_ino == (output / "index.html").stat().st_ino


def published(tmp_path: Path) -> OutputState:
    """A published site with a manifest and no previous copy: what a cold build leaves."""
    output = make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    state.record([(output, Manifest(pages={"/": "x", "/articles/a/": "y"}))])
    return state


def staging_folders(state: OutputState) -> list[Path]:
    return sorted(state.output_dir.parent.glob(f"{STAGING_PREFIX}*"))


def test_big_site_is_linked_by_a_child_process_and_that_copy_is_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_module, "BACKGROUND_LINK_PAGES", 2)
    state = published(tmp_path)
    linking = start_linking(state, incremental=True)
    assert linking is not None and linking.process.pid > 0
    workspace = open_workspace(state, incremental=True, linking=linking)
    assert workspace.directory == linking.directory and workspace.reused
    assert tree(workspace.directory) == tree(state.output_dir)
    linked = workspace.directory / "articles/a/index.html"
    assert linked.stat().st_ino == (state.output_dir / "articles/a/index.html").stat().st_ino


def test_no_child_is_started_when_the_copy_would_not_be_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_module, "BACKGROUND_LINK_PAGES", 2)
    state = published(tmp_path)
    assert start_linking(state, incremental=False) is None
    monkeypatch.setattr(workspace_module, "BACKGROUND_LINK_PAGES", 3)  # a small site: linked in-process
    assert start_linking(state, incremental=True) is None
    monkeypatch.setattr(workspace_module, "BACKGROUND_LINK_PAGES", 2)
    state.previous_dir.mkdir()
    state.record(
        [(state.output_dir, Manifest(pages={"/": "x", "/a/": "y"})), (state.previous_dir, Manifest())]
    )
    assert start_linking(state, incremental=True) is None  # the previous copy is brought up to date
    assert staging_folders(state) == []


def stand_in_child(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """The child runs ``code`` instead of linker.py (with the same arguments)."""
    script = tmp_path / "stand_in.py"
    script.write_text(code, encoding="utf-8")
    monkeypatch.setattr(workspace_module, "linker", SimpleNamespace(__file__=str(script), DONE=linker.DONE))


def gone(path: Path) -> bool:
    """Whether ``path`` disappears within a few seconds (folders are removed in the background)."""
    deadline = time.monotonic() + 10
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return not path.exists()


@pytest.mark.parametrize(
    "code",
    [
        "import sys; sys.exit(1)",  # failed, and said so
        "",  # exited 0 without saying it finished: what a parent ignoring SIGCHLD reads for any child
        "import sys; sys.stdout.write('partial')",
    ],
    ids=["exit-1", "silent-exit-0", "no-done"],
)
def test_copy_the_child_did_not_finish_is_never_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str
) -> None:
    monkeypatch.setattr(workspace_module, "BACKGROUND_LINK_PAGES", 2)
    stand_in_child(tmp_path, monkeypatch, code)
    state = published(tmp_path)
    linking = start_linking(state, incremental=True)
    assert linking is not None
    workspace = open_workspace(state, incremental=True, linking=linking)
    assert workspace.directory != linking.directory and gone(linking.directory)
    assert workspace.reused and tree(workspace.directory) == tree(state.output_dir)  # linked in-process
    assert staging_folders(state) == [workspace.directory]


def test_cancelled_copy_stops_the_child_and_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workspace_module, "BACKGROUND_LINK_PAGES", 2)
    stand_in_child(tmp_path, monkeypatch, "import time; time.sleep(60)")
    state = published(tmp_path)
    linking = start_linking(state, incremental=True)
    assert linking is not None
    linking.cancel()
    assert linking.process.returncode == -signal.SIGKILL
    assert gone(linking.directory) and staging_folders(state) == []


def test_child_stops_when_the_build_that_started_it_is_gone(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    with pytest.raises(InterruptedError):
        linker.link_tree(output, tmp_path / "copy", wanted=lambda: False)


def test_unreadable_folder_is_an_error_not_a_gap_in_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = make_output(tmp_path)
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("articles"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(PermissionError):
        link_tree(output, tmp_path / "copy")

from __future__ import annotations

from pathlib import Path

from generator.publish.output import write_pages
from generator.publish.workspace import Manifest, OutputState, link_tree, open_workspace
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


def test_nothing_is_trusted_when_not_incremental(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    state = OutputState(tmp_path / "cache", output)
    state.record([(output, Manifest(pages={"/": "x"}))])
    assert not open_workspace(state, incremental=False).reused


def test_link_tree_copies_folders_and_files(tmp_path: Path) -> None:
    output = make_output(tmp_path)
    link_tree(output, tmp_path / "copy")
    assert tree(tmp_path / "copy") == tree(output)
    assert (tmp_path / "copy/index.html").stat().st_ino == (output / "index.html").stat().st_ino

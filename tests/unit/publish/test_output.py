from __future__ import annotations

import errno
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.errors import PublishError
from generator.inputs import walk
from generator.publish import output
from generator.publish.output import (
    OutputLock,
    clean_leftovers,
    discarded_on_failure,
    new_staging_dir,
    swap,
    write_pages,
)
from generator.publish.workspace import sync_static
from generator.render.templates import RenderedFile
from generator.site.urls import UnsafePathError

from ..factories import tree

PAGES = (
    RenderedFile("/", b"<h1>accueil</h1>"),
    RenderedFile("/articles/a/", b"<h1>a</h1>"),
    RenderedFile("/atom.xml", b"<feed/>"),
)
OLD_SITE = {"index.html": b"ancien", "marker.txt": b"previous build"}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site folder whose build/ holds a previous build."""
    root = tmp_path / "site"
    (root / "build").mkdir(parents=True)
    for name, data in OLD_SITE.items():
        (root / "build" / name).write_bytes(data)
    (root / "static").mkdir()
    (root / "static" / "style.css").write_bytes(b"body{}")
    return root


@dataclass(frozen=True)
class Staged:
    directory: Path
    files: int
    bytes_written: int


def stage(output_dir: Path, files: Iterable[RenderedFile], static_dir: Path | None) -> Staged:
    """A fresh site prepared the way build_site prepares one without a previous copy."""
    directory = new_staging_dir(output_dir)
    with discarded_on_failure(directory):
        count, written = write_pages(directory, files)
        sync_static(directory, walk(static_dir) if static_dir else (), {})
    return Staged(directory, count, written)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".staging-", ".old-")))


def test_pages_and_static_files_are_written_when_staged(site: Path) -> None:
    staged = stage(site / "build", PAGES, site / "static")
    assert staged.directory.parent == site
    assert staged.directory.name.startswith(".staging-build-")
    assert tree(staged.directory) == {
        "index.html": b"<h1>accueil</h1>",
        "articles/a/index.html": b"<h1>a</h1>",
        "atom.xml": b"<feed/>",
        "static/style.css": b"body{}",
    }
    assert (staged.files, staged.bytes_written) == (3, sum(len(p.data) for p in PAGES))
    assert tree(site / "build") == OLD_SITE  # staging never touches build/


@pytest.mark.parametrize("exchange_supported", [True, False])
def test_new_site_replaces_the_old_one_when_swapped(
    site: Path, monkeypatch: pytest.MonkeyPatch, exchange_supported: bool
) -> None:
    if not exchange_supported:  # systems without renameat2: rename aside, then into place
        monkeypatch.setattr(output, "exchange", lambda one, other: False)
    staged = stage(site / "build", PAGES, None)
    swap(staged.directory, site / "build")
    assert tree(site / "build") == {
        "index.html": b"<h1>accueil</h1>",
        "articles/a/index.html": b"<h1>a</h1>",
        "atom.xml": b"<feed/>",
    }
    assert leftovers(site) == []


def test_output_folder_is_created_when_it_did_not_exist(tmp_path: Path) -> None:
    target = tmp_path / "fresh" / "build"
    swap(stage(target, PAGES[:1], None).directory, target)
    assert tree(target) == {"index.html": b"<h1>accueil</h1>"}
    assert leftovers(target.parent) == []


def failing_after_first_page() -> Iterator[RenderedFile]:
    yield PAGES[0]
    raise RuntimeError("a template failed half-way")


def test_old_build_is_intact_when_rendering_fails_half_way(site: Path) -> None:
    with pytest.raises(RuntimeError):
        stage(site / "build", failing_after_first_page(), site / "static")
    assert tree(site / "build") == OLD_SITE
    assert leftovers(site) == []


def test_old_build_is_intact_when_a_url_is_unsafe(site: Path) -> None:
    with pytest.raises(UnsafePathError):
        stage(site / "build", (PAGES[0], RenderedFile("/../../evil/", b"x")), None)
    assert tree(site / "build") == OLD_SITE
    assert leftovers(site) == []
    assert not (site.parent / "evil").exists()


def raise_enospc_on(name: str, with_filename: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write_bytes = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:
        if self.name == name:
            if with_filename:
                raise OSError(errno.ENOSPC, "No space left on device", str(self))
            raise OSError(errno.ENOSPC, "No space left on device")  # as file.write() raises it
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


@pytest.mark.parametrize("with_filename", [True, False])
def test_old_build_is_intact_and_the_path_named_when_the_disk_is_full(
    site: Path, monkeypatch: pytest.MonkeyPatch, with_filename: bool
) -> None:
    raise_enospc_on("atom.xml", with_filename, monkeypatch)
    with pytest.raises(PublishError) as caught:
        stage(site / "build", PAGES, site / "static")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.code == "publish.write"
    assert diagnostic.message == "No space left on device"
    # the file that could not be written, not the (already deleted) staging folder
    assert diagnostic.path.endswith("atom.xml")
    assert tree(site / "build") == OLD_SITE
    assert leftovers(site) == []


def test_error_is_a_publish_error_when_the_output_folder_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(PublishError) as caught:
        stage(blocker / "build", PAGES, None)
    assert str(blocker) in caught.value.diagnostics[0].path


def test_old_build_is_intact_when_the_swap_fails(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    staged = stage(site / "build", PAGES, None)

    def refuse(*args: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link", str(site / "build"))

    monkeypatch.setattr(output, "exchange", lambda one, other: False)
    monkeypatch.setattr(output.os, "rename", refuse)
    with pytest.raises(PublishError) as caught:
        swap(staged.directory, site / "build")
    assert caught.value.diagnostics[0].code == "publish.swap"
    monkeypatch.undo()
    assert tree(site / "build") == OLD_SITE
    assert leftovers(site) == []


def test_second_build_is_refused_when_the_lock_is_held(site: Path) -> None:
    with OutputLock(site / "build"):
        with pytest.raises(PublishError) as caught, OutputLock(site / "build"):
            pass
        assert [d.format() for d in caught.value.diagnostics] == [
            f"{site / '.build.lock'}: error [publish.locked]: another build is writing this output folder\n"
            "    hint: wait for it to finish, then build again"
        ]
    with OutputLock(site / "build"):  # released on exit: a later build proceeds
        pass


def test_lock_is_released_when_the_build_inside_it_fails(site: Path) -> None:
    with pytest.raises(RuntimeError), OutputLock(site / "build"):
        raise RuntimeError("boom")
    with OutputLock(site / "build"):
        pass


def test_leftovers_of_a_killed_build_are_removed_when_cleaning(site: Path) -> None:
    for name in (".staging-build-abc", ".old-build-123", ".staging-other-abc", "keep"):
        (site / name).mkdir()
        (site / name / "f").write_bytes(b"x")
    clean_leftovers(site / "build")
    assert sorted(p.name for p in site.iterdir()) == [".staging-other-abc", "build", "keep", "static"]
    assert tree(site / "build") == OLD_SITE

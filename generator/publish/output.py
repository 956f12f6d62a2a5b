"""Staging and the atomic swap: ``build/`` is either the previous site or the new one.

Pages are written into a folder beside the output folder (same file system, so the final
step is a rename): a fresh staging directory, or the previous site being brought up to
date (publish/workspace.py). Only when everything succeeded is that folder exchanged with
``build/``; on Linux that exchange is one atomic ``renameat2`` call, so there is no
instant at which ``build/`` is missing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.atomic import replace_bytes
from generator.errors import PublishError, error
from generator.render.templates import RenderedFile
from generator.site.urls import output_path

STAGING_PREFIX = ".staging-"
OLD_PREFIX = ".old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def new_staging_dir(output_dir: Path) -> Path:
    """An empty folder beside the output folder (same file system: the swap is a rename)."""
    try:
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        directory = Path(
            tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{output_dir.name}-", dir=output_dir.parent)
        )
        directory.chmod(0o755)  # mkdtemp makes it private; the published folder must be readable
    except OSError as exc:
        raise PublishError([error(str(output_dir), None, "publish.write", _describe(exc))]) from exc
    return directory


def write_pages(directory: Path, files: Iterable[RenderedFile], replace: bool = False) -> tuple[int, int]:
    """Write rendered files under ``directory`` (never outside it); return (files, bytes).
    With ``replace``, each file is written beside its target and renamed over it, so a
    file hard-linked elsewhere is never modified. A file that cannot be written is
    reported by its own path."""
    count = written = 0
    target = directory
    created: set[Path] = set()
    try:
        for rendered in files:
            target = directory / output_path(rendered.url)
            if target.parent not in created:
                target.parent.mkdir(parents=True, exist_ok=True)
                created.add(target.parent)
            if replace:
                replace_bytes(target, rendered.data)
            else:
                target.write_bytes(rendered.data)
            count += 1
            written += len(rendered.data)
    except OSError as exc:
        raise _write_error(exc, target) from exc
    return count, written


def write_file(target: Path, data: bytes) -> None:
    """Write one file the generator names itself (not a page URL), replacing it whole."""
    try:
        replace_bytes(target, data)
    except OSError as exc:
        raise _write_error(exc, target) from exc


def _write_error(exc: OSError, target: Path) -> PublishError:
    failed = str(exc.filename) if exc.filename else str(target)
    return PublishError([error(failed, None, "publish.write", _describe(exc))])


def swap(directory: Path, output_dir: Path, keep_previous: Path | None = None) -> None:
    """Make the prepared site in ``directory`` the output folder. The previous one is
    moved to ``keep_previous`` when given (replacing what was there), else removed."""
    try:
        if output_dir.exists() and exchange(directory, output_dir):
            previous = directory  # the exchange left the previous site where the new one was
        elif output_dir.exists():
            previous = output_dir.with_name(f"{OLD_PREFIX}{output_dir.name}-{os.getpid()}")
            os.rename(output_dir, previous)
            os.rename(directory, output_dir)
        else:
            os.rename(directory, output_dir)
            return
    except OSError as exc:
        discard(directory)
        raise PublishError([error(str(output_dir), None, "publish.swap", _describe(exc))]) from exc
    if keep_previous is None:
        discard(previous)
    elif previous != keep_previous:
        discard(keep_previous)
        try:
            os.rename(previous, keep_previous)
        except OSError:
            discard(previous)


@contextmanager
def discarded_on_failure(directory: Path) -> Iterator[None]:
    """Remove the folder being prepared if the block fails, whatever the failure."""
    try:
        yield
    except BaseException:
        discard(directory)
        raise


def discard(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)


def clean_leftovers(output_dir: Path) -> None:
    """Remove staging folders left by a build that was killed (SIGKILL cannot clean up)."""
    if not output_dir.parent.is_dir():
        return
    for prefix in (STAGING_PREFIX, OLD_PREFIX):
        for leftover in output_dir.parent.glob(f"{prefix}{output_dir.name}-*"):
            discard(leftover)


def exchange(one: Path, other: Path) -> bool:
    """Atomically swap two directories (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(one), _AT_FDCWD, os.fsencode(other), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(other))


def _describe(exc: OSError) -> str:
    return exc.strerror or str(exc)


class OutputLock:
    """An exclusive lock beside the output folder, so two builds never interleave.

    ``flock`` is released by the kernel when the process dies, even by SIGKILL, so a killed
    build never leaves a stale lock behind.
    """

    def __init__(self, output_dir: Path):
        self.path = output_dir.with_name(f".{output_dir.name}.lock")
        self._handle: int | None = None

    def __enter__(self) -> OutputLock:
        import fcntl

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise PublishError([error(str(self.path), None, "publish.lock", _describe(exc))]) from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise PublishError(
                [
                    error(
                        str(self.path),
                        None,
                        "publish.locked",
                        "another build is writing this output folder",
                        "wait for it to finish, then build again",
                    )
                ]
            ) from None
        self._handle = handle
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None

"""What a build reads, stamped: one walk of each input folder, and the generator itself.

Incremental builds decide what to redo from these stamps, so they are cheap (one ``stat``
per file, no reading) yet strict: size, modification and change times and inode all take
part, and ``ctime`` cannot be set back by tools that restore modification times. Where a
stamp differs but the bytes are the same (a fresh checkout, a restored CI cache), the
content cache falls back to a content hash, so the cost is one read, never a wrong page.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.config import SiteConfig

#: Libraries whose version changes the bytes of a page.
OUTPUT_LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3", "babel", "python-slugify", "pyyaml")

Signature = tuple[int, int, int, int]  #: size, mtime_ns, ctime_ns, inode


@dataclass(frozen=True, slots=True)
class FileStamp:
    root: Path  #: the walked folder
    relative: str  #: POSIX path relative to it.
    signature: Signature

    @property
    def path(self) -> Path:
        return self.root / self.relative


def walk(root: Path) -> tuple[FileStamp, ...]:
    """Every regular file under ``root`` (none if it is missing), sorted by relative path.
    Hidden folders are skipped: editors' tools keep their state there."""
    found: list[FileStamp] = []
    if root.is_dir():
        _walk(root, str(root), "", found)
    found.sort(key=lambda stamp: stamp.relative)
    return tuple(found)


def _walk(root: Path, folder: str, prefix: str, found: list[FileStamp]) -> None:
    with os.scandir(folder) as entries:
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=True):
                if not entry.name.startswith("."):
                    _walk(root, entry.path, relative + "/", found)
            elif entry.is_file(follow_symlinks=True):
                found.append(FileStamp(root, relative, signature(os.stat(entry.path))))


def signature(stat: os.stat_result) -> Signature:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def digest_stamps(stamps: tuple[FileStamp, ...]) -> str:
    """One hash for a whole folder's stamps: equal means no file was added, removed or touched."""
    hasher = hashlib.blake2b(digest_size=16)
    for stamp in stamps:
        hasher.update(f"{stamp.relative}\0{stamp.signature}\n".encode())
    return hasher.hexdigest()


@cache
def generator_digest() -> str:
    """The generator's own version, finer than its version number: the bytes of its code
    and data files, the Python version and the versions of the libraries that shape output.
    Editing the generator (or upgrading Jinja) invalidates every cached page."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(sys.version.encode())
    for name in OUTPUT_LIBRARIES:
        try:
            hasher.update(f"{name}={importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            hasher.update(f"{name}=?\n".encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".yaml", ".json", ".js"} and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(package).as_posix().encode() + b"\0")
            hasher.update(path.read_bytes())
    return hasher.hexdigest()


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a build reads, stamped, and one key for all of it."""

    content: tuple[FileStamp, ...]
    templates: tuple[FileStamp, ...]
    static: tuple[FileStamp, ...]
    key: str  #: changes whenever any input does: equal keys mean an identical site


def survey(config: SiteConfig, *options: object) -> Inputs:
    """Stamp every input of a build of ``config`` (``options``: flags that change output)."""
    content = walk(config.content_dir)
    templates = walk(config.templates_dir)
    static = walk(config.static_dir)
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(f"{content_key(config)}|{config!r}|{options!r}".encode())
    for stamps in (content, templates, static):
        hasher.update(digest_stamps(stamps).encode())
    return Inputs(content, templates, static, hasher.hexdigest())


def content_key(config: SiteConfig) -> str:
    """What a parsed article depends on besides its bytes: the generator, the home country
    (it orders each pair) and the content folder (articles name their path from the root)."""
    folder = config.display_path(config.content_dir)
    return f"{generator_digest()}|{config.home_country}|{folder}"

"""Writing a file so that a reader sees its old bytes or its new ones, never a mix.

The bytes go to a hidden file beside the target, which is then renamed over it. The
rename also gives the target a new inode, so a file hard-linked elsewhere (the output's
previous copy shares files with ``build/``) is never changed through the link.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def replace_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``."""
    _replace(path, lambda temporary: temporary.write_bytes(data))


def replace_with_link(path: Path, source: Path) -> None:
    """Replace ``path`` with a hard link to ``source`` (the same bytes, no copy)."""
    _replace(path, lambda temporary: os.link(source, temporary))


def _replace(path: Path, fill: Callable[[Path], object]) -> None:
    """``fill`` a hidden file beside ``path``, then rename it over ``path``; an error names
    ``path``, never the hidden file, which is removed."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fill(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc

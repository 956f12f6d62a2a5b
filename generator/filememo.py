"""Cache files this process has already decoded, reused while they are unchanged on disk.

The dev server builds again and again from one cache folder; decoding the same output
manifests and page record at every build cost it ~35 ms at 10,000 articles. A file's
decoded value is kept under the file's stamp (inode, size, modification and change times)
as this process last read or wrote it. A file replaced since, by any process, has another
stamp (``atomic.replace_bytes`` always makes a new inode) and is read again. Only a file
rewritten in place, to the same size, within one tick of the file system's clock would
pass unnoticed; every writer of these files replaces them instead.

Values are shared between readers: callers treat them as read-only.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from generator.atomic import replace_bytes
from generator.inputs import Signature, signature

T = TypeVar("T")

_LIMIT = 8  #: files kept (a build reads two: its output's manifests and its page record)
_KEPT: dict[str, tuple[Signature, object]] = {}


def read(path: Path, decode: Callable[[bytes], T]) -> T:
    """``decode`` of the file's bytes, or the value kept for it when it has not changed.
    Raises what reading or ``decode`` raises."""
    key = os.fspath(path)
    stamp = _stamp(path)
    kept = _KEPT.get(key)
    if kept is not None and kept[0] == stamp:
        return kept[1]  # type: ignore[return-value]
    value = decode(path.read_bytes())
    _keep(key, stamp if _stamp(path) == stamp else None, value)  # not kept if it changed meanwhile
    return value


def write(path: Path, data: bytes, value: object) -> None:
    """Replace the file with ``data`` (atomically), ``value`` being what it decodes to.
    Raises OSError; the file is then no longer kept."""
    key = os.fspath(path)
    _KEPT.pop(key, None)
    replace_bytes(path, data)
    _keep(key, _stamp(path), value)


def forget() -> None:
    """Drop every kept value (tests, and a process letting its memory go)."""
    _KEPT.clear()


def _keep(key: str, stamp: Signature | None, value: object) -> None:
    _KEPT.pop(key, None)
    if stamp is None:
        return
    while len(_KEPT) >= _LIMIT:
        del _KEPT[next(iter(_KEPT))]
    _KEPT[key] = (stamp, value)


def _stamp(path: Path) -> Signature | None:
    """The file's stamp, as the build's inputs are stamped (None when it is gone)."""
    try:
        return signature(os.stat(path))
    except OSError:
        return None

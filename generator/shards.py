"""Dicts kept on disk in marshal shards, for the build caches.

An edit changes a few entries, so the store is split by a hash of each entry's name and
only the shards holding a change are rewritten. Each shard names the key it was written
under (the generator digest and whatever else its entries depend on) and is read whole or
not at all: a damaged, foreign or stale shard reads as empty, never as wrong.
"""

from __future__ import annotations

import marshal
import zlib
from collections.abc import Iterable
from pathlib import Path

from generator.atomic import replace_bytes


def shard_of(name: str, count: int) -> int:
    return zlib.crc32(name.encode()) % count


def shard_path(folder: Path, prefix: str, index: int) -> Path:
    return folder / f"{prefix}{index:02d}.marshal"


def read_shards(folder: Path, prefix: str, count: int, key: str) -> list[dict]:
    """Every shard's entries (empty for a shard missing, damaged or under another key)."""
    shards = []
    for index in range(count):
        try:
            found, entries = marshal.loads(shard_path(folder, prefix, index).read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            found, entries = None, {}
        shards.append(entries if found == key and isinstance(entries, dict) else {})
    return shards


def write_shards(folder: Path, prefix: str, key: str, shards: Iterable[tuple[int, dict]]) -> None:
    """Rewrite the given shards whole; raises OSError (callers decide how much they care)."""
    folder.mkdir(parents=True, exist_ok=True)
    for index, entries in shards:
        replace_bytes(shard_path(folder, prefix, index), marshal.dumps((key, entries)))

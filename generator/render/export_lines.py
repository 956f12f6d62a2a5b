"""Each article's export record, written out once and kept between builds.

/data/articles.json and /data/articles.csv list every article, so any edit rewrites both.
Building and serialising 10,000 records costs most of a second; yet an edit changes one.
Before rendering, the build asks here for every article's JSON line and CSV row: those
of unchanged articles come from a store under the build cache (a marshal file read
whole, or a copy kept in memory by a long-running process such as the dev server), the
others are made now, and the store's shards holding a changed line are rewritten.

A line depends on the article's file (its content hash), the people entries it names
(alias merging can rename them), and, in the store's header, what a parsed article
depends on besides its bytes (the generator, the home country: it orders each pair),
the site URL and whether bodies are exported: any of these changing makes the line
again. A store that cannot be read is ignored; one that cannot be written costs time.

The store also names the build whose records it holds. When the next build is an edit
relative to that build that reshaped nothing (site/edits.py), every entry but the edited
articles' is current without being checked: working out 10,000 keys costs 0.1 s of a
one-article rebuild. The name is removed before a shard changes and written after a
successful write only, so a build killed or failing in between leaves a store that is
checked in full. Builds of other output folders (the dev server's, `archive build`'s)
share the store: one process at a time prepares from it, under a lock, and a copy kept in
memory is used only while the shard files are the ones this process read or wrote. What
is compared, written and named is then always what is on disk.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import replace_bytes
from generator.config import SiteConfig
from generator.content.model import Article
from generator.inputs import Signature, content_key, signature
from generator.render.exports import DataExport, Serialised, csv_row, digest_of, json_line
from generator.shards import read_shards, shard_of, shard_path, write_shards
from generator.site.edits import Edit
from generator.site.model import SiteModel

STORE = "export-lines"  #: folder of the store, under the build cache
BUILT = "built"  #: file of the store naming the build whose records it holds
LOCK = ".lock"  #: file of the store locked while a build prepares from it
SHARDS = 16  #: an edit rewrites one shard (~1/16 of 20 MB at 10k articles)

Stored = dict[str, tuple[str, str, str, str]]  #: slug -> (key, JSON line, CSV row, their digest)


@dataclass(frozen=True, slots=True)
class _Kept:
    """A store as this process last read or wrote it, with its shard files' stamps then."""

    header: str
    shards: list[Stored]
    stamps: tuple[Signature | None, ...]


#: The last store read or written by this process, by folder.
_KEPT: dict[Path, _Kept] = {}
#: The records this process last prepared from each store: (header, the build's inputs key, records).
_PREPARED: dict[Path, tuple[str, str, dict[str, Serialised]]] = {}


def prepare(
    config: SiteConfig,
    model: SiteModel,
    digests: Mapping[str, str],
    directory: Path | None,
    edit: Edit | None = None,
    build: str | None = None,
) -> dict[str, Serialised]:
    """Every article's serialised record for this build (``build``: its inputs key), by
    slug. When this process prepared the records of the build ``edit.since``, only the
    edited articles' are made again; the others are taken as they were (they depend on
    nothing an edit that reshapes nothing can change)."""
    header = f"{content_key(config)}|{config.base_url}|{config.data.bodies}"
    folder = directory / STORE if directory is not None else None
    with _locked(folder):
        return _prepare(config, model, digests, folder, header, edit, build)


def _prepare(
    config: SiteConfig,
    model: SiteModel,
    digests: Mapping[str, str],
    folder: Path | None,
    header: str,
    edit: Edit | None,
    build: str | None,
) -> dict[str, Serialised]:
    last = _last_prepared(folder, header, edit)
    if last is not None:
        return _prepared_again(config, model, digests, folder, header, last, edit.edited, build)  # type: ignore[arg-type, union-attr]
    stored = _read(folder, header)
    edited = _edited_since_store(folder, edit)
    export = DataExport(config, model)
    columns = export.columns()
    fresh: list[Stored] = [{} for _ in range(SHARDS)]
    prepared: dict[str, Serialised] = {}
    for article in model.articles:
        shard = _shard(article.slug)
        kept = stored[shard].get(article.slug)
        if kept is None or edited is None or article.slug in edited:
            key = _key(article, digests, model)
            if kept is None or kept[0] != key:
                kept = _entry(export, columns, article, key)
        fresh[shard][article.slug] = kept
        prepared[article.slug] = Serialised(*kept[1:])
    if folder is not None:
        changed = [index for index in range(SHARDS) if fresh[index] != stored[index]]
        if _write(folder, header, fresh, changed, build):
            _remember(folder, header, build, prepared)
    return prepared


def _edited_since_store(folder: Path | None, edit: Edit | None) -> Collection[str] | None:
    """The edited slugs, when the store holds the records of the build ``edit`` is
    relative to (any other stored entry is then current); else None: check every key."""
    if folder is None or edit is None:
        return None
    try:
        built = (folder / BUILT).read_text(encoding="ascii")
    except (OSError, ValueError):
        return None
    return edit.edited if built == edit.since else None


@contextmanager
def _locked(folder: Path | None) -> Iterator[None]:
    """Hold the store's lock (a blocking ``flock``, released by the kernel if the process
    dies). Without a lock file, as in a read-only cache, nothing is written anyway."""
    handle = None
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
            handle = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if handle is not None:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        if handle is not None:
            os.close(handle)


def _last_prepared(folder: Path | None, header: str, edit: Edit | None) -> dict[str, Serialised] | None:
    """The records this process prepared for the build ``edit`` is relative to, if the
    store is still as this process left it."""
    if folder is None or edit is None:
        return None
    last = _PREPARED.get(folder)
    if last is None or last[:2] != (header, edit.since) or _kept(folder, header) is None:
        return None
    return last[2]


def _remember(folder: Path, header: str, build: str | None, prepared: dict[str, Serialised]) -> None:
    if build is None:
        _PREPARED.pop(folder, None)
    else:
        _PREPARED[folder] = (header, build, prepared)


def _prepared_again(
    config: SiteConfig,
    model: SiteModel,
    digests: Mapping[str, str],
    folder: Path,
    header: str,
    last: dict[str, Serialised],
    edited: Collection[str],
    build: str | None,
) -> dict[str, Serialised]:
    """The last records with the edited articles' made again (and stored)."""
    export = DataExport(config, model)
    columns = export.columns()
    shards = _KEPT[folder].shards
    prepared = dict(last)
    for article in model.articles:
        if article.slug in edited:
            kept = _entry(export, columns, article, _key(article, digests, model))
            shards[_shard(article.slug)][article.slug] = kept
            prepared[article.slug] = Serialised(*kept[1:])
    if _write(folder, header, shards, sorted({_shard(slug) for slug in edited}), build):
        _remember(folder, header, build, prepared)
    return prepared


def _entry(export: DataExport, columns: list[str], article: Article, key: str) -> tuple[str, str, str, str]:
    """The article's entry in the store: its key, JSON line, CSV row and their digest, made now."""
    record, cells = export.record(article), export.row(article, columns)
    assert isinstance(record, dict) and isinstance(cells, list)  # nothing prepared yet
    line, row = json_line(record), csv_row(cells)
    return (key, line, row, digest_of(line, row))


def _key(article: Article, digests: Mapping[str, str], model: SiteModel) -> str:
    people = tuple((entry.name, entry.slug) for entry in map(model.people.entry_of, article.people))
    named = hashlib.blake2b(repr(people).encode(), digest_size=8).hexdigest()
    return f"{digests.get(article.slug, '?')}|{named}"


def _shard(slug: str) -> int:
    return shard_of(slug, SHARDS)


def _read(folder: Path | None, header: str) -> list[Stored]:
    if folder is None:
        return [{} for _ in range(SHARDS)]
    kept = _kept(folder, header)
    if kept is not None:
        return kept.shards
    return read_shards(folder, "", SHARDS, header)


def _kept(folder: Path, header: str) -> _Kept | None:
    """This process's copy of the store, if the files on disk are still the ones it saw."""
    kept = _KEPT.get(folder)
    if kept is None or kept.header != header or kept.stamps != _stamps(folder):
        return None
    return kept


def _stamps(folder: Path) -> tuple[Signature | None, ...]:
    """Each shard file's stamp: a rewrite (always a new file, renamed into place) changes it."""
    stamps: list[Signature | None] = []
    for index in range(SHARDS):
        try:
            stamps.append(signature(shard_path(folder, "", index).stat()))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def _write(folder: Path, header: str, shards: list[Stored], changed: list[int], build: str | None) -> bool:
    """Rewrite the ``changed`` shards and name ``build`` as the one the store holds the
    records of. False when that failed: the store on disk is then not ``shards`` (and
    names no build), so nothing of it is kept in memory."""
    if folder not in _KEPT:
        _KEPT.clear()
        _PREPARED.clear()
    built = folder / BUILT
    try:
        if changed or build is None:
            built.unlink(missing_ok=True)
        write_shards(folder, "", header, [(index, shards[index]) for index in changed])
        if build is not None:
            replace_bytes(built, build.encode("ascii"))
    except OSError:
        _KEPT.pop(folder, None)
        _PREPARED.pop(folder, None)
        return False
    _KEPT[folder] = _Kept(header, shards, _stamps(folder))
    return True

"""Each article's export record, written out once and kept between builds.

/data/articles.json and /data/articles.csv list every article, so any edit rewrites both.
Building and serialising 10,000 records costs most of a second; yet an edit changes one.
Before rendering, the build asks here for every article's JSON line and CSV row: those
of unchanged articles come from a store under the build cache, the others are made now,
and the store's shards holding a changed line are rewritten.

A line depends on the article's file (its content hash), the people entries it names
(alias merging can rename them), and, in the store's header, what a parsed article
depends on besides its bytes (the generator, the home country: it orders each pair),
the site URL and whether bodies are exported: any of these changing makes the line
again. A store that cannot be read is ignored; one that cannot be written costs time.

Beside its shards (20 MB at 10k articles), the store keeps an index: each article's key
and the digest of its lines, and the build whose records it holds. A build reads the
index, and decodes a shard only to rewrite it or when a page reads its lines: an edit to
a body changes no record (unless bodies are exported), so its build needs the digests
alone. When the build is an edit relative to the indexed build that reshaped nothing
(site/edits.py), every entry but the edited articles' is current without being checked:
working out 10,000 keys costs 0.1 s. The index is removed before a shard changes and
written after every shard was, so a build killed or failing in between leaves a store
whose shards are decoded and checked in full.

Builds of other output folders (the dev server's, `archive build`'s) share the store:
one process at a time prepares from it, under a lock. A copy kept in memory is used only
while the files are the ones this process read or wrote. What is compared, written and
named is then always what is on disk; lines read later, when a page needs them, are
checked against the digests the build was fingerprinted with.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from generator.atomic import replace_bytes
from generator.config import SiteConfig
from generator.content.model import Article
from generator.inputs import Signature, content_key, signature
from generator.render.exports import DataExport, Serialised, csv_row, digest_of, json_line
from generator.shards import shard_of, shard_path, write_shards
from generator.site.edits import Edit
from generator.site.model import SiteModel

STORE = "export-lines"  #: folder of the store, under the build cache
INDEX = "index.marshal"  #: file of the store: (header, build, slug -> (key, digest))
LOCK = ".lock"  #: file of the store locked while a build prepares from it
SHARDS = 16  #: an edit rewrites one shard (~1/16 of 20 MB at 10k articles)

Entry = tuple[str, str, str, str]  #: (key, JSON line, CSV row, their digest)
Shard = dict[str, Entry]  #: slug -> entry


class _Store:
    """The store as this process last read or wrote it: the index, and each shard read
    and decoded on first use. A shard read outside the lock may already be another
    build's: the lines it gives are checked against the index's digest (``lines``), and
    a store is written from only while its files are still those this process saw
    (``_opened`` compares their stamps under the lock, and reads it again otherwise)."""

    def __init__(self, folder: Path | None, header: str):
        self.folder = folder
        self.header = header
        self.built: str | None = None  #: the build whose records it holds, once indexed
        self.index: dict[str, tuple[str, str]] = {}  #: slug -> (key, digest)
        self.indexed = False  #: whether the index file says so (else it must be written)
        self.stamps: tuple[Signature | None, ...] = ()
        self._shards: dict[int, Shard] = {}
        self.lost: set[int] = set()  #: shards decoded as empty: missing, damaged or foreign
        self._lock = threading.Lock()  # a page may read lines while the dev server builds

    def shard(self, index: int) -> Shard:
        with self._lock:
            shard = self._shards.get(index)
            if shard is None:
                path = shard_path(self.folder, "", index) if self.folder is not None else None
                shard = self._shards[index] = _decoded(path, self.header)
                if not shard:
                    self.lost.add(index)
            return shard

    def replace_shard(self, index: int, shard: Shard) -> None:
        with self._lock:
            self._shards[index] = shard

    def lines(self, article: Article, digest: str, export: DataExport, columns: list[str]) -> tuple[str, str]:
        """The article's stored line and row; made again if the shard does not hold the
        ones the index names (a shard damaged on disk)."""
        entry = self.shard(_shard(article.slug)).get(article.slug)
        if entry is None or entry[3] != digest:
            entry = _entry(export, columns, article, "")
        return entry[1], entry[2]


#: The last store read or written by this process, by folder.
_KEPT: dict[Path, _Store] = {}
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
    slug. After an edit relative to the build the store (or this process) holds the
    records of, only the edited articles' are made again; the others are taken as they
    were (they depend on nothing an edit that reshapes nothing can change)."""
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
    store = _opened(folder, header) if folder is not None else _Store(None, header)
    last = _last_prepared(folder, header, edit)
    trusted: Collection[str] | None = None  # the slugs whose entry alone may have changed
    if edit is not None and (last is not None or (store.indexed and store.built == edit.since)):
        trusted = edit.edited
    export = DataExport(config, model, prepared=False)
    columns = export.columns()
    changed: dict[str, Entry] = {}
    prepared: dict[str, Serialised] = {}
    for article in model.articles:
        slug = article.slug
        known = store.index.get(slug)
        if known is None or trusted is None or slug in trusted:
            key = _key(article, digests, model)
            if known is None or known[0] != key:
                entry = changed[slug] = _entry(export, columns, article, key)
                prepared[slug] = Serialised(*entry[1:])
                continue
        kept = last.get(slug) if last is not None else None
        if kept is not None and kept.fetched:
            prepared[slug] = kept
        else:  # not the last build's unread record: it would keep that build's model alive
            digest = known[1]  # type: ignore[index]
            prepared[slug] = Serialised.later(digest, partial(store.lines, article, digest, export, columns))
    removed = [] if trusted is not None else [slug for slug in store.index if slug not in prepared]
    if folder is None:
        return prepared
    stale = changed or removed or not store.indexed or store.built != build
    if stale and not _write(store, changed, removed, build):
        return prepared
    if folder not in _KEPT:
        _KEPT.clear()
        _PREPARED.clear()
    _KEPT[folder] = store
    _remember(folder, header, build, prepared)
    return prepared


def _opened(folder: Path, header: str) -> _Store:
    """The store on disk (this process's copy while the files are the ones it saw)."""
    stamps = _stamps(folder)
    kept = _KEPT.get(folder)
    if kept is not None and kept.header == header and kept.stamps == stamps:
        return kept
    store = _Store(folder, header)
    try:
        found, built, index = marshal.loads((folder / INDEX).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        found = built = index = None
    if found == header and isinstance(index, dict):
        store.built, store.index, store.indexed = built, index, True
    else:  # no index: the shards, decoded whole, say what it would
        shards = [store.shard(index).items() for index in range(SHARDS)]
        store.index = {slug: (entry[0], entry[3]) for shard in shards for slug, entry in shard}
    store.stamps = stamps
    return store


def _decoded(path: Path | None, header: str) -> Shard:
    """A shard's entries (empty for one missing, damaged or under another header)."""
    if path is None:
        return {}
    try:
        found, entries = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if found == header and isinstance(entries, dict) else {}


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
    kept = _KEPT.get(folder)
    if last is None or last[:2] != (header, edit.since) or kept is None or kept.stamps != _stamps(folder):
        return None
    return last[2]


def _remember(folder: Path, header: str, build: str | None, prepared: dict[str, Serialised]) -> None:
    if build is None:
        _PREPARED.pop(folder, None)
    else:
        _PREPARED[folder] = (header, build, prepared)


def _write(store: _Store, changed: Mapping[str, Entry], removed: Collection[str], build: str | None) -> bool:
    """Rewrite the shards holding a changed or removed entry, then the index naming
    ``build``. False when that failed: the store on disk is then not ``store`` (and has no
    index), so nothing of it is kept in memory."""
    folder = store.folder
    assert folder is not None
    touched: dict[int, Shard] = {}
    for slug in [*changed, *removed]:
        index = _shard(slug)
        if index not in touched:
            touched[index] = dict(store.shard(index))
        if slug in changed:
            touched[index][slug] = changed[slug]
        else:
            touched[index].pop(slug, None)
    if store.lost.intersection(touched):  # unindexed, its other articles are stored again next time
        lost = [slug for slug in store.index if _shard(slug) in touched]
        removed = [*removed, *(slug for slug in lost if slug not in touched[_shard(slug)])]
    try:
        (folder / "built").unlink(missing_ok=True)  # left by the store's earlier format
        if touched:
            (folder / INDEX).unlink(missing_ok=True)
        write_shards(folder, "", store.header, touched.items())
        for index, shard in touched.items():
            store.replace_shard(index, shard)
        for slug in removed:
            store.index.pop(slug, None)  # a removed article's shard may be one lost too
        store.index.update((slug, (entry[0], entry[3])) for slug, entry in changed.items())
        replace_bytes(folder / INDEX, marshal.dumps((store.header, build, store.index)))
    except OSError:
        _KEPT.pop(folder, None)
        _PREPARED.pop(folder, None)
        return False
    store.built, store.indexed, store.stamps = build, True, _stamps(folder)
    store.lost.difference_update(touched)
    return True


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


def _stamps(folder: Path) -> tuple[Signature | None, ...]:
    """Each shard file's stamp, and the index's: a rewrite (always a new file, renamed
    into place) changes it."""
    stamps: list[Signature | None] = []
    for path in [*(shard_path(folder, "", index) for index in range(SHARDS)), folder / INDEX]:
        try:
            stamps.append(signature(path.stat()))
        except OSError:
            stamps.append(None)
    return tuple(stamps)

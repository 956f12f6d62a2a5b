"""Parsed articles kept between builds, so an unchanged file is never parsed twice.

An entry is found by the file's stamp (no read at all) or, when only the stamp changed,
by a hash of its bytes (one read, no parse). The store is split into shards by path: an
edit rewrites one small shard, not the whole cache. Rows are flat tuples written with
``marshal`` (three times faster to load than pickled dataclasses); countries are stored by
code and rebuilt from the shipped table, so a changed table invalidates the cache through
its key. A row keeps the body's sketch, so a warm build never shingles a body again. A
damaged or foreign cache is ignored, never trusted: the key names the generator digest,
and every shard is read whole or not at all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.content.model import Article, Country, CountryPair, PartialDate, Person
from generator.errors import Diagnostic
from generator.inputs import Signature
from generator.shards import read_shards, shard_of, write_shards

SHARDS = 64
SHARD_PREFIX = "articles-"


@dataclass(frozen=True, slots=True)
class CachedFile:
    digest: str  #: hash of the file's bytes
    article: Article | None
    diagnostics: tuple[Diagnostic, ...]


class ContentCache:
    """A path -> parsed-file map persisted under ``directory`` (None: memory only)."""

    def __init__(self, directory: Path | None, key: str, countries: Mapping[str, Country], read: bool = True):
        self.directory = directory
        self.key = key
        self.countries = countries
        self._entries: dict[str, tuple] = {}  #: relative path -> (signature, digest, row, diagnostics)
        self._decoded: dict[str, tuple[tuple, CachedFile]] = {}  #: kept by a long-lived cache (serve)
        self._dirty: set[int] = set()
        self._seen: set[str] = set()
        self.hits = self.misses = 0
        if directory is not None and read:
            self._read()

    def knows(self, relative: str) -> bool:
        """Whether a parse of that path is kept (under some stamp)."""
        return relative in self._entries

    def get(self, relative: str, stamp: Signature, digest: str | None = None) -> CachedFile | None:
        """The parsed file if its stamp (or, given one, its content digest) is unchanged."""
        self._seen.add(relative)
        entry = self._entries.get(relative)
        if entry is None or (entry[0] != stamp and entry[1] != digest):
            return None
        if entry[0] != stamp:  # same bytes under a new stamp: remember the new stamp
            entry = (stamp, *entry[1:])
            self._entries[relative] = entry
            self._dirty.add(_shard(relative))
        self.hits += 1
        decoded = self._decoded.get(relative)
        if decoded is None or decoded[0] is not entry[2]:
            problems = tuple(Diagnostic.from_row(row) for row in entry[3])
            decoded = (entry[2], CachedFile(entry[1], self._decode(entry[2]), problems))
            self._decoded[relative] = decoded
        return decoded[1]

    def saw(self, relatives: Iterable[str]) -> None:
        """Count these paths as found by this build (``save`` drops the entries of the
        others), without looking them up."""
        self._seen.update(relatives)

    def put(self, relative: str, stamp: Signature, parsed: CachedFile) -> None:
        self._seen.add(relative)
        self.misses += 1
        row = encode_article(parsed.article) if parsed.article is not None else None
        self._entries[relative] = (stamp, parsed.digest, row, tuple(d.to_row() for d in parsed.diagnostics))
        self._decoded[relative] = (row, parsed)
        self._dirty.add(_shard(relative))

    def save(self) -> None:
        """Write the shards that changed, dropping files not seen in this build. Best
        effort: a cache that cannot be written only makes the next build slower."""
        for relative in set(self._entries) - self._seen:
            del self._entries[relative]
            self._decoded.pop(relative, None)
            self._dirty.add(_shard(relative))
        self._seen = set()  # a long-lived cache serves several builds
        if self.directory is None or not self._dirty:
            return
        shards: dict[int, dict[str, tuple]] = {index: {} for index in self._dirty}
        for relative, entry in self._entries.items():
            index = _shard(relative)
            if index in shards:
                shards[index][relative] = entry
        with contextlib.suppress(OSError):
            write_shards(self.directory, SHARD_PREFIX, self.key, shards.items())
            self._dirty.clear()

    # -- storage ---------------------------------------------------------------------------

    def _read(self) -> None:
        assert self.directory is not None
        for entries in read_shards(self.directory, SHARD_PREFIX, SHARDS, self.key):
            self._entries.update(entries)

    def _decode(self, row: tuple | None) -> Article | None:
        return decode_article(row, self.countries)


def decode_article(row: tuple | None, countries: Mapping[str, Country]) -> Article | None:
    """A stored row -> the Article, its countries taken from ``countries`` (the table)."""
    if row is None:
        return None
    (slug, source_path, title, date, dateline, source, source_url, codes, pairs, people) = row[:10]
    summary, tags, review, raw, body, body_line, sketch = row[10:]
    return Article(
        slug,
        source_path,
        title,
        PartialDate(*date),
        dateline,
        source,
        source_url,
        tuple(countries[code] for code in codes),
        tuple(CountryPair(countries[first], countries[second]) for first, second in pairs),
        tuple(Person(name, role, countries[code] if code else None) for name, role, code in people),
        summary,
        tags,
        review,
        raw,
        body,
        body_line,
        sketch,
    )


def encode_article(article: Article) -> tuple:
    """An Article -> a flat row of built-in types (marshal-able, cheap to send)."""
    date = article.date
    return (
        article.slug,
        article.source_path,
        article.title,
        (date.year, date.month, date.day),
        article.dateline,
        article.source,
        article.source_url,
        tuple(country.code for country in article.countries),
        tuple(pair.codes for pair in article.pairs),
        tuple((p.name, p.role, p.country.code if p.country else None) for p in article.people),
        article.summary,
        article.tags,
        article.review,
        article.raw,
        article.body,
        article.body_line,
        article.sketch,
    )


def _shard(relative: str) -> int:
    return shard_of(relative, SHARDS)

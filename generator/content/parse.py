"""File bytes -> Article or located problems: one file, or many on several processes.

Parsing is the one CPU-heavy part of loading (YAML, validation, the body's text sketch):
a cold build of 10,000 articles spends seconds in it, so many files are parsed on forked
workers. A worker sends back the article as a flat row (content/cache.py's encoding) and
the parent decodes it with its own country table, exactly as a cache hit is decoded: the
articles are the same objects whichever way they were parsed.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Mapping
from pathlib import Path

from generator.content.cache import decode_article, encode_article
from generator.content.frontmatter import FrontMatterMissing, split_front_matter
from generator.content.model import Article, Country
from generator.content.schema import FileContext, build_article
from generator.errors import Diagnostic, error
from generator.workers import can_fork, fork_pool
from generator.yamlsource import YamlSyntaxError, parse_yaml

#: Fewer files than this are parsed in-process: a pool costs more than it saves.
PARALLEL_MIN = 200
#: Files per task.
CHUNK = 100


def content_digest(data: bytes) -> str:
    """What identifies a file's bytes in the cache and in page fingerprints."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


#: (display path, slug, file, its bytes when the caller already read them)
Job = tuple[str, str, Path, bytes | None]
Parsed = tuple[str, Article | None, list[Diagnostic]]  #: (content digest, article, problems)


def parse_article(
    display: str, slug: str, data: bytes, countries: dict, home_code: str
) -> tuple[Article | None, list[Diagnostic]]:
    """The pure half of loading: the bytes of the file shown as ``display`` -> Article
    or located problems."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [error(display, line, "content.encoding", "file is not valid UTF-8", "save it as UTF-8")]
    try:
        split = split_front_matter(text)
    except FrontMatterMissing as exc:
        return None, [error(display, exc.line, "front-matter.missing", exc.message, exc.hint)]
    try:
        located = parse_yaml(split.yaml_text, first_line=split.yaml_line)
    except YamlSyntaxError as exc:
        return None, [error(display, exc.line or split.yaml_line, "front-matter.yaml", exc.message)]
    context = FileContext(display, split.yaml_line, countries, home_code)
    return build_article(located, context, slug, split.body, split.body_line)


def parse_articles(
    jobs: list[Job], countries: Mapping[str, Country], home_code: str, workers: int
) -> list[Parsed]:
    """Each job's file read (unless given), hashed and parsed, in order; on ``workers``
    processes when there are many. Workers read their own files: the parent never holds
    the bytes of the whole archive at once (a quarter of a gigabyte at 50,000 articles)."""
    if workers <= 1 or len(jobs) < PARALLEL_MIN or not can_fork():
        return [read_and_parse(job, countries, home_code) for job in jobs]
    global _SETTINGS
    _SETTINGS = (countries, home_code)
    try:
        chunks = [jobs[start : start + CHUNK] for start in range(0, len(jobs), CHUNK)]
        parsed: list[Parsed] = []
        with fork_pool(workers) as pool:
            for packed in pool.imap(_parse_chunk, chunks):
                parsed.extend(
                    (digest, decode_article(row, countries), [Diagnostic.from_row(p) for p in problems])
                    for digest, row, problems in marshal.loads(packed)
                )
    finally:
        _SETTINGS = None
    return parsed


def read_and_parse(job: Job, countries: Mapping[str, Country], home_code: str) -> Parsed:
    """One file read (unless its bytes come with the job), hashed and parsed; a file that
    cannot be read is a located error."""
    display, slug, path, data = job
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            return "", None, [error(display, None, "content.unreadable", exc.strerror or str(exc))]
    article, problems = parse_article(display, slug, data, countries, home_code)
    return content_digest(data), article, problems


#: What forked workers parse with (the country table, the home country); set around the pool.
_SETTINGS: tuple[Mapping[str, Country], str] | None = None


def _parse_chunk(jobs: list[Job]) -> bytes:
    """Worker side: the chunk's (digest, row, problems), marshalled (rows are built-in
    types; marshal makes and reads them in half the time pickle takes)."""
    if _SETTINGS is None:  # pragma: no cover - only reachable if the pool were not forked
        raise RuntimeError("parse worker started without settings")
    countries, home_code = _SETTINGS
    rows = []
    for job in jobs:
        digest, article, problems = read_and_parse(job, countries, home_code)
        rows.append((digest, encode_article(article) if article else None, [p.to_row() for p in problems]))
    return marshal.dumps(rows)

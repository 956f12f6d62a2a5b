"""Render an ExtractedArticle as Markdown with front matter and write it, never overwriting.

The raw input is kept as content/sources/<first 16 hex digits of its SHA-256><suffix> and
named by ``raw:``; the article goes to content/<year or sans-date>/<slug>.md, opened with
mode 'x' so that an existing file (even one created meanwhile) is never replaced. A story
whose body is nearly the same as an existing article's is refused, naming that article, or,
with `--merge`, recorded as one more source of it (:func:`merge_source`, the only change ingest
ever makes to an existing file: its `provenance:` lines, atomically).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.content.frontmatter import FrontMatterMissing, join_front_matter, split_front_matter
from generator.content.load import find_article_files
from generator.content.scaffold import UNDATED_FOLDER, article_slug
from generator.ingest.extract import ExtractedArticle
from generator.ingest.provenance import MergeRefused, SourceRecord, add_source, new_provenance
from generator.ingest.segment import words_of
from generator.ingest.yamldump import FlowList, dump_field

SOURCES_FOLDER = "sources"
SHINGLE = 5
#: Share of shingles two bodies must have in common to be the same story.
NEAR_DUPLICATE = 0.5


def render_article(article: ExtractedArticle, raw: str | None, fetched_at: str | None = None) -> str:
    """The Markdown file: front matter in the documented key order, then the body.

    ``provenance`` (after ``raw``) keeps what the editor may want to trace and the article does
    not show: when the page was fetched, and the headlines of the teasers dropped after the
    story (see teasers.py). It is left out when there is nothing to say.
    """
    fields = {
        "title": article.title,
        "date": article.date,
        "dateline": article.dateline,
        "source": article.source,
        "source_url": article.source_url,
        "countries": list(article.countries),
        "pairs": list(article.pairs),
        "people": [_person(person) for person in article.people],
        "summary": article.summary,
        "tags": list(article.tags),
        "review": list(article.review),
        "raw": raw,
    }
    provenance = new_provenance(fetched_at, article.teasers)
    if provenance:
        fields["provenance"] = provenance
    parts = []
    for key, value in fields.items():
        if isinstance(value, list) and key not in ("people", "review"):
            value = FlowList(value)
        parts.append(dump_field(key, value))
    return join_front_matter("".join(parts), "\n\n".join(article.body))


def _person(person) -> dict[str, str]:  # type: ignore[no-untyped-def]
    entry = {"name": person.name}
    if person.role:
        entry["role"] = person.role
    if person.country:
        entry["country"] = person.country
    return entry


def raw_name(data: bytes, suffix: str) -> str:
    """'sources/<16 hex>.txt': content-addressed, so the same input is kept once."""
    return f"{SOURCES_FOLDER}/{hashlib.sha256(data).hexdigest()[:16]}{suffix}"


def keep_raw(content_dir: Path, data: bytes, suffix: str) -> str:
    """Write the raw input under content/sources/ unless the same bytes are already there."""
    name = raw_name(data, suffix)
    path = content_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        with path.open("xb") as handle:
            handle.write(data)
    return name


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = words_of(text)
    if len(words) < SHINGLE:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[index : index + SHINGLE]) for index in range(len(words) - SHINGLE + 1))


class ContentIndex:
    """What one ingest run must know about content/: each article's body shingles (for the
    near-duplicate check) and the slugs in use (slugs are site-wide). Built once per run by
    :func:`index_content`, then kept up to date as articles are written, so that a batch of a
    thousand stories does not walk content/ a thousand times.
    """

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir
        self._paths: list[Path] = []
        self._sizes: list[int] = []
        self._by_shingle: dict[tuple[str, ...], list[int]] = {}
        self.slugs: set[str] = set()

    def add(self, path: Path, body: str) -> None:
        """Record an article written (or found) at ``path`` with ``body``."""
        number = len(self._paths)
        found = shingles(body)
        self._paths.append(path)
        self._sizes.append(len(found))
        for shingle in found:
            self._by_shingle.setdefault(shingle, []).append(number)
        self.slugs.add(path.stem)

    def near_duplicate(self, body: str) -> tuple[Path, float] | None:
        """The article whose body shares the most shingles with ``body`` (Jaccard index), if
        at least NEAR_DUPLICATE of them."""
        mine = shingles(body)
        if not mine:
            return None
        common: dict[int, int] = {}
        for shingle in mine:
            for number in self._by_shingle.get(shingle, ()):
                common[number] = common.get(number, 0) + 1
        best: tuple[Path, float] | None = None
        for number, shared in sorted(common.items()):
            score = shared / (len(mine) + self._sizes[number] - shared)
            if score >= NEAR_DUPLICATE and (best is None or score > best[1]):
                best = (self._paths[number], score)
        return best

    def new_path(self, title: str, date: str | None) -> Path:
        """content/<year or sans-date>/<slug>.md for a new article: the naming of `archive new`
        (generator.content.scaffold), with -2, -3… for a slug already in use."""
        folder = self.content_dir / (date[:4] if date else UNDATED_FOLDER)
        base = article_slug(title)
        slug, suffix = base, 2
        while slug in self.slugs or (folder / f"{slug}.md").exists():
            slug, suffix = f"{base}-{suffix}", suffix + 1
        return folder / f"{slug}.md"


def index_content(content_dir: Path) -> ContentIndex:
    """Index every article already in content/ (unreadable files are skipped here: `archive
    check` reports them; their slugs still count)."""
    index = ContentIndex(content_dir)
    for path in find_article_files(content_dir):
        try:
            body = split_front_matter(path.read_text(encoding="utf-8")).body
        except (OSError, UnicodeDecodeError, FrontMatterMissing):
            index.slugs.add(path.stem)
            continue
        index.add(path, body)
    return index


def write_new_file(path: Path, text: str) -> None:
    """Create ``path``; FileExistsError if it exists (mode 'x', race-free)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)


@dataclass(frozen=True, slots=True)
class PendingMerge:
    """An article file as read, and its text with one more source: see :func:`merge_source`."""

    path: Path
    before: bytes
    merged: str


def prepare_merge(path: Path, record: SourceRecord) -> PendingMerge | None:
    """Read the article at ``path`` and add ``record`` to its provenance in memory; None if
    it already names that raw source. The file is read as bytes, so line endings stay as
    they are. Raises MergeRefused (nothing is written) or OSError."""
    before = path.read_bytes()
    try:
        text = before.decode("utf-8")
    except UnicodeDecodeError:
        raise MergeRefused("the file is not UTF-8") from None
    merged = add_source(text, record)
    return None if merged is None else PendingMerge(path, before, merged)


def merge_source(pending: PendingMerge) -> None:
    """Replace the article with its merged text (`archive ingest --merge`), atomically: the
    new text is written beside it under a hidden name, flushed to disk, then renamed over it,
    so that a crash leaves either the old file or the new one, never half of one. A file that
    changed since it was read is left alone (MergeRefused). Raises OSError too."""
    path = pending.path
    temporary = path.with_name(f".{path.name}.merge-{os.getpid()}.tmp")
    try:
        with temporary.open("xb") as handle:
            handle.write(pending.merged.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        shutil.copymode(path, temporary)
        if path.read_bytes() != pending.before:
            raise MergeRefused("the file changed while the source was being added; run the command again")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)

"""What the last build's pages read, so that the build after an edit prints again only the
pages the edit can reach instead of all of them (a third of a second at 10,000 articles).

A page's fingerprint (fingerprint.py) folds in build-wide inputs (generator, site.yaml,
templates), its place in the plan, the figures it shows, and articles by content token:
the ones it lists, its own, its related articles. Figures, lists and the plan are made of
each article's *shape* (site/edits.py), never of its title, summary or body. So when every
build-wide input, the set of
articles and each article's shape are what the last build saw, a fingerprint can change
only through the token of an edited article or through a related-articles choice: the
pages to print again are the readers of the edited articles, and the article pages whose
related articles changed. Every other page keeps the last build's fingerprint.

Readers are recorded while printing (``Fingerprinter.recorded``) and only ever added to
after a partial print: a stale reader costs one needless print, a missing one would cost
a stale page. Any other change (an article added, removed, moved or reshaped, a template,
the config, the generator) prints every page and records the readers afresh.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import filememo
from generator.config import SiteConfig
from generator.content.model import Article
from generator.inputs import content_key
from generator.render.fingerprint import EVERY, Fingerprinter
from generator.site.edits import Edit, shape
from generator.site.related import RelatedChoice

_FORMAT = 4


@dataclass(slots=True)
class PageReads:
    """The dependency record of one build, as persisted beside its output manifest.

    Per-article entries are kept packed (marshal bytes, arrays of page indices) and
    unpacked only for the articles an edit touches: a build after one edit reads and
    writes the whole record but decodes a handful of entries."""

    inputs: str  #: the manifest key (``Manifest.inputs``) of the build it describes
    model: str  #: what the model and plan depended on besides the files (``model_key``)
    base: str  #: digest of the build-wide inputs every fingerprint folds in
    tokens: dict[str, str]  #: slug -> path and digest of the file the build read
    related: dict[str, tuple[str, ...]]  #: slug -> slugs of its related articles
    articles: dict[str, bytes]  #: slug -> its (shape, sketch), packed
    readers: dict[str, bytes]  #: slug (or EVERY) -> indices of the pages that read it, packed
    summaries: dict[str, object]  #: shape-only figures of the fingerprinter (SHAPE_SUMMARIES)

    def edit_since(self, articles: Sequence[Article], digests: Mapping[str, str]) -> Edit | None:
        """The articles edited since this build, when none was added, removed, moved or
        reshaped (None otherwise: the site's structure may have changed)."""
        if len(articles) != len(self.tokens):
            return None
        edited = {}
        for article in articles:
            last = self.tokens.get(article.slug)
            if last is None:
                return None
            if last != _token(article, digests):
                old_shape, old_sketch = marshal.loads(self.articles[article.slug])
                if shape(article) != old_shape:  # a move changes the token, and the shape
                    return None
                edited[article.slug] = old_sketch
        return Edit(self.inputs, self.related, edited)

    def readers_of(self, slug: str) -> array:
        indices = array("I")
        indices.frombytes(self.readers.get(slug, b""))
        return indices

    def to_print(
        self, edit: Edit, related: Mapping[str, tuple[str, ...]], pages: Mapping[str, int]
    ) -> set[int]:
        """Plan indices of the pages whose fingerprint ``edit`` can change (``related``:
        the new choice; ``pages``: slug -> index of the article's page)."""
        indices = set(self.readers_of(EVERY))
        for slug in edit.edited:
            indices.update(self.readers_of(slug))
        for slug, others in related.items():
            if others != self.related.get(slug):
                indices.add(pages[slug])
        return indices

    def add_readers(self, index: int, slugs: Iterable[str]) -> None:
        for slug in dict.fromkeys(slugs):
            indices = self.readers_of(slug)
            if index not in indices:
                indices.append(index)
                self.readers[slug] = indices.tobytes()

    def update(
        self,
        inputs: str,
        articles: Iterable[Article],
        digests: Mapping[str, str],
        related: dict,
        summaries: dict[str, object],
    ) -> None:
        """Make this the record of the build ``inputs``, which changed only ``articles``."""
        self.inputs = inputs
        self.related = related
        self.summaries = summaries
        for article in articles:
            self.tokens[article.slug] = _token(article, digests)
            self.articles[article.slug] = _packed(article)


def build_base(printer: Fingerprinter) -> str:
    """Everything build-wide the fingerprints fold in: generator, config, templates."""
    hasher = printer.base_hasher()
    for name, digest in sorted(printer.templates.items()):
        hasher.update(f"{name}\0{digest}\n".encode())
    return hasher.hexdigest()


def related_slugs(related: Mapping[str, tuple[Article, ...]]) -> dict[str, tuple[str, ...]]:
    """The related choice by slug (a model's own, as made: never modified)."""
    if isinstance(related, RelatedChoice) and type(related.slugs) is dict:
        return related.slugs
    return {slug: tuple([other.slug for other in others]) for slug, others in related.items()}


def applicable(
    last: PageReads | None,
    printer: Fingerprinter,
    last_pages: Mapping[str, str | None] | None,
    edit: Edit | None,
) -> PageReads | None:
    """``last`` when its fingerprints (``last_pages``, URL -> fingerprint in plan order)
    can be brought up to date by printing only what ``edit`` reaches: same build-wide
    inputs, same plan."""
    if last is None or edit is None or last_pages is None or last.base != build_base(printer):
        return None
    return last if list(last_pages) == [spec.url for spec in printer.specs] else None


def print_pages(
    printer: Fingerprinter,
    last: PageReads | None,
    last_pages: Mapping[str, str | None] | None,
    edit: Edit | None,
    related: Mapping[str, tuple[str, ...]],
) -> tuple[tuple[str | None, ...], dict[str, bytes]]:
    """Every page's fingerprint and the readers index (packed). With ``last`` (see
    ``applicable``), only the pages ``edit`` can reach are printed again and ``last``'s
    readers are added to; ``related``: this build's choice, by slug."""
    specs = printer.specs
    if last is not None and edit is not None and last_pages is not None:
        printer.adopt(last.summaries)
        pages = {spec.subject.slug: i for i, spec in enumerate(specs) if spec.kind == "article"}  # type: ignore[union-attr]
        prints = list(last_pages.values())
        for index in sorted(last.to_print(edit, related, pages)):
            prints[index], reads = printer.recorded(specs[index])
            last.add_readers(index, reads)
        return tuple(prints), last.readers
    fresh: list[str | None] = []
    readers: dict[str, list[int]] = {}
    for index, spec in enumerate(specs):
        print_, reads = printer.recorded(spec)
        fresh.append(print_)
        for slug in dict.fromkeys(reads):
            found = readers.get(slug)
            if found is None:
                readers[slug] = [index]
            elif found[-1] != index:
                found.append(index)
    return tuple(fresh), {slug: array("I", indices).tobytes() for slug, indices in readers.items()}


def record_of(
    inputs: str,
    model: str,
    base: str,
    articles: Iterable[Article],
    digests: Mapping[str, str],
    related: dict[str, tuple[str, ...]],
    readers: dict[str, bytes],
    summaries: dict[str, object],
) -> PageReads:
    """The record of a build that printed every page."""
    tokens = {article.slug: _token(article, digests) for article in articles}
    packed = {article.slug: _packed(article) for article in articles}
    return PageReads(inputs, model, base, tokens, related, packed, readers, summaries)


def _token(article: Article, digests: Mapping[str, str]) -> str:
    """Where the article was read from and what its file held (as fingerprints say it)."""
    return f"{article.source_path}:{digests.get(article.slug, '?')}"


def _packed(article: Article) -> bytes:
    return marshal.dumps((shape(article), article.sketch))


def record_path(manifests: Path) -> Path:
    """Where the record of the build described by the manifests file ``manifests`` goes."""
    return manifests.with_name(manifests.stem + ".reads.marshal")


def model_key(config: SiteConfig) -> str:
    """What the parsed articles, the model and the page plan depend on besides the files:
    the generator, and every setting (``lists.per_page`` or ``search.enabled`` change the
    plan, ``lists.related`` the related choice): a settings change makes everything again."""
    return f"{content_key(config)}|{config!r}"


def load_record(path: Path | None, inputs: str | None, model: str) -> PageReads | None:
    """The record at ``path`` when it describes the build ``inputs``, made under ``model``
    (its ``base`` is checked when printing: templates are not compiled yet)."""
    if path is None or inputs is None:
        return None
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        version, data = filememo.read(path, marshal.loads)
        if version == _FORMAT:
            record = PageReads(*_tables_copied(data))  # updated in place: not the kept value
            if record.inputs == inputs and record.model == model:
                return record
    return None


def save_record(path: Path | None, record: PageReads) -> None:
    """Persist ``record`` (a failure only costs the next build a full print)."""
    if path is None:
        return
    data = tuple(getattr(record, field.name) for field in dataclasses.fields(record))
    with contextlib.suppress(OSError):
        kept = (_FORMAT, _tables_copied(data))  # kept as written: ``record`` may change after
        filememo.write(path, marshal.dumps(kept), kept)


def _tables_copied(parts: Iterable[object]) -> tuple:
    """A record's fields with its tables (dicts) copied: a build updates its record in
    place, and the value filememo keeps for the next build must stay as on disk."""
    return tuple(dict(part) if type(part) is dict else part for part in parts)

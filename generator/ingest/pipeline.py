"""`archive ingest`: inputs -> new content files, one line per problem, never a clobber.

Each input goes through read -> clean -> segment -> extract -> write on its own: a failing
input is a one-line error naming it, and the others still go through. The result says how
many were written and whether any failed, so the command can exit with 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.countries import load_countries
from generator.content.load import display_path, load_article
from generator.content.scaffold import UNDATED_FOLDER
from generator.errors import Diagnostic, error
from generator.ingest.clean import clean_text
from generator.ingest.extract import ExtractedArticle, extract_article
from generator.ingest.provenance import MergeRefused, SourceRecord
from generator.ingest.readers import READERS, RawDocument, read_input
from generator.ingest.segment import segment_story
from generator.ingest.write import (
    ContentIndex,
    index_content,
    keep_raw,
    merge_source,
    prepare_merge,
    raw_name,
    render_article,
    write_new_file,
)
from generator.report import Reporter

INBOX = "inbox"


@dataclass(frozen=True, slots=True)
class IngestResult:
    written: tuple[Path, ...]
    documents: int  #: stories read (a JSON Lines batch counts each line).
    diagnostics: tuple[Diagnostic, ...]
    merged: tuple[Path, ...] = ()  #: existing articles that got a near-duplicate's source.

    @property
    def failed(self) -> bool:
        return any(diagnostic.is_error for diagnostic in self.diagnostics)


def collect_inputs(paths: list[Path], content_dir: Path) -> list[Path]:
    """Files to ingest: the given files, the accepted files inside given folders, or the inbox."""
    if not paths:
        paths = [content_dir / INBOX]
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS))
        else:
            found.append(path)
    return found


def ingest_paths(
    paths: list[Path],
    content_dir: Path,
    site_root: Path,
    url: str | None = None,
    fetched_at: str | None = None,
    reporter: Reporter | None = None,
    home_code: str = "VN",
    merge: bool = False,
) -> IngestResult:
    """Ingest every input into ``content_dir``; with no paths, everything in content/inbox/.

    An inbox file whose every story was written is removed from the inbox (its bytes are
    kept under content/sources/), so running the command again does not ingest it twice;
    a file with any failure stays there for the editor.

    A near-duplicate of an existing article is refused; with ``merge``, its source (raw
    input, URL, fetch time) is added to that article's `provenance.also` instead, and nothing
    else in the article changes (see write.merge_source).
    """
    diagnostics: list[Diagnostic] = []
    written: list[Path] = []
    merged: list[Path] = []
    index = index_content(content_dir)
    documents = 0
    from_inbox = not paths
    for path in collect_inputs(paths, content_dir):
        failures_before = len([d for d in diagnostics if d.is_error])
        origin = display_path(path, site_root)
        try:
            data = path.read_bytes()
        except OSError as exc:
            diagnostics.append(error(origin, None, "ingest.read", exc.strerror or str(exc)))
            continue
        result = read_input(origin, path.suffix, data)
        diagnostics.extend(result.diagnostics)
        for document in result.documents:
            documents += 1
            if url and not document.url:
                document = _with(document, url=url)
            if fetched_at and not document.fetched_at:
                document = _with(document, fetched_at=fetched_at)
            outcome = _ingest_document(document, path, content_dir, site_root, index, home_code, merge)
            if isinstance(outcome, Merged):
                if outcome.added:
                    merged.append(outcome.path)
                if reporter:
                    verb = "merged into" if outcome.added else "already a source of"
                    reporter.info(f"{document.location} {verb} {display_path(outcome.path, site_root)}")
            elif isinstance(outcome, Path):
                written.append(outcome)
                if reporter:
                    reporter.info(f"{document.location} -> {display_path(outcome, site_root)}")
            else:
                diagnostics.extend(outcome)
        succeeded = len([d for d in diagnostics if d.is_error]) == failures_before and result.documents
        if from_inbox and succeeded:
            path.unlink()
    return IngestResult(tuple(written), documents, tuple(diagnostics), tuple(merged))


def _with(document: RawDocument, **changes: str) -> RawDocument:
    from dataclasses import replace

    return replace(document, **changes)


def _ingest_document(
    document: RawDocument,
    path: Path,
    content_dir: Path,
    site_root: Path,
    index: ContentIndex,
    home_code: str,
    merge: bool = False,
) -> Path | Merged | list[Diagnostic]:
    if document.kind == "markdown":
        return _copy_markdown(document, path, content_dir, site_root, home_code, index)
    article = _extract(document, home_code)
    if isinstance(article, Diagnostic):
        return [article]
    body = "\n\n".join(article.body)
    duplicate = index.near_duplicate(body)
    if duplicate and merge:
        return _merge(document, article, duplicate[0], content_dir, site_root)
    if duplicate:
        existing, score = duplicate
        return [
            error(
                document.origin,
                document.line,
                "ingest.duplicate",
                f"near-duplicate of {display_path(existing, site_root)} "
                f"({score:.0%} of the text in common); not written",
                "add --merge to record this input as another source of that article, "
                "or remove the existing article first if this version should replace it",
            )
        ]
    target = index.new_path(article.title, article.date)
    raw = keep_raw(content_dir, document.raw, document.raw_suffix)
    try:
        write_new_file(target, render_article(article, raw, document.fetched_at))
    except FileExistsError:
        return [
            error(
                document.origin,
                document.line,
                "ingest.exists",
                f"{display_path(target, site_root)} already exists; not overwritten",
            )
        ]
    index.add(target, body)
    return target


@dataclass(frozen=True, slots=True)
class Merged:
    """A near-duplicate recorded as one more source of an existing article."""

    path: Path
    added: bool  #: False when the article already named that raw source.


def _merge(
    document: RawDocument, article: ExtractedArticle, existing: Path, content_dir: Path, site_root: Path
) -> Merged | list[Diagnostic]:
    """Add the document's source to ``existing``. The raw input is kept once the merge is
    known to be possible, and before the article names it."""
    record = SourceRecord(
        raw_name(document.raw, document.raw_suffix),
        article.source_url,
        document.fetched_at.strip() if document.fetched_at and document.fetched_at.strip() else None,
    )
    shown = display_path(existing, site_root)
    try:
        pending = prepare_merge(existing, record)
        if pending is None:
            return Merged(existing, added=False)
        keep_raw(content_dir, document.raw, document.raw_suffix)
        merge_source(pending)
    except MergeRefused as exc:
        return [
            error(
                document.origin,
                document.line,
                "ingest.merge",
                f"near-duplicate of {shown}, which cannot take another source: {exc.message}; "
                "the article was left as it was",
                f"fix the front matter of {shown} (see `archive check`), then run the command again",
            )
        ]
    except OSError as exc:
        return [error(document.origin, document.line, "ingest.merge", f"{shown}: {exc.strerror or exc}")]
    return Merged(existing, added=True)


def _extract(document: RawDocument, home_code: str) -> ExtractedArticle | Diagnostic:
    """clean -> segment -> extract for one story, or the one-line error saying why not."""
    try:
        story = segment_story(clean_text(document.text), document.title_hint)
        if not story.paragraphs:
            return error(
                document.origin, document.line, "ingest.empty", "no article text left after cleaning"
            )
        return extract_article(
            story,
            url=document.url,
            date_hint=document.date_hint,
            fetched_at=document.fetched_at,
            home_code=home_code,
            notes=document.notes,
        )
    except Exception as exc:  # the guarantee: no input crashes the batch (reported as a bug)
        return error(
            document.origin,
            document.line,
            "ingest.bug",
            f"internal error: {exc!r}",
            "please report this input with the message",
        )


def _copy_markdown(
    document: RawDocument, path: Path, content_dir: Path, site_root: Path, home_code: str, index: ContentIndex
) -> Path | list[Diagnostic]:
    """A Markdown file with front matter: validated like any content file, then copied."""
    article, problems = load_article(path, site_root, load_countries(), home_code)
    errors = [problem for problem in problems if problem.is_error]
    if article is None or errors:
        return errors or [error(document.origin, None, "ingest.markdown", "invalid article")]
    folder = f"{article.date.year:04d}" if article.date.year else UNDATED_FOLDER
    target = content_dir / folder / f"{path.stem}.md"
    try:
        write_new_file(target, document.text)
    except FileExistsError:
        return [
            error(
                document.origin,
                None,
                "ingest.exists",
                f"{display_path(target, site_root)} already exists; not overwritten",
            )
        ]
    index.add(target, article.body)
    return target

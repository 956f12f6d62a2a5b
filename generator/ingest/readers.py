"""One reader per input kind, chosen by file suffix from a small registry.

A reader turns one input file into RawDocuments (a JSON Lines batch gives several) plus
diagnostics for what it could not read. A bad JSON line is an error naming ``file:line`` and
does not stop the other lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from generator.errors import Diagnostic, error
from generator.ingest.decode import DecodeError, decode_bytes, normalise_characters
from generator.ingest.html_text import extract_html_text


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One story as read, before any cleaning."""

    origin: str  #: the input file, as shown to the user.
    line: int | None  #: line in a JSON Lines batch, else None.
    kind: str  #: 'text', 'html' or 'markdown'.
    text: str  #: decoded text (for 'markdown', the whole file).
    raw: bytes  #: the exact bytes to keep as provenance.
    raw_suffix: str  #: suffix for the kept copy ('.txt', '.html', '.json', '.md').
    url: str | None = None
    fetched_at: str | None = None
    title_hint: str | None = None
    date_hint: str | None = None  #: publication time declared by the page's metadata.
    notes: tuple[str, ...] = ()  #: review notes from reading (e.g. a legacy encoding).

    @property
    def location(self) -> str:
        return f"{self.origin}:{self.line}" if self.line else self.origin


@dataclass(frozen=True, slots=True)
class ReadResult:
    documents: tuple[RawDocument, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


Reader = Callable[[str, bytes], ReadResult]


def _failed(origin: str, message: str, line: int | None = None) -> ReadResult:
    return ReadResult((), (error(origin, line, "ingest.read", message),))


def read_text(origin: str, data: bytes) -> ReadResult:
    """A raw text file copied or scraped from an agency site."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return _failed(origin, str(exc))
    return ReadResult((RawDocument(origin, None, "text", decoded.text, data, ".txt", notes=decoded.notes),))


def read_html(origin: str, data: bytes) -> ReadResult:
    """A saved web page: the article region's text, its <h1>, canonical URL and publication time."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return _failed(origin, str(exc))
    page = extract_html_text(decoded.text)
    if not page.text.strip():
        return _failed(origin, "the page has no article text")
    document = RawDocument(
        origin,
        None,
        "html",
        page.text,
        data,
        ".html",
        url=page.url,
        title_hint=page.title,
        date_hint=page.published,
        notes=decoded.notes,
    )
    return ReadResult((document,))


def read_markdown(origin: str, data: bytes) -> ReadResult:
    """A Markdown article that already has front matter: validated and copied by the pipeline."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return _failed(origin, str(exc))
    return ReadResult(
        (RawDocument(origin, None, "markdown", decoded.text, data, ".md", notes=decoded.notes),)
    )


def read_jsonl(origin: str, data: bytes) -> ReadResult:
    """A scraper batch: one JSON object per line with 'text' or 'html', and optionally
    'url', 'fetched_at', 'title'. Each bad line is its own error; the others go on."""
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        return _failed(origin, str(exc))
    documents: list[RawDocument] = []
    problems: list[Diagnostic] = []
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        parsed = _jsonl_document(origin, number, line)
        if isinstance(parsed, Diagnostic):
            problems.append(parsed)
        else:
            documents.append(parsed)
    if not documents and not problems:
        return _failed(origin, "the batch holds no article")
    return ReadResult(tuple(documents), tuple(problems))


_JSONL_KEYS = frozenset({"text", "html", "url", "fetched_at", "title"})


def _jsonl_document(origin: str, number: int, line: str) -> RawDocument | Diagnostic:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return error(origin, number, "ingest.read", f"invalid JSON: {exc.msg} (column {exc.colno})")
    if not isinstance(item, dict):
        return error(origin, number, "ingest.read", "each line must be a JSON object")
    unknown = sorted(set(item) - _JSONL_KEYS)
    if unknown:
        return error(
            origin,
            number,
            "ingest.read",
            f"unknown key(s) {', '.join(map(repr, unknown))}",
            "a line has 'text' or 'html', and optionally 'url', 'fetched_at', 'title'",
        )
    for key in _JSONL_KEYS & set(item):
        if item[key] is not None and not isinstance(item[key], str):
            return error(origin, number, "ingest.read", f"'{key}' must be a string")
    text, html = item.get("text"), item.get("html")
    if not (text or "").strip() and not (html or "").strip():
        return error(origin, number, "ingest.read", "the line has neither 'text' nor 'html'")
    raw = line.encode("utf-8")
    kind, date_hint, url = "text", None, item.get("url")
    title = item.get("title")
    if (text or "").strip():
        body = normalise_characters(text)
    else:
        page = extract_html_text(normalise_characters(html))
        body, kind, date_hint = page.text, "html", page.published
        title, url = title or page.title, url or page.url
    return RawDocument(
        origin,
        number,
        kind,
        body,
        raw,
        ".json",
        url=url,
        fetched_at=item.get("fetched_at"),
        title_hint=(title or "").strip() or None,
        date_hint=date_hint,
    )


#: Input kinds by file suffix; add a reader here to accept a new kind.
READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".md": read_markdown,
    ".jsonl": read_jsonl,
}


def read_input(origin: str, suffix: str, data: bytes) -> ReadResult:
    """Dispatch on ``suffix``; an unknown suffix is an error naming the accepted ones."""
    reader = READERS.get(suffix.lower())
    if reader is None:
        accepted = ", ".join(sorted(READERS))
        return _failed(origin, f"unsupported input kind '{suffix or '(none)'}' (accepted: {accepted})")
    return reader(origin, data)

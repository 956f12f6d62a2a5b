"""Data for researchers: the documents behind /data/articles.json, /data/articles.csv and
/data/relations/<pair>.json, and their serialisation (registered as template filters).

Every file carries the front matter of its articles; Markdown bodies only when site.yaml
sets ``data.bodies``. The JSON shapes are described by the committed JSON Schema
generator/data/articles.schema.json, served at /data/articles.schema.json, and the tests
validate every built file against it. Output is deterministic, for golden tests and for
diffs between two exports: articles in the site's one order (newest first, then slug),
keys in a fixed order, lists in front-matter order, no build time. The format, and the
CSV's choices (UTF-8 without BOM, ' | ' between list items), are in docs/data-export.md.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import resources
from typing import Any

from generator.config import SiteConfig
from generator.content.model import Article, CountryPair
from generator.site import urls
from generator.site.model import SiteModel
from generator.site.relations import PairHistory

SCHEMA_FILE = "articles.schema.json"
#: Joins the items of a list in one CSV cell.
LIST_SEPARATOR = " | "
CSV_COLUMNS = (
    "slug",
    "url",
    "title",
    "date",
    "date_precision",
    "dateline",
    "source",
    "source_url",
    "countries",
    "pairs",
    "people",
    "tags",
    "summary",
    "review",
    "flagged",
)

Record = dict[str, Any]


class Serialised:
    """An article's record already written out, by export_lines.py: its JSON line and
    its CSV row. Documents hold it where they would hold the record; only the writers
    below look inside. The text may be fetched only when first read (``later``): a build
    that writes no export needs the digests alone."""

    __slots__ = ("_fetch", "_line", "_row", "digest")

    def __init__(self, line: str, row: str, digest: str):
        self._line, self._row = line, row
        self.digest = digest  #: a hash of both (``digest_of``): what the exports' fingerprints fold in
        self._fetch: Callable[[], tuple[str, str]] | None = None

    @classmethod
    def later(cls, digest: str, fetch: Callable[[], tuple[str, str]]) -> Serialised:
        """A record whose line and row ``fetch`` returns when first read."""
        record = cls.__new__(cls)
        record.digest, record._fetch = digest, fetch
        return record

    @property
    def line(self) -> str:
        """The record as to_json writes it (before escaping '<' and '>')."""
        if self._fetch is not None:
            self._fetched()
        return self._line

    @property
    def row(self) -> str:
        """The CSV row, line end included."""
        if self._fetch is not None:
            self._fetched()
        return self._row

    @property
    def fetched(self) -> bool:
        """Whether the line and row are in memory (always, unless made ``later``)."""
        return self._fetch is None

    def _fetched(self) -> None:
        fetch = self._fetch
        if fetch is not None:  # another thread may have fetched them meanwhile
            self._line, self._row = fetch()
            self._fetch = None


def fetch_all(records: Iterable[Serialised]) -> None:
    """Bring every record's text into memory: done once before forking render workers,
    which would otherwise each read and decode the store."""
    for record in records:
        record.line  # noqa: B018 (read for its side effect)


def digest_of(line: str, row: str) -> str:
    """The digest a Serialised record carries."""
    return hashlib.blake2b(f"{line}\0{row}".encode(), digest_size=8).hexdigest()


#: The build's serialised records by slug, while ``serialised()`` is in effect.
_SERIALISED: Mapping[str, Serialised] = {}


@contextmanager
def serialised(records: Mapping[str, Serialised]) -> Iterator[None]:
    """Let DataExport use ``records`` (made for this build's model) instead of building
    and writing each record again. Forked render workers inherit them."""
    global _SERIALISED
    _SERIALISED = records
    try:
        yield
    finally:
        _SERIALISED = {}


class DataExport:
    """Builds the export documents of one build; each article's record is built once."""

    def __init__(self, config: SiteConfig, model: SiteModel, prepared: bool = True):
        self.config = config
        self.model = model
        self._records: dict[str, Record] = {}
        #: Whether to take the records export_lines.py prepared (``serialised``); False
        #: for export_lines.py itself, which makes them.
        self._prepared = prepared

    def absolute(self, url: str) -> str:
        return self.config.base_url + url.lstrip("/")

    def articles_document(self) -> Record:
        """/data/articles.json: every article, newest first."""
        return {
            **self._header(self.absolute(urls.ARTICLES_SCHEMA)),
            "count": len(self.model.articles),
            "articles": [self.record(article) for article in self.model.articles],
        }

    def relation_document(self, history: PairHistory) -> Record:
        """/data/relations/<pair>.json: one relation, its yearly counts and its articles."""
        pair = history.pair
        return {
            **self._header(self.absolute(urls.ARTICLES_SCHEMA) + "#/$defs/relation"),
            "pair": {
                **_pair(pair),
                "countries": [{"code": c.code, "name": c.name} for c in (pair.first, pair.second)],
                "url": self.absolute(urls.pair_url(pair)),
                "feed": self.absolute(urls.pair_feed_url(pair)),
            },
            "count": history.count,
            "first": history.first.iso,
            "latest": history.latest.iso,
            "years": [{"year": item.year, "count": item.count} for item in history.years],
            "articles": [self.record(article) for article in history.articles],
        }

    def csv_table(self) -> Record:
        """/data/articles.csv: one row per article; lists joined with LIST_SEPARATOR."""
        columns = self.columns()
        return {"columns": columns, "rows": [self.row(article, columns) for article in self.model.articles]}

    def record(self, article: Article) -> Record | Serialised:
        """One article's front matter as the JSON files give it (already written out
        when export_lines.py prepared this build's records)."""
        prepared = _SERIALISED.get(article.slug) if self._prepared else None
        if prepared is not None:
            return prepared
        if article.slug not in self._records:
            record: Record = {
                "slug": article.slug,
                "url": self.absolute(urls.article_url(article)),
                "title": article.title,
                "date": article.date.iso,
                "date_precision": article.date.precision.value,
                "dateline": article.dateline,
                "source": article.source,
                "source_url": article.source_url,
                "countries": [country.code for country in article.countries],
                "pairs": [_pair(pair) for pair in article.pairs],
                "people": [self._person(article, index) for index in range(len(article.people))],
                "tags": list(article.tags),
                "summary": article.summary,
                "review": list(article.review),
                "flagged": article.flagged,
            }
            if self.config.data.bodies:
                record["body"] = article.body
            self._records[article.slug] = record
        return self._records[article.slug]

    def columns(self) -> list[str]:
        return [*CSV_COLUMNS, *(("body",) if self.config.data.bodies else ())]

    def _header(self, schema: str) -> Record:
        return {
            "schema": schema,
            "site": {
                "title": self.config.title,
                "url": self.config.base_url,
                "language": self.config.language,
            },
            "bodies": self.config.data.bodies,
        }

    def _person(self, article: Article, index: int) -> Record:
        person = article.people[index]
        entry = self.model.people.entry_of(person)
        return {
            "name": entry.name,
            "as_written": person.name,
            "role": person.role,
            "country": person.country.code if person.country else None,
            "url": self.absolute(urls.person_url(entry)),
        }

    def row(self, article: Article, columns: list[str]) -> list[str] | str:
        """The article's CSV cells (or its row already written out)."""
        record = self.record(article)
        if isinstance(record, Serialised):
            return record.row
        cells = {
            **record,
            "countries": LIST_SEPARATOR.join(record["countries"]),
            "pairs": LIST_SEPARATOR.join(pair["codes"] for pair in record["pairs"]),
            "people": LIST_SEPARATOR.join(person["name"] for person in record["people"]),
            "tags": LIST_SEPARATOR.join(record["tags"]),
            "review": LIST_SEPARATOR.join(record["review"]),
            "flagged": "true" if article.flagged else "false",
            "body": article.body,
        }
        return [_cell(cells[column]) for column in columns]


def _pair(pair: CountryPair) -> Record:
    return {"codes": "-".join(pair.codes), "slug": pair.slug, "name": pair.name}


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def to_json(document: Any) -> str:
    """Readable, stable JSON: UTF-8 text as it is, the document's keys one per line and
    each list item (an article, a year) on a line of its own, so a diff between two
    exports shows one line per changed article. Each line is written by the C encoder
    (an indented json.dumps falls back to the pure-Python one: ten times slower on 10,000
    articles). Only '<' and '>' are escaped (\\u003c, \\u003e; they occur inside strings
    only, and any JSON reader decodes them), so no file of the site ever holds markup from
    a title, whatever serves it."""
    parts: list[str] = []
    if isinstance(document, dict) and document:
        parts.append("{\n")
        for number, (key, value) in enumerate(document.items()):
            parts.extend((",\n  " if number else "  ", _compact(key), ": "))
            _block(value, parts)
        parts.append("\n}")
    else:
        _block(document, parts)
    text = "".join(parts)  # one copy: the export of 10,000 articles is ~12 MB of text
    if "<" in text:
        text = text.replace("<", "\\u003c")
    if ">" in text:
        text = text.replace(">", "\\u003e")
    return text


def _block(value: Any, parts: list[str]) -> None:
    if isinstance(value, list) and value:
        parts.append("[\n    ")
        parts.append(",\n    ".join([_compact(item) for item in value]))
        parts.append("\n  ]")
    else:
        parts.append(_compact(value))


def _compact(value: Any) -> str:
    if type(value) is Serialised:
        return value.line
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def to_csv(table: Record) -> str:
    """RFC 4180 CSV (the csv module's quoting, CRLF line ends) with a header row; a row
    may come already written out (``Serialised.row``)."""
    rows = (row if isinstance(row, str) else csv_row(row) for row in table["rows"])
    return csv_row(table["columns"]) + "".join(rows)


def csv_row(cells: list[str]) -> str:
    """One CSV row, line end included: the one place the file's dialect is set."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue()


def json_line(record: Record) -> str:
    """One record as to_json writes it in a list (before escaping '<' and '>')."""
    return _compact(record)


@cache
def schema_text() -> str:
    """The committed JSON Schema of the exports, served as it is."""
    return resources.files("generator.data").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")

"""The `provenance:` block of an article's front matter: where its text came from, beyond the
`raw` and `source_url` keys of its first source. Pure: text in, text out.

    provenance:
      fetched_at: '2025-05-03'        # when the first source was fetched (--fetched-at)
      dropped_teasers:                # headlines of other stories the page showed after it
      - "Le Vietnam et le Laos signent un accord"
      also:                           # the same story from other sources (ingest --merge)
      - raw: sources/0123456789abcdef.txt
        source_url: "https://…"
        fetched_at: '2025-06-01'

`archive ingest --merge` adds a near-duplicate's source to an existing article with
:func:`add_source`. The editor's file must come out the same apart from that: only the lines
of the `provenance:` key are written again (or a new key is added at the end of the front
matter); every other byte, comments and line endings included, is kept. A file this cannot
be done for safely is refused with :class:`MergeRefused`, never rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content.frontmatter import FENCE
from generator.ingest.yamldump import dump_field
from generator.yamlsource import LocatedYaml, YamlSyntaxError, parse_yaml

KEY = "provenance"


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One more source of a story: its kept raw input, and the URL and fetch time if known."""

    raw: str  #: 'sources/<16 hex><suffix>', content-addressed (see write.raw_name).
    source_url: str | None = None
    fetched_at: str | None = None

    def as_yaml(self) -> dict[str, str]:
        entry = {"raw": self.raw}
        if self.source_url:
            entry["source_url"] = self.source_url
        if self.fetched_at:
            entry["fetched_at"] = self.fetched_at
        return entry


class MergeRefused(Exception):
    """The existing article cannot take another source without risk to the editor's file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def new_provenance(fetched_at: str | None, teasers: tuple[str, ...]) -> dict[str, Any] | None:
    """The block of a new article, or None when there is nothing to record."""
    block: dict[str, Any] = {}
    if fetched_at and fetched_at.strip():
        block["fetched_at"] = fetched_at.strip()
    if teasers:
        block["dropped_teasers"] = list(teasers)
    return block or None


def add_source(text: str, record: SourceRecord) -> str | None:
    """``text`` (a whole Markdown file) with ``record`` added to `provenance.also`, or None when
    the file already names that raw source (as `raw` or in `also`): merging is idempotent.

    Raises MergeRefused when the front matter cannot be read or `provenance` has another shape.
    """
    lines = text.splitlines(keepends=True)
    close = _closing_fence(lines)
    located = _parse("".join(lines[1:close]))
    data = located.data
    block = data.get(KEY)
    if block is None:
        block = {}
    if not isinstance(block, dict) or not isinstance(block.get("also", []), list):
        raise MergeRefused(f"'{KEY}' is not a mapping with an 'also' list")
    also = block.get("also", [])
    known = {data.get("raw")} | {entry.get("raw") for entry in also if isinstance(entry, dict)}
    if record.raw in known:
        return None
    new_block = {**block, "also": [*also, record.as_yaml()]}
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    dumped = dump_field(KEY, new_block).replace("\n", newline)
    start, end = _block_lines(located, lines, close)
    merged = "".join([*lines[:start], dumped, *lines[end:]])
    _check_only_provenance_changed(data, merged)
    return merged


def _closing_fence(lines: list[str]) -> int:
    """Index of the line closing the front matter (the rules of split_front_matter)."""
    if not lines or lines[0].lstrip("\ufeff").rstrip() != FENCE:
        raise MergeRefused("the file does not start with front matter ('---')")
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return index
    raise MergeRefused("the front matter is never closed ('---')")


def _parse(yaml_text: str) -> LocatedYaml:
    try:
        located = parse_yaml(yaml_text, first_line=2)
    except YamlSyntaxError as exc:
        raise MergeRefused(f"its front matter is not valid YAML (line {exc.line}: {exc.message})") from None
    if not isinstance(located.data, dict):
        raise MergeRefused("its front matter is not a mapping of keys to values")
    return located


def _block_lines(located: LocatedYaml, lines: list[str], close: int) -> tuple[int, int]:
    """File line indexes [start, end) that the new `provenance:` lines replace: those of the
    existing key up to the next top-level key (comments and blank lines just before that key
    stay), or an empty range before the closing fence when there is no such key."""
    if KEY not in located.data:
        return close, close
    top_level = [line - 1 for path, line in located.lines.items() if len(path) == 1]
    start = located.lines[(KEY,)] - 1
    end = min((line for line in top_level if line > start), default=close)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


def _check_only_provenance_changed(before: dict[str, Any], merged: str) -> None:
    """Read the result back: every key but `provenance` must hold what it held."""
    lines = merged.splitlines(keepends=True)
    after = _parse("".join(lines[1 : _closing_fence(lines)])).data
    if {k: v for k, v in after.items() if k != KEY} != {k: v for k, v in before.items() if k != KEY}:
        raise MergeRefused("adding the source would change other keys of the front matter")

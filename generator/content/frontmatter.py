"""Split a Markdown file into its YAML front matter and body, keeping line offsets.

Line numbers in diagnostics are *file* lines: the YAML parser counts from the line after the
opening ``---``, so every line it reports is shifted by ``yaml_line - 1``.
"""

from __future__ import annotations

from dataclasses import dataclass

FENCE = "---"


@dataclass(frozen=True, slots=True)
class SplitFile:
    yaml_text: str
    body: str
    yaml_line: int  #: file line of the first YAML line (2 when the file starts with '---').
    body_line: int  #: file line of the first body line.


class FrontMatterMissing(Exception):
    """The file does not start with a front matter block, or the block is not closed."""

    def __init__(self, message: str, line: int, hint: str):
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


def split_front_matter(text: str) -> SplitFile:
    """Return the YAML and body of ``text``; raise FrontMatterMissing with a line and a hint."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterMissing(
            "the file does not start with front matter",
            1,
            "did you forget to add '---' on the first line, before the title?",
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            yaml_text = "\n".join(lines[1:index]) + "\n"
            body = "\n".join(lines[index + 1 :])
            return SplitFile(yaml_text, body.strip("\n") + "\n", 2, index + 2)
    raise FrontMatterMissing(
        "the front matter is never closed",
        1,
        "add a line with '---' after the last front matter key",
    )


def join_front_matter(yaml_text: str, body: str) -> str:
    """Inverse of split_front_matter, for writers (``archive new``, ingest)."""
    return f"{FENCE}\n{yaml_text.rstrip()}\n{FENCE}\n\n{body.strip()}\n"

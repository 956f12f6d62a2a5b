"""Markdown -> sanitised HTML. The only HTML the templates mark safe comes from here.

Article bodies are never trusted: whatever Markdown lets through (raw HTML included) is
cleaned by nh3 (the Ammonia sanitiser) against an allow-list, and every link gets
``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import re

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "blockquote", "br", "code", "em", "figcaption", "figure", "h2", "h3", "h4",
        "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "strong", "sub", "sup", "table",
        "tbody", "td", "th", "thead", "tr", "ul",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})


#: Anything that could make Markdown or the sanitiser do more than wrap paragraphs: markup
#: characters and control characters anywhere; and, checked line by line (one regular
#: expression with line anchors tried at every character is ten times slower), any
#: (Unicode) space at a line's start or end, or a line opening like a list item or a
#: definition. A ``#`` is allowed only as a heading of its own (``HEADING``). Text with
#: none of them takes the fast path.
_MARKUP_CHARACTERS = re.compile(r"[\\`*_\[\]!<>&|~=\x00-\x09\x0b-\x1f\x7f]")
_LIST_LIKE = re.compile(r"[-+:]|\d+[.)]")
#: An intertitle: 2 to 6 hashes, one space, one line of text without a hash that starts with no space
#: (Python-Markdown strips the text, NBSP included). A level-1 heading is left to the slow
#: path: the sanitiser drops ``h1``.
_HEADING = re.compile(r"(#{2,6}) (?=\S)([^#\n]*)")


def _is_plain(text: str) -> bool:
    if _MARKUP_CHARACTERS.search(text):
        return False
    for line in text.split("\n"):
        if line and (line[0].isspace() or line[-1].isspace() or _LIST_LIKE.match(line)):
            return False
    return True


_BLANK_LINES = re.compile(r"\n{2,}")


def plain_paragraphs_html(text: str) -> str | None:
    """The HTML of a body made only of plain paragraphs and intertitles (``## Perspectives``
    between blank lines), or None if it may hold more.

    Wire stories are almost all plain paragraphs, and Python-Markdown spends ~1.5 ms on
    each; this produces byte-identical output (the property tests in
    tests/unit/render/test_markup.py hold it to that) in a few microseconds. One synthetic
    story in twenty has an intertitle, and those took more time than all the others.
    """
    if not _is_plain(text):
        return None
    text = text.strip("\n")
    # Paragraphs are split at runs of blank lines; str.split finds the common two-newline
    # runs ten times faster than the regular expression (the same blocks when no run is longer).
    parts = _BLANK_LINES.split(text) if "\n\n\n" in text else text.split("\n\n")
    blocks = []
    for block in parts:
        if "#" not in block:
            if block:
                blocks.append(f"<p>{block}</p>")
        elif heading := _HEADING.fullmatch(block):
            level = len(heading[1])
            blocks.append(f"<h{level}>{heading[2]}</h{level}>")
        else:
            return None
    return "\n".join(blocks).replace("\u00a0", "&nbsp;")  # the sanitiser's serialiser writes NBSP so


class MarkdownRenderer:
    """Reusable converter: building a Markdown instance costs more than converting a page."""

    def __init__(self) -> None:
        self._markdown = markdown.Markdown(output_format="html")

    def to_html(self, text: str) -> str:
        fast = plain_paragraphs_html(text)
        if fast is not None:
            return fast
        return self.to_html_slowly(text)

    def to_html_slowly(self, text: str) -> str:
        """Full Markdown, then the sanitiser: the reference the fast path must match."""
        self._markdown.reset()
        return sanitise_html(self._markdown.convert(text))


#: An <a> whose href the sanitiser removed (a javascript: link) but which still got ``rel``:
#: rel without href is invalid HTML, so it goes too. nh3 serialises attributes in a fixed
#: form (double quotes, rel last), which keeps this pattern exact.
_REL_WITHOUT_HREF = re.compile(r'<a((?: (?!href=)[a-z-]+="[^"]*")*) rel="noopener noreferrer">')


def sanitise_html(html: str) -> str:
    """Strip everything outside the allow-list; scripts and their content are removed."""
    cleaned = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _REL_WITHOUT_HREF.sub(r"<a\1>", cleaned)

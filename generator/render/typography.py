"""French typography for rendered text: the ``|typo`` template filter.

The convention is the Imprimerie nationale's (*Lexique des règles typographiques en usage
à l'Imprimerie nationale*), as most French publishers apply it on screen:

- a narrow no-break space (U+202F, *espace fine insécable*) before ``;``, ``!`` and ``?``;
- a no-break space (U+00A0, *espace insécable*) before ``:``, after ``«`` and before ``»``;
- ordinals written ``1er``, ``1re``, ``2e``, ``XXe`` (never ``1ère``, ``2ème``, ``2è``);
  plurals ``1res``, ``2es``. The suffix is not raised: that needs markup, and a title is
  text. Dates already say ``1er juin`` (render/french.py, with CLDR month names via Babel).

Only spaces already in the text change: ``Quoi?`` stays as written, ``Quoi ?`` and
``Quoi  ?`` become ``Quoi\u202f?``. The filter never adds a space and never removes one
(a run becomes one), so it cannot join or split words, and applying it twice changes
nothing more. Line breaks are left alone.

Where it applies (templates): visible titles, summaries and the site title, the article
body (text nodes only), the charts' text, and the ``<title>`` element: browsers show it in
tabs, where a colon alone at the start of a line looks as wrong as on the page, and search
engines fold these spaces into ordinary ones. Where it does not: ``<meta name=description>``
and Open Graph tags (social cards and crawlers that may not fold U+202F), JSON-LD, feeds,
sitemaps, Pagefind's hidden filter and meta fields, and the data exports: their consumers
want the text as the article file wrote it.

On HTML (a ``Markup`` value, or ``typo_html``) only text between tags changes: never a tag,
an attribute (so never a URL), a comment, or the text of ``<code>``, ``<pre>``, ``<kbd>``,
``<samp>``, ``<script>``, ``<style>`` or ``<textarea>``. Spaces written ``&nbsp;`` count as
spaces, and a no-break space is written ``&nbsp;`` as the sanitiser writes it
(render/markup.py), so the body's fast path and its Markdown path still agree.
A space and its punctuation in different text nodes (``Quoi <em>?</em>``) are left as
they are.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from markupsafe import Markup

NBSP = "\u00a0"
NNBSP = "\u202f"
#: The spaces the rules rewrite (a thin space U+2009 is a narrow space without the
#: no-break); never a line break or a tab.
SPACES = frozenset(" \u00a0\u202f\u2009")
#: The same spaces as numeric character references (compared in lower case).
_SPACE_REFERENCES = frozenset({"&#160;", "&#xa0;", "&#8239;", "&#x202f;"})
_NARROW_BEFORE = frozenset(";!?")
_CLOSING_REFERENCES = ("&raquo;", "&#187;")
_OPENING_REFERENCES = ("&laquo;", "&#171;")

# Both scans start from a character that a one-character-class pattern finds at C speed;
# a pattern that starts with an alternation or a lookbehind is tried at every position
# and costs ten times more on a long body.
#: Where a space may have to change: punctuation, guillemets, '&' (a reference).
_TRIGGER = re.compile("[;:!?»«&]")
#: The last figure of a possible ordinal: a digit or Roman numeral before 'è', 'eme', 'ere'.
_ORDINAL_HINT = re.compile("[0-9IVXLC](?:è|e[mr]e)")
#: 1ère/1ere -> 1re; 2ème/2eme/2è -> 2e; XIXème -> XIXe; the plural keeps its s. Matched
#: where the number starts, which must not follow a letter, digit, '_', '/', '.' or '-':
#: a URL or a reference written as text keeps its spelling.
_ORDINAL = re.compile(
    r"(?:(?P<first>1)(?:ère|ere)|(?P<number>[0-9]+|[IVXLC]+)(?:ème|eme|è))(?P<plural>s?)(?!\w)"
)
_DIGITS = frozenset("0123456789")
_ROMAN = frozenset("IVXLC")

#: What is not text in HTML: comments, declarations, and tags (a quoted attribute value
#: may hold '>').
_TAG = re.compile(
    r"<!--.*?-->|<[!?][^>]*>|<(?P<end>/?)(?P<name>[a-zA-Z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
#: Elements whose text is left exactly as written.
_VERBATIM = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})
#: Raw-text elements: their content is not HTML, so it is skipped up to the end tag.
_RAW_TEXT = frozenset({"script", "style", "textarea"})


@lru_cache(maxsize=1 << 18)
def typo_text(text: str) -> str:
    """Plain text with French spaces and ordinals (cached: list pages show the same
    titles on many pages). A build of 10,000 articles typesets 32,000 distinct texts
    (titles, summaries, labels) in the order pages list them: a cache smaller than that
    keeps evicting what the next pages ask for again (19,000 misses in 290,000 calls at
    16,384 entries). This one holds the texts of about 80,000 articles."""
    return _fix_spaces(_fix_ordinals(text), html=False)


def typo_html(html: str) -> str:
    """HTML with ``typo_text``'s rules applied to its text only (see the module docstring
    for what is left alone).

    The whole document is scanned at once, and a change that would fall in a tag, a
    comment or a verbatim element is dropped (where those are is worked out only once a
    change is found). A run of spaces or an ordinal never spans a tag boundary ('<' and
    '>' are neither spaces nor figures), so this gives what typesetting each text node
    alone would, only faster.
    """
    return _fix_spaces(_fix_ordinals(html, html=True), html=True)


def typo(value: str | None) -> str:
    """The ``|typo`` filter: ``Markup`` (HTML marked safe) is treated as HTML and stays
    ``Markup``; anything else is plain text, escaped afterwards by autoescape. None (an
    absent summary) gives ''."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return Markup(typo_html(str(value)))
    return typo_text(str(value))


# -- spaces -----------------------------------------------------------------------------------


def _fix_spaces(text: str, *, html: bool) -> str:
    """Every run of spaces before : ; ! ? » or after «, made the right no-break space.

    A run is found from its punctuation, so it is maximal whichever side finds it, and its
    new space depends only on the character after it: two finds agree, and a second pass
    finds the same runs and writes the same spaces (idempotence).
    """
    runs: dict[int, tuple[int, str]] = {}
    outside = _Outside(text if html else "")
    for trigger in _TRIGGER.finditer(text):
        at = trigger.start()
        char = text[at]
        if char == "&":
            if not html:
                continue
            if text.startswith(_CLOSING_REFERENCES, at):
                char = "»"
            elif text.startswith(_OPENING_REFERENCES, at):
                char, at = "«", text.index(";", at)
            else:
                continue
        if char == "«":
            start = at + 1
            end = _run_end(text, start, html)
        else:
            end = at
            start = _run_start(text, end, html)
        if start < end and not outside(trigger.start()):
            space = NNBSP if text[end : end + 1] in _NARROW_BEFORE else NBSP
            runs[start] = (end, "&nbsp;" if html and space == NBSP else space)
    if not runs:
        return text
    out = []
    position = 0
    for start in sorted(runs):
        end, space = runs[start]
        out += (text[position:start], space)
        position = end
    out.append(text[position:])
    return "".join(out)


def _run_start(text: str, end: int, html: bool) -> int:
    start = end
    while start > 0:
        if text[start - 1] in SPACES:
            start -= 1
        elif html and text[start - 1] == ";":
            ampersand = text.rfind("&", max(0, start - 9), start)
            if ampersand < 0 or not _is_space_reference(text[ampersand:start]):
                break
            start = ampersand
        else:
            break
    return start


def _run_end(text: str, start: int, html: bool) -> int:
    end = start
    while end < len(text):
        if text[end] in SPACES:
            end += 1
        elif html and text[end] == "&":
            semicolon = text.find(";", end, end + 9)
            if semicolon < 0 or not _is_space_reference(text[end : semicolon + 1]):
                break
            end = semicolon + 1
        else:
            break
    return end


def _is_space_reference(reference: str) -> bool:
    """'&nbsp;' (names are case-sensitive), or a numeric reference to one of SPACES
    ('&#160;', '&#xA0;', '&#8239;', '&#x202F;': the x and hex digits in either case)."""
    return reference == "&nbsp;" or (reference[1:2] == "#" and reference.lower() in _SPACE_REFERENCES)


# -- ordinals ---------------------------------------------------------------------------------


def _fix_ordinals(text: str, *, html: bool = False) -> str:
    out = []
    position = 0
    outside = _Outside(text if html else "")
    for hint in _ORDINAL_HINT.finditer(text):
        last = hint.start()
        if last < position:
            continue
        figures = _DIGITS if text[last] in _DIGITS else _ROMAN
        start = last
        while start > position and text[start - 1] in figures:
            start -= 1
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_/.-"):
            continue
        match = _ORDINAL.match(text, start)
        if match is None or outside(last):
            continue
        number = "1r" if match["first"] else match["number"]
        out += (text[position:start], f"{number}e{match['plural']}")
        position = match.end()
    if not out:
        return text
    out.append(text[position:])
    return "".join(out)


# -- what is not text in HTML -----------------------------------------------------------------


class _Outside:
    """``outside(index)``: whether a position of ``html`` lies in a tag, a comment, a
    declaration or a verbatim element rather than in text. Always False for '' (plain
    text). The spans are found on the first call."""

    def __init__(self, html: str) -> None:
        self._html = html
        self._spans: tuple[list[int], list[int]] | None = None

    def __call__(self, index: int) -> bool:
        if not self._html:
            return False
        if self._spans is None:
            self._spans = _non_text_spans(self._html)
        starts, ends = self._spans
        at = bisect_right(starts, index) - 1
        return at >= 0 and index < ends[at]


def _non_text_spans(html: str) -> tuple[list[int], list[int]]:
    """The starts and ends of what is not text in ``html``, in order, merged."""
    starts: list[int] = []
    ends: list[int] = []

    def add(start: int, end: int) -> None:
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)

    depth = 0  # of verbatim elements
    opened = 0  # where the outermost verbatim element starts
    position = 0
    while (tag := _TAG.search(html, position)) is not None:
        start, position = tag.span()
        name = (tag["name"] or "").lower()
        closing = bool(tag["end"])
        if name in _RAW_TEXT and not closing:
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, position)
            position = close.end() if close else len(html)
        elif name in _VERBATIM and not closing and not tag.group().endswith("/>"):
            depth += 1
            if depth == 1:
                opened = start
            continue
        elif name in _VERBATIM and closing and depth:
            depth -= 1
            if not depth:
                add(opened, position)
            continue
        if not depth:
            add(start, position)
    if depth:  # an element left open is verbatim to the end
        add(opened, len(html))
    return starts, ends

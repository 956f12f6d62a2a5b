"""French typography (generator/render/typography.py): spaces, ordinals, HTML left intact."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.render.markup import MarkdownRenderer
from generator.render.typography import NBSP, NNBSP, typo, typo_html, typo_text

SPACES = re.compile("[ \u00a0\u202f\u2009]+")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Quoi ?", f"Quoi{NNBSP}?"),
        ("Attention !", f"Attention{NNBSP}!"),
        ("un ; deux", f"un{NNBSP}; deux"),
        ("Note : voir", f"Note{NBSP}: voir"),
        ("« Bonjour »", f"«{NBSP}Bonjour{NBSP}»"),
        ("Quoi  ?", f"Quoi{NNBSP}?"),  # a run of spaces becomes one
        (f"Quoi{NBSP}?", f"Quoi{NNBSP}?"),  # the wrong no-break space is corrected
        ("Note\u2009: voir", f"Note{NBSP}: voir"),
        ("Quoi?", "Quoi?"),  # no space is added where there was none
        ("«Bonjour»", "«Bonjour»"),
        ("10:30, http://example.org/a?b=c;d", "10:30, http://example.org/a?b=c;d"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ("ligne\n: suite", "ligne\n: suite"),  # line breaks are left alone
        ("", ""),
    ],
)
def test_spaces_follow_the_imprimerie_nationale_when_text_is_typeset(text: str, expected: str) -> None:
    assert typo_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la 1ère édition", "la 1re édition"),
        ("les 1ères éditions", "les 1res éditions"),
        ("le 2ème sommet", "le 2e sommet"),
        ("le 2eme sommet", "le 2e sommet"),
        ("le 2è sommet", "le 2e sommet"),
        ("les 3èmes rencontres", "les 3es rencontres"),
        ("le 25ème anniversaire", "le 25e anniversaire"),
        ("le XIXème siècle", "le XIXe siècle"),
        ("le 1er janvier, le 2e jour", "le 1er janvier, le 2e jour"),  # already right
        ("https://example.org/2eme-page", "https://example.org/2eme-page"),  # a URL as text
        ("réf. A2ème", "réf. A2ème"),  # part of a word
    ],
)
def test_ordinals_are_written_1er_1re_2e_when_text_is_typeset(text: str, expected: str) -> None:
    assert typo_text(text) == expected


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Note : voir</p>", "<p>Note&nbsp;: voir</p>"),
        ("<p>Note&nbsp;: voir</p>", "<p>Note&nbsp;: voir</p>"),
        ("<p>Quoi&nbsp;?</p>", f"<p>Quoi{NNBSP}?</p>"),
        ("<p>&laquo; oui &raquo;</p>", "<p>&laquo;&nbsp;oui&nbsp;&raquo;</p>"),
        ('<p><a href="https://x.org/?a=1 ;" title="a : b">Quoi ?</a></p>', None),
        ("<pre>a ; b</pre><p>a ; b</p>", f"<pre>a ; b</pre><p>a{NNBSP}; b</p>"),
        ("<p><code>x ? y</code> z ?</p>", f"<p><code>x ? y</code> z{NNBSP}?</p>"),
        ("<pre><code>a : b</code> c : d</pre> e : f", "<pre><code>a : b</code> c : d</pre> e&nbsp;: f"),
        ("<!-- a : b --><p>c : d</p>", "<!-- a : b --><p>c&nbsp;: d</p>"),
        ('<p title="a > b : c">d : e</p>', '<p title="a > b : c">d&nbsp;: e</p>'),
        ("<script>a ? b : c</script>d ?", f"<script>a ? b : c</script>d{NNBSP}?"),
        ("<p>Quoi <em>?</em></p>", "<p>Quoi <em>?</em></p>"),  # across nodes: left alone
        ("<p>le 2ème</p><code>2ème</code>", "<p>le 2e</p><code>2ème</code>"),
    ],
)
def test_only_text_nodes_change_when_html_is_typeset(html: str, expected: str | None) -> None:
    if expected is None:
        expected = html.replace("Quoi ?", f"Quoi{NNBSP}?")
    assert typo_html(html) == expected


def test_filter_treats_markup_as_html_and_strings_as_text_when_called() -> None:
    assert typo("a <b> : c") == f"a <b>{NBSP}: c"  # text: autoescape escapes it afterwards
    result = typo(Markup("<b title='x : y'>a : b</b>"))
    assert isinstance(result, Markup)
    assert result == "<b title='x : y'>a&nbsp;: b</b>"
    assert typo(None) == ""


@pytest.mark.parametrize(
    "markdown",
    [
        "Le ministre a déclaré : « Nous coopérons ! »\n\nEt après ?\n",
        "Un *mot* : oui ; non !\n\n> Cité : « oui »\n",
        "Voir [le site](https://example.org/?q=a) : fin.\n\n    code : ici\n",
    ],
)
def test_body_stays_valid_html_when_typeset(markdown: str) -> None:
    renderer = MarkdownRenderer()
    for html in (renderer.to_html(markdown), renderer.to_html_slowly(markdown)):
        typeset = typo_html(html)
        assert _events(typeset)[0] == _events(html)[0]  # same tags and attributes
        assert typo_html(typeset) == typeset


# -- properties -----------------------------------------------------------------------------

#: Text rich in what the rules look at: spaces of every kind, the punctuation, guillemets,
#: ordinal suffixes, and characters that matter in HTML.
_ALPHABET = st.sampled_from(
    [" ", "  ", NBSP, NNBSP, "\u2009", "\n", ":", ";", "!", "?", "«", "»", "a", "É", "1", "2", "X", "I",
     "ère", "ème", "eme", "è", "er", "e", "s", "/", ".", "-", "&", "&nbsp;", "&laquo;", "&raquo;",
     "&amp;", "'", '"']
)  # fmt: skip
TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


def _words(text: str) -> list[str]:
    return SPACES.split(text)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_typesetting_text_twice_changes_nothing_more(text: str) -> None:
    once = typo_text(text)
    assert typo_text(once) == once


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_typesetting_never_adds_or_removes_a_space_when_text_is_typeset(text: str) -> None:
    before, after = _words(text), _words(typo_text(text))
    assert len(after) == len(before)  # as many gaps between words as before
    # apart from the ordinal suffixes, the words are the same
    assert [re.sub(r"[èe]me|ère|ere|è|e|re", "", word) for word in after] == [
        re.sub(r"[èe]me|ère|ere|è|e|re", "", word) for word in before
    ]


#: HTML fragments: text from TEXT (escaped as a serialiser would), elements with
#: attributes holding the same characters, verbatim elements and comments.
_ESCAPED = TEXT.map(lambda text: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
#: (In attribute values 'X' becomes '>', which a quoted value may hold.)
_ATTRIBUTE = TEXT.map(lambda text: text.replace("&", "&amp;").replace('"', "&quot;").replace("X", ">"))


@st.composite
def _html(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["text", "text", "element", "verbatim", "comment", "void"]))
        if kind == "text":
            parts.append(draw(_ESCAPED))
        elif kind == "comment":
            parts.append(f"<!--{draw(_ESCAPED).replace('-', '')}-->")
        elif kind == "void":
            parts.append(f'<img alt="{draw(_ATTRIBUTE)}" src="x.png">')
        elif kind == "verbatim":
            tag = draw(st.sampled_from(["code", "pre"]))
            parts.append(f"<{tag}>{draw(_ESCAPED)}</{tag}>")
        else:
            tag = draw(st.sampled_from(["p", "em", "a", "blockquote"]))
            inner = draw(_html(depth + 1)) if depth < 2 else draw(_ESCAPED)
            parts.append(f'<{tag} title="{draw(_ATTRIBUTE)}">{inner}</{tag}>')
    return "".join(parts)


class _Recorder(HTMLParser):
    """Tags with their attributes, and the text inside <code>/<pre>, as parsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple] = []
        self.verbatim: list[str] = []
        self.text: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(("start", tag, attrs))
        self._depth += tag in ("code", "pre")

    def handle_endtag(self, tag: str) -> None:
        self.tags.append(("end", tag))
        self._depth -= tag in ("code", "pre")

    def handle_comment(self, data: str) -> None:
        self.tags.append(("comment", data))

    def handle_data(self, data: str) -> None:
        (self.verbatim if self._depth else self.text).append(data)


def _events(html: str) -> tuple[list, list[str], str]:
    recorder = _Recorder()
    recorder.feed(html)
    recorder.close()
    return recorder.tags, recorder.verbatim, "".join(recorder.text)


@settings(max_examples=300, deadline=None)
@given(_html())
def test_typesetting_html_twice_changes_nothing_more(html: str) -> None:
    once = typo_html(html)
    assert typo_html(once) == once


@settings(max_examples=300, deadline=None)
@given(_html())
def test_tags_attributes_and_code_are_untouched_when_html_is_typeset(html: str) -> None:
    tags, verbatim, text = _events(html)
    tags_after, verbatim_after, text_after = _events(typo_html(html))
    assert tags_after == tags  # same elements, same attributes, same comments: well-formed
    assert verbatim_after == verbatim
    assert len(_words(text_after)) == len(_words(text))  # no space added or removed


# -- the rules as plain regular expressions: slower (tried at every position), but short
# enough to read as the specification the scanners in typography.py must match.

_SPACE = "[ \u00a0\u202f\u2009]"
_SPACE_HTML = r"(?:[ \u00a0\u202f\u2009]|&nbsp;|&#160;|&#[xX][aA]0;|&#8239;|&#[xX]202[fF];)"
_REFERENCE_TEXT = re.compile(rf"(?<=«){_SPACE}+|{_SPACE}+(?=[;:!?»])")
_REFERENCE_HTML = re.compile(
    rf"(?:(?<=«)|(?<=&laquo;)|(?<=&#171;)){_SPACE_HTML}+|{_SPACE_HTML}+(?=[;:!?»]|&raquo;|&#187;)"
)
_REFERENCE_ORDINAL = re.compile(
    r"(?<![\w/.\-])(?:(?P<first>1)(?:ère|ere)|(?P<number>[0-9]+|[IVXLC]+)(?:ème|eme|è))(?P<plural>s?)(?!\w)"
)


def _reference(text: str, html: bool = False) -> str:
    def space(match: re.Match[str]) -> str:
        narrow = text[match.end() : match.end() + 1] in (";", "!", "?")
        return NNBSP if narrow else ("&nbsp;" if html else NBSP)

    spaced = (_REFERENCE_HTML if html else _REFERENCE_TEXT).sub(space, text)
    return _REFERENCE_ORDINAL.sub(
        lambda match: f"{'1r' if match['first'] else match['number']}e{match['plural']}", spaced
    )


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_text_is_typeset_as_the_reference_rules_say(text: str) -> None:
    assert typo_text(text) == _reference(text)


@settings(max_examples=500, deadline=None)
@given(TEXT.filter(lambda text: "<" not in text))
def test_html_text_is_typeset_as_the_reference_rules_say(text: str) -> None:
    assert typo_html(text) == _reference(text, html=True)


_NODES = re.compile(r'(<!--.*?-->|<(?:code|pre)>.*?</(?:code|pre)>|</?[a-z](?:[^>"]|"[^"]*")*>)', re.DOTALL)


@settings(max_examples=300, deadline=None)
@given(_html())
def test_html_is_typeset_as_its_text_nodes_one_by_one(html: str) -> None:
    pieces = _NODES.split(html)  # text, markup, text, markup, ... (code/pre whole)
    expected = "".join(
        piece if index % 2 else _reference(piece, html=True) for index, piece in enumerate(pieces)
    )
    assert typo_html(html) == expected


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_html_and_text_rules_agree_when_the_text_holds_no_markup(text: str) -> None:
    plain = text.replace("&", "")  # no entity to read differently
    html = typo_html(plain).replace("&nbsp;", NBSP)
    assert html == typo_text(plain)

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.markup import MarkdownRenderer, plain_paragraphs_html, sanitise_html


@pytest.fixture(scope="module")
def renderer() -> MarkdownRenderer:
    return MarkdownRenderer()


def test_markdown_becomes_html_when_rendered(renderer: MarkdownRenderer) -> None:
    html = renderer.to_html("## Titre\n\nUn *mot* et un **autre**.\n\n- un\n- deux\n\n> cité\n")
    assert html == (
        "<h2>Titre</h2>\n<p>Un <em>mot</em> et un <strong>autre</strong>.</p>\n"
        "<ul>\n<li>un</li>\n<li>deux</li>\n</ul>\n<blockquote>\n<p>cité</p>\n</blockquote>"
    )


def test_state_does_not_leak_when_the_renderer_is_reused(renderer: MarkdownRenderer) -> None:
    first = renderer.to_html("Un [lien]\n\n[lien]: https://example.org\n")
    assert renderer.to_html("Deux [lien]") == "<p>Deux [lien]</p>"
    assert first == '<p>Un <a href="https://example.org" rel="noopener noreferrer">lien</a></p>'


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("Texte <script>alert(1)</script> fin", ["<script", "alert(1)"]),
        ('<img src="x.png" onerror="alert(1)">', ["onerror", "alert"]),
        ("[clic](javascript:alert(1))", ["javascript:", "alert"]),
        ('<a href="JavaScript:alert(1)">clic</a>', ["javascript:", "alert"]),
        ('<a href=" javascript:alert(1)">clic</a>', ["javascript:", "alert"]),
        ('<iframe src="https://evil.example"></iframe>', ["<iframe", "evil"]),
        ('<p style="position:fixed">x</p>', ["style="]),
        ('<p onclick="alert(1)">x</p>', ["onclick", "alert"]),
        ("<style>body{display:none}</style>", ["<style", "display"]),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=">', ["data:"]),
        ("<!-- commentaire de la rédaction -->", ["<!--", "commentaire"]),
        ('<form action="https://evil.example"><input name="x"></form>', ["<form", "<input"]),
    ],
)
def test_dangerous_markup_is_removed_when_rendering_a_body(
    renderer: MarkdownRenderer, markdown: str, forbidden: list[str]
) -> None:
    html = renderer.to_html(markdown).lower()
    for fragment in forbidden:
        assert fragment.lower() not in html


def test_links_get_noopener_when_rendered(renderer: MarkdownRenderer) -> None:
    assert renderer.to_html("[site](https://example.org/a)") == (
        '<p><a href="https://example.org/a" rel="noopener noreferrer">site</a></p>'
    )


def test_existing_rel_is_replaced_when_a_link_sets_its_own() -> None:
    assert sanitise_html('<a href="https://example.org" rel="opener">x</a>') == (
        '<a href="https://example.org" rel="noopener noreferrer">x</a>'
    )


@pytest.mark.parametrize(
    "html",
    [
        '<a href="mailto:redaction@example.org" rel="noopener noreferrer">écrire</a>',
        '<img src="https://example.org/a.jpg" alt="photo">',
        "<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
        '<p>x<sup>2</sup> <abbr title="Agence">VNA</abbr></p>',
    ],
)
def test_safe_markup_is_kept_when_sanitising(html: str) -> None:
    assert sanitise_html(html) == html


def test_text_is_escaped_when_it_looks_like_markup() -> None:
    assert sanitise_html("1 < 2 & 3 > 2") == "1 &lt; 2 &amp; 3 &gt; 2"


# -- the plain-paragraph fast path ------------------------------------------------------

#: Pieces of French prose and of Markdown syntax, joined at random: the fast path must
#: either refuse the text or give exactly what Markdown + the sanitiser give.
PIECES = st.sampled_from(
    [
        *"abcdeéèàçôûïœ ABCÉ0123456789.,;:?!'’«»()-–—/%$€\u00a0\u202f\n",
        *["  ", "\n\n", "\n \n", "1. ", "- ", "* ", "# ", "> ", "    ", "_", "*", "`", "&", "<b>"],
        *["[x](y)", "\t", "\r", "===", "---", "+ ", "2) ", ": ", "\x0c", "&amp;", "\\"],
        *["\n\n## ", "\n\n### ", "\n\n###### ", "\n\n####### ", "##", "#", " #", "\n#"],
    ]
)
PROSE = st.lists(PIECES, max_size=120).map("".join)


@settings(max_examples=1500, deadline=None)
@given(PROSE)
def test_fast_path_is_byte_identical_to_markdown_when_it_applies(text: str) -> None:
    renderer = MarkdownRenderer()
    fast = plain_paragraphs_html(text)
    if fast is not None:
        assert fast == renderer.to_html_slowly(text)
    assert renderer.to_html(text) == renderer.to_html_slowly(text)


@pytest.mark.parametrize(
    "body",
    [
        "Hanoï, 3 mars (VNA) - Le Vietnam et la Biélorussie ont signé un accord.\n\nLes deux pays…",
        "Une ligne.\nLa suite du même paragraphe, avec « guillemets » et 25\u00a0%.\n\n\nUn autre.",
        "Le 1er juin, 10,5 millions de dollars ; l’après-midi : visite.",
        "Hanoï (VNA) - Un paragraphe.\n\n## Perspectives\n\nLa suite.\n\n###### Fin : 25\u00a0%",
    ],
)
def test_fast_path_is_taken_when_the_body_is_plain_prose(body: str) -> None:
    assert plain_paragraphs_html(body) is not None
    assert plain_paragraphs_html(body) == MarkdownRenderer().to_html_slowly(body)


@pytest.mark.parametrize(
    "body",
    [
        "- un\n- deux",
        "# Titre",
        "## Titre\nsuite du paragraphe",
        "Un paragraphe\n## Titre",
        "## Titre ##",
        "##Titre",
        "##  Titre",
        "## \u00a0Titre",
        "Le #1 du classement",
        "Un *mot*",
        "a  \nb",
        "    code",
        "1. premier",
        "<b>x</b>",
        "x & y",
        "[a](b)",
    ],
)
def test_fast_path_is_refused_when_the_body_has_markup(body: str) -> None:
    assert plain_paragraphs_html(body) is None

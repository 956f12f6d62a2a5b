"""decode.py, readers.py and html_text.py: bytes in, RawDocuments or one-line errors out."""

from __future__ import annotations

import json

import pytest

from generator.ingest.decode import DecodeError, decode_bytes
from generator.ingest.html_text import extract_html_text
from generator.ingest.readers import read_input


def test_decode_strips_bom_and_normalises_spaces():
    decoded = decode_bytes("\ufeffA\u00a0b\u202fc\u200bd\r\ne".encode())
    assert decoded.text == "A b cd\ne"
    assert decoded.notes == ()


def test_decode_falls_back_to_windows_1252_with_a_note():
    decoded = decode_bytes("Biélorussie".encode("cp1252"))
    assert decoded.text == "Biélorussie"
    assert "Windows-1252" in decoded.notes[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"  \n\n", "file is empty"),
        (b"a\x00b", "file is binary (it contains NUL bytes), not text"),
        (b"ok\n\x81\x8d", "line 2: bytes are neither UTF-8 nor Windows-1252"),
    ],
)
def test_decode_refuses_bad_input_with_one_line(data, message):
    with pytest.raises(DecodeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        decode_bytes(data)


def test_decode_refuses_oversized_input():
    with pytest.raises(DecodeError, match="too large"):
        decode_bytes(b"a" * 11, max_bytes=10)


def test_html_prefers_article_and_drops_navigation():
    page = extract_html_text(
        "<html><head><title>Site</title><link rel='canonical' href='https://x.org/a'>"
        "<meta property='article:published_time' content='2017-06-27T10:00:00'></head>"
        "<body><nav>Menu</nav><article><h1>Le titre</h1><p>Premier paragraphe.</p>"
        "<figure><figcaption>Une photo</figcaption></figure><script>x()</script>"
        "<p>Second.</p></article><footer>Pied</footer></body></html>"
    )
    assert page.title == "Le titre"
    assert page.url == "https://x.org/a"
    assert page.published == "2017-06-27T10:00:00"
    assert "Menu" not in page.text and "Pied" not in page.text and "x()" not in page.text
    assert "Premier paragraphe.\n\n| Une photo |\n\nSecond." in page.text


def test_jsonl_bad_line_is_an_error_and_others_go_through():
    lines = [
        json.dumps({"text": "Un texte.", "url": "https://x.org/1", "title": "T"}),
        "{not json",
        json.dumps({"url": "https://x.org/3"}),
        json.dumps({"html": "<p>Du HTML.</p>", "fetched_at": "2024-01-02"}),
        json.dumps({"text": "x", "autre": 1}),
    ]
    result = read_input("batch.jsonl", ".jsonl", "\n".join(lines).encode())
    assert [(d.line, d.kind, d.title_hint) for d in result.documents] == [(1, "text", "T"), (4, "html", None)]
    assert [d.format() for d in result.diagnostics] == [
        "batch.jsonl:2: error [ingest.read]: invalid JSON: Expecting property name enclosed in double quotes"
        " (column 2)",
        "batch.jsonl:3: error [ingest.read]: the line has neither 'text' nor 'html'",
        "batch.jsonl:5: error [ingest.read]: unknown key(s) 'autre'\n"
        "    hint: a line has 'text' or 'html', and optionally 'url', 'fetched_at', 'title'",
    ]


def test_unknown_suffix_is_an_error_naming_the_file():
    result = read_input("notes.docx", ".docx", b"x")
    assert result.diagnostics[0].format() == (
        "notes.docx: error [ingest.read]: unsupported input kind '.docx' "
        "(accepted: .htm, .html, .jsonl, .md, .txt)"
    )

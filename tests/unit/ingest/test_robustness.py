"""Properties: no input crashes ingest, and what ingest writes reads back as it was written.

1. Arbitrary bytes or wire-like text, as any accepted kind of input, go through the whole
   pipeline (read -> clean -> segment -> extract -> write) on a scratch content folder: either
   an article is written and loads back without errors, or each problem is a one-line error
   naming the input. An internal error ('ingest.bug') is a failure of this test.
2. Front matter rendered by ingest (titles, people, summaries with quotes, colons, '#',
   leading dashes, accents, line breaks) loads back equal through the content loader.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.countries import load_countries
from generator.content.load import load_article
from generator.ingest.extract import ExtractedArticle
from generator.ingest.people import PersonFound
from generator.ingest.pipeline import ingest_paths
from generator.ingest.write import render_article

#: Pieces of real wire copy, so that random text reaches the rules that look for them.
FRAGMENTS = [
    "Hanoï, 15 mars (VNA) - ",
    "Minsk, jeudi 27 juin (VNA) – ",
    "Paris, 3 février (VNA/CVN) - ",
    "HCM-Ville, le 2 septembre - ",
    "Vientiane (VNA) - ",
    "Séoul, 31/02/2026 (VNA) - ",
    " date 2025-05 ",
    " date 2025-13-45 ",
    "Photo : VNA",
    "Photo : Ngoc Hà/VNA/CVN",
    "ảnh 1",
    "| légende |",
    ">> Autre titre",
    "[Entretien entre deux présidents]",
    "- VNA",
    "-AVI",
    "VNA/CVN",
    "Voir plus",
    "Le Vietnam et la Biélorussie",
    "le président biélorusse Alexander Lukashenko",
    "son homologue",
    "vietnamo-laotien",
    "sino-vietnamienne",
    "le 1er mars",
    "1 er",
    "76 e",
    "pour la période 2016-2018",
    "25 ans depuis 1992",
    "d'ici 2030",
    "2022 marque le 60e anniversaire",
    "savisite",
    "etson",
    "japon ais",
    "pays.Le",
    "..,",
    " , ",
    "Sommet de l'ASEAN",
    "ministre des Affaires étrangères Bui Thanh Son",
    "TruongTân Sang",
    "3.jpg",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "\u00a0",
    "\u200b",
    "---",
    "#",
    ": ",
    '"',
    "'",
    "’",
    "«",
    "»",
    "é",
    "Đ",
    "\x00",
    "\x85",
    "\u2028",
    "🙂",
]
WIRE_TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=60).map("".join)
#: A title and paragraphs, the shape of a dispatch, so that most examples reach extraction.
STORY = st.lists(WIRE_TEXT, min_size=2, max_size=5).map(lambda parts: "\n\n".join(parts) + ".")
SUFFIXES = st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".md", ".TXT", ".docx", ""])


def html_page(text: str) -> str:
    return (
        "<html><head><meta property='article:published_time' content='" + text[:30] + "'></head>"
        "<body><nav>Menu</nav><article><h1>" + text[:80] + "</h1><p>" + text + "</p></article></body></html>"
    )


def jsonl_batch(text: str) -> str:
    lines = [
        json.dumps({"text": text, "fetched_at": text[:10]}),
        text[:40],
        json.dumps({"html": html_page(text)}),
    ]
    return "\n".join(lines)


INPUTS = st.one_of(
    st.tuples(st.binary(max_size=3000), SUFFIXES),
    st.tuples(WIRE_TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")), SUFFIXES),
    st.tuples(STORY.map(lambda text: text.encode("utf-8", "surrogatepass")), st.just(".txt")),
    st.tuples(WIRE_TEXT.map(lambda text: text.encode("cp1252", "replace")), st.just(".txt")),
    st.tuples(STORY.map(lambda text: html_page(text).encode("utf-8", "surrogatepass")), st.just(".html")),
    st.tuples(STORY.map(lambda text: jsonl_batch(text).encode("utf-8", "surrogatepass")), st.just(".jsonl")),
)


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(
    INPUTS,
    st.one_of(st.none(), WIRE_TEXT),
    st.one_of(st.none(), st.sampled_from(["2025-05-03", "x", "2017"])),
)
def test_no_input_crashes_ingest(data_and_suffix, url, fetched_at):
    data, suffix = data_and_suffix
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch)
        source = site / f"input{suffix}"
        source.write_bytes(data)
        result = ingest_paths([source], site / "content", site, url=url or None, fetched_at=fetched_at)
        for diagnostic in result.diagnostics:
            assert diagnostic.code != "ingest.bug", diagnostic.format()
            assert diagnostic.path == f"input{suffix}"
            message = diagnostic.format()
            assert message.startswith(f"input{suffix}")
            assert "\n" not in message.split("\n    hint: ")[0], message
        for path in result.written:
            article, problems = load_article(path, site, load_countries(), "VN", site / "content")
            assert article is not None, [problem.format() for problem in problems]
            assert [problem.format() for problem in problems if problem.is_error] == []


#: Values that YAML treats specially when they are not quoted, and French punctuation.
TRICKY = (
    st.text(
        alphabet=st.sampled_from(list("ab éÉœ:#-'\"«»’\n\t,[]{}&*!|>%@`?~0129.Đưả\u00a0\u2028\x85")),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)
SPECIAL = st.sampled_from(
    [
        "null",
        "~",
        "true",
        "no",
        "yes",
        "2017",
        "2017-06-27",
        "1e3",
        "0x1F",
        "- item",
        "#tag",
        "key: value",
        "ảnh 1",
    ]
)
VALUE = st.one_of(TRICKY, SPECIAL)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    title=VALUE,
    summary=st.one_of(st.none(), VALUE),
    people=st.lists(
        st.tuples(VALUE, st.one_of(st.none(), VALUE)), max_size=3, unique_by=lambda item: item[0]
    ),
    tags=st.lists(VALUE, max_size=3),
    review=st.lists(VALUE, max_size=3),
    dateline=st.one_of(st.none(), VALUE),
)
def test_front_matter_written_by_ingest_reads_back_equal(title, summary, people, tags, review, dateline):
    article = ExtractedArticle(
        title=title,
        date="2017-06-27",
        dateline=dateline,
        source="VNA",
        source_url="https://fr.vietnamplus.vn/a-b-c/1.vnp",
        countries=("VN", "BY"),
        pairs=("VN-BY",),
        people=tuple(PersonFound(name, role, "BY") for name, role in people),
        summary=summary,
        tags=tuple(tags),
        review=tuple(review),
        body=("Premier paragraphe.", "---", "Fin."),
        date_evidence="test",
    )
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch)
        path = site / "content" / "2017" / "article.md"
        path.parent.mkdir(parents=True)
        path.write_text(render_article(article, "sources/0123456789abcdef.txt"), encoding="utf-8")
        loaded, problems = load_article(path, site, load_countries(), "VN")
    assert [problem.format() for problem in problems] == []
    assert loaded is not None
    assert loaded.title == title
    assert loaded.summary == summary
    assert loaded.dateline == dateline
    assert [(person.name, person.role) for person in loaded.people] == people
    assert list(loaded.tags) == tags
    assert list(loaded.review) == review
    assert loaded.date.iso == "2017-06-27"
    assert loaded.raw == "sources/0123456789abcdef.txt"

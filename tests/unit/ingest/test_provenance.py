"""provenance.py: the provenance block of a new article, and a source added to an existing
article without touching anything else in the editor's file."""

from __future__ import annotations

import pytest
import yaml

from generator.content.frontmatter import split_front_matter
from generator.ingest.provenance import MergeRefused, SourceRecord, add_source, new_provenance

EDITED = """---
title: "Titre corrigé par la rédaction"   # ne pas changer
date: 2019-03-12
countries: [VN, LA]
# note de la rédaction : vérifier la photo
raw: sources/aaaaaaaaaaaaaaaa.txt
---

Texte revu par la rédaction.
"""
RECORD = SourceRecord("sources/bbbbbbbbbbbbbbbb.txt", "https://example.org/route", "2025-05-03")
BLOCK = """provenance:
  also:
  - raw: sources/bbbbbbbbbbbbbbbb.txt
    source_url: "https://example.org/route"
    fetched_at: '2025-05-03'
"""


def front(text: str) -> dict:
    return yaml.safe_load(split_front_matter(text).yaml_text)


def test_new_provenance_is_left_out_when_there_is_nothing_to_record():
    assert new_provenance(None, ()) is None
    assert new_provenance(" 2025-05-03 ", ("Un titre",)) == {
        "fetched_at": "2025-05-03",
        "dropped_teasers": ["Un titre"],
    }


def test_a_source_is_added_at_the_end_of_the_front_matter_and_nothing_else_changes():
    merged = add_source(EDITED, RECORD)
    assert merged == EDITED.replace("\n---\n\nTexte", f"\n{BLOCK}---\n\nTexte")


def test_adding_the_same_raw_source_twice_changes_nothing():
    merged = add_source(EDITED, RECORD)
    assert merged is not None
    assert add_source(merged, RECORD) is None
    assert add_source(merged, SourceRecord(RECORD.raw)) is None  # the raw source is the key
    assert add_source(EDITED, SourceRecord("sources/aaaaaaaaaaaaaaaa.txt")) is None  # its own raw


def test_a_second_source_goes_after_the_first_and_keeps_the_teasers():
    text = EDITED.replace(
        "raw: sources/aaaaaaaaaaaaaaaa.txt\n",
        "raw: sources/aaaaaaaaaaaaaaaa.txt\nprovenance:\n  dropped_teasers: [Un autre titre]\n"
        "# fin des métadonnées\n",
    )
    once = add_source(text, RECORD)
    twice = add_source(once, SourceRecord("sources/cccccccccccccccc.html"))
    assert front(twice)["provenance"] == {
        "dropped_teasers": ["Un autre titre"],
        "also": [
            {"raw": RECORD.raw, "source_url": RECORD.source_url, "fetched_at": "2025-05-03"},
            {"raw": "sources/cccccccccccccccc.html"},
        ],
    }
    assert twice.startswith(text.split("provenance:")[0])
    assert twice.endswith("# fin des métadonnées\n---\n\nTexte revu par la rédaction.\n")


def test_a_provenance_key_before_other_keys_is_rewritten_in_place():
    text = "---\ntitle: Titre\nprovenance:\n  fetched_at: '2024-01-02'\n\ntags: [riz]\n---\n\nTexte.\n"
    merged = add_source(text, SourceRecord("sources/dddddddddddddddd.txt"))
    assert merged == (
        "---\ntitle: Titre\nprovenance:\n  fetched_at: '2024-01-02'\n  also:\n"
        "  - raw: sources/dddddddddddddddd.txt\n\ntags: [riz]\n---\n\nTexte.\n"
    )


def test_line_endings_and_byte_order_mark_are_kept():
    text = "\ufeff" + EDITED.replace("\n", "\r\n")
    merged = add_source(text, RECORD)
    expected = EDITED.replace("\n---\n\nTexte", f"\n{BLOCK}---\n\nTexte")
    assert merged == "\ufeff" + expected.replace("\n", "\r\n")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Pas de front matter.\n", "does not start with front matter"),
        ("---\ntitle: Titre\n", "never closed"),
        ("---\ntitle: [Titre\n---\n\nTexte.\n", "not valid YAML (line"),
        ("---\n- une liste\n---\n\nTexte.\n", "not a mapping"),
        ("---\ntitle: A\ntitle: B\n---\n\nTexte.\n", "duplicate key"),
        ("---\ntitle: Titre\nprovenance: [a, b]\n---\n\nTexte.\n", "'provenance' is not a mapping"),
        ("---\ntitle: Titre\nprovenance:\n  also: oui\n---\n\nTexte.\n", "'also' list"),
        ("---\n{title: Titre, provenance: {}}\n---\n\nTexte.\n", "would change other keys"),
    ],
)
def test_a_file_that_cannot_take_a_source_safely_is_refused(text, reason):
    with pytest.raises(MergeRefused, match=reason.replace("(", r"\(").replace("[", r"\[")):
        add_source(text, RECORD)

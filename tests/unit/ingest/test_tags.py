"""tags.py: a few French keywords from the vocabulary in generator/data/tags.yaml."""

from __future__ import annotations

import pytest

from generator.ingest.tags import MAX_TAGS, find_tags, topics


@pytest.mark.parametrize(
    ("title", "text", "tags"),
    [
        (
            "Le Vietnam et le Japon dynamisent leurs investissements",
            "Les investisseurs japonais ont investi dans le commerce et les exportations.",
            ("investissement", "commerce"),
        ),
        ("Un accord de libre-échange", "L'accord de libre-échange entrera en vigueur.", ("libre-échange",)),
        (
            "Rencontre à Hanoï",
            "Les étudiants et les universités ont signé. Une bourse d'études.",
            ("éducation",),
        ),
        ("Visite officielle au Laos", "La visite officielle a commencé.", ("visite officielle",)),
        ("Rencontre à Hanoï", "Un seul mot de tourisme ne suffit pas.", ()),
        ("Rencontre à Hanoï", "", ()),
    ],
)
def test_find_tags(title, text, tags):
    assert find_tags(title, text) == tags


def test_find_tags_keeps_at_most_four_most_frequent_first():
    text = " ".join(["commerce"] * 6 + ["santé"] * 5 + ["énergie"] * 4 + ["tourisme"] * 3 + ["culture"] * 2)
    assert find_tags("Titre", text) == ("commerce", "santé", "énergie", "tourisme")
    assert MAX_TAGS == 4


def test_topics_come_from_the_data_file():
    vocabulary = topics()
    assert "investissement" in vocabulary["investissement"]
    assert all(signal == signal.lower() for signals in vocabulary.values() for signal in signals)

"""segment.py: title, chapeau and body out of a cleaned text, duplicates dropped."""

from __future__ import annotations

import pytest

from generator.ingest.clean import Draft
from generator.ingest.segment import containment, segment_story, split_at_dateline, words_of


def story(*paragraphs: str, title_hint: str | None = None):
    return segment_story(Draft("\n\n".join(paragraphs)), title_hint)


def test_title_variant_keeps_the_fuller_title():
    found = story(
        "Vietnam et Biélorussie dynamisent leur coopération",
        "Le Vietnam et la Biélorussie dynamisent leur coopération",
        "Minsk, 27 juin (VNA) - Les deux pays ont signé.",
    )
    assert found.title == "Le Vietnam et la Biélorussie dynamisent leur coopération"
    assert found.dropped == ("Vietnam et Biélorussie dynamisent leur coopération",)
    assert found.paragraphs == ("Minsk, 27 juin (VNA) - Les deux pays ont signé.",)


def test_chapeau_repeated_with_the_dateline_keeps_one_copy_with_the_dateline():
    found = story(
        "Le PM reçoit l'ambassadeur de France",
        "Le Premier ministre a reçu l'ambassadeur de France venu le saluer.",
        "Hanoï, 17 juillet (VNA) - Le Premier ministre a reçu l'ambassadeur de France venu le saluer "
        "au terme de son mandat.",
        "Ils ont parlé d'éducation.",
    )
    assert found.chapeau == "Le Premier ministre a reçu l'ambassadeur de France venu le saluer."
    assert found.paragraphs[0].startswith("Hanoï, 17 juillet (VNA) - Le Premier ministre")
    assert found.paragraphs[0].endswith("au terme de son mandat.")
    assert len(found.paragraphs) == 2


def test_the_fuller_lead_is_kept_even_with_glued_words():
    found = story(
        "Titre de la dépêche",
        "Le ministre et son homologue se sont entretenus à Minsk.",
        "Dans le cadre de savisite officielle, le ministre etson homologue se sont entretenus à Minsk.",
    )
    assert found.paragraphs == (
        "Dans le cadre de savisite officielle, le ministre etson homologue se sont entretenus à Minsk.",
    )
    assert found.chapeau == "Le ministre et son homologue se sont entretenus à Minsk."


def test_same_length_leads_keep_the_cleaner_one():
    found = story(
        "Titre de la dépêche",
        "Le ministre etson homologue se sont entretenus lundi.",
        "Le ministre et son homologue se sont entretenus lundi.",
    )
    assert found.paragraphs == ("Le ministre et son homologue se sont entretenus lundi.",)


def test_the_dateline_moves_to_the_kept_lead():
    found = story(
        "Titre de la dépêche",
        "Hanoï (VNA) - Le ministre a reçu son homologue lao lundi dans la capitale.",
        "Le ministre a reçu son homologue lao lundi dans la capitale, pour discuter du commerce et de "
        "l'énergie entre les deux pays voisins.",
    )
    assert found.paragraphs == (
        "Hanoï (VNA) - Le ministre a reçu son homologue lao lundi dans la capitale, pour discuter du "
        "commerce et de l'énergie entre les deux pays voisins.",
    )


def test_chapeau_glued_to_the_dateline_paragraph_is_split():
    found = story(
        "Le Vietnam et le Laos signent un accord",
        "Les deux pays ont signé un accord sur l'énergie. Vientiane, 12 mars (VNA) - Les deux pays ont "
        "signé lundi un accord sur l'énergie à Vientiane.",
    )
    assert found.chapeau == "Les deux pays ont signé un accord sur l'énergie."
    assert found.paragraphs[0].startswith("Vientiane, 12 mars (VNA) - ")


def test_no_title_when_the_first_paragraph_is_a_sentence():
    found = story("Le président a présenté le 16 janvier les décisions de nomination.", "Suite.")
    assert found.title is None
    assert len(found.paragraphs) == 2


def test_a_dateline_paragraph_is_never_the_title():
    found = story("Hanoï, 15 mars (VNA) - Le Premier ministre a reçu", "Suite.")
    assert found.title is None


def test_title_hint_wins():
    found = story("Premier paragraphe.", title_hint="  Le titre de la page  ")
    assert (found.title, found.paragraphs) == ("Le titre de la page", ("Premier paragraphe.",))


def test_draft_fields_pass_through():
    draft = Draft(
        "Titre\n\nTexte.", header="2025-05", captions=("c",), related=("r",), trailer="t", signoff="VNA"
    )
    found = segment_story(draft)
    assert (found.header, found.captions, found.related, found.trailer, found.signoff) == (
        "2025-05",
        ("c",),
        ("r",),
        "t",
        "VNA",
    )


def test_empty_text_gives_no_paragraph():
    found = story("")
    assert (found.title, found.paragraphs) == (None, ())


@pytest.mark.parametrize(
    ("paragraph", "parts"),
    [
        ("Chapeau. Hanoï, 15 mars (VNA) - Lead.", ["Chapeau.", "Hanoï, 15 mars (VNA) - Lead."]),
        ("Hanoï, 15 mars (VNA) - Lead.", ["Hanoï, 15 mars (VNA) - Lead."]),
        ("Il est arrivé à Hanoï, 15 mars, dit-il.", ["Il est arrivé à Hanoï, 15 mars, dit-il."]),
    ],
)
def test_split_at_dateline(paragraph, parts):
    assert split_at_dateline(paragraph) == parts


def test_words_of_and_containment_ignore_case_and_accents():
    assert words_of("Le Viêt Nam, 2017!") == ["le", "viet", "nam", "2017"]
    assert containment("Le Vietnam et la Biélorussie", "le vietnam et la bielorussie dynamisent") == 1.0
    assert containment("", "texte") == 0.0

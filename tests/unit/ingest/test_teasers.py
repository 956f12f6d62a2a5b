"""teasers.py: the headlines of the other stories a page shows after the article."""

from __future__ import annotations

import pytest

from generator.ingest.teasers import teaser_headlines


@pytest.mark.parametrize(
    ("trailer", "headlines"),
    [
        ("", ()),
        (
            "Voir plus\n\n"
            "Des pêcheurs rentrent au port de Vung Tau. Photo : VNA\n\n"
            "La pêche côtière se modernise\n\n"
            "Les coopératives de la province ont reçu de nouveaux bateaux cette semaine.\n\n"
            "Le ministre visite un chantier. Photo : VNA/CVN\n\n"
            "Un nouveau pont sur le fleuve Rouge\n\n"
            "Le chantier doit s'achever avant la saison des pluies.",
            ("La pêche côtière se modernise", "Un nouveau pont sur le fleuve Rouge"),
        ),
        (  # a caption without credit looks like a headline: the last line before the lead wins
            "Le ministre (à gauche) et l'ambassadeur du Chili\n\n"
            "Le Vietnam et le Chili veulent doubler leurs échanges\n\n"
            "Les deux pays ont évoqué le cuivre et les fruits.",
            ("Le Vietnam et le Chili veulent doubler leurs échanges",),
        ),
        (  # a bare list of links: every line is a headline
            "Sur le même sujet\nLe riz vietnamien en Afrique\nUne foire du livre à Huê",
            ("Le riz vietnamien en Afrique", "Une foire du livre à Huê"),
        ),
        (
            ">> Le café vietnamien séduit l'Europe\nPartager\n[Hanoï accueille un festival de jazz]",
            ("Le café vietnamien séduit l'Europe", "Hanoï accueille un festival de jazz"),
        ),
        ("Une phrase qui finit comme une phrase.", ()),
    ],
)
def test_teaser_headlines(trailer, headlines):
    assert teaser_headlines(trailer) == headlines


def test_the_same_headline_twice_is_listed_once():
    assert teaser_headlines("Un titre\n\nUn titre") == ("Un titre",)

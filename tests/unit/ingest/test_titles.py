"""titles.py: a title rebuilt from the source URL's slug when the text has none."""

from __future__ import annotations

import pytest

from generator.ingest.titles import title_from_url, url_slug


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (
            "https://fr.vietnamplus.vn/vietnam-et-bielorussie-dynamisent-leur-cooperation/12345.vnp",
            "Vietnam et Biélorussie dynamisent leur coopération",
        ),
        (
            "https://lecourrier.vn/cloture-des-sommets-de-lasean-au-laos/353019.html",
            "Clôture des sommets de l'ASEAN au Laos",
        ),
        (
            "https://vietnam.vnanet.vn/french/tin-van/nouveaux-ambassadeurs-a-l39etranger-422689.html",
            "Nouveaux ambassadeurs à l'étranger",
        ),
        (
            "https://fr.vietnamplus.vn/le-vietnam-et-la-chine-echangent-des-felicitations-pour-les-74-ans-de-liens/217929.vnp",
            "Le Vietnam et la Chine échangent des félicitations pour les 74 ans de liens",
        ),
        (
            "https://fr.vietnamplus.vn/visite-du-premier-ministre-pham-minh-chinh-en-france-post170448.vnp",
            "Visite du premier ministre Pham Minh Chinh en France",
        ),
        (
            "https://fr.vietnamplus.vn/vietnamslovaquie-consultation-politique/39891.vnp",
            "Vietnam Slovaquie consultation politique",
        ),
        ("https://x.org/vietnam-coree-du-sud-cooperation", "Vietnam Corée du Sud coopération"),
        ("https://x.org/nouvelle-zelande-vietnam?page=2#haut", "Nouvelle-Zélande Vietnam"),
    ],
)
def test_title_from_url(url, title):
    assert title_from_url(url) == title


@pytest.mark.parametrize(
    "url",
    [
        "https://fr.vietnamplus.vn/",
        "https://fr.vietnamplus.vn/12345.vnp",
        "https://x.org/a",
        "pas une adresse",
        "ftp://x.org/vietnam-laos",
        "",
    ],
)
def test_title_from_url_without_words_is_none(url):
    assert title_from_url(url) is None


def test_url_slug_decodes_percent_escapes_in_utf8_and_latin1():
    assert url_slug("https://x.org/coop%C3%A9ration-vietnam") == "coopération-vietnam"
    assert url_slug("https://x.org/coop%E9ration-vietnam") == "coopération-vietnam"

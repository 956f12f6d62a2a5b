"""places.py: countries named in French wire copy, and dateline spellings."""

from __future__ import annotations

from collections import Counter

import pytest

from generator.ingest.places import (
    count_countries,
    country_mentions,
    dateline_spellings,
    known_places,
    normalise_place,
)


def codes(text: str) -> dict[str, int]:
    return dict(count_countries(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le Vietnam et la Biélorussie", {"VN": 1, "BY": 1}),
        ("la Fédération de Russie", {"RU": 1}),
        ("la République de Corée", {"KR": 1}),
        ("le président sud-coréen", {"KR": 1}),
        ("des touristes nippones", {"JP": 1}),
        ("le Premier ministre lao", {"LA": 1}),
        ("la coopération vietnamo-laotienne", {"VN": 1, "LA": 1}),
        ("les relations sino-vietnamiennes", {"CN": 1, "VN": 1}),
        ("un forum franco-vietnamien", {"FR": 1, "VN": 1}),
        ("l’amitié franco-vietnamienne", {"FR": 1, "VN": 1}),
        ("Hanoi et Pekin", {"VN": 1, "CN": 1}),
        ("les Etats-Unis", {"US": 1}),
        ("la Côte d’Ivoire", {"CI": 1}),
        ("les relations Vietnam-Laos", {"VN": 1, "LA": 1}),
        ("le sommet Vietnam-Laos-Cambodge", {"VN": 1, "LA": 1, "KH": 1}),
        ("la ligne Hanoï-Vientiane", {"VN": 1, "LA": 1}),
    ],
)
def test_count_countries_recognises_names_adjectives_and_compounds(text, expected):
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("la mer de Chine méridionale", {}),
        ("l'océan Indien", {}),
        ("le président François Hollande", {}),
        ("l'Association des nations de l'Asie du Sud-Est (ASEAN)", {}),
        ("une grenade et du sucre", {}),
        ("l'ethnie lao du Nord", {}),
        ("la province de Lao Cai", {"VN": 1}),  # a Vietnamese province, not Laos
        ("la Guinée-Bissau", {"GW": 1}),  # one name with a hyphen, not two countries
        ("la Papouasie-Nouvelle-Guinée", {"PG": 1}),
        ("la région Asie-Pacifique", {}),
    ],
)
def test_count_countries_ignores_phrases_that_only_look_like_countries(text, expected):
    assert codes(text) == expected


def test_shared_terms_follow_the_clear_mention():
    assert codes("la Corée du Nord et les dirigeants coréens") == {"KP": 2}
    assert codes("les entreprises coréennes") == {"KR": 1}  # the press's usual reading


def test_ambiguous_terms_count_only_with_a_clear_term():
    assert codes("des touristes venus d'Angleterre") == {}
    assert codes("le Royaume-Uni, et plus précisément l'Angleterre") == {"GB": 2}


@pytest.mark.parametrize(
    ("written", "archive"),
    [
        ("Hanoi", "Hanoï"),
        ("HANOI", "Hanoï"),
        ("Ha  Noi", "Hanoï"),
        ("HCM-Ville", "Hô Chi Minh-Ville"),
        ("Ho Chi Minh-Ville", "Hô Chi Minh-Ville"),
        ("Beijing", "Pékin"),
        ("Minsk", "Minsk"),
        (" Vientiane ,", "Vientiane"),
    ],
)
def test_normalise_place(written, archive):
    assert normalise_place(written) == archive


def test_dateline_spellings_file_keys_are_lower_case():
    spellings = dateline_spellings()
    assert spellings["hanoi"] == "Hanoï"
    assert all(key == key.lower() for key in spellings)


def test_known_places_are_lower_case_cities():
    places = known_places()
    assert {"minsk", "vientiane", "hanoï", "hanoi"} <= places


@pytest.mark.parametrize(
    "text",
    [
        "Le Vietnam et la Corée ont signé ; les entreprises coréennes investissent à Séoul.",
        "La coopération nippo-vietnamienne et la mer de Chine méridionale.",
        "L'ASEAN, le Laos et le Cambodge ; la Guinée et la Guinée-Bissau.",
        "Les relations Vietnam-Laos-Cambodge et la Papouasie-Nouvelle-Guinée.",
    ],
)
def test_country_mentions_are_the_spans_of_count_countries(text):
    mentions = country_mentions(text)
    assert Counter(code for _, _, code in mentions) == count_countries(text)
    assert mentions == sorted(mentions)

"""pairs.py: which countries a story is about, and its main bilateral pair."""

from __future__ import annotations

import pytest

from generator.ingest.pairs import find_countries

ASEAN_LEAD = (
    "Les dirigeants du Vietnam, du Laos, du Cambodge, de la Thaïlande, de la Malaisie, de Singapour, "
    "de l'Indonésie, des Philippines, du Myanmar et du Brunei ont adopté jeudi une déclaration commune "
    "lors du 44e Sommet de l'ASEAN."
)


def test_bilateral_story():
    found = find_countries(
        "Le Vietnam et l'Inde renforcent leur coopération dans la défense",
        "Le ministre vietnamien de la Défense et son homologue indien se sont entretenus à New Delhi.",
        ("L'Inde est un partenaire stratégique du Vietnam.",),
        "New Delhi",
        "VN",
    )
    assert (found.countries, found.pairs, found.notes) == (("VN", "IN"), ("VN-IN",), ())


def test_a_third_country_mentioned_once_is_not_what_the_story_is_about():
    found = find_countries(
        "Le Vietnam et l'Inde renforcent leur coopération",
        "Les deux pays ont signé trois accords.",
        ("Ils ont aussi évoqué une coopération avec le Japon.", "L'Inde soutient le Vietnam."),
        None,
        "VN",
    )
    assert (found.countries, found.pairs) == (("VN", "IN"), ("VN-IN",))


def test_a_third_country_named_twice_in_the_body_counts_but_does_not_take_the_pair():
    found = find_countries(
        "Le Vietnam et l'Inde renforcent leur coopération",
        "Les deux pays ont signé trois accords.",
        ("Un projet au Japon.", "Le Japon financera une partie.", "L'Inde et le Vietnam coopèrent."),
        None,
        "VN",
    )
    assert found.countries == ("VN", "IN", "JP")
    assert found.pairs == ("VN-IN",)


def test_asean_summit_has_no_main_pair():
    found = find_countries(
        "Sommet de l'ASEAN : les dirigeants adoptent une déclaration", ASEAN_LEAD, (), "Vientiane", "VN"
    )
    assert len(found.countries) == 10 and found.countries[0] == "VN"
    assert found.pairs == ()
    assert found.notes == (
        f"Plusieurs pays ({', '.join(found.countries)}), récit multilatéral : pas de paire attribuée.",
    )


def test_a_summit_named_with_its_venue_only_has_no_main_pair():
    found = find_countries(
        "Le Premier ministre part pour les 44e et 45e Sommets de l’ASEAN au Laos",
        "Le Premier ministre Pham Minh Chinh a quitté Hanoï pour Vientiane, au Laos.",
        (),
        None,
        "VN",
    )
    assert (found.countries, found.pairs) == (("VN", "LA"), ())


def test_a_bilateral_meeting_on_the_sidelines_of_a_summit_keeps_its_pair():
    found = find_countries(
        "Le Vietnam et la Malaisie renforcent leur partenariat en marge du Sommet de l'ASEAN",
        "En marge du sommet, les dirigeants du Vietnam et de la Malaisie, avec ceux du Laos et du Cambodge.",
        (),
        None,
        "VN",
    )
    assert found.pairs == ("VN-MY",)


def test_partners_of_equal_weight_get_no_pair():
    found = find_countries(
        "Vietnam, Laos et Cambodge : une réunion tripartite",
        "Les ministres du Vietnam, du Laos et du Cambodge se sont réunis.",
        (),
        None,
        "VN",
    )
    assert found.pairs == ()
    assert "sans partenaire principal net" in found.notes[0]


@pytest.mark.parametrize(
    ("title", "pair"),
    [
        ("La coopération sino-vietnamienne se renforce", "VN-CN"),
        ("Un forum franco-vietnamien sur la santé", "VN-FR"),
        ("Renforcer l'amitié vietnamo-laotienne", "VN-LA"),
        ("Le président sud-coréen reçu à Hanoï", "VN-KR"),
    ],
)
def test_compound_adjectives_give_the_pair(title, pair):
    found = find_countries(title, "Les deux parties ont salué leurs relations.", (), None, "VN")
    assert found.pairs == (pair,)


def test_home_country_implied_by_its_official():
    found = find_countries(
        "Le Premier ministre reçoit l'ambassadeur sud-coréen",
        "Le Premier ministre Pham Minh Chinh a reçu l'ambassadeur sud-coréen.",
        (),
        None,
        "VN",
        ("Pham Minh Chinh",),
    )
    assert (found.countries, found.pairs) == (("VN", "KR"), ("VN-KR",))
    assert found.notes == ("VN ajouté aux pays : la dépêche nomme Pham Minh Chinh sans nommer le pays.",)


def test_a_dateline_place_counts_as_one_mention():
    found = find_countries(
        "Une foire à Tokyo", "Des entreprises y exposent.", ("Le Japon importe.",), "Tokyo", "VN"
    )
    assert found.countries == ("JP",)


def test_two_foreign_countries_make_their_own_pair():
    found = find_countries(
        "La Chine et les États-Unis signent un accord", "Pékin et Washington ont signé.", (), None, "VN"
    )
    assert found.pairs == ("CN-US",)


def test_no_country_is_reported():
    found = find_countries("Une exposition de peinture", "Les visiteurs sont nombreux.", (), None, "VN")
    assert (found.countries, found.pairs) == ((), ())
    assert found.notes == ("Aucun pays reconnu dans le titre, le chapeau ou le texte.",)


INDIA_TITLE = "Le Vietnam et l'Inde renforcent leur coopération"
INDIA_LEAD = "Les deux pays ont signé trois accords."


@pytest.mark.parametrize(
    ("sentence", "party"),
    [
        ("Les échanges entre le Vietnam et le Japon progressent aussi.", "JP"),
        ("Un forum nippo-vietnamien s'est tenu en marge de la visite.", "JP"),
        ("Les relations du Vietnam avec la Chine ont aussi été évoquées.", "CN"),
        ("Des entreprises vietnamiennes et coréennes ont signé des contrats.", "KR"),
        ("Le corridor Vietnam – Laos a été cité en exemple.", "LA"),
    ],
)
def test_a_country_named_once_as_the_other_side_of_a_relation_counts(sentence, party):
    found = find_countries(INDIA_TITLE, INDIA_LEAD, (sentence, "L'Inde soutient le Vietnam."), None, "VN")
    assert found.countries == ("VN", "IN", party)
    assert found.pairs == ("VN-IN",)


def test_countries_listed_with_the_home_country_count():
    found = find_countries(
        INDIA_TITLE, INDIA_LEAD, ("Le Vietnam, le Laos et le Cambodge ont des projets communs.",), None, "VN"
    )
    assert set(found.countries) == {"VN", "IN", "LA", "KH"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Au Vietnam, le Japon reste le premier investisseur.",  # a comma alone makes no list
        "Un marché commun réunit la Russie, la Biélorussie et le Kazakhstan.",  # no home country
        "Le Vietnam a salué l'union qui regroupe la Turquie et l'Iran.",  # not next to it
    ],
)
def test_a_country_named_once_in_passing_does_not_count(sentence):
    found = find_countries(INDIA_TITLE, INDIA_LEAD, (sentence, "L'Inde soutient le Vietnam."), None, "VN")
    assert found.countries == ("VN", "IN")


def test_a_country_named_once_in_the_role_of_a_person_counts():
    body = ("Le ministre japonais de la Santé a assisté à la cérémonie.", "L'Inde soutient le Vietnam.")
    assert find_countries(INDIA_TITLE, INDIA_LEAD, body, None, "VN").countries == ("VN", "IN")
    found = find_countries(INDIA_TITLE, INDIA_LEAD, body, None, "VN", actors=frozenset({"JP"}))
    assert (found.countries, found.pairs) == (("VN", "IN", "JP"), ("VN-IN",))

"""people.py: people named with a role, their country, counterparts and merging."""

from __future__ import annotations

import pytest

from generator.ingest.people import PersonFound, family_names, find_people, fold


def people(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(person.name, person.role, person.country) for person in find_people(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le vice-Premier ministre et ministre des Affaires étrangères Bui Thanh Son a reçu le ministre.",
            [("Bui Thanh Son", "vice-Premier ministre et ministre des Affaires étrangères", "VN")],
        ),
        (
            "Le président sud-coréen Yoon Suk Yeol a salué les progrès.",
            [("Yoon Suk Yeol", "président", "KR")],
        ),
        (
            "L'ambassadeur du Vietnam en France, Dinh Toan Thang, a rencontré des étudiants.",
            [("Dinh Toan Thang", "ambassadeur du Vietnam en France", "VN")],
        ),
        (
            "l'ambassadeur de France au Vietnam, Olivier Brochet, a déclaré.",
            [("Olivier Brochet", "ambassadeur de France au Vietnam", "FR")],
        ),
        (
            "le secrétaire général du Parti communiste vietnamien To Lam a reçu la délégation.",
            [("To Lam", "secrétaire général du Parti communiste vietnamien", "VN")],
        ),
        (
            "Le ministre vietnamien de la Défense, le général Phan Van Giang, est arrivé.",
            [("Phan Van Giang", "ministre de la Défense", "VN")],
        ),
        (
            "le président de la République, Luong Cuong, a présenté les décisions.",
            [("Luong Cuong", "président de la République", "VN")],
        ),
        (
            "la présidente de l'Assemblée nationale Nguyen Thi Kim Ngan effectuera une visite.",
            [("Nguyen Thi Kim Ngan", "présidente de l'Assemblée nationale", "VN")],
        ),
        (
            "le roi de Thaïlande, Maha Vajiralongkorn, a reçu les lettres de créance.",
            [("Maha Vajiralongkorn", "roi de Thaïlande", "TH")],
        ),
        (
            "le Premier ministre, M. Pham Minh Chinh, a reçu la présidente Ursula von der Leyen.",
            [("Pham Minh Chinh", "Premier ministre", "VN"), ("Ursula von der Leyen", "présidente", None)],
        ),
        (
            "le ministre des Affaires étrangères, Le Hoai Trung, a reçu l'ambassadeur.",
            [("Le Hoai Trung", "ministre des Affaires étrangères", "VN")],
        ),
        (
            "Le ministre de l'Industrie et du Commerce Nguyen Hong Dien a signé.",
            [("Nguyen Hong Dien", "ministre de l'Industrie et du Commerce", "VN")],
        ),
        ("la chancelière allemande Angela Merkel", [("Angela Merkel", "chancelière", "DE")]),
        ("le Premier ministre lao Sonexay Siphandone", [("Sonexay Siphandone", "Premier ministre", "LA")]),
    ],
)
def test_find_people_with_roles_and_countries(text, expected):
    assert people(text) == expected


def test_counterpart_takes_the_role_of_the_person_named_before():
    text = (
        "Le ministre vietnamien de la Défense, le général Phan Van Giang, et son homologue indien "
        "Rajnath Singh se sont entretenus."
    )
    assert people(text) == [
        ("Phan Van Giang", "ministre de la Défense", "VN"),
        ("Rajnath Singh", "ministre de la Défense", "IN"),
    ]


def test_counterpart_without_nationality_is_marked_for_the_partner():
    found = find_people("Le Premier ministre Nguyên Tân Dung et son homologue Mikhaïl Miasnikovitch.")
    assert found[1] == PersonFound("Mikhaïl Miasnikovitch", "Premier ministre", None, counterpart=True)


def test_the_same_person_with_and_without_accents_is_one_person():
    text = "Le président Trân Dai Quang a reçu… Le président vietnamien Tran Dai Quang a ajouté."
    assert people(text) == [("Trân Dai Quang", "président", "VN")]


def test_a_later_mention_completes_the_country():
    text = "le président Alexander Lukashenko a dit. … le président biélorusse Alexander Lukashenko."
    assert people(text) == [("Alexander Lukashenko", "président", "BY")]


@pytest.mark.parametrize(
    "text",
    [
        "le président a déclaré que les deux pays coopèrent.",
        "Le Premier ministre Le a parlé.",  # one word is not a name
        "le ministre de la Défense VNA",
    ],
)
def test_no_person_without_a_name_of_two_words(text):
    assert people(text) == []


def test_family_names_come_from_the_data_file_folded():
    assert {"nguyen", "tran", "dang", "bui"} <= family_names()
    assert fold("Nguyễn") == "nguyen" and fold("Đặng") == "dang"

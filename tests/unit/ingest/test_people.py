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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Tran Van Hung, ambassadeur du Vietnam au Japon, a remis ses lettres de créance.",
            [("Tran Van Hung", "ambassadeur du Vietnam au Japon", "VN")],
        ),
        (
            "M. Pierre Martin, ministre français de l'Agriculture, a visité une coopérative.",
            [("Pierre Martin", "ministre de l'Agriculture", "FR")],
        ),
        (
            "Selon Do Thi Lan, vice-présidente de l'Assemblée nationale, le texte sera adopté.",
            [("Do Thi Lan", "vice-présidente de l'Assemblée nationale", "VN")],
        ),
        (
            "La délégation a été accueillie par Hans Becker, ambassadeur d'Allemagne au Vietnam.",
            [("Hans Becker", "ambassadeur d'Allemagne au Vietnam", "DE")],
        ),
        (
            "Mme Pham Thu Ha, porte-parole du ministère des Affaires étrangères, a répondu aux journalistes.",
            [("Pham Thu Ha", "porte-parole du ministère des Affaires étrangères", "VN")],
        ),
        (
            "Ensuite Tran Van Hung, ministre de la Santé, a visité l'hôpital.",
            [("Tran Van Hung", "ministre de la Santé", "VN")],
        ),
        (
            "Hier soir, Maria Costa, présidente du Sénat, a signé le livre d'or.",
            [("Maria Costa", "présidente du Sénat", None)],
        ),
    ],
)
def test_a_role_in_apposition_after_the_name(text, expected):
    assert people(text) == expected


def test_a_counterpart_takes_the_role_written_after_the_name_before_it():
    text = (
        "Pierre Martin, ministre français de l'Agriculture, et son homologue vietnamien "
        "Le Minh Hoan ont signé un mémorandum."
    )
    assert people(text) == [
        ("Pierre Martin", "ministre de l'Agriculture", "FR"),
        ("Le Minh Hoan", "ministre de l'Agriculture", "VN"),
    ]


def test_a_name_in_apposition_and_with_a_role_before_it_is_one_person():
    text = "Le président vietnamien Vo Van Thuong, secrétaire du comité, a reçu les invités."
    assert people(text) == [("Vo Van Thuong", "président", "VN")]


@pytest.mark.parametrize(
    "text",
    [
        "Le Comité Central, président de séance en tête, a adopté le texte.",  # an institution
        "Les Nations Unies, secrétaire général compris, ont salué l'accord.",  # an organisation
        "Au Costa Rica, ministre et experts ont débattu du climat.",  # a country
        "Ils ont visité Hô Chi Minh-Ville, maire en tête, puis le port.",  # a place
        "Selon Hanoï, ministre et diplomates sont d'accord.",  # one word after the lead-in
        "Le pianiste joue Bach, ambassadeur de la musique baroque, au festival.",  # one word
        "Tran Van Hung, ministre depuis cinq ans et demi, a parlé.",  # the role does not end there
    ],
)
def test_no_person_in_apposition_for_what_is_not_a_name(text):
    assert people(text) == []

"""extract.py end to end on cleaned stories: evidence comes from the story, never from its
captions, related links or teasers; the fetch date only bounds the year."""

from __future__ import annotations

import pytest

from generator.ingest.clean import clean_text
from generator.ingest.extract import extract_article, parse_fetched_at
from generator.ingest.segment import segment_story


def extract(text: str, **options):
    return extract_article(segment_story(clean_text(text)), **options)


def test_a_caption_with_another_date_and_country_is_not_evidence():
    article = extract(
        "Le Vietnam et le Maroc parlent de phosphates\n\n"
        "Le roi d'Espagne en visite au Portugal, le 3 mars 2011. Photo : VNA\n\n"
        "Rabat, 4 mars (VNA) - Le Maroc pourrait fournir des engrais aux agriculteurs vietnamiens.\n\n"
        "Un contrat est en préparation. - VNA\n"
    )
    assert article.countries == ("VN", "MA")
    assert article.date is None  # 2011 was in the caption only
    assert "Portugal" not in " ".join(article.body)


def test_teasers_after_the_signoff_are_not_evidence():
    article = extract(
        "Le Vietnam et l'Irlande coopèrent\n\n"
        "Dublin, 14 mai (VNA) - Le Vietnam et l'Irlande ont signé un accord sur l'éducation.\n\n"
        "Les étudiants en profiteront. - VNA\n\n"
        "Voir plus\n\n"
        "Le Premier ministre japonais reçu à Hanoï le 14 mai 2024. Photo : VNA\n\n"
        "Le Japon et le Vietnam signent un accord le 14 mai 2024\n"
    )
    assert (article.countries, article.pairs, article.date) == (("VN", "IE"), ("VN-IE",), None)


def test_a_realistic_dispatch_with_header_caption_and_people():
    article = extract(
        " date 2022-02 Paris, 5 février (VNA) - L'ambassadeur du Vietnam en France Dinh Toan Thang a "
        "reçu une délégation française venue présenter ses vœux pour le Têt.\n\n"
        "L'ambassadeur du Vietnam en France Dinh Toan Thang. Photo : VNA\n\n"
        "Il a souligné que 2022 marque le 50e anniversaire de la coopération entre les deux pays. - VNA\n"
    )
    assert article.date == "2022-02-05"
    assert article.dateline == "Paris"
    assert article.pairs == ("VN-FR",)
    assert article.people[0].name == "Dinh Toan Thang"
    assert article.people[0].role == "ambassadeur du Vietnam en France"
    assert article.source == "VNA"


def test_fetched_at_bounds_the_year_and_says_so():
    text = (
        "Le Vietnam et le Laos signent un accord\n\n"
        "Vientiane, jeudi 27 juin (VNA) - Le Vietnam et le Laos ont signé un accord.\n\n"
        "Suite du texte. - VNA\n"
    )
    assert extract(text).date is None
    article = extract(text, fetched_at="2025-05-03T08:00:00Z")
    assert article.date == "2024-06-27"
    assert any("la plus récente avant la collecte de la page (2025-05-03)" in note for note in article.review)


def test_fetched_at_is_never_the_date():
    article = extract(
        "Le Vietnam et le Laos signent un accord\n\nLe Vietnam et le Laos ont signé un accord.\n",
        fetched_at="2025-05-03",
    )
    assert article.date is None


def test_an_unreadable_fetched_at_is_reported():
    article = extract("Titre de la dépêche\n\nLe Vietnam a signé.\n", fetched_at="hier soir")
    assert "Date de collecte illisible ('hier soir') : ignorée." in article.review


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2025-05-03", "2025-05-03"),
        ("2025-05", "2025-05-31"),
        ("2024-02", "2024-02-29"),
        ("x", None),
        (None, None),
    ],
)
def test_parse_fetched_at(value, day):
    parsed = parse_fetched_at(value)
    assert (parsed.isoformat() if parsed else None) == day


def test_without_title_the_url_gives_one_with_a_note():
    article = extract(
        "Le président a présenté le 16 janvier les décisions de nomination.\n",
        url="https://x.org/french/le-president-nomme-de-nouveaux-ambassadeurs-422689.html",
    )
    assert article.title.startswith("Le président")
    assert article.review[0].startswith("Titre absent du texte, reconstruit à partir de l'adresse")


def test_without_title_nor_url_the_lead_gives_one_with_a_note():
    article = extract(
        "Le Vietnam et le Laos ont signé lundi un accord de coopération sur l'énergie et les mines.\n"
    )
    assert article.title == "Le Vietnam et le Laos ont signé lundi un accord de coopération…"
    assert "Titre absent du texte et de l'adresse" in article.review[0]


def test_summary_is_the_lead_without_its_dateline():
    article = extract(
        "Titre de la dépêche\n\nHanoï, 15 mars (VNA) - Le Premier ministre a reçu l'ambassadeur.\n\nSuite.\n"
    )
    assert article.summary == "Le Premier ministre a reçu l'ambassadeur."
    assert article.dateline == "Hanoï"


@pytest.mark.parametrize(
    ("dateline", "source"),
    [
        ("Paris, 3 février (VNA/CVN) - ", "VNA"),
        ("Pékin, 3 février (Xinhua/VNA) - ", "VNA"),
        ("Genève, 3 février (AFP) - ", "AFP"),
        ("Hanoi, 3 février 2011 (AVI) - ", "AVI"),
    ],
)
def test_source_from_the_dateline_agency_without_signoff(dateline, source):
    article = extract(f"Titre de la dépêche\n\n{dateline}Le Vietnam a signé un accord.\n")
    assert article.source == source


def test_the_country_of_a_person_named_in_apposition_is_a_party():
    article = extract(
        "Le Vietnam et le Laos renforcent leur coopération agricole\n\n"
        "Vientiane, 3 avril 2023 (VNA) - Le Vietnam et le Laos ont signé un accord sur le riz.\n\n"
        "La cérémonie s'est tenue en présence de Pierre Martin, ministre français de l'Agriculture, "
        "invité par les deux parties.\n\n"
        "Le Laos exportera davantage vers le Vietnam. - VNA\n"
    )
    assert ("Pierre Martin", "ministre de l'Agriculture", "FR") in [
        (person.name, person.role, person.country) for person in article.people
    ]
    assert (article.countries, article.pairs) == (("VN", "LA", "FR"), ("VN-LA",))


def test_teasers_without_a_signoff_are_no_evidence_and_only_their_headlines_are_kept():
    article = extract(
        "Le Vietnam et la Finlande parlent d'éducation\n\n"
        "Le Vietnam et la Finlande ont échangé sur la formation des enseignants.\n\n"
        "Les deux pays prévoient des stages.\n\n"
        "Voir plus\n\n"
        "Le président mexicain Andrés López reçu à Hanoï. Photo : VNA\n\n"
        "Le Mexique et le Vietnam signent un accord sur le tourisme\n\n"
        "Mexico, 2 mars 2023 (VNA) - Le Mexique a accueilli des investisseurs vietnamiens pour le tourisme.\n"
    )
    assert (article.countries, article.pairs, article.date) == (("VN", "FI"), ("VN-FI",), None)
    assert article.people == ()
    assert "tourisme" not in article.tags
    assert "Mexique" not in " ".join(article.body)
    assert article.teasers == ("Le Mexique et le Vietnam signent un accord sur le tourisme",)

"""dates.py: datelines as the agency writes them, dates in the lead, and which source wins."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.ingest.dates import find_date, find_dateline, match_dateline, parse_date_hint


@pytest.mark.parametrize(
    ("paragraph", "place", "day", "month", "year", "weekday"),
    [
        ("Hanoï, 15 mars (VNA) - Le Premier ministre a reçu.", "Hanoï", 15, 3, None, None),
        ("Hanoi, 15 mars (VNA) – Le Premier ministre a reçu.", "Hanoi", 15, 3, None, None),
        ("Paris, 3 février (VNA/CVN) - L'ambassade a organisé.", "Paris", 3, 2, None, None),
        ("HCM-Ville, le 2 septembre - La ville a célébré la fête.", "HCM-Ville", 2, 9, None, None),
        ("Hanoï, 1er mars (VNA) - Le texte.", "Hanoï", 1, 3, None, None),
        ("Tokyo, 1 er mars 2017 (VNA) - Le texte.", "Tokyo", 1, 3, 2017, None),
        ("Moscou, 12 fevrier (VNA) - Sans accent.", "Moscou", 12, 2, None, None),
        ("Vientiane, 15 aout (VNA) - Sans accent.", "Vientiane", 15, 8, None, None),
        ("Bangkok, 24 decembre (VNA) - Sans accent.", "Bangkok", 24, 12, None, None),
        ("Minsk, jeudi 27 juin (VNA) - Avec le jour.", "Minsk", 27, 6, None, "jeudi"),
        ("Hanoi,17 juillet (VNA) - Sans espace après la virgule.", "Hanoi", 17, 7, None, None),
        ("Séoul, 03/02/2026 (VNA) - Date en chiffres.", "Séoul", 3, 2, 2026, None),
        ("03/02/2026 - Date seule.", None, 3, 2, 2026, None),
        ("Phnom Penh, 9 novembre 2023 (Xinhua/VNA) - Repris.", "Phnom Penh", 9, 11, 2023, None),
        ("New Delhi, 5 juin (VNA) : deux points.", "New Delhi", 5, 6, None, None),
    ],
)
def test_find_dateline_reads_agency_datelines(paragraph, place, day, month, year, weekday):
    dateline = find_dateline((paragraph,))
    assert dateline is not None
    assert (dateline.place, dateline.day, dateline.month, dateline.year, dateline.weekday) == (
        place,
        day,
        month,
        year,
        weekday,
    )


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("Vientiane (VNA) - Le Vietnam et le Laos ont signé.", "Vientiane"),
        ("Hanoi (VNA) – Le Vietnam et le Laos ont signé.", "Hanoi"),
        ("Paris (VNA/CVN) - L'ambassade a organisé.", "Paris"),
        ("Ho Chi Minh-Ville (VNA) - La ville.", "Ho Chi Minh-Ville"),
    ],
)
def test_find_dateline_without_date_keeps_the_place(paragraph, place):
    dateline = find_dateline((paragraph,))
    assert dateline is not None and dateline.place == place and dateline.day is None


@pytest.mark.parametrize(
    "paragraph",
    [
        "Paris, 3 février, les deux ministres se sont rencontrés.",  # a sentence, not a dateline
        "Le Vietnam et le Laos ont signé un accord.",
        "Hanoï, 31 février (VNA) - Pas un jour du calendrier.",
        "Séoul, 31/02/2026 (VNA) - Pas un jour du calendrier.",
        "",
    ],
)
def test_find_dateline_refuses_what_is_not_a_dateline(paragraph):
    dateline = find_dateline((paragraph,))
    assert dateline is None or dateline.day is None


def test_find_dateline_glued_after_the_chapeau():
    paragraph = "Les deux pays ont signé un accord. Vientiane, 12 mars (VNA) - Les deux pays ont signé lundi."
    dateline = find_dateline((paragraph,))
    assert dateline is not None and (dateline.place, dateline.day, dateline.month) == ("Vientiane", 12, 3)


def test_match_dateline_ends_after_the_separator():
    match = match_dateline("Paris, 3 février (VNA/CVN) - L'ambassade a organisé.")
    assert match is not None and match.group(0) == "Paris, 3 février (VNA/CVN) - "


def date_of(lead: str, story: str = "", header: str | None = None, hint: str | None = None, not_after=None):
    """find_date for a story whose first paragraph is ``lead``."""
    dateline = find_dateline((lead,))
    return find_date(dateline, lead, f"{lead}\n{story}", header, hint, not_after)


@pytest.mark.parametrize(
    ("lead", "iso", "note"),
    [
        ("Hanoï, 1er mars 2017 (VNA) - Texte.", "2017-03-01", None),
        ("Séoul, 03/02/2026 (VNA) - Texte.", "2026-02-03", None),
        ("Le 17 décembre 2021 à Hanoï, les délégations ont signé.", "2021-12-17", "Date tirée du chapeau"),
        ("Le 1er mars 2019, à Vientiane, les deux pays ont signé.", "2019-03-01", "Date tirée du chapeau"),
    ],
)
def test_find_date_with_a_full_date(lead, iso, note):
    found = date_of(lead)
    assert found.iso == iso
    assert (note is None and found.review == ()) or any(note in line for line in found.review)


def test_find_date_never_guesses_a_year_from_nothing():
    found = date_of("Hanoï, 15 mars (VNA) - Le Premier ministre a reçu l'ambassadeur.")
    assert found.iso is None
    assert found.review[0].startswith("Date partielle : « Hanoï, 15 mars (VNA) » sans année")


@pytest.mark.parametrize(
    ("lead", "story"),
    [
        ("Hanoï, 15 mars (VNA) - Les relations existent depuis 1992.", ""),
        ("Hanoï, 15 mars (VNA) - Un plan pour 2021-2025 et 2026-2030.", ""),
        ("Hanoï, 15 mars (VNA) - Le pays veut doubler ses exportations d'ici 2030.", ""),
        ("Hanoï, 15 mars (VNA) - Texte.", "En 2016, les échanges ont atteint 1 milliard de dollars."),
    ],
)
def test_years_in_the_text_are_not_the_story_year_by_themselves(lead, story):
    assert date_of(lead, story).iso is None


def test_the_same_day_written_with_its_year_gives_the_year_with_a_note():
    found = date_of("Canberra, 6 juillet (VNA) - Le mémorandum signé le 6 juillet 2022 ouvre la voie.")
    assert found.iso == "2022-07-06"
    assert found.review == (
        "Année tirée du texte (« 6 juillet 2022 » dans le texte), absente de la dépêche (« Canberra, 6 "
        "juillet (VNA) ») : vérifier qu'il s'agit bien du jour de la dépêche.",
    )


def test_a_historical_date_on_the_same_day_is_not_the_story_year():
    lead = "Hanoï, 2 septembre (VNA) - Le pays a célébré la Fête nationale."
    found = date_of(lead, "Le 2 septembre 1945, le Président Ho Chi Minh a lu la Déclaration d'indépendance.")
    assert found.iso is None


def test_an_anniversary_counted_from_a_historical_date_gives_the_year():
    lead = (
        "Hanoï, 2 septembre (VNA) - Le pays célèbre le 80e anniversaire de la Fête nationale "
        "(2 septembre 1945)."
    )
    found = date_of(lead)
    assert found.iso == "2025-09-02"
    assert "80 ans depuis 1945" in found.review[0]


def test_the_latest_plausible_same_day_year_wins():
    lead = "Hanoï, 2 septembre (VNA) - Une cérémonie a marqué le 2 septembre 2025."
    found = date_of(lead, "Le 2 septembre 1945 est la date de la Déclaration d'indépendance.")
    assert found.iso == "2025-09-02"


@pytest.mark.parametrize(
    ("lead", "iso"),
    [
        ("Dans la matinée du 8 octobre, le Premier ministre a quitté Hanoï.", "2024-10-08"),
        ("Le Premier ministre a reçu, le 21 octobre à Hanoï, l'ambassadeur.", "2024-10-21"),
        ("L'Union a organisé mardi 29 octobre une rencontre.", "2024-10-29"),
        ("Le 1er octobre, à Hanoï, une exposition a ouvert ses portes.", "2024-10-01"),
    ],
)
def test_a_lead_date_takes_its_year_from_the_header_month(lead, iso):
    found = date_of(lead, header="2024-10")
    assert found.iso == iso
    assert any("Date tirée du chapeau" in note for note in found.review)
    assert any("en-tête du crawler 2024-10" in note for note in found.review)


def test_a_visit_range_in_the_lead_is_not_the_date():
    found = date_of("Le président effectuera du 30 mars au 3 avril une visite en France.")
    assert found.iso is None


def test_a_dateline_year_comes_from_the_header_closest_to_it():
    assert date_of("Hanoï, 31 décembre (VNA) - Texte.", header="2025-01").iso == "2024-12-31"
    assert date_of("Hanoï, 2 novembre (VNA) - Texte.", header="2024-10").iso == "2024-11-02"
    assert date_of("Paris, 5 février (VNA) - Texte.", header="2022-02").iso == "2022-02-05"


def test_the_header_full_date_is_used_when_the_dispatch_has_no_dated_dateline():
    found = date_of("L'ambassadeur a présenté, le 6 février, ses lettres de créance.", header="2026-02-07")
    assert found.iso == "2026-02-07"
    assert "en-tête du crawler (2026-02-07)" in found.review[0]


def test_the_header_month_alone_gives_a_month():
    found = date_of("L'ambassadeur a présenté ses lettres de créance.", header="2025-05")
    assert found.iso == "2025-05"
    assert "en-tête du crawler (2025-05)" in found.review[0]


def test_page_metadata_beats_a_dateline_without_year():
    found = date_of("Minsk, 27 juin (VNA) - Texte.", hint="2017-06-27T08:15:00+07:00")
    assert (found.iso, found.review) == ("2017-06-27", ())


def test_a_dateline_with_its_year_beats_page_metadata():
    assert date_of("Minsk, 27 juin 2017 (VNA) - Texte.", hint="2019-01-01").iso == "2017-06-27"


def test_the_fetch_date_is_never_the_date():
    found = date_of("Le Vietnam et le Laos ont signé un accord.", not_after=dt.date(2025, 5, 3))
    assert found.iso is None
    assert found.review == ("Date inconnue : aucune date dans la dépêche.",)


def test_unknown_date_reports_the_window_from_the_text():
    found = date_of(
        "Les deux Premiers ministres se sont entretenus jeudi à Minsk.", "Programme pour 2013-2015."
    )
    assert found.iso is None
    assert found.review == (
        "Date inconnue : la dépêche ne donne que « jeudi » ; fenêtre d'après le texte : 2013-2015 "
        "(période 2013-2015).",
    )


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2017-06-27T10:00:00+07:00", "2017-06-27"),
        ("2017-06-27", "2017-06-27"),
        ("2025-05", "2025-05"),
        ("27/06/2017", "2017-06-27"),
        ("27.06.2017 10:22", "2017-06-27"),
        ("2017-13-01", None),
        ("2017-02-30", None),
        ("hier", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_hint(value, iso):
    assert parse_date_hint(value) == iso

"""Checks of generator/data/country_terms.yaml, the hand-written French country lexicon.

The file maps ISO 3166-1 alpha-2 codes to the French names, adjectives, compound prefixes,
places and ambiguous forms that point to a country; these tests hold it to its own rules
(see the comments at the top of the file): every code of countries.yaml is there, every UN
member has names and adjectives, and no term points to two countries.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

DATA_DIR = Path(__file__).resolve().parents[3] / "generator" / "data"
TERMS_FILE = DATA_DIR / "country_terms.yaml"
COUNTRIES_FILE = DATA_DIR / "countries.yaml"

FIELDS = ("names", "adjectives", "prefixes", "places", "ambiguous")
#: Fields whose terms count on their own (``ambiguous`` needs company).
STRONG_FIELDS = ("names", "adjectives", "prefixes", "places")
TOP_LEVEL = {"shared_terms", "non_country_phrases", "organisations"}

#: The 193 member states of the United Nations, by ISO 3166-1 alpha-2 code.
_UN_MEMBER_CODES = """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ
    CA CD CF CG CH CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI
    FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM
    JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG
    MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK
    PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD
    TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VC VE VN VU WS YE ZA ZM ZW
"""
UN_MEMBERS = frozenset(_UN_MEMBER_CODES.split())
#: The two observer states, and entities the Vietnamese press treats as partners.
ALSO_REQUIRED = frozenset({"PS", "VA", "TW", "HK", "MO", "XK"})


def fold(term: str) -> str:
    """Case- and accent-insensitive key: what a forgiving matcher would compare."""
    decomposed = unicodedata.normalize("NFKD", term.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@pytest.fixture(scope="module")
def data() -> dict:
    with TERMS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def entries(data: dict) -> dict[str, dict[str, list[str]]]:
    return {key: value for key, value in data.items() if key not in TOP_LEVEL}


@pytest.fixture(scope="module")
def country_codes() -> set[str]:
    with COUNTRIES_FILE.open(encoding="utf-8") as handle:
        return set(yaml.safe_load(handle))


@pytest.fixture(scope="module")
def index(entries: dict[str, dict[str, list[str]]]) -> dict[str, set[tuple[str, str]]]:
    """casefolded term -> {(code, field)} over every field of every entry."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for code, entry in entries.items():
        for field in FIELDS:
            for term in entry[field]:
                found[term.casefold()].add((code, field))
    return found


def all_terms(entries: dict[str, dict[str, list[str]]]) -> list[tuple[str, str, str]]:
    return [
        (code, field, term) for code, entry in entries.items() for field in FIELDS for term in entry[field]
    ]


def test_un_member_list_has_193_states() -> None:
    assert len(UN_MEMBERS) == 193


def test_top_level_is_codes_and_the_three_known_sections(data: dict) -> None:
    assert set(data) >= TOP_LEVEL
    assert all(isinstance(key, str) for key in data), "an unquoted key was read as a non-string"


def test_every_key_is_a_code_of_countries_yaml(entries: dict, country_codes: set[str]) -> None:
    assert sorted(set(entries) - country_codes) == []


def test_every_code_of_countries_yaml_has_an_entry(entries: dict, country_codes: set[str]) -> None:
    assert sorted(country_codes - set(entries)) == []


def test_un_members_are_codes_of_countries_yaml(country_codes: set[str]) -> None:
    assert sorted((UN_MEMBERS | ALSO_REQUIRED) - country_codes) == []


def test_every_entry_has_exactly_the_five_lists_of_strings(entries: dict) -> None:
    for code, entry in entries.items():
        assert set(entry) == set(FIELDS), code
        for field in FIELDS:
            assert isinstance(entry[field], list), (code, field)
            for term in entry[field]:
                assert isinstance(term, str), (code, field, term)
                assert term and term == term.strip() and "  " not in term, (code, field, term)
                assert "’" not in term, f"{code}.{field}: use the ASCII apostrophe in {term!r}"


def test_every_entry_has_a_name(entries: dict) -> None:
    assert [code for code, entry in entries.items() if not entry["names"]] == []


def test_un_members_have_names_and_adjectives(data: dict, entries: dict) -> None:
    # A state whose only adjective is shared with another (congolais, guinéen) is covered
    # by shared_terms instead.
    shared_adjective_codes = {
        code for shared in data["shared_terms"] if shared["term"].islower() for code in shared["codes"]
    }
    missing = [
        code
        for code in sorted(UN_MEMBERS | ALSO_REQUIRED)
        if not entries[code]["names"] or not (entries[code]["adjectives"] or code in shared_adjective_codes)
    ]
    assert missing == []


def test_no_list_repeats_a_term(entries: dict) -> None:
    repeated = [
        (code, field, term)
        for code, entry in entries.items()
        for field in FIELDS
        for term in set(entry[field])
        if entry[field].count(term) > 1
    ]
    assert repeated == []


def test_no_term_maps_to_two_codes(index: dict[str, set[tuple[str, str]]]) -> None:
    clashes = {term: sorted(hits) for term, hits in index.items() if len({code for code, _ in hits}) > 1}
    assert clashes == {}


def test_no_term_maps_to_two_codes_once_accents_are_folded(entries: dict) -> None:
    codes_by_key: dict[str, set[str]] = defaultdict(set)
    for code, _field, term in all_terms(entries):
        codes_by_key[fold(term)].add(code)
    assert {key: sorted(codes) for key, codes in codes_by_key.items() if len(codes) > 1} == {}


def test_adjectives_are_lower_case(entries: dict) -> None:
    assert [(code, a) for code, e in entries.items() for a in e["adjectives"] if a != a.lower()] == []


def test_prefixes_are_lower_case_and_end_with_a_hyphen(entries: dict) -> None:
    bad = [
        (code, p)
        for code, e in entries.items()
        for p in e["prefixes"]
        if not p.endswith("-") or p != p.lower()
    ]
    assert bad == []


def test_names_and_places_start_with_a_capital_or_an_article(entries: dict) -> None:
    # "la Dominique", "bande de Gaza": a lower-case start is only an article or a common noun.
    allowed_lower_starts = ("la ", "bande ")
    bad = [
        (code, term)
        for code, entry in entries.items()
        for field in ("names", "places")
        for term in entry[field]
        if not term[0].isupper() and not term.startswith(allowed_lower_starts)
    ]
    assert bad == []


def test_shared_terms_are_in_no_entry_and_name_real_codes(data: dict, entries: dict, index: dict) -> None:
    seen: set[str] = set()
    for shared in data["shared_terms"]:
        term, codes = shared["term"], shared["codes"]
        assert set(shared) <= {"term", "codes", "default"}, term
        assert term.casefold() not in index, (
            f"shared term {term!r} is also in {sorted(index[term.casefold()])}"
        )
        assert term.casefold() not in seen, term
        seen.add(term.casefold())
        assert len(set(codes)) == len(codes) >= 2, term
        assert set(codes) <= set(entries), term
        assert shared.get("default") is None or shared["default"] in codes, term


def test_non_country_phrases_are_unique_and_not_country_terms(data: dict, index: dict) -> None:
    phrases = data["non_country_phrases"]
    folded = [phrase.casefold() for phrase in phrases]
    assert len(folded) == len(set(folded))
    assert [phrase for phrase in phrases if phrase.casefold() in index] == []


def test_organisations_have_names_and_known_members(data: dict, entries: dict, index: dict) -> None:
    owner: dict[str, str] = {}
    for key, organisation in data["organisations"].items():
        assert set(organisation) <= {"names", "members"}, key
        assert organisation["names"], key
        for name in organisation["names"]:
            assert name.casefold() not in index, f"{key}: {name!r} is a country term"
            assert owner.setdefault(name.casefold(), key) == key, f"{name!r} names {owner[name.casefold()]}"
        members = organisation.get("members", [])
        assert len(members) == len(set(members)), key
        assert set(members) <= set(entries), key


@pytest.mark.parametrize(
    ("key", "members"),
    [
        ("ASEAN", 11),
        ("UE", 27),
        ("UEE", 5),
        ("G7", 7),
        ("APEC", 21),
        ("MLC", 6),
    ],
)
def test_organisation_membership_size(data: dict, key: str, members: int) -> None:
    assert len(data["organisations"][key]["members"]) == members


@pytest.mark.parametrize("key", ["ASEAN", "UE", "UEE", "G7", "G20", "ONU", "APEC", "MLC"])
def test_required_organisations_are_present(data: dict, key: str) -> None:
    assert key in data["organisations"]


def test_vietnam_is_in_asean_apec_and_mekong_lancang(data: dict) -> None:
    for key in ("ASEAN", "APEC", "MLC"):
        assert "VN" in data["organisations"][key]["members"], key


@pytest.mark.parametrize(
    ("term", "code"),
    [
        ("biélorusse", "BY"),
        ("Bélarus", "BY"),
        ("Minsk", "BY"),
        ("biélorusso-", "BY"),
        ("nippones", "JP"),
        ("nippon", "JP"),
        ("japonaise", "JP"),
        ("nippo-", "JP"),
        ("Tokyo", "JP"),
        ("sud-coréen", "KR"),
        ("sud-coréennes", "KR"),
        ("République de Corée", "KR"),
        ("Séoul", "KR"),
        ("nord-coréen", "KP"),
        ("RPD de Corée", "KP"),
        ("RPDC", "KP"),
        ("Pyongyang", "KP"),
        ("lao", "LA"),
        ("laotiennes", "LA"),
        ("République démocratique populaire lao", "LA"),
        ("Vientiane", "LA"),
        ("lao-", "LA"),
        ("khmer", "KH"),
        ("khmères", "KH"),
        ("cambodgien", "KH"),
        ("Royaume du Cambodge", "KH"),
        ("Phnom Penh", "KH"),
        ("khméro-", "KH"),
        ("franco-", "FR"),
        ("française", "FR"),
        ("Paris", "FR"),
        ("sino-", "CN"),
        ("chinois", "CN"),
        ("Pékin", "CN"),
        ("Beijing", "CN"),
        ("République populaire de Chine", "CN"),
        ("Fédération de Russie", "RU"),
        ("russo-", "RU"),
        ("Moscou", "RU"),
        ("Hanoï", "VN"),
        ("Hanoi", "VN"),
        ("Hô Chi Minh-Ville", "VN"),
        ("Ho Chi Minh-Ville", "VN"),
        ("Da Nang", "VN"),
        ("Lao Cai", "VN"),
        ("vietnamiennes", "VN"),
        ("vietnamo-", "VN"),
        ("Viet Nam", "VN"),
        ("Etats-Unis", "US"),
        ("États-Unis", "US"),
        ("américaines", "US"),
        ("américano-", "US"),
        ("Washington", "US"),
        ("New York", "US"),
        ("Royaume-Uni", "GB"),
        ("Grande-Bretagne", "GB"),
        ("britanniques", "GB"),
        ("Londres", "GB"),
        ("Pays-Bas", "NL"),
        ("Hollande", "NL"),
        ("néerlandaise", "NL"),
        ("La Haye", "NL"),
        ("Birmanie", "MM"),
        ("Myanmar", "MM"),
        ("Timor-Leste", "TL"),
        ("Dili", "TL"),
        ("germano-", "DE"),
        ("Genève", "CH"),
        ("helvético-", "CH"),
        ("Bruxelles", "BE"),
        ("belgo-", "BE"),
        ("Vienne", "AT"),
        ("austro-", "AT"),
        ("polono-", "PL"),
        ("hispano-", "ES"),
        ("italo-", "IT"),
        ("indo-", "IN"),
        ("Singapour", "SG"),
        ("Brunei Darussalam", "BN"),
        ("Manille", "PH"),
        ("Jakarta", "ID"),
        ("Kuala Lumpur", "MY"),
        ("thaïlandais", "TH"),
        ("Bangkok", "TH"),
        ("Taipei chinois", "TW"),
        ("RDC", "CD"),
        ("République du Congo", "CG"),
        ("Guinée-Bissau", "GW"),
        ("équato-guinéen", "GQ"),
        ("Soudan", "SD"),
        ("Soudan du Sud", "SS"),
        ("nigérien", "NE"),
        ("nigérian", "NG"),
        ("Émirats arabes unis", "AE"),
        ("Egypte", "EG"),
        ("Türkiye", "TR"),
        ("israélo-", "IL"),
        ("palestiniens", "PS"),
        ("Saint-Siège", "VA"),
        ("Afrique du Sud", "ZA"),
        ("burkinabè", "BF"),
    ],
)
def test_term_maps_to_code(index: dict[str, set[tuple[str, str]]], term: str, code: str) -> None:
    hits = index.get(term.casefold(), set())
    assert {c for c, field in hits if field in STRONG_FIELDS} == {code}


@pytest.mark.parametrize(
    ("term", "code"),
    [
        ("anglais", "GB"),
        ("Angleterre", "GB"),
        ("Irlande du Nord", "GB"),
        ("Amérique", "US"),
        ("Maurice", "MU"),
        ("Macédoine", "MK"),
        ("thaï", "TH"),
        ("Timor", "TL"),
        ("EAU", "AE"),
    ],
)
def test_ambiguous_term_belongs_to_one_code_and_does_not_count_alone(
    index: dict[str, set[tuple[str, str]]], term: str, code: str
) -> None:
    assert index[term.casefold()] == {(code, "ambiguous")}


@pytest.mark.parametrize(
    ("term", "codes"),
    [
        ("Congo", {"CD", "CG"}),
        ("congolais", {"CD", "CG"}),
        ("Corée", {"KR", "KP"}),
        ("coréenne", {"KR", "KP"}),
        ("Guinée", {"GN", "GQ", "GW", "PG"}),
        ("guinéen", {"GN", "GQ", "GW"}),
    ],
)
def test_shared_term_lists_its_candidates(data: dict, term: str, codes: set[str]) -> None:
    matches = [shared for shared in data["shared_terms"] if shared["term"] == term]
    assert len(matches) == 1
    assert set(matches[0]["codes"]) == codes


@pytest.mark.parametrize(
    "phrase",
    ["océan Indien", "Indo-Pacifique", "mer de Chine méridionale", "François Hollande", "anglo-saxon"],
)
def test_non_country_phrase_is_listed(data: dict, phrase: str) -> None:
    assert phrase in data["non_country_phrases"]


@pytest.mark.parametrize(
    ("code", "forms"),
    [
        ("KR", ["sud-coréen", "sud-coréenne", "sud-coréens", "sud-coréennes"]),
        ("JP", ["nippon", "nippone", "nippons", "nippones", "japonais", "japonaise", "japonaises"]),
        ("KH", ["khmer", "khmère", "khmers", "khmères", "cambodgien", "cambodgienne", "cambodgiens"]),
        ("LA", ["lao", "laotien", "laotienne", "laotiens", "laotiennes"]),
        ("VN", ["vietnamien", "vietnamienne", "vietnamiens", "vietnamiennes"]),
        ("US", ["américain", "américaine", "américains", "américaines"]),
        ("CN", ["chinois", "chinoise", "chinoises"]),
        ("FR", ["français", "française", "françaises"]),
        ("BY", ["biélorusse", "biélorusses"]),
    ],
)
def test_adjectives_cover_every_gender_and_number(entries: dict, code: str, forms: list[str]) -> None:
    assert set(forms) <= set(entries[code]["adjectives"])

"""People named with a role: "le président biélorusse Alexander Lukashenko", "le Premier
ministre Nguyên Tân Dung", "son homologue Mikhaïl Miasnikovitch".

A nationality adjective gives the person's country; "homologue" takes the role of the person
named just before; a Vietnamese family name leading a name of two or more words gives VN
(these are the archive's home-country officials). The rest is left without a country.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.ingest.places import CountryTerms, load_country_terms

_ROLES = (
    r"vice-Premier ministre|Premier ministre|vice-présidente?|présidente?|Présidente?"
    r"|secrétaire général(?: du Parti)?"
    r"|ministre(?: de la| de l'| des| du| de)? ?(?:[A-ZÉ][\w'-]+(?: [a-zà-ÿ]+)?)?"
    r"|vice-ministre|ambassadrice|ambassadeur|chancelière|chancelier|roi|reine|prince|princesse"
    r"|homologue"
)
_NAME_WORD = r"[A-ZÀ-ÝĐ][\w'’-]*"
_PERSON = re.compile(
    rf"\b(?P<role>{_ROLES})(?:\s+(?P<adjective>[a-zé][a-zéèëï-]+))?\s*,?\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})"
)
_VIETNAMESE_FAMILY_NAMES = frozenset(
    [
        "nguyen",
        "tran",
        "le",
        "pham",
        "hoang",
        "huynh",
        "phan",
        "vu",
        "vo",
        "dang",
        "bui",
        "do",
        "ho",
        "ngo",
        "duong",
        "ly",
        "dinh",
        "truong",
        "luong",
        "to",
        "mai",
        "ha",
        "doan",
        "cao",
        "lam",
        "trinh",
        "lai",
        "vuong",
        "dao",
        "tong",
        "chu",
        "kieu",
        "thai",
        "quach",
        "ton",
        "nong",
        "khuat",
    ]
)
_NOT_NAMES = frozenset({"Le", "La", "Les", "Un", "Une", "Il", "Elle", "M", "Mme", "Selon", "Lors"})


@dataclass(frozen=True, slots=True)
class PersonFound:
    name: str
    role: str | None
    country: str | None
    counterpart: bool = False  #: named as someone's "homologue" with no country given.


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


def find_people(text: str, terms: CountryTerms | None = None) -> tuple[PersonFound, ...]:
    """People with a role in ``text``, merged by name, in order of first mention."""
    terms = terms or load_country_terms()
    found: dict[str, PersonFound] = {}
    previous_role: str | None = None
    for match in _PERSON.finditer(text):
        name = _clean_name(match.group("name"), terms)
        if name is None:
            continue
        role = match.group("role").strip()
        adjective = match.group("adjective")
        country = terms.codes.get(adjective.lower()) if adjective else None
        counterpart = role == "homologue"
        if counterpart:
            role = previous_role or role
        else:
            previous_role = role
        if country is None and _fold(name.split()[0]) in _VIETNAMESE_FAMILY_NAMES:
            country = "VN"
        role = role[0].lower() + role[1:] if not role.startswith(("Premier", "vice-Premier")) else role
        earlier = found.get(name)
        if earlier is None:
            found[name] = PersonFound(
                name, None if role == "homologue" else role, country, counterpart and country is None
            )
        elif earlier.country is None and country is not None:
            found[name] = PersonFound(name, earlier.role or role, country)
    return tuple(found.values())


def _clean_name(raw: str, terms: CountryTerms) -> str | None:
    words = raw.split()
    while words and (words[0] in _NOT_NAMES and len(words) <= 2):
        words.pop(0)
    kept = []
    for word in words:
        if word.lower() in terms.codes or word.lower().strip("'’") in terms.codes:
            break
        kept.append(word)
    if len(kept) < 2:
        return None
    return " ".join(kept).strip("'’-")

"""People named with a role: "le président biélorusse Alexander Lukashenko", "le vice-Premier
ministre et ministre des Affaires étrangères Bui Thanh Son", "l'ambassadeur du Vietnam en
France, Dinh Toan Thang", "son homologue indien Rajnath Singh".

The role is a head word ("président", "ministre", "ambassadeur", …) with what qualifies it: a
nationality adjective, complements ("de la Défense", "du Parti communiste vietnamien", "du
Vietnam"), a posting ("en France", "auprès de l'UNESCO") and a second role joined by "et".
The person's country is the country named in the role outside the posting ("ambassadeur du
Vietnam en France" is Vietnamese); failing that, a Vietnamese family name leading a name of two
words or more gives VN (the archive's home-country officials). "homologue" takes the role of
the person named just before. Family names, name particles and honorifics come from
generator/data/people_names.yaml.

A role may also follow the name, in apposition: "Nguyen Van A, ambassadeur du Vietnam en
France, a déclaré", "M. Jean Dupont, ministre français des Affaires étrangères." That form is
only read when the role stands between commas (or ends the sentence, or a verb follows it),
comes without an article, and the two capitalised words or more just before the comma pass
:func:`_appositive_name`: what leads into the name ("Selon", "Hier", "Mme", an acronym, a
country, a place of several words) is dropped from its front, and a run holding an institution
word ("Comité", "Assemblée") or an organisation's name is no person at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from generator.ingest.datafiles import read_data_file, string_list
from generator.ingest.places import (
    CountryTerms,
    count_countries,
    known_places,
    load_country_terms,
    organisation_pattern,
    terms_regex,
)

DATA_FILE = "people_names.yaml"
_HEADS = (
    r"vice-Premier ministre|Premier ministre|vice-ministre|ministre|vice-présidente?|[Pp]résidente?"
    r"|secrétaire générale?|secrétaire d['’]État|ambassadrice|ambassadeur|chancelière|chancelier"
    r"|roi|reine|princesse|prince|sultan|émir|chef de l['’]État|chef du gouvernement|chef de la diplomatie"
    r"|porte-parole|vice-gouverneur|gouverneur|maire|consule? générale?|directeur général|directrice générale"
    r"|chargée? d['’]affaires|chef d['’]état-major|commandant en chef"
)
_PREPOSITION = (
    r"(?:de[ ]+la|de[ ]+l['’]|des|du|de|d['’]|en|au|aux|à|auprès[ ]+(?:de[ ]+la|de[ ]+l['’]|du|des|de))"
)
_POSTING = re.compile(r"^(?:en|au|aux|à|auprès)\b")
#: Joins the words of a place of several words ('Hô Chi Minh-Ville') while matching, so that a
#: role's complement takes the whole place and the name after it stays whole.
_JOINER = "\u2060"
_CAPITAL_WORD = rf"[A-ZÀ-ÝĐ][\w'’{_JOINER}-]*"
_LOWER_WORD = r"(?!(?:et|est|ont|sont|qui|que|dont|par|pour|avec|sur|lors|le|la|les)\b)[a-zà-ÿ][\w'’-]{2,}"
#: Lower-case nouns of bodies a role may belong to ('porte-parole du ministère des Affaires
#: étrangères', 'président du comité populaire de la province').
_BODY = r"(?:ministère|comité|département|bureau|conseil|commission|gouvernement|cabinet|parlement)"
_COMPLEMENT = rf"{_PREPOSITION}[ ]*(?:{_CAPITAL_WORD}|{_BODY}\b)(?:[ ]+{_LOWER_WORD}){{0,3}}"
_ADJECTIVE = r"(?!(?:de|du|des|en|au|aux|et|à|auprès|par|pour|a|est)\b)[a-zà-ÿ][a-zà-ÿ-]+"
_ROLE = (
    rf"(?:{_HEADS})(?:[ ]+{_ADJECTIVE})?(?:[ ]+(?:et[ ]+)?{_COMPLEMENT}){{0,4}}"
    rf"(?:[ ]+et[ ]+(?:{_HEADS})(?:[ ]+{_ADJECTIVE})?(?:[ ]+(?:et[ ]+)?{_COMPLEMENT}){{0,4}})?"
)
_NOT_NAMES = frozenset({"Le", "La", "Les", "Un", "Une", "Il", "Elle", "M", "Mme", "Selon", "Lors", "Photo"})
#: What may follow a role written after the name: punctuation, the end, or a verb or
#: conjunction going on with the sentence ('…, ministre de la Défense, a déclaré').
_ROLE_END = (
    r"(?=[ ]*(?:[,.;:)!?»\n]|$)"
    r"|[ ]+(?:a|ont|est|sont|était|sera|avait|s['’]est|et|qui|y|se|lui|leur|ne|n['’])(?![\w'’]))"
)
#: Word that ends a name: an acronym ("VNA"), a weekday or a month written with a capital.
_NAME_STOP = re.compile(r"^(?:[A-Z]{2,}|Lundi|Mardi|Mercredi|Jeudi|Vendredi|Samedi|Dimanche)$")


_ROLE_FIRST, _COUNTERPART, _NAME_FIRST = "role first", "counterpart", "name first"


@dataclass(frozen=True, slots=True)
class PersonFound:
    name: str
    role: str | None
    country: str | None
    counterpart: bool = False  #: named as someone's "homologue" with no country given.


@cache
def family_names() -> frozenset[str]:
    """Vietnamese family names, folded (see the data file)."""
    return frozenset(fold(name) for name in string_list(DATA_FILE, "family_names"))


@cache
def lead_in_words() -> frozenset[str]:
    """Capitalised words that lead into a name written before its role ('Selon', 'Hier',
    'Mme'), as written (see the data file)."""
    return frozenset(string_list(DATA_FILE, "lead_in_words"))


@cache
def institution_words() -> frozenset[str]:
    """Lower-case nouns of bodies and places ('comité', 'assemblée'): a capitalised run holding
    one before a comma is an institution's name, not a person's (see the data file)."""
    return frozenset(word.lower() for word in string_list(DATA_FILE, "institution_words"))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """(role then name, 'homologue' then name, name then role in apposition)."""
    particles = "|".join(re.escape(word) for word in string_list(DATA_FILE, "particles"))
    honorifics = sorted(string_list(DATA_FILE, "honorifics"), key=len, reverse=True)
    honorific = "|".join(re.escape(word).replace("'", "['’]") for word in honorifics)
    name_words = rf"{_CAPITAL_WORD}(?:[ ]+(?:(?:{particles})[ ]+)*{_CAPITAL_WORD})"
    name = rf"(?P<name>{name_words}{{1,4}})"
    between = rf"[ ]*,?[ ]+(?:(?:{honorific})(?!\w)[ ]*)?"
    person = re.compile(rf"(?<![\w-])(?P<role>{_ROLE}){between}{name}")
    counterpart = re.compile(rf"\bhomologue(?:[ ]+(?P<adjective>{_ADJECTIVE}))?{between}{name}")
    # up to six words before the comma: _appositive_name drops those leading into the name
    appositive = re.compile(
        rf"(?<![\w'’{_JOINER}.-])(?P<name>{name_words}{{1,5}})[ ]*,[ ]+(?P<role>{_ROLE}){_ROLE_END}"
    )
    return person, counterpart, appositive


def fold(word: str) -> str:
    """Lower case, no diacritics, Đ as D: 'Nguyễn' -> 'nguyen'."""
    decomposed = unicodedata.normalize("NFKD", word.replace("Đ", "D").replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


@cache
def _multiword_places() -> re.Pattern[str]:
    """Country names and places of several capitalised words ('Hô Chi Minh-Ville', 'New Delhi')."""
    data = read_data_file("country_terms.yaml")
    terms = {
        term
        for code, entry in data.items()
        if isinstance(code, str) and len(code) == 2 and isinstance(entry, dict)
        for term in [*(entry.get("names") or ()), *(entry.get("places") or ())]
        if " " in term and all(word[:1].isupper() for word in term.split())
    }
    return re.compile(rf"(?<!\w)(?:{terms_regex(sorted(terms))})(?!\w)")


def _protect_places(text: str) -> str:
    return _multiword_places().sub(lambda match: match.group(0).replace(" ", _JOINER), text)


def find_people(
    text: str, terms: CountryTerms | None = None, home_code: str = "VN"
) -> tuple[PersonFound, ...]:
    """People with a role in ``text``, merged by name (accents aside), in order of first mention."""
    terms = terms or load_country_terms()
    text = _protect_places(text)
    person_pattern, counterpart_pattern, appositive_pattern = _patterns()
    matches = sorted(
        [(match.start(), _ROLE_FIRST, match) for match in person_pattern.finditer(text)]
        + [(match.start(), _COUNTERPART, match) for match in counterpart_pattern.finditer(text)]
        + [(match.start(), _NAME_FIRST, match) for match in appositive_pattern.finditer(text)],
        key=lambda item: item[0],
    )
    found: dict[str, PersonFound] = {}
    previous_role: str | None = None
    for _, kind, match in matches:
        if kind == _NAME_FIRST:
            name = _appositive_name(match.group("name"), terms)
        else:
            name = _clean_name(match.group("name"), terms)
        if name is None:
            continue
        name = name.replace(_JOINER, " ")
        if kind == _COUNTERPART:
            adjective = match.group("adjective")
            country = _adjective_country(adjective, terms) if adjective else None
            person = PersonFound(name, previous_role, country, counterpart=country is None)
        else:
            role = _normalise_role(match.group("role").replace(_JOINER, " "), terms)
            previous_role = _head_of(role)
            country = _role_country(match.group("role").replace(_JOINER, " "), terms)
            person = PersonFound(name, role, country)
        if person.country is None and fold(name.split()[0]) in family_names():
            person = PersonFound(person.name, person.role, home_code)
        _merge(found, person)
    return tuple(found.values())


def _merge(found: dict[str, PersonFound], person: PersonFound) -> None:
    key = fold(person.name)
    earlier = found.get(key)
    if earlier is None:
        found[key] = person
    elif earlier.country is None and person.country is not None:
        found[key] = PersonFound(earlier.name, earlier.role or person.role, person.country)
    elif earlier.role is None and person.role is not None:
        found[key] = PersonFound(earlier.name, person.role, earlier.country, earlier.counterpart)


def _normalise_role(role: str, terms: CountryTerms) -> str:
    """Single spaces, 'Président' in lower case, and no nationality adjective (the country is
    its own field): 'président biélorusse' -> 'président'."""
    role = " ".join(role.split()).replace("’", "'")
    if role.startswith("Président"):
        role = "p" + role[1:]
    match = re.match(rf"^((?:{_HEADS}))\s+({_ADJECTIVE})(?=\s|$)", role)
    if match and _adjective_country(match.group(2), terms):
        role = match.group(1) + role[match.end() :]
    return role


def _head_of(role: str) -> str:
    """The role without its country-specific parts, for a counterpart: 'ministre de la
    Défense' stays; 'ambassadeur du Vietnam en France' -> 'ambassadeur'."""
    parts = re.split(rf"\s+(?=(?:et\s+)?{_PREPOSITION}\s)", role)
    kept = [parts[0]] + [part for part in parts[1:] if not (_POSTING.match(part) or count_countries(part))]
    return " ".join(kept)


def _role_country(role: str, terms: CountryTerms) -> str | None:
    """The country named in the role outside its posting ('en France', 'auprès de …')."""
    own = " ".join(part for part in re.split(rf"\s+(?={_PREPOSITION}\s)", role) if not _POSTING.match(part))
    counts = count_countries(own, terms)
    return next(iter(counts)) if len(counts) == 1 else None


def _adjective_country(adjective: str, terms: CountryTerms) -> str | None:
    counts = count_countries(adjective, terms)
    return next(iter(counts)) if len(counts) == 1 else None


def _clean_name(raw: str, terms: CountryTerms) -> str | None:
    words = raw.split()
    while words and (words[0] in _NOT_NAMES and len(words) <= 2):
        words.pop(0)
    kept = []
    for word in words:
        bare = word.lower().strip("'’")
        # a country name or adjective ends the name; a city does not ('Vuong Dinh Huê')
        if (bare in terms.codes and bare not in known_places()) or _NAME_STOP.match(word):
            break
        kept.append(word)
    if len(kept) < 2 or (kept[0] in _NOT_NAMES and fold(kept[0]) not in family_names()):
        return None
    return " ".join(kept).strip("'’-")


def _appositive_name(raw: str, terms: CountryTerms) -> str | None:
    """The name in the capitalised words before a role in apposition, or None.

    The name ends at the comma, so its front is what must be trimmed: words that lead into it
    ('Selon', 'Hier', 'Mme', 'L'ambassadrice'), an acronym or weekday, a country, a place of
    several words. A run holding an institution word ('Comité Central') or an organisation
    ('Nations Unies') names no person. Two words must remain, as for any name.
    """
    if organisation_pattern().search(raw.replace(_JOINER, " ")):
        return None
    words = raw.split()
    if any(word.lower().strip("'’") in institution_words() for word in words):
        return None
    for index in range(len(words) - 1, -1, -1):
        if _ends_a_phrase(words[index], terms):
            words = words[index + 1 :]
            break
    while words and _leads_in(words[0]):
        words.pop(0)
    if len(words) < 2:
        return None
    return " ".join(words).strip("'’-")


def _leads_in(word: str) -> bool:
    """'Selon', 'Mme', 'L'ambassadrice': not a name's first word (a family name always is)."""
    if fold(word) in family_names():
        return False
    return word in _NOT_NAMES or word in lead_in_words() or bool(_ELIDED.match(word))


def _ends_a_phrase(word: str, terms: CountryTerms) -> bool:
    """A word no name holds: an acronym, a weekday, a country, a place of several words."""
    bare = word.lower().strip("'’")
    return (
        _JOINER in word
        or bool(_NAME_STOP.match(word))
        or (bare in terms.codes and bare not in known_places())
    )


#: 'L'ambassadrice', 'D'après', 'Qu'il': an elided article or word, never a name's start.
_ELIDED = re.compile(r"^(?:[LlDdJjNnSs]|Qu)['’]")

"""The countries a story is about, and its main bilateral pair.

`countries` lists the parties of the story, not every place it names: the issue asks for the
relation a story is about, and a country the body mentions once in passing ("comme le Japon
l'a fait", "l'Union douanière regroupant la Russie, la Biélorussie et le Kazakhstan") would
file the story under a relation it says nothing about. So a country counts when:

- the title or the lead names it (what the story announces);
- the body names it at least twice (the dateline's place counts as one mention);
- the body names it once, but as a party: joined to the home country as the other side of a
  relation ("le Vietnam et le Japon", "Vietnam-Japon", "du Vietnam avec la Chine",
  "vietnamo-japonais", "le Vietnam, le Laos et le Cambodge"), or in the role of a person the
  story names ("le ministre japonais de la Santé X", "l'ambassadeur du Vietnam en France X").

Captions, related links and teasers never reach here: they are not the story.

The main pair is the home country (the archive's own, VN) with its partner: the only partner,
the only one the title names, or one that clearly outweighs the others. A multilateral story
(an organisation or a summit in the title or lead, with three or more partners named there)
gets no single pair, nor does a story whose partners weigh about the same. When the home
country is not named but one of its officials is, it is the home country's story all the same.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.ingest.places import count_countries, country_mentions, organisation_pattern

#: A partner is the main one when it has at least this many times the next one's weight.
MAIN_PARTNER_RATIO = 2.0
#: Weights of one mention in the title, the lead and the rest of the body.
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 3, 2, 1
#: Partners named in the title or lead from which a story with a summit is multilateral.
MULTILATERAL_PARTNERS = 3
#: A place named as a venue: 'au Laos', 'à Vientiane', 'en République de Corée'.
_LOCATION = re.compile(
    r"\b(?:au|aux|en|à|dans)\s+(?:l['’]|la\s+|le\s+|les\s+)?[A-ZÀ-ÝĐ][\w'’-]*(?:\s+(?:de\s+|du\s+)?[A-ZÀ-ÝĐ][\w'’-]*){0,2}"
)
_SUMMIT = re.compile(r"\b(?:sommets?|forums?|multilatéra(?:l|le|ux|les))\b", re.IGNORECASE)
_ARTICLE = r"(?:(?:le|la|les|l'|du|des|de\s+la|de\s+l'|de|d')\s*)?"
#: What stands between two countries named as the two sides of one relation ('le Vietnam et
#: le Japon', 'Vietnam-Japon', 'du Vietnam avec la Chine', 'vietnamo-japonais': nothing).
_AND = re.compile(rf"^\s*(?:(?:et|avec)\s+|[-–/]\s*)?{_ARTICLE}$", re.IGNORECASE)
#: A comma between two countries of a list ('le Vietnam, le Laos et le Cambodge').
_COMMA = re.compile(rf"^\s*,\s*{_ARTICLE}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CountryFinding:
    countries: tuple[str, ...]  #: home country first, then by weight.
    pairs: tuple[str, ...]
    notes: tuple[str, ...]


def find_countries(
    title: str,
    lead: str,
    body: tuple[str, ...],
    place: str | None,
    home_code: str,
    home_officials: tuple[str, ...] = (),
    actors: frozenset[str] = frozenset(),
) -> CountryFinding:
    """Countries and main pair of a story (``lead`` without its dateline; ``body`` after it).

    ``actors`` are the countries named in the roles of the people the story names (see
    people.py): each is a party even when the body names it only once.
    """
    in_title = count_countries(title)
    in_lead = count_countries(lead)
    text = "\n".join(body)
    in_body = count_countries(text)
    parties = actors | joined_with_home(text, home_code)
    if place:
        in_body.update(count_countries(place))
    weight: Counter[str] = Counter()
    for counts, factor in ((in_title, TITLE_WEIGHT), (in_lead, LEAD_WEIGHT), (in_body, BODY_WEIGHT)):
        for code, count in counts.items():
            weight[code] += factor * count
    kept = [
        code
        for code in weight
        if in_title[code] or in_lead[code] or in_body[code] >= 2 or (in_body[code] and code in parties)
    ]
    notes: list[str] = []
    if home_code not in kept and home_officials and kept:
        kept.append(home_code)
        weight[home_code] += 1
        notes.append(
            f"{home_code} ajouté aux pays : la dépêche nomme {home_officials[0]} sans nommer le pays."
        )
    kept.sort(key=lambda code: (code != home_code, -weight[code], code))
    if not kept:
        notes.append("Aucun pays reconnu dans le titre, le chapeau ou le texte.")
        return CountryFinding((), (), tuple(notes))
    partners = [code for code in kept if code != home_code]
    multilateral = _multilateral(title, lead, partners, in_title, in_lead)
    top = _main_partner(partners, weight, count_countries(_LOCATION.sub(" ", title)), multilateral)
    pairs: tuple[str, ...] = ()
    if home_code in kept and top:
        pairs = (f"{home_code}-{top}",)
    elif home_code not in kept and len(partners) == 2 and not multilateral:
        pairs = (f"{partners[0]}-{partners[1]}",)
    elif len(partners) >= 2:
        why = "récit multilatéral" if multilateral else "sans partenaire principal net"
        notes.append(f"Plusieurs pays ({', '.join(kept)}), {why} : pas de paire attribuée.")
    return CountryFinding(tuple(kept), pairs, tuple(notes))


def joined_with_home(text: str, home_code: str) -> set[str]:
    """Countries ``text`` names as the other side of a relation with the home country: next to
    it, joined by 'et', 'avec', a dash or a slash, or in one list with it ('A, B et C'; commas
    alone, as in 'Au Vietnam, le Japon…', do not make a list)."""
    text = text.replace("’", "'")
    mentions = country_mentions(text)
    groups: list[list[str]] = []
    commas: list[bool] = []  # per group: joined by a comma somewhere, and by 'et' somewhere
    ands: list[bool] = []
    previous_end = None
    for start, end, code in mentions:
        gap = text[previous_end:start] if previous_end is not None else None
        if gap is not None and _AND.match(gap):
            groups[-1].append(code)
            ands[-1] = True
        elif gap is not None and _COMMA.match(gap):
            groups[-1].append(code)
            commas[-1] = True
        else:
            groups.append([code])
            commas.append(False)
            ands.append(False)
        previous_end = end
    found: set[str] = set()
    for group, comma, joined in zip(groups, commas, ands, strict=True):
        if home_code in group and len(group) > 1 and (joined or not comma):
            found.update(code for code in group if code != home_code)
    return found


def _multilateral(
    title: str, lead: str, partners: list[str], in_title: Counter[str], in_lead: Counter[str]
) -> bool:
    """A summit or an organisation's meeting: named in the title with no partner there but as
    its venue ('… aux Sommets de l'ASEAN au Laos'), or named in the title or lead together
    with three partners or more."""
    venue_only = not any(count_countries(_LOCATION.sub(" ", title))[code] for code in partners)
    if venue_only and (organisation_pattern().search(title) or _SUMMIT.search(title)):
        return True
    named = [code for code in partners if in_title[code] or in_lead[code]]
    if len(named) < MULTILATERAL_PARTNERS:
        return False
    opening = f"{title}\n{lead}"
    return bool(organisation_pattern().search(opening) or _SUMMIT.search(opening))


def _main_partner(
    partners: list[str], weight: Counter[str], actors_in_title: Counter[str], multilateral: bool
) -> str | None:
    """The partner the title names (other than as a venue), else the only or the clearly
    heaviest one; none for a multilateral story."""
    if not partners:
        return None
    titled = [code for code in partners if actors_in_title[code]]
    if len(titled) == 1:
        return titled[0]
    if multilateral:
        return None
    if len(partners) == 1:
        return partners[0]
    top, second = partners[0], partners[1]
    if weight[top] >= MAIN_PARTNER_RATIO * weight[second]:
        return top
    return None

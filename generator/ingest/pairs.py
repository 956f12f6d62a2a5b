"""The countries a story is about, and its main bilateral pair.

A country counts when the title or the lead names it, or the body names it at least twice
(a passing mention of a third country is not what the story is about); the dateline's place
counts as one mention in the body. Captions, related links and teasers never reach here.

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

from generator.ingest.places import count_countries, organisation_pattern

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
) -> CountryFinding:
    """Countries and main pair of a story (``lead`` without its dateline; ``body`` after it)."""
    in_title = count_countries(title)
    in_lead = count_countries(lead)
    in_body = count_countries("\n".join(body))
    if place:
        in_body.update(count_countries(place))
    weight: Counter[str] = Counter()
    for counts, factor in ((in_title, TITLE_WEIGHT), (in_lead, LEAD_WEIGHT), (in_body, BODY_WEIGHT)):
        for code, count in counts.items():
            weight[code] += factor * count
    kept = [code for code in weight if in_title[code] or in_lead[code] or in_body[code] >= 2]
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

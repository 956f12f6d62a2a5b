"""CleanedStory -> the article's fields: title, date, dateline, countries, pairs, people,
summary, tags, and the review notes for everything that was inferred or not found.

Evidence comes from the title, the lead and the body only: captions, related links and the
trailer (teasers from other days) never count for the date, the countries, the people or the
tags; the teasers' headlines are only carried along for the article's provenance. The date is
decided in dates.py (its year in years.py), the countries and pair in pairs.py, the people in
people.py; this module puts them together with the title and summary.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from generator.ingest.dates import Dateline, find_date, find_dateline, match_dateline, parse_date_hint
from generator.ingest.pairs import find_countries
from generator.ingest.people import PersonFound, find_people
from generator.ingest.places import count_countries, known_places, normalise_place
from generator.ingest.segment import CleanedStory
from generator.ingest.tags import find_tags
from generator.ingest.teasers import teaser_headlines
from generator.ingest.titles import title_from_url

SUMMARY_LIMIT = 320


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    title: str
    date: str | None
    dateline: str | None
    source: str | None
    source_url: str | None
    countries: tuple[str, ...]
    pairs: tuple[str, ...]
    people: tuple[PersonFound, ...]
    summary: str | None
    tags: tuple[str, ...]
    review: tuple[str, ...]
    body: tuple[str, ...]
    date_evidence: str
    teasers: tuple[str, ...] = ()  #: headlines of the other stories after it (provenance only).


def strip_dateline(paragraph: str) -> str:
    """The paragraph without its opening dateline ('Hanoï, 15 mars (VNA) - ')."""
    match = match_dateline(paragraph)
    if match and match.end() < len(paragraph):
        return paragraph[match.end() :].lstrip(" -–—:")
    return paragraph


def extract_article(
    story: CleanedStory,
    *,
    url: str | None = None,
    date_hint: str | None = None,
    fetched_at: str | None = None,
    home_code: str = "VN",
    notes: tuple[str, ...] = (),
) -> ExtractedArticle:
    """Every front matter field of one story, with the reasons an editor must check some.

    ``fetched_at`` (when the page was fetched) is only an upper bound for the year: a story
    cannot be later than its fetch, and it is never the story's date.
    """
    review: list[str] = list(notes)
    url, not_after = _provenance(url, fetched_at, review)
    body = story.paragraphs
    lead_paragraph = strip_dateline(body[0]) if body else ""
    summary = _summary(story.chapeau or lead_paragraph)
    title = story.title
    if not title:
        title, note = _fallback_title(url, summary)
        review.append(note)
    dateline = find_dateline(body)
    lead = " ".join(part for part in (story.chapeau, body[0] if body else "") if part)
    text = "\n".join((title, *([story.chapeau] if story.chapeau else []), *body))
    found = find_date(dateline, lead, text, story.header, date_hint or story.published, not_after)
    review.extend(found.review)
    place = _dateline_place(dateline, story.chapeau or lead_paragraph, review)
    people = find_people(text)
    officials = tuple(person.name for person in people if person.country == home_code)
    found_countries = find_countries(
        title,
        " ".join(part for part in (story.chapeau, lead_paragraph) if part),
        body[1:],
        dateline.place if dateline else None,
        home_code,
        officials,
        actors=_countries_of(people),
    )
    countries, pairs = found_countries.countries, found_countries.pairs
    review.extend(found_countries.notes)
    people = _people_with_countries(people, countries, home_code)
    tags = find_tags(title, text)
    return ExtractedArticle(
        title=title,
        date=found.iso,
        dateline=place,
        source=story.signoff or _agency(dateline),
        source_url=url,
        countries=countries,
        pairs=pairs,
        people=people,
        summary=summary or None,
        tags=tags,
        review=tuple(dict.fromkeys(review)),
        body=body,
        date_evidence=found.evidence,
        teasers=teaser_headlines(story.trailer),
    )


def _provenance(
    url: str | None, fetched_at: str | None, review: list[str]
) -> tuple[str | None, dt.date | None]:
    """The source URL if it is a web address, and the fetch date if readable; a note for each
    one given but unusable."""
    if url is not None and not is_web_address(url):
        review.append(f"Adresse de la source invalide ({url.strip()[:120]!r}) : ignorée.")
        url = None
    not_after = parse_fetched_at(fetched_at)
    if fetched_at and not_after is None:
        review.append(f"Date de collecte illisible ({fetched_at!r}) : ignorée.")
    return (url.strip() if url else None), not_after


def is_web_address(url: str) -> bool:
    """An absolute http(s) URL on one line: what the content format accepts as source_url."""
    parts = urlsplit(url.strip())
    return (
        parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in url.strip())
    )


def parse_fetched_at(value: str | None) -> dt.date | None:
    """'2025-05-03', '2025-05-03T10:22:00Z' or '03/05/2025' -> that day; '2025-05' -> the month's
    last day (an upper bound); anything unreadable -> None."""
    iso = parse_date_hint(value)
    if iso is None:
        return None
    year, month = int(iso[:4]), int(iso[5:7])
    day = int(iso[8:10]) if len(iso) == 10 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


def _dateline_place(dateline: Dateline | None, lead: str, review: list[str]) -> str | None:
    """The dateline's place in the archive's spelling, else a known city the lead says the story
    happened in (with a note)."""
    if dateline and dateline.place:
        return normalise_place(dateline.place)
    place = _place_in_lead(lead)
    if place:
        review.append(f"Pas de ligne de date : lieu « {place} » repris du chapeau.")
    return place


_AT_PLACE = re.compile(r"\b(?:à|en)\s+(?P<place>[A-ZÀ-ÝĐ][\w'’-]+(?:[ -][A-ZÀ-ÝĐ][\w'’-]+){0,2})")


def _place_in_lead(lead: str) -> str | None:
    """'… se sont entretenus jeudi à Minsk …' -> 'Minsk', when it is a known city."""
    places = known_places()
    for match in _AT_PLACE.finditer(lead):
        if match.group("place").lower() in places:
            return normalise_place(match.group("place"))
    return None


def _agency(dateline: Dateline | None) -> str | None:
    """The agency of a dateline: '(VNA/CVN)' -> 'VNA', '(Xinhua/VNA)' -> 'VNA', '(AFP)' -> 'AFP'."""
    if not (dateline and "(" in dateline.text):
        return None
    agencies = re.split(r"\s*[/-]\s*", dateline.text.rsplit("(", 1)[1].rstrip(")"))
    for home in ("VNA", "AVI", "TTXVN"):
        if home in agencies:
            return home
    return agencies[0] or None


def _summary(text: str) -> str:
    """The lead, cut after its first sentences when it is long."""
    text = text.strip()
    if len(text) <= SUMMARY_LIMIT:
        return text
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-ÝÉ])", text)
    summary = sentences[0]
    for sentence in sentences[1:]:
        if len(summary) + len(sentence) + 1 > SUMMARY_LIMIT:
            break
        summary += " " + sentence
    return summary


def _fallback_title(url: str | None, summary: str) -> tuple[str, str]:
    if url:
        title = title_from_url(url)
        if title:
            return (
                title,
                f"Titre absent du texte, reconstruit à partir de l'adresse de la source ({_slug_of(url)}) : "
                "vérifier les accents et la casse.",
            )
    words = summary.split()
    title = " ".join(words[:12]).rstrip(",;:") + ("…" if len(words) > 12 else "")
    return (
        title or "Sans titre",
        "Titre absent du texte et de l'adresse : repris du début du chapeau, à réécrire.",
    )


def _slug_of(url: str) -> str:
    return unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])


def _countries_of(people: tuple[PersonFound, ...]) -> frozenset[str]:
    """The countries of the people a story names with a role, and those their roles name
    ('ambassadeur du Vietnam en France' names both): the story's actors (see pairs.py)."""
    codes = {person.country for person in people if person.country}
    for person in people:
        codes.update(count_countries(person.role) if person.role else ())
    return frozenset(codes)


def _people_with_countries(
    people: tuple[PersonFound, ...], countries: tuple[str, ...], home_code: str
) -> tuple[PersonFound, ...]:
    """A counterpart of a home-country official with no stated country is the partner's."""
    partners = [code for code in countries if code != home_code]
    resolved = []
    for person in people:
        if person.counterpart and len(partners) == 1:
            person = PersonFound(person.name, person.role, partners[0])
        resolved.append(person)
    return tuple(resolved)

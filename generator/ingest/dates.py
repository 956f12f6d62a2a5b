"""The story's date, its precision and the evidence for it.

Sources, most reliable first: a dateline with a year ("Hanoï, 1er mars 2017 (VNA)"), a
numeric date ("03/02/2026"), the page's own publication metadata, a dateline without a year
("Minsk, 27 juin (VNA)") whose year is inferred from the story (years.py), the crawler
header's full date, then a date in the lead ("Le 17 décembre à Hanoï", "Dans la matinée du 8
octobre", "mardi 28 avril"), then the header's month. Never the current year or a file time:
the fetch date (``not_after``) is only an upper bound. Whatever is inferred or unknown is
explained in French review notes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.ingest.calendar_fr import MONTHS, month_pattern, weekday_pattern
from generator.ingest.years import infer_year, span, valid_date, year_window

_MONTH = month_pattern()
_WEEKDAY = weekday_pattern()
_PLACE = r"(?P<place>[A-ZÀ-ÝĐ][\w'’.-]*(?:[ -][\w'’.-]+){0,4}?)"
#: Agencies named in datelines: the VNA and its French titles, and the agencies it relays.
_AGENCIES = (
    r"VNA|AVI|TTXVN|CVN|VOV|VOVworld|VNS|AFP|AP|Reuters|Xinhua|Kyodo|Yonhap|Bernama|Antara|KPL|AKP"
    r"|Prensa Latina|TASS|Sputnik|ANI|PTI|PNA"
)
_AGENCY = rf"\((?P<agency>(?:{_AGENCIES})(?:\s*[/-]\s*(?:{_AGENCIES}))*)\)"
_SEPARATOR = r"(?P<separator>[-–—:])"
DATELINE = re.compile(
    rf"^{_PLACE}\s*,\s*(?:le\s+)?(?:(?P<weekday>{_WEEKDAY})\s+)?(?P<day>\d{{1,2}})(?:\s?(?:er|e))?\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>\d{{4}}))?\s*(?:{_AGENCY})?\s*{_SEPARATOR}?\s*",
    re.IGNORECASE,
)
DATELINE_NUMERIC = re.compile(
    rf"^(?:{_PLACE}\s*,\s*)?(?:le\s+)?(?P<day>\d{{1,2}})(?P<mark>[/.-])(?P<month>\d{{1,2}})(?P=mark)(?P<year>\d{{4}})"
    rf"\s*(?:{_AGENCY})?\s*{_SEPARATOR}?\s*"
)
DATELINE_PLACE_ONLY = re.compile(rf"^{_PLACE}\s*{_AGENCY}\s*{_SEPARATOR}?\s*")
#: A dateline glued after the chapeau in one paragraph: '… partenariat. Hanoï, 15 mars (VNA) - …'.
_DATELINE_INSIDE = re.compile(r"(?<=[.!?»”] )(?=[A-ZÀ-ÝĐ][^.!?()\n]{1,60}\((?:" + _AGENCIES + r")[/)-])")
_LEAD_DATE = re.compile(
    rf"(?:\b(?:[Ll]e|[Dd]u|[Cc]e|[Dd]ès\s+le)\s+(?:(?P<weekday>{_WEEKDAY})\s+)?"
    rf"|\b(?P<weekday2>{_WEEKDAY})\s+(?:(?:matin|midi|soir|après-midi)\s+)?)"
    rf"(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})(?:\s+(?P<year>(?:19|20)\d{{2}}))?\b"
    r"(?!\s*(?:au|-|–)\s*\d)",
    re.IGNORECASE,
)
_WEEKDAY_WORD = re.compile(rf"\b(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")
_NUMERIC_HINT = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None
    day: int | None
    month: int | None
    year: int | None
    weekday: str | None
    text: str  #: the dateline as written, for review notes.


@dataclass(frozen=True, slots=True)
class DateFinding:
    iso: str | None  #: '2017-06-27', '2017-06', '2017' or None.
    evidence: str  #: what the date rests on.
    review: tuple[str, ...] = ()


def match_dateline(paragraph: str) -> re.Match[str] | None:
    """The dateline opening ``paragraph``: a place and a date, or a place and an agency, or a
    numeric date. A place and a date with neither agency, year nor dash is not one ('Paris, 3
    février, les …' is a sentence), nor is a bare numeric date ('09/10/2024 16:05' is a stamp)."""
    match = DATELINE_NUMERIC.match(paragraph)
    anchored = match and (match.group("place") or match.group("agency") or match.group("separator"))
    if anchored and valid_date(int(match.group("year")), int(match.group("month")), int(match.group("day"))):
        return match
    match = DATELINE.match(paragraph)
    if match and (match.group("agency") or match.group("year") or match.group("separator")):
        year = int(match.group("year")) if match.group("year") else 2000
        if valid_date(year, MONTHS[match.group("month").lower()], int(match.group("day"))):
            return match
    return DATELINE_PLACE_ONLY.match(paragraph)


def dateline_starts(paragraph: str) -> list[int]:
    """Offsets in ``paragraph`` where a dateline starts: 0 if it opens with one, then any
    dateline with an agency glued after a sentence ('… partenariat. Hanoï, 15 mars (VNA) - …')."""
    starts = [0] if match_dateline(paragraph) else []
    for inside in _DATELINE_INSIDE.finditer(paragraph[:600]):
        match = match_dateline(paragraph[inside.start() :])
        if match and match.group("agency"):
            starts.append(inside.start())
    return starts


def find_dateline(paragraphs: tuple[str, ...]) -> Dateline | None:
    """The dateline at the start of one of the first paragraphs (or glued after a chapeau)."""
    for paragraph in paragraphs[:3]:
        for start in dateline_starts(paragraph):
            match = match_dateline(paragraph[start:])
            if match:
                return _dateline(match)
    return None


def _dateline(match: re.Match[str]) -> Dateline:
    groups = match.groupdict()
    text = match.group(0).strip(" -–—:")
    if groups.get("day") is None:
        return Dateline(match.group("place"), None, None, None, None, text)
    month = match.group("month")
    return Dateline(
        groups.get("place"),
        int(match.group("day")),
        int(month) if month.isdigit() else MONTHS[month.lower()],
        int(match.group("year")) if match.group("year") else None,
        groups.get("weekday"),
        text,
    )


def find_date(
    dateline: Dateline | None,
    lead: str,
    story: str,
    header: str | None,
    date_hint: str | None,
    not_after: dt.date | None = None,
) -> DateFinding:
    """Decide the date from the dateline, the lead and the clues in ``story`` (title, lead and
    body only: never captions, related links or teasers)."""
    if dateline and dateline.year and dateline.day and dateline.month:
        iso = f"{dateline.year:04d}-{dateline.month:02d}-{dateline.day:02d}"
        return DateFinding(iso, f"dateline « {dateline.text} »")
    hint = parse_date_hint(date_hint)
    if hint:
        return DateFinding(hint, f"métadonnées de la page ({date_hint})")
    header_iso = parse_date_hint(header)
    if dateline and dateline.day and dateline.month:
        return _with_year(
            dateline.day,
            dateline.month,
            dateline.weekday,
            f"« {dateline.text} »",
            lead,
            story,
            header_iso,
            not_after,
        )
    if header_iso and len(header_iso) == 10:
        return DateFinding(
            header_iso,
            f"en-tête du crawler {header}",
            (
                f"Date tirée de l'en-tête du crawler ({header}), la date de la page : la dépêche n'a pas "
                "de ligne de date datée, vérifier.",
            ),
        )
    lead_match = _LEAD_DATE.search(lead)
    if lead_match:
        return _lead_date(lead_match, lead, story, header_iso, not_after)
    return _without_day(lead, story, header_iso, not_after)


def parse_date_hint(value: str | None) -> str | None:
    """'2017-06-27T10:00:00+07:00' -> '2017-06-27'; '27/06/2017' -> '2017-06-27'; '2025-05' ->
    '2025-05'; anything else (or an impossible date) -> None."""
    if not value:
        return None
    match = _ISO.match(value)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
    else:
        numeric = _NUMERIC_HINT.match(value)
        if not numeric:
            return None
        day, month, year = int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3))
    if not (1 <= year <= 9999 and valid_date(year, month, day or 1)):
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def _lead_date(
    match: re.Match[str], lead: str, story: str, header: str | None, not_after: dt.date | None
) -> DateFinding:
    day, month = int(match.group("day")), MONTHS[match.group("month").lower()]
    written = match.group(0).strip()
    caution = (
        f"Date tirée du chapeau (« {written} »), faute de ligne de date : vérifier qu'il s'agit bien "
        "de la date de la dépêche."
    )
    if match.group("year") and valid_date(int(match.group("year")), month, day):
        return DateFinding(
            f"{int(match.group('year')):04d}-{month:02d}-{day:02d}", f"chapeau « {written} »", (caution,)
        )
    weekday = match.group("weekday") or match.group("weekday2")
    found = _with_year(day, month, weekday, f"chapeau « {written} »", lead, story, header, not_after)
    if found.iso:
        return DateFinding(found.iso, found.evidence, (caution, *found.review))
    return found


def _with_year(
    day: int,
    month: int,
    weekday: str | None,
    source: str,
    lead: str,
    story: str,
    header: str | None,
    not_after: dt.date | None,
) -> DateFinding:
    attached = weekday is not None
    finding = infer_year(
        day,
        month,
        story,
        weekday=weekday or _weekday_in(lead),
        weekday_attached=attached,
        header=header,
        not_after=not_after,
    )
    reasons = " ; ".join(finding.reasons)
    extra = (finding.note,) if finding.note else ()
    if finding.year is not None:
        iso = f"{finding.year:04d}-{month:02d}-{day:02d}"
        if finding.written:
            # the story writes this day with a year, maybe about another occasion: say so
            note = (
                f"Année tirée du texte ({finding.reasons[0]}), absente de la dépêche ({source}) : "
                "vérifier qu'il s'agit bien du jour de la dépêche."
            )
            return DateFinding(iso, f"{source} et {finding.reasons[0]}", (note, *extra))
        note = f"Année déduite du texte, absente de la dépêche ({source}) : {reasons} donnent {finding.year}."
        return DateFinding(iso, f"{source} + {reasons}", (note, *extra))
    window = f" ; années possibles : {span(finding.candidates)}" if finding.candidates else ""
    because = f" (indices : {reasons})" if reasons else ""
    note = f"Date partielle : {source} sans année ; l'année n'a pas pu être établie{because}{window}."
    return DateFinding(None, source, (note, *extra))


def _weekday_in(text: str) -> str | None:
    match = _WEEKDAY_WORD.search(text)
    return match.group("weekday") if match else None


def _without_day(lead: str, story: str, header: str | None, not_after: dt.date | None) -> DateFinding:
    if header:
        return DateFinding(
            header,
            f"en-tête du crawler {header}",
            (
                f"Date tirée de l'en-tête du crawler ({header}), la date de la page, absente du texte "
                "de la dépêche : vérifier le jour.",
            ),
        )
    clues, years = year_window(story, not_after)
    weekday = _weekday_in(lead)
    found = f"la dépêche ne donne que « {weekday} »" if weekday else "aucune date dans la dépêche"
    window = f" ; fenêtre d'après le texte : {span(years)} ({' ; '.join(clues)})" if years else ""
    return DateFinding(None, found, (f"Date inconnue : {found}{window}.",))

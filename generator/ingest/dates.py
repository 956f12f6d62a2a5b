"""The story's date, its precision and the evidence for it.

Sources, most reliable first: a dateline with a year ("Hanoï, 1er mars 2017 (VNA)"), a
numeric date ("03/02/2026"), the page's own publication metadata, then a dateline without a
year ("Minsk, 27 juin (VNA)") whose year is inferred only from clues in the story itself (the
same day written with its year, a period "2016-2018", "25 ans depuis 1992", the weekday
checked against the calendar) or from the crawler header's month. Never the current year or
a file time. Whatever is inferred or unknown is explained in French review notes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "janvier": 1,
    "février": 2,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "août": 8,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "décembre": 12,
    "decembre": 12,
}
MONTH_NAMES = (
    "",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_PLACE = r"(?P<place>[A-ZÀ-ÝĐ][\w'’.-]*(?:[ -][\w'’.-]+){0,4}?)"
_AGENCY = r"\((?P<agency>VNA|AVI|TTXVN|CVN|AFP|Reuters|Xinhua)\)"
DATELINE = re.compile(
    rf"^{_PLACE}\s*,\s*(?:(?P<weekday>{_WEEKDAY})\s+)?(?P<day>\d{{1,2}})(?:er|e)?\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>\d{{4}}))?\s*(?:{_AGENCY})?\s*[-–—:]?\s*",
    re.IGNORECASE,
)
DATELINE_NUMERIC = re.compile(
    rf"^(?:{_PLACE}\s*,\s*)?(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})/(?P<year>\d{{4}})\s*(?:{_AGENCY})?\s*[-–—:]?\s*"
)
DATELINE_PLACE_ONLY = re.compile(rf"^{_PLACE}\s*{_AGENCY}\s*[-–—:]\s*")
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE
)
_LEAD_DATE = re.compile(
    rf"\b[Ll]e\s+(?:(?P<weekday>{_WEEKDAY})\s+)?(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{_MONTH})"
    rf"(?:\s+(?P<year>(?:19|20)\d{{2}}))?\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"\b(?P<start>(?:19|20)\d{2})\s*[-–/]\s*(?P<end>(?:19|20)\d{2})\b")
_ANNIVERSARY = re.compile(
    r"\b(?P<years>\d{1,3})(?:e|ème)?\s+(?:dernières\s+|premières\s+)?(?:ans|années|anniversaire)\b"
    r"[^.]{0,140}?\b(?:depuis|en|de)\s+(?:[^.]{0,80}?\s)?(?:en\s+)?(?P<since>(?:19|20)\d{2})\b"
)
_WEEKDAY_WORD = re.compile(rf"\b(?P<weekday>{_WEEKDAY})\b", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")


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


def find_dateline(paragraphs: tuple[str, ...]) -> Dateline | None:
    """The dateline at the start of one of the first paragraphs, if any."""
    for paragraph in paragraphs[:3]:
        match = DATELINE.match(paragraph) or DATELINE_NUMERIC.match(paragraph)
        if match and (match.re is DATELINE_NUMERIC or match.group("agency") or match.group("year")):
            month = match.group("month")
            month_number = int(month) if month.isdigit() else MONTHS[month.lower()]
            year = int(match.group("year")) if match.group("year") else None
            day = int(match.group("day"))
            if not _valid(year or 2000, month_number, day):
                continue
            weekday = match.groupdict().get("weekday")
            return Dateline(
                match.group("place"), day, month_number, year, weekday, match.group(0).strip(" -–—:")
            )
        match = DATELINE_PLACE_ONLY.match(paragraph)
        if match:
            return Dateline(match.group("place"), None, None, None, None, match.group(0).strip(" -–—:"))
    return None


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def find_date(
    dateline: Dateline | None, lead: str, story: str, header: str | None, date_hint: str | None
) -> DateFinding:
    """Decide the date from the dateline, the lead and the clues in ``story`` (title, lead and
    body only: never captions, related links or teasers)."""
    if dateline and dateline.year and dateline.day:
        return DateFinding(
            f"{dateline.year:04d}-{dateline.month:02d}-{dateline.day:02d}", f"dateline « {dateline.text} »"
        )
    if date_hint and _ISO.match(date_hint):
        year, month, day = _ISO.match(date_hint).groups()  # type: ignore[union-attr]
        return DateFinding(
            f"{year}-{month}" + (f"-{day}" if day else ""), f"métadonnées de la page ({date_hint})"
        )
    day = month = None
    source = ""
    weekday = None
    if dateline and dateline.day:
        day, month, weekday, source = dateline.day, dateline.month, dateline.weekday, f"« {dateline.text} »"
    else:
        lead_match = _LEAD_DATE.search(lead)
        if lead_match:
            day, month = int(lead_match.group("day")), MONTHS[lead_match.group("month").lower()]
            weekday = lead_match.group("weekday")
            if lead_match.group("year") and _valid(int(lead_match.group("year")), month, day):
                iso = f"{int(lead_match.group('year')):04d}-{month:02d}-{day:02d}"
                return DateFinding(
                    iso,
                    f"chapeau « {lead_match.group(0)} »",
                    (
                        f"Date tirée du chapeau (« {lead_match.group(0)} »), faute de ligne de date : "
                        "vérifier "
                        "qu'il s'agit bien de la date de la dépêche.",
                    ),
                )
            source = f"chapeau « {lead_match.group(0)} »"
    if day is None or month is None:
        return _without_day(lead, story, header)
    return _infer_year(day, month, weekday or _weekday_in(lead), source, story, header)


def _weekday_in(text: str) -> str | None:
    match = _WEEKDAY_WORD.search(text)
    return match.group("weekday") if match else None


def _infer_year(
    day: int, month: int, weekday: str | None, source: str, story: str, header: str | None
) -> DateFinding:
    written = f"{day}{'er' if day == 1 else ''} {MONTH_NAMES[month]}"
    for match in _DAY_MONTH_YEAR.finditer(story):
        if int(match.group("day")) == day and MONTHS[match.group("month").lower()] == month:
            year = int(match.group("year"))
            return DateFinding(
                f"{year:04d}-{month:02d}-{day:02d}", f"{source} et « {match.group(0)} » dans le texte"
            )
    clues, candidates = _year_clues(story)
    header_year = _header_year(header, month)
    if header_year is not None:
        clues.append(f"en-tête du crawler {header}")
        candidates.append({header_year})
    years = set.intersection(*candidates) if candidates else set()
    if candidates and not years:
        years = candidates[0]
    if weekday:
        target = WEEKDAYS[weekday.lower()]
        window = years or set(range(1945, 2100))
        matching = {
            year
            for year in window
            if _valid(year, month, day) and dt.date(year, month, day).weekday() == target
        }
        if years:
            years = matching or years
        clues.append(f"« {weekday} » le {written}")
    reasons = " ; ".join(clues)
    if len(years) == 1:
        year = years.pop()
        if _valid(year, month, day):
            return DateFinding(
                f"{year:04d}-{month:02d}-{day:02d}",
                f"{source} + {reasons}",
                (f"Année déduite du texte, absente de la dépêche ({source}) : {reasons} donnent {year}.",),
            )
    window = f" ; années possibles : {_span(years)}" if years else ""
    because = f" (indices : {reasons})" if reasons else ""
    return DateFinding(
        None,
        source,
        (f"Date partielle : {source} sans année ; l'année n'a pas pu être établie{because}{window}.",),
    )


def _span(years: set[int]) -> str:
    ordered = sorted(years)
    return f"{ordered[0]}-{ordered[-1]}" if len(ordered) > 1 else str(ordered[0])


def _year_clues(story: str) -> tuple[list[str], list[set[int]]]:
    """Year candidates from the story: '25 ans depuis 1992' -> {2017}; 'pour 2016-2018' -> 2016..2018."""
    clues: list[str] = []
    candidates: list[set[int]] = []
    for match in _ANNIVERSARY.finditer(story):
        year = int(match.group("since")) + int(match.group("years"))
        if 1900 < year < 2100:
            clues.append(f"{match.group('years')} ans depuis {match.group('since')}")
            candidates.append({year})
    for match in _PERIOD.finditer(story):
        start, end = int(match.group("start")), int(match.group("end"))
        if start < end <= start + 10:
            clues.append(f"période {start}-{end}")
            candidates.append(set(range(start, end + 1)))
    return clues, candidates


def _header_year(header: str | None, month: int) -> int | None:
    """The crawl happens after publication: same month -> that year; a later month -> that year;
    an earlier month -> the year before (only within a year of the crawl)."""
    if not header:
        return None
    match = _ISO.match(header)
    if not match:
        return None
    year, header_month = int(match.group(1)), int(match.group(2))
    return year if month <= header_month else year - 1


def _without_day(lead: str, story: str, header: str | None) -> DateFinding:
    clues, candidates = _year_clues(story)
    weekday = _weekday_in(lead)
    if header:
        return DateFinding(
            header,
            f"en-tête du crawler {header}",
            (
                f"Date tirée de l'en-tête du crawler ({header}), absente du texte de la dépêche : "
                "c'est la date de collecte, vérifier la date de publication.",
            ),
        )
    found = f"la dépêche ne donne que « {weekday} »" if weekday else "aucune date dans la dépêche"
    window = ""
    if candidates:
        years = set.union(*candidates)
        window = f" ; fenêtre d'après le texte : {_span(years)} ({' ; '.join(clues)})"
    return DateFinding(None, found, (f"Date inconnue : {found}{window}.",))

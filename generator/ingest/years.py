"""The year of a story whose dateline or lead gives only a day and a month.

Wire copy from the agency rarely writes the year ("Minsk, 27 juin (VNA)"), so the year comes
from clues in the story itself, each a set of possible years:

- strong clues, each naming one year: the same day written with its year ("le 27 juin 2017"),
  an anniversary ("25 ans depuis 1992", "le 50e anniversaire … en 1973", "2022 marque le 60e
  anniversaire"), the crawler header's month (the page's own month, written by the scraper);
- a period ("pour 2016-2018"): the story is inside it, one year either side allowed;
- bounds: the story is not earlier than MIN_YEAR nor than a year it says happened "depuis"
  it, not later than the year after a target it says is "d'ici" ahead, and never later than
  the moment the page was fetched (``not_after``, from --fetched-at or a batch's
  ``fetched_at``): when a weekday fits several years under that bound, the latest is taken
  and the review note says so;
- the weekday: "jeudi 27 juin" fits one year in five or six; a weekday written beside the day
  must fit, a weekday elsewhere in the lead is used only when it fits some candidate.

Years that are plainly not the story's own (a plan "2021-2025", "d'ici 2030", "depuis 1992")
are never taken as the year by themselves. Nothing here reads the clock: a year is inferred
only from the story and the fetch date, and the reasons go into French review notes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.ingest.calendar_fr import MONTH_NAMES, MONTHS, WEEKDAYS, month_pattern

#: No story in the archive predates the agency's French web service.
MIN_YEAR = 1990
#: With a weekday and no other clue, the review note lists the fitting years up to this one.
LISTED_UNTIL = 2040
#: A period "2016-2018" counts as a clue only when it spans at most this many years.
MAX_PERIOD = 10

_YEAR = r"(?:19|20)\d{2}"
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:er)?\s+(?P<month>{month_pattern()})\s+(?P<year>{_YEAR})\b", re.IGNORECASE
)
_PERIOD = re.compile(rf"\b(?P<start>{_YEAR})\s*[-–/]\s*(?P<end>{_YEAR})\b")
_SPAN = r"\b(?P<years>\d{1,3})(?:e|ème|è)?\s+(?:dernières\s+|premières\s+)?(?:ans|années|anniversaire)\b"
#: Words between an anniversary and its start year that do not say when it is celebrated.
_QUIET = r"(?:(?!célébr|fêt|commémor|organis)[^.]){0,140}?"
_STARTED = (
    r"\b(?:établi|établissement|fond|signature|signé|création|créé|naissance|libération|réunification"
    r"|victoire|adhésion|admission|normalisation|indépendance)\w*"
)
#: A day written before a year inside parentheses: '2 décembre ', '1er août ', '2/9/'.
_DAY_MONTH = r"(?:\d{1,2}(?:er)?\s+\w+\s+|\d{1,2}/\d{1,2}/)"
#: '25 ans depuis 1992', '25 dernières années depuis l'établissement des relations en 1992',
#: '63e anniversaire des relations (2 décembre 1960 - 2 décembre 2023)', '80e anniversaire de
#: la Fête nationale (2 septembre 1945)'.
_ANNIVERSARIES = (
    re.compile(rf"{_SPAN}{_QUIET}\bdepuis\s+(?:l['’]année\s+)?(?P<since>{_YEAR})\b"),
    re.compile(
        rf"{_SPAN}{_QUIET}{_STARTED}{_QUIET}\b(?:en|le\s+\d{{1,2}}(?:er)?\s+\w+)\s+(?P<since>{_YEAR})\b"
    ),
    re.compile(
        rf"{_SPAN}[^.]{{0,140}}?\(\s*{_DAY_MONTH}?(?P<since>{_YEAR})\s*[-–]\s*{_DAY_MONTH}?(?P<until>{_YEAR})\s*\)"
    ),
    re.compile(rf"{_SPAN}{_QUIET}\(\s*{_DAY_MONTH}?(?P<since>{_YEAR})\s*\)"),
)
_MARKS = re.compile(
    rf"\b(?P<year>{_YEAR})\s+(?:marque|marquera|célèbre|coïncide avec)\s+(?:le|la|les)\s+"
    r"(?P<years>\d{1,3})(?:e|ème|è)\s+anniversaire"
)
_SINCE = re.compile(rf"\bdepuis\s+(?:(?:le\s+)?(?:début|fin)\s+(?:de\s+)?|l['’]année\s+)?(?P<year>{_YEAR})\b")
_BY = re.compile(
    rf"\b(?:d['’]ici(?:\s+à)?|à\s+l['’]horizon)\s+(?:(?:la\s+)?(?:fin|début)\s+(?:de\s+l['’]année\s+|de\s+)?)?"
    rf"(?P<year>{_YEAR})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class YearFinding:
    year: int | None
    reasons: tuple[str, ...]  #: the clues, in French, for the review note.
    candidates: frozenset[int] = frozenset()  #: the years still possible when none was chosen.
    note: str | None = None  #: an extra review note (several years fitted, a clue disagreed).
    written: bool = False  #: the story writes this very day with its year: nothing was guessed.


@dataclass(slots=True)
class _Clues:
    strong: list[tuple[str, set[int]]] = field(default_factory=list)
    periods: list[tuple[str, set[int]]] = field(default_factory=list)
    low: int = MIN_YEAR
    high: int | None = None
    bounds: list[str] = field(default_factory=list)


def valid_date(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= year <= 9999 and 1 <= day <= calendar.monthrange(year, month)[1]


def same_day_years(day: int, month: int, story: str) -> list[int]:
    """Years written beside this very day in the story ('le 27 juin 2017'), in text order."""
    return [
        int(match.group("year"))
        for match in _DAY_MONTH_YEAR.finditer(story)
        if int(match.group("day")) == day and MONTHS[match.group("month").lower()] == month
    ]


def infer_year(
    day: int,
    month: int,
    story: str,
    *,
    weekday: str | None = None,
    weekday_attached: bool = False,
    header: str | None = None,
    not_after: dt.date | None = None,
) -> YearFinding:
    """The year of '``day`` ``month``' in ``story`` (title, lead and body only), or why not."""
    clues = _clues(story, header, month, day, not_after)

    def possible(year: int) -> bool:
        return _possible(year, month, day, clues, not_after)

    written = _same_day(day, month, story, possible, weekday if weekday_attached else None)
    if written is not None:
        return written
    reasons = [reason for reason, _ in clues.strong] + [reason for reason, _ in clues.periods]
    tiers, conflict = _candidate_tiers(clues, possible)
    note = None
    if conflict:
        note = f"Indices d'année contradictoires ({' ; '.join(reason for reason, _ in clues.strong)})."
    candidates, weekday_used = _narrow(tiers, day, month, weekday, weekday_attached)
    if weekday and weekday_used:
        reasons.append(f"« {weekday} » le {describe(day, month)}")
    elif weekday and not tiers:
        fitting = [
            year for year in range(clues.low, LISTED_UNTIL + 1) if _weekday_fits(year, month, day, weekday)
        ]
        reasons.append(
            f"le {describe(day, month)} est un {weekday.lower()} en {', '.join(map(str, fitting))}"
        )
    if not clues.strong:
        reasons.extend(clues.bounds)
    if len(candidates) == 1:
        return YearFinding(next(iter(candidates)), tuple(reasons), frozenset(candidates), note)
    if candidates and weekday and weekday_used and not_after:
        year = max(candidates)
        note = (
            f"Le {describe(day, month)} tombe un {weekday.lower()} en {_list(candidates)} : {year} retenue, "
            f"la plus récente avant la collecte de la page ({not_after.isoformat()}), à vérifier."
        )
        return YearFinding(year, tuple(reasons), frozenset(candidates), note)
    window = candidates if weekday_used else set().union(*tiers) if tiers else set()
    if not (weekday_used or clues.strong or clues.periods):
        window = set()  # the bounds alone ('d'ici 2030') are in the reasons, not a window
    return YearFinding(None, tuple(reasons), frozenset(window), note)


def describe(day: int, month: int) -> str:
    """'1er mars', '27 juin'."""
    return f"{day}{'er' if day == 1 else ''} {MONTH_NAMES[month]}"


def _same_day(
    day: int, month: int, story: str, possible: Callable[[int], bool], weekday: str | None
) -> YearFinding | None:
    """The latest possible year written beside this very day ('le 27 juin 2017'), if any."""
    years = [year for year in same_day_years(day, month, story) if possible(year)]
    if weekday:
        years = [year for year in years if _weekday_fits(year, month, day, weekday)]
    if not years:
        return None
    year = max(years)
    note = None
    if len(set(years)) > 1:
        note = f"Le {describe(day, month)} apparaît avec les années {_list(set(years))} : {year} retenue."
    reason = f"« {describe(day, month)} {year} » dans le texte"
    return YearFinding(year, (reason,), frozenset({year}), note, written=True)


def _narrow(
    tiers: list[set[int]], day: int, month: int, weekday: str | None, attached: bool
) -> tuple[set[int], bool]:
    """The first tier left non-empty by the weekday: a weekday written beside the day must fit;
    one elsewhere in the lead only narrows when some year fits it. Also says if it was used."""
    for tier in tiers:
        candidates, used = tier, False
        if weekday:
            fitting = {year for year in tier if _weekday_fits(year, month, day, weekday)}
            if attached or fitting:
                candidates, used = fitting, True
        if candidates:
            return candidates, used
    return set(), bool(weekday and attached and tiers)


def _candidate_tiers(clues: _Clues, possible: Callable[[int], bool]) -> tuple[list[set[int]], bool]:
    """Sets of possible years, most specific first: the strong clues' common year; else the
    periods as written, then one year wider on each side; else every year the bounds allow.
    The boolean says the strong clues disagreed (the header, if any, is then kept)."""
    if clues.strong:
        sets = [{year for year in years if possible(year)} for _, years in clues.strong]
        common = set.intersection(*sets)
        if common:
            return [common], False
        headers = [years for reason, years in clues.strong if reason.startswith("en-tête")]
        return ([{year for year in headers[0] if possible(year)}] if headers else []), True
    if clues.periods:
        exact = [{year for year in years if possible(year)} for _, years in clues.periods]
        wide = [{year for year in range(min(s) - 1, max(s) + 2) if possible(year)} for _, s in clues.periods]
        return [
            set.intersection(*exact) or set.union(*exact),
            set.intersection(*wide) or set.union(*wide),
        ], False
    if clues.high is not None:
        return [{year for year in range(clues.low, clues.high + 1) if possible(year)}], False
    return [], False


def _possible(year: int, month: int, day: int, clues: _Clues, not_after: dt.date | None) -> bool:
    if not (clues.low <= year and (clues.high is None or year <= clues.high)):
        return False
    if not valid_date(year, month, day):
        return False
    return not_after is None or dt.date(year, month, day) <= not_after


def _weekday_fits(year: int, month: int, day: int, weekday: str) -> bool:
    return valid_date(year, month, day) and dt.date(year, month, day).weekday() == WEEKDAYS[weekday.lower()]


def _clues(story: str, header: str | None, month: int, day: int, not_after: dt.date | None) -> _Clues:
    clues = _Clues()
    anniversaries: dict[tuple[int, int], int] = {}
    for pattern in _ANNIVERSARIES:
        for match in pattern.finditer(story):
            years, since = int(match.group("years")), int(match.group("since"))
            until = match.groupdict().get("until")
            if until is not None and since + years != int(until):
                continue  # '(1973-2023)' beside '45e anniversaire' is some other span
            if MIN_YEAR <= since + years < 2100:
                anniversaries.setdefault((match.start(), years), since)
    for (_, years), since in sorted(anniversaries.items()):
        clues.strong.append((f"{years} ans depuis {since}", {since + years}))
    for match in _MARKS.finditer(story):
        year = int(match.group("year"))
        clues.strong.append((f"« {match.group(0)} »", {year}))
    header_year = closest_header_year(header, month, day)
    if header_year is not None:
        clues.strong.append((f"en-tête du crawler {header}", {header_year}))
    for match in _PERIOD.finditer(story):
        start, end = int(match.group("start")), int(match.group("end"))
        if start < end <= start + MAX_PERIOD:
            clues.periods.append((f"période {start}-{end}", set(range(start, end + 1))))
    since = [int(match.group("year")) for match in _SINCE.finditer(story)]
    if since and max(since) > clues.low:
        clues.low = max(since)
        clues.bounds.append(f"après {clues.low} (« depuis {clues.low} »)")
    targets = [int(match.group("year")) for match in _BY.finditer(story)]
    if targets and min(targets) >= clues.low:
        # a target is ahead of the story, or just behind it when the story takes stock of it
        clues.high = min(targets) + 1
        clues.bounds.append(f"au plus tard {clues.high} (« d'ici {min(targets)} »)")
    if not_after is not None and (clues.high is None or not_after.year < clues.high):
        clues.high = not_after.year
        clues.bounds.append(f"page collectée le {not_after.isoformat()}")
    return clues


def closest_header_year(header: str | None, month: int, day: int) -> int | None:
    """The year that puts '``day`` ``month``' closest to the crawler header's month: the header
    is the page's date as the scraper saw it, so a dateline of 31 December under a header of
    2025-01 is from 2024, and one of 2 November under 2024-10 is from 2024."""
    match = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", header or "")
    if not match:
        return None
    year, header_month = int(match.group(1)), int(match.group(2))
    if not 1 <= header_month <= 12:
        return None
    header_day = int(match.group(3) or 15)
    reference = dt.date(year, header_month, min(max(header_day, 1), 28))
    options = [candidate for candidate in (year - 1, year, year + 1) if valid_date(candidate, month, day)]
    if not options:
        return None
    return min(options, key=lambda candidate: abs((dt.date(candidate, month, day) - reference).days))


def _list(years: set[int] | frozenset[int]) -> str:
    return ", ".join(str(year) for year in sorted(years))


def span(years: set[int] | frozenset[int]) -> str:
    """'2016-2018' for a run of years, '2017' for one."""
    ordered = sorted(years)
    return f"{ordered[0]}-{ordered[-1]}" if len(ordered) > 1 else str(ordered[0])


def year_window(story: str, not_after: dt.date | None = None) -> tuple[list[str], set[int]]:
    """For a story with no day at all: the clues and the years they allow (may be empty)."""
    clues = _clues(story, None, 1, 1, not_after)
    sets = [years for _, years in clues.strong] or [years for _, years in clues.periods]
    reasons = [reason for reason, _ in clues.strong] or [reason for reason, _ in clues.periods]
    if not sets:
        return [], set()
    years = set.union(*sets)
    high = clues.high if clues.high is not None else 9999
    return reasons, {year for year in years if clues.low <= year <= high}

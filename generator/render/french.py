"""French formatting for templates: dates (CLDR via Babel), counts, numbers.

Partial dates are shown honestly: '27 juin 2017', 'juin 2017', '2017', 'date inconnue'.
The first day of a month is written '1er', as French typography requires.
"""

from __future__ import annotations

from functools import lru_cache

from babel.dates import get_month_names
from babel.numbers import format_decimal

from generator.content.model import PartialDate

LOCALE = "fr"
UNKNOWN_DATE = "date inconnue"
_MONTHS = get_month_names("wide", locale=LOCALE)
_MONTHS_SHORT = get_month_names("abbreviated", locale=LOCALE)
_MONTHS_NARROW = get_month_names("narrow", locale=LOCALE)


def month_name(month: int | None) -> str:
    """'juin'; 'mois inconnu' for a year's articles whose month is unknown."""
    return _MONTHS[month] if month is not None else "mois inconnu"


def month_abbreviation(month: int) -> str:
    """'janv.', 'mars' (CLDR): table headers where twelve months must fit."""
    return _MONTHS_SHORT[month]


def month_initial(month: int) -> str:
    """'J', 'F', 'M'... (CLDR narrow names): chart axes, read in sequence."""
    return _MONTHS_NARROW[month]


def format_date(date: PartialDate) -> str:
    if date.year is None:
        return UNKNOWN_DATE
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{month_name(date.month)} {date.year}"
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {month_name(date.month)} {date.year}"


@lru_cache(maxsize=8192)
def format_number(value: int) -> str:
    """'10 000' with the narrow no-break space CLDR uses for French (cached: Babel takes
    tens of microseconds a call, and list pages format the same few counts thousands of times)."""
    return format_decimal(value, locale=LOCALE)


def count_noun(count: int, singular: str, plural: str | None = None) -> str:
    """'1 article', '2 articles', '0 article' (French treats 0 and 1 as singular)."""
    noun = singular if count < 2 else (plural or singular + "s")
    return f"{format_number(count)} {noun}"


def rfc3339(date: PartialDate) -> str | None:
    """Start of the known period as an Atom/sitemap timestamp; None when undated."""
    if date.year is None:
        return None
    return f"{date.year:04d}-{date.month or 1:02d}-{date.day or 1:02d}T00:00:00Z"

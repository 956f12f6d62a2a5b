"""The text being cleaned and what the cleaning rules took out of it (clean.py, removals.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Draft:
    """The text being cleaned, and what the rules took out of it."""

    text: str
    header: str | None = None  #: value of a crawler header line ('2025-05', '2025-05-03').
    captions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    trailer: str = ""  #: everything after the sign-off or 'Voir plus' (other days' teasers).
    signoff: str | None = None  #: the agency named by the sign-off ('VNA', 'AVI').
    footers: tuple[str, ...] = ()
    published: str | None = None  #: the page's own publication stamp ('2024-10-09'), if shown.


Rule = Callable[[Draft], Draft]


def lines_of(draft: Draft) -> list[str]:
    """The draft's text, line by line."""
    return draft.text.split("\n")


def join_trailer(first: str, second: str) -> str:
    """Two trailers (teasers after the sign-off, a 'Voir plus' block) as one."""
    return "\n\n".join(part for part in (first, second) if part)

"""Cleaned text -> title, lead, body paragraphs (a CleanedStory).

Scraped pages repeat things: the title once as a headline and once as a variant ("Vietnam et
Biélorussie…" / "Le Vietnam et la Biélorussie…"), the chapeau once alone and once as the
first paragraph (sometimes with the dateline, sometimes glued to it in one paragraph). We keep
the fuller title, keep one copy of the lead in the body (the one with more text, which the
other lost a clause of; between two of the same length, the cleaner one), give it the
dateline if only the other copy had it, and record what we dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.ingest.clean import Draft
from generator.ingest.dates import dateline_starts, match_dateline
from generator.ingest.lexicon import is_word

#: Two texts are "the same" when this share of the shorter one's words is in the longer one.
SAME_TEXT = 0.8
MAX_TITLE_LENGTH = 220
_DATELINE_START = re.compile(r"^[A-ZÀ-ÝĐ][^,()\n]{1,40}(?:,[^()\n]{1,30})?\s*\((?:VNA|AVI|TTXVN|CVN)\)")


@dataclass(frozen=True, slots=True)
class CleanedStory:
    title: str | None
    chapeau: str | None  #: the lead when the page gave it apart from the body.
    paragraphs: tuple[str, ...]
    dropped: tuple[str, ...]  #: title variants and duplicate leads that were left out.
    captions: tuple[str, ...]
    related: tuple[str, ...]
    trailer: str
    header: str | None
    signoff: str | None
    published: str | None = None  #: the page's publication stamp found in the text.


def words_of(text: str) -> list[str]:
    """Lower-case, accent-free words, for comparing two versions of a text."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return re.findall(r"[a-z0-9]+", folded)


def containment(one: str, other: str) -> float:
    """Share of the shorter text's words found in the longer one (0..1)."""
    first, second = set(words_of(one)), set(words_of(other))
    if not first or not second:
        return 0.0
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    return len(small & large) / len(small)


def title_like(paragraph: str) -> bool:
    """Short, not ending like a sentence, not a dateline: what a headline looks like."""
    return (
        len(paragraph) <= MAX_TITLE_LENGTH
        and not paragraph.rstrip().endswith((".", ":", ";", ","))
        and not _DATELINE_START.match(paragraph)
    )


def segment_story(draft: Draft, title_hint: str | None = None) -> CleanedStory:
    """Split ``draft.text`` (paragraphs separated by blank lines) into its parts."""
    paragraphs = [paragraph for paragraph in draft.text.split("\n\n") if paragraph.strip()]
    dropped: list[str] = []
    title = title_hint.strip() if title_hint and title_hint.strip() else None
    if title is None and paragraphs and title_like(paragraphs[0]):
        title = paragraphs.pop(0)
    while title and paragraphs and title_like(paragraphs[0]) and containment(title, paragraphs[0]) >= 0.7:
        variant = paragraphs.pop(0)
        if len(variant) > len(title):
            title, variant = variant, title
        dropped.append(variant)
    if paragraphs:
        paragraphs[0:1] = split_at_dateline(paragraphs[0])
    chapeau = None
    if len(paragraphs) >= 2 and containment(paragraphs[0], paragraphs[1]) >= SAME_TEXT:
        keep, other = _prefer(paragraphs[0], paragraphs[1])
        chapeau = min(paragraphs[0], paragraphs[1], key=len)
        dropped.append(other)
        paragraphs[0:2] = [_carry_dateline(keep, other)]
    return CleanedStory(
        title=title,
        chapeau=chapeau,
        paragraphs=tuple(paragraphs),
        dropped=tuple(dropped),
        captions=draft.captions,
        related=draft.related,
        trailer=draft.trailer,
        header=draft.header,
        signoff=draft.signoff,
        published=draft.published,
    )


def split_at_dateline(paragraph: str) -> list[str]:
    """'Chapeau. Hanoï, 15 mars (VNA) - Lead …' (a lost line break) -> ['Chapeau.', 'Hanoï, …']."""
    for start in dateline_starts(paragraph):
        if start > 0:
            return [paragraph[:start].rstrip(), paragraph[start:]]
    return [paragraph]


def _carry_dateline(kept: str, other: str) -> str:
    """The kept lead, with the dateline that only the dropped copy had."""
    if match_dateline(kept) is None:
        match = match_dateline(other)
        if match is not None and match.end() < len(other):
            return f"{match.group(0).rstrip()} {kept}"
    return kept


#: Two leads whose lengths differ by less than this share are "the same length".
SIMILAR_LENGTH = 0.15


def _prefer(one: str, other: str) -> tuple[str, str]:
    """(kept, dropped): the version with more text (the other one lost a clause), and between
    two of about the same length the one with fewer non-words (glued leftovers)."""

    def unknown_share(text: str) -> float:
        tokens = re.findall(r"[^\W\d_]+", text)
        lower = [token for token in tokens if token.islower()]
        return sum(1 for token in lower if not is_word(token)) / max(len(lower), 1)

    longer, shorter = (one, other) if len(one) >= len(other) else (other, one)
    if len(longer) - len(shorter) > SIMILAR_LENGTH * len(longer):
        return longer, shorter
    return (
        (one, other)
        if (-unknown_share(one), len(one)) >= (-unknown_share(other), len(other))
        else (other, one)
    )

"""Cleaning rules that take scraping noise out of the text and keep it aside.

The crawler header and the page's stamp become evidence for the date; captions, related links
and the trailer after the sign-off (teasers from other days) are kept as provenance, never as
evidence for the story's date or countries; site footers are dropped. Each rule is a named
function listed in clean.RULES.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import replace

from generator.ingest.calendar_fr import MONTHS, month_pattern
from generator.ingest.draft import Draft, join_trailer, lines_of

_HEADER = re.compile(
    r"^\s*date\s*:?\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?)"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])[ \t]*(?P<rest>[^\n]*)$",
    re.IGNORECASE,
)


def take_crawler_header(draft: Draft) -> Draft:
    """A scraper's ' date 2025-05' first line: keep its value as evidence, drop it from the text.

    The scraper often writes the header on the same line as what follows it (the title, the
    dateline, or a photo caption: ' date 2022-02 Paris, 5 février (VNA) - …'): that rest of
    the line stays in the text.
    """
    lines = lines_of(draft)
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = _HEADER.match(line)
        if match:
            rest = match.group("rest").strip()
            kept = ([rest] if rest else []) + lines[index + 1 :]
            return replace(draft, text="\n".join(kept), header=match.group("date"))
        return draft
    return draft


_STAMP = re.compile(
    r"^\s*(?:(?:publié|mis à jour|mise à jour|mis en ligne|date de publication|date)\s*(?:le|:)?\s*)?"
    r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s*,?\s*)?"
    r"(?:(?P<day>\d{1,2})(?P<mark>[/.-])(?P<month>\d{1,2})(?P=mark)(?P<year>\d{4})"
    rf"|(?P<day2>\d{{1,2}})(?:er)?\s+(?P<month2>{month_pattern()})\s+(?P<year2>\d{{4}})"
    r"|(?P<year3>\d{4})-(?P<month3>\d{2})-(?P<day3>\d{2}))"
    r"(?:\s*(?:à|-|–|,|\|)?\s*\d{1,2}\s*[:hH]\s*\d{2}(?::\d{2})?)?\s*(?:\(?\s*(?:GMT|UTC)\s*[+-]\s*\d{1,2}\s*\)?)?\s*$",
    re.IGNORECASE,
)
#: The stamp is looked for among the first lines only (teasers further down have their own).
STAMP_LINES = 8


def take_publication_stamp(draft: Draft) -> Draft:
    """A line that is only the page's date and time ('09/10/2024 16:05', 'Publié le 15/03/2024 à
    10:23', 'Jeudi, 9 octobre 2024 - 16:05 (GMT+7)') near the top: the page's own publication
    time, kept as evidence and dropped from the text."""
    lines = lines_of(draft)
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > STAMP_LINES:
            break
        match = _STAMP.match(line)
        iso = _stamp_date(match) if match else None
        if iso:
            return replace(draft, text="\n".join(lines[:index] + lines[index + 1 :]), published=iso)
    return draft


def _stamp_date(match: re.Match[str]) -> str | None:
    if match.group("day"):
        day, month, year = int(match.group("day")), int(match.group("month")), int(match.group("year"))
    elif match.group("day2"):
        day, month, year = (
            int(match.group("day2")),
            MONTHS[match.group("month2").lower()],
            int(match.group("year2")),
        )
    else:
        day, month, year = int(match.group("day3")), int(match.group("month3")), int(match.group("year3"))
    if not (1 <= month <= 12 and 1900 <= year <= 2999 and 1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


_MORE = re.compile(
    r"^\s*(?:voir plus|voir aussi|lire plus|plus d['’]articles|articles? liés?|sur le même sujet"
    r"|dans la même rubrique|autres articles|les plus lus)\s*:?\s*$",
    re.IGNORECASE,
)


def is_more_marker(line: str) -> bool:
    """'Voir plus', 'Sur le même sujet', …: the line that opens a block of other stories."""
    return bool(_MORE.match(line))


def cut_more_block(draft: Draft) -> Draft:
    """'Voir plus' and what follows (teasers from other days) move to the trailer."""
    lines = lines_of(draft)
    for index, line in enumerate(lines):
        if _MORE.match(line):
            trailer = "\n".join(lines[index:]).strip()
            text = "\n".join(lines[:index])
            return replace(draft, text=text, trailer=join_trailer(trailer, draft.trailer))
    return draft


_FOOTER = re.compile(
    r"^\s*(?:©|\(c\)\s|copyright\b|tous droits réservés|all rights reserved|partager\s*:?$"
    r"|imprimer$|envoyer$|retour en haut|haut de page|suivez-nous|abonnez-vous|newsletter"
    r"|mots-clés\s*:|tags?\s*:|facebook$|twitter$|zalo$|e-?mail$|commentaires?\s*:?$"
    r"|lien copié|copier le lien|agence vietnamienne d['’]information$)",
    re.IGNORECASE,
)


def remove_site_footers(draft: Draft) -> Draft:
    """Share buttons, copyright and tag lines of the agency site are not the story."""
    kept, removed = [], []
    for line in lines_of(draft):
        (removed if _FOOTER.match(line) else kept).append(line)
    if not removed:
        return draft
    return replace(draft, text="\n".join(kept), footers=draft.footers + tuple(r.strip() for r in removed))


_NAME_WORD = r"[A-ZÀ-ÝĐ][a-zà-ÿđ]+"
#: A person's name as photo credit ('Ngoc Hà', 'Trân Viêt'): only before '/' or at the line's
#: end, so that 'Photo : Reuters Le président …' does not swallow the next sentence's 'Le'.
_CREDIT_NAME = rf"{_NAME_WORD}(?:[ -]{_NAME_WORD}){{1,3}}(?=\s*/|\s*$)"
_CREDIT_PART = (
    rf"(?:{_CREDIT_NAME}|[A-Z]{{2,}}(?![a-z])|{_NAME_WORD}(?:-{_NAME_WORD})?|[\w-]+(?:\.[a-z]{{2,}})+)"
)
_CREDIT = rf"{_CREDIT_PART}(?:\s*/\s*{_CREDIT_PART})*"
_CAPTION_END = re.compile(
    rf"(?P<open>[(\[]\s*)?\b(?i:photos?|ảnh|crédit(?:\s+photo)?)\s*(?i:d['’]illustration|d['’]archives?)?"
    rf"\s*:\s*(?P<credit>{_CREDIT})(?(open)\s*[)\]])"
    rf"|(?P<open2>[(\[]\s*)?\b(?i:photo\s+diffusée\s+par)\s+(?:la\s+|l['’])?(?P<credit2>{_CREDIT})"
    rf"(?(open2)\s*[)\]])"
)
#: The image markers the agency's pages leave in copied text: 'ảnh 1', 'hinh anh 2'.
_IMAGE_MARKER = re.compile(r"(?:\b(?:hình|hinh)\s+(?:ảnh|anh)|ảnh)\s*\d+", re.IGNORECASE)
_IMAGE_FILE = re.compile(r"^\s*[\w.-]+\.(?:jpe?g|png|gif|webp|avif)\s*$", re.IGNORECASE)
_BARS = re.compile(r"\|([^|\n]{2,})\|")
#: A caption line standing on its own above a bare credit line is at most this long.
MAX_CAPTION_LINE = 300


def take_photo_captions(draft: Draft) -> Draft:
    """Photo captions and credits ('… Photo : VNA', 'Photos : Xinhua/VNA/CVN', 'Photo diffusée
    par la VNA', '… ảnh 1Le président …', '| caption |', an image file name) leave the body
    but are kept.

    A bare credit line ('Photo : VNA/CVN') takes the line just above it along when that line
    is short and directly above it (no blank line) in a text whose paragraphs are separated by
    blank lines: that is how saved pages lay out a caption under its picture.
    """
    captions: list[str] = []
    kept: list[str] = []
    blank_separated = "\n\n" in draft.text
    for line in lines_of(draft):
        if _IMAGE_FILE.match(line):
            captions.append(line.strip())
            continue
        line = _take_bar_captions(line, captions)
        before = len(captions)
        rest = _take_credit_caption(line, captions)
        bare_credit = len(captions) > before and line.strip() == captions[-1] and _is_bare_credit(line)
        if bare_credit and blank_separated and kept and 0 < len(kept[-1].strip()) <= MAX_CAPTION_LINE:
            captions[-1] = f"{kept.pop().strip()} {captions[-1]}"
        kept.append(rest)
    if not captions:
        return draft
    return replace(draft, text="\n".join(kept), captions=draft.captions + tuple(captions))


def _is_bare_credit(line: str) -> bool:
    match = _CAPTION_END.search(line)
    return match is not None and not line[: match.start()].strip()


def _take_bar_captions(line: str, captions: list[str]) -> str:
    def take(match: re.Match[str]) -> str:
        captions.append(match.group(1).strip())
        return " "

    line = _BARS.sub(take, line)
    stripped = line.strip()
    if stripped.startswith("|") and len(stripped) > 2 and "|" not in stripped[1:]:
        captions.append(stripped.strip("| "))  # a caption whose closing bar was lost
        return ""
    return line


def _take_credit_caption(line: str, captions: list[str]) -> str:
    match = _CAPTION_END.search(line)
    if match is None:
        if _IMAGE_MARKER.search(line):
            captions.append(line.strip())
            return ""
        return line
    if match.group("open") or match.group("open2"):
        captions.append(match.group(0).strip("()[] "))
        return (line[: match.start()].rstrip() + " " + line[match.end() :].lstrip()).strip()
    captions.append(line[: match.end()].strip())
    return line[match.end() :].strip()


_RELATED = re.compile(
    r"^\s*(?:>>|»|→|⇒)\s*(?P<a>.+?)\s*$|^\s*\[(?P<b>[^\]\n]+)\]\s*$"
    r"|^\s*(?i:lire aussi|à lire aussi|voir aussi)\s*:\s*(?P<c>.+?)\s*$"
)


def take_related_links(draft: Draft) -> Draft:
    """'>> headline' and '[Entretien entre …]' lines point to other stories: kept aside."""
    kept, related = [], []
    for line in lines_of(draft):
        match = _RELATED.match(line)
        if match:
            related.append(next(group for group in match.groups() if group))
        else:
            kept.append(line)
    if not related:
        return draft
    return replace(draft, text="\n".join(kept), related=draft.related + tuple(related))


_SIGNOFF_END = re.compile(r"(?:\s*[-–—]\s*|\s+)(?P<agency>VNA/CVN|VNA|AVI|TTXVN|CVN)\s*$")
_SIGNOFF_ALONE = re.compile(r"^\s*[-–—]?\s*(?P<agency>VNA/CVN|VNA|AVI|TTXVN|CVN)\s*$")
_ENDS_SENTENCE = re.compile(r"[.!?»”)]\s*$")
_SIGNOFF_DASHED = re.compile(r"[-–—]\s*(?:VNA|AVI|TTXVN)(?:/CVN)?\s*$|\sVNA/CVN\s*$")


def cut_at_signoff(draft: Draft) -> Draft:
    """The sign-off ('-VNA', '- VNA', '– VNA', 'VNA/CVN', '- AVI') ends the story: it is
    removed, and what follows it (teasers, other stories) moves to the trailer."""
    lines = lines_of(draft)
    seen_text = 0
    for index, line in enumerate(lines):
        alone = _SIGNOFF_ALONE.match(line)
        dashed = _SIGNOFF_DASHED.search(line)
        if alone and seen_text >= 1:
            kept = lines[:index]
        elif dashed and seen_text >= 1 and (len(line) > 40 or _ENDS_SENTENCE.search(line[: dashed.start()])):
            kept = [*lines[:index], line[: dashed.start()].rstrip()]
        else:
            seen_text += bool(line.strip())
            continue
        agency = (alone or _SIGNOFF_END.search(line)).group("agency")  # type: ignore[union-attr]
        trailer = "\n".join(lines[index + 1 :]).strip()
        return replace(
            draft,
            text="\n".join(kept),
            signoff=agency.split("/")[0],
            trailer=join_trailer(trailer, draft.trailer),
        )
    return draft

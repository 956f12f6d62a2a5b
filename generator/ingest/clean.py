"""Scraping-noise rules: each a small named function, applied in the order of RULES.

A rule takes a Draft and returns a new one. Rules that remove something worth keeping
(crawler header, captions, related links, the trailer after the sign-off) move it into its own
field instead of dropping it: captions and teasers are provenance, never evidence for the
story's date or countries. Order matters and is explained beside RULES.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.ingest.words import join_broken_words, split_glued_words


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


Rule = Callable[[Draft], Draft]


def _lines(draft: Draft) -> list[str]:
    return draft.text.split("\n")


# --- removals ------------------------------------------------------------------------------

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
    lines = _lines(draft)
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


_MORE = re.compile(
    r"^\s*(?:voir plus|voir aussi|lire plus|plus d['’]articles|articles? liés?|sur le même sujet"
    r"|dans la même rubrique|autres articles|les plus lus)\s*:?\s*$",
    re.IGNORECASE,
)


def cut_more_block(draft: Draft) -> Draft:
    """'Voir plus' and what follows (teasers from other days) move to the trailer."""
    lines = _lines(draft)
    for index, line in enumerate(lines):
        if _MORE.match(line):
            trailer = "\n".join(lines[index:]).strip()
            text = "\n".join(lines[:index])
            return replace(draft, text=text, trailer=_join_trailer(trailer, draft.trailer))
    return draft


def _join_trailer(first: str, second: str) -> str:
    return "\n\n".join(part for part in (first, second) if part)


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
    for line in _lines(draft):
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
    for line in _lines(draft):
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
    for line in _lines(draft):
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
    lines = _lines(draft)
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
            trailer=_join_trailer(trailer, draft.trailer),
        )
    return draft


# --- layout ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;»”\")…]$")


def join_wrapped_lines(draft: Draft) -> Draft:
    """A hard-wrapped paragraph (a line that does not end a sentence, followed directly by one
    starting in lower case) is one paragraph again; each remaining line is a paragraph."""
    lines = [line.strip() for line in _lines(draft)]
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1] and line and line[0].islower() and not _SENTENCE_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return replace(draft, text="\n".join(joined))


def collapse_blank_lines(draft: Draft) -> Draft:
    """One blank line between paragraphs, none at the ends, single spaces inside lines."""
    paragraphs = [" ".join(line.split()) for line in _lines(draft)]
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    return replace(draft, text=text)


# --- typography -----------------------------------------------------------------------------

_DOUBLED = re.compile(r"\.\.,|,,|(?<!\.)\.\.(?!\.)|,\.(?!\.)")


def fix_doubled_punctuation(draft: Draft) -> Draft:
    """'politique.., M.' -> 'politique, M.'; ',,' -> ','; '..' (not an ellipsis) -> '.'."""

    def one(match: re.Match[str]) -> str:
        return "," if "," in match.group(0) and match.group(0) != ",." else "."

    return replace(draft, text=_DOUBLED.sub(one, draft.text))


_SPACE_BEFORE = re.compile(r"(?<=\S)[ ]+(?=[,.](?!\d)|\))|(?<=\()[ ]+")


def remove_space_before_punctuation(draft: Draft) -> Draft:
    """'pays , le' -> 'pays, le'; 'fin .' -> 'fin.'; '( x )' -> '(x)'. French spaces before
    ':', ';', '!', '?' are correct and kept."""
    return replace(draft, text=_SPACE_BEFORE.sub("", draft.text))


_ORDINAL = re.compile(r"\b(\d{1,4}) (e|er|ère|re|ème|eme|es|ers|ères)(?![\w'’-])")


def join_split_ordinals(draft: Draft) -> Draft:
    """'76 e' -> '76e', '1 er' -> '1er', '2 ème' -> '2ème'."""
    return replace(draft, text=_ORDINAL.sub(r"\1\2", draft.text))


_GLUED_SENTENCE = re.compile(r"(?<![\w.]\.)(?<=[a-zà-ÿ0-9)»”\"]{2})([.!?])(?=[A-ZÀ-ÝÉÈ][a-zà-ÿ])")
_URLISH = re.compile(r"(?:https?://|www\.|@)\S*$")


def split_glued_sentences(draft: Draft) -> Draft:
    """'pays.Le' -> 'pays. Le'. Not inside URLs or e-mail addresses, not after initials
    ('J.R.') or abbreviations in capitals, not in decimals (a digit must not follow)."""

    def one(match: re.Match[str]) -> str:
        before = draft.text[max(0, match.start() - 80) : match.start()]
        if _URLISH.search(before):
            return match.group(1)
        return match.group(1) + " "

    return replace(draft, text=_GLUED_SENTENCE.sub(one, draft.text))


def join_broken_words_rule(draft: Draft) -> Draft:
    """'japon ais' -> 'japonais': only when the joined word is French and the parts are not
    both words (see words.join_broken_words)."""
    return replace(draft, text=join_broken_words(draft.text))


def split_glued_words_rule(draft: Draft) -> Draft:
    """'savisite' -> 'sa visite', 'etson' -> 'et son', 'cérémonied'accueil' -> 'cérémonie
    d'accueil': only tokens that are not words and split into two (see words.split_glued_words)."""
    return replace(draft, text=split_glued_words(draft.text))


#: Order: the header is read before anything moves; the 'Voir plus' cut comes before captions
#: so teaser captions stay in the trailer; captions go before the sign-off cut because credits
#: ('Photo: VNA/CVN') look like sign-offs; layout before typography; broken words are joined
#: before glued ones are split so that 'japon ais' is not split again.
RULES: tuple[Rule, ...] = (
    take_crawler_header,
    cut_more_block,
    remove_site_footers,
    take_photo_captions,
    take_related_links,
    cut_at_signoff,
    join_wrapped_lines,
    fix_doubled_punctuation,
    remove_space_before_punctuation,
    join_split_ordinals,
    split_glued_sentences,
    join_broken_words_rule,
    split_glued_words_rule,
    collapse_blank_lines,
)


def clean_text(text: str, rules: tuple[Rule, ...] = RULES) -> Draft:
    """Apply every rule in order to ``text``."""
    draft = Draft(text)
    for rule in rules:
        draft = rule(draft)
    return draft

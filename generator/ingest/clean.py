"""Scraping-noise rules: each a small named function, applied in the order of RULES.

A rule takes a Draft and returns a new one. The rules that take noise out of the text (crawler
header, page stamp, captions, related links, footers, the trailer after the sign-off) live in
removals.py and keep what is worth keeping in its own field; the layout, typography and word
repairs live here. Order matters and is explained beside RULES.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.ingest.draft import Draft, Rule, lines_of
from generator.ingest.removals import (
    cut_at_signoff,
    cut_more_block,
    remove_site_footers,
    take_crawler_header,
    take_photo_captions,
    take_publication_stamp,
    take_related_links,
)
from generator.ingest.words import join_broken_words, split_glued_words

__all__ = [
    "RULES",
    "Draft",
    "Rule",
    "clean_text",
    "collapse_blank_lines",
    "cut_at_signoff",
    "cut_more_block",
    "fix_doubled_punctuation",
    "join_broken_words_rule",
    "join_split_ordinals",
    "join_wrapped_lines",
    "remove_site_footers",
    "remove_space_before_punctuation",
    "split_glued_names",
    "split_glued_sentences",
    "split_glued_words_rule",
    "take_crawler_header",
    "take_photo_captions",
    "take_publication_stamp",
    "take_related_links",
]


# --- layout ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;»”\")…]$")


def join_wrapped_lines(draft: Draft) -> Draft:
    """A hard-wrapped paragraph (a line that does not end a sentence, followed directly by one
    starting in lower case) is one paragraph again; each remaining line is a paragraph."""
    lines = [line.strip() for line in lines_of(draft)]
    joined: list[str] = []
    for line in lines:
        if joined and joined[-1] and line and line[0].islower() and not _SENTENCE_END.search(joined[-1]):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return replace(draft, text="\n".join(joined))


def collapse_blank_lines(draft: Draft) -> Draft:
    """One blank line between paragraphs, none at the ends, single spaces inside lines."""
    paragraphs = [" ".join(line.split()) for line in lines_of(draft)]
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


_CAMEL_NAME = re.compile(r"(?<![\w-])([A-ZÀ-ÝĐ][a-zà-ÿđ]+)([A-ZÀ-ÝĐ][a-zà-ÿđ]+)(?![\w-])")


def split_glued_names(draft: Draft) -> Draft:
    """'TruongTân Sang' -> 'Truong Tân Sang', 'Pham GiaKhiêm' -> 'Pham Gia Khiêm': a Vietnamese
    name whose parts were glued where a line break was lost (a family name leads it).
    Brand names ('PetroVietnam', 'VinFast') do not start with a family name and stay whole."""
    from generator.ingest.people import family_names, fold

    names = family_names()

    def one(match: re.Match[str]) -> str:
        before = draft.text[max(0, match.start() - 30) : match.start()]
        previous = re.search(r"([A-ZÀ-ÝĐ][a-zà-ÿđ]+) $", before)
        # 'Truong' + 'Tân', or the given names after a family name: 'Pham GiaKhiêm'
        if fold(match.group(1)) in names or (previous and fold(previous.group(1)) in names):
            return f"{match.group(1)} {match.group(2)}"
        return match.group(0)

    return replace(draft, text=_CAMEL_NAME.sub(one, draft.text))


#: Order: the header and the page's stamp are read before anything moves; the 'Voir plus'
#: cut comes before captions so teaser captions stay in the trailer; captions go before the
#: sign-off cut because credits ('Photo: VNA/CVN') look like sign-offs; layout before
#: typography; broken words are joined before glued ones are split so that 'japon ais' is
#: not split again.
RULES: tuple[Rule, ...] = (
    take_crawler_header,
    take_publication_stamp,
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
    split_glued_names,
    split_glued_words_rule,
    collapse_blank_lines,
)


def clean_text(text: str, rules: tuple[Rule, ...] = RULES) -> Draft:
    """Apply every rule in order to ``text``."""
    draft = Draft(text)
    for rule in rules:
        draft = rule(draft)
    return draft

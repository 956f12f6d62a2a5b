"""Article bodies -> bottom-k sketches of their word shingles, for text similarity.

A sketch is the SKETCH_SIZE smallest hashes of the body's distinct shingles (runs of
SHINGLE_WORDS words, lower case, accents and punctuation dropped, link targets and HTML
tags left out). Two sketches estimate how much of two texts is shared (Broder's bottom-k
estimate of the Jaccard similarity) without keeping the text: the sketch is made once,
when an article is parsed, and kept with it in the content cache.

Each shingle is hashed once with CRC-32, never ``hash()``: Python salts string hashes per
process, and a cached sketch must be the same in every process and on every machine.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
import zlib
from collections.abc import Container

SHINGLE_WORDS = 3  #: words per shingle: enough to tell a sentence from its vocabulary.
SKETCH_SIZE = 32  #: hashes kept per article: the estimate is within about 0.5 / sqrt(32) = 0.09.
HASH_SPACE = 1 << 32  #: hashes are below this (CRC-32).

Sketch = tuple[int, ...]  #: ascending shingle hashes, at most SKETCH_SIZE of them.

#: What a reader does not read: HTML tags, Markdown link targets and bare URLs.
_MARKUP = re.compile(r"<[^>]*>|\]\([^)]*\)|https?://\S+")
#: Characters NFKD does not split into letter and accent: letters spelled out in ASCII, and
#: typographic punctuation made a space (dropped, it would glue "l’accord" into one word).
_RESPELLED = (
    *(("œ", "oe"), ("æ", "ae"), ("đ", "d"), ("ß", "ss"), ("ø", "o"), ("ł", "l")),
    *((mark, " ") for mark in "’‘«»“”–—…"),
)
#: Bytes -> lower-case letters and digits, or spaces.
_SEPARATORS = bytes(
    ord(char.lower()) if char.isascii() and char.isalnum() else 0x20 for char in map(chr, range(256))
)


def _fold(text: str) -> bytes:
    """Text (or one character) as ``folded_words`` folds it: NFKD splits an accented letter
    into letter and accents, encoding to ASCII drops the accents (and any other character
    not respelled above), and what is left becomes lower-case letters and digits, or spaces."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").translate(_SEPARATORS)


def _latin1_folding() -> tuple[bytes, bytes, tuple[tuple[str, str], ...]]:
    """``_fold`` for each Latin-1 character, as a byte table, the bytes it deletes, and
    the few characters it makes two (such as '½'). Computed from ``_fold`` itself, never
    typed in: the two foldings cannot drift apart."""
    table, deleted, widened = bytearray(range(256)), bytearray(), []
    for code in range(256):
        folded = _fold(chr(code))
        if len(folded) == 1:
            table[code] = folded[0]
        elif not folded:
            deleted.append(code)
        else:
            widened.append((chr(code), folded.decode("ascii")))
    return bytes(table), bytes(deleted), tuple(widened)


_LATIN1_TABLE, _LATIN1_DELETED, _LATIN1_WIDENED = _latin1_folding()


def body_words(body: str) -> list[bytes]:
    """The words of a Markdown body as a reader sees them, folded so that case, accents
    and typographic variants ('l’accord' and "l'accord") do not matter."""
    if "<" in body or "](" in body or "://" in body:
        body = _MARKUP.sub(" ", body)
    body = body.lower()
    for char, spelled in _RESPELLED:
        if char in body:
            body = body.replace(char, spelled)
    return folded_words(body)


def folded_words(text: str) -> list[bytes]:
    """``text``'s words, each character folded by ``_fold``. NFKD folds one character at a
    time (the reordering it also does only moves accents, which are dropped), so text that
    is all Latin-1 (French, after respelling, nearly always) is folded by a byte table:
    NFKD of a whole body cost 40 % of making its words."""
    for char, spelled in _LATIN1_WIDENED:
        if char in text:
            text = text.replace(char, spelled)
    try:
        latin1 = text.encode("latin-1")
    except UnicodeEncodeError:  # Vietnamese names, say: NFKD over the whole text
        return _fold(text).split()
    return latin1.translate(_LATIN1_TABLE, _LATIN1_DELETED).split()


def shingle_hashes(words: list[bytes]) -> set[int]:
    """The hash of every run of SHINGLE_WORDS words; none for a shorter text (too little
    to compare)."""
    return set(_shingle_hash_list(words))


def _shingle_hash_list(words: list[bytes]) -> list[int]:
    """The same hashes in text order, repeats kept: hashed by CRC-32 in C, about 0.1 µs a
    shingle. Putting 700 of them in a set costs nearly as much again, so ``body_sketch``
    sets aside only the few that can be among the smallest."""
    runs = zip(*(words[start:] for start in range(SHINGLE_WORDS)), strict=False)
    return list(map(zlib.crc32, map(b" ".join, runs)))


def body_sketch(body: str) -> Sketch:
    """The bottom-k sketch of ``body``: its SKETCH_SIZE smallest shingle hashes, ascending."""
    return smallest_distinct(_shingle_hash_list(body_words(body)), SKETCH_SIZE)


def smallest_distinct(values: list[int], count: int) -> tuple[int, ...]:
    """The ``count`` smallest distinct ``values`` (all below HASH_SPACE), ascending.

    CRC-32 spreads hashes evenly, so about 3 * count of them fall below a limit of
    3 * count / len(values) of the hash space. When at least ``count`` distinct values do,
    the smallest ones are all among them and only those few are sorted; otherwise (a short
    or very repetitive text) every value is. Either way the result is the same."""
    if len(values) > 4 * count:
        limit = HASH_SPACE * 3 * count // len(values)
        small = {value for value in values if value < limit}
        if len(small) >= count:
            return tuple(sorted(small)[:count])
    return tuple(heapq.nsmallest(count, set(values)))


def sketch_limit(sketch: Sketch) -> int:
    """Every shingle hash of the text up to this value is in the sketch: its largest value
    when the sketch is full, else all of them (the text had fewer shingles)."""
    return sketch[-1] if len(sketch) == SKETCH_SIZE else HASH_SPACE


def estimate_similarity(one: Sketch, other: Sketch, boilerplate: Container[int] = frozenset()) -> float:
    """The share of the two texts' shingles that both have, estimated from their sketches.

    Below the smaller of the two limits both sketches are complete, so the shingles of
    either text up to there are a uniform sample of their union. Shingles in
    ``boilerplate`` (stock phrases found in many articles) are counted as if each text had
    its own copy: they add to the union, never to what is shared. Without boilerplate
    this is the Jaccard similarity of the two shingle sets.
    """
    limit = min(sketch_limit(one), sketch_limit(other))
    mine = {value for value in one if value <= limit}
    theirs = {value for value in other if value <= limit}
    shared = sum(1 for value in mine & theirs if value not in boilerplate)
    union = len(mine) + len(theirs) - shared
    return shared / union if union else 0.0

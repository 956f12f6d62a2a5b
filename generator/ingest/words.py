"""Repair words that scraping broke apart ('japon ais') or glued together ('savisite').

Both repairs consult the French word frequencies in lexicon.py and act only when the evidence
is clear: a token is split only when it is not a word itself (or is far rarer than the two
words it hides, like 'dela') and splits into two words, one of them usually a short function
word; two tokens are joined only when they make a word and are not both words already.
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.ingest.lexicon import is_function_word, is_word, zipf

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ELISIONS = ("qu", "l", "d", "s", "n", "j", "m", "t", "c")
#: Words that end in an elided particle by themselves: never split before the apostrophe.
_ELIDED_WHOLE = frozenset(
    [
        "l",
        "d",
        "s",
        "n",
        "j",
        "m",
        "t",
        "c",
        "qu",
        "lorsqu",
        "puisqu",
        "jusqu",
        "quoiqu",
        "quelqu",
        "aujourd",
        "presqu",
        "prud",
        "entr",
        "o",
    ]
)
#: How much likelier the two words must be than the glued token (Zipf units) to split a
#: token that the word list knows ('dela', 'parla': frequent only as typos).
_KNOWN_TOKEN_MARGIN = 1.5


def split_glued_words(text: str) -> str:
    """Split every glued token in ``text`` (see module docstring)."""
    return _TOKEN.sub(lambda match: _split_token(match.group(0)), text)


#: A token this frequent is a word: no split into two words can beat it (the best pair, a
#: function word and a common word, reaches 6 against 4.5 + 1.5), so it is not even tried.
COMMON_WORD_ZIPF = 4.5


@lru_cache(maxsize=65536)
def _split_token(token: str) -> str:
    if zipf(token) >= COMMON_WORD_ZIPF:
        return token
    for mark in ("'", "’"):
        if mark in token:
            head, tail = token.split(mark, 1)
            return _split_before_elision(head, mark) + mark + (_split_word(tail) if len(tail) > 3 else tail)
    return _split_word(token)


def _split_before_elision(head: str, mark: str) -> str:
    """'cérémonied' -> 'cérémonie d', 'discussions' (before "'est") -> 'discussion s'."""
    if head.lower() in _ELIDED_WHOLE:
        return head
    for elision in _ELISIONS:
        prefix = head[: -len(elision)]
        if head.lower().endswith(elision) and prefix and _acceptable(prefix, with_function_word=True):
            return f"{_split_word(prefix)} {head[-len(elision) :]}"
    return _split_word(head)


def _acceptable(part: str, *, with_function_word: bool) -> bool:
    """A part of a split: a word, or (next to a function word) a long, rare but known one."""
    if is_word(part):
        return True
    return with_function_word and len(part) >= 6 and zipf(part) >= 1.5


#: No two French words glued together are longer than this; longer tokens are left alone
#: (they are URLs, codes or garbage, and trying every cut of them would take quadratic time).
MAX_GLUED_LENGTH = 40


def _split_word(token: str) -> str:
    if len(token) < 4 or len(token) > MAX_GLUED_LENGTH or token.isupper():
        return token
    best: tuple[float, str, str] | None = None
    for index in range(1, len(token)):
        left, right = token[:index], token[index:]
        if right[0].isupper() and not is_function_word(left):
            continue
        if right[1:] and not right[1:].islower() and not right.isupper():
            continue
        score = _split_score(token, left, right)
        if score is not None and (best is None or score > best[0]):
            best = (score, left, right)
    return token if best is None else f"{best[1]} {best[2]}"


def _split_score(token: str, left: str, right: str) -> float | None:
    """How good splitting ``token`` into ``left right`` is, or None if it must not be split."""
    function = is_function_word(left) or is_function_word(right)
    if not (
        _acceptable(left, with_function_word=function) and _acceptable(right, with_function_word=function)
    ):
        return None
    if not function:
        # Two content words: only for an unknown lower-case token, both parts common.
        if token[0].isupper() or zipf(token) > 0 or min(zipf(left), zipf(right)) < 3.0:
            return None
        if min(len(left), len(right)) < 4:
            return None
    elif zipf(token) > 0:
        together = zipf(left) + zipf(right) - 9
        if together <= zipf(token) + _KNOWN_TOKEN_MARGIN:
            return None
    return min(_weight(left), _weight(right)) + 0.01 * (_weight(left) + _weight(right))


def _weight(part: str) -> float:
    value = zipf(part)
    if len(part) == 1:
        value -= 1.0  # prefer 'se sont' to 's esont'-like cuts around single letters
    return value


#: A word and the single space after it; a pair joins two such words.
_WORD_SPACE = re.compile(r"(?<![\w'’-])([^\W\d_]{1,})(?![\w'’-])")


def join_broken_words(text: str) -> str:
    """'japon ais' -> 'japonais': the joined word is French, the second part is lower case,
    and the two parts are not both words. Pairs overlap ('la coopé ration' tries 'la coopé'
    then 'coopé ration'), so each word is tried with the next one."""
    words = list(_WORD_SPACE.finditer(text))
    pieces: list[str] = []
    position = 0
    index = 0
    while index < len(words):
        left = words[index]
        right = words[index + 1] if index + 1 < len(words) else None
        if (
            right is not None
            and text[left.end() : right.start()] == " "
            and _joins(left.group(1), right.group(1))
        ):
            pieces.append(text[position : left.start()] + left.group(1) + right.group(1))
            position = right.end()
            index += 2
            continue
        index += 1
    pieces.append(text[position:])
    return "".join(pieces)


@lru_cache(maxsize=65536)
def _joins(left: str, right: str) -> bool:
    if len(left) < 2 or not right.islower() or (is_word(left) and is_word(right)):
        return False
    joined = left + right
    return zipf(joined) >= 3.0 and len(joined) >= 5

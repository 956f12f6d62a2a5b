"""French word frequencies, for the rules that repair words split or glued by scraping.

The vocabulary is wordfreq's French list (its data ships inside the wheel: no network at run
time). Frequencies are Zipf values: log10 of occurrences per billion words, so 7 is "de",
3 a word seen once per million words, 0 unknown. Loaded once per process.
"""

from __future__ import annotations

import math
from functools import cache

#: Short, very frequent words that glue onto their neighbours when line breaks are lost.
FUNCTION_WORDS = frozenset(
    [
        "a",
        "à",
        "au",
        "aux",
        "ce",
        "ces",
        "cet",
        "cette",
        "d",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "est",
        "et",
        "il",
        "ils",
        "je",
        "l",
        "la",
        "le",
        "les",
        "leur",
        "leurs",
        "lui",
        "ma",
        "mais",
        "me",
        "mes",
        "mon",
        "ne",
        "ni",
        "nos",
        "notre",
        "nous",
        "on",
        "ont",
        "ou",
        "où",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "s",
        "sa",
        "se",
        "ses",
        "si",
        "son",
        "sont",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "tu",
        "un",
        "une",
        "vers",
        "vos",
        "votre",
        "y",
        "deux",
        "trois",
        "avec",
        "sans",
        "entre",
        "sous",
        "dont",
        "très",
        "plus",
        "été",
        "être",
    ]
)
_SINGLE_LETTER_WORDS = frozenset({"a", "à", "y"})


@cache
def _frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("fr", wordlist="large")


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive), 0.0 when unknown."""
    frequency = _frequencies().get(word.lower())
    if not frequency:
        return 0.0
    return round(math.log10(frequency) + 9, 2)


def is_word(word: str) -> bool:
    """A real French word, not a fragment: short fragments ('ais', 'ment') must be frequent."""
    lower = word.lower()
    if len(lower) == 1:
        return lower in _SINGLE_LETTER_WORDS
    if lower in FUNCTION_WORDS:
        return True
    return zipf(lower) >= (4.3 if len(lower) <= 3 else 2.5)


def is_function_word(word: str) -> bool:
    return word.lower() in FUNCTION_WORDS

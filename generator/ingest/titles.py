"""A title rebuilt from the source URL's slug, accents restored where the word list allows.

Each slug word is replaced by the most frequent French word that folds to it ("cooperation" ->
"coopération"); country names get their capitals from the country data file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from urllib.parse import unquote, urlsplit

_NOISE = re.compile(r"^(?:post\d+|[a-f0-9]{8,}|\d{5,})$")
#: A word of a Vietnamese name in a slug is rarer than this in French ('minh', 'chinh').
NAME_WORD_ZIPF = 4.0


def fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


@cache
def _accented() -> dict[str, str]:
    """Folded word -> its most frequent accented spelling (words seen at least once a million)."""
    from generator.ingest.lexicon import _frequencies

    best: dict[str, tuple[float, str]] = {}
    for word, frequency in _frequencies().items():
        if frequency < 1e-6 or not word.isalpha():
            continue
        key = fold(word)
        if key not in best or frequency > best[key][0]:
            best[key] = (frequency, word)
    return {key: word for key, (_, word) in best.items()}


@cache
def _proper_names() -> dict[str, str]:
    """Folded country names and places ('nouvelle zelande') -> their spelling with capitals."""
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("generator.data").joinpath("country_terms.yaml").read_text("utf-8"))
    names: dict[str, str] = {}
    for code, entry in data.items():
        if isinstance(code, str) and len(code) == 2 and isinstance(entry, dict):
            for term in [*(entry.get("names") or ()), *(entry.get("places") or ())]:
                if "'" not in term:
                    names.setdefault(" ".join(fold(term).replace("-", " ").split()), term)
    return names


def url_slug(url: str) -> str | None:
    """The words part of an article URL: the last path segment that holds letters
    ('…/cloture-des-sommets-de-lasean-au-laos/353019.html' -> 'cloture-des-sommets-de-lasean-au-laos').
    None for something that is not an http(s) URL."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    for segment in reversed(parts.path.split("/")):
        text = (
            unquote(segment, errors="strict") if _is_utf8(segment) else unquote(segment, encoding="latin-1")
        )
        text = re.sub(r"\.[a-z]{2,5}$", "", text)
        words = [word for word in re.split(r"[-_+\s]+", text) if word and not _NOISE.match(word)]
        if any(re.search(r"[^\W\d_]{2,}", word) for word in words):
            return text
    return None


def _is_utf8(segment: str) -> bool:
    try:
        unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


#: A slug loses apostrophes ('lasean', 'loccasion') or writes them as their HTML code
#: ('l39etranger'): elided articles and pronouns to put back.
_ELIDED = ("qu", "l", "d", "s", "n", "j", "c", "m")


def title_from_url(url: str) -> str | None:
    """'…/vietnam-et-bielorussie-renforcent-leur-cooperation-123.vnp' -> a French title, or None
    when the URL has no words (fewer than two)."""
    slug = url_slug(url)
    if slug is None:
        return None
    words = [word for word in re.split(r"[-_+\s]+", slug) if word and not _NOISE.match(word)]
    while words and words[-1].isdigit():
        words.pop()  # an article number at the end of the slug
    words = [part for word in words for part in _split_glued_names(word.lower())]
    words = [part for word in words for part in _restore_elision(word)]
    if len(words) < 2:
        return None
    accented, proper = _accented(), _proper_names()
    restored: list[str] = []
    index = 0
    while index < len(words):
        for size in (3, 2, 1):
            key = " ".join(fold(word) for word in words[index : index + size])
            if size <= len(words) - index and key in proper:
                restored.append(proper[key])
                index += size
                break
        else:
            restored.append(accented.get(fold(words[index]), words[index]))
            index += 1
    title = _capitalise_names(" ".join(restored).replace("' ", "'"))
    return title[0].upper() + title[1:]


def _restore_elision(word: str) -> list[str]:
    """'l39etranger' -> ["l'", 'etranger']; 'loccasion' -> ["l'", 'occasion']; 'lao' stays."""
    coded = re.match(r"^(qu|[ldsnjcm])(?:39|27)([^\W\d_].*)$", word)
    if coded:
        return [coded.group(1) + "'", coded.group(2)]
    accented = _accented()
    if fold(word) in accented or word in _proper_names():
        return [word]
    for elided in _ELIDED:
        rest = word[len(elided) :]
        known = fold(rest) in accented or fold(rest) in _proper_names() or rest in _acronyms()
        if word.startswith(elided) and rest[:1] in "aeiouyhéèêàâîôû" and len(rest) >= 4 and known:
            return [elided + "'", rest]
    return [word]


def _split_glued_names(word: str) -> list[str]:
    """'vietnamslovaquie' -> ['vietnam', 'slovaquie']: two country names that lost their hyphen."""
    proper = _proper_names()
    if word in proper or fold(word) in _accented():
        return [word]
    for index in range(3, len(word) - 2):
        if word[:index] in proper and word[index:] in proper:
            return [word[:index], word[index:]]
    return [word]


@cache
def _acronyms() -> dict[str, str]:
    """Lower-case organisation acronyms ('asean') -> their spelling ('ASEAN')."""
    from generator.ingest.places import organisation_names

    return {name.lower(): name for name in organisation_names() if name.isupper() and name.isalpha()}


def _capitalise_names(title: str) -> str:
    """Acronyms in capitals ('asean' -> 'ASEAN'), and a Vietnamese name (a family name followed
    by words that are not French) with capitals: 'pham minh chinh' -> 'Pham Minh Chinh'."""
    from generator.ingest.lexicon import is_word, zipf
    from generator.ingest.people import family_names

    words = title.split(" ")
    acronyms = _acronyms()
    for index, word in enumerate(words):
        head, _, tail = word.rpartition("'")
        if tail in acronyms:
            words[index] = (head + "'" if head else "") + acronyms[tail]
    index = 0
    while index < len(words):
        end = index + 1
        if fold(words[index]) in family_names():
            while (
                end < len(words)
                and end - index < 4
                and words[end].isalpha()
                and zipf(words[end]) < NAME_WORD_ZIPF
            ):
                end += 1
        # a family name that is also a French word ('le', 'mai') needs two name words after it
        if end - index >= (3 if is_word(words[index]) else 2):
            words[index:end] = [word.capitalize() for word in words[index:end]]
        index = end
    return " ".join(words)

"""A title rebuilt from the source URL's slug, accents restored where the word list allows.

Each slug word is replaced by the most frequent French word that folds to it ("cooperation" ->
"coopération"); country names get their capitals from the country data file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from urllib.parse import unquote, urlsplit

_NOISE = re.compile(r"^(?:\d+|post\d+|[a-f0-9]{8,})$")


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


def title_from_url(url: str) -> str | None:
    """'…/vietnam-et-bielorussie-renforcent-leur-cooperation-123.vnp' -> a French title."""
    slug = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    slug = re.sub(r"\.[a-z]{2,5}$", "", slug)
    words = [word for word in re.split(r"[-_+]+", slug) if word and not _NOISE.match(word)]
    if not words:
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
            restored.append(accented.get(fold(words[index]), words[index].lower()))
            index += 1
    title = " ".join(restored)
    return title[0].upper() + title[1:]

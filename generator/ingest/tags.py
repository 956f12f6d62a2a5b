"""A few French keywords per story, from a small controlled vocabulary matched on lemmas.

Lemmas come from simplemma (its French data ships in the wheel), so "investissements" and
"investissement", "commerciales" and "commercial" count together. The vocabulary is
generator/data/tags.yaml, which editors extend without touching code.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from generator.ingest.datafiles import DataFileError, read_data_file

DATA_FILE = "tags.yaml"
MAX_TAGS = 4
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def topics() -> dict[str, tuple[str, ...]]:
    """Tag -> lemmas (single words) or phrases (matched on the lower-case text) that signal it,
    from generator/data/tags.yaml."""
    data = read_data_file(DATA_FILE)
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise DataFileError(f"generator/data/{DATA_FILE}: 'topics' must map each tag to a list of signals")
    found: dict[str, tuple[str, ...]] = {}
    for tag, signals in entries.items():
        if not (
            isinstance(tag, str) and isinstance(signals, list) and all(isinstance(x, str) for x in signals)
        ):
            raise DataFileError(f"generator/data/{DATA_FILE}: tag {tag!r} must have a list of text signals")
        found[tag] = tuple(signal.lower().replace("’", "'") for signal in signals)
    return found


@cache
def _lemma_index() -> dict[str, str]:
    return {lemma: tag for tag, lemmas in topics().items() for lemma in lemmas if " " not in lemma}


def find_tags(title: str, text: str) -> tuple[str, ...]:
    """Up to MAX_TAGS tags, most frequent first; a topic must occur twice or in the title."""
    from simplemma import lemmatize

    index = _lemma_index()
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for source, weight in ((title, 3), (text, 1)):
        lower = source.lower().replace("’", "'")
        for tag, lemmas in topics().items():
            for phrase in (lemma for lemma in lemmas if " " in lemma or "-" in lemma):
                hits = lower.count(phrase)
                counts[tag] += weight * hits
                if hits and weight == 3:
                    in_title.add(tag)
        for word in _WORD.findall(lower):
            tag = index.get(word) or index.get(lemmatize(word, lang="fr"))
            if tag and "-" not in word:
                counts[tag] += weight
                if weight == 3:
                    in_title.add(tag)
    chosen = [tag for tag, count in counts.most_common() if count >= 2 or tag in in_title]
    return tuple(sorted(chosen[:MAX_TAGS], key=lambda tag: (-counts[tag], tag)))

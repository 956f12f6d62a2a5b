"""A few French keywords per story, from a small controlled vocabulary matched on lemmas.

Lemmas come from simplemma (its French data ships in the wheel), so "investissements" and
"investissement", "commerciales" and "commercial" count together.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

#: Tag -> lemmas (single words) or phrases (matched on the lower-case text) that signal it.
TOPICS: dict[str, tuple[str, ...]] = {
    "commerce": ("commerce", "commercial", "exportation", "importation"),
    "investissement": ("investissement", "investir", "investisseur"),
    "libre-échange": ("libre-échange",),
    "visite officielle": ("visite officielle", "visite d'état"),
    "défense": ("défense", "militaire", "armée", "marine"),
    "sécurité": ("sécurité",),
    "éducation": ("éducation", "formation", "étudiant", "bourse", "université"),
    "culture": ("culture", "culturel", "festival", "exposition"),
    "tourisme": ("tourisme", "touriste", "touristique"),
    "santé": ("santé", "hôpital", "médical", "vaccin"),
    "agriculture": ("agriculture", "agricole", "riz", "pêche"),
    "énergie": ("énergie", "électricité", "pétrole", "gaz", "hydroélectricité"),
    "transport": ("transport", "port", "ferroviaire", "aérien", "autoroute"),
    "science et technologie": ("science", "technologie", "technologique", "numérique"),
    "diplomatie": ("diplomatique", "ambassadeur", "ambassadrice", "ambassade"),
    "coopération économique": ("coopération économique",),
    "environnement": ("environnement", "climat", "climatique"),
    "travail": ("travailleur", "main-d'œuvre", "emploi"),
}
MAX_TAGS = 4
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _lemma_index() -> dict[str, str]:
    return {lemma: tag for tag, lemmas in TOPICS.items() for lemma in lemmas if " " not in lemma}


def find_tags(title: str, text: str) -> tuple[str, ...]:
    """Up to MAX_TAGS tags, most frequent first; a topic must occur twice or in the title."""
    from simplemma import lemmatize

    index = _lemma_index()
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for source, weight in ((title, 3), (text, 1)):
        lower = source.lower().replace("’", "'")
        for tag, lemmas in TOPICS.items():
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

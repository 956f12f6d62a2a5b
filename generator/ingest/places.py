"""Countries named in French text, and dateline places in their usual French spelling
(generator/data/datelines.yaml).

Country terms come from generator/data/country_terms.yaml (names, long forms, adjectives and
demonyms in every gender and number, compound prefixes like "franco-", places). Matching
follows that file's rules: phrases that only look like countries ("mer de Chine", "François
Hollande") and organisations are masked first, the longest term wins, names and places match
with their capitals, adjectives in any case, and `ambiguous` terms count only next to a clear
term of the same country.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from generator.ingest.datafiles import string_mapping

DATELINES_FILE = "datelines.yaml"


@cache
def dateline_spellings() -> dict[str, str]:
    """Lower-case dateline spelling -> the archive's spelling (generator/data/datelines.yaml)."""
    return {
        " ".join(key.lower().split()): value
        for key, value in string_mapping(DATELINES_FILE, "spellings").items()
    }


def normalise_place(place: str) -> str:
    """'Hanoi' -> 'Hanoï'; other places keep their spelling, trimmed."""
    cleaned = " ".join(place.split()).strip(" ,.-")
    return dateline_spellings().get(cleaned.lower(), cleaned)


@cache
def known_places() -> frozenset[str]:
    """Lower-case city and place names of the data file, for datelines found in a lead."""
    data = yaml.safe_load(resources.files("generator.data").joinpath("country_terms.yaml").read_text("utf-8"))
    return frozenset(
        place.lower()
        for code, entry in data.items()
        if isinstance(code, str) and len(code) == 2 and isinstance(entry, dict)
        for place in entry.get("places") or ()
    )


@cache
def organisation_names() -> tuple[str, ...]:
    """The names of the groupings in the data file (ASEAN, APEC, ONU, …)."""
    data = yaml.safe_load(resources.files("generator.data").joinpath("country_terms.yaml").read_text("utf-8"))
    return tuple(
        name for entry in (data.get("organisations") or {}).values() for name in entry.get("names") or ()
    )


@cache
def organisation_pattern() -> re.Pattern[str]:
    """The names of the groupings, as one pattern."""
    return re.compile(rf"(?<![\w-])(?:{terms_regex(list(organisation_names()))})(?![\w])")


@dataclass(frozen=True, slots=True)
class CountryTerms:
    sensitive: re.Pattern[str]  #: names, places, acronyms: matched with their capitals.
    insensitive: re.Pattern[str]  #: adjectives and compound prefixes.
    masks: re.Pattern[str]  #: non-country phrases and organisation names.
    codes: dict[str, str]  #: folded term -> code.
    ambiguous: frozenset[str]  #: folded terms that count only with a clear term of their code.
    shared: dict[str, tuple[tuple[str, ...], str | None]]  #: folded term -> (codes, default).
    joined: re.Pattern[str]  #: names right after a hyphen that follows a term already taken.


def terms_regex(terms: list[str], fold_case: bool = False) -> str:
    """One regex for many terms, as a trie ('Corée|Corée du Sud|Costa Rica' -> 'Co(?:rée(?: du
    Sud)?|sta Rica)'): matching at a position follows one branch instead of trying thousands
    of terms, and the optional tails are greedy, so the longest term still wins."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for term in set(terms):
        node = trie
        for char in term.lower() if fold_case else term:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict) -> str:  # type: ignore[type-arg]
    branches = []
    for char in sorted(char for char in node if char):
        piece = "['’]" if char == "'" else re.escape(char)
        branches.append(piece + _trie_regex(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" in node:  # a term ends here: what follows is an optional, longer term
        return f"(?:{body})?" if len(branches) == 1 and len(body) > 1 else f"{body}?"
    return body


@cache
def load_country_terms() -> CountryTerms:
    """Read and compile the data file once per process."""
    text = resources.files("generator.data").joinpath("country_terms.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    codes: dict[str, str] = {}
    ambiguous: set[str] = set()
    sensitive: list[str] = []
    insensitive: list[str] = []
    for code, entry in data.items():
        if not (isinstance(code, str) and len(code) == 2 and isinstance(entry, dict)):
            continue
        for kind in ("names", "places", "ambiguous", "adjectives", "prefixes"):
            for term in entry.get(kind) or ():
                codes[term.lower()] = code
                if kind == "ambiguous":
                    ambiguous.add(term.lower())
                (insensitive if kind in ("adjectives", "prefixes") else sensitive).append(term)
    shared: dict[str, tuple[tuple[str, ...], str | None]] = {}
    for item in data.get("shared_terms") or ():
        shared[item["term"].lower()] = (tuple(item["codes"]), item.get("default"))
        (sensitive if item["term"][0].isupper() else insensitive).append(item["term"])
    masks = list(data.get("non_country_phrases") or ())
    for organisation in (data.get("organisations") or {}).values():
        masks.extend(organisation.get("names") or ())
    boundary = r"(?<![\w-]){}(?![\w])"
    return CountryTerms(
        sensitive=re.compile(boundary.format(f"(?:{terms_regex(sensitive)})")),
        insensitive=re.compile(
            r"(?<![\w]){}".format(f"(?:{terms_regex(insensitive, fold_case=True)})") + r"(?:(?<=-)|(?![\w]))",
            re.IGNORECASE,
        ),
        masks=re.compile(boundary.format(f"(?:{terms_regex(masks, fold_case=True)})"), re.IGNORECASE),
        joined=re.compile(rf"(?<={TAKEN}-)(?:{terms_regex(sensitive)})(?![\w])"),
        codes=codes,
        ambiguous=frozenset(ambiguous),
        shared=shared,
    )


#: What a taken term is overwritten with: not a word character, so boundaries still hold,
#: and not a space, so a hyphen right after it tells a compound of two countries
#: ("les relations Vietnam-Laos") from a name that merely contains a hyphen.
TAKEN = "\x1f"


def _take_terms(text: str, terms: CountryTerms, take: Callable[[re.Match[str]], str]) -> None:
    """Run ``take`` on every term of ``text`` (masks already applied): names, places and
    acronyms first (longest first, so "Guinée-Bissau" is one country), then names joined to
    one of those by a hyphen, then adjectives and prefixes. A hyphen inside a known name is
    part of it; between two names ("Vietnam-Laos", "Vietnam-Laos-Cambodge") it joins two
    countries: the sensitive pattern alone refuses a name after a hyphen, because the
    compound may be a name of its own."""
    text = terms.sensitive.sub(take, text)
    while (joined := terms.joined.sub(take, text)) != text:  # "Vietnam-Laos-Cambodge": twice
        text = joined
    terms.insensitive.sub(take, text)


def count_countries(text: str, terms: CountryTerms | None = None) -> Counter[str]:
    """Mentions per ISO code in ``text``. Ambiguous and shared terms are resolved per text."""
    terms = terms or load_country_terms()
    text = terms.masks.sub(lambda match: " " * len(match.group(0)), text.replace("’", "'"))
    clear: Counter[str] = Counter()
    doubtful: Counter[str] = Counter()
    shared: list[tuple[tuple[str, ...], str | None]] = []

    def take(match: re.Match[str]) -> str:
        term = match.group(0).lower()
        if term in terms.shared:
            shared.append(terms.shared[term])
        elif term in terms.ambiguous:
            doubtful[terms.codes[term]] += 1
        elif term in terms.codes:
            clear[terms.codes[term]] += 1
        return TAKEN * len(match.group(0))

    _take_terms(text, terms, take)
    for code, count in doubtful.items():
        if clear[code]:
            clear[code] += count
    for candidates, default in shared:
        known = [code for code in candidates if clear[code]]
        if len(known) == 1:
            clear[known[0]] += 1
        elif not known and default:
            clear[default] += 1
    return clear


def country_mentions(text: str, terms: CountryTerms | None = None) -> list[tuple[int, int, str]]:
    """(start, end, code) of each mention in ``text``, in order: the spans behind
    :func:`count_countries`, resolved the same way, for rules that look at what stands
    between two mentions."""
    terms = terms or load_country_terms()
    text = terms.masks.sub(lambda match: " " * len(match.group(0)), text.replace("’", "'"))
    clear: list[tuple[int, int, str]] = []
    doubtful: list[tuple[int, int, str]] = []
    shared: list[tuple[int, int, tuple[str, ...], str | None]] = []

    def take(match: re.Match[str]) -> str:
        term = match.group(0).lower()
        if term in terms.shared:
            shared.append((match.start(), match.end(), *terms.shared[term]))
        elif term in terms.ambiguous:
            doubtful.append((match.start(), match.end(), terms.codes[term]))
        elif term in terms.codes:
            clear.append((match.start(), match.end(), terms.codes[term]))
        return TAKEN * len(match.group(0))

    _take_terms(text, terms, take)
    named = {code for _, _, code in clear}
    found = clear + [mention for mention in doubtful if mention[2] in named]
    for start, end, candidates, default in shared:
        known = [code for code in candidates if code in named]
        code = known[0] if len(known) == 1 else (default if not known else None)
        if code:
            found.append((start, end, code))
    return sorted(found)

"""Articles that tell the same story twice: same source URL, same title and date, or the
same body text.

These are exact checks (up to case and spacing), cheap at any archive size. Ingest's
near-duplicate rule (generator.ingest.write.ContentIndex: 5-word shingles, Jaccard index)
is not run over the whole archive: it compares each story with every story sharing a
shingle, which is quadratic when stories share boilerplate (measured on bench/corpus.py's
stories: 1.3 s for 500, 3.8 s for 1,000, 13 s for 2,000, so minutes for 10,000), and
ingest already applies it to every story it writes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from generator.content.model import Article
from generator.errors import Diagnostic, warning

#: Bodies shorter than this are not compared: a stub or a one-line brief may repeat without
#: being the same story (every `archive new` stub holds the same sentence).
MIN_BODY_WORDS = 40


@dataclass(frozen=True, slots=True)
class Duplicate:
    article: Article
    original: Article  #: the earlier article it repeats.
    reasons: tuple[str, ...]


def find_duplicates(articles: Iterable[Article]) -> list[Duplicate]:
    """Each article that repeats an earlier one (by date, then slug), with every reason
    found; the earliest of a group is the original."""
    articles = sorted(articles, key=lambda article: article.sort_key)
    reasons: dict[int, dict[int, list[str]]] = {}
    _same_key(articles, _source_url_key, "same source_url", reasons)
    _same_key(articles, _title_date_key, "same title and date", reasons)
    _same_key(articles, _body_key, "same text", reasons)
    found = []
    for later in sorted(reasons):
        earlier = min(reasons[later])
        found.append(Duplicate(articles[later], articles[earlier], tuple(reasons[later][earlier])))
    return found


def duplicate_warnings(duplicates: Sequence[Duplicate]) -> list[Diagnostic]:
    return [
        warning(
            duplicate.article.source_path,
            None,
            "check.duplicate",
            f"probable duplicate of {duplicate.original.source_path} ({', '.join(duplicate.reasons)})",
            "remove one of the two, or make them tell different stories",
        )
        for duplicate in duplicates
    ]


def _source_url_key(article: Article) -> str | None:
    return article.source_url.strip().rstrip("/") if article.source_url else None


def _title_date_key(article: Article) -> tuple[str, str] | None:
    """Only a known date counts: two undated articles with one title may be two stories."""
    if article.date.iso is None:
        return None
    return (" ".join(article.title.casefold().split()), article.date.iso)


def _body_key(article: Article) -> bytes | None:
    words = article.body.casefold().split()
    if len(words) < MIN_BODY_WORDS:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=16).digest()


def _same_key(
    articles: Sequence[Article],
    key_of: Callable[[Article], Hashable | None],
    reason: str,
    reasons: dict[int, dict[int, list[str]]],
) -> None:
    """Record ``reason`` for each article whose key an earlier article already had."""
    first: dict[Hashable, int] = {}
    for number, article in enumerate(articles):
        key = key_of(article)
        if key is None:
            continue
        if key in first:
            reasons.setdefault(number, {}).setdefault(first[key], []).append(reason)
        else:
            first[key] = number

"""Article sketches -> the pairs whose bodies share wording, without comparing all pairs.

Every hash of every sketch names a bucket: the articles whose sketch holds it. Only two
articles in one bucket can share anything, so only they are compared. A hash found in more
than ``bucket_cap`` sketches is a stock phrase (the wire's dateline formula, "les deux pays
ont convenu de"): it says nothing about any pair, so its bucket is skipped and it counts as
boilerplate in the estimate. Each article is in at most SKETCH_SIZE buckets of at most
``cap`` articles, so the work is at most n * SKETCH_SIZE * cap pair counts: linear in n.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import chain, combinations

from generator.content.sketch import Sketch, sketch_limit

#: Most articles a shingle may be shared by and still say something about a pair: a story
#: retold a few times, not a phrase of the trade. Also bounds the work per article.
MAX_BUCKET = 16
#: Fewest hashes two sketches must share to be compared: one in common out of a sample of
#: 32 to 64 happens by chance between unrelated texts.
MIN_SHARED = 2


def bucket_cap(count: int) -> int:
    """The bucket bound for a site of ``count`` articles: MAX_BUCKET, or an eighth of a
    small site, never below 2 (two tellings of one story are always compared)."""
    return max(2, min(MAX_BUCKET, count // 8))


def shared_buckets(sketches: Sequence[Sketch], cap: int) -> list[list[int]]:
    """For each hash that 2 to ``cap`` sketches hold, their indices, ascending; hashes
    held by more are boilerplate and left out. Only the few hashes kept are visited
    article by article (a set intersection per sketch, in C)."""
    counts = Counter(chain.from_iterable(sketches))
    kept = {value for value, count in counts.items() if 1 < count <= cap}
    members: dict[int, list[int]] = {}
    for index, sketch in enumerate(sketches):
        for value in kept.intersection(sketch):
            members.setdefault(value, []).append(index)
    return list(members.values())


def text_similarities(sketches: Sequence[Sketch], cap: int) -> dict[tuple[int, int], float]:
    """``estimate_similarity`` of every pair ``(i, j)``, ``i < j``, whose sketches share at
    least MIN_SHARED hashes that are not boilerplate (held by more than ``cap`` sketches);
    other pairs are left out. Counting shared hashes bucket by bucket gives the same figure
    as comparing the two sketches, without building a set per pair."""
    buckets = shared_buckets(sketches, cap)
    pairs = Counter(chain.from_iterable(combinations(bucket, 2) for bucket in buckets))
    limits = [sketch_limit(sketch) for sketch in sketches]
    similarities = {}
    for (one, other), shared in pairs.items():
        if shared >= MIN_SHARED:
            limit = min(limits[one], limits[other])
            similarities[one, other] = share_of(sketches[one], sketches[other], shared, limit)
    return similarities


def share_of(one: Sketch, other: Sketch, shared: int, limit: int) -> float:
    """``estimate_similarity`` from a count: ``shared`` hashes (boilerplate left out) that
    both sketches hold up to ``limit``, the smaller of their limits."""
    return shared / (bisect_right(one, limit) + bisect_right(other, limit) - shared)

from __future__ import annotations

from collections import Counter
from itertools import chain, combinations
from math import comb

import pytest

from generator.content.sketch import SKETCH_SIZE, body_sketch, estimate_similarity
from generator.site.similarity import MIN_SHARED, bucket_cap, shared_buckets, text_similarities

from ..texts import OTHER_STORIES, RICE_RETOLD, RICE_STORY, STOCK_PARAGRAPH


@pytest.mark.parametrize(
    ("count", "cap"), [(0, 2), (3, 2), (23, 2), (24, 3), (80, 10), (128, 16), (10_000, 16)]
)
def test_bucket_cap_is_an_eighth_of_a_small_site_and_at_most_sixteen(count: int, cap: int) -> None:
    assert bucket_cap(count) == cap


def crafted_sketches(count: int, held_by: int) -> list[tuple[int, ...]]:
    """``count`` full sketches: 8 hashes every sketch holds, the rest each held by
    ``held_by`` consecutive sketches (a worst case: every bucket as full as allowed)."""
    everywhere = list(range(8))
    sketches = []
    for index in range(count):
        own = [1000 + (index // held_by) * 100 + slot for slot in range(SKETCH_SIZE - 8)]
        sketches.append(tuple(sorted(everywhere + own)))
    return sketches


def comparisons(buckets: list[list[int]]) -> int:
    return sum(comb(len(bucket), 2) for bucket in buckets)


def test_no_bucket_holds_boilerplate_or_more_than_the_cap_when_buckets_are_made() -> None:
    sketches = crafted_sketches(64, held_by=4)
    buckets = shared_buckets(sketches, cap=4)
    assert len(buckets) == 16 * (SKETCH_SIZE - 8)  # one per hash of a group, none for the 8
    assert all(len(bucket) == 4 for bucket in buckets)
    assert buckets[0] == [0, 1, 2, 3] and all(bucket == sorted(bucket) for bucket in buckets)
    assert shared_buckets(sketches, cap=3) == []  # held by 4 > 3: boilerplate too


@pytest.mark.parametrize("count", [64, 256, 1024])
def test_comparisons_grow_linearly_when_every_bucket_is_full(count: int) -> None:
    cap = 8
    buckets = shared_buckets(crafted_sketches(count, held_by=cap), cap)
    # each article is in at most SKETCH_SIZE buckets of at most ``cap`` articles
    assert comparisons(buckets) <= count * SKETCH_SIZE * (cap - 1) / 2
    assert comparisons(buckets) == count // cap * (SKETCH_SIZE - 8) * comb(cap, 2)


TEXTS = (RICE_STORY, RICE_RETOLD, *OTHER_STORIES)


def test_retelling_is_found_and_a_stock_paragraph_is_not_when_every_story_has_it() -> None:
    sketches = [body_sketch(text + STOCK_PARAGRAPH) for text in TEXTS]
    similarities = text_similarities(sketches, bucket_cap(len(sketches)))
    assert list(similarities) == [(0, 1)]
    assert similarities[0, 1] > 0.2
    # with no bound, the stock paragraph alone would relate every story to every other
    assert len(text_similarities(sketches, cap=len(sketches))) == comb(len(TEXTS), 2)


def test_similarities_equal_comparing_the_two_sketches_when_counted_by_bucket() -> None:
    sketches = [body_sketch(text) for text in TEXTS] + [
        body_sketch(TEXTS[n] + STOCK_PARAGRAPH) for n in (2, 3, 4)
    ]
    cap = 3
    counts = Counter(chain.from_iterable(sketches))
    boilerplate = frozenset(value for value, count in counts.items() if count > cap)
    similarities = text_similarities(sketches, cap)
    assert similarities
    for one, other in combinations(range(len(sketches)), 2):
        shared = set(sketches[one]) & set(sketches[other]) - boilerplate
        if len(shared) >= MIN_SHARED:
            expected = estimate_similarity(sketches[one], sketches[other], boilerplate)
            assert similarities[one, other] == expected
        else:
            assert (one, other) not in similarities

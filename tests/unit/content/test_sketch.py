from __future__ import annotations

import os
import random
import subprocess
import sys
import unicodedata
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.content.sketch import (
    HASH_SPACE,
    SKETCH_SIZE,
    body_sketch,
    body_words,
    estimate_similarity,
    folded_words,
    shingle_hashes,
    smallest_distinct,
)

from ..factories import REPO
from ..texts import RICE_RETOLD, RICE_STORY


def test_sketch_is_the_crc32_of_each_run_of_three_folded_words_when_made() -> None:
    expected = sorted(zlib.crc32(run) for run in (b"le vietnam et", b"vietnam et la", b"et la bielorussie"))
    assert body_sketch("Le Vietnam et la Biélorussie.") == tuple(expected)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Accord signé à Hanoï", "ACCORD SIGNE A HANOI"),  # case and accents
        ("l’accord « Vietnam–Laos » signé", "l'accord Vietnam - Laos signé"),  # typography
        ("le cœur de l’Œuvre à Đà Nẵng", "le coeur de l'oeuvre a Da Nang"),  # letters NFKD keeps
        ("voir [le texte](https://example.org/a) signé", "voir le texte signé"),  # link target
        ("un accord <strong>signé</strong> hier", "un accord signé hier"),  # HTML tags
    ],
)
def test_sketch_ignores_case_accents_punctuation_and_markup_when_made(one: str, other: str) -> None:
    assert body_words(one) == body_words(other)
    assert body_sketch(one) == body_sketch(other) != ()


def _nfkd_words(text: str) -> list[bytes]:
    """The folding ``folded_words`` must equal: NFKD over the whole text, accents and
    anything else not ASCII dropped, then letters and digits kept, in lower case."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c.lower() if c.isalnum() else " " for c in ascii_text).encode().split()


@pytest.mark.parametrize("code", range(256))
def test_folding_of_each_latin1_character_is_that_of_nfkd_between_letters_and_alone(code: int) -> None:
    char = chr(code)
    for text in (char, f"ab{char}cd", f"x {char} y", f"{char}{char}é"):
        assert folded_words(text) == _nfkd_words(text), repr(text)


#: Latin-1 and beyond: French, Vietnamese names, typographic marks, fractions, combining accents.
_FOLDED_ALPHABET = st.sampled_from(
    [*"aZé èÀçÇœ'’«»-.,0123", "½", "¼", "ª", "µ", "×", "\xa0", "ạ", "ư", "Đ", "ẵ", "\u0301", "ﬁ", "²", "Ω"]
)


@given(st.lists(_FOLDED_ALPHABET, max_size=40).map("".join))
def test_folded_words_are_those_of_nfkd_over_the_whole_text(text: str) -> None:
    assert folded_words(text) == _nfkd_words(text)


@pytest.mark.parametrize("body", ["", "\n", "Texte.\n", "Deux mots"])
def test_sketch_is_empty_when_the_body_has_fewer_than_three_words(body: str) -> None:
    assert body_sketch(body) == ()


def test_sketch_keeps_the_smallest_hashes_ascending_when_the_body_is_long() -> None:
    sketch = body_sketch(RICE_STORY)
    assert len(sketch) == SKETCH_SIZE
    assert sketch == tuple(sorted(shingle_hashes(body_words(RICE_STORY)))[:SKETCH_SIZE])


@given(
    st.lists(st.integers(0, HASH_SPACE - 1), max_size=400)
    | st.lists(st.integers(0, 40), max_size=400)  # a repetitive text: few distinct values
    | st.lists(st.integers(0, HASH_SPACE - 1), min_size=1, max_size=60).map(lambda some: some * 5),
    st.integers(1, 40),
)
def test_smallest_distinct_values_are_those_of_sorting_them_all(values: list[int], count: int) -> None:
    assert smallest_distinct(values, count) == tuple(sorted(set(values))[:count])


def test_sketch_is_the_same_when_processes_salt_their_hashes_differently() -> None:
    script = (
        "from generator.content.sketch import body_sketch; import sys; print(body_sketch(sys.stdin.read()))"
    )
    printed = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", script],
            input=RICE_STORY,
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        printed.add(result.stdout.strip())
    assert printed == {str(body_sketch(RICE_STORY))}


def overlapping_texts(rng: random.Random, words: int, kept: float) -> tuple[str, str]:
    """A text of invented words, and a copy with about ``kept`` of its words unchanged."""
    vocabulary = [f"mot{number}" for number in range(3000)]
    text = [rng.choice(vocabulary) for _ in range(words)]
    copy = [word if rng.random() < kept else rng.choice(vocabulary) for word in text]
    return " ".join(text), " ".join(copy)


def test_estimate_is_close_to_the_exact_jaccard_when_texts_overlap() -> None:
    rng = random.Random(2017)
    errors = []
    for kept in (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0) * 4:
        one, other = overlapping_texts(rng, rng.randrange(200, 800), kept)
        mine, theirs = shingle_hashes(body_words(one)), shingle_hashes(body_words(other))
        exact = len(mine & theirs) / len(mine | theirs)
        estimate = estimate_similarity(body_sketch(one), body_sketch(other))
        assert abs(estimate - exact) < 0.15, (kept, exact, estimate)
        errors.append(abs(estimate - exact))
    assert sum(errors) / len(errors) < 0.05


def test_estimate_is_exact_when_the_texts_are_short() -> None:
    one, other = "a b c d e f g", "a b c d x y z"  # 5 shingles each, 2 in common
    assert estimate_similarity(body_sketch(one), body_sketch(other)) == 2 / 8


def test_boilerplate_counts_as_not_shared_when_estimating() -> None:
    sketch = body_sketch(RICE_STORY)
    assert estimate_similarity(sketch, sketch) == 1.0
    assert estimate_similarity(sketch, sketch, frozenset(sketch)) == 0.0
    half = frozenset(sketch[::2])
    shared = len(sketch) - len(half)
    assert estimate_similarity(sketch, sketch, half) == shared / (2 * len(sketch) - shared)


def test_a_retelling_is_estimated_far_above_chance_when_compared() -> None:
    assert estimate_similarity(body_sketch(RICE_STORY), body_sketch(RICE_RETOLD)) > 0.3

from __future__ import annotations

import textwrap

import pytest

from generator.content.aliases import (
    ALIASES_PATH,
    AliasError,
    PeopleAliases,
    load_people_aliases,
    normalise_name,
    parse_people_aliases,
)
from generator.errors import GeneratorError


def alias_errors(text: str) -> list[str]:
    with pytest.raises(AliasError) as caught:
        parse_people_aliases(textwrap.dedent(text))
    return [d.format() for d in caught.value.diagnostics]


def test_shipped_list_is_valid_and_merges_the_documented_spellings() -> None:
    aliases = load_people_aliases()
    assert aliases.resolve("Trần Đại Quang") == "Tran Dai Quang"
    assert aliases.resolve("Trân Dai Quang") == "Tran Dai Quang"
    assert aliases.resolve("Tran Dai Quang") == "Tran Dai Quang"
    assert aliases.resolve("Loukachenko") == "Alexander Lukashenko"
    assert aliases.resolve("Alexandre Loukachenko") == "Alexander Lukashenko"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Loukachenko", "Alexander Lukashenko"),
        ("  Alexandre   Loukachenko ", "Alexander Lukashenko"),  # spaces are not a difference
        ("Tra\u0302\u0300n \u0110a\u0323i Quang", "Tran Dai Quang"),  # decomposed accents (NFD)
        ("loukachenko", "loukachenko"),  # case counts: no guessing
        ("Loukatchenko", "Loukatchenko"),  # a near miss stays another name
        ("Tran Đai Quang", "Tran Đai Quang"),  # not listed: not merged
    ],
)
def test_name_resolves_only_through_an_exact_entry_when_looked_up(written: str, canonical: str) -> None:
    aliases = parse_people_aliases(
        "Alexander Lukashenko: [Loukachenko, Alexandre Loukachenko]\n"
        "Tran Dai Quang: [Trân Dai Quang, Trần Đại Quang]\n"
    )
    assert aliases.resolve(written) == canonical


def test_name_is_normalised_to_nfc_with_single_spaces() -> None:
    assert normalise_name("  Tra\u0302\u0300n\t Dai  Quang ") == "Trần Dai Quang"


@pytest.mark.parametrize("text", ["", "# only comments\n", "~\n"])
def test_list_is_empty_when_the_file_names_nobody(text: str) -> None:
    assert parse_people_aliases(text) == PeopleAliases()


def test_conflict_names_file_line_and_both_owners_when_a_spelling_is_listed_twice() -> None:
    assert alias_errors(
        """\
        Alexander Lukashenko:
          - Loukachenko
        Alexandre Loukachenko:
          - Loukachenko
        """
    ) == [
        f"{ALIASES_PATH}:4: error [aliases.conflict]: 'Loukachenko' is listed under both "
        "'Alexander Lukashenko' (line 2) and 'Alexandre Loukachenko'"
    ]


def test_conflict_is_found_when_two_spellings_differ_only_by_spaces_or_encoding() -> None:
    (message,) = alias_errors(
        """\
        Tran Dai Quang: [Trần Đại Quang]
        Tran Dai  Quang Bis: ["Tra\u0302\u0300n  \u0110a\u0323i Quang"]
        """
    )
    assert message.startswith(f"{ALIASES_PATH}:2: error [aliases.conflict]: 'Trần Đại Quang' is listed")


def test_conflict_is_reported_when_a_canonical_name_is_another_ones_spelling() -> None:
    assert alias_errors(
        """\
        Alexander Lukashenko: [Loukachenko]
        Loukachenko: [Loukatchenko]
        Lukashenko: [Alexander Lukashenko]
        """
    ) == [
        f"{ALIASES_PATH}:1: error [aliases.conflict]: 'Loukachenko' is a canonical name (line 2) "
        "and cannot also be a spelling of 'Alexander Lukashenko'",
        f"{ALIASES_PATH}:3: error [aliases.conflict]: 'Alexander Lukashenko' is a canonical name (line 1) "
        "and cannot also be a spelling of 'Lukashenko'",
    ]


def test_duplicates_are_reported_when_a_list_repeats_itself_or_its_owner() -> None:
    assert alias_errors(
        """\
        Tran Dai Quang:
          - Trân Dai Quang
          - Trân Dai Quang
          - Tran Dai Quang
        """
    ) == [
        f"{ALIASES_PATH}:3: error [aliases.duplicate]: 'Trân Dai Quang' is listed twice under "
        "'Tran Dai Quang' (first on line 2)",
        f"{ALIASES_PATH}:4: error [aliases.duplicate]: 'Tran Dai Quang' is the canonical name itself: "
        "remove it from its list",
    ]


def test_duplicate_canonical_names_are_reported_when_they_differ_only_by_spaces() -> None:
    assert alias_errors("Tran Dai Quang: [A]\nTran  Dai Quang: [B]\n") == [
        f"{ALIASES_PATH}:2: error [aliases.duplicate]: 'Tran Dai Quang' is listed twice (first on line 1)"
    ]


def test_every_problem_is_reported_at_once_when_the_file_has_several() -> None:
    assert alias_errors(
        """\
        Alexander Lukashenko: Loukachenko
        Tran Dai Quang: [Trân Dai Quang, 12, ""]
        """
    ) == [
        f"{ALIASES_PATH}:1: error [aliases.type]: the spellings of 'Alexander Lukashenko' must be a list "
        "of names, got text",
        f"{ALIASES_PATH}:2: error [aliases.type]: '' under 'Tran Dai Quang' is not a name",
        f"{ALIASES_PATH}:2: error [aliases.type]: 12 under 'Tran Dai Quang' is not a name",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Loukachenko\n", "1: error [aliases.type]: the alias list must map each canonical name"),
        ("A: [B\n", "2: error [aliases.yaml]: "),
        ("A: [B]\nA: [C]\n", "2: error [aliases.yaml]: duplicate key 'A' (first set on line 1)"),
    ],
)
def test_malformed_file_is_reported_with_its_line(text: str, expected: str) -> None:
    (message,) = alias_errors(text)
    assert message.startswith(f"{ALIASES_PATH}:{expected}")


def test_alias_error_is_a_user_error_when_the_cli_catches_it() -> None:
    assert issubclass(AliasError, GeneratorError)  # exit code 1 with the diagnostics, not a traceback

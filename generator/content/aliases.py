"""The people alias list: spellings of one person's name merged under a canonical name.

The list is a data file shipped with the generator (generator/data/people_aliases.yaml), so
merging two spellings is an editorial decision recorded in the repository, never a guess.
Names are compared exactly, after Unicode NFC normalisation and collapsing runs of spaces
(two ways of typing the same characters are the same name); case and accents count.

A spelling listed under two canonical names, or a canonical name that is also another
one's spelling, would make a person's page depend on which entry wins: both are errors
naming the file and line, as every other problem in the file is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from generator.errors import Diagnostic, GeneratorError, error
from generator.yamlsource import LocatedYaml, YamlSyntaxError, parse_yaml

ALIASES_FILE = "people_aliases.yaml"
#: How diagnostics name the shipped file.
ALIASES_PATH = f"generator/data/{ALIASES_FILE}"


class AliasError(GeneratorError):
    """The people alias list is invalid."""


@lru_cache(maxsize=1 << 16)
def normalise_name(name: str) -> str:
    """The form names are compared in: NFC, single spaces, no surrounding space."""
    return " ".join(unicodedata.normalize("NFC", name).split())


@dataclass(frozen=True, slots=True)
class PeopleAliases:
    """Normalised spelling -> canonical name, for every spelling the list names."""

    canonical: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def resolve(self, name: str) -> str:
        """The canonical name of ``name``: its entry in the list, else the name itself."""
        key = normalise_name(name)
        return self.canonical.get(key, key)


@cache
def load_people_aliases() -> PeopleAliases:
    """The shipped alias list, read and validated once per process (raises AliasError)."""
    text = resources.files("generator.data").joinpath(ALIASES_FILE).read_text(encoding="utf-8")
    return parse_people_aliases(text)


def parse_people_aliases(text: str, display: str = ALIASES_PATH) -> PeopleAliases:
    """Parse and validate an alias list; raise AliasError listing every problem."""
    try:
        located = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise AliasError([error(display, exc.line, "aliases.yaml", exc.message)]) from None
    if located.data is None:
        return PeopleAliases()
    if not isinstance(located.data, dict):
        raise AliasError(
            [
                error(
                    display,
                    located.line_of(),
                    "aliases.type",
                    "the alias list must map each canonical name to a list of spellings",
                )
            ]
        )
    problems: list[Diagnostic] = []
    canonical = _canonical_names(located, display, problems)
    spellings = _spellings(located, display, canonical, problems)
    if problems:
        raise AliasError(problems)
    mapping = {name: name for name in canonical} | spellings
    return PeopleAliases(MappingProxyType(dict(sorted(mapping.items()))))


def _canonical_names(located: LocatedYaml, display: str, problems: list[Diagnostic]) -> dict[str, int | None]:
    """Normalised canonical name -> its line; two keys that normalise alike are an error."""
    lines: dict[str, int | None] = {}
    for key in located.data:
        line = located.line_of(str(key))
        name = normalise_name(key) if isinstance(key, str) else ""
        if not name:
            problems.append(error(display, line, "aliases.type", f"{key!r} is not a name"))
        elif name in lines:
            problems.append(
                error(
                    display,
                    line,
                    "aliases.duplicate",
                    f"'{name}' is listed twice (first on line {lines[name]})",
                )
            )
        else:
            lines[name] = line
    return lines


def _spellings(
    located: LocatedYaml, display: str, canonical: dict[str, int | None], problems: list[Diagnostic]
) -> dict[str, str]:
    """Normalised spelling -> canonical name, recording every conflict with its line."""
    owners: dict[str, tuple[str, int | None]] = {}
    for key, values in located.data.items():
        name = normalise_name(key) if isinstance(key, str) else ""
        if not name:
            continue
        if not isinstance(values, list):
            problems.append(
                error(
                    display,
                    located.line_of(key),
                    "aliases.type",
                    f"the spellings of '{name}' must be a list of names, got {_kind(values)}",
                )
            )
            continue
        for index, value in enumerate(values):
            line = located.line_of(key, index)
            spelling = normalise_name(value) if isinstance(value, str) else ""
            problem = _spelling_problem(spelling, value, name, owners, canonical)
            if problem:
                problems.append(error(display, line, *problem))
            else:
                owners[spelling] = (name, line)
    return {spelling: owner for spelling, (owner, _line) in owners.items()}


def _spelling_problem(
    spelling: str,
    value: Any,
    name: str,
    owners: dict[str, tuple[str, int | None]],
    canonical: dict[str, int | None],
) -> tuple[str, str] | None:
    """(code, message) when ``spelling`` cannot be a spelling of ``name``, else None."""
    if not spelling:
        return ("aliases.type", f"{value!r} under '{name}' is not a name")
    if spelling == name:
        return ("aliases.duplicate", f"'{spelling}' is the canonical name itself: remove it from its list")
    if spelling in canonical:
        return (
            "aliases.conflict",
            f"'{spelling}' is a canonical name (line {canonical[spelling]}) "
            f"and cannot also be a spelling of '{name}'",
        )
    if spelling in owners:
        owner, line = owners[spelling]
        if owner == name:
            return (
                "aliases.duplicate",
                f"'{spelling}' is listed twice under '{name}' (first on line {line})",
            )
        return (
            "aliases.conflict",
            f"'{spelling}' is listed under both '{owner}' (line {line}) and '{name}'",
        )
    return None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {str: "text", int: "a number", float: "a number", bool: "true/false", dict: "a mapping"}.get(
        type(value), type(value).__name__
    )

"""The curated data files ingest reads (generator/data/*.yaml), each parsed once per process.

Editors extend these files without touching code; each file documents its own format at the
top. A malformed file is a bug in the shipped package, reported with the file's name.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from generator.yamlsource import YamlSyntaxError, parse_yaml


class DataFileError(Exception):
    """A shipped data file is missing a key or has a value of the wrong kind."""


@cache
def read_data_file(name: str) -> Any:
    """The parsed content of generator/data/``name``."""
    text = resources.files("generator.data").joinpath(name).read_text(encoding="utf-8")
    try:
        return parse_yaml(text).data
    except YamlSyntaxError as exc:
        raise DataFileError(f"generator/data/{name}:{exc.line}: {exc.message}") from None


def string_list(name: str, key: str) -> tuple[str, ...]:
    """The list of non-empty strings under ``key`` in data file ``name``."""
    data = read_data_file(name)
    values = data.get(key) if isinstance(data, dict) else None
    if not isinstance(values, list) or not all(isinstance(value, str) and value.strip() for value in values):
        raise DataFileError(f"generator/data/{name}: '{key}' must be a list of non-empty strings")
    return tuple(value.strip() for value in values)


def string_mapping(name: str, key: str) -> dict[str, str]:
    """The mapping of strings to strings under ``key`` in data file ``name``."""
    data = read_data_file(name)
    values = data.get(key) if isinstance(data, dict) else None
    if not isinstance(values, dict) or not all(
        isinstance(item, str) and isinstance(value, str) for item, value in values.items()
    ):
        raise DataFileError(f"generator/data/{name}: '{key}' must map strings to strings")
    return dict(values)

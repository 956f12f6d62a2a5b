"""Countries: ISO 3166-1 alpha-2 codes and their French names, read from a data file.

Names live in ``generator/data/countries.yaml`` so an editor can correct one without touching
code; the slug (used in URLs such as /pays/bielorussie/) is derived from the name.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from generator.content.model import Country
from generator.slugs import slugify
from generator.yamlsource import parse_yaml


@cache
def load_countries() -> dict[str, Country]:
    """All known countries by code. Read once per process: the file is part of the package."""
    text = resources.files("generator.data").joinpath("countries.yaml").read_text(encoding="utf-8")
    data = parse_yaml(text).data
    return {
        code: Country(code=code, name=entry["name"], slug=slugify(entry["name"]))
        for code, entry in sorted(data.items())
    }

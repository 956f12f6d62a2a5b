"""What a parsed article depends on besides its bytes (generator/inputs.py content_key)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.config import load_config
from generator.inputs import content_key

from .factories import write_site


def test_the_content_key_names_the_home_country_and_the_content_folder(tmp_path: Path) -> None:
    config = load_config(write_site(tmp_path / "site", {}) / "site.yaml")
    key = content_key(config)
    assert content_key(replace(config)) == key
    assert content_key(replace(config, home_country="FR")) != key
    moved = replace(config, paths=replace(config.paths, content="articles"))
    assert content_key(moved) != key
    assert content_key(replace(config, title="Autre titre")) == key  # not read by a parse

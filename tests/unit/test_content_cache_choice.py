from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.build import content_cache
from generator.config import SiteConfig


def test_kept_cache_is_reused_while_it_fits_and_replaced_when_not(tmp_path: Path) -> None:
    config = SiteConfig(root=tmp_path)
    kept = content_cache(config)
    assert content_cache(config, kept) is kept
    other_home = replace(config, home_country="FR")  # parsed articles depend on it
    assert content_cache(other_home, kept) is not kept
    other_place = replace(config, paths=replace(config.paths, cache="ailleurs"))
    assert content_cache(other_place, kept).directory == tmp_path.resolve() / "ailleurs" / "content"
    assert content_cache(config, kept, incremental=False) is not kept

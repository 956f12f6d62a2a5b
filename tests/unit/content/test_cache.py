from __future__ import annotations

import os
from pathlib import Path

import generator.content.schema
from generator.content.cache import ContentCache
from generator.content.countries import load_countries
from generator.content.load import load_content
from generator.content.sketch import body_sketch

from ..factories import article_file, write_site
from ..texts import RICE_STORY


def load(root: Path, key: str = "clé") -> tuple:
    cache = ContentCache(root / ".cache", key, load_countries())
    loaded = load_content(root / "content", root, "VN", cache)
    cache.save()
    return loaded, cache


def test_unchanged_files_are_not_parsed_again_and_load_equal(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {"content/a.md": article_file("Premier"), "content/b.md": article_file("Second")}
    )
    first, cold = load(root)
    second, warm = load(root)
    assert (cold.hits, cold.misses) == (0, 2)
    assert (warm.hits, warm.misses) == (2, 0)
    assert second == first


def test_body_sketch_is_kept_with_the_article_and_not_made_again_when_warm(
    tmp_path: Path, monkeypatch
) -> None:
    root = write_site(tmp_path, {"content/a.md": article_file("Riz").replace("Texte.", RICE_STORY)})
    (cold,) = load(root)[0].articles
    assert cold.sketch == body_sketch(RICE_STORY) != ()

    def refuse(body: str) -> tuple[int, ...]:
        raise AssertionError("a cached article was shingled again")

    monkeypatch.setattr(generator.content.schema, "body_sketch", refuse)
    (warm,) = load(root)[0].articles
    assert warm.sketch == cold.sketch


def test_touched_file_with_the_same_bytes_is_found_by_its_hash(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/a.md": article_file("Premier")})
    load(root)
    os.utime(root / "content/a.md", ns=(1, 1))
    _, cache = load(root)
    assert (cache.hits, cache.misses) == (1, 0)


def test_edited_file_is_parsed_again(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/a.md": article_file("Premier")})
    load(root)
    (root / "content/a.md").write_text(article_file("Titre corrigé"), encoding="utf-8")
    loaded, cache = load(root)
    assert cache.misses == 1
    assert loaded.articles[0].title == "Titre corrigé"


def test_invalid_file_diagnostics_are_cached_too(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/a.md": "---\ntitle: [\n---\ntexte\n"})
    first, _ = load(root)
    second, cache = load(root)
    assert cache.hits == 1
    assert [d.format() for d in second.diagnostics] == [d.format() for d in first.diagnostics]
    assert second.diagnostics and second.diagnostics[0].code == "front-matter.yaml"


def test_cache_of_another_generator_version_is_ignored(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/a.md": article_file("Premier")})
    load(root, key="version 1")
    _, cache = load(root, key="version 2")
    assert (cache.hits, cache.misses) == (0, 1)


def test_damaged_cache_is_ignored(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"content/a.md": article_file("Premier")})
    load(root)
    for shard in (root / ".cache").iterdir():
        shard.write_bytes(b"\x00 pas du marshal")
    loaded, cache = load(root)
    assert cache.misses == 1 and loaded.articles[0].title == "Premier"


def test_deleted_files_leave_the_cache(tmp_path: Path) -> None:
    root = write_site(
        tmp_path, {"content/a.md": article_file("Premier"), "content/b.md": article_file("Second")}
    )
    load(root)
    (root / "content/b.md").unlink()
    load(root)
    cache = ContentCache(root / ".cache", "clé", load_countries())
    assert cache.get("b.md", (0, 0, 0, 0), digest=None) is None
    assert len(cache._entries) == 1

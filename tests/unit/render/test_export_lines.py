"""Export records written out once: the store gives the very bytes a fresh serialisation
gives, and an article's lines are made again exactly when something they show changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.content.aliases import parse_people_aliases
from generator.render import export_lines
from generator.render.exports import DataExport, serialised, to_csv, to_json
from generator.site.model import build_model

from .test_exports import ARTICLES, CONFIG, MODEL

DIGESTS = {article.slug: f"hash-{article.slug}" for article in ARTICLES}


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Slugs whose record was asked for (rather than taken from the store)."""
    built: list[str] = []
    original = DataExport.record

    def counting(self, article):  # type: ignore[no-untyped-def]
        built.append(article.slug)
        return original(self, article)

    monkeypatch.setattr(DataExport, "record", counting)
    export_lines._KEPT.clear()  # every test reads its own store from disk
    return built


def documents(records: dict) -> tuple[str, str]:
    with serialised(records):
        export = DataExport(CONFIG, MODEL)
        return to_json(export.articles_document()), to_csv(export.csv_table())


def test_stored_lines_give_the_same_files_as_building_every_record(tmp_path: Path, made: list[str]) -> None:
    fresh = documents({})
    first = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)
    export_lines._KEPT.clear()
    again = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)  # from the file on disk
    assert documents(first) == documents(again) == fresh
    assert sorted(set(made)) == sorted(DIGESTS)  # built for the first call (and `fresh`) only


def test_only_the_edited_article_is_written_again(tmp_path: Path, made: list[str]) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)
    shards = sorted((tmp_path / export_lines.STORE).iterdir())
    before = {path.name: path.stat().st_mtime_ns for path in shards}
    made.clear()
    edited = {**DIGESTS, "sommet": "hash-sommet-2"}
    export_lines.prepare(CONFIG, MODEL, edited, tmp_path)
    assert set(made) == {"sommet"}
    after = {path.name: path.stat().st_mtime_ns for path in shards}
    assert [name for name in before if before[name] != after[name]] == [
        f"{export_lines._shard('sommet'):02d}.marshal"
    ]


def test_a_renamed_person_rewrites_the_articles_naming_them(tmp_path: Path, made: list[str]) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)
    made.clear()
    renamed = build_model(ARTICLES, 3, parse_people_aliases("Aliaksandr Lukashenka: [Loukachenko]\n"))
    records = export_lines.prepare(CONFIG, renamed, DIGESTS, tmp_path)
    assert set(made) == {"accord"}
    assert "Aliaksandr Lukashenka" in records["accord"].line


@pytest.mark.parametrize(
    "change",
    [
        {"base_url": "http://example.net/"},
        {"data": dataclasses.replace(CONFIG.data, bodies=True)},
        {"home_country": "BY"},  # a pair's codes, slug and name put the home country first
    ],
    ids=["site-url", "bodies", "home-country"],
)
def test_site_wide_changes_rewrite_every_article(tmp_path: Path, made: list[str], change: dict) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)
    made.clear()
    records = export_lines.prepare(dataclasses.replace(CONFIG, **change), MODEL, DIGESTS, tmp_path)
    assert sorted(set(made)) == sorted(DIGESTS)
    assert all("example.org" not in r.line for r in records.values()) == ("base_url" in change)


def test_a_damaged_store_is_ignored(tmp_path: Path, made: list[str]) -> None:
    (tmp_path / export_lines.STORE).mkdir()
    for index in range(export_lines.SHARDS):
        (tmp_path / export_lines.STORE / f"{index:02d}.marshal").write_bytes(b"\x00not marshal")
    records = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)
    assert documents(records) == documents({})

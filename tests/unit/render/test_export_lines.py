"""Export records written out once: the store gives the very bytes a fresh serialisation
gives, and an article's lines are made again exactly when something they show changed."""

from __future__ import annotations

import dataclasses
import marshal
import threading
from pathlib import Path

import pytest

from generator.content.aliases import parse_people_aliases
from generator.render import export_lines
from generator.render.exports import DataExport, Serialised, serialised, to_csv, to_json
from generator.site.edits import Edit
from generator.site.model import SiteModel, build_model

from .test_exports import ALIASES, ARTICLES, CONFIG, MODEL

DIGESTS = {article.slug: f"hash-{article.slug}" for article in ARTICLES}


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Slugs whose record was asked for (rather than taken from the store)."""
    built: list[str] = []
    original = DataExport.record

    def counting(self, article):  # type: ignore[no-untyped-def]
        record = original(self, article)
        if not isinstance(record, Serialised):  # made now, not a prepared one handed back
            built.append(article.slug)
        return record

    monkeypatch.setattr(DataExport, "record", counting)
    export_lines._KEPT.clear()  # every test reads its own store from disk
    return built


def index_file(cache: Path) -> tuple[str, str | None, dict[str, tuple[str, str]]]:
    """The store's index file: (header, build it holds the records of, slug -> (key, digest))."""
    return marshal.loads((cache / export_lines.STORE / export_lines.INDEX).read_bytes())


def indexed_build(cache: Path) -> str | None:
    return index_file(cache)[1]


def indexed(cache: Path) -> dict[str, tuple[str, str]]:
    return index_file(cache)[2]


def assert_consistent(cache: Path) -> None:
    """The index names exactly what the shards hold."""
    folder = cache / export_lines.STORE
    header, _, index = index_file(cache)
    entries: dict[str, tuple] = {}
    for path in folder.glob("[0-9][0-9].marshal"):
        found, shard = marshal.loads(path.read_bytes())
        assert found == header, path.name
        entries.update(shard)
    assert index == {slug: (entry[0], entry[3]) for slug, entry in entries.items()}


def documents(records: dict, model: SiteModel = MODEL) -> tuple[str, str]:
    with serialised(records):
        export = DataExport(CONFIG, model)
        return to_json(export.articles_document()), to_csv(export.csv_table())


def test_stored_lines_give_the_same_files_as_building_every_record(tmp_path: Path, made: list[str]) -> None:
    fresh = documents({})
    first = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)
    export_lines._KEPT.clear()
    made.clear()
    again = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path)  # from the file on disk
    assert documents(first) == documents(again) == fresh
    assert made == []
    assert_consistent(tmp_path)


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
        f"{export_lines._shard('sommet'):02d}.marshal",
        export_lines.INDEX,
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


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Slugs whose stored entry was checked against its key."""
    checked: list[str] = []
    original = export_lines._key

    def counting(article, digests, model):  # type: ignore[no-untyped-def]
        checked.append(article.slug)
        return original(article, digests, model)

    monkeypatch.setattr(export_lines, "_key", counting)
    return checked


def edit_of(since: str, *slugs: str) -> Edit:
    return Edit(since, {}, {slug: () for slug in slugs})


def test_after_an_edit_relative_to_the_stored_build_only_the_edited_keys_are_checked(
    tmp_path: Path, made: list[str], keyed: list[str]
) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    assert indexed_build(tmp_path) == "b1"
    export_lines._KEPT.clear()
    export_lines._PREPARED.clear()  # a new process: only the store on disk
    made.clear()
    keyed.clear()
    retitled = [dataclasses.replace(a, title="Nouveau titre") if a.slug == "sommet" else a for a in ARTICLES]
    model = build_model(tuple(retitled), 3, ALIASES)
    edited = {**DIGESTS, "sommet": "hash-sommet-2"}
    records = export_lines.prepare(CONFIG, model, edited, tmp_path, edit_of("b1", "sommet"), build="b2")
    assert keyed == ["sommet"]
    assert set(made) == {"sommet"}
    assert indexed_build(tmp_path) == "b2"
    assert "Nouveau titre" in records["sommet"].line
    export_lines._KEPT.clear()
    afresh = export_lines.prepare(CONFIG, model, edited, tmp_path / "new")
    assert documents(records, model) == documents(afresh, model)


def test_an_edit_relative_to_another_build_checks_every_key(
    tmp_path: Path, made: list[str], keyed: list[str]
) -> None:
    """The store was last written by b1; an edit relative to b0 (whose records may have
    named people differently) must not trust it."""
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    export_lines._KEPT.clear()
    keyed.clear()
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, edit_of("b0", "sommet"), build="b2")
    assert sorted(keyed) == sorted(DIGESTS)


def test_a_store_left_half_written_names_no_build(
    tmp_path: Path, made: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")

    def interrupted(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export_lines, "write_shards", interrupted)
    export_lines.prepare(CONFIG, MODEL, {**DIGESTS, "sommet": "hash-2"}, tmp_path, build="b2")
    assert not (tmp_path / export_lines.STORE / export_lines.INDEX).exists()


def retitled(slug: str) -> SiteModel:
    articles = [dataclasses.replace(a, title="Nouveau titre") if a.slug == slug else a for a in ARTICLES]
    return build_model(tuple(articles), 3, ALIASES)


def forget_process_memory() -> None:
    export_lines._KEPT.clear()
    export_lines._PREPARED.clear()


def test_a_failed_write_leaves_no_store_trusted_by_the_next_process(
    tmp_path: Path, made: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in review: the dev server failed to write sommet's shard, then wrote another
    shard and named its build; a new process trusting that name read sommet's old line."""
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    edited, model = {**DIGESTS, "sommet": "hash-sommet-2"}, retitled("sommet")

    def no_space(*args: object) -> None:
        raise OSError(28, "no space left on device")

    with monkeypatch.context() as failing:
        failing.setattr(export_lines, "write_shards", no_space)
        export_lines.prepare(CONFIG, model, edited, tmp_path, edit_of("b1", "sommet"), build="b2")
    later = {**edited, "accord": "hash-accord-2"}
    export_lines.prepare(CONFIG, model, later, tmp_path, edit_of("b2", "accord"), build="b3")
    forget_process_memory()
    again = {**later, "sans-date": "hash-sans-date-2"}
    records = export_lines.prepare(CONFIG, model, again, tmp_path, edit_of("b3", "sans-date"))
    assert "Nouveau titre" in records["sommet"].line


def test_a_store_another_process_wrote_is_read_again(tmp_path: Path, made: list[str]) -> None:
    """Found in review: the dev server and `archive build` share the store. The server's
    copy in memory must not be taken for what is on disk once the other one wrote it."""
    assert export_lines._shard("sommet") != export_lines._shard("accord")
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="s1")  # the dev server
    server = dict(export_lines._KEPT), dict(export_lines._PREPARED)
    forget_process_memory()  # `archive build`, in a new process, sees sommet retitled
    export_lines.prepare(CONFIG, retitled("sommet"), {**DIGESTS, "sommet": "hash-2"}, tmp_path, build="cli")
    forget_process_memory()  # the title is put back; the server rebuilds, an edit of accord
    export_lines._KEPT.update(server[0])
    export_lines._PREPARED.update(server[1])
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, edit_of("s1", "accord"), build="s2")
    forget_process_memory()  # a new process, relative to s2, trusts the store
    records = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, edit_of("s2", "accord"), build="s3")
    assert documents(records) == documents({})


def test_builds_sharing_the_store_prepare_from_it_one_at_a_time(tmp_path: Path, made: list[str]) -> None:
    finished = threading.Event()

    def other_build() -> None:
        export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="other")
        finished.set()

    with export_lines._locked(tmp_path / export_lines.STORE):  # as another process would hold it
        worker = threading.Thread(target=other_build)
        worker.start()
        assert not finished.wait(0.5)
    assert finished.wait(30)
    worker.join()
    assert indexed_build(tmp_path) == "other"


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Shards decoded, by index, in order."""
    seen: list[int] = []
    original = export_lines._Store.shard

    def counting(self, index):  # type: ignore[no-untyped-def]
        if index not in self._shards:
            seen.append(index)
        return original(self, index)

    monkeypatch.setattr(export_lines._Store, "shard", counting)
    return seen


def test_a_new_process_decodes_only_the_shard_it_rewrites(
    tmp_path: Path, made: list[str], decoded: list[int]
) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    forget_process_memory()
    decoded.clear()
    edited = {**DIGESTS, "sommet": "hash-sommet-2"}  # a body edit: the lines stay as they were
    records = export_lines.prepare(CONFIG, MODEL, edited, tmp_path, edit_of("b1", "sommet"), build="b2")
    assert decoded == [export_lines._shard("sommet")]
    assert documents(records) == documents({})  # the others' lines, read now, are the stored ones
    assert sorted(set(decoded)) == sorted({export_lines._shard(slug) for slug in DIGESTS})


def test_a_damaged_shard_under_a_sound_index_has_its_lines_made_again(
    tmp_path: Path, made: list[str]
) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    forget_process_memory()
    shard = export_lines._shard("accord")
    in_shard = sorted(slug for slug in DIGESTS if export_lines._shard(slug) == shard)
    (tmp_path / export_lines.STORE / f"{shard:02d}.marshal").write_bytes(b"\x00abime")
    made.clear()
    records = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, edit_of("b1"), build="b2")
    assert made == []
    written = documents(records)
    assert sorted(set(made)) == in_shard  # made when read; the others were read from their shards
    assert written == documents({})


def test_a_damaged_shard_is_stored_whole_again_after_an_edit_reaches_it(
    tmp_path: Path, made: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export_lines, "SHARDS", 1)  # every article in one shard
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    forget_process_memory()
    (tmp_path / export_lines.STORE / "00.marshal").write_bytes(b"\x00abime")
    edited = {**DIGESTS, "accord": "hash-accord-2"}
    export_lines.prepare(CONFIG, MODEL, edited, tmp_path, edit_of("b1", "accord"), build="b2")
    assert set(indexed(tmp_path)) == {"accord"}  # no longer naming what the shard lost
    assert_consistent(tmp_path)
    forget_process_memory()
    records = export_lines.prepare(CONFIG, MODEL, edited, tmp_path, edit_of("b2", "sommet"), build="b3")
    assert set(indexed(tmp_path)) == set(DIGESTS)
    assert_consistent(tmp_path)
    assert documents(records) == documents({})


def test_a_line_read_after_another_process_rewrote_its_shard_is_this_builds(
    tmp_path: Path, made: list[str]
) -> None:
    """Found in review: lines are read when a page needs them, outside the lock; by then
    `archive build` may have stored another title. The digest check keeps this build's."""
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="s0")
    forget_process_memory()
    records = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="s1")
    assert not records["sommet"].fetched
    forget_process_memory()  # another process stores sommet retitled
    export_lines.prepare(CONFIG, retitled("sommet"), {**DIGESTS, "sommet": "hash-2"}, tmp_path, build="cli")
    assert "Nouveau titre" not in records["sommet"].line
    assert documents(records) == documents({})


def test_a_removed_article_leaves_the_index_and_its_shard(tmp_path: Path, made: list[str]) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    forget_process_memory()
    fewer = build_model(tuple(a for a in ARTICLES if a.slug != "sommet"), 3, ALIASES)
    records = export_lines.prepare(CONFIG, fewer, DIGESTS, tmp_path, build="b2")
    assert "sommet" not in records and "sommet" not in indexed(tmp_path)
    assert_consistent(tmp_path)


def test_a_kept_store_another_process_changed_is_not_written_back(tmp_path: Path, made: list[str]) -> None:
    """The copy in memory is stale once another process wrote: building from it would
    leave an index naming entries the shards no longer hold."""
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="s1")  # kept in memory
    server = dict(export_lines._KEPT)
    forget_process_memory()
    export_lines.prepare(CONFIG, retitled("sommet"), {**DIGESTS, "sommet": "hash-2"}, tmp_path, build="cli")
    forget_process_memory()
    export_lines._KEPT.update(server)
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="s2")
    assert_consistent(tmp_path)
    assert indexed(tmp_path)["sommet"][0].startswith("hash-sommet|")


def test_a_store_without_its_index_is_checked_in_full_and_indexed_again(
    tmp_path: Path, made: list[str], keyed: list[str], decoded: list[int]
) -> None:
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    (tmp_path / export_lines.STORE / export_lines.INDEX).unlink()
    forget_process_memory()
    made.clear()
    keyed.clear()
    decoded.clear()
    records = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, edit_of("b1", "sommet"), build="b2")
    assert sorted(keyed) == sorted(DIGESTS) and made == []  # every key checked; every line kept
    assert sorted(decoded) == list(range(export_lines.SHARDS))
    assert indexed_build(tmp_path) == "b2"
    assert documents(records) == documents({})


def test_a_long_lived_process_keeps_only_the_records_already_read(tmp_path: Path, made: list[str]) -> None:
    """A record not yet read holds the build that made it (its article, model and
    export); taken as it is into every later build, it would keep that build alive."""
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b0")
    forget_process_memory()
    first = export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    first["accord"].line  # noqa: B018 (read)
    edited = {**DIGESTS, "sommet": "hash-sommet-2"}
    again = export_lines.prepare(CONFIG, MODEL, edited, tmp_path, edit_of("b1", "sommet"), build="b2")
    assert again["accord"] is first["accord"]
    assert again["sans-date"] is not first["sans-date"] and not again["sans-date"].fetched
    assert documents(again) == documents({})


def test_an_article_removed_from_a_damaged_shard(
    tmp_path: Path, made: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the incremental tests: the removed article was unindexed twice."""
    monkeypatch.setattr(export_lines, "SHARDS", 1)
    export_lines.prepare(CONFIG, MODEL, DIGESTS, tmp_path, build="b1")
    forget_process_memory()
    (tmp_path / export_lines.STORE / "00.marshal").write_bytes(b"\x00abime")
    fewer = build_model(tuple(a for a in ARTICLES if a.slug != "sommet"), 3, ALIASES)
    records = export_lines.prepare(CONFIG, fewer, DIGESTS, tmp_path, build="b2")
    assert_consistent(tmp_path)
    assert documents(records, fewer) == documents({}, fewer)

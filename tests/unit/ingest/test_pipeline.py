"""ingest_paths: every input on its own, one-line errors, never an overwrite, the inbox."""

from __future__ import annotations

from pathlib import Path

from generator.ingest.pipeline import ingest_paths

STORY = """Le Vietnam et le Laos ouvrent une route

Vientiane, 12 mars 2019 (VNA) - Le Vietnam et le Laos ont inauguré une route de montagne
reliant deux provinces.

Les camions pourront l'emprunter dès avril. - VNA
"""


def test_failing_input_does_not_stop_the_others(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    result = ingest_paths([tmp_path / "empty.txt", tmp_path / "good.txt"], tmp_path / "content", tmp_path)
    assert result.failed
    assert [d.format() for d in result.diagnostics] == ["empty.txt: error [ingest.read]: file is empty"]
    assert [p.relative_to(tmp_path).as_posix() for p in result.written] == [
        "content/2019/le-vietnam-et-le-laos-ouvrent-une-route.md"
    ]
    raw_files = list((tmp_path / "content" / "sources").iterdir())
    assert len(raw_files) == 1 and raw_files[0].read_text(encoding="utf-8") == STORY


def test_same_story_twice_is_refused_as_near_duplicate(tmp_path: Path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY.replace("dès avril", "dès le mois d'avril"), encoding="utf-8")
    result = ingest_paths([tmp_path / "a.txt", tmp_path / "b.txt"], tmp_path / "content", tmp_path)
    assert len(result.written) == 1
    (problem,) = result.diagnostics
    assert problem.code == "ingest.duplicate"
    assert "near-duplicate of content/2019/le-vietnam-et-le-laos-ouvrent-une-route.md" in problem.message


def test_existing_file_is_never_overwritten(tmp_path: Path):
    existing = tmp_path / "content" / "2019" / "le-vietnam-et-le-laos-ouvrent-une-route.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\ntitle: Autre\n---\n\nRien à voir.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    result = ingest_paths([tmp_path / "a.txt"], tmp_path / "content", tmp_path)
    assert existing.read_text(encoding="utf-8").startswith("---\ntitle: Autre")
    assert result.written[0].name == "le-vietnam-et-le-laos-ouvrent-une-route-2.md"


def test_no_paths_means_the_inbox(tmp_path: Path):
    inbox = tmp_path / "content" / "inbox"
    inbox.mkdir(parents=True)
    (inbox / "story.txt").write_text(STORY, encoding="utf-8")
    result = ingest_paths([], tmp_path / "content", tmp_path)
    assert not result.failed and len(result.written) == 1


def test_markdown_with_front_matter_is_validated_and_copied(tmp_path: Path):
    (tmp_path / "ok.md").write_text("---\ntitle: Bon\ndate: 2020-01-02\n---\n\nTexte.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_text("---\ntitle: Mauvais\ndate: 2020-13\n---\n\nTexte.\n", encoding="utf-8")
    result = ingest_paths([tmp_path / "ok.md", tmp_path / "bad.md"], tmp_path / "content", tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in result.written] == ["content/2020/ok.md"]
    assert [d.code for d in result.diagnostics] == ["front-matter.date"]


WEEKDAY_STORY = """Le Vietnam et le Laos signent un accord sur l'énergie

Vientiane, jeudi 27 juin (VNA) - Le Vietnam et le Laos ont signé un accord sur l'énergie.

Les travaux commenceront l'an prochain. - VNA
"""


OTHER_WEEKDAY_STORY = """Le Vietnam et le Laos inaugurent une école

Luang Prabang, jeudi 27 juin (VNA) - Une école construite avec l'aide du Vietnam a ouvert ses portes
dans la province lao.

Elle accueillera trois cents élèves. - VNA
"""


def _front(path: Path) -> dict:
    import yaml

    from generator.content.frontmatter import split_front_matter

    return yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8")).yaml_text)


def test_fetched_at_option_bounds_the_year_and_is_reported(tmp_path: Path):
    (tmp_path / "a.txt").write_text(WEEKDAY_STORY, encoding="utf-8")
    result = ingest_paths([tmp_path / "a.txt"], tmp_path / "content", tmp_path, fetched_at="2025-05-03")
    (written,) = result.written
    front = _front(written)
    assert front["date"] == "2024-06-27"
    assert written.parent.name == "2024"
    assert any(
        "2024 retenue, la plus récente avant la collecte de la page (2025-05-03)" in r
        for r in front["review"]
    )


def test_without_fetched_at_the_weekday_alone_leaves_the_year_unknown(tmp_path: Path):
    (tmp_path / "a.txt").write_text(WEEKDAY_STORY, encoding="utf-8")
    (written,) = ingest_paths([tmp_path / "a.txt"], tmp_path / "content", tmp_path).written
    front = _front(written)
    assert front["date"] is None
    assert any(
        "le 27 juin est un jeudi en 1991, 1996, 2002, 2013, 2019, 2024, 2030" in r for r in front["review"]
    )


def test_a_batch_line_fetched_at_wins_over_the_option(tmp_path: Path):
    import json

    lines = [
        json.dumps({"text": WEEKDAY_STORY, "fetched_at": "2020-01-15T09:00:00Z"}),
        json.dumps({"text": OTHER_WEEKDAY_STORY, "url": "https://x.org/vn-laos-mines"}),
    ]
    (tmp_path / "batch.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = ingest_paths([tmp_path / "batch.jsonl"], tmp_path / "content", tmp_path, fetched_at="2025-05-03")
    assert not result.failed, [d.format() for d in result.diagnostics]
    dates = [_front(path)["date"] for path in result.written]
    assert dates == ["2019-06-27", "2024-06-27"]

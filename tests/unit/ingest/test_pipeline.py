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

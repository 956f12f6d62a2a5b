"""`archive ingest --merge`: a near-duplicate becomes one more source of the existing article,
whose file keeps everything else; without the option it is still refused."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import EXIT_OK, main
from generator.content.countries import load_countries
from generator.content.frontmatter import split_front_matter
from generator.content.load import load_article
from generator.ingest.pipeline import ingest_paths

STORY = """Le Vietnam et le Laos ouvrent une route

Vientiane, 12 mars 2019 (VNA) - Le Vietnam et le Laos ont inauguré une route de montagne
reliant deux provinces.

Les camions pourront l'emprunter dès avril. - VNA
"""
RESCRAPE = STORY.replace("dès avril", "dès le mois d'avril")
ARTICLE = "content/2019/le-vietnam-et-le-laos-ouvrent-une-route.md"


def ingest(tmp_path: Path, name: str, text: str, **options) -> object:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return ingest_paths([tmp_path / name], tmp_path / "content", tmp_path, **options)


def provenance(path: Path) -> dict | None:
    return yaml.safe_load(split_front_matter(path.read_text(encoding="utf-8")).yaml_text).get("provenance")


def test_without_merge_a_near_duplicate_is_still_refused(tmp_path: Path):
    ingest(tmp_path, "a.txt", STORY)
    before = (tmp_path / ARTICLE).read_bytes()
    result = ingest(tmp_path, "b.txt", RESCRAPE, url="https://example.org/b")
    (problem,) = result.diagnostics
    assert problem.code == "ingest.duplicate" and ARTICLE in problem.message
    assert "add --merge" in problem.hint
    assert (tmp_path / ARTICLE).read_bytes() == before
    assert len(list((tmp_path / "content" / "sources").iterdir())) == 1


def test_merge_adds_the_source_once_and_leaves_the_editors_file_alone(tmp_path: Path):
    ingest(tmp_path, "a.txt", STORY)
    article = tmp_path / ARTICLE
    edited = article.read_text(encoding="utf-8").replace(
        'title: "Le Vietnam et le Laos ouvrent une route"',
        'title: "Une route entre le Vietnam et le Laos"  # titre de la rédaction',
    )
    article.write_text(edited, encoding="utf-8")
    options = {"url": "https://example.org/b", "fetched_at": "2025-05-03", "merge": True}
    result = ingest(tmp_path, "b.txt", RESCRAPE, **options)
    assert not result.failed and result.written == () and result.merged == (article,)
    merged = article.read_text(encoding="utf-8")
    (raw,) = [p for p in (tmp_path / "content" / "sources").iterdir() if p.read_text("utf-8") == RESCRAPE]
    block = (
        f"provenance:\n  also:\n  - raw: sources/{raw.name}\n"
        "    source_url: \"https://example.org/b\"\n    fetched_at: '2025-05-03'\n"
    )
    assert merged == edited.replace("\n---\n\n", f"\n{block}---\n\n", 1)
    again = ingest(tmp_path, "b.txt", RESCRAPE, **options)
    assert not again.failed and again.merged == ()
    assert article.read_text(encoding="utf-8") == merged
    assert len(provenance(article)["also"]) == 1


def test_merging_the_article_own_raw_source_adds_nothing(tmp_path: Path):
    ingest(tmp_path, "a.txt", STORY)
    before = (tmp_path / ARTICLE).read_bytes()
    result = ingest(tmp_path, "a.txt", STORY, merge=True)
    assert not result.failed and result.merged == ()
    assert (tmp_path / ARTICLE).read_bytes() == before


def test_an_article_whose_front_matter_cannot_be_read_is_refused_and_left_alone(tmp_path: Path):
    ingest(tmp_path, "a.txt", STORY)
    article = tmp_path / ARTICLE
    broken = article.read_text(encoding="utf-8").replace("countries: [VN, LA]", "countries: [VN, LA")
    article.write_text(broken, encoding="utf-8")
    result = ingest(tmp_path, "b.txt", RESCRAPE, merge=True)
    (problem,) = result.diagnostics
    assert problem.code == "ingest.merge"
    assert problem.message.startswith(f"near-duplicate of {ARTICLE}, which cannot take another source: ")
    assert "not valid YAML" in problem.message and problem.message.endswith("the article was left as it was")
    assert article.read_text(encoding="utf-8") == broken
    assert len(list((tmp_path / "content" / "sources").iterdir())) == 1
    assert [p.name for p in article.parent.iterdir()] == [article.name]  # no temporary file left


def test_a_merged_article_is_still_a_valid_content_file(tmp_path: Path):
    ingest(tmp_path, "a.txt", STORY + "\nVoir plus\n\nUn autre titre\n\nUne autre histoire commence.\n")
    ingest(tmp_path, "b.txt", RESCRAPE, merge=True, url="https://example.org/b")
    content = tmp_path / "content"
    article, problems = load_article(tmp_path / ARTICLE, tmp_path, load_countries(), "VN", content)
    assert article is not None and problems == []
    assert provenance(tmp_path / ARTICLE)["dropped_teasers"] == ["Un autre titre"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("provenance: [a]", "'provenance' must be a mapping, got a list"),
        ("provenance:\n  teasers: [a]", "unknown key 'teasers' in 'provenance'"),
        ("provenance:\n  also:\n  - raw: ../x.txt", "needs a 'raw' path inside content/"),
        ("provenance:\n  also:\n  - url: https://x.org", "each source in 'also' needs a 'raw' path"),
        ("provenance:\n  dropped_teasers: un titre", "'provenance.dropped_teasers' must be a list"),
    ],
)
def test_the_schema_checks_the_shape_of_provenance(tmp_path: Path, value: str, message: str):
    path = tmp_path / "content" / "x.md"
    path.parent.mkdir()
    path.write_text(f"---\ntitle: Titre\n{value}\n---\n\nTexte.\n", encoding="utf-8")
    article, problems = load_article(path, tmp_path, load_countries(), "VN")
    assert article is None
    assert any(message in problem.message for problem in problems), [p.message for p in problems]


def test_the_command_line_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    (tmp_path / "site.yaml").write_text("title: Archives\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(RESCRAPE, encoding="utf-8")
    config = ["--config", str(tmp_path / "site.yaml")]
    assert main(["ingest", str(tmp_path / "a.txt"), *config]) == EXIT_OK
    merge = ["--merge", "--url", "https://example.org/b"]
    assert main(["ingest", str(tmp_path / "b.txt"), *merge, *config]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"b.txt merged into {ARTICLE}" in out
    assert "0 of 1 stories written, 1 merged into existing articles" in out
    assert provenance(tmp_path / ARTICLE)["also"][0]["source_url"] == "https://example.org/b"

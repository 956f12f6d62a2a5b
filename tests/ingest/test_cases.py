"""Small raw cases written for the tests: tests/ingest/cases/<name>.<txt|html|jsonl> (+ optional
<name>.url) -> the expected front matter in <name>.expected.yaml.

Only the keys written in the expected file are compared. For ``review``, an empty list means
"no review note"; otherwise each expected item must occur in some actual note (notes are
explanatory French sentences, so the cases pin their substance, not their wording).
``body_excludes`` lists text that must not be left in the article body.

A batch (.jsonl) case expects ``articles``, one mapping as above per article written, in
order, and ``diagnostics``, the exact one-line messages for the lines that failed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from generator.content.frontmatter import split_front_matter
from generator.ingest.pipeline import ingest_paths

CASES = Path(__file__).resolve().parent / "cases"
RAW_SUFFIXES = (".txt", ".html", ".jsonl")
NAMES = sorted(path.name.removesuffix(".expected.yaml") for path in CASES.glob("*.expected.yaml"))


def test_there_are_at_least_forty_cases() -> None:
    assert len(NAMES) >= 40


def raw_file(name: str) -> Path:
    (found,) = [CASES / f"{name}{suffix}" for suffix in RAW_SUFFIXES if (CASES / f"{name}{suffix}").exists()]
    return found


def check_article(path: Path, expected: dict) -> None:
    split = split_front_matter(path.read_text(encoding="utf-8"))
    front = yaml.safe_load(split.yaml_text)
    for key, value in expected.items():
        if key == "body_excludes":
            for text in value:
                assert text not in split.body, (text, split.body)
        elif key == "review" and value:
            for part in value:
                assert any(part in note for note in front["review"]), (part, front["review"])
        else:
            assert front[key] == value, (key, front[key])


@pytest.mark.parametrize("name", NAMES)
def test_case_front_matter(name: str, tmp_path: Path) -> None:
    raw = shutil.copy(raw_file(name), tmp_path)
    url_file = CASES / f"{name}.url"
    url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
    expected = yaml.safe_load((CASES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    result = ingest_paths([Path(raw)], tmp_path / "content", tmp_path, url=url)
    if "articles" in expected:
        assert [d.format() for d in result.diagnostics] == expected.get("diagnostics", [])
        assert len(result.written) == len(expected["articles"])
        for path, article in zip(result.written, expected["articles"], strict=True):
            check_article(path, article)
        return
    assert not result.failed, [d.format() for d in result.diagnostics]
    (written,) = result.written
    check_article(written, expected)

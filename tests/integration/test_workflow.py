"""The GitHub Pages workflow (``.github/workflows/pages.yml``) lints clean and keeps its shape.

Two linters must report nothing: ``actionlint`` (syntax, expressions, and the ``run:``
scripts through ShellCheck) and ``zizmor`` at its default persona and severity, with
``--offline`` so the test never touches the network. Both come from the ``test`` extra, as
does the ``shellcheck`` binary actionlint drives. Without one of them the test is skipped
locally, but fails on CI (``CI=true``), where a linter that did not run must never pass for a
clean bill of health.

The rest reads the workflow as YAML (and, for the pins, as text: YAML drops comments) and
checks what the linters cannot know: every action pinned to a full commit SHA with its
version in a comment, least-privilege permissions, the Pages concurrency group, the tests
and ``archive check`` before the build, and the Pages base URL reaching ``archive build``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "pages.yml"

#: Each linter takes well under a second on one file; this only guards against a hang.
TIMEOUT_SECONDS = 120

#: ``uses: owner/repo[/path]@<40 hex> # vX.Y.Z``, as written by hand or by Dependabot.
PINNED_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+)"
    r"@(?P<sha>[0-9a-f]{40})\s+#\s+(?P<version>v\d+\.\d+\.\d+)\s*$"
)
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")


# --- finding the tools --------------------------------------------------------------------


def require_tool(name: str) -> str:
    """The path of the ``name`` command: the virtualenv's own first, then ``PATH``.

    Missing: skipped locally, a failure under ``CI=true``.
    """
    script = Path(sys.executable).with_name(name)
    if script.is_file() and os.access(script, os.X_OK):
        return str(script)
    found = shutil.which(name)
    if found:
        return found
    reason = f"the `{name}` command is not installed (pip install -e '.[test]' provides it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so this cannot be skipped)", pytrace=False)
    pytest.skip(reason)


def run_tool(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def report(tool: str, completed: subprocess.CompletedProcess[str]) -> str:
    output = (completed.stdout + completed.stderr).strip()
    return f"{tool} (exit status {completed.returncode}):\n{output}"


# --- the linters --------------------------------------------------------------------------


def test_actionlint_with_shellcheck_finds_nothing() -> None:
    actionlint = require_tool("actionlint")
    # actionlint checks `run:` scripts only if it finds shellcheck; name it explicitly, so a
    # missing shellcheck is a skip/failure here instead of a check silently not done.
    # pyflakes only checks `shell: python` steps; there are none, so it is switched off.
    shellcheck = require_tool("shellcheck")
    completed = run_tool(
        [actionlint, "-no-color", "-oneline", f"-shellcheck={shellcheck}", "-pyflakes=", str(WORKFLOW)]
    )
    output = (completed.stdout + completed.stderr).strip()
    if completed.returncode != 0 or output:
        pytest.fail(report("actionlint", completed), pytrace=False)


def test_zizmor_offline_finds_nothing_at_default_severity() -> None:
    zizmor = require_tool("zizmor")
    completed = run_tool([zizmor, "--offline", "--color=never", "--format=plain", str(WORKFLOW)])
    if completed.returncode != 0:
        pytest.fail(report("zizmor", completed), pytrace=False)
    assert "No findings to report" in completed.stdout, report("zizmor", completed)


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_tool_fails_on_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="`actionlint` command is not installed"):
        require_tool("actionlint")


# --- the workflow's shape -----------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    assert WORKFLOW.is_file(), f"{WORKFLOW.relative_to(REPO_ROOT)} is missing"
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    assert isinstance(value, dict), "`on:` must be a mapping of events"
    return value


def job(workflow: dict[Any, Any], name: str) -> dict[str, Any]:
    jobs = workflow.get("jobs", {})
    assert name in jobs, f"no `{name}` job (jobs: {sorted(jobs)})"
    return jobs[name]


def steps_of(workflow: dict[Any, Any], name: str) -> list[dict[str, Any]]:
    return job(workflow, name).get("steps", [])


def index_of(steps: list[dict[str, Any]], predicate: Any, what: str) -> int:
    for index, step in enumerate(steps):
        if predicate(step):
            return index
    pytest.fail(f"no step that {what}", pytrace=False)


def uses(step: dict[str, Any], action: str) -> bool:
    return str(step.get("uses", "")).split("@")[0] == action


def runs(step: dict[str, Any], command: str) -> bool:
    return command in str(step.get("run", ""))


def all_steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for body in workflow["jobs"].values() for step in body.get("steps", [])]


def test_runs_on_push_to_main_and_by_hand(workflow: dict[Any, Any]) -> None:
    on = triggers(workflow)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version(workflow: dict[Any, Any]) -> None:
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines()
    uses_lines = [(number, line) for number, line in enumerate(lines, 1) if USES_LINE.match(line)]
    assert uses_lines, "the workflow uses no action at all"
    pins = {number: PINNED_USES.match(line) for number, line in uses_lines}
    unpinned = [f"line {number}: {line.strip()}" for number, line in uses_lines if pins[number] is None]
    assert not unpinned, "not `uses: owner/repo@<40-hex SHA> # vX.Y.Z`:\n" + "\n".join(unpinned)
    # Every `uses:` YAML sees is one of those lines (none hidden in a flow mapping).
    from_text = sorted(f"{pin['action']}@{pin['sha']}" for pin in pins.values() if pin)
    from_yaml = sorted(step["uses"] for step in all_steps(workflow) if "uses" in step)
    assert from_yaml == from_text


def test_one_sha_per_action(workflow: dict[Any, Any]) -> None:
    pins: dict[str, set[str]] = {}
    for step in all_steps(workflow):
        if "uses" in step:
            action, sha = step["uses"].split("@")
            pins.setdefault(action, set()).add(sha)
    assert {action: shas for action, shas in pins.items() if len(shas) > 1} == {}


def test_permissions_are_least_privilege(workflow: dict[Any, Any]) -> None:
    assert workflow.get("permissions") == {"contents": "read"}
    # configure-pages reads the Pages settings (GET /repos/{owner}/{repo}/pages): the build job
    # needs `pages: read`, and a job's own `permissions:` replaces the workflow's.
    assert job(workflow, "build").get("permissions") == {"contents": "read", "pages": "read"}
    assert job(workflow, "deploy").get("permissions") == {"pages": "write", "id-token": "write"}
    for name, body in workflow["jobs"].items():
        granted = body.get("permissions", workflow["permissions"])
        assert isinstance(granted, dict), f"job {name}: permissions must be listed, not read-all/write-all"
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert name == "deploy" or not writes, f"job {name} may write {sorted(writes)}"


def test_one_pages_deployment_at_a_time_never_cancelled(workflow: dict[Any, Any]) -> None:
    concurrency = workflow.get("concurrency")
    assert isinstance(concurrency, dict), "no workflow-level `concurrency:`"
    assert "pages" in str(concurrency.get("group", ""))
    assert concurrency.get("cancel-in-progress") is False


def test_checkout_keeps_no_credentials(workflow: dict[Any, Any]) -> None:
    checkouts = [step for step in all_steps(workflow) if uses(step, "actions/checkout")]
    assert checkouts, "no actions/checkout step"
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False


def test_python_311_with_pip_cache_keyed_on_pyproject(workflow: dict[Any, Any]) -> None:
    steps = steps_of(workflow, "build")
    setup = steps[index_of(steps, lambda s: uses(s, "actions/setup-python"), "sets up Python")]
    assert setup.get("with") == {
        "python-version": "3.11",
        "cache": "pip",
        "cache-dependency-path": "pyproject.toml",
    }


def test_no_expression_is_expanded_inside_a_script(workflow: dict[Any, Any]) -> None:
    # Template injection: values reach scripts through `env:`, never as `${{ }}` in `run:`.
    scripts = [step["run"] for step in all_steps(workflow) if "run" in step]
    assert scripts
    assert [script for script in scripts if "${{" in script] == []


def test_tests_and_checks_run_before_the_build(workflow: dict[Any, Any]) -> None:
    steps = steps_of(workflow, "build")
    install = index_of(steps, lambda s: runs(s, "pip install -e '.[test]'"), "installs the test extra")
    pytest_step = index_of(steps, lambda s: runs(s, "pytest --ignore=tests/browser"), "runs pytest")
    ruff = index_of(steps, lambda s: runs(s, "ruff check ."), "runs ruff check")
    check = index_of(steps, lambda s: runs(s, "archive check"), "runs archive check")
    build = index_of(steps, lambda s: runs(s, "archive build"), "runs archive build")
    assert install < min(pytest_step, ruff, check)
    assert max(pytest_step, ruff, check) < build


def test_build_uses_the_pages_base_url(workflow: dict[Any, Any]) -> None:
    steps = steps_of(workflow, "build")
    pages = steps[index_of(steps, lambda s: uses(s, "actions/configure-pages"), "configures Pages")]
    pages_id = pages.get("id")
    assert pages_id, "the configure-pages step needs an `id` to read its outputs"
    build_index = index_of(steps, lambda s: runs(s, "archive build"), "runs archive build")
    assert steps.index(pages) < build_index
    build = steps[build_index]
    expression = f"${{{{ steps.{pages_id}.outputs.base_url }}}}"
    variables = [name for name, value in build.get("env", {}).items() if value == expression]
    assert variables, f"the build step must receive {expression} through `env:`"
    assert re.search(r'--base-url "\$\{?' + re.escape(variables[0]), build["run"]), build["run"]


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://owner.github.io/repo", "https://owner.github.io/repo/"),
        ("https://owner.github.io", "https://owner.github.io/"),
        ("https://archives.example.org/", "https://archives.example.org/"),
    ],
)
def test_build_script_passes_the_base_url_with_one_trailing_slash(
    workflow: dict[Any, Any], base_url: str, expected: str
) -> None:
    """configure-pages gives the URL without its trailing slash; the script adds exactly one."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    steps = steps_of(workflow, "build")
    build = steps[index_of(steps, lambda s: runs(s, "archive build"), "runs archive build")]
    (variable,) = build["env"]
    # Run the step's own script, with `archive` replaced by a function printing its arguments.
    script = 'archive() { printf "%s\\n" "$@"; }\n' + build["run"]
    completed = subprocess.run(
        [bash, "-eo", "pipefail", "-c", script],
        env={"PATH": os.environ.get("PATH", ""), variable: base_url},
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    arguments = completed.stdout.splitlines()
    assert arguments[:1] == ["build"]
    assert arguments[arguments.index("--base-url") + 1] == expected


def test_build_cache_is_kept_between_runs(workflow: dict[Any, Any]) -> None:
    steps = steps_of(workflow, "build")
    cache_index = index_of(steps, lambda s: uses(s, "actions/cache"), "caches the build folder")
    cache = steps[cache_index]
    settings = cache.get("with", {})
    assert settings.get("path") == ".cache/build"
    key = str(settings.get("key", ""))
    version_step = index_of(steps, lambda s: "__version__" in str(s.get("run", "")), "reads the version")
    version_id = steps[version_step].get("id")
    assert version_id, "the step reading the generator version needs an `id`"
    assert version_step < cache_index < index_of(steps, lambda s: runs(s, "archive build"), "builds")
    # Restored only from a cache of the same generator version and templates ...
    restore_keys = str(settings.get("restore-keys", "")).strip().splitlines()
    assert len(restore_keys) == 1, restore_keys
    (prefix,) = restore_keys
    assert f"steps.{version_id}.outputs.version" in prefix, prefix
    assert "hashFiles('templates/**')" in prefix, prefix
    # ... and saved afresh by every run (a cache key is never overwritten), so articles added
    # since the templates last changed are cached too.
    assert key.startswith(prefix) and "github.run_id" in key[len(prefix) :], key
    # A missing folder must never fail the job: no fail-on-cache-miss, no restore-only lookup.
    assert not settings.get("fail-on-cache-miss")
    assert not settings.get("lookup-only")


def test_build_folder_is_uploaded_and_deployed(workflow: dict[Any, Any]) -> None:
    steps = steps_of(workflow, "build")
    build_index = index_of(steps, lambda s: runs(s, "archive build"), "builds")
    upload_index = index_of(steps, lambda s: uses(s, "actions/upload-pages-artifact"), "uploads the site")
    assert build_index < upload_index
    assert str(steps[upload_index].get("with", {}).get("path", "")).rstrip("/") == "build"

    deploy = job(workflow, "deploy")
    assert deploy.get("needs") in ("build", ["build"])
    deploy_steps = deploy.get("steps", [])
    step = deploy_steps[index_of(deploy_steps, lambda s: uses(s, "actions/deploy-pages"), "deploys")]
    assert step.get("id"), "the deploy step needs an `id` for the environment URL"
    assert deploy.get("environment") == {
        "name": "github-pages",
        "url": f"${{{{ steps.{step['id']}.outputs.page_url }}}}",
    }

"""Shared fixtures: build a site folder into tmp_path, the basic site built once per run.

Builds go through ``generator.build.build_site`` with a ``BufferReporter``, so a test can
assert on what the user would have seen; configuration goes through ``load_config`` and
``with_overrides`` exactly as ``archive build --config ... --base-url ...`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.build import BuildResult, build_site
from generator.config import SiteConfig, load_config, with_overrides
from generator.report import BufferReporter

REPO_ROOT = Path(__file__).resolve().parent.parent
TESTS_DIR = REPO_ROOT / "tests"
SITES_DIR = TESTS_DIR / "sites"
BASIC_SITE = SITES_DIR / "basic"
GOLDEN_DIR = TESTS_DIR / "golden"
#: Base URL used to check that every link respects a base path (GitHub Pages style).
SUBPATH_BASE_URL = "http://example.org/repo/"


@dataclass(frozen=True)
class BuiltSite:
    """A finished build: where it is, the config it was built with, what was reported."""

    directory: Path
    config: SiteConfig
    result: BuildResult
    reporter: BufferReporter

    @property
    def base_url(self) -> str:
        return self.config.base_url

    @property
    def base_path(self) -> str:
        return self.config.base_path


def build_site_folder(config_file: Path, output: Path, base_url: str | None = None) -> BuiltSite:
    """Build the site described by ``config_file`` into ``output`` (``--output``)."""
    config = with_overrides(load_config(config_file), base_url=base_url)
    reporter = BufferReporter()
    result = build_site(config, reporter, output_dir=output)
    return BuiltSite(output, config, result, reporter)


@pytest.fixture
def build_site_dir(tmp_path: Path) -> Callable[..., BuiltSite]:
    """``build_site_dir(site_dir_or_yaml, base_url=None, name='site')`` -> BuiltSite in tmp_path."""

    def build(site: Path, base_url: str | None = None, name: str = "site") -> BuiltSite:
        config_file = site / "site.yaml" if site.is_dir() else site
        return build_site_folder(config_file, tmp_path / name, base_url)

    return build


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """``make_site({'content/a.md': '...'})`` -> a site folder in tmp_path.

    Unless ``files`` has its own 'site.yaml', the site gets a minimal one using the
    repository's templates and static files, with base_url http://example.org/.
    """

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "site-src"
        default_config = (
            'base_url: "http://example.org/"\n'
            "paths:\n"
            f'  templates: "{(REPO_ROOT / "templates").as_posix()}"\n'
            f'  static: "{(REPO_ROOT / "static").as_posix()}"\n'
        )
        for relative, text in {"site.yaml": default_config, **files}.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def reporter() -> BufferReporter:
    return BufferReporter()


@pytest.fixture(scope="session")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """tests/sites/basic built once per run at its own base URL (http://example.org/)."""
    return build_site_folder(BASIC_SITE / "site.yaml", tmp_path_factory.mktemp("basic") / "site")


@pytest.fixture(scope="session")
def basic_site_subpath(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """tests/sites/basic built once per run under a base path (http://example.org/repo/)."""
    output = tmp_path_factory.mktemp("basic-repo") / "site"
    return build_site_folder(BASIC_SITE / "site.yaml", output, SUBPATH_BASE_URL)


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own site.yaml and content/, built into a temporary folder."""
    return build_site_folder(REPO_ROOT / "site.yaml", tmp_path_factory.mktemp("shipped") / "site")


@pytest.fixture(scope="session")
def shipped_site_subpath(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    output = tmp_path_factory.mktemp("shipped-repo") / "site"
    return build_site_folder(REPO_ROOT / "site.yaml", output, SUBPATH_BASE_URL)

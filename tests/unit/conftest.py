"""Fixtures for the unit tests (helpers that are not fixtures live in factories.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.report import BufferReporter

from .factories import SITE_YAML, write_site


@pytest.fixture
def reporter() -> BufferReporter:
    return BufferReporter()


@pytest.fixture
def new_site(tmp_path: Path) -> Callable[..., Path]:
    """new_site({"content/2017/x.md": text}) -> root of a site in tmp_path/site."""

    def make(files: dict[str, str], config: str = SITE_YAML) -> Path:
        return write_site(tmp_path / "site", files, config)

    return make

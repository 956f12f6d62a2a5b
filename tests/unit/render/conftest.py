from __future__ import annotations

import pytest

from generator.build import check_site
from generator.config import load_config
from generator.render.parallel import RenderJob
from generator.report import BufferReporter
from tests.conftest import BASIC_SITE


@pytest.fixture(scope="module")
def job() -> RenderJob:
    """The basic site, checked and ready to render."""
    config = load_config(BASIC_SITE / "site.yaml")
    checked = check_site(config, BufferReporter())
    return RenderJob(config, checked.model, checked.specs, checked.environment)

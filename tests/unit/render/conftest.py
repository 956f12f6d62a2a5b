from __future__ import annotations

import pytest

from generator.build import CheckedSite, check_site
from generator.config import SiteConfig, load_config
from generator.render import export_lines
from generator.render.exports import Serialised
from generator.render.parallel import RenderJob
from generator.report import BufferReporter
from tests.conftest import BASIC_SITE


@pytest.fixture(scope="module")
def job() -> RenderJob:
    """The basic site, checked and ready to render."""
    config = load_config(BASIC_SITE / "site.yaml")
    checked = check_site(config, BufferReporter())
    return RenderJob(config, checked.model, checked.specs, checked.environment)


def export_records(config: SiteConfig, checked: CheckedSite) -> dict[str, Serialised]:
    """Every article's export record, written out as a build prepares them (no store)."""
    return export_lines.prepare(config, checked.model, checked.digests, None)

"""The dev-server session orders previews and builds: a preview rendered from a build that
another outcome has replaced is not shown, and it is numbered after its file was read."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator.serve.session as session_module
from generator.publish.workspace import OutputState
from generator.report import BufferReporter
from generator.serve.changes import ChangeKind, ChangeSet
from generator.serve.reload import LiveReload
from generator.serve.session import Session
from tests.integration.test_incremental import ARTICLE, ARTICLE_URL, Site


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return Site(tmp_path / "site")


def session_after_a_build(site: Site, tmp_path: Path) -> Session:
    session = Session(tmp_path / "serve", BufferReporter(), LiveReload(), None)
    result = site.build()
    session.config, session.site = site.config, result.site
    return session


@pytest.mark.parametrize("outcome", ["failed", "replaced"])
def test_a_preview_is_dropped_when_a_build_ends_while_it_renders(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, outcome: str
) -> None:
    session = session_after_a_build(site, tmp_path)
    real = session_module.preview_articles

    def build_ends_meanwhile(config, checked, paths):  # type: ignore[no-untyped-def]
        previews = real(config, checked, paths)
        session.site = None if outcome == "failed" else site.build().site
        return previews

    monkeypatch.setattr(session_module, "preview_articles", build_ends_meanwhile)
    site.edit(ARTICLE, "soutient la modernisation", "finance la modernisation")
    session.preview([site.root / ARTICLE])
    assert session.previews.get(ARTICLE_URL) is None
    assert session.live.latest.generation == 0  # no reload event: the build's outcome stands


def test_a_preview_is_numbered_after_its_file_was_read(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that starts while the preview reads the file may have read it first; it
    must not count as covering the preview unless it read the same bytes."""
    session = session_after_a_build(site, tmp_path)
    real = session_module.preview_articles

    def build_starts_meanwhile(config, checked, paths):  # type: ignore[no-untyped-def]
        previews = real(config, checked, paths)
        session.started += 1  # build 1 starts (it read the file before the edit)
        return previews

    monkeypatch.setattr(session_module, "preview_articles", build_starts_meanwhile)
    site.edit(ARTICLE, "soutient la modernisation", "finance la modernisation")
    session.preview([site.root / ARTICLE])
    assert session.previews.get(ARTICLE_URL) is not None
    covered, newer = session.previews.settle(1, {"vietnam-japon-port-maritime": "the bytes before the edit"})
    assert covered == {} and newer == {ARTICLE_URL}


def test_first_build_leaves_the_copy_the_first_rebuild_updates(site: Site, tmp_path: Path) -> None:
    """Else the first rebuild of a session would wait for the whole site to be linked."""
    session = Session(tmp_path / "serve", BufferReporter(), LiveReload(), None)
    session.rebuild(site.config, ChangeSet(ChangeKind.CONFIG, ()), initial=True)
    state = OutputState(site.config.cache_dir, tmp_path / "serve")
    assert state.manifest_of(state.previous_dir) == state.manifest_of(tmp_path / "serve") is not None
    site.edit(ARTICLE, "soutient la modernisation", "finance la modernisation")
    session.rebuild(site.config, ChangeSet(ChangeKind.CONTENT, (site.root / ARTICLE,)))
    page = tmp_path / "serve" / ARTICLE_URL.strip("/") / "index.html"
    assert "finance la modernisation" in page.read_text(encoding="utf-8")

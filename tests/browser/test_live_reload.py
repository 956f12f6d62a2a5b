"""The dev server's editing loop in a real browser: edit, break, fix, add; the open page
follows without a manual reload, and the built files never contain the reload script."""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import generator.serve.session
from generator.build import build_site
from generator.config import SiteConfig, load_config, with_overrides
from generator.report import BufferReporter
from generator.serve import SERVE_DIR, DevServer, start
from tests.conftest import BASIC_SITE, REPO_ROOT

ARTICLE = "content/2018/vietnam-bielorussie-accord-laitier.md"
ARTICLE_URL = "articles/vietnam-bielorussie-accord-laitier/"


def copy_site(target: Path) -> Path:
    """The basic fixture, with template and static paths made absolute for its new place."""
    shutil.copytree(BASIC_SITE / "content", target / "content")
    config = (BASIC_SITE / "site.yaml").read_text(encoding="utf-8")
    config = config.replace("../../../templates", str(REPO_ROOT / "templates"))
    config = config.replace("../../../static", str(REPO_ROOT / "static"))
    (target / "site.yaml").write_text(config, encoding="utf-8")
    return target


@pytest.fixture(params=["/", "/repo/"], ids=["root", "repo"])
def dev(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[DevServer, Path]]:
    site = copy_site(tmp_path / "site")
    config_file = site / "site.yaml"

    def load() -> SiteConfig:
        return with_overrides(load_config(config_file), base_url=f"http://127.0.0.1:8000{request.param}")

    server = start(load, config_file, BufferReporter(), "127.0.0.1", 0)
    try:
        yield server, site
    finally:
        server.stop()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_page_shows_the_new_title_when_the_markdown_is_edited(
    dev: tuple[DevServer, Path], page: Page
) -> None:
    server, site = dev
    page.goto(server.url + ARTICLE_URL)
    expect(page.locator("h1")).to_have_text(
        "Vietnam et Biélorussie signent un accord sur les produits laitiers"
    )
    edit(site / ARTICLE, "signent un accord sur les produits laitiers", "concluent un accord laitier révisé")
    expect(page.locator("h1")).to_have_text("Vietnam et Biélorussie concluent un accord laitier révisé")


def test_overlay_names_file_and_line_when_front_matter_breaks_then_clears_when_fixed(
    dev: tuple[DevServer, Path], page: Page
) -> None:
    server, site = dev
    page.goto(server.url + ARTICLE_URL)
    edit(site / ARTICLE, "date: 2018-01-01", "date: 2018-02-30")
    overlay = page.locator("#archive-dev-overlay")
    expect(overlay).to_be_visible()
    line = next(
        number
        for number, text in enumerate((site / ARTICLE).read_text(encoding="utf-8").splitlines(), start=1)
        if text.startswith("date:")
    )
    expect(overlay).to_contain_text(f"{ARTICLE}:{line}: error [front-matter.date]")
    expect(page.locator("h1")).to_contain_text("produits laitiers")  # the last good page is still there
    edit(site / ARTICLE, "date: 2018-02-30", "date: 2018-01-01")
    expect(overlay).to_have_count(0)
    expect(page.locator("h1")).to_contain_text("produits laitiers")


def test_new_article_appears_on_its_pair_page_when_added(dev: tuple[DevServer, Path], page: Page) -> None:
    server, site = dev
    page.goto(server.url + "relations/vietnam-bielorussie/")
    title = "Un nouvel accord fictif sur le transport fluvial"
    (site / "content/2024").mkdir()
    (site / "content/2024/accord-fluvial.md").write_text(
        f'---\ntitle: "{title}"\ndate: 2024-05-02\ncountries: [VN, BY]\n---\n\nUn texte inventé.\n',
        encoding="utf-8",
    )
    expect(page.get_by_role("link", name=title)).to_be_visible()


def test_built_files_never_contain_the_reload_script(dev: tuple[DevServer, Path], page: Page) -> None:
    server, site = dev
    page.goto(server.url + ARTICLE_URL)
    expect(page.locator("script[data-events]")).to_have_count(1)  # injected when served...
    built = (site / SERVE_DIR / ARTICLE_URL / "index.html").read_text(encoding="utf-8")
    assert "__archive__" not in built  # ...never written to disk
    assert re.search(r"<h1[^>]*>", built)


def test_pages_the_rebuild_did_not_rewrite_are_not_reloaded(dev: tuple[DevServer, Path], page: Page) -> None:
    server, site = dev
    unrelated = page.context.new_page()
    unrelated.goto(server.url + "articles/vietnam-japon-stagiaires-techniques/")
    unrelated.evaluate("window.__notReloaded = true")
    page.goto(server.url + "relations/vietnam-bielorussie/")
    edit(site / ARTICLE, "signent un accord sur les produits laitiers", "signent un accord laitier")
    # The relation page lists the article: only the rebuild (not a preview) updates it.
    expect(page.get_by_role("link", name="signent un accord laitier")).to_be_visible()
    assert unrelated.evaluate("window.__notReloaded === true")  # another relation: left alone


def test_edited_article_is_previewed_before_the_rebuild_and_not_reloaded_after_it(
    dev: tuple[DevServer, Path], page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    server, site = dev
    rebuilt = threading.Event()

    def slow_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(3)
        try:
            return build_site(*args, **kwargs)
        finally:
            rebuilt.set()

    monkeypatch.setattr(generator.serve.session, "build_site", slow_build)
    page.goto(server.url + ARTICLE_URL)
    edit(site / ARTICLE, "signent un accord sur les produits laitiers", "concluent un accord laitier")

    expect(page.locator("h1")).to_have_text(
        "Vietnam et Biélorussie concluent un accord laitier", timeout=2500
    )
    assert not rebuilt.is_set()  # the page came from the preview
    page.evaluate("window.__notReloaded = true")
    generation = server.live.latest.generation
    assert rebuilt.wait(15)
    assert server.live.wait_after(generation, 15) is not None  # the rebuild's event went out...
    page.wait_for_timeout(500)
    assert page.evaluate("window.__notReloaded === true")  # ...and the page, already right, stayed
    built = (site / SERVE_DIR / ARTICLE_URL / "index.html").read_text(encoding="utf-8")
    assert "concluent un accord laitier" in built


def test_search_index_is_refreshed_after_a_rebuild(dev: tuple[DevServer, Path], page: Page) -> None:
    server, site = dev
    assert server.search is not None
    assert server.search.refreshed.wait(60), "the first index was never written"
    server.search.refreshed.clear()
    edit(site / ARTICLE, "signent un accord sur les produits laitiers", "signent un accord zythologique")
    assert server.search.refreshed.wait(60), "the index was not refreshed after the rebuild"
    page.goto(server.url + "recherche/?q=zythologique")
    expect(page.locator("#search-results a").first).to_contain_text("zythologique")


def test_a_second_save_during_a_rebuild_is_previewed_at_once_and_never_undone(
    dev: tuple[DevServer, Path], page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild for the first save read the file before the second save: its page must
    neither replace the newer preview nor make the open page reload to older text."""
    server, site = dev
    finished: list[int] = []

    def slow_build(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = build_site(*args, **kwargs)
        time.sleep(2)  # the rebuild has read and written everything, and is not done yet
        finished.append(1)
        return result

    monkeypatch.setattr(generator.serve.session, "build_site", slow_build)
    page.goto(server.url + ARTICLE_URL)
    edit(site / ARTICLE, "signent un accord sur les produits laitiers", "concluent un premier accord")
    expect(page.locator("h1")).to_contain_text("concluent un premier accord", timeout=1500)
    edit(site / ARTICLE, "concluent un premier accord", "concluent un second accord")
    expect(page.locator("h1")).to_contain_text("concluent un second accord", timeout=1500)
    assert not finished  # previewed while the first rebuild was still running
    page.evaluate("window.__notReloaded = true")
    deadline = time.monotonic() + 20
    while len(finished) < 2 and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert len(finished) == 2, "the second rebuild never finished"
    page.wait_for_timeout(500)
    assert page.evaluate("window.__notReloaded === true")  # neither rebuild reloaded it
    expect(page.locator("h1")).to_contain_text("concluent un second accord")
    built = (site / SERVE_DIR / ARTICLE_URL / "index.html").read_text(encoding="utf-8")
    assert "concluent un second accord" in built

"""Browser fixtures: built sites served on 127.0.0.1 and driven by Debian's Chromium.

- Chromium is the system one (``/usr/bin/chromium``), never a ``playwright install``
  download. Without it the browser tests are skipped locally, but fail on CI (``CI=true``),
  where a missing browser must never pass for a green run.
- Each site is built once per run, with search, at the root and under ``/repo/`` (the
  base URLs of tests/conftest.py, whose links are root-relative); each
  build is served by its own local server that answers only under the build's base path,
  so a link that forgets the base path gets a 404 instead of working by accident.
- Every test gets a fresh browser context; console errors, uncaught page errors and
  dialogs are recorded on every page it opens and must be absent when the test ends.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Dialog,
    Page,
    Request,
    sync_playwright,
)

from tests.conftest import BASIC_SITE, SITES_DIR, SUBPATH_BASE_URL, BuiltSite, build_site_folder

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SEARCH_SITE = SITES_DIR / "search"
#: Milliseconds any Playwright wait may take: the whole suite runs in well under a minute.
TIMEOUT_MS = 10_000


def require_chromium(executable: Path = CHROMIUM) -> Path:
    """The Chromium to drive; skip without it, or fail when ``CI=true``."""
    if executable.is_file() and os.access(executable, os.X_OK):
        return executable
    reason = (
        f"Chromium is not installed at {executable}: the browser tests drive Debian's chromium "
        "(apt-get install chromium), never a browser downloaded by `playwright install`"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true, so this cannot be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """One browser per test module. Not per session: while the sync Playwright API is
    running, the main thread has a running asyncio loop, and every later build (the
    session fixtures of tests/conftest.py, asked for by the other test folders) would
    fail in Pagefind's ``asyncio.run()``; see ``build_searchable``."""
    executable = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- serving ---------------------------------------------------------------------------


def prefixed_handler(directory: Path, prefix: str) -> type[SimpleHTTPRequestHandler]:
    """A handler serving ``directory`` at ``prefix`` ('/' or '/repo/'); 404 outside it."""

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(directory), **kwargs)

        def send_head(self) -> Any:
            if not self.path.split("?", 1)[0].startswith(prefix):
                self.send_error(404, f"outside {prefix}")
                return None
            return super().send_head()

        def translate_path(self, path: str) -> str:
            path = path.split("?", 1)[0].split("#", 1)[0]
            return super().translate_path("/" + path[len(prefix) :])

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@dataclass(frozen=True)
class ServedSite:
    """A build served at http://127.0.0.1:<port><prefix>, prefix being its base path."""

    build: BuiltSite
    origin: str  #: http://127.0.0.1:<port>
    prefix: str  #: '/' or '/repo/'

    def url(self, path: str = "") -> str:
        """Absolute URL of ``path`` given relative to the base path ('recherche/?q=x')."""
        return f"{self.origin}{self.prefix}{path.lstrip('/')}"


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[BuiltSite], ServedSite]]:
    """``serve(build)`` -> the build served under its own base path, one server per build."""
    servers: dict[Path, tuple[ThreadingHTTPServer, ServedSite]] = {}

    def start(build: BuiltSite) -> ServedSite:
        if build.directory not in servers:
            handler = prefixed_handler(build.directory, build.base_path)
            server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            server.daemon_threads = True
            threading.Thread(
                target=server.serve_forever, name=f"serve {build.directory}", daemon=True
            ).start()
            origin = f"http://127.0.0.1:{server.server_address[1]}"
            servers[build.directory] = (server, ServedSite(build, origin, build.base_path))
        return servers[build.directory][1]

    yield start
    for server, _ in servers.values():
        server.shutdown()
        server.server_close()


def build_searchable(site: Path, output: Path, base_url: str | None) -> BuiltSite:
    """Build ``site`` with its search index, in a thread of its own.

    The sync Playwright API keeps an asyncio event loop running in the main thread while a
    browser is open, and the Pagefind step calls ``asyncio.run()``, which refuses to start
    inside a running loop (``search.failed``). Tests ask for browser and site in any order.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        build = pool.submit(build_site_folder, site / "site.yaml", output, base_url).result()
    assert build.result.search is not None, "search is disabled in this build"
    assert build.result.search.pages > 0, "Pagefind indexed no page"
    return build


def served_site(
    site: Path,
    prefix: str,
    tmp_path_factory: pytest.TempPathFactory,
    serve: Callable[[BuiltSite], ServedSite],
) -> ServedSite:
    base_url = SUBPATH_BASE_URL if prefix == "/repo/" else None
    output = tmp_path_factory.mktemp(f"{site.name}-site") / "site"
    served = serve(build_searchable(site, output, base_url))
    assert served.prefix == prefix
    return served


@pytest.fixture(scope="session", params=["/", "/repo/"], ids=["root", "repo"])
def search_site(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    serve: Callable[[BuiltSite], ServedSite],
) -> ServedSite:
    """tests/sites/search built once per run at the root, then under /repo/, and served."""
    return served_site(SEARCH_SITE, request.param, tmp_path_factory, serve)


@pytest.fixture(scope="session", params=["/", "/repo/"], ids=["root", "repo"])
def basic_served(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    serve: Callable[[BuiltSite], ServedSite],
) -> ServedSite:
    """tests/sites/basic built the same way (the session builds of tests/conftest.py would
    fail when first asked for while the browser runs)."""
    return served_site(BASIC_SITE, request.param, tmp_path_factory, serve)


# --- watched pages ---------------------------------------------------------------------


@dataclass
class Watch:
    """What the pages of one test did that a reader would not want, and what they fetched."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", lambda message: self._console(page, message))
        page.on("pageerror", lambda exc: self.page_errors.append(f"{page.url}: {exc}"))
        page.on("dialog", lambda dialog: self._dialog(page, dialog))
        page.on("request", lambda request: self._request(request))

    def _console(self, page: Page, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{page.url}: {message.text}")

    def _dialog(self, page: Page, dialog: Dialog) -> None:
        self.dialogs.append(f"{page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def problems(self) -> list[str]:
        return [
            *(f"console error: {text}" for text in self.console_errors),
            *(f"page error: {text}" for text in self.page_errors),
            *(f"dialog opened: {text}" for text in self.dialogs),
        ]


@dataclass
class Tabs:
    """A fresh browser context for one test; every page it opens is watched."""

    context: BrowserContext
    watch: Watch

    def new_page(self) -> Page:
        return self.context.new_page()


@pytest.fixture
def tabs(chromium: Browser) -> Iterator[Tabs]:
    context = chromium.new_context(locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    watch = Watch()
    # Fires for pages from new_page() and for pages a page opens (popups, target=_blank).
    context.on("page", watch.attach)
    try:
        yield Tabs(context, watch)
    finally:
        context.close()
    problems = watch.problems()
    assert not problems, "the pages of this test reported:\n" + "\n".join(problems)


@pytest.fixture
def page(tabs: Tabs) -> Page:
    return tabs.new_page()

"""The dev server's search index, refreshed in the background after each rebuild.

Pagefind takes seconds to tens of seconds on a large archive, far longer than a rebuild,
so it never runs on the reload path: a rebuild asks for a refresh and returns; one
background thread indexes the served site into a fresh folder and then puts it in place
of the previous index with a rename. Requests that arrive while it runs are folded into
one more refresh afterwards. Until the first index is ready the search page shows its
error state, as it would for a site without an index.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from generator.errors import GeneratorError
from generator.publish.output import exchange
from generator.publish.search import index_site
from generator.report import Reporter


class SearchRefresher:
    """Indexes ``site_dir`` into ``search_dir`` whenever asked, one run at a time."""

    def __init__(self, site_dir: Path, search_dir: Path, language: str, timeout: float, reporter: Reporter):
        self.site_dir = site_dir
        self.search_dir = search_dir
        self.language = language
        self.timeout = timeout
        self.reporter = reporter
        self.refreshed = threading.Event()  #: set after each completed refresh (tests wait on it)
        self._wanted = threading.Event()
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="archive-search", daemon=True)
        self._thread.start()

    def request(self) -> None:
        self._wanted.set()

    def stop(self) -> None:
        self._stopping.set()
        self._wanted.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping.is_set():
                return
            self._wanted.clear()
            self._refresh()

    def _refresh(self) -> None:
        started = time.perf_counter()
        fresh = self.search_dir.with_name(f".{self.search_dir.name}.next-{os.getpid()}")
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            index = index_site(self.site_dir, self.language, self.timeout, bundle=fresh)
        except GeneratorError as exc:
            self.reporter.diagnostics(exc.diagnostics)
            self.reporter.info("Search index not refreshed: the previous one is still served.")
            shutil.rmtree(fresh, ignore_errors=True)
            return
        self.search_dir.parent.mkdir(parents=True, exist_ok=True)
        if self.search_dir.exists() and exchange(fresh, self.search_dir):
            shutil.rmtree(fresh, ignore_errors=True)
        else:
            shutil.rmtree(self.search_dir, ignore_errors=True)
            os.rename(fresh, self.search_dir)
        seconds = time.perf_counter() - started
        self.reporter.info(f"Search index refreshed: {index.pages} pages in {seconds:.1f} s")
        self.refreshed.set()

"""Dev-server benchmark: from saving a file to the reloaded page, on a generated archive.

Usage::

    .venv/bin/python bench/serve_bench.py --n 10000 [--runs 5] [--out DIR] [--seed 1]

Starts ``archive serve`` in-process (``generator.serve.start``) on the corpus of
``bench/run.py`` (search off: the index refresh runs in the background and is excluded,
as the dev-server issue asks), opens the edited article in headless Chromium
(``/usr/bin/chromium``) and measures, for each run:

- ``save_to_reload_s``: from just before the Markdown file is written to the moment the
  open page shows the new title (the page reloaded itself; the server previews an edited
  article's own page before its rebuild, see generator/serve/preview.py);
- ``save_to_rebuilt_s``: from the same save to the end of the rebuild (every other page
  the article appears on is then up to date); each run waits for it before the next;
- ``template_to_reload_s``: the same after appending a comment to ``templates/article.html``
  (every article page is rendered again; the open page reloads when the rebuild is done);
- the rebuild time the server reported, which excludes the watcher's quiet period (0.1 s)
  and the browser's reload.

Human-readable lines first, then one JSON object with the medians.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import article_text  # noqa: E402
from bench.run import EDITED_TEMPLATE, prepare_corpus  # noqa: E402
from bench.search_bench import chromium  # noqa: E402
from generator.config import load_config, with_overrides  # noqa: E402
from generator.report import Reporter  # noqa: E402
from generator.serve import start  # noqa: E402


class _Timings(Reporter):
    """Keeps the server's "Rebuilt (...) in X s" lines to report the rebuild time."""

    def __init__(self) -> None:
        super().__init__(quiet=True)
        self.rebuilds: list[float] = []
        self.finished: list[float] = []  #: perf_counter() when each rebuild was reported
        self.verbose = False

    def info(self, message: str) -> None:
        if self.verbose:
            print(f"    [{time.perf_counter():.3f}] {message}")
        found = re.search(r"written in ([0-9.]+) s", message)
        if found:
            self.rebuilds.append(float(found.group(1)))
            self.finished.append(time.perf_counter())

    def wait_for_rebuild(self, count: int, timeout_s: float = 120) -> float:
        """When the rebuild after the first ``count`` ones was reported."""
        deadline = time.perf_counter() + timeout_s
        while len(self.finished) <= count:
            if time.perf_counter() > deadline:
                raise TimeoutError("the server reported no rebuild")
            time.sleep(0.005)
        return self.finished[count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--verbose", action="store_true", help="print the server's messages, timed")
    args = parser.parse_args(argv)
    root = args.out or Path(f"/tmp/archive-bench/n{args.n}-seed{args.seed}")
    corpus = prepare_corpus(args.n, args.seed, root, print)
    reporter = _Timings()
    reporter.verbose = args.verbose
    config_file = corpus.html_config

    def load():
        return with_overrides(load_config(config_file), base_url="http://127.0.0.1:8000/")

    started = time.perf_counter()
    server = start(load, config_file, reporter, "127.0.0.1", 0)
    print(f"dev server up with {args.n} articles in {time.perf_counter() - started:.1f} s: {server.url}")
    url = server.url + f"articles/{corpus.edited_path.stem}/"
    saves: list[float] = []
    rebuilt: list[float] = []
    templates: list[float] = []
    try:
        with chromium() as browser:
            page = browser.new_page()
            page.goto(url)
            for run in range(1, args.runs + 1):
                text = article_text(corpus.edited, corpus.seed, revision=run)
                title = re.search(r'^title: "(.*)"$', text, re.MULTILINE).group(1)  # type: ignore[union-attr]
                before, saved = len(reporter.finished), time.perf_counter()
                saves.append(_until_reloaded(page, lambda t=text: corpus.edited_path.write_text(t), title))
                rebuilt.append(reporter.wait_for_rebuild(before) - saved)
                print(
                    f"  save -> reloaded page, run {run}: {saves[-1] * 1000:.0f} ms"
                    f" (rebuild done after {rebuilt[-1] * 1000:.0f} ms)"
                )
            for run in range(1, min(args.runs, 3) + 1):
                marker = f"bench-{run}"

                def edit_template(marker: str = marker) -> None:
                    path = corpus.templates / EDITED_TEMPLATE
                    text = path.read_text(encoding="utf-8")
                    path.write_text(
                        text.replace("</article>", f"</article><!-- {marker} -->", 1), encoding="utf-8"
                    )

                templates.append(_until_marker(page, edit_template, marker))
                print(f"  template edit -> reloaded page, run {run}: {templates[-1]:.2f} s")
    finally:
        server.stop()
        corpus.restore()
    rebuilds = reporter.rebuilds[1:]  # the first line is the initial build
    figures = {
        "n": args.n,
        "save_to_reload_s": statistics.median(saves),
        "save_to_rebuilt_s": statistics.median(rebuilt),
        "template_to_reload_s": statistics.median(templates),
        "article_rebuild_s": statistics.median(rebuilds[: len(saves)]) if rebuilds else None,
        "template_rebuild_s": statistics.median(rebuilds[len(saves) :])
        if len(rebuilds) > len(saves)
        else None,
    }
    print(json.dumps(figures))
    return 0


def _until_reloaded(page, save, title: str) -> float:
    """Time until the page is a new document showing ``title``."""
    return _until(page, save, "document.querySelector('h1')?.textContent.includes(t)", title, 120)


def _until_marker(page, save, marker: str) -> float:
    """Time until the page is a new document containing ``marker``."""
    return _until(page, save, "document.documentElement.outerHTML.includes(t)", marker, 600)


def _until(page, save, condition: str, text: str, timeout_s: float) -> float:
    """Time from ``save()`` until the open page is a new document (the old one carried a
    marker) for which ``condition`` (JavaScript, ``t`` is ``text``) holds."""
    page.evaluate("window.__stale = true")
    started = time.perf_counter()
    save()
    page.wait_for_function(
        f"(t) => !window.__stale && {condition}", arg=text, polling="raf", timeout=timeout_s * 1000
    )
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())

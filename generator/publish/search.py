"""Search: a Pagefind index built over the staged site, before the swap.

Pagefind reads what the templates mark: ``data-pagefind-body`` on article pages only, the
filters ``paire``, ``pays``, ``annee`` and ``personne``, the ``date`` sort key and a few
meta fields, all inside ``data-pagefind-ignore`` so they never leak into excerpts.

Facts that shape this module (pagefind 1.5):
- The index is built by the Pagefind binary of the ``pagefind[bin]`` wheel run as a command
  over the staged folder, and the build waits for it to exit. Not through the Python API's
  service: its answer to WriteFiles can come before every file is written, and stopping the
  service then leaves a file empty (an empty ``pagefind-entry.json``, ``wasm.*.pagefind``
  or UI script in about one build in twenty on a busy machine, found by
  tests/integration/test_interrupt.py); the command exits only once its files are on disk.
  It is also no slower (README, Performance: the CLI column).
- A hung Pagefind is bounded by a timeout, and killed when it expires.
- The index goes into the staging directory of the atomic build, so a stale ``pagefind/``
  folder can never survive, and a failed index never reaches ``build/``.
- URLs are indexed site-relative (``/articles/x/``); the search page supplies the base
  path at run time, so the same index works at the root and under ``/repo/``.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.errors import PublishError, error

BUNDLE_DIR = "pagefind"
#: Seconds Pagefind may take before the build fails.
DEFAULT_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class SearchIndex:
    pages: int  #: pages Pagefind indexed (articles).
    files: int  #: files in the written bundle.
    bytes: int  #: size of the written bundle.


def index_site(
    site_dir: Path, language: str, timeout: float = DEFAULT_TIMEOUT, bundle: Path | None = None
) -> SearchIndex:
    """Index ``site_dir`` and write the bundle into ``bundle`` (default ``site_dir/pagefind``;
    the dev server keeps its index beside the site it serves)."""
    bundle = bundle or site_dir / BUNDLE_DIR
    command = [str(_executable(bundle)), "--site", str(site_dir), "--output-path", str(bundle.absolute())]
    command += ["--force-language", language, "--silent"]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:  # run() has killed it
        raise PublishError(
            [error(str(bundle), None, "search.timeout", f"Pagefind did not finish in {timeout:.0f} s")]
        ) from None
    except OSError as exc:
        raise PublishError(
            [error(str(bundle), None, "search.failed", f"Pagefind could not start: {exc}")]
        ) from exc
    if finished.returncode != 0:
        said = (finished.stderr.strip() or finished.stdout.strip() or "no message").splitlines()[-1]
        raise PublishError(
            [
                error(
                    str(bundle),
                    None,
                    "search.failed",
                    f"Pagefind could not index the site (exit {finished.returncode}): {said}",
                )
            ]
        )
    files = [path for path in bundle.rglob("*") if path.is_file()]
    # Pagefind counts every HTML file it read; one fragment is written per indexed page.
    indexed = sum(1 for path in files if path.parent.name == "fragment")
    return SearchIndex(indexed, len(files), sum(path.stat().st_size for path in files))


def _executable(bundle: Path) -> Path:
    """The Pagefind binary the Python package would run (it honours PAGEFIND_BINARY_PATH)."""
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise PublishError(
            [
                error(
                    str(bundle),
                    None,
                    "search.failed",
                    "the Pagefind binary is missing",
                    "install the package with its binary: pip install 'pagefind[bin]'",
                )
            ]
        )
    return found

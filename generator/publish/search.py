"""Search: a Pagefind index built over the staged site, before the swap.

Pagefind reads what the templates mark: ``data-pagefind-body`` on article pages only, the
filters ``paire``, ``pays``, ``annee`` and ``personne``, the ``date`` sort key and a few
meta fields, all inside ``data-pagefind-ignore`` so they never leak into excerpts.

Facts that shape this module (pagefind 1.5):
- ``add_directory`` over the written site is as fast as the CLI, whereas ``add_html_file``
  polls each reply for 0.1 s; so we index the staged folder in one call.
- An unwritable output path hangs the service, so every call is bounded by a timeout and
  the service process is killed when one expires.
- The index goes into the staging directory of the atomic build, so a stale ``pagefind/``
  folder can never survive, and a failed index never reaches ``build/``.
- URLs are indexed site-relative (``/articles/x/``); the search page supplies the base
  path at run time, so the same index works at the root and under ``/repo/``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import PublishError, error

if TYPE_CHECKING:
    from pagefind.service import PagefindService

BUNDLE_DIR = "pagefind"
#: Seconds each call to the Pagefind service may take before the build fails.
DEFAULT_TIMEOUT = 600.0


@dataclass(frozen=True, slots=True)
class SearchIndex:
    pages: int  #: pages Pagefind indexed (articles).
    files: int  #: files in the written bundle.
    bytes: int  #: size of the written bundle.


def index_site(
    site_dir: Path, language: str, timeout: float = DEFAULT_TIMEOUT, bundle: Path | None = None
) -> SearchIndex:
    """Index ``site_dir`` and write the bundle into ``bundle`` (default ``site_dir/pagefind``)."""
    bundle = bundle or site_dir / BUNDLE_DIR
    try:
        _run_in_own_loop(lambda: _index(site_dir, language, timeout, bundle))
    except TimeoutError:
        raise PublishError(
            [
                error(
                    str(bundle),
                    None,
                    "search.timeout",
                    f"Pagefind did not answer in {timeout:.0f} s",
                )
            ]
        ) from None
    except (OSError, RuntimeError) as exc:
        raise PublishError([error(str(bundle), None, "search.failed", str(exc))]) from exc
    files = [path for path in bundle.rglob("*") if path.is_file()]
    # Pagefind counts every HTML file it read; one fragment is written per indexed page.
    indexed = sum(1 for path in files if path.parent.name == "fragment")
    return SearchIndex(indexed, len(files), sum(path.stat().st_size for path in files))


def _run_in_own_loop(make_coroutine: Callable[[], Coroutine[object, object, None]]) -> None:
    """asyncio.run, even when the caller already runs an event loop (a notebook, an async
    app, Playwright's sync API): then the index is built in a thread with its own loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(make_coroutine())
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, make_coroutine()).result()


async def _index(site_dir: Path, language: str, timeout: float, bundle: Path) -> None:
    from pagefind.service import PagefindService

    service = await asyncio.wait_for(PagefindService().launch(), timeout)
    try:
        index = await asyncio.wait_for(service.create_index({"force_language": language}), timeout)
        try:
            await asyncio.wait_for(index.add_directory(str(site_dir)), timeout)
        except Exception as exc:  # the service reports failures as bare Exceptions
            raise RuntimeError(
                f"Pagefind could not index the site: {exc.args[0] if exc.args else exc}"
            ) from exc
        await asyncio.wait_for(index.write_files(str(bundle)), timeout)
    finally:
        await _stop(service)


async def _stop(service: PagefindService) -> None:
    """Stop the service process; kill it if it does not stop by itself."""
    try:
        await asyncio.wait_for(service.close(), 10)
    except TimeoutError:
        backend = service._backend  # the wrapper has no public way to kill a hung service
        if backend.returncode is None:
            backend.kill()
            await backend.wait()

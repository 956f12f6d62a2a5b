"""Process pools for the two CPU-bound stages, parsing and rendering.

Workers are forked, so they inherit what the parent has built (the country table, the
model) instead of receiving it pickled. Where ``fork`` is missing, or the work is small,
callers run in-process: the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from multiprocessing.pool import Pool


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def fork_pool(workers: int) -> Pool:
    """A pool of forked workers that leave Ctrl+C to the parent."""
    return multiprocessing.get_context("fork").Pool(workers, initializer=_leave_interrupts_to_parent)


def _leave_interrupts_to_parent() -> None:
    """Ctrl+C reaches the whole process group; the parent stops the pool and reports it,
    so a worker ignores it instead of printing a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

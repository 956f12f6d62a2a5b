"""Timing one build in a fresh process: wall time, peak memory, and whether anything else
ran meanwhile (the benchmark scripts' common ground; see run.py for what is measured)."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

DEFAULT_TIMEOUT = 3600.0
SAMPLE_EVERY = 0.2  #: seconds between two samples of the process tree's PSS
#: A run is "disturbed" when other processes used more than this share of one core during
#: it (and at least MIN_DISTURBANCE CPU-seconds): marked with '*', redone with --wait-idle.
DISTURBED_SHARE = 0.1
MIN_DISTURBANCE = 0.3


class BenchError(Exception):
    """A build failed or the benchmark cannot run; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Measured:
    seconds: float
    peak_rss_mib: float  #: largest single process of the tree (ru_maxrss of wait4)
    tree_pss_mib: float | None  #: sampled peak of the tree's summed PSS, when asked for
    stdout: str
    #: CPU-seconds the machine spent meanwhile on other processes (None off Linux)
    foreign_cpu_s: float | None = None

    @property
    def disturbed(self) -> bool:
        """Did other processes use more than a tenth of a core during this run?"""
        return self.foreign_cpu_s is not None and self.foreign_cpu_s > max(
            MIN_DISTURBANCE, DISTURBED_SHARE * self.seconds
        )


def _process_tree(root: int) -> list[int]:
    """``root`` and its live descendants, from the parent ids in /proc/<pid>/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree = [root]
    for pid in tree:
        tree.extend(children.get(pid, ()))
    return tree


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as rollup:
            for line in rollup:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class _TreeSampler(threading.Thread):
    """Samples the summed PSS of a process tree until stopped (Linux only)."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_kib = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(SAMPLE_EVERY):
            total = sum(_pss_kib(pid) for pid in _process_tree(self.root))
            self.peak_kib = max(self.peak_kib, total)


def measure(
    command: Sequence[str | Path],
    *,
    cwd: Path = REPO,
    sample_tree: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Measured:
    """Run ``command`` in a fresh process; its wall time and peak memory."""
    argv = [str(part) for part in command]
    busy_before, own_before = _busy_cpu_seconds(), _own_cpu_seconds()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True
        )
        killer = threading.Timer(timeout, _kill_group, (process.pid,))
        killer.start()
        sampler = None
        if sample_tree and Path("/proc/self/smaps_rollup").exists():
            sampler = _TreeSampler(process.pid)
            sampler.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            _kill_group(process.pid)
            process.wait()
            raise
        finally:
            killer.cancel()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler is not None:
            sampler.stopped.set()
            sampler.join()
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        tail = "\n".join((stderr or stdout).strip().splitlines()[-20:])
        raise BenchError(f"{' '.join(argv)} exited with {process.returncode}:\n{tail}")
    busy_after = _busy_cpu_seconds()
    foreign = None
    if busy_before is not None and busy_after is not None:
        ours = usage.ru_utime + usage.ru_stime + _own_cpu_seconds() - own_before
        foreign = max(0.0, busy_after - busy_before - ours)
    rss_mib = usage.ru_maxrss / 1024  # KiB on Linux
    tree = sampler.peak_kib / 1024 if sampler is not None and sampler.peak_kib else None
    return Measured(seconds, rss_mib, tree, stdout, foreign)


def _busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has been busy since boot (Linux /proc/stat)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    guest = sum(fields[8:10])  # already counted in user and nice
    return (sum(fields) - idle - guest) / os.sysconf("SC_CLK_TCK")


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def wait_idle(limit: float) -> bool:
    """Wait (at most ``limit`` seconds) until, for one second, other processes use under a
    tenth of a core and the disks are busy under a tenth of the time; False if the machine
    stayed busy. The disk matters as much as the CPU: on a file system mounted with
    ``discard``, removing the last run's 240 MB of pages keeps the disk trimming for
    seconds after ``os.sync()`` returns, and a cold build started meanwhile took twice as
    long, in kernel time."""
    deadline = time.monotonic() + limit
    while True:
        busy, own, disk = _busy_cpu_seconds(), _own_cpu_seconds(), _disk_busy_seconds()
        time.sleep(1.0)
        after, disk_after = _busy_cpu_seconds(), _disk_busy_seconds()
        cpu_idle = (
            busy is None or after is None or after - busy - (_own_cpu_seconds() - own) < DISTURBED_SHARE
        )
        disk_idle = disk is None or disk_after is None or disk_after - disk < DISTURBED_SHARE
        if cpu_idle and disk_idle:
            return True
        if time.monotonic() >= deadline:
            return False


def _disk_busy_seconds() -> float | None:
    """Time the machine's disks have spent doing I/O (io_ticks of /proc/diskstats, whole
    disks only), or None where that is not available."""
    try:
        disks = {name for name in os.listdir("/sys/block") if not name.startswith(("loop", "ram", "zram"))}
        lines = Path("/proc/diskstats").read_text().splitlines()
    except OSError:
        return None
    ticks = [int(fields[12]) for fields in map(str.split, lines) if len(fields) > 12 and fields[2] in disks]
    return sum(ticks) / 1000 if ticks else None


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)

"""The benchmark's pairing: what runs beside one of our builds is paired with a kept build,
never with one thrown away to be redone (no build or tool is actually run here)."""

import argparse
import json
from pathlib import Path

import pytest

from bench import run
from bench.measure import Measured


@pytest.fixture
def timed(monkeypatch: pytest.MonkeyPatch) -> list[list]:
    """``measure`` replaced: each command named in the returned list's first entry gets its
    next (seconds, foreign CPU) from the dict; every call is recorded in the second entry."""
    plan: dict[str, list[tuple[float, float]]] = {}
    calls: list[str] = []

    def fake_measure(command, sample_tree=False, timeout=None) -> Measured:
        name = str(command[0])
        calls.append(name)
        seconds, foreign = plan[name].pop(0)
        stdout = json.dumps({"timings": {"search": seconds / 2}, "files": 1, "indexed": 1})
        return Measured(seconds, 10.0, None, stdout, foreign_cpu_s=foreign)

    monkeypatch.setattr(run, "measure", fake_measure)
    monkeypatch.setattr(run, "wait_idle", lambda seconds: True)
    monkeypatch.setattr(run.os, "sync", lambda: None)
    return [plan, calls]


def _bench(runs: int) -> run.Bench:
    args = argparse.Namespace(runs=runs, wait_idle=1.0, timeout=10.0, jobs=None)
    corpus = run.Corpus(Path("/nonexistent/corpus"), 10, 1, 5)
    return run.Bench(args, corpus, lambda line: None)


def test_a_rival_builds_after_each_kept_build_and_its_ratio_is_against_that_build(timed) -> None:
    plan, calls = timed
    plan["ours"] = [(10.0, 0.0), (20.0, 9.0), (12.0, 0.0)]  # the second run is disturbed: redone
    plan["rival"] = [(50.0, 0.0), (60.0, 0.0)]
    bench = _bench(runs=2)
    rival = run.Rival("rival", run.Series("rival"), ["rival"], lambda: None, lambda series: {})
    bench.rivals.append(rival)
    ours = bench.series("ours", ["ours"], beside=bench.rival_round)
    assert ours.seconds == [10.0, 12.0] and ours.redone == 1
    assert calls == ["ours", "rival", "ours", "ours", "rival"]
    assert rival.ratios == [5.0, 5.0]
    assert sorted(run.seconds for run in bench.kept) == [10.0, 12.0, 50.0, 60.0]  # not the redone run


def test_pagefind_ratios_pair_each_kept_search_build_with_the_cli_run_after_it(timed, monkeypatch) -> None:
    plan, calls = timed
    monkeypatch.setattr(run, "_remove", lambda path: None)
    python = run.sys.executable
    # Search builds (stage = half the build's time): the second is disturbed and redone.
    # The CLI is the same interpreter's `-m pagefind`, so both share the first argument.
    plan[python] = [(40.0, 0.0), (20.0, 0.0), (90.0, 50.0), (60.0, 0.0), (30.0, 0.0)]
    bench = _bench(runs=2)
    result = bench.search()
    assert len(calls) == 5  # build, CLI, build thrown away, build, CLI
    assert result["pagefind_ratios"] == [1.0, 1.0]  # 20 / 20, then 30 / 30
    assert result["pagefind_cli_s"] == 25.0
    assert sorted(run.seconds for run in bench.kept) == [20.0, 30.0, 40.0, 60.0]  # not the redone run


def test_figures_are_rounded_for_the_json_line_only_there_and_in_lists_too() -> None:
    result = {"hugo_ratios": [0.49512, 0.8], "targets": {"t": {"value": 2.01969}}, "n": 10}
    assert run._rounded(result) == {"hugo_ratios": [0.495, 0.8], "targets": {"t": {"value": 2.02}}, "n": 10}
    assert result["hugo_ratios"][0] == 0.49512  # the targets were read from the exact figures

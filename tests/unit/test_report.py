from __future__ import annotations

import io

import pytest

from generator.errors import error, warning
from generator.report import REPEAT_LIMIT, BufferReporter, Reporter


def test_diagnostics_go_to_stderr_when_reported(reporter: BufferReporter) -> None:
    reporter.diagnostics([error("a.md", 3, "front-matter.date", "bad", "fix it")])
    assert reporter.errors == "a.md:3: error [front-matter.date]: bad\n    hint: fix it\n"
    assert reporter.output == ""


def test_repeats_are_summarised_when_one_code_exceeds_the_limit(reporter: BufferReporter) -> None:
    repeated = [warning(f"{n}.md", 1, "content.repeated", "same problem") for n in range(REPEAT_LIMIT + 3)]
    other = warning("z.md", 1, "content.other", "other problem")
    reporter.diagnostics([*repeated, other])
    lines = reporter.errors.splitlines()
    assert lines[:REPEAT_LIMIT] == [d.format() for d in repeated[:REPEAT_LIMIT]]
    assert lines[REPEAT_LIMIT:] == [other.format(), "... and 3 more [content.repeated]"]


def test_nothing_is_summarised_when_a_code_stays_within_the_limit(reporter: BufferReporter) -> None:
    reporter.diagnostics([warning("a.md", n, "content.x", "m") for n in range(1, REPEAT_LIMIT + 1)])
    assert len(reporter.errors.splitlines()) == REPEAT_LIMIT
    assert "more" not in reporter.errors


def test_info_goes_to_stdout_when_not_quiet(reporter: BufferReporter) -> None:
    reporter.info("16 files")
    assert reporter.output == "16 files\n"
    assert reporter.errors == ""


def test_info_is_silenced_when_quiet_but_diagnostics_are_not() -> None:
    out, err = io.StringIO(), io.StringIO()
    quiet = Reporter(out=out, err=err, quiet=True)
    quiet.info("progress")
    quiet.diagnostics([error("a.md", 1, "c", "m")])
    assert out.getvalue() == ""
    assert err.getvalue() == "a.md:1: error [c]: m\n"


def test_stage_records_its_timing_when_the_stage_raises(reporter: BufferReporter) -> None:
    with reporter.stage("load"):
        pass
    with pytest.raises(RuntimeError), reporter.stage("render"):
        raise RuntimeError("boom")
    assert list(reporter.timings) == ["load", "render"]
    assert all(seconds >= 0 for seconds in reporter.timings.values())

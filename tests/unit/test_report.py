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


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_and_ends_with_the_total() -> None:
    out = _Terminal()
    reporter = Reporter(out=out, err=io.StringIO())
    assert list(reporter.progress("pages", iter(range(600)), 600)) == list(range(600))
    assert out.getvalue().startswith("\rpages: 1/600")
    assert out.getvalue().rstrip().endswith("pages: 600/600")


@pytest.mark.parametrize(
    ("stream", "quiet", "total"), [(io.StringIO, False, 600), (_Terminal, True, 600), (_Terminal, False, 10)]
)
def test_progress_is_silent_in_logs_with_quiet_and_for_short_work(stream, quiet: bool, total: int) -> None:
    out = stream()
    reporter = Reporter(out=out, err=io.StringIO(), quiet=quiet)
    assert list(reporter.progress("pages", iter(range(total)), total)) == list(range(total))
    assert out.getvalue() == ""

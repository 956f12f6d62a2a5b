from __future__ import annotations

import pytest

from generator.errors import (
    ContentError,
    Diagnostic,
    GeneratorError,
    Severity,
    error,
    sort_diagnostics,
    warning,
)


@pytest.mark.parametrize(
    ("diagnostic", "expected"),
    [
        (
            Diagnostic("content/2013/a.md", 4, "front-matter.date", "'2013-13-01' is not a date", column=7),
            "content/2013/a.md:4:7: error [front-matter.date]: '2013-13-01' is not a date",
        ),
        (
            Diagnostic("content/2013/a.md", 4, "front-matter.date", "bad"),
            "content/2013/a.md:4: error [front-matter.date]: bad",
        ),
        (
            Diagnostic("site.yaml", None, "config.missing", "configuration file not found"),
            "site.yaml: error [config.missing]: configuration file not found",
        ),
        (
            # a column without a line is meaningless and is not printed
            Diagnostic("site.yaml", None, "config.x", "m", column=3),
            "site.yaml: error [config.x]: m",
        ),
        (
            Diagnostic("a.md", 1, "content.x", "m", Severity.WARNING),
            "a.md:1: warning [content.x]: m",
        ),
        (
            Diagnostic(
                "a.md", 2, "front-matter.unknown-key", "unknown key 'titel'", hint="did you mean 'title'?"
            ),
            "a.md:2: error [front-matter.unknown-key]: unknown key 'titel'\n    hint: did you mean 'title'?",
        ),
    ],
)
def test_format_is_compiler_style_when_formatting_a_diagnostic(diagnostic: Diagnostic, expected: str) -> None:
    assert diagnostic.format() == expected


def test_helpers_set_severity_when_building_errors_and_warnings() -> None:
    assert error("a.md", 1, "c", "m", "h") == Diagnostic("a.md", 1, "c", "m", Severity.ERROR, "h")
    assert warning("a.md", 1, "c", "m") == Diagnostic("a.md", 1, "c", "m", Severity.WARNING)
    assert error("a.md", 1, "c", "m").is_error
    assert not warning("a.md", 1, "c", "m").is_error


def test_sort_orders_by_path_then_line_when_diagnostics_are_unordered() -> None:
    b3 = error("b.md", 3, "x", "m")
    a10 = error("a.md", 10, "x", "m")
    a2 = error("a.md", 2, "x", "m")
    a_none = error("a.md", None, "x", "m")
    assert sort_diagnostics([b3, a10, a2, a_none]) == (a_none, a2, a10, b3)


def test_error_carries_every_diagnostic_sorted_when_raised() -> None:
    second = error("b.md", 1, "x", "second")
    first = error("a.md", 5, "y", "first", "fix it")
    exc = ContentError([second, first])
    assert isinstance(exc, GeneratorError)
    assert exc.diagnostics == (first, second)
    assert str(exc) == "a.md:5: error [y]: first\n    hint: fix it\nb.md:1: error [x]: second"

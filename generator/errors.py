"""Diagnostics: the one record type every stage uses to tell the user what is wrong.

Stages collect diagnostics and return them; the orchestrator fails once with the whole list,
so an editor fixes every problem in one pass instead of one per build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located message, printed compiler-style so editors can click it."""

    path: str
    line: int | None
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_row(self) -> tuple:
        """A flat tuple of plain values, for caches (``marshal`` needs no classes)."""
        return (self.path, self.line, self.code, self.message, self.severity.value, self.hint, self.column)

    @classmethod
    def from_row(cls, row: tuple) -> Diagnostic:
        path, line, code, message, severity, hint, column = row
        return cls(path, line, code, message, Severity(severity), hint, column)

    def format(self) -> str:
        location = self.path
        if self.line is not None:
            location += f":{self.line}"
            if self.column is not None:
                location += f":{self.column}"
        text = f"{location}: {self.severity.value} [{self.code}]: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


def error(path: str, line: int | None, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, line, code, message, Severity.ERROR, hint)


def warning(path: str, line: int | None, code: str, message: str, hint: str | None = None) -> Diagnostic:
    return Diagnostic(path, line, code, message, Severity.WARNING, hint)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Order by file then line, so output is stable and reads top to bottom."""
    return tuple(sorted(diagnostics, key=lambda d: (d.path, d.line or 0, d.code, d.message)))


class GeneratorError(Exception):
    """A failure the user must act on (exit code 1), carrying every diagnostic found."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sort_diagnostics(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def __reduce__(self) -> tuple[type, tuple[tuple[Diagnostic, ...]]]:
        """Pickle by diagnostics, so an error raised in a render worker arrives whole."""
        return (type(self), (self.diagnostics,))


class ConfigError(GeneratorError):
    """site.yaml is invalid."""


class ContentError(GeneratorError):
    """One or more content files are invalid."""


class TemplateError(GeneratorError):
    """A template failed to compile or render."""


class PublishError(GeneratorError):
    """Writing the site failed (disk full, permissions, a lock held by another build)."""

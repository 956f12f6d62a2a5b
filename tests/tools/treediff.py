"""Compare two folder trees file by file, with a unified diff per mismatching text file.

Shared by the golden-site test, the determinism test and the golden regeneration command.
Text files are compared after one normalisation, CRLF -> LF, so a checkout that converted
line endings does not fail; anything that is not UTF-8 is compared byte for byte.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

#: Context lines around each change in the unified diffs.
CONTEXT_LINES = 3


@dataclass
class TreeDiff:
    missing: list[str] = field(default_factory=list)  #: in expected, not in actual.
    extra: list[str] = field(default_factory=list)  #: in actual, not in expected.
    changed: dict[str, str] = field(default_factory=dict)  #: path -> unified diff.

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra or self.changed)

    def report(self, expected_label: str, actual_label: str) -> str:
        lines = []
        if self.missing:
            lines.append(f"Files in {expected_label} but not in {actual_label}:")
            lines += [f"  {path}" for path in self.missing]
        if self.extra:
            lines.append(f"Files in {actual_label} but not in {expected_label}:")
            lines += [f"  {path}" for path in self.extra]
        if self.changed:
            lines.append(f"{len(self.changed)} file(s) differ:")
            for diff in self.changed.values():
                lines.append(diff.rstrip("\n"))
        return "\n".join(lines)


#: The Pagefind bundle is written by a third-party binary whose filter files are named by
#: hashes that change from run to run; the search tests check it in a browser instead.
#: The build report holds timings and what changed since the build before: tested on its own.
GENERATED_ELSEWHERE = ("pagefind/", "_report.json")


def list_files(root: Path, exclude: tuple[str, ...] = GENERATED_ELSEWHERE) -> list[str]:
    """Every file under ``root`` as a sorted POSIX path relative to it, minus ``exclude``."""
    found = (path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
    return sorted(path for path in found if not path.startswith(exclude))


def diff_trees(
    expected: Path, actual: Path, expected_label: str = "expected", actual_label: str = "actual"
) -> TreeDiff:
    expected_files = set(list_files(expected)) if expected.is_dir() else set()
    actual_files = set(list_files(actual)) if actual.is_dir() else set()
    result = TreeDiff(sorted(expected_files - actual_files), sorted(actual_files - expected_files))
    for relative in sorted(expected_files & actual_files):
        diff = diff_file(
            expected / relative,
            actual / relative,
            f"{expected_label}/{relative}",
            f"{actual_label}/{relative}",
        )
        if diff is not None:
            result.changed[relative] = diff
    return result


def diff_file(expected: Path, actual: Path, expected_label: str, actual_label: str) -> str | None:
    """None when the files match, else a unified diff (or a one-line note for binary files)."""
    old, new = expected.read_bytes(), actual.read_bytes()
    if old == new:
        return None
    try:
        old_text = old.decode("utf-8").replace("\r\n", "\n")
        new_text = new.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return f"Binary files {expected_label} and {actual_label} differ ({len(old)} vs {len(new)} bytes)\n"
    if old_text == new_text:
        return None
    lines = difflib.unified_diff(
        old_text.splitlines(keepends=True),
        new_text.splitlines(keepends=True),
        expected_label,
        actual_label,
        n=CONTEXT_LINES,
    )
    return "".join(
        line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines
    )

"""YAML parsing that remembers where every key and value came from.

Both ``site.yaml`` and article front matter need errors that name a file *line*, so we keep
PyYAML's node marks next to the data. The C loader is used when available (ten times faster
than the pure-Python one, which matters at 10k articles), and YAML's implicit timestamps are
switched off: ``2017-02-30`` must reach our own date validation as text, not crash the parser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that leaves dates as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LocatedYaml:
    """Parsed YAML plus the 1-based line of every key/item, addressed by its path."""

    data: Any
    lines: dict[Path, int]

    def line_of(self, *path: str | int) -> int | None:
        """Line of the deepest known prefix of ``path`` (a missing key points at its parent)."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)


class YamlSyntaxError(Exception):
    """A YAML syntax error with a 1-based line relative to the parsed text."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


def parse_yaml(text: str, first_line: int = 1) -> LocatedYaml:
    """Parse one YAML document, raising YamlSyntaxError with a line on malformed input.

    ``first_line`` is the file line of the text's first line (2 for front matter after
    '---'), so every line reported, in errors or in ``lines``, is a file line.
    """
    offset = first_line
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            problem = f"{problem} ({exc.context} started on line {exc.context_mark.line + offset})"
        elif exc.context:
            problem = f"{exc.context}, {problem}"
        raise YamlSyntaxError(problem, mark.line + offset if mark else None) from None
    except yaml.YAMLError as exc:  # the C loader may raise unmarked errors
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None
    finally:
        loader.dispose()
    lines: dict[Path, int] = {}
    if node is not None:
        _collect_lines(node, (), lines, offset)
    return LocatedYaml(data, lines)


def _collect_lines(node: yaml.Node, path: Path, lines: dict[Path, int], offset: int) -> None:
    lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            line = key_node.start_mark.line + offset
            if key in first_seen:  # PyYAML keeps the last value silently; we refuse
                raise YamlSyntaxError(f"duplicate key '{key}' (first set on line {first_seen[key]})", line)
            first_seen[key] = line
            _collect_lines(value_node, (*path, key), lines, offset)
            lines[(*path, key)] = line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*path, index), lines, offset)


def closest_key(key: str, allowed: set[str] | frozenset[str]) -> str | None:
    """The valid key an unknown one was most likely meant to be (for 'did you mean')."""
    import difflib

    matches = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
    return matches[0] if matches else None

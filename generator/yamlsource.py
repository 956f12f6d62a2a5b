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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        lines: dict[Path, int] = {}
        if node is None:
            return LocatedYaml(None, lines)
        try:
            data = _build(node, (), lines, first_line, loader, set())
        except _Unusual:
            lines.clear()
            data = loader.construct_document(node)
            _collect_lines(node, (), lines, first_line)
        return LocatedYaml(data, lines)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, first_line) from None
    except yaml.YAMLError as exc:  # the C loader may raise unmarked errors
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None
    finally:
        loader.dispose()


def _syntax_error(exc: yaml.MarkedYAMLError, offset: int) -> YamlSyntaxError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
        problem = f"{problem} ({exc.context} started on line {exc.context_mark.line + offset})"
    elif exc.context:
        problem = f"{exc.context}, {problem}"
    return YamlSyntaxError(problem, mark.line + offset if mark else None)


class _Unusual(Exception):
    """Aliases or merge keys: left to PyYAML's own constructor."""


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _build(
    node: yaml.Node, path: Path, lines: dict[Path, int], offset: int, loader: _Loader, seen: set[int]
) -> Any:
    """Construct ``node`` and record the line of everything in it, in one walk.

    Front matter is small mappings of strings, so building them directly is several times
    faster than PyYAML's generic constructor (which matters at 10k articles); anything
    unusual (an alias, a merge key) raises _Unusual and takes the generic route.
    """
    if id(node) in seen:
        raise _Unusual
    seen.add(id(node))
    lines[path] = node.start_mark.line + offset
    if isinstance(node, yaml.ScalarNode):
        return node.value if node.tag == _STR_TAG else loader.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, index), lines, offset, loader, seen) for index, item in enumerate(node.value)
        ]
    result: dict[Any, Any] = {}
    first_seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        if key_node.tag == _MERGE_TAG or not isinstance(key_node, yaml.ScalarNode):
            raise _Unusual
        name = key_node.value
        line = key_node.start_mark.line + offset
        if name in first_seen:  # PyYAML keeps the last value silently; we refuse
            raise YamlSyntaxError(f"duplicate key '{name}' (first set on line {first_seen[name]})", line)
        first_seen[name] = line
        key = name if key_node.tag == _STR_TAG else loader.construct_object(key_node, deep=True)
        result[key] = _build(value_node, (*path, name), lines, offset, loader, seen)
        lines[(*path, name)] = line
    return result


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

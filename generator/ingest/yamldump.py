"""Front matter fields as ingest writes them: one YAML key at a time, prose in double quotes,
codes and dates plain, short code lists on one line.

Shared by write.py (new articles) and provenance.py (a source merged into an existing
article), so that a merged block reads like the rest of the file.
"""

from __future__ import annotations

from typing import Any

import yaml


class _Dumper(yaml.SafeDumper):
    """Prose in double quotes (French titles hold ': '), codes and dates plain."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Double quotes escape what YAML would otherwise read back differently: line breaks of
    # every kind (NEL, U+2028 fold to spaces in plain scalars), tabs, other non-printables.
    style = '"' if (" " in value or ":" in value or not value.isprintable()) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class FlowList(list):  # type: ignore[type-arg]
    """A list written on one line: [VN, BY]."""


def _represent_flow_list(dumper: yaml.SafeDumper, value: FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(FlowList, _represent_flow_list)


def dump_field(key: str, value: Any) -> str:
    """``key: value`` as YAML lines ending with a line break (nested lists in block style
    unless given as a FlowList)."""
    return yaml.dump(
        {key: value},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )

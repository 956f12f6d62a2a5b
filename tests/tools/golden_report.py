"""The build report as the golden copy keeps it: stage timings differ on every run, so
they are zeroed; which stages ran, and everything else the report says, is compared."""

from __future__ import annotations

import json

REPORT = "_report.json"


def stable_report(raw: bytes) -> str:
    data = json.loads(raw)
    data["timings"] = {name: 0 for name in data["timings"]}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

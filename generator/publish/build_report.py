"""The editorial build report: what this build changed, and what an editor should look at.

Written after every build that did something, to the terminal (a few lines) and to
``build/_report.json`` (whole lists, for tools and for the record beside the site it
describes). Changes are counted by page fingerprint against the manifest of the site this
build replaces: a page is *changed* when its inputs changed, which is what an editor wants
to know even when the bytes happen to come out the same. The report is the one file of
the site that differs between two builds of the same inputs (its timings), so
comparisons of builds leave it out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from generator.publish.workspace import Manifest
from generator.site import urls
from generator.site.model import SiteModel
from generator.site.plan import PageSpec

REPORT_FILE = "_report.json"
_SHOWN = 5  #: URLs named in the terminal summary per list


@dataclass(frozen=True, slots=True)
class BuildReport:
    compared: bool  #: False on a first build (or when the previous site was unknown)
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    review: tuple[dict[str, object], ...]  #: {"path", "url", "reasons"} per flagged article
    thin: tuple[str, ...]  #: relation and month pages listing a single article
    noindex_thin: bool
    timings: dict[str, float]

    def to_json(self) -> bytes:
        """The report as indented JSON. Its fields are tuples and dicts of JSON values
        already: no ``asdict`` deep copy (10 ms at 10,000 articles, on every build)."""
        data = {field.name: getattr(self, field.name) for field in fields(self)}
        data["timings"] = {name: round(seconds, 3) for name, seconds in self.timings.items()}
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()

    def summary(self) -> list[str]:
        lines = []
        if self.compared:
            lines.append(
                f"Since the last build: {len(self.added)} pages added, {len(self.changed)} changed, "
                f"{len(self.removed)} removed" + _examples(self.added, "added")
            )
        if self.review:
            lines.append(f"{len(self.review)} articles wait for review (see {urls.REVIEW} or archive check)")
        if self.thin:
            advice = (
                "noindex"
                if self.noindex_thin
                else "set lists.noindex_thin to keep them out of search engines"
            )
            lines.append(f"{len(self.thin)} thin pages (a relation or month with one article): {advice}")
        lines.append(f"Full report: {REPORT_FILE}")
        return lines


def compare(
    previous: Manifest | None,
    current: Manifest,
    specs: tuple[PageSpec, ...],
    model: SiteModel,
    timings: dict[str, float],
    noindex_thin: bool,
) -> BuildReport:
    before = previous.pages if previous is not None else {}
    after = current.pages
    return BuildReport(
        compared=previous is not None,
        added=tuple(url for url in after if url not in before) if previous is not None else (),
        changed=tuple(
            url for url in after if url in before and (after[url] is None or before[url] != after[url])
        ),
        removed=tuple(sorted(url for url in before if url not in after)),
        review=tuple(
            {"path": article.source_path, "url": urls.article_url(article), "reasons": list(article.review)}
            for article in model.flagged
        ),
        thin=tuple(spec.url for spec in specs if spec.thin),
        noindex_thin=noindex_thin,
        timings=dict(timings),
    )


def _examples(urls: tuple[str, ...], label: str) -> str:
    if not urls:
        return ""
    shown = ", ".join(urls[:_SHOWN]) + (", …" if len(urls) > _SHOWN else "")
    return f" ({label}: {shown})"

"""The benchmark corpus as Pelican reads it: metadata lines instead of YAML front matter.

Pelican's Markdown reader takes ``Key: value`` lines, not nested YAML, so each article is
written again once, beside the corpus: its title, its date (a partial one completed to
the first day, an unknown one set to 2000-01-01: Pelican needs a day), its slug, its first
relation as category and its countries as tags (Pelican's lists of them stand for the
relation and country pages), its summary, then the body as it is.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def pelican_article(text: str, slug: str) -> str:
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=yaml.CSafeLoader)
    date = str(meta.get("date") or "2000")
    date += {4: "-01-01", 7: "-01"}.get(len(date), "")
    pairs = meta.get("pairs") or ["divers"]
    lines = [
        f"Title: {meta['title']}",
        f"Date: {date}",
        f"Slug: {slug}",
        f"Category: {pairs[0]}",
        f"Tags: {', '.join(meta.get('countries') or [])}",
    ]
    if meta.get("summary"):
        lines.append("Summary: " + " ".join(str(meta["summary"]).split()))
    return "\n".join(lines) + "\n\n" + body


def write_pelican_content(content: Path, target: Path) -> int:
    """Write every article of ``content`` under ``target`` (same paths); returns how many."""
    count = 0
    for path in sorted(content.rglob("*.md")):
        destination = target / path.relative_to(content)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(pelican_article(path.read_text(encoding="utf-8"), path.stem), encoding="utf-8")
        count += 1
    return count

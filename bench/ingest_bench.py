"""Ingest throughput: ``python bench/ingest_bench.py --n 1000``.

Turns the first N corpus articles back into scraped-looking raw text (title twice, the lead
repeated, a photo caption, the sign-off, a "Voir plus" block of teasers), ingests them into
a fresh content folder with the real pipeline, and prints articles per second. The last line
is one JSON object: n, written, failed, seconds, articles_per_s.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import build_article
from generator.content.frontmatter import split_front_matter
from generator.ingest.pipeline import ingest_paths
from generator.yamlsource import parse_yaml


def raw_text(index: int, seed: int) -> str:
    """One corpus article dressed the way a scraper hands it over."""
    split = split_front_matter(build_article(index, seed).text)
    meta = parse_yaml(split.yaml_text).data
    title, summary = meta["title"], meta.get("summary") or ""
    teaser = build_article(index + 100_000, seed)
    teaser_meta = parse_yaml(split_front_matter(teaser.text).yaml_text).data
    paragraphs = [
        title,
        title,
        summary,
        "Une délégation pose pour une photo de famille. Photo : VNA/CVN",
        split.body.strip() + " - VNA",
        "Voir plus",
        f"{teaser_meta['title']}. Photo : VNA",
        teaser_meta["title"],
        teaser_meta.get("summary") or "",
    ]
    return "\n\n".join(paragraphs) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as scratch:
        root = Path(scratch)
        inbox = root / "raw"
        inbox.mkdir()
        for index in range(args.n):
            (inbox / f"{index:06d}.txt").write_text(raw_text(index, args.seed), encoding="utf-8")
        content = root / "content"
        content.mkdir()
        start = time.perf_counter()
        result = ingest_paths([inbox], content, root)
        seconds = time.perf_counter() - start
    failed = sum(1 for d in result.diagnostics if d.is_error)
    figures = {
        "n": args.n,
        "written": len(result.written),
        "failed": failed,
        "seconds": round(seconds, 2),
        "articles_per_s": round(args.n / seconds, 1),
    }
    print(
        f"ingested {figures['written']} of {args.n} raw stories in {seconds:.2f} s "
        f"({figures['articles_per_s']} articles/s, {failed} refused or failed)"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

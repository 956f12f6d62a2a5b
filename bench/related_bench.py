"""Related-articles benchmark: sketching bodies and choosing related articles, in isolation.

Usage::

    .venv/bin/python bench/related_bench.py --n 1000 10000 [--runs 5] [--seed 1] [--limit 5]

Loads the corpus of ``bench/run.py`` (``/tmp/archive-bench/n<N>-seed<S>``, generated if
missing) without a cache, then prints, for each ``n``: ``sketch_us``, the time to sketch one
body (``generator.content.sketch.body_sketch``, best of three passes over every body);
``text_ms``, the text-similarity candidates alone (``site.similarity.text_similarities``);
``related_ms``, the whole choice (``site.related.build_related``, its memo cleared before
each run; median of ``--runs``); ``memo_ms``, a call the memo answers (what the dev server
pays when nothing it depends on changed). Human-readable lines, then one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script (python bench/related_bench.py)
    sys.path.insert(0, str(REPO))

from bench.corpus import generate_corpus  # noqa: E402
from generator.content.aliases import load_people_aliases  # noqa: E402
from generator.content.load import load_content  # noqa: E402
from generator.content.sketch import body_sketch  # noqa: E402
from generator.site import related as choice  # noqa: E402
from generator.site import relations  # noqa: E402
from generator.site.people import build_people  # noqa: E402
from generator.site.similarity import bucket_cap, text_similarities  # noqa: E402
from generator.site.timeline import newest_first  # noqa: E402


def measure(n: int, seed: int, runs: int, limit: int) -> dict[str, float]:
    folder = Path(f"/tmp/archive-bench/n{n}-seed{seed}")
    if not (folder / "content").is_dir():
        generate_corpus(n, folder, seed=seed)
    articles = newest_first(load_content(folder / "content", folder, "VN").articles)
    pairs = relations.build_pairs(articles)
    countries = relations.build_countries(articles, pairs)
    people = [entry.articles for entry in build_people(articles, load_people_aliases()).entries]
    gc.disable()  # as the build does while it loads and models
    try:
        sketch = min(_timed(lambda: [body_sketch(a.body) for a in articles]) for _ in range(3))
        text = min(
            _timed(lambda: text_similarities([a.sketch for a in articles], bucket_cap(n))) for _ in range(3)
        )
        related = []
        for _ in range(runs):
            choice._LAST_RELATED.clear()
            related.append(_timed(lambda: choice.build_related(articles, pairs, countries, limit, people)))
        memo = _timed(lambda: choice.build_related(articles, pairs, countries, limit, people))
    finally:
        gc.enable()
    return {
        "sketch_us": round(sketch / len(articles) * 1e6, 1),
        "text_ms": round(text * 1e3, 1),
        "related_ms": round(statistics.median(related) * 1e3, 1),
        "memo_ms": round(memo * 1e3, 1),
    }


def _timed(work) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--limit", type=int, default=5, help="lists.related")
    args = parser.parse_args()
    figures = {}
    for n in args.n:
        figures[n] = measure(n, args.seed, args.runs, args.limit)
        print(f"n={n}: " + ", ".join(f"{key} {value}" for key, value in figures[n].items()), flush=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()

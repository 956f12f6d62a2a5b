from __future__ import annotations

import json
import threading

from generator.errors import error
from generator.serve.reload import LiveReload


def test_waiter_gets_the_next_build_when_one_is_published() -> None:
    live = LiveReload()
    seen = []
    waiter = threading.Thread(target=lambda: seen.append(live.wait_after(0, timeout=5)))
    waiter.start()
    live.publish()
    waiter.join(5)
    assert seen and seen[0] is not None and seen[0].generation == 1 and seen[0].ok
    assert json.loads(seen[0].message()) == {"type": "reload", "generation": 1, "pages": None}


def test_wait_times_out_with_nothing_when_no_build_finishes() -> None:
    assert LiveReload().wait_after(0, timeout=0.05) is None


def test_failed_build_carries_its_diagnostics_when_published() -> None:
    live = LiveReload()
    event = live.publish((error("content/a.md", 3, "front-matter.date", "'2017-02-30' is not a date"),))
    assert not event.ok
    assert json.loads(event.message())["diagnostics"] == [
        "content/a.md:3: error [front-matter.date]: '2017-02-30' is not a date"
    ]
    assert live.wait_after(0, timeout=0) == event


def test_reload_names_the_pages_a_rebuild_rewrote() -> None:
    live = LiveReload()
    event = live.publish(pages=("/articles/a/", "/"))
    assert json.loads(event.message()) == {"type": "reload", "generation": 1, "pages": ["/articles/a/", "/"]}


def test_a_burst_of_events_reaches_a_stream_as_one_naming_every_page() -> None:
    """A preview names the edited page, the rebuild right after it names the others: a
    stream that wakes once must still reload the edited page."""
    live = LiveReload()
    live.publish(pages=("/articles/a/",))
    live.publish(pages=("/relations/x/", "/"))
    merged = live.wait_after(0, timeout=0)
    assert merged is not None and merged.generation == 2
    assert merged.pages == ("/articles/a/", "/relations/x/", "/")
    assert live.wait_after(1, timeout=0).pages == ("/relations/x/", "/")  # type: ignore[union-attr]


def test_a_reload_of_every_page_in_a_burst_reloads_every_page() -> None:
    live = LiveReload()
    live.publish(pages=("/articles/a/",))
    live.publish(pages=None)  # a stylesheet changed
    assert live.wait_after(0, timeout=0).pages is None  # type: ignore[union-attr]


def test_a_stream_behind_the_history_reloads_every_page() -> None:
    live = LiveReload()
    for _ in range(LiveReload.HISTORY + 5):
        live.publish(pages=("/articles/a/",))
    assert live.wait_after(1, timeout=0).pages is None  # type: ignore[union-attr]
    assert live.wait_after(LiveReload.HISTORY, timeout=0).pages == ("/articles/a/",)  # type: ignore[union-attr]

"""Pagination bars link to a window of pages, so a list of n pages is not O(n²) in links."""

from __future__ import annotations

import re

import pytest

from generator.render.templates import make_environment
from generator.render.views import page_window
from tests.conftest import REPO_ROOT


@pytest.mark.parametrize(
    ("number", "total", "expected"),
    [
        (1, 1, [1]),
        (1, 5, [1, 2, 3, 4, 5]),
        (1, 9, [1, 2, 3, None, 9]),
        (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),  # a single left-out number is shown, not elided
        (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (20, 20, [1, None, 18, 19, 20]),
        (250, 450, [1, None, 248, 249, 250, 251, 252, None, 450]),
    ],
)
def test_window_keeps_first_last_and_neighbours(number: int, total: int, expected: list[int | None]) -> None:
    assert page_window(number, total) == expected


def test_window_stays_small_however_long_the_list() -> None:
    for total in (10, 100, 10_000):
        for number in (1, total // 2, total):
            window = page_window(number, total)
            assert len(window) <= 9
            assert number in window and 1 in window and total in window
            shown = [n for n in window if n is not None]
            assert shown == sorted(set(shown))


def test_bar_renders_gaps_as_ellipses_and_the_current_page_unlinked() -> None:
    environment = make_environment(REPO_ROOT / "templates")
    pages = [
        {"number": n, "url": f"/pays/x/page/{n}/", "current": n == 6, "gap": False} if n else {"gap": True}
        for n in page_window(6, 20)
    ]
    pagination = {"number": 6, "total": 20, "previous_url": "/p5/", "next_url": "/p7/", "pages": pages}
    html = environment.get_template("partials/pagination.html").render(page={"pagination": pagination})
    assert html.count('<span class="gap">…</span>') == 2
    assert '<span aria-current="page">6</span>' in html
    assert re.findall(r'href="/pays/x/page/(\d+)/"', html) == ["1", "4", "5", "7", "8", "20"]

from __future__ import annotations

import random

from generator.site.timeline import build_timeline, newest_first

from ..factories import make_article

ARTICLES = (
    make_article("a", "2017-06-27"),
    make_article("b", "2017-06-27"),
    make_article("c", "2017-06"),
    make_article("d", "2017-01-01"),
    make_article("e", "2017"),
    make_article("f", "2015-03-02"),
    make_article("g", None),
    make_article("h", None),
)


def shuffled(items: tuple) -> tuple:
    copy = list(items)
    random.Random(4).shuffle(copy)
    return tuple(copy)


def test_newest_comes_first_and_slug_breaks_ties_when_sorting() -> None:
    # within a period, the unknown day/month comes after the known ones; undated last
    order = [a.slug for a in newest_first(shuffled(ARTICLES))]
    assert order == ["a", "b", "c", "d", "e", "f", "g", "h"]


def test_years_are_newest_first_and_months_january_first_when_grouped() -> None:
    timeline = build_timeline(shuffled(ARTICLES))
    assert [year.year for year in timeline.years] == [2017, 2015]
    assert [(m.month, [a.slug for a in m.articles]) for m in timeline.years[0].months] == [
        (1, ["d"]),
        (6, ["a", "b", "c"]),
        (None, ["e"]),  # the year's articles whose month is unknown come last
    ]
    assert timeline.years[0].count == 5
    assert [(m.year, m.month) for m in timeline.months] == [(2017, 1), (2017, 6), (2017, None), (2015, 3)]


def test_undated_articles_are_kept_apart_when_grouped() -> None:
    timeline = build_timeline(ARTICLES)
    assert [a.slug for a in timeline.undated] == ["g", "h"]
    grouped = sum(year.count for year in timeline.years) + len(timeline.undated)
    assert grouped == len(ARTICLES)  # nothing is dropped


def test_timeline_is_empty_when_there_are_no_articles() -> None:
    timeline = build_timeline(())
    assert (timeline.years, timeline.undated, timeline.months) == ((), (), ())

"""Which articles the Google News sitemap (/sitemap-news.xml) lists.

Google News wants the articles published in the last two days, at most 1,000 of them. A
build has no "now" it may use (builds are reproducible, and an archive is often rebuilt long
after its newest story), so the reference day is the newest *full* date in the archive: the
sitemap lists the articles dated that day or the day before. Only articles whose day is
known can be listed, since each entry needs a publication date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import islice, takewhile

from generator.content.model import Article, Precision
from generator.site.timeline import newest_first

#: Days counted back from the reference day, that day included.
WINDOW_DAYS = 2
#: Google's limit on the entries of one news sitemap.
MAX_ENTRIES = 1000


def news_articles(
    articles: Iterable[Article], window_days: int = WINDOW_DAYS, limit: int = MAX_ENTRIES
) -> tuple[Article, ...]:
    """The articles dated within ``window_days`` of the newest full date, newest first."""
    dated = [article for article in newest_first(articles) if article.date.precision is Precision.DAY]
    if not dated:
        return ()
    reference = _day(dated[0])
    recent = takewhile(lambda article: (reference - _day(article)).days < window_days, dated)
    return tuple(islice(recent, limit))


def news_language(language: str) -> str:
    """Google News wants an ISO 639 code ('fr'), except for 'zh-cn' and 'zh-tw'."""
    code = language.strip().lower().replace("_", "-")
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]


def _day(article: Article) -> date:
    year, month, day = article.date.sort_key
    return date(year, month, day)

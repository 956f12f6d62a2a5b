"""Every field ingest writes reads back equal (issue 6), not only the free-text ones.

test_robustness.py round-trips the prose fields (title, summary, dateline, people, tags,
review) with a fixed date, source and countries; this varies the rest too: the source and
its URL (with the characters URLs carry: '#', '?', '&', ':', quotes, '%'), partial and
missing dates, any set of countries with their pair, people with a country, and the body.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.countries import load_countries
from generator.content.load import load_article
from generator.ingest.extract import ExtractedArticle
from generator.ingest.people import PersonFound
from generator.ingest.write import render_article

from .test_robustness import TRICKY, VALUE

CODES = sorted(load_countries())
DATES = st.one_of(
    st.none(),
    st.dates().map(lambda day: day.isoformat()),
    st.dates().map(lambda day: day.isoformat()[:7]),
    st.dates().map(lambda day: day.isoformat()[:4]),
)
URL_PART = st.text(alphabet=st.sampled_from(list("az09-_.~%#?&=:;,+'\"é/ ")), max_size=30)
URLS = st.builds(
    lambda scheme, host, rest: f"{scheme}://{host}/{rest}".strip(),
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["fr.vietnamplus.vn", "example.org:8080", "xn--hano-7pa.example"]),
    URL_PART,
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    date=DATES,
    source=st.one_of(st.none(), VALUE),
    source_url=st.one_of(st.none(), URLS),
    countries=st.lists(st.sampled_from(CODES), min_size=0, max_size=4, unique=True),
    people=st.lists(
        st.tuples(VALUE, st.one_of(st.none(), VALUE), st.one_of(st.none(), st.sampled_from(CODES))),
        max_size=3,
        unique_by=lambda person: person[0],
    ),
    body=st.lists(TRICKY, min_size=1, max_size=4),
)
def test_every_field_written_by_ingest_reads_back_equal(date, source, source_url, countries, people, body):
    pairs = (f"{countries[0]}-{countries[1]}",) if len(countries) == 2 else ()
    article = ExtractedArticle(
        title="Un titre",
        date=date,
        dateline=None,
        source=source,
        source_url=source_url,
        countries=tuple(countries),
        pairs=pairs,
        people=tuple(PersonFound(name, role, code) for name, role, code in people),
        summary=None,
        tags=(),
        review=(),
        body=tuple(body),
        date_evidence="test",
    )
    with tempfile.TemporaryDirectory() as scratch:
        site = Path(scratch)
        path = site / "content" / "article.md"
        path.parent.mkdir(parents=True)
        path.write_text(render_article(article, None), encoding="utf-8")
        loaded, problems = load_article(path, site, load_countries(), "VN")
    assert [problem.format() for problem in problems] == []
    assert loaded is not None
    assert loaded.date.iso == date
    assert loaded.source == source
    assert loaded.source_url == source_url
    assert [country.code for country in loaded.countries] == countries
    assert [set(pair.codes) for pair in loaded.pairs] == [set(pair.split("-")) for pair in pairs]
    assert [(p.name, p.role, p.country.code if p.country else None) for p in loaded.people] == people
    assert loaded.body == "\n\n".join(body) + "\n"
    assert loaded.raw is None

from __future__ import annotations

import textwrap

import pytest

from generator.content.countries import load_countries
from generator.content.model import Article, PartialDate, Person, Precision
from generator.content.schema import FileContext, build_article, parse_partial_date
from generator.yamlsource import parse_yaml

PATH = "content/2017/article.md"


def build(yaml_text: str, slug: str = "article") -> tuple[Article | None, list[str]]:
    """Validate front matter as if it sat on lines 2.. of content/2017/<slug>.md."""
    located = parse_yaml(textwrap.dedent(yaml_text), first_line=2)
    context = FileContext(PATH, 2, load_countries(), "VN")
    article, diagnostics = build_article(located, context, slug, "Body.\n", 9)
    return article, [d.format() for d in diagnostics]


def errors(yaml_text: str, slug: str = "article") -> list[str]:
    article, diagnostics = build(yaml_text, slug)
    assert article is None
    return diagnostics


FULL = """\
title: "  Vietnam et Biélorussie  "
date: 2017-06-27
dateline: Minsk
source: VNA
source_url: https://example.org/a
countries: [vn, BY, VN]
pairs: [BY-VN]
people:
  - name: Trân Dai Quang
    role: président
    country: VN
  - Alexander Lukashenko
summary: "Résumé."
tags: [commerce, " visite "]
review: ["Année déduite du texte"]
raw: sources/abc.txt
"""


def test_every_field_is_read_when_front_matter_is_complete() -> None:
    article, diagnostics = build(FULL)
    assert diagnostics == []
    assert article is not None
    countries = load_countries()
    assert article.slug == "article"
    assert article.source_path == PATH
    assert article.title == "Vietnam et Biélorussie"
    assert article.date == PartialDate(2017, 6, 27)
    assert (article.dateline, article.source, article.source_url) == ("Minsk", "VNA", "https://example.org/a")
    assert article.countries == (countries["VN"], countries["BY"])  # upper-cased, de-duplicated
    assert [pair.codes for pair in article.pairs] == [("VN", "BY")]  # home country first
    assert article.people == (
        Person("Trân Dai Quang", "président", countries["VN"]),
        Person("Alexander Lukashenko"),
    )
    assert article.summary == "Résumé."
    assert article.tags == ("commerce", "visite")
    assert article.review == ("Année déduite du texte",)
    assert article.flagged
    assert article.raw == "sources/abc.txt"
    assert (article.body, article.body_line) == ("Body.\n", 9)


def test_pair_is_derived_when_an_article_names_two_countries_without_pairs() -> None:
    article, _ = build("title: x\ncountries: [BY, VN]\n")
    assert article is not None
    assert [pair.slug for pair in article.pairs] == ["vietnam-bielorussie"]


def test_no_pair_is_derived_when_an_article_names_three_countries() -> None:
    article, _ = build("title: x\ncountries: [BY, VN, FR]\n")
    assert article is not None
    assert article.pairs == ()


def test_numbers_are_accepted_as_text_when_a_title_is_a_year() -> None:
    article, _ = build("title: 1992\n")
    assert article is not None
    assert article.title == "1992"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, PartialDate()),
        ("2017-06-27", PartialDate(2017, 6, 27)),
        ("2017-06", PartialDate(2017, 6)),
        ("2017", PartialDate(2017)),
        (2017, PartialDate(2017)),
        (" 2016-02-29 ", PartialDate(2016, 2, 29)),
    ],
)
def test_partial_date_is_parsed_when_value_is_valid(value: object, expected: PartialDate) -> None:
    assert parse_partial_date(value) == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2017-02-30", "'2017-02-30' is not a date: February 2017 has 28 days"),
        ("2017-02-29", "'2017-02-29' is not a date: February 2017 has 28 days"),
        ("2017-13-01", "'2017-13-01' is not a date: there is no month 13"),
        ("2017-00", "'2017-00' is not a date: there is no month 0"),
        ("2017-06-00", "'2017-06-00' is not a date: June 2017 has 30 days"),
        ("0000", "'0000' is not a date"),
        ("27/06/2017", "'27/06/2017' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"),
        ("2017-6-27", "'2017-6-27' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"),
        (True, "'date' must be YYYY-MM-DD, YYYY-MM, YYYY or null, got true/false"),
        ([2017], "'date' must be YYYY-MM-DD, YYYY-MM, YYYY or null, got a list"),
    ],
)
def test_partial_date_is_refused_with_a_reason_when_value_is_invalid(value: object, reason: str) -> None:
    assert parse_partial_date(value) == reason


@pytest.mark.parametrize(
    ("date", "precision", "iso"),
    [
        ("2017-06-27", Precision.DAY, "2017-06-27"),
        ("2017-06", Precision.MONTH, "2017-06"),
        ("2017", Precision.YEAR, "2017"),
        (None, Precision.UNKNOWN, None),
    ],
)
def test_precision_and_iso_follow_what_is_known_when_a_date_is_partial(
    date: str | None, precision: Precision, iso: str | None
) -> None:
    parsed = parse_partial_date(date)
    assert isinstance(parsed, PartialDate)
    assert (parsed.precision, parsed.iso) == (precision, iso)


# Each case: front matter (file lines 2..), then the exact diagnostics.
INVALID = {
    "impossible date": (
        "title: x\ndate: 2017-02-30\n",
        [f"{PATH}:3: error [front-matter.date]: '2017-02-30' is not a date: February 2017 has 28 days"],
    ),
    "unknown key": (
        "title: x\nsummery: y\n",
        [
            f"{PATH}:3: error [front-matter.unknown-key]: unknown key 'summery'\n"
            "    hint: did you mean 'summary'?"
        ],
    ),
    "unknown key, nothing close": (
        "title: x\nzzzzzz: y\n",
        [
            f"{PATH}:3: error [front-matter.unknown-key]: unknown key 'zzzzzz'\n"
            "    hint: see docs/content-format.md"
        ],
    ),
    "missing title": (
        "date: 2017\n",
        [f"{PATH}:2: error [front-matter.title]: missing required key 'title'"],
    ),
    "empty title": ('title: "  "\n', [f"{PATH}:2: error [front-matter.title]: 'title' must not be empty"]),
    "title is a list": (
        "title: [a]\n",
        [f"{PATH}:2: error [front-matter.type]: 'title' must be text, got a list"],
    ),
    "countries as text": (
        'title: x\ncountries: "VN"\n',
        [f"{PATH}:3: error [front-matter.type]: 'countries' must be a list of codes, got 'VN'"],
    ),
    "unknown country": (
        "title: x\ncountries:\n  - VN\n  - XX\n",
        [
            f"{PATH}:5: error [front-matter.country]: unknown country code 'XX'\n"
            "    hint: use an ISO 3166-1 alpha-2 code (see generator/data/countries.yaml)"
        ],
    ),
    "country name instead of code": (
        "title: x\ncountries: [VN, France]\n",
        [
            f"{PATH}:3: error [front-matter.country]: unknown country code 'France'\n"
            "    hint: use the ISO 3166-1 alpha-2 code: 'FR' for France"
        ],
    ),
    "country code as a number": (
        "title: x\ncountries: [84]\n",
        [f"{PATH}:3: error [front-matter.country]: country code must be text, got a number"],
    ),
    "pair not in countries": (
        "title: x\ncountries: [VN, BY]\npairs: [VN-FR]\n",
        [
            f"{PATH}:4: error [front-matter.pair]: pair 'VN-FR' names FR, which is not in 'countries'\n"
            "    hint: add FR to 'countries'"
        ],
    ),
    "pair of one country": (
        "title: x\ncountries: [VN]\npairs: [VN-VN]\n",
        [f"{PATH}:4: error [front-matter.pair]: pair 'VN-VN' must be two different codes like 'VN-BY'"],
    ),
    "pairs as text": (
        "title: x\ncountries: [VN, BY]\npairs: VN-BY\n",
        [f"{PATH}:4: error [front-matter.type]: 'pairs' must be a list like ['VN-BY'], got 'VN-BY'"],
    ),
    "person without name": (
        "title: x\npeople:\n  - role: président\n",
        [f"{PATH}:4: error [front-matter.person]: each person needs a non-empty 'name'"],
    ),
    "person with unknown key": (
        "title: x\npeople:\n  - name: A\n    rol: président\n",
        [
            f"{PATH}:5: error [front-matter.unknown-key]: unknown key 'rol' for a person\n"
            "    hint: did you mean 'role'?"
        ],
    ),
    "person with unknown country": (
        "title: x\npeople:\n  - name: A\n    country: ZZ\n",
        [
            f"{PATH}:5: error [front-matter.country]: unknown country code 'ZZ'\n"
            "    hint: use an ISO 3166-1 alpha-2 code (see generator/data/countries.yaml)"
        ],
    ),
    "source_url not http": (
        "title: x\nsource_url: javascript:alert(1)\n",
        [
            f"{PATH}:3: error [front-matter.url]: "
            "'source_url' must be an http(s) URL, got 'javascript:alert(1)'"
        ],
    ),
    "raw escaping content": (
        "title: x\nraw: ../../etc/passwd\n",
        [f"{PATH}:3: error [front-matter.raw]: 'raw' must be a path inside content/, got '../../etc/passwd'"],
    ),
    "raw absolute": (
        "title: x\nraw: /etc/passwd\n",
        [f"{PATH}:3: error [front-matter.raw]: 'raw' must be a path inside content/, got '/etc/passwd'"],
    ),
    "empty tag": (
        'title: x\ntags: [a, ""]\n',
        [f"{PATH}:3: error [front-matter.type]: 'tags' items must be non-empty text"],
    ),
    "review as text": (
        "title: x\nreview: vérifier\n",
        [f"{PATH}:3: error [front-matter.type]: 'review' must be a list, got 'vérifier'"],
    ),
    "not a mapping": (
        "- a\n- b\n",
        [f"{PATH}:2: error [front-matter.type]: front matter must be a mapping of keys to values"],
    ),
    "empty front matter": (
        "\n",
        [f"{PATH}:2: error [front-matter.type]: front matter must be a mapping of keys to values"],
    ),
}


@pytest.mark.parametrize(("yaml_text", "expected"), INVALID.values(), ids=INVALID.keys())
def test_problem_is_located_in_the_file_when_front_matter_is_invalid(
    yaml_text: str, expected: list[str]
) -> None:
    assert errors(yaml_text) == expected


def test_file_name_is_refused_when_it_is_not_a_slug() -> None:
    assert errors("title: x\n", slug="Mon Article") == [
        f"{PATH}:2: error [content.slug]: file name 'Mon Article.md' is not a valid slug\n"
        "    hint: use lower-case ASCII letters, digits and single hyphens, e.g. vietnam-bielorussie.md"
    ]


def test_every_problem_is_reported_when_one_file_has_several() -> None:
    assert [
        line.split(": error ")[0] for line in errors("titel: x\ndate: 2017-13-01\ncountries: [XX]\n")
    ] == [
        f"{PATH}:2",  # unknown key 'titel'
        f"{PATH}:2",  # so 'title' is missing
        f"{PATH}:3",
        f"{PATH}:4",
    ]

from __future__ import annotations

import csv
import dataclasses
import io
import json

import jsonschema
import pytest

from generator.config import DataConfig, SiteConfig
from generator.content.aliases import parse_people_aliases
from generator.content.model import Person
from generator.render.exports import CSV_COLUMNS, DataExport, schema_text, to_csv, to_json
from generator.site.model import build_model

from ..factories import REPO, country, make_article

CONFIG = SiteConfig(title="Archives", base_url="http://example.org/repo/")
ALIASES = parse_people_aliases("Alexander Lukashenko: [Loukachenko]\n")
ARTICLES = (
    dataclasses.replace(
        make_article(
            "accord",
            "2018-01-01",
            ("VN", "BY"),
            people=(Person("Loukachenko", "président", country("BY")), Person("Anonyme")),
        ),
        title='Accord "laitier", signé',
        summary="Ligne un\nligne deux",
        tags=("agriculture", "accord"),
        source_url="https://example.com/a",
    ),
    make_article("sommet", "2019-03", ("VN", "LA", "KH"), (("VN", "LA"), ("VN", "KH"))),
    make_article("sans-date", None, ("VN", "BY"), review=("Date absente.", "Rôle à confirmer.")),
)
MODEL = build_model(ARTICLES, 3, ALIASES)


def validator(definition: str | None = None) -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text())
    if definition:
        schema = {"$schema": schema["$schema"], "$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def test_committed_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads((REPO / "generator" / "data" / "articles.schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema_text() == (REPO / "generator" / "data" / "articles.schema.json").read_text(encoding="utf-8")


def test_record_carries_the_front_matter_when_exported() -> None:
    record = DataExport(CONFIG, MODEL).record(ARTICLES[0])
    assert record == {
        "slug": "accord",
        "url": "http://example.org/repo/articles/accord/",
        "title": 'Accord "laitier", signé',
        "date": "2018-01-01",
        "date_precision": "day",
        "dateline": None,
        "source": None,
        "source_url": "https://example.com/a",
        "countries": ["VN", "BY"],
        "pairs": [{"codes": "VN-BY", "slug": "vietnam-bielorussie", "name": "Vietnam – Biélorussie"}],
        "people": [
            {
                "name": "Alexander Lukashenko",
                "as_written": "Loukachenko",
                "role": "président",
                "country": "BY",
                "url": "http://example.org/repo/personnalites/alexander-lukashenko/",
            },
            {
                "name": "Anonyme",
                "as_written": "Anonyme",
                "role": None,
                "country": None,
                "url": "http://example.org/repo/personnalites/anonyme/",
            },
        ],
        "tags": ["agriculture", "accord"],
        "summary": "Ligne un\nligne deux",
        "review": [],
        "flagged": False,
    }


def test_articles_document_is_valid_and_newest_first_when_built() -> None:
    document = DataExport(CONFIG, MODEL).articles_document()
    validator().validate(document)
    assert document["schema"] == "http://example.org/repo/data/articles.schema.json"
    assert document["count"] == 3
    assert [record["slug"] for record in document["articles"]] == ["sommet", "accord", "sans-date"]
    undated = document["articles"][2]
    assert (undated["date"], undated["date_precision"], undated["flagged"]) == (None, "unknown", True)
    assert all("body" not in record for record in document["articles"])


def test_bodies_are_exported_only_when_the_config_asks_for_them() -> None:
    config = dataclasses.replace(CONFIG, data=DataConfig(bodies=True))
    export = DataExport(config, MODEL)
    document = export.articles_document()
    validator().validate(document)
    assert document["bodies"] is True
    assert [record["body"] for record in document["articles"]] == ["Texte.\n"] * 3
    table = export.csv_table()
    assert table["columns"][-1] == "body"
    assert {row[-1] for row in table["rows"]} == {"Texte.\n"}


def test_relation_document_is_valid_and_lists_only_its_articles() -> None:
    export = DataExport(CONFIG, MODEL)
    history = next(h for h in MODEL.pairs if h.pair.slug == "vietnam-bielorussie")
    document = export.relation_document(history)
    validator("relation").validate(document)
    assert document["schema"].endswith("/data/articles.schema.json#/$defs/relation")
    assert document["pair"]["url"] == "http://example.org/repo/relations/vietnam-bielorussie/"
    assert (document["count"], document["first"], document["latest"]) == (2, "2018-01-01", "2018-01-01")
    assert document["years"] == [{"year": 2018, "count": 1}, {"year": None, "count": 1}]
    assert [record["slug"] for record in document["articles"]] == ["accord", "sans-date"]


@pytest.mark.parametrize(
    ("broken", "definition"),
    [
        ({"date": "2018-13"}, "article"),
        ({"date": None, "date_precision": "day"}, "article"),
        ({"countries": ["vn"]}, "article"),
        ({"unknown": 1}, "article"),
    ],
)
def test_schema_rejects_a_record_when_it_breaks_the_format(broken: dict, definition: str) -> None:
    record = {**DataExport(CONFIG, MODEL).record(ARTICLES[0]), **broken}
    assert not validator(definition).is_valid(record)


def test_csv_table_joins_lists_and_keeps_the_article_order() -> None:
    table = DataExport(CONFIG, MODEL).csv_table()
    assert table["columns"] == list(CSV_COLUMNS)
    rows = {row[0]: dict(zip(table["columns"], row, strict=True)) for row in table["rows"]}
    assert list(rows) == ["sommet", "accord", "sans-date"]
    assert rows["sommet"]["pairs"] == "VN-LA | VN-KH"
    assert rows["sommet"]["countries"] == "VN | LA | KH"
    assert rows["accord"]["people"] == "Alexander Lukashenko | Anonyme"
    assert rows["sans-date"]["review"] == "Date absente. | Rôle à confirmer."
    assert (rows["sans-date"]["date"], rows["sans-date"]["flagged"]) == ("", "true")


def test_csv_is_rfc_4180_with_a_header_row_when_serialised() -> None:
    text = to_csv({"columns": ["a", "b"], "rows": [['dit "oui", puis', "Ligne un\nligne deux"], ["é", ""]]})
    assert text == 'a,b\r\n"dit ""oui"", puis","Ligne un\nligne deux"\r\né,\r\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["a", "b"],
        ['dit "oui", puis', "Ligne un\nligne deux"],
        ["é", ""],
    ]


def test_json_keeps_text_readable_but_escapes_markup_when_serialised() -> None:
    document = {"titre": "Biélorussie <b>&</b>", "n": [1]}
    text = to_json(document)
    assert text == '{\n  "titre": "Biélorussie \\u003cb\\u003e&\\u003c/b\\u003e",\n  "n": [\n    1\n  ]\n}'
    assert json.loads(text) == document

"""The data for researchers: /data/articles.json, /data/articles.csv, one JSON per relation,
and the JSON Schema they are validated against (the committed generator/data copy, which
the site also serves at /data/articles.schema.json)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import REPO_ROOT, BuiltSite

SCHEMA_FILE = REPO_ROOT / "generator" / "data" / "articles.schema.json"


def load(site: BuiltSite, relative: str) -> Any:
    return json.loads((site.directory / relative).read_text(encoding="utf-8"))


def validator(definition: str | None = None) -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    if definition:
        schema = {"$schema": schema["$schema"], "$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def csv_rows(site: BuiltSite) -> list[dict[str, str]]:
    data = (site.directory / "data" / "articles.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "UTF-8 without BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.mark.parametrize("site_fixture", ["basic_site", "basic_site_subpath", "shipped_site"])
def test_exports_are_valid_against_the_committed_schema(
    site_fixture: str, request: pytest.FixtureRequest
) -> None:
    site: BuiltSite = request.getfixturevalue(site_fixture)
    document = load(site, "data/articles.json")
    validator().validate(document)
    assert document["schema"] == f"{site.base_url}data/articles.schema.json"
    relations = sorted((site.directory / "data" / "relations").glob("*.json"))
    pages = sorted(path.name for path in (site.directory / "relations").iterdir() if path.is_dir())
    assert [path.stem for path in relations] == pages, "one JSON file per relation page"
    for path in relations:
        validator("relation").validate(json.loads(path.read_text(encoding="utf-8")))


def test_served_schema_is_the_committed_file(basic_site: BuiltSite) -> None:
    assert (basic_site.directory / "data" / "articles.schema.json").read_bytes() == SCHEMA_FILE.read_bytes()


def test_json_lists_every_article_newest_first_without_bodies(basic_site: BuiltSite) -> None:
    document = load(basic_site, "data/articles.json")
    slugs = [record["slug"] for record in document["articles"]]
    assert document["count"] == len(slugs) == basic_site.result.articles
    assert slugs[0] == "vietnam-japon-stagiaires-techniques"
    assert slugs[-1] == "vietnam-bielorussie-delegation-parlementaire"  # undated last
    assert document["bodies"] is False
    assert all("body" not in record for record in document["articles"])
    for record in document["articles"]:
        assert (basic_site.directory / "articles" / record["slug"] / "index.html").is_file()


def test_json_people_name_the_merged_person_and_link_their_page(basic_site: BuiltSite) -> None:
    records = {record["slug"]: record for record in load(basic_site, "data/articles.json")["articles"]}
    (person,) = records["vietnam-bielorussie-forum-economique"]["people"]
    assert person == {
        "name": "Alexander Lukashenko",
        "as_written": "Loukachenko",
        "role": None,
        "country": "BY",
        "url": "http://example.org/personnalites/alexander-lukashenko/",
    }
    flagged = records["vietnam-bielorussie-delegation-parlementaire"]
    assert (flagged["date"], flagged["date_precision"], flagged["flagged"]) == (None, "unknown", True)
    assert flagged["review"][1] == "Fonction de Piotr Supposé à confirmer."


def test_csv_has_a_header_and_the_rows_of_the_json(basic_site: BuiltSite) -> None:
    rows = csv_rows(basic_site)
    records = load(basic_site, "data/articles.json")["articles"]
    assert [row["slug"] for row in rows] == [record["slug"] for record in records]
    assert list(rows[0]) == [
        *("slug", "url", "title", "date", "date_precision", "dateline", "source", "source_url"),
        *("countries", "pairs", "people", "tags", "summary", "review", "flagged"),
    ]
    by_slug = {row["slug"]: row for row in rows}
    festival = by_slug["vietnam-france-festival-gastronomie"]
    assert festival["title"] == "Festival <script>alert('titre')</script> & gastronomie : Hanoï reçoit Lyon"
    sommet = by_slug["sommet-mekong-cooperation-fluviale"]
    assert sommet["pairs"] == "VN-LA | VN-KH"
    assert sommet["people"] == "Pham Van Essai | Somsak Exemplaire | Sokha Témoin"
    assert by_slug["vietnam-bielorussie-delegation-parlementaire"]["date"] == ""
    assert (basic_site.directory / "data" / "articles.csv").read_bytes().count(b"\r\n") == len(rows) + 1


def test_relation_file_holds_that_relation_only(basic_site: BuiltSite) -> None:
    document = load(basic_site, "data/relations/vietnam-bielorussie.json")
    assert document["pair"]["codes"] == "VN-BY"
    assert document["count"] == len(document["articles"]) == 5
    assert all(
        any(pair["slug"] == "vietnam-bielorussie" for pair in record["pairs"])
        for record in document["articles"]
    )
    assert document["years"][-1] == {"year": None, "count": 1}


def test_data_files_are_linked_from_the_footer_and_never_in_the_sitemap(basic_site: BuiltSite) -> None:
    home = (basic_site.directory / "index.html").read_text(encoding="utf-8")
    assert '<a href="/data/articles.json" type="application/json">JSON</a>' in home
    assert '<a href="/data/articles.csv" type="text/csv">CSV</a>' in home
    assert "/data/" not in (basic_site.directory / "sitemap.xml").read_text(encoding="utf-8")


def test_bodies_are_exported_when_site_yaml_asks_for_them(
    make_site: Callable[[dict[str, str]], Path], build_site_dir: Callable[..., BuiltSite]
) -> None:
    front = '---\ntitle: "Un, deux"\ndate: 2020-01-02\ncountries: [VN, BY]\n---\n'
    article = front + "\nCorps *Markdown*,\n\n« deux ».\n"
    root = make_site({"content/2020/un-deux.md": article})
    with (root / "site.yaml").open("a", encoding="utf-8") as config:
        config.write("data:\n  bodies: true\n")
    site = build_site_dir(root)
    document = load(site, "data/articles.json")
    validator().validate(document)
    assert document["bodies"] is True
    assert document["articles"][0]["body"] == "Corps *Markdown*,\n\n« deux ».\n"
    validator("relation").validate(load(site, "data/relations/vietnam-bielorussie.json"))
    (row,) = csv_rows(site)
    assert row["body"] == "Corps *Markdown*,\n\n« deux ».\n"
    assert row["title"] == "Un, deux"

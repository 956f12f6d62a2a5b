"""Small builders shared by the unit tests: model objects and sites on disk."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from generator.content.countries import load_countries
from generator.content.model import Article, CountryPair, PartialDate, Person, make_pair
from generator.content.schema import parse_partial_date
from generator.content.sketch import body_sketch

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
STATIC = REPO / "static"
HOME = "VN"

#: A site.yaml using the repository's templates and static files.
SITE_YAML = textwrap.dedent(
    f"""\
    title: "Archives de test"
    base_url: "http://127.0.0.1:8000/"
    home_country: {HOME}
    paths:
      templates: {json.dumps(str(TEMPLATES))}
      static: {json.dumps(str(STATIC))}
    lists:
      per_page: 20
      related: 3
    """
)


def country(code: str):
    return load_countries()[code]


def date(text: str | None) -> PartialDate:
    parsed = parse_partial_date(text)
    assert isinstance(parsed, PartialDate), parsed
    return parsed


def make_article(
    slug: str,
    when: str | None = None,
    countries: tuple[str, ...] = (),
    pairs: tuple[tuple[str, str], ...] | None = None,
    *,
    title: str | None = None,
    review: tuple[str, ...] = (),
    people: tuple[Person, ...] = (),
    body: str = "Texte.\n",
) -> Article:
    """An Article as load_content would build it; the one pair of a two-country article
    is derived, as the schema does, and so is the sketch of its body."""
    found = tuple(country(code) for code in countries)
    if pairs is None:
        pair_list: tuple[CountryPair, ...] = (make_pair(found[0], found[1], HOME),) if len(found) == 2 else ()
    else:
        pair_list = tuple(make_pair(country(a), country(b), HOME) for a, b in pairs)
    return Article(
        slug=slug,
        source_path=f"content/{(when or 'sans-date')[:4]}/{slug}.md",
        title=title or slug.replace("-", " ").capitalize(),
        date=date(when),
        dateline=None,
        source=None,
        source_url=None,
        countries=found,
        pairs=pair_list,
        people=people,
        summary=None,
        tags=(),
        review=review,
        raw=None,
        body=body,
        body_line=7,
        sketch=body_sketch(body),
    )


def article_file(title: str = "Un article", when: str | None = "2017-06-27", extra: str = "") -> str:
    """The text of a valid Markdown article file (front matter on lines 2 to 4 + extra)."""
    date_text = "null" if when is None else when
    return f'---\ntitle: "{title}"\ndate: {date_text}\ncountries: [VN, BY]\n{extra}---\n\nTexte.\n'


def write_site(root: Path, files: dict[str, str], config: str = SITE_YAML) -> Path:
    """Write site.yaml and ``files`` (paths relative to the site root) under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(config, encoding="utf-8")
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def tree(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` with its content, to compare a folder before/after."""
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }

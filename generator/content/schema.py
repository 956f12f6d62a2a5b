"""Front matter schema: a parsed YAML mapping -> Article, or located diagnostics.

Every check runs and every problem is reported; nothing is dropped silently. The documented
format is docs/content-format.md: keep the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.content.model import Article, Country, CountryPair, PartialDate, Person, make_pair
from generator.content.sketch import body_sketch
from generator.errors import Diagnostic, error
from generator.yamlsource import LocatedYaml, closest_key

KNOWN_KEYS = frozenset(
    {
        "title",
        "date",
        "dateline",
        "source",
        "source_url",
        "countries",
        "pairs",
        "people",
        "summary",
        "tags",
        "review",
        "raw",
        "provenance",
    }
)
PERSON_KEYS = frozenset({"name", "role", "country"})
#: Ingest's record of where the text came from (generator/ingest/provenance.py); not shown.
PROVENANCE_KEYS = frozenset({"fetched_at", "dropped_teasers", "also"})
SOURCE_KEYS = frozenset({"raw", "source_url", "fetched_at"})
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class FileContext:
    """What the schema needs besides the YAML: where it came from and the reference data."""

    path: str  #: site-relative path of the Markdown file.
    yaml_line: int  #: file line of the first YAML line (where file-level problems point).
    countries: dict[str, Country]
    home_code: str


class _Checker:
    """Collects diagnostics for one file (the YAML was parsed with file line numbers)."""

    def __init__(self, located: LocatedYaml, context: FileContext):
        self.located = located
        self.context = context
        self.diagnostics: list[Diagnostic] = []

    def fail(self, path: tuple[str | int, ...], code: str, message: str, hint: str | None = None) -> None:
        line = self.located.line_of(*path) or self.context.yaml_line
        self.diagnostics.append(error(self.context.path, line, code, message, hint))

    def optional_text(self, data: dict[str, Any], key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.fail((key,), "front-matter.type", f"'{key}' must be text, got {_kind(value)}")
            return None
        return value.strip() or None

    def text_list(self, data: dict[str, Any], key: str) -> tuple[str, ...]:
        value = data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.fail((key,), "front-matter.type", f"'{key}' must be a list, got {_kind(value)}")
            return ()
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail((key, index), "front-matter.type", f"'{key}' items must be non-empty text")
                continue
            items.append(item.strip())
        return tuple(items)

    def country(self, path: tuple[str | int, ...], code: Any) -> Country | None:
        if not isinstance(code, str):
            self.fail(path, "front-matter.country", f"country code must be text, got {_kind(code)}")
            return None
        found = self.context.countries.get(code.strip().upper())
        if found is None:
            self.fail(
                path, "front-matter.country", f"unknown country code '{code}'", self._country_hint(code)
            )
        return found

    def _country_hint(self, code: str) -> str:
        by_slug = {country.slug: country for country in self.context.countries.values()}
        from generator.slugs import slugify

        named = by_slug.get(slugify(code))
        if named:
            return f"use the ISO 3166-1 alpha-2 code: '{named.code}' for {named.name}"
        return "use an ISO 3166-1 alpha-2 code (see generator/data/countries.yaml)"


def build_article(
    located: LocatedYaml, context: FileContext, slug: str, body: str, body_line: int
) -> tuple[Article | None, list[Diagnostic]]:
    """Validate one file's front matter; return the Article (or None) and every problem."""
    check = _Checker(located, context)
    data = located.data
    if not isinstance(data, dict):
        check.fail((), "front-matter.type", "front matter must be a mapping of keys to values")
        return None, check.diagnostics
    for key in data:
        if key not in KNOWN_KEYS:
            suggestion = closest_key(str(key), KNOWN_KEYS)
            check.fail(
                (str(key),),
                "front-matter.unknown-key",
                f"unknown key '{key}'",
                f"did you mean '{suggestion}'?" if suggestion else "see docs/content-format.md",
            )
    if not _SLUG.match(slug):
        check.fail(
            (),
            "content.slug",
            f"file name '{slug}.md' is not a valid slug",
            "use lower-case ASCII letters, digits and single hyphens, e.g. vietnam-bielorussie.md",
        )
    title = check.optional_text(data, "title")
    if "title" not in data:
        check.fail((), "front-matter.title", "missing required key 'title'")
    elif title is None and (data["title"] is None or isinstance(data["title"], str)):
        check.fail(("title",), "front-matter.title", "'title' must not be empty")
    date = _parse_date(check, data.get("date"))
    source_url = check.optional_text(data, "source_url")
    if source_url is not None and urlsplit(source_url).scheme not in ("http", "https"):
        check.fail(
            ("source_url",), "front-matter.url", f"'source_url' must be an http(s) URL, got '{source_url}'"
        )
        source_url = None
    countries = _parse_countries(check, data.get("countries"))
    pairs = _parse_pairs(check, data, countries)
    people = _parse_people(check, data.get("people"))
    _check_provenance(check, data.get("provenance"))
    raw = check.optional_text(data, "raw")
    if raw is not None and _outside_content(raw):
        check.fail(("raw",), "front-matter.raw", f"'raw' must be a path inside content/, got '{raw}'")
        raw = None
    fields = dict(
        dateline=check.optional_text(data, "dateline"),
        source=check.optional_text(data, "source"),
        summary=check.optional_text(data, "summary"),
        tags=check.text_list(data, "tags"),
        review=check.text_list(data, "review"),
    )
    if check.diagnostics or title is None:
        return None, check.diagnostics
    article = Article(
        slug=slug,
        source_path=context.path,
        title=title,
        date=date,
        source_url=source_url,
        countries=countries,
        pairs=pairs,
        people=people,
        raw=raw,
        body=body,
        body_line=body_line,
        sketch=body_sketch(body),
        **fields,  # type: ignore[arg-type]
    )
    return article, []


def parse_partial_date(value: Any) -> PartialDate | str:
    """A PartialDate, or the reason ``value`` is not one (shared with `archive new`)."""
    if value is None:
        return PartialDate()
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str):
        return f"'date' must be YYYY-MM-DD, YYYY-MM, YYYY or null, got {_kind(value)}"
    match = _DATE.match(value.strip())
    if not match:
        return f"'{value}' is not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)"
    year, month, day = (int(part) if part else None for part in match.groups())
    import calendar

    if year is None or year < 1:
        return f"'{value}' is not a date"
    if month is not None and not 1 <= month <= 12:
        return f"'{value}' is not a date: there is no month {month}"
    if day is not None and month is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"'{value}' is not a date: {calendar.month_name[month]} {year} has {last} days"
    return PartialDate(year, month, day)


def _parse_date(check: _Checker, value: Any) -> PartialDate:
    parsed = parse_partial_date(value)
    if isinstance(parsed, str):
        check.fail(("date",), "front-matter.date", parsed)
        return PartialDate()
    return parsed


def _parse_countries(check: _Checker, value: Any) -> tuple[Country, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        check.fail(
            ("countries",), "front-matter.type", f"'countries' must be a list of codes, got {_kind(value)}"
        )
        return ()
    found: dict[str, Country] = {}
    for index, code in enumerate(value):
        country = check.country(("countries", index), code)
        if country is not None:
            found.setdefault(country.code, country)
    return tuple(found.values())


def _parse_pairs(
    check: _Checker, data: dict[str, Any], countries: tuple[Country, ...]
) -> tuple[CountryPair, ...]:
    """Explicit pairs ('VN-BY'), or the one pair of a two-country article."""
    home = check.context.home_code
    value = data.get("pairs")
    if value is None:
        if len(countries) == 2:
            return (make_pair(countries[0], countries[1], home),)
        return ()
    if not isinstance(value, list):
        check.fail(
            ("pairs",), "front-matter.type", f"'pairs' must be a list like ['VN-BY'], got {_kind(value)}"
        )
        return ()
    pairs: dict[str, CountryPair] = {}
    listed = {country.code for country in countries}
    for index, item in enumerate(value):
        codes = item.split("-") if isinstance(item, str) else None
        if not codes or len(codes) != 2 or codes[0].strip().upper() == codes[1].strip().upper():
            check.fail(
                ("pairs", index),
                "front-matter.pair",
                f"pair {item!r} must be two different codes like 'VN-BY'",
            )
            continue
        one = check.country(("pairs", index), codes[0])
        other = check.country(("pairs", index), codes[1])
        if one is None or other is None:
            continue
        for country in (one, other):
            if country.code not in listed:
                check.fail(
                    ("pairs", index),
                    "front-matter.pair",
                    f"pair '{item}' names {country.code}, which is not in 'countries'",
                    f"add {country.code} to 'countries'",
                )
        pair = make_pair(one, other, home)
        pairs.setdefault(pair.slug, pair)
    return tuple(pairs.values())


def _parse_people(check: _Checker, value: Any) -> tuple[Person, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        check.fail(("people",), "front-matter.type", f"'people' must be a list, got {_kind(value)}")
        return ()
    people = []
    for index, entry in enumerate(value):
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict):
            check.fail(("people", index), "front-matter.type", "each person must be a mapping with 'name'")
            continue
        for key in entry:
            if key not in PERSON_KEYS:
                suggestion = closest_key(str(key), PERSON_KEYS)
                check.fail(
                    ("people", index, str(key)),
                    "front-matter.unknown-key",
                    f"unknown key '{key}' for a person",
                    f"did you mean '{suggestion}'?"
                    if suggestion
                    else "a person has 'name', 'role' and 'country'",
                )
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            check.fail(("people", index), "front-matter.person", "each person needs a non-empty 'name'")
            continue
        role = entry.get("role")
        if role is not None and not isinstance(role, str):
            check.fail(("people", index, "role"), "front-matter.type", "a person's 'role' must be text")
            role = None
        country = None
        if entry.get("country") is not None:
            country = check.country(("people", index, "country"), entry["country"])
        people.append(Person(name.strip(), (role or "").strip() or None, country))
    return tuple(people)


def _check_provenance(check: _Checker, value: Any) -> None:
    """Ingest's record of the text's sources is not shown, so only its shape is checked: no
    unknown key (a typo would go unseen), `dropped_teasers` a list, `also` a list of sources
    each with a `raw` path inside content/."""
    if value is None:
        return
    if not isinstance(value, dict):
        check.fail(
            ("provenance",), "front-matter.type", f"'provenance' must be a mapping, got {_kind(value)}"
        )
        return
    _unknown_keys(check, value, PROVENANCE_KEYS, ("provenance",))
    for key in ("dropped_teasers", "also"):
        if not isinstance(value.get(key) or [], list):
            check.fail(("provenance", key), "front-matter.type", f"'provenance.{key}' must be a list")
    for index, entry in enumerate(value.get("also") if isinstance(value.get("also"), list) else []):
        path = ("provenance", "also", index)
        raw = entry.get("raw") if isinstance(entry, dict) else None
        if not isinstance(raw, str) or _outside_content(raw):
            check.fail(path, "front-matter.raw", "each source in 'also' needs a 'raw' path inside content/")
        if isinstance(entry, dict):
            _unknown_keys(check, entry, SOURCE_KEYS, path)


def _unknown_keys(
    check: _Checker, mapping: dict[Any, Any], known: frozenset[str], path: tuple[str | int, ...]
) -> None:
    for key in mapping:
        if key not in known:
            suggestion = closest_key(str(key), known)
            hint = (
                f"did you mean '{suggestion}'?" if suggestion else f"known keys: {', '.join(sorted(known))}"
            )
            check.fail(
                (*path, str(key)), "front-matter.unknown-key", f"unknown key '{key}' in 'provenance'", hint
            )


def _outside_content(raw: str) -> bool:
    """An absolute path, or one with a '..' segment."""
    return raw.startswith(("/", "\\")) or ".." in re.split(r"[\\/]", raw)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), repr(value)
    )

"""`archive new`: a correctly named article file with valid front matter to fill in."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.content.countries import load_countries
from generator.content.frontmatter import join_front_matter
from generator.content.load import find_article_files
from generator.content.schema import parse_partial_date
from generator.errors import ContentError, error
from generator.slugs import slugify

MAX_SLUG_LENGTH = 80
UNDATED_FOLDER = "sans-date"


@dataclass(frozen=True, slots=True)
class NewArticle:
    title: str
    date: str | None = None
    countries: tuple[str, ...] = ()


def article_slug(title: str) -> str:
    """Deterministic, ASCII, hyphenated, cut at a word boundary."""
    slug = slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)
    return slug or "article"


def create_article(content_dir: Path, new: NewArticle) -> Path:
    """Write content/<year>/<slug>.md and return its path; never overwrites a file."""
    problems = []
    if not new.title.strip():
        problems.append(error("archive new", None, "new.title", "the title must not be empty"))
    date = parse_partial_date(new.date)
    if isinstance(date, str):
        problems.append(error("--date", None, "new.date", date))
    known = load_countries()
    codes = [code.strip().upper() for code in new.countries if code.strip()]
    for code in codes:
        if code not in known:
            problems.append(error("--countries", None, "new.country", f"unknown country code '{code}'"))
    if problems:
        raise ContentError(problems)
    path = unique_article_path(content_dir, new.title, date.year)  # type: ignore[union-attr]
    front_matter = {
        "title": new.title.strip(),
        "date": new.date,
        "dateline": None,
        "source": None,
        "source_url": None,
        "countries": codes,
        "people": [],
        "summary": None,
        "tags": [],
        "review": [],
    }
    text = join_front_matter(
        yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False, default_flow_style=None),
        "Écrivez ici le texte de l'article, en Markdown.",
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # 'x': refuse to overwrite, even in a race
        handle.write(text)
    return path


def unique_article_path(content_dir: Path, title: str, year: int | None) -> Path:
    """content/<year or sans-date>/<slug>.md, the slug made from the title; a slug already
    used anywhere in content/ (slugs are site-wide) gets -2, -3…"""
    folder = content_dir / (f"{year:04d}" if year else UNDATED_FOLDER)
    taken = {path.stem for path in find_article_files(content_dir)}
    base = article_slug(title)
    slug, suffix = base, 2
    while slug in taken or (folder / f"{slug}.md").exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return folder / f"{slug}.md"

"""Dependency tracking: which pages an article or a template touches.

Fingerprints are compared before and after changing one input; the pages whose
fingerprint moved are the pages an incremental build renders again.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.build import CheckedSite, check_site
from generator.config import load_config
from generator.content.model import Article
from generator.render.exports import Serialised
from generator.render.fingerprint import Fingerprinter, template_digests
from generator.render.templates import make_environment
from generator.report import BufferReporter
from generator.site.news import news_articles
from tests.conftest import BASIC_SITE, REPO_ROOT

from .conftest import export_records

SLUG = "vietnam-japon-port-maritime"


@pytest.fixture(scope="module")
def checked() -> CheckedSite:
    return check_site(load_config(BASIC_SITE / "site.yaml"), BufferReporter())


def fingerprints(
    checked: CheckedSite, digests: dict[str, str], exported: dict[str, Serialised]
) -> dict[str, str | None]:
    config = load_config(BASIC_SITE / "site.yaml")
    templates = template_digests(checked.environment)
    printer = Fingerprinter(config, checked.model, checked.specs, digests, templates, exported)
    return {spec.url: printer.of(spec) for spec in checked.specs}


def touched_by_article(checked: CheckedSite, slug: str, record_changed: bool = True) -> set[str]:
    """The pages whose print moves when the article's file changes, and with it (or not:
    a body edit when bodies are not exported) its export record."""
    exported = export_records(load_config(BASIC_SITE / "site.yaml"), checked)
    before = fingerprints(checked, dict(checked.digests), exported)
    if record_changed:
        old = exported[slug]
        exported = {**exported, slug: Serialised(old.line, old.row, "modifié")}
    after = fingerprints(checked, {**checked.digests, slug: "modifié"}, exported)
    return {url for url in before if before[url] != after[url]}


def expected_pages(checked: CheckedSite, slug: str) -> set[str]:
    """Derived from the model, independently of the fingerprint code."""
    model = checked.model
    article = next(a for a in model.articles if a.slug == slug)
    pages = {f"/articles/{slug}/"}
    pages |= {f"/articles/{other}/" for other, related in model.related.items() if article in related}
    for spec in checked.specs:
        if spec.page is not None and article in spec.page.items:
            pages.add(spec.url)
    if article in model.articles[:5]:  # home_latest in the fixture's site.yaml
        pages.add("/")
    pages |= exports_listing(article)
    if article in news_articles(model.articles):
        pages.add("/sitemap-news.xml")
    entries = 10  # feeds.entries in the fixture's site.yaml
    if article in [a for a in model.articles if a.date.known][:entries]:
        pages.add("/atom.xml")
    for history in model.pairs:
        if article in [a for a in history.articles if a.date.known][:entries]:
            pages.add(f"/relations/{history.pair.slug}/atom.xml")
    return pages


def exports_listing(article: Article) -> set[str]:
    """The data exports holding the article's record: all articles, and its relations'."""
    return {"/data/articles.json", "/data/articles.csv"} | {
        f"/data/relations/{pair.slug}.json" for pair in article.pairs
    }


@pytest.mark.parametrize(
    "slug", [SLUG, "vietnam-bielorussie-forum-economique", "sommet-mekong-cooperation-fluviale"]
)
def test_article_touches_its_page_its_lists_feeds_and_related_pages(checked: CheckedSite, slug: str) -> None:
    assert touched_by_article(checked, slug) == expected_pages(checked, slug)


def test_an_edit_that_leaves_the_export_record_as_it_was_leaves_the_data_exports(
    checked: CheckedSite,
) -> None:
    article = next(a for a in checked.model.articles if a.slug == SLUG)
    touched = touched_by_article(checked, SLUG, record_changed=False)
    assert touched == expected_pages(checked, SLUG) - exports_listing(article)
    assert exports_listing(article) < expected_pages(checked, SLUG)


def test_unknown_page_kind_has_no_fingerprint(checked: CheckedSite) -> None:
    from dataclasses import replace

    config = load_config(BASIC_SITE / "site.yaml")
    printer = Fingerprinter(config, checked.model, checked.specs, checked.digests, {}, {})
    assert printer.of(replace(checked.specs[0], kind="nouvelle-famille")) is None


def copy_templates(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO_ROOT / "templates", tmp_path / "templates"))


_REFERENCE = re.compile(
    r"""(?:{%-?\s*(?:extends|include|import|from)\s+|include_cached\(\s*)["']([^"']+)["']"""
)


def users_of(folder: Path, target: str) -> set[str]:
    """Templates that reach ``target`` through extends/include/import/include_cached,
    found by a regex independent of the code under test."""
    names = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
    refs = {name: set(_REFERENCE.findall((folder / name).read_text(encoding="utf-8"))) for name in names}

    def reaches(name: str, seen: set[str]) -> bool:
        if name == target:
            return True
        seen.add(name)
        return any(reaches(other, seen) for other in refs.get(name, ()) if other not in seen)

    return {name for name in names if reaches(name, set())}


@pytest.mark.parametrize("edited", ["partials/card.html", "base.html"])
def test_template_touches_every_template_that_includes_or_extends_it(tmp_path: Path, edited: str) -> None:
    folder = copy_templates(tmp_path)
    before = template_digests(make_environment(folder))
    path = folder / edited
    path.write_text(path.read_text(encoding="utf-8") + "{# modifié #}", encoding="utf-8")
    after = template_digests(make_environment(folder))
    changed = {name for name in before if before[name] != after[name]}
    assert changed == users_of(folder, edited)
    assert edited in changed and "article.html" in changed
    assert "atom.xml" not in changed and "sitemap.xml" not in changed


def test_computed_include_makes_a_template_depend_on_every_template(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text('{% include "part_" ~ kind ~ ".html" %}', encoding="utf-8")
    (folder / "part_a.html").write_text("a", encoding="utf-8")
    (folder / "other.html").write_text("autre", encoding="utf-8")
    before = template_digests(make_environment(folder))
    (folder / "other.html").write_text("autre, modifié", encoding="utf-8")
    after = template_digests(make_environment(folder))
    assert {name for name in before if before[name] != after[name]} == {"page.html", "other.html"}

"""Patching the last model and plan (site/patch.py) gives what building them afresh gives,
and leaves no old version of an edited article anywhere in them."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import pytest

from generator.build import CheckedSite, check_site
from generator.config import load_config
from generator.content.model import Article
from generator.content.sketch import body_sketch
from generator.report import BufferReporter
from generator.site.edits import Edit
from generator.site.model import build_model, choose_related
from generator.site.patch import patched
from generator.site.plan import plan_pages
from tests.conftest import BASIC_SITE

LIMIT = 5


@pytest.fixture(scope="module")
def checked() -> CheckedSite:
    return check_site(load_config(BASIC_SITE / "site.yaml"), BufferReporter())


def rewritten(article: Article, step: int) -> Article:
    """The article with a new title, summary and body: its shape untouched."""
    body = f"{article.body}\nUn paragraphe ajouté, version {step}, sur les quais et le riz.\n"
    return dataclasses.replace(
        article, title=f"Version {step}", summary=f"Résumé {step}", body=body, sketch=body_sketch(body)
    )


def fresh(checked: CheckedSite, articles: tuple[Article, ...]):
    config = load_config(BASIC_SITE / "site.yaml")
    model = build_model(articles, config.lists.related)
    return model, plan_pages(model, config.lists.per_page, config.search.enabled, config.lists.noindex_thin)


def reachable(value: object, seen: dict[int, object]) -> None:
    """Every object reachable from ``value`` through tuples, mappings and dataclasses."""
    if id(value) in seen or isinstance(value, str | int | float | type(None)):
        return
    seen[id(value)] = value
    if isinstance(value, tuple):
        items = value
    elif isinstance(value, dict | MappingProxyType):
        items = tuple(value.values())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = tuple(getattr(value, field.name) for field in dataclasses.fields(value))
    else:
        return
    for item in items:
        reachable(item, seen)


@pytest.mark.parametrize("count", [1, 2, 4])
def test_patched_model_and_plan_equal_fresh_ones_when_edits_reshape_nothing(
    checked: CheckedSite, count: int
) -> None:
    config = load_config(BASIC_SITE / "site.yaml")
    edited = {a.slug: rewritten(a, n) for n, a in enumerate(checked.model.articles[::3][:count])}
    articles = tuple(edited.get(a.slug, a) for a in checked.model.articles)
    chosen = {slug: tuple(o.slug for o in others) for slug, others in checked.model.related.items()}
    edit = Edit(
        "derniere",
        chosen,
        {slug: old.sketch for slug, old in ((a.slug, a) for a in checked.model.articles) if slug in edited},
    )
    model, specs = patched(
        checked.model, checked.specs, edited, lambda m: choose_related(m, config.lists.related, edit)
    )
    expected_model, expected_specs = fresh(checked, articles)
    assert model == expected_model
    assert specs == expected_specs
    seen: dict[int, object] = {}
    reachable((model, specs), seen)
    stale = [
        v for v in seen.values() if isinstance(v, Article) and v.slug in edited and v is not edited[v.slug]
    ]
    assert stale == []  # every page and group holds the new article object


def test_untouched_structures_are_shared_not_copied(checked: CheckedSite) -> None:
    article = next(a for a in checked.model.articles if len(a.countries) == 2)
    new = rewritten(article, 1)
    model, specs = patched(checked.model, checked.specs, {article.slug: new}, lambda m: {})
    for history in model.pairs:
        old = next(h for h in checked.model.pairs if h.pair == history.pair)
        assert (history is old) == (history.pair not in article.pairs)
    changed = [i for i, (a, b) in enumerate(zip(specs, checked.specs, strict=True)) if a is not b]
    assert changed and len(changed) < len(specs) / 2
    assert all(
        spec.subject is new
        or (spec.page and new in spec.page.items)
        or spec.subject is not checked.specs[i].subject
        for i, spec in ((i, specs[i]) for i in changed)
    )


def test_nothing_is_rebuilt_when_nothing_was_edited(checked: CheckedSite) -> None:
    model, specs = patched(checked.model, checked.specs, {}, lambda m: checked.model.related)
    assert specs is checked.specs
    assert model.pairs is checked.model.pairs and model.people is checked.model.people

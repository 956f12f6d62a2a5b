from __future__ import annotations

import json

from generator.publish.build_report import compare
from generator.publish.workspace import Manifest
from generator.site.model import build_model
from generator.site.plan import plan_pages

from ..factories import make_article


def model_and_specs():
    articles = (
        make_article("un", "2020-01-02", ("VN", "BY")),
        make_article("deux", "2020-01-05", ("VN", "BY"), review=("date à confirmer",)),
        make_article("trois", "2021-03-01", ("VN", "JP")),
    )
    model = build_model(articles, 3)
    return model, plan_pages(model, per_page=20)


def test_pages_are_added_changed_and_removed_by_fingerprint() -> None:
    model, specs = model_and_specs()
    before = Manifest(pages={"/": "a", "/ancienne/": "b", "/articles/un/": "c", "/articles/deux/": None})
    after = Manifest(pages={"/": "a", "/articles/un/": "autre", "/articles/deux/": None, "/nouvelle/": "d"})
    report = compare(before, after, specs, model, {"load": 0.01234}, noindex_thin=False)
    assert report.compared
    assert report.added == ("/nouvelle/",)
    assert report.changed == ("/articles/un/", "/articles/deux/")  # None: rendered every time
    assert report.removed == ("/ancienne/",)
    data = json.loads(report.to_json())
    assert data["timings"] == {"load": 0.012}


def test_first_build_compares_with_nothing() -> None:
    model, specs = model_and_specs()
    report = compare(None, Manifest(pages={"/": "a"}), specs, model, {}, noindex_thin=False)
    assert not report.compared and report.added == () and report.removed == ()
    assert not any(line.startswith("Since the last build") for line in report.summary())


def test_review_and_thin_pages_are_listed() -> None:
    model, specs = model_and_specs()
    report = compare(None, Manifest(), specs, model, {}, noindex_thin=False)
    assert report.review == (
        {"path": "content/2020/deux.md", "url": "/articles/deux/", "reasons": ["date à confirmer"]},
    )
    # Vietnam – Japon and March 2021 list one article each
    assert "/relations/vietnam-japon/" in report.thin and "/chronologie/2021/03/" in report.thin
    assert "/relations/vietnam-bielorussie/" not in report.thin
    assert any("thin pages" in line for line in report.summary())

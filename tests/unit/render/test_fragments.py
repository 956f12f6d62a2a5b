from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator.errors import TemplateError
from generator.render import fragments
from generator.render.parallel import RenderJob, render_pages
from generator.render.templates import make_environment, render_page

from .test_templates import templates

LIST = '{% for card in cards %}{{ include_cached("card.html", card=card, level=level) }}{% endfor %}'
CARD = "<h{{ level }}>{{ card.title }}</h{{ level }}>"


def render(folder: Path, template: str, context: dict) -> str:
    return render_page(make_environment(folder), template, context, "/x/").decode()


def test_a_fragment_is_rendered_once_per_object_and_variables(tmp_path: Path) -> None:
    calls: list[str] = []
    environment = make_environment(
        templates(tmp_path, {"list.html": LIST, "card.html": "{{ seen(card.title) }}"})
    )
    environment.globals["seen"] = lambda title: calls.append(title) or title
    cache = fragments.install(environment)
    one, two = {"title": "Un"}, {"title": "Deux"}
    page = environment.get_template("list.html")
    assert page.render(cards=[one, two, one], level=2) == "UnDeuxUn"
    assert page.render(cards=[two, one], level=2) == "DeuxUn"
    assert calls == ["Un", "Deux"]
    page.render(cards=[one], level=3)  # another value of a variable: another fragment
    assert calls == ["Un", "Deux", "Un"] and len(cache) == 3


def test_equal_objects_are_separate_fragments_and_an_identity_is_never_reused(tmp_path: Path) -> None:
    environment = make_environment(templates(tmp_path, {"list.html": LIST, "card.html": CARD}))
    fragments.install(environment)
    page = environment.get_template("list.html")
    # Cards made and dropped one after another: CPython would hand a freed dict's
    # address to the next one, so a cache keyed by id() alone would show a stale title.
    shown = [page.render(cards=[{"title": f"Titre {n}"}], level=2) for n in range(200)]
    assert shown == [f"<h2>Titre {n}</h2>" for n in range(200)]


def test_a_fragment_is_escaped_once_and_sees_only_its_variables(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"list.html": LIST, "card.html": CARD})
    assert (
        render(folder, "list.html", {"cards": [{"title": "A & <b>"}], "level": 2})
        == "<h2>A &amp; &lt;b&gt;</h2>"
    )
    (folder / "card.html").write_text("{{ page.title }}", encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        render(folder, "list.html", {"cards": [{"title": "x"}], "level": 2, "page": {"title": "Page"}})
    (diagnostic,) = raised.value.diagnostics
    assert (diagnostic.path, diagnostic.line) == ("templates/card.html", 1)
    assert "'page' is undefined" in diagnostic.message


def test_shipped_card_list_renders_what_an_include_per_card_rendered() -> None:
    shipped = Path(__file__).resolve().parents[3] / "templates"
    environment = make_environment(shipped)
    cards = [
        {
            "title": f"Visite n° {n} & suite",
            "url": f"/articles/{n}/",
            "date": "3 mars 2021",
            "date_iso": "2021-03-03" if n % 2 else None,
            "dateline": "Hanoï" if n % 3 else None,
            "summary": "Un résumé : court." if n % 2 else None,
            "pairs": [{"name": "Vietnam – France", "url": "/relations/vietnam-france/"}],
            "flagged": n == 2,
        }
        for n in range(4)
    ]
    include_each = environment.from_string(
        '<div class="cards">\n{% for card in cards %}\n'
        '{% include "partials/card.html" %}\n{% endfor %}\n</div>\n'
    )
    for level in (None, 3):
        context = {"cards": cards} if level is None else {"cards": cards, "card_level": level}
        expected = include_each.render(**context)
        assert environment.get_template("partials/card_list.html").render(**context) == expected


def test_a_render_job_keeps_no_fragment_once_done(job: RenderJob) -> None:
    seen: list[int] = []
    environment = job.environment
    original = environment.filters["typo"]
    environment.filters["typo"] = lambda text: (
        seen.append(len(environment.globals[fragments.GLOBAL])) or original(text)
    )
    try:
        list(render_pages(job, workers=1))
    finally:
        environment.filters["typo"] = original
    assert max(seen) > 0  # cards were cached while rendering
    assert len(environment.globals[fragments.GLOBAL]) == 0


def test_an_overlay_renders_its_own_fragments_with_the_shared_cache(tmp_path: Path) -> None:
    base = make_environment(templates(tmp_path / "a", {"list.html": LIST, "card.html": "A {{ card.title }}"}))
    folder_b = templates(tmp_path / "b", {"list.html": LIST, "card.html": "B {{ card.title }}"})
    overlay = base.overlay(loader=jinja2.FileSystemLoader(folder_b))
    assert overlay.globals is base.globals  # Jinja shares them: one cache serves both
    card = {"title": "x"}
    assert base.get_template("list.html").render(cards=[card], level=2) == "A x"
    assert overlay.get_template("list.html").render(cards=[card], level=2) == "B x"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{{ include_cached("a.html", card=x) }}', {"a.html"}),
        (
            '{% extends "base.html" %}{% block b %}{{ include_cached("p/c.html") }}{% endblock %}',
            {"base.html", "p/c.html"},
        ),
        ("{{ include_cached(name, card=x) }}", {None}),
        ('{{ other("a.html") }}{% include "b.html" %}', {"b.html"}),
        ('{% set f = include_cached %}{{ f("a.html") }}', {None}),
        ('{% macro m(g) %}{{ g("a.html") }}{% endmacro %}{{ m(include_cached) }}', {None}),
    ],
)
def test_include_cached_names_are_template_references(tmp_path: Path, source: str, expected: set) -> None:
    environment = make_environment(templates(tmp_path, {"x.html": ""}))
    assert set(fragments.referenced_templates(environment.parse(source))) == expected

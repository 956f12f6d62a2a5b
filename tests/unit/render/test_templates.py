from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import TemplateError
from generator.render.templates import make_environment, render_page

from ..factories import TEMPLATES


def templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "templates"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def render_error(folder: Path, template: str, context: dict, url: str = "/articles/x/") -> list[str]:
    environment = make_environment(folder)
    with pytest.raises(TemplateError) as caught:
        render_page(environment, template, context, url)
    return [d.format() for d in caught.value.diagnostics]


def test_syntax_error_names_template_and_line_when_compiling(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"ok.html": "fine\n", "page.html": "<h1>\n{{ title }}\n{% if %}\n</h1>\n"})
    with pytest.raises(TemplateError) as caught:
        make_environment(folder)
    (diagnostic,) = caught.value.diagnostics
    assert (diagnostic.path, diagnostic.line, diagnostic.code) == ("templates/page.html", 3, "template.error")
    assert diagnostic.format().startswith("templates/page.html:3: error [template.error]: ")


def test_every_syntax_error_is_reported_when_several_templates_are_broken(tmp_path: Path) -> None:
    # including templates no page uses yet, and templates in sub-folders
    folder = templates(
        tmp_path,
        {"a.html": "{% for x in y %}\n", "partials/b.html": "x\ny\n{{ }}\n", "c.xml": "{% endblock %}\n"},
    )
    with pytest.raises(TemplateError) as caught:
        make_environment(folder)
    assert [(d.path, d.line) for d in caught.value.diagnostics] == [
        ("templates/a.html", 1),
        ("templates/c.xml", 1),
        ("templates/partials/b.html", 3),
    ]


def test_missing_variable_names_template_line_and_page_when_rendering(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"page.html": "<h1>{{ title }}</h1>\n<p>{{ missing }}</p>\n"})
    assert render_error(folder, "page.html", {"title": "x"}) == [
        "templates/page.html:2: error [template.error]: 'missing' is undefined (while rendering /articles/x/)"
    ]


def test_missing_attribute_is_an_error_when_rendering(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"page.html": "{{ page.title }}\n{{ page.subtitle }}\n"})
    (line,) = render_error(folder, "page.html", {"page": {"title": "x"}})
    assert line.startswith("templates/page.html:2: error [template.error]: ")
    assert "subtitle" in line
    assert line.endswith("(while rendering /articles/x/)")


def test_error_names_the_included_template_when_it_fails_inside_a_partial(tmp_path: Path) -> None:
    folder = templates(
        tmp_path,
        {
            "page.html": "<main>\n{% include 'partials/card.html' %}\n</main>\n",
            "partials/card.html": "<article>\n<h2>{{ card.title }}</h2>\n<p>{{ card.summary }}</p>\n",
        },
    )
    assert render_error(folder, "page.html", {"card": {"title": "t"}}, "/relations/x/") == [
        "templates/partials/card.html:3: error [template.error]: 'dict object' has no attribute 'summary' "
        "(while rendering /relations/x/)"
    ]


def test_missing_template_is_reported_when_a_page_needs_it(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"page.html": "x\n"})
    assert render_error(folder, "nowhere.html", {}, "/") == [
        "templates/nowhere.html: error [template.missing]: template not found (page /)"
    ]


@pytest.mark.parametrize(
    ("source", "context"),
    [
        ("<p>\n{{ page.title + 1 }}\n</p>\n", {"page": {"title": "x"}}),  # TypeError
        ("<p>\n{{ 1 // count }}\n</p>\n", {"count": 0}),  # ZeroDivisionError
    ],
)
def test_runtime_error_names_template_and_line_when_an_expression_fails(
    tmp_path: Path, source: str, context: dict
) -> None:
    # A template mistake is the user's to fix (exit 1, located), not a generator bug (exit 2).
    folder = templates(tmp_path, {"page.html": source})
    (line,) = render_error(folder, "page.html", context)
    assert line.startswith("templates/page.html:2: error [template.")
    assert line.endswith("(while rendering /articles/x/)")


@pytest.mark.parametrize("name", ["page.html", "feed.xml"])
def test_values_are_escaped_when_autoescape_applies(tmp_path: Path, name: str) -> None:
    folder = templates(tmp_path, {name: "<t>{{ title }}</t>"})
    data = render_page(make_environment(folder), name, {"title": "<script>alert(1)</script> & co"}, "/")
    assert data.decode("utf-8") == "<t>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</t>"


def test_safe_html_is_kept_when_marked_safe_by_the_template(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"page.html": "{{ body|safe }}"})
    data = render_page(make_environment(folder), "page.html", {"body": "<p>ok</p>"}, "/")
    assert data == b"<p>ok</p>"


def test_number_filter_formats_in_french_when_used(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"page.html": "{{ n|number }}"})
    data = render_page(make_environment(folder), "page.html", {"n": 12345}, "/")
    assert data.decode("utf-8") == "12\u202f345"


def test_repository_templates_compile_when_the_environment_is_made() -> None:
    environment = make_environment(TEMPLATES)
    assert "article.html" in environment.list_templates()


@pytest.mark.parametrize(
    ("source", "context"),
    [
        ("{{ card.title }}", {"card": {"title": "Sommet"}}),
        ("{{ card.items()|list }}", {"card": {"items": "shadowed", "title": "x"}}),  # dict's method wins
        ("{{ card.get('title') }}", {"card": {"get": 1, "title": "x"}}),
        ("{{ card.title.upper() }}", {"card": {"title": "sommet"}}),
        ("{{ card.title }}", {"card": type("Card", (), {"title": "attribute"})()}),
        ("{{ card.title }}", {"card": __import__("collections").OrderedDict(title="subclass")}),
        ("{{ card.missing is defined }}", {"card": {"title": "x"}}),
        ("{{ card.missing|default('absent') }}", {"card": {"title": "x"}}),
    ],
)
def test_dict_fields_resolve_as_jinja_resolves_them(tmp_path: Path, source: str, context: dict) -> None:
    """The item-first lookup on plain dicts (``templates.Environment``) gives what Jinja's
    own attribute-then-item order gives, with the same strict undefined."""
    import jinja2

    folder = templates(tmp_path, {"page.html": source})
    ours = render_page(make_environment(folder), "page.html", context, "/x/")
    loader = jinja2.FileSystemLoader(folder)
    reference = jinja2.Environment(loader=loader, undefined=jinja2.StrictUndefined, autoescape=True)
    assert ours.decode() == reference.get_template("page.html").render(context)


def test_a_missing_dict_field_is_still_an_error_naming_the_field(tmp_path: Path) -> None:
    folder = templates(tmp_path, {"page.html": "<p>\n{{ card.titel }}\n</p>\n"})
    (message,) = render_error(folder, "page.html", {"card": {"title": "x"}})
    assert "templates/page.html:2" in message and "titel" in message

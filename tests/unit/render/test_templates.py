from __future__ import annotations

from pathlib import Path

import markupsafe
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from generator.errors import TemplateError
from generator.render.templates import escape_output, make_environment, render_page

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


class _Html:
    """An object that renders itself as HTML (markupsafe's ``__html__`` protocol)."""

    def __html__(self) -> str:
        return "<em>own</em>"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.text().map(Markup)))
def test_output_escaping_writes_what_markupsafe_escape_writes(value: object) -> None:
    assert escape_output(value) == str(markupsafe.escape(value))


@pytest.mark.parametrize("value", [None, True, _Html(), Markup("<b>&amp;</b>"), "a & 'b' \"c\" <d>"])
def test_output_escaping_handles_objects_as_markupsafe_does(value: object) -> None:
    assert escape_output(value) == str(markupsafe.escape(value))


#: Output written straight to the page and into every kind of buffer Jinja joins and wraps
#: (set blocks, macros, call blocks, filter blocks), with values that need escaping.
BUFFERED = """{% macro item(x) %}<li>{{ x }}</li>{% endmacro -%}
{% macro wrap(v) %}[{{ caller(v) }}]{% endmacro -%}
{% set block %}<b>{{ title }}</b>{% endset -%}
{{ block }}|{{ block|length }}|{{ item(title) }}|{{ item(html) }}
{% call(x) wrap(title) %}<i>{{ x }}</i>{% endcall %}
{% filter upper %}{{ title }} {{ n }}{% endfilter %}
{% for word in words %}{{ word }}{{ loop.index }}{% endfor %}{{ html }}{{ title|e }}{{ none }}
"""


def test_pages_are_what_jinja_itself_writes_when_output_is_escaped_our_way(tmp_path: Path) -> None:
    """The code generator's ``escape_output`` gives the page Jinja's own ``escape`` gives,
    including where output is buffered and the buffer is then wrapped as Markup."""
    import jinja2

    folder = templates(tmp_path, {"page.html": BUFFERED})
    context = {
        "title": "<script>«T» & 'co'</script>",
        "html": Markup("<p>sûr</p>"),
        "n": 3,
        "words": ["a<", "b&"],
        "none": None,
    }
    loader = jinja2.FileSystemLoader(folder)
    layout = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}
    reference = jinja2.Environment(loader=loader, autoescape=True, **layout)  # as make_environment lays out
    ours = make_environment(folder)
    assert "escape_output(" in ours.compile(BUFFERED, raw=True)  # the hook is still Jinja's
    expected = reference.get_template("page.html").render(context)
    assert render_page(ours, "page.html", context, "/").decode() == expected
    assert "&lt;script&gt;" in expected and "<p>sûr</p>" in expected


def test_kept_bytecode_compiled_by_jinjas_own_generator_is_not_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bytecode kept by Jinja's generator (or an older one of ours) calls ``escape``:
    loading it would quietly skip ``escape_output`` until the template changed."""
    import jinja2

    from generator.render import templates as module

    folder = templates(tmp_path, {"page.html": "<p>{{ title }}</p>"})
    kept = tmp_path / "bytecode"
    kept.mkdir()
    jinjas = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder), bytecode_cache=jinja2.FileSystemBytecodeCache(str(kept))
    )
    jinjas.get_template("page.html")
    assert len(list(kept.iterdir())) == 1
    calls: list[object] = []
    monkeypatch.setattr(
        module.Environment, "escape_output", staticmethod(lambda v: calls.append(v) or str(v))
    )
    for title in ("x", "y"):  # compiled afresh, then loaded from our own kept bytecode
        data = render_page(make_environment(folder, bytecode_dir=kept), "page.html", {"title": title}, "/")
        assert data == f"<p>{title}</p>".encode()
    assert calls == ["x", "y"]
    assert len(list(kept.iterdir())) == 2

"""The Jinja environment and page rendering, with errors located in the template.

Autoescape is on for HTML and XML (mkdocs and Pelican leave it off; we do not), and
``StrictUndefined`` turns a missing field into an error instead of an empty string.
"""

from __future__ import annotations

import contextlib
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.compiler
import markupsafe
from markupsafe import Markup

from generator.errors import Diagnostic, TemplateError, error
from generator.inputs import generator_digest
from generator.render import exports, fragments, french, typography

AUTOESCAPED = ("html", "xml")


#: markupsafe's escaping of text, without wrapping the result in ``Markup`` (private to
#: markupsafe 3, hence the fallback through its public ``escape``).
_escape_text = getattr(markupsafe, "_escape_inner", lambda text: str(markupsafe.escape(text)))


def escape_output(value: object) -> str:
    """What autoescape writes for ``{{ value }}``: the same text as ``markupsafe.escape``.

    Jinja calls ``escape`` about eighty times a page, and most values are plain strings.
    ``escape`` wraps each result in ``Markup``, a Python-level constructor that costs
    nine tenths of the call; at an output point that wrapper is never read (the pieces
    are joined into the page, or into a buffer that is wrapped whole), so plain text is
    escaped without it."""
    kind = type(value)
    if kind is str:
        return _escape_text(value)
    if kind is Markup:  # already HTML: include_cached's fragments, |safe, |typo on Markup
        return value
    return markupsafe.escape(value)


class _CodeGenerator(jinja2.compiler.CodeGenerator):
    """Jinja's code generator, calling ``escape_output`` where autoescape is known at
    compile time (``jinja2.nativetypes`` overrides the same hook to skip escaping)."""

    def _output_child_pre(self, node, frame, finalize) -> None:  # type: ignore[no-untyped-def]
        if frame.eval_ctx.volatile or not frame.eval_ctx.autoescape:
            return super()._output_child_pre(node, frame, finalize)
        self.write("environment.escape_output(")
        if finalize.src is not None:
            self.write(finalize.src)


class Environment(jinja2.Environment):
    """Jinja's environment, with ``x.name`` on a plain dict looked up as an item first,
    and autoescaped output written by ``escape_output``.

    Page contexts are dicts, and Jinja resolves ``card.title`` by trying the attribute,
    catching the AttributeError, then the item: an exception for nearly every variable
    of a page (about a tenth of a cold build). A plain dict has no attributes but
    ``dict``'s own (no ``__dict__``, no ``__getattr__``), so for any other name the item
    is what Jinja would return: the result is the same, the exception is spared. Names
    of ``dict``'s attributes (``items``, ``get``...) still go through Jinja's order."""

    code_generator_class = _CodeGenerator
    escape_output = staticmethod(escape_output)

    def getattr(self, obj: object, attribute: str) -> object:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)


_DICT_ATTRIBUTES = frozenset(dir(dict))


@dataclass(frozen=True, slots=True)
class RenderedFile:
    url: str  #: site-relative URL of the page.
    data: bytes


def make_environment(
    templates_dir: Path, display_dir: str = "templates", bytecode_dir: Path | None = None
) -> jinja2.Environment:
    """A configured environment; every template is compiled up front so syntax errors in
    templates a build would not reach are still reported. ``display_dir`` is how
    diagnostics name the templates folder (relative to the site root). With
    ``bytecode_dir``, compiled templates are kept there (Jinja checks each one against
    its source) so a build does not recompile unchanged templates."""
    bytecode_cache = None
    if bytecode_dir is not None:
        with contextlib.suppress(OSError):
            bytecode_dir.mkdir(parents=True, exist_ok=True)
            bytecode_cache = jinja2.FileSystemBytecodeCache(str(bytecode_dir), bytecode_pattern())
    environment = Environment(
        bytecode_cache=bytecode_cache,
        auto_reload=False,  # a build never sees a template change mid-way: no stat per include
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=jinja2.select_autoescape(AUTOESCAPED, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.extend(display_dir=display_dir.rstrip("/"))
    register_filters(environment)
    fragments.install(environment)
    problems = []
    for name in environment.list_templates():
        try:
            environment.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            problems.append(
                _template_diagnostic(environment, exc.name or name, exc.lineno, exc.message or "")
            )
    if problems:
        raise TemplateError(problems)
    return environment


def bytecode_pattern() -> str:
    """How kept bytecode is named: after the generator's digest (its code, Jinja's version),
    since the compiled code calls ``escape_output``: bytecode compiled by Jinja's own
    generator, or by another version of this one, is never loaded."""
    return f"__jinja2_{generator_digest()}_%s.cache"


def register_filters(environment: jinja2.Environment) -> None:
    """The one place template filters are registered."""
    environment.filters["number"] = french.format_number
    environment.filters["typo"] = typography.typo  # French spaces and ordinals: HTML pages only
    environment.filters["json"] = exports.to_json  # data files (not for HTML: use tojson there)
    environment.filters["csv"] = exports.to_csv


def render_page(environment: jinja2.Environment, template: str, context: dict, url: str) -> bytes:
    """Render one page; a failure names the template line and the page being rendered."""
    try:
        return environment.get_template(template).render(context).encode("utf-8")
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            [
                _template_diagnostic(
                    environment, str(exc.name), None, f"template not found (page {url})", "template.missing"
                )
            ]
        ) from None
    except (jinja2.TemplateError, ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as exc:
        # Errors raised by template expressions ({{ x + 1 }} on text...) are the template's.
        name, line = _template_frame(exc, environment, template)
        raise TemplateError(
            [_template_diagnostic(environment, name, line, f"{exc} (while rendering {url})")]
        ) from exc


def _template_frame(exc: Exception, environment: jinja2.Environment, fallback: str) -> tuple[str, int | None]:
    """Jinja rewrites tracebacks so template frames carry the template file and line."""
    loader = environment.loader
    roots = [Path(p).resolve() for p in getattr(loader, "searchpath", [])]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = Path(frame.filename).resolve()
        for root in roots:
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix(), frame.lineno
    return fallback, None


def _template_diagnostic(
    environment: jinja2.Environment, name: str, line: int | None, message: str, code: str = "template.error"
) -> Diagnostic:
    return error(f"{environment.display_dir}/{name}", line, code, message)  # type: ignore[attr-defined]

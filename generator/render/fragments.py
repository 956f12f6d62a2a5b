"""``include_cached``: a template rendered once per set of variables and reused.

An article's card is shown on about eleven pages of a build (its countries, pairs, year,
month and people, and other articles' related lists) and was rendered afresh on each:
a tenth of the rendering CPU of 10,000 articles. ``{{ include_cached(name, **variables)
}}`` renders the template ``name`` with only those variables (and the environment's
globals) the first time, and returns the same markup after that, like Hugo's
``partialCached``. A fragment must therefore not depend on the page it sits in: ``page``,
loop variables and the including template's ``set``s are not visible in it.

Variables are told apart by identity, which costs a fraction of hashing a card's fields:
cards are built once per article and process (``ViewCore.card``), and an equal value that
is another object only costs a second rendering. The cache keeps every object it was keyed
by alive, so an identity is never reused for another object while its entry exists; each
build installs a fresh cache (``install``) so nothing outlives the build that rendered it.

The fingerprinter counts ``include_cached("literal name", ...)`` as a template reference
(``referenced_templates``), so editing a fragment re-renders exactly the pages using it.
"""

from __future__ import annotations

from collections.abc import Iterator

import jinja2
import jinja2.meta
from jinja2 import nodes
from markupsafe import Markup

GLOBAL = "include_cached"


class FragmentCache:
    """The callable templates see as ``include_cached``."""

    def __init__(self, environment: jinja2.Environment):
        self.environment = environment
        self._rendered: dict[tuple[object, ...], tuple[Markup, tuple[object, ...]]] = {}

    def __call__(self, name: str, **variables: object) -> Markup:
        key = (name, *variables, *map(id, variables.values()))
        entry = self._rendered.get(key)
        if entry is None:
            html = Markup(self.environment.get_template(name).render(variables))
            entry = self._rendered[key] = (html, tuple(variables.values()))  # keeps the ids taken
        return entry[0]

    def __len__(self) -> int:
        return len(self._rendered)


def install(environment: jinja2.Environment) -> FragmentCache:
    """A fresh cache as the environment's ``include_cached``: one per build and process."""
    cache = FragmentCache(environment)
    environment.globals[GLOBAL] = cache
    return cache


def referenced_templates(ast: nodes.Template) -> Iterator[str | None]:
    """What Jinja's ``find_referenced_templates`` finds (extends, include, import), plus
    the names given to ``include_cached``; None for a name computed at render time."""
    yield from jinja2.meta.find_referenced_templates(ast)
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == GLOBAL:
            first = call.args[0] if call.args else None
            yield first.value if isinstance(first, nodes.Const) and isinstance(first.value, str) else None

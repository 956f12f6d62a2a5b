"""``include_cached``: a template rendered once per set of variables and reused.

An article's card is shown on about eleven pages of a build (its countries, pairs, month
and people, the home page, and other articles' related lists) and was rendered afresh on
each: a tenth of the rendering CPU of 10,000 articles. ``{{ include_cached(name,
**variables) }}`` renders the template ``name`` with only those variables (and the
environment's globals) the first time, and returns the same markup after that, like
Hugo's ``partialCached``. A fragment must therefore not depend on the page it sits in:
``page``, loop variables and the including template's ``set``s are not visible in it.

Variables are told apart by identity, which costs a fraction of hashing a card's fields:
cards are built once per article and process (``ViewCore.card``), and an equal value that
is another object only costs a second rendering. The cache keeps every object it was keyed
by alive, so an identity is never reused for another object while its entry exists; each
render job has a fresh cache (``install``, ``scoped``) so nothing outlives the build that
rendered it.

The fingerprinter counts ``include_cached("literal name", ...)`` as a template reference
(``referenced_templates``), so editing a fragment re-renders exactly the pages using it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import jinja2
import jinja2.meta
from jinja2 import nodes
from markupsafe import Markup

GLOBAL = "include_cached"


class FragmentCache:
    """The callable templates see as ``include_cached``. The fragment is rendered by the
    environment of the template calling it: overlays share their parent's globals, and
    with them this cache, so the environment is part of the key."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[object, ...], tuple[Markup, tuple[object, ...]]] = {}

    @jinja2.pass_environment  # not pass_context: in a loop, Jinja would derive a context a call
    def __call__(self, environment: jinja2.Environment, name: str, **variables: object) -> Markup:
        key = (id(environment), name, *variables, *map(id, variables.values()))
        entry = self._rendered.get(key)
        if entry is None:
            html = Markup(environment.get_template(name).render(variables))
            # Holding what the key's ids were taken from keeps them from being reused.
            entry = self._rendered[key] = (html, (environment, *variables.values()))
        return entry[0]

    def __len__(self) -> int:
        return len(self._rendered)


def install(environment: jinja2.Environment) -> FragmentCache:
    """A fresh cache as the environment's ``include_cached`` (a forked render worker's
    for the rest of its life: one job)."""
    cache = FragmentCache()
    environment.globals[GLOBAL] = cache
    return cache


@contextmanager
def scoped(environment: jinja2.Environment) -> Iterator[FragmentCache]:
    """A fresh cache while rendering in-process, emptied after: a long-running process
    (the dev server) keeps its last build's environment, and must not keep every card of
    that build's pages with it."""
    cache = install(environment)
    try:
        yield cache
    finally:
        install(environment)


def referenced_templates(ast: nodes.Template) -> Iterator[str | None]:
    """What Jinja's ``find_referenced_templates`` finds (extends, include, import), plus
    the names given to ``include_cached``; None for a name computed at render time, or
    for ``include_cached`` used other than by calling it (``{% set f = include_cached %}``):
    what it will render cannot be known, so the template depends on every template."""
    yield from jinja2.meta.find_referenced_templates(ast)
    called = set()
    for call in ast.find_all(nodes.Call):
        if isinstance(call.node, nodes.Name) and call.node.name == GLOBAL:
            called.add(id(call.node))
            first = call.args[0] if call.args else None
            yield first.value if isinstance(first, nodes.Const) and isinstance(first.value, str) else None
    for name in ast.find_all(nodes.Name):
        if name.name == GLOBAL and name.ctx == "load" and id(name) not in called:
            yield None

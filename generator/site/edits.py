"""Edits that reshape nothing: what a build after one may take from the build before.

Every grouping, count, order and page of the site is made from each article's *shape*
(its path, date, countries, relations, people with their roles and countries, tags and
review notes), never from its title, summary or body. When the articles are the same set
and every edited one keeps its shape, the last build's model, plan, fingerprints and
export records stay true but for the edited articles themselves and for the related
choice, which reads the bodies. ``Edit`` says which articles those are; the stages that
can take a shortcut (site/related.py, site/patch.py, render/dependencies.py,
render/export_lines.py) take it from there.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from generator.content.model import Article
from generator.content.sketch import Sketch

Shape = tuple  #: an article's shape, as marshal can keep it


def shape(article: Article) -> Shape:
    """What lists, groups, counts, figures and the plan read of an article."""
    people = article.people
    return (
        article.source_path,
        article.date.iso,
        tuple([country.code for country in article.countries]),
        tuple([pair.codes for pair in article.pairs]),
        tuple([(p.name, p.role, p.country.code if p.country else None) for p in people]),
        article.tags,
        article.review,
    )


@dataclass(frozen=True, slots=True)
class Edit:
    """The articles edited since the build ``since``, none of them reshaped, with what the
    related choice needs to be made again from that build's."""

    since: str  #: the inputs key of the build the edit is relative to (``Manifest.inputs``)
    chosen: Mapping[str, tuple[str, ...]]  #: the last related choice: slug -> related slugs
    sketches: Mapping[str, Sketch]  #: edited slug -> its body sketch at the last build

    @property
    def edited(self) -> Collection[str]:
        """The slugs of the edited articles."""
        return self.sketches.keys()

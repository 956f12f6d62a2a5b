"""Model -> template context: the documented contract between the generator and templates.

Templates see plain dicts of display-ready values (French dates, final hrefs with the base
path applied), never the model itself, so a template cannot reach into internals and every
link is built in one place. One module per group of page families (``article``, ``lists``,
``services``), each a mixin of ``_<kind>`` methods over the shared pieces in ``core``.
"""

from __future__ import annotations

from generator.render.views.article import ArticleViews
from generator.render.views.core import page_window
from generator.render.views.lists import ListViews
from generator.render.views.services import ServiceViews

__all__ = ["ViewBuilder", "page_window"]


class ViewBuilder(ArticleViews, ListViews, ServiceViews):
    """Builds the context of each planned page. One instance per build;
    ``context(spec)`` is the one entry point."""

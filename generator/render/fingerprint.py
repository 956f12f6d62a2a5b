"""Page fingerprints: a hash of everything a page's bytes depend on, without rendering it.

Incremental builds render a page only when its fingerprint changed. A fingerprint covers
the build-wide inputs (generator code, library versions, site.yaml), the page's template
with everything it extends, includes or imports, and the part of the model its context
reads: its own article, the articles it lists (by content hash), and the summary figures
it shows (counts, first and latest dates). The data exports fold in their records as
written out (render/export_lines.py), which a body edit leaves as they were unless bodies
are exported. This module therefore mirrors the
``views`` package: when a context starts reading something new, its kind's inputs here must
say so. The cache tests render every page both ways after each kind of edit and check that no
page changed without its fingerprint changing. A page kind not described here gets no
fingerprint and is rendered on every build: new page families are correct before they
are fast.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from itertools import islice

import jinja2

from generator.config import SiteConfig
from generator.content.model import Article
from generator.inputs import generator_digest
from generator.render import fragments
from generator.render.exports import Serialised
from generator.render.figures import is_visit
from generator.site.model import SiteModel
from generator.site.news import news_articles
from generator.site.people import PersonEntry
from generator.site.plan import PageSpec
from generator.site.relations import CountryEntry, PairHistory
from generator.site.timeline import MonthGroup, YearGroup


def template_digests(environment: jinja2.Environment) -> dict[str, str]:
    """Each template's digest, folding in every template it references, transitively.
    A reference Jinja cannot resolve statically (a computed name) makes the template
    depend on all of them."""
    loader = environment.loader
    assert loader is not None
    names = sorted(loader.list_templates())
    sources: dict[str, str] = {}
    references: dict[str, set[str]] = {}
    for name in names:
        source = loader.get_source(environment, name)[0]
        sources[name] = source
        found = _referenced(environment, source)
        references[name] = set(names) if None in found else {str(other) for other in found}
    digests = {}
    for name in names:
        closure, pending = set(), [name]
        while pending:
            current = pending.pop()
            if current not in closure and current in sources:
                closure.add(current)
                pending.extend(references[current])
        hasher = hashlib.blake2b(digest_size=16)
        for member in sorted(closure):
            hasher.update(member.encode() + b"\0" + sources[member].encode() + b"\0")
        digests[name] = hasher.hexdigest()
    return digests


#: Read by a page that folds in every article (the data exports).
EVERY = "\x00every"


class _ShapeSummary:
    """A build-wide figure made of the articles' shapes alone (site/edits.py): computed once
    a build, then kept in the build's record, from which a build after an edit that
    reshaped nothing takes it (render/dependencies.py). A test checks that none of them
    reads an article's content."""

    def __init__(self, compute: Callable[[Fingerprinter], object]):
        self.compute = compute
        self.name = compute.__name__

    def __get__(self, printer: Fingerprinter | None, owner: type) -> object:
        if printer is None:
            return self
        known = printer._summaries
        if self.name not in known:
            known[self.name] = self.compute(printer)
        return known[self.name]


def _referenced(environment: jinja2.Environment, source: str) -> frozenset[str | None]:
    """The templates ``source`` names (None for a computed name). Parsing every template
    costs 25 ms a build; a long-running process parses each version of a template once."""
    found = _REFERENCES.get(source)
    if found is None:
        if len(_REFERENCES) > 1000:
            _REFERENCES.clear()
        found = frozenset(fragments.referenced_templates(environment.parse(source)))
        _REFERENCES[source] = found
    return found


_REFERENCES: dict[str, frozenset[str | None]] = {}


class Fingerprinter:
    """Fingerprints of one build's pages. ``of(spec)`` is None for kinds it does not know."""

    def __init__(
        self,
        config: SiteConfig,
        model: SiteModel,
        specs: tuple[PageSpec, ...],
        article_digests: Mapping[str, str],
        templates: Mapping[str, str],
        exported: Mapping[str, Serialised],
    ):
        self.config = config
        self.model = model
        self.specs = specs
        self.article_digests = article_digests
        self.templates = templates
        #: slug -> the article's export record written out (render/export_lines.py): the
        #: data exports are printed from those (empty for a site without data exports).
        self.exported = exported
        self._base = hashlib.blake2b(f"{generator_digest()}|{config!r}".encode(), digest_size=16)
        self._pair_digests: dict[str, str] = {}
        self._visit_digests: dict[str, str] = {}
        self._country_digests: dict[str, str] = {}
        self._reads: list[str] | None = None  #: slugs read by the page being printed, when recording
        self._summaries: dict[str, object] = {}  #: the shape summaries computed or adopted
        self._tokens: dict[str, str] = {}  #: slug -> the article's token, once asked for (_articles)
        self._kinds: dict[str, Callable[[PageSpec], Iterable[object]]] = {
            "home": self._home,
            "article": self._article,
            "timeline": lambda spec: (self._years, len(self.model.timeline.undated)),
            "year": lambda spec: (self._year(spec.subject),),  # type: ignore[arg-type]
            "month": self._month,
            "undated": lambda spec: (len(self.model.timeline.undated),),
            "pairs": lambda spec: (self._pair_rows,),
            "pair": lambda spec: (self._pair_row(spec.subject), self._visits(spec.subject)),  # type: ignore[arg-type]
            "pair-atom": self._pair_feed,
            "countries": lambda spec: (self._country_rows,),
            "country": self._country,
            "review": lambda spec: (self._flagged,),
            "atom": lambda spec: (self._feed(self.model.articles), self._archive_updated),
            "sitemap": lambda spec: (self._sitemap,),
            "search": lambda spec: (),
            "robots": lambda spec: (),
            "not-found": lambda spec: (),
            "people": lambda spec: (len(self.model.people.entries),),
            "person": lambda spec: (self._person_row(spec.subject), spec.subject.spellings),  # type: ignore[union-attr]
            "news-sitemap": lambda spec: (self._articles(news_articles(self.model.articles)),),
            "articles-json": lambda spec: (self._all_exported, self._people_rows),
            "articles-csv": lambda spec: (self._all_exported, self._people_rows),
            "articles-schema": lambda spec: (),
            "relation-json": lambda spec: (
                self._pair_row(spec.subject),  # type: ignore[arg-type]
                self._exported(spec.subject.articles),  # type: ignore[union-attr]
                self._people_rows,
            ),
        }

    def summaries(self) -> dict[str, object]:
        """The shape summaries computed (or adopted) so far, by name."""
        return dict(self._summaries)

    def adopt(self, summaries: Mapping[str, object]) -> None:
        """Take ``summaries`` (from a build with the same shapes) instead of computing them."""
        self._summaries.update((name, value) for name, value in summaries.items() if name in SHAPE_SUMMARIES)

    def base_hasher(self) -> hashlib._Hash:
        """A hasher fed with the build-wide part every fingerprint starts from."""
        return self._base.copy()

    def recorded(self, spec: PageSpec) -> tuple[str | None, list[str]]:
        """The page's fingerprint and the slugs of the articles it folds in (``EVERY``
        among them when it folds in the whole archive): the page must be printed again
        when one of those articles changes (render/dependencies.py)."""
        self._reads = reads = []
        try:
            return self.of(spec), reads
        finally:
            self._reads = None

    def of(self, spec: PageSpec) -> str | None:
        inputs = self._kinds.get(spec.kind)
        if inputs is None:
            return None
        page = spec.page
        listed = page and (page.number, page.total, page.count, page.first_url, self._items(page.items))
        parts = [
            spec.kind,
            spec.url,
            self.templates.get(spec.template, "?"),
            spec.in_sitemap,
            spec.noindex,
            listed,
            *inputs(spec),
        ]
        hasher = self._base.copy()
        for part in parts:  # strings as they are: repr() of long token lists costs more than hashing
            hasher.update(part.encode() if isinstance(part, str) else repr(part).encode())
            hasher.update(b"\x1f")
        return hasher.hexdigest()

    # -- what contexts read -------------------------------------------------------------

    def _token(self, article: Article) -> str:
        return self._articles((article,))

    def _items(self, items: tuple) -> str:
        """A page of a list: articles, or people on the people index."""
        if items and isinstance(items[0], PersonEntry):
            return _digest(tuple(self._person_row(entry) for entry in items))
        return self._articles(items)

    def _articles(self, articles: Iterable[Article]) -> str:
        """Each article as pages see it: its bytes, and the path they were read from. Made
        when first asked for: after an edit, a build prints a dozen pages, not 10,000."""
        listed = articles if isinstance(articles, tuple | list) else list(articles)
        slugs = self._read_slugs(listed)
        tokens = self._tokens
        try:
            return ",".join([tokens[slug] for slug in slugs])
        except KeyError:
            digests = self.article_digests
            for article in listed:
                if article.slug not in tokens:
                    tokens[article.slug] = f"{article.source_path}:{digests.get(article.slug, '?')}"
            return ",".join([tokens[slug] for slug in slugs])

    def _article(self, spec: PageSpec) -> Iterable[object]:
        article: Article = spec.subject  # type: ignore[assignment]
        with_page = self._country_codes
        people = self.model.people
        return (
            self._token(article),
            self._articles(self.model.related.get(article.slug, ())),
            tuple(p.country.code in with_page for p in article.people if p.country),
            tuple((entry.name, entry.slug) for entry in map(people.entry_of, article.people)),
        )

    def _home(self, spec: PageSpec) -> Iterable[object]:
        model = self.model
        return (
            self._articles(model.articles[: self.config.lists.home_latest]),
            self._pair_rows,
            self._years,
            len(model.timeline.undated),
            self._flagged,
            (len(model.articles), len(model.pairs), len(model.countries)),
        )

    def _country(self, spec: PageSpec) -> Iterable[object]:
        entry: CountryEntry = spec.subject  # type: ignore[assignment]
        if spec.page is None or spec.page.number == 1:
            return (self._country_row(entry),)
        return (entry.country.code, entry.country.name, entry.count, bool(entry.pairs))  # no table

    def _month(self, spec: PageSpec) -> Iterable[object]:
        month: MonthGroup = spec.subject  # type: ignore[assignment]
        return (month.year, month.month, len(month.articles))

    def _pair_feed(self, spec: PageSpec) -> Iterable[object]:
        history: PairHistory = spec.subject  # type: ignore[assignment]
        return (self._pair_row(history), self._feed(history.articles), self._archive_updated)

    def _feed(self, articles: Iterable[Article]) -> object:
        dated = (article for article in articles if article.date.known)
        return self._articles(islice(dated, self.config.feeds.entries))

    @staticmethod
    def _year(year: YearGroup) -> object:
        return (year.year, year.count, tuple((month.month, len(month.articles)) for month in year.months))

    def _pair_row(self, history: PairHistory) -> str:
        """A relation's line in tables (name, count, first and latest dates, years):
        hashed once per build, as every country page and the home page repeat it."""
        slug = history.pair.slug
        if slug not in self._pair_digests:
            years = tuple((item.year, item.count) for item in history.years)
            row = (slug, history.pair.name, history.count, history.first.iso, history.latest.iso, years)
            self._pair_digests[slug] = _digest(row)
        return self._pair_digests[slug]

    def _visits(self, history: PairHistory) -> object:
        """The relation's chart and table count visits per year (figures.py); every page
        of a long relation asks, so the answer is kept per relation."""
        slug = history.pair.slug
        if slug not in self._visit_digests:
            visits = tuple(
                (article.date.year, article.slug)
                for article in history.articles
                if any(is_visit(tag) for tag in article.tags)
            )
            self._visit_digests[slug] = _digest(visits)
        return self._visit_digests[slug]

    def _person_row(self, entry: PersonEntry) -> object:
        with_page = self._country_codes
        countries = tuple((c.code, c.code in with_page) for c in entry.countries)
        return (entry.name, entry.slug, entry.roles, countries, entry.count)

    def _country_row(self, entry: CountryEntry) -> str:
        """Every page of a country (Vietnam's has hundreds) shows the same row: hashed once."""
        code = entry.country.code
        if code not in self._country_digests:
            rows = tuple(self._pair_row(history) for history in entry.pairs)
            self._country_digests[code] = _digest((code, entry.country.name, entry.count, rows))
        return self._country_digests[code]

    # -- build-wide summaries, computed once ----------------------------------------------

    @_ShapeSummary
    def _years(self) -> object:
        return tuple(self._year(year) for year in self.model.timeline.years)

    @_ShapeSummary
    def _pair_rows(self) -> object:
        return tuple(self._pair_row(history) for history in self.model.pairs)

    @_ShapeSummary
    def _country_rows(self) -> object:
        return tuple((entry.country.code, entry.country.name, entry.count) for entry in self.model.countries)

    def _exported(self, articles: Iterable[Article]) -> str:
        """Articles as the data exports show them: their records as written out, which an
        edit to a body leaves as they were unless bodies are exported."""
        exported = self.exported
        return ",".join([exported[slug].digest for slug in self._read_slugs(articles)])

    def _read_slugs(self, articles: Iterable[Article]) -> list[str]:
        """The articles' slugs, recorded as read by the page being printed."""
        slugs = [article.slug for article in articles]
        if self._reads is not None:
            self._reads.extend(slugs)
        return slugs

    @property
    def _all_exported(self) -> str:
        if self._reads is not None:
            self._reads.append(EVERY)
        return self._every_exported

    @cached_property
    def _every_exported(self) -> str:
        reads, self._reads = self._reads, None  # recorded once, as EVERY, not slug by slug
        try:
            return _digest(self._exported(self.model.articles))
        finally:
            self._reads = reads

    @_ShapeSummary
    def _people_rows(self) -> str:
        return _digest(tuple((self._person_row(e), e.spellings) for e in self.model.people.entries))

    @_ShapeSummary
    def _flagged(self) -> int:
        return len(self.model.flagged)

    @_ShapeSummary
    def _country_codes(self) -> frozenset[str]:
        return frozenset(entry.country.code for entry in self.model.countries)

    @_ShapeSummary
    def _archive_updated(self) -> str | None:
        newest = next((article for article in self.model.articles if article.date.known), None)
        return newest.date.iso if newest else None

    @_ShapeSummary
    def _sitemap(self) -> str:
        hasher = hashlib.blake2b(digest_size=16)
        for spec in self.specs:
            if spec.in_sitemap:
                lastmod = spec.subject.date.iso if spec.kind == "article" else None  # type: ignore[union-attr]
                hasher.update(f"{spec.url}\0{lastmod}\n".encode())
        return hasher.hexdigest()


#: The names of the shape summaries, as records keep them.
SHAPE_SUMMARIES = frozenset(
    name for name, value in vars(Fingerprinter).items() if isinstance(value, _ShapeSummary)
)


def _digest(value: object) -> str:
    return hashlib.blake2b(repr(value).encode(), digest_size=16).hexdigest()

"""The dependency record (render/dependencies.py): after a body-only edit, only the pages it
can reach are printed again, and every fingerprint is what a full print gives. Expectations
come from full prints and from the fixture's front matter, never from the record."""

from __future__ import annotations

import marshal
import shutil
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

import pytest

from generator.build import CheckedSite, build_site, check_site
from generator.config import SiteConfig, load_config
from generator.content.model import Article, PartialDate, Person
from generator.content.sketch import body_sketch
from generator.publish.workspace import OutputState
from generator.render import dependencies as deps
from generator.render.fingerprint import Fingerprinter, template_digests
from generator.report import BufferReporter
from generator.site.edits import shape
from generator.site.plan import PageSpec
from tests.conftest import BASIC_SITE, REPO_ROOT

from ..factories import country, make_pair
from .conftest import export_records

SLUG = "vietnam-japon-port-maritime"  # 2022, JP-VN, Kenji Exemple (JP)
RETOLD = "vietnam-bielorussie-forum-economique"  # 2015, VN-BY
STORY = "france-allemagne-liaison-ferroviaire"  # 2021, DE-FR: no relation, person or tag with RETOLD
NEW_BODY = "Un paragraphe tout à fait nouveau, écrit pour ce test et sans rapport avec le reste.\n"
Recorded = tuple[deps.PageReads, dict[str, str | None]]  #: a full print's record, and its prints by URL
Change = Callable[[Article], Article]


def printer_of(config: SiteConfig, checked: CheckedSite, digests: dict | None = None) -> Fingerprinter:
    templates = template_digests(checked.environment)
    digests = digests or dict(checked.digests)
    return Fingerprinter(
        config, checked.model, checked.specs, digests, templates, export_records(config, checked)
    )


def every_print(printer: Fingerprinter) -> tuple[str | None, ...]:
    """Each page's fingerprint made afresh: what the record must reproduce."""
    return tuple(printer.of(spec) for spec in printer.specs)


def record_for(config: SiteConfig, checked: CheckedSite) -> Recorded:
    """The record and the prints of a build that printed every page."""
    printer = printer_of(config, checked)
    related = deps.related_slugs(checked.model.related)
    prints, readers = deps.print_pages(printer, None, None, None, related)
    articles = checked.model.articles
    base, summaries = deps.build_base(printer), printer.summaries()
    record = deps.record_of("inputs", "model", base, articles, checked.digests, related, readers, summaries)
    return record, {spec.url: print_ for spec, print_ in zip(checked.specs, prints, strict=True)}


def spy_on_prints(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs ``Fingerprinter.recorded`` is asked for from now on."""
    urls: list[str] = []
    original = Fingerprinter.recorded

    def recorded(self: Fingerprinter, spec: PageSpec) -> tuple[str | None, list[str]]:
        urls.append(spec.url)
        return original(self, spec)

    monkeypatch.setattr(Fingerprinter, "recorded", recorded)
    return urls


@pytest.fixture(scope="module")
def config() -> SiteConfig:
    return load_config(BASIC_SITE / "site.yaml")


@pytest.fixture(scope="module")
def checked(config: SiteConfig) -> CheckedSite:
    return check_site(config, BufferReporter())


@pytest.fixture(scope="module")
def recorded_build(config: SiteConfig, checked: CheckedSite) -> Recorded:
    return record_for(config, checked)  # not for print_pages with it: that adds to its readers


def article_of(checked: CheckedSite, slug: str = SLUG) -> Article:
    return next(article for article in checked.model.articles if article.slug == slug)


def rewritten(article: Article) -> Article:
    return replace(article, body=NEW_BODY, sketch=body_sketch(NEW_BODY))


def edited(checked: CheckedSite, change: Change, slugs: set[str]) -> tuple[tuple, dict[str, str]]:
    """The articles and digests after ``change`` to the files of ``slugs``."""
    articles = tuple(change(a) if a.slug in slugs else a for a in checked.model.articles)
    return articles, {slug: "modifié" if slug in slugs else d for slug, d in checked.digests.items()}


# -- shape and edit_since ---------------------------------------------------------------------


def _person(article: Article, **changes: object) -> tuple[Person, ...]:
    return (replace(article.people[0], **changes), *article.people[1:])


SHAPE_CHANGES = {
    "date": lambda a: replace(a, date=PartialDate(2001, 1, 1)),
    "countries": lambda a: replace(a, countries=(*a.countries, country("FR"))),
    "pairs": lambda a: replace(a, pairs=(make_pair(country("VN"), country("FR"), "VN"),)),
    "person-name": lambda a: replace(a, people=_person(a, name="Hiroshi Autre")),
    "person-role": lambda a: replace(a, people=_person(a, role="ministre")),
    "person-country": lambda a: replace(a, people=_person(a, country=country("VN"))),
    "tags": lambda a: replace(a, tags=(*a.tags, "énergie")),
    "review": lambda a: replace(a, review=("Date à vérifier.",)),
    "source-path": lambda a: replace(a, source_path=f"content/ailleurs/{a.slug}.md"),
}
TEXT_CHANGES = {
    "title": lambda a: replace(a, title="Un autre titre"),
    "summary": lambda a: replace(a, summary="Un autre résumé."),
    "body": rewritten,
    "dateline": lambda a: replace(a, dateline="Tokyo"),
    "source": lambda a: replace(a, source="Une autre agence"),
    "source-url": lambda a: replace(a, source_url="https://example.org/depeche"),
}


@pytest.mark.parametrize("change", SHAPE_CHANGES.values(), ids=SHAPE_CHANGES.keys())
def test_shape_changes_and_edit_since_is_none_when_what_lists_read_changes(
    checked: CheckedSite, recorded_build: Recorded, change: Change
) -> None:
    article = article_of(checked)
    assert change(article) != article and shape(change(article)) != shape(article)
    assert recorded_build[0].edit_since(*edited(checked, change, {SLUG})) is None


@pytest.mark.parametrize("change", TEXT_CHANGES.values(), ids=TEXT_CHANGES.keys())
def test_shape_is_kept_and_edit_since_gives_the_old_sketch_when_only_the_text_changes(
    checked: CheckedSite, recorded_build: Recorded, change: Change
) -> None:
    article = article_of(checked)
    assert change(article) != article and shape(change(article)) == shape(article)
    edit = recorded_build[0].edit_since(*edited(checked, change, {SLUG}))
    assert edit is not None and dict(edit.sketches) == {SLUG: article.sketch}


def test_edit_since_gives_the_old_sketches_when_only_bodies_changed(
    checked: CheckedSite, recorded_build: Recorded
) -> None:
    edit = recorded_build[0].edit_since(*edited(checked, rewritten, {SLUG, RETOLD}))
    assert edit is not None
    old = {slug: article_of(checked, slug).sketch for slug in (SLUG, RETOLD)}
    assert dict(edit.sketches) == old
    assert body_sketch(NEW_BODY) not in edit.sketches.values()
    assert dict(edit.chosen) == deps.related_slugs(checked.model.related)
    assert edit.since == recorded_build[0].inputs


def test_edit_since_is_empty_when_nothing_changed(checked: CheckedSite, recorded_build: Recorded) -> None:
    edit = recorded_build[0].edit_since(checked.model.articles, dict(checked.digests))
    assert edit is not None and dict(edit.sketches) == {}


SET_CHANGES = {  # (articles, digests) -> (articles, digests) after the change
    "added": lambda a, d: ((*a, replace(a[0], slug="nouveau")), {**d, "nouveau": "x"}),
    "removed": lambda a, d: (a[1:], {s: v for s, v in d.items() if s != a[0].slug}),
    "renamed": lambda a, d: (  # as many articles, not the same ones
        (replace(a[0], slug="nouveau"), *a[1:]),
        {("nouveau" if s == a[0].slug else s): v for s, v in d.items()},
    ),
    "moved": lambda a, d: ((SHAPE_CHANGES["source-path"](a[0]), *a[1:]), d),  # same bytes
}


@pytest.mark.parametrize(
    "change",
    [pytest.param(f, id=k) for k, f in SET_CHANGES.items()],
)
def test_edit_since_is_none_when_articles_are_added_removed_or_moved(
    checked: CheckedSite, recorded_build: Recorded, change: Callable
) -> None:
    """The module's docstring: any other change (an article added, removed, moved or
    reshaped ...) prints every page."""
    assert recorded_build[0].edit_since(*change(checked.model.articles, dict(checked.digests))) is None


# -- print_pages and applicable ---------------------------------------------------------------


def test_print_pages_prints_again_exactly_the_readers_when_a_body_changed(
    config: SiteConfig, checked: CheckedSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    record, last_pages = record_for(config, checked)
    digests = {**checked.digests, SLUG: "modifié"}
    edit = record.edit_since(checked.model.articles, digests)
    expected = every_print(printer_of(config, checked, digests))
    printer = printer_of(config, checked, digests)
    assert deps.applicable(record, printer, last_pages, edit) is record
    urls = spy_on_prints(monkeypatch)
    prints, _ = deps.print_pages(printer, record, last_pages, edit, deps.related_slugs(checked.model.related))
    assert prints == expected
    moved = {
        url for url, old, new in zip(last_pages, last_pages.values(), expected, strict=True) if old != new
    }
    assert f"/articles/{SLUG}/" in moved
    # A page's print folds in the token of every article it reads; the data exports fold in
    # the export records, which the body is no part of: printed again, and unchanged.
    exports = {"/data/articles.json", "/data/articles.csv", "/data/relations/vietnam-japon.json"}
    assert set(urls) - moved == exports and moved <= set(urls)
    assert "/pays/france/" not in urls and "/relations/vietnam-bielorussie/" not in urls


def test_print_pages_prints_an_article_again_when_its_related_articles_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RETOLD retells STORY's body: STORY's page, which never read RETOLD, now lists it."""
    site = copy_site(tmp_path)
    config = load_config(site / "site.yaml")
    record, last_pages = record_for(config, check_site(config, BufferReporter()))
    story = (site / "content/2021" / f"{STORY}.md").read_text(encoding="utf-8")
    retold = site / "content/2015" / f"{RETOLD}.md"
    text = retold.read_text(encoding="utf-8")
    retold.write_text(text[: text.index("\n---\n") + 5] + story.split("\n---\n", 1)[1], encoding="utf-8")
    after = check_site(config, BufferReporter(), last=record)
    assert after.edit is not None and set(after.edit.sketches) == {RETOLD}
    related = deps.related_slugs(after.model.related)
    assert related == deps.related_slugs(check_site(config, BufferReporter()).model.related)
    assert RETOLD in related[STORY] and RETOLD not in record.related[STORY]
    index = list(last_pages).index(f"/articles/{STORY}/")
    assert index not in record.readers_of(RETOLD)
    urls = spy_on_prints(monkeypatch)
    prints, _ = deps.print_pages(printer_of(config, after), record, last_pages, after.edit, related)
    assert prints == every_print(printer_of(config, after))
    assert f"/articles/{STORY}/" in urls
    assert index in record.readers_of(RETOLD)  # it reads RETOLD now: its next edit must reach it


@pytest.mark.parametrize("change", ["template", "config", "drop", "rename", "reorder", "no-edit", None])
def test_applicable_is_none_when_the_base_or_the_plan_changed_or_when_there_is_no_edit(
    config: SiteConfig, checked: CheckedSite, recorded_build: Recorded, change: str | None
) -> None:
    record, last_pages = recorded_build
    edit = None if change == "no-edit" else record.edit_since(checked.model.articles, dict(checked.digests))
    templates = template_digests(checked.environment)
    if change == "template":
        templates["partials/card.html"] = "modifié"
    changed = replace(config, title="Autre titre") if change == "config" else config
    exported = export_records(changed, checked)
    printer = Fingerprinter(changed, checked.model, checked.specs, dict(checked.digests), templates, exported)
    urls = list(last_pages)
    if change == "drop":
        urls.pop()
    elif change == "rename":
        urls[3] = "/ailleurs/"
    elif change == "reorder":
        urls[3], urls[4] = urls[4], urls[3]
    pages = dict(zip(urls, last_pages.values(), strict=False))
    assert deps.applicable(record, printer, pages, edit) is (record if change is None else None)


# -- save_record and load_record --------------------------------------------------------------


CASES = ["same", "inputs", "model", "no-inputs", "no-path", "missing", "truncated", "garbage", "old"]


@pytest.mark.parametrize("case", CASES)
def test_load_record_is_what_was_saved_unless_another_build_or_a_damaged_or_older_file(
    recorded_build: Recorded, tmp_path: Path, case: str
) -> None:
    path = deps.record_path(tmp_path / "outputs" / "abc.marshal")
    assert path.parent == tmp_path / "outputs" and path.name != "abc.marshal"  # beside the manifests
    path.parent.mkdir()
    deps.save_record(path, recorded_build[0])
    data = path.read_bytes()
    version, fields = marshal.loads(data)
    damaged = {
        "truncated": data[: len(data) // 2],
        "garbage": b"\x00\xffpas du marshal",
        "old": marshal.dumps((version - 1, fields)),
    }
    if case in damaged:
        path.write_bytes(damaged[case])
    elif case == "missing":
        path.unlink()
    inputs = {"inputs": "autre", "no-inputs": None}.get(case, "inputs")
    model = "autre" if case == "model" else "model"
    loaded = deps.load_record(None if case == "no-path" else path, inputs, model)
    assert loaded == (recorded_build[0] if case == "same" else None)


# -- builds -----------------------------------------------------------------------------------


def copy_site(tmp_path: Path) -> Path:
    """The basic site's content in tmp_path, with the repository's templates and static files."""
    root = tmp_path / "site"
    shutil.copytree(BASIC_SITE / "content", root / "content")
    text = (BASIC_SITE / "site.yaml").read_text(encoding="utf-8")
    text = text.replace("../../../templates", (REPO_ROOT / "templates").as_posix())
    text = text.replace("../../../static", (REPO_ROOT / "static").as_posix())
    (root / "site.yaml").write_text(text + "search:\n  enabled: false\n", encoding="utf-8")
    return root


def edit_file(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def assert_printed_as_a_full_build(config: SiteConfig) -> None:
    """The published manifest holds the prints a full print of the same inputs gives."""
    manifest = OutputState(config.cache_dir, config.output_dir).manifest_of(config.output_dir)
    assert manifest is not None
    assert tuple(manifest.pages.values()) == every_print(
        printer_of(config, check_site(config, BufferReporter()))
    )


def test_build_prints_only_the_pages_reached_when_bodies_are_edited_one_after_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_site(tmp_path)
    config = load_config(site / "site.yaml")
    build_site(config, BufferReporter(), workers=1)
    state = OutputState(config.cache_dir, config.output_dir)
    assert state.path is not None and deps.record_path(state.path).is_file()
    urls = spy_on_prints(monkeypatch)
    for slug, year in [(SLUG, "2022"), (RETOLD, "2015"), (SLUG, "2022")]:  # each on the last one's record
        urls.clear()
        edit_file(site / "content" / year / f"{slug}.md", "\n\n", "\n\nUn paragraphe ajouté.\n\n")
        result = build_site(config, BufferReporter(), workers=1)
        assert f"/articles/{slug}/" in urls and len(urls) < result.pages / 3
        assert_printed_as_a_full_build(config)


def _move(site: Path) -> None:
    (site / "content/ailleurs").mkdir()
    (site / "content/2022" / f"{SLUG}.md").rename(site / "content/ailleurs" / f"{SLUG}.md")


def _tag(site: Path) -> None:
    edit_file(site / "content/2022" / f"{SLUG}.md", "tags: [", "tags: [énergie, ")


@pytest.mark.parametrize("change", [_tag, _move], ids=["tags", "moved"])
def test_build_prints_every_page_when_an_edit_changes_a_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Callable[[Path], None]
) -> None:
    site = copy_site(tmp_path)
    config = load_config(site / "site.yaml")
    build_site(config, BufferReporter(), workers=1)
    urls = spy_on_prints(monkeypatch)
    change(site)
    result = build_site(config, BufferReporter(), workers=1)
    assert_printed_as_a_full_build(config)
    assert len(urls) == result.pages


def test_summaries_taken_from_the_last_build_read_no_article(
    config: SiteConfig, checked: CheckedSite
) -> None:
    """A summary adopted from the record must be made of shapes alone: one that read an
    article's content would keep its old value after that article's edit."""
    from generator.render.fingerprint import SHAPE_SUMMARIES

    printer = printer_of(config, checked)
    for name in SHAPE_SUMMARIES:
        printer._reads = reads = []
        getattr(printer, name)
        assert reads == [], name
    assert set(printer.summaries()) == set(SHAPE_SUMMARIES)


def test_a_loaded_record_changed_in_place_leaves_the_next_load_as_saved(
    recorded_build: Recorded, tmp_path: Path
) -> None:
    """The record is kept in memory (generator/filememo.py) for the next build of a
    long-running process; the build that loads it updates its own copy."""
    path = tmp_path / "abc.reads.marshal"
    deps.save_record(path, recorded_build[0])
    saved = marshal.loads(path.read_bytes())
    first = deps.load_record(path, "inputs", "model")
    assert first is not None
    slug = next(iter(first.tokens))
    first.add_readers(99999, [slug])
    first.update("suivante", [], {}, {"x": ("y",)}, {})
    first.tokens[slug] = "changé"
    again = deps.load_record(path, "inputs", "model")
    assert again is not None and again is not first and again == recorded_build[0]
    assert tuple(getattr(again, field.name) for field in fields(again)) == saved[1]

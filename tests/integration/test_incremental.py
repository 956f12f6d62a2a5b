"""The build cache is correct: an incremental build is byte-identical to a clean one, and
it rewrites only what an edit affects.

Each test works on a private copy of the basic site (content, templates and static files),
builds it, changes one kind of input, builds again incrementally and compares the result
with a clean build (``incremental=False``, its own cache) of the same inputs. Search is
off here except where the index itself is under test (Pagefind's output is not
deterministic, so trees are compared without it).
"""

from __future__ import annotations

import gc
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from generator import build
from generator.build import BuildResult, build_site
from generator.config import SiteConfig, load_config
from generator.content.cache import ContentCache
from generator.content.countries import load_countries
from generator.content.load import find_article_files
from generator.errors import GeneratorError
from generator.inputs import content_key
from generator.publish import workspace
from generator.report import BufferReporter
from tests.conftest import BASIC_SITE, REPO_ROOT
from tests.tools.treediff import diff_trees

from ..unit.factories import tree

ARTICLE = "content/2022/vietnam-japon-port-maritime.md"
ARTICLE_URL = "/articles/vietnam-japon-port-maritime/"


class Site:
    """A writable copy of the basic site with its own templates and static folder."""

    def __init__(self, root: Path, search: bool = False, keep: bool = False, new_process: bool = False):
        self.root = root
        self.keep = keep  #: build as the dev server does: the last checked site kept in memory
        self.new_process = new_process  #: build as `archive build` does: nothing kept but files
        self.kept = None
        shutil.copytree(BASIC_SITE / "content", root / "content")
        shutil.copytree(REPO_ROOT / "templates", root / "templates")
        shutil.copytree(REPO_ROOT / "static", root / "static")
        config = (BASIC_SITE / "site.yaml").read_text(encoding="utf-8")
        config = config.replace("../../../templates", "templates").replace("../../../static", "static")
        if not search:
            config += "search:\n  enabled: false\n"
        (root / "site.yaml").write_text(config, encoding="utf-8")

    @property
    def config(self) -> SiteConfig:
        return load_config(self.root / "site.yaml")

    def build(self) -> BuildResult | None:
        if self.new_process:
            command = [sys.executable, "-m", "generator", "build", "--quiet", "--jobs", "1"]
            subprocess.run(command, cwd=self.root, check=True, timeout=120)
            return None
        result = build_site(self.config, BufferReporter(), workers=1, kept=self.kept)
        if self.keep:
            self.kept = result.site or self.kept
        return result

    def clean_build(self, output: Path) -> Path:
        """The same inputs built from nothing: no cache, no previous site."""
        config = self.config
        config = replace(config, paths=replace(config.paths, cache=str(output.parent / "cache")))
        build_site(config, BufferReporter(), output_dir=output, workers=1, incremental=False)
        return output

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.root / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    @property
    def output(self) -> Path:
        return self.root / "build"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    built = Site(tmp_path / "site")
    built.build()
    return built


def assert_same_as_clean_build(site: Site, tmp_path: Path, name: str = "clean") -> None:
    clean = site.clean_build(tmp_path / name / "build")
    changes = diff_trees(clean, site.output, "clean build", "incremental build")
    assert not changes, changes.report("clean build", "incremental build")


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """Pages whose bytes differ (the build report is rewritten by every build)."""
    paths = before.keys() | after.keys()
    return {path for path in paths if before.get(path) != after.get(path) and path != "_report.json"}


def url_of(path: str) -> str:
    return "/" + path.removesuffix("index.html")


def test_nothing_is_done_when_nothing_changed(site: Site) -> None:
    before = tree(site.output)  # the report included: a build that does nothing writes nothing
    result = site.build()
    assert result.up_to_date
    assert result.rendered == 0
    assert tree(site.output) == before


def test_warnings_are_reported_again_when_nothing_changed(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    site.edit(ARTICLE, "---\n", "---\nraw: sources/manquant.txt\n")
    first = site.build()
    again = site.build()
    assert again.up_to_date
    assert [d.code for d in again.warnings] == [d.code for d in first.warnings] == ["content.raw-missing"]


def test_article_edit_rewrites_only_the_pages_that_show_it(site: Site, tmp_path: Path) -> None:
    before = tree(site.output)
    site.edit(ARTICLE, 'title: "', 'title: "Nouveau titre : ')
    result = site.build()
    after = tree(site.output)
    changed = changed_files(before, after)
    # every page whose bytes changed was rendered; nothing was rendered by accident
    assert {url_of(path) for path in changed} <= set(result.changed)
    assert ARTICLE_URL in result.changed
    assert "articles/vietnam-japon-port-maritime/index.html" in changed
    unrelated = "/articles/vietnam-bielorussie-forum-economique/"  # 2015, another relation
    assert unrelated not in result.changed
    assert set(result.changed) >= EXPORTS  # the title is in every data export listing the article
    assert result.rendered < result.pages / 2
    assert_same_as_clean_build(site, tmp_path)


#: The data exports holding the edited article's record.
EXPORTS = {"/data/articles.json", "/data/articles.csv", "/data/relations/vietnam-japon.json"}


def test_body_edit_rewrites_the_article_and_the_lists_that_show_it(site: Site, tmp_path: Path) -> None:
    site.edit(ARTICLE, "\n\n", "\n\nUn paragraphe ajouté au début du texte.\n\n")
    result = site.build()
    assert ARTICLE_URL in result.changed
    assert "/articles/vietnam-bielorussie-forum-economique/" not in result.changed
    assert not EXPORTS & set(result.changed)  # bodies are not exported: no record changed
    assert_same_as_clean_build(site, tmp_path)


def test_body_edit_rewrites_the_data_exports_when_bodies_are_exported(tmp_path: Path) -> None:
    site = Site(tmp_path / "site")
    with (site.root / "site.yaml").open("a", encoding="utf-8") as config:
        config.write("data:\n  bodies: true\n")
    site.build()
    site.edit(ARTICLE, "\n\n", "\n\nUn paragraphe ajouté au début du texte.\n\n")
    result = site.build()
    assert set(result.changed) >= EXPORTS
    assert "Un paragraphe ajouté" in (site.output / "data/articles.json").read_text(encoding="utf-8")
    assert_same_as_clean_build(site, tmp_path)


def test_body_retelling_another_story_rewrites_that_storys_page(site: Site, tmp_path: Path) -> None:
    """The text of a body is a related-articles signal: the other story's page now lists it."""
    story = (site.root / "content/2021/france-allemagne-liaison-ferroviaire.md").read_text(encoding="utf-8")
    retelling = site.root / "content/2015/vietnam-bielorussie-forum-economique.md"
    text = retelling.read_text(encoding="utf-8")
    retelling.write_text(text[: text.index("\n---\n") + 5] + story.split("\n---\n", 1)[1], encoding="utf-8")
    page = site.output / "articles/france-allemagne-liaison-ferroviaire/index.html"
    assert "/articles/vietnam-bielorussie-forum-economique/" not in page.read_text(encoding="utf-8")
    result = site.build()
    assert "/articles/france-allemagne-liaison-ferroviaire/" in result.changed
    assert "/articles/vietnam-bielorussie-forum-economique/" in page.read_text(encoding="utf-8")
    assert_same_as_clean_build(site, tmp_path)


def test_new_article_appears_everywhere_it_belongs(site: Site, tmp_path: Path) -> None:
    text = (site.root / ARTICLE).read_text(encoding="utf-8")
    text = re.sub(r'title: "[^"]*"', 'title: "Un second port pour le Japon"', text)
    (site.root / "content/2022/vietnam-japon-second-port.md").write_text(text, encoding="utf-8")
    result = site.build()
    assert "/articles/vietnam-japon-second-port/" in result.changed
    assert (site.output / "articles/vietnam-japon-second-port/index.html").is_file()
    assert_same_as_clean_build(site, tmp_path)


def test_deleted_article_leaves_no_page_behind(site: Site, tmp_path: Path) -> None:
    (site.root / ARTICLE).unlink()
    result = site.build()
    assert result.removed >= 1
    assert not (site.output / "articles/vietnam-japon-port-maritime").exists()
    assert_same_as_clean_build(site, tmp_path)


def test_moved_article_is_rebuilt_with_its_new_source_path(site: Site, tmp_path: Path) -> None:
    (site.root / "content/ailleurs").mkdir()
    (site.root / ARTICLE).rename(site.root / "content/ailleurs/vietnam-japon-port-maritime.md")
    site.build()
    assert_same_as_clean_build(site, tmp_path)


def test_article_template_edit_rewrites_article_pages_only(site: Site, tmp_path: Path) -> None:
    site.edit("templates/article.html", "</article>", "</article><!-- modèle modifié -->")
    result = site.build()
    kinds = {"article" if url.startswith("/articles/") else "other" for url in result.changed}
    assert kinds == {"article"}
    assert len(result.changed) == result.articles
    assert_same_as_clean_build(site, tmp_path)


def test_after_a_template_edit_the_next_edit_links_pages_instead_of_rendering_them(
    site: Site, tmp_path: Path
) -> None:
    """The previous copy the next build writes into lacks every page the template edit
    rewrote; it takes them from the published site instead of rendering them again."""
    site.edit("templates/article.html", "</article>", "</article><!-- modèle modifié -->")
    site.build()
    site.edit(ARTICLE, 'title: "', 'title: "Nouveau titre : ')
    result = site.build()
    assert ARTICLE_URL in result.changed
    assert "/articles/vietnam-bielorussie-forum-economique/" not in result.changed
    rendered_articles = [url for url in result.changed if url.startswith("/articles/")]
    assert result.rendered == len(result.changed)
    assert len(rendered_articles) < result.articles  # not every page the template edit rewrote
    unrelated = site.output / "articles/vietnam-bielorussie-forum-economique/index.html"
    assert "modèle modifié" in unrelated.read_text(encoding="utf-8")
    assert_same_as_clean_build(site, tmp_path)


def test_base_template_edit_rewrites_every_html_page(site: Site, tmp_path: Path) -> None:
    site.edit("templates/base.html", "</body>", "<!-- pied modifié --></body>")
    result = site.build()
    html = {url for url in result.changed if not url.endswith((".xml", ".txt"))}
    assert "/" in html and ARTICLE_URL in html and "/relations/" in html
    assert "/atom.xml" not in result.changed  # the feed does not extend base.html
    assert_same_as_clean_build(site, tmp_path)


def test_static_file_edit_is_copied_without_rendering_pages(site: Site, tmp_path: Path) -> None:
    (site.root / "static/style.css").write_text("body { color: black; }\n", encoding="utf-8")
    (site.root / "static/extra.txt").write_text("nouveau fichier\n", encoding="utf-8")
    result = site.build()
    assert result.rendered == 0
    assert (site.output / "static/style.css").read_text(encoding="utf-8") == "body { color: black; }\n"
    assert (site.output / "static/extra.txt").is_file()
    assert_same_as_clean_build(site, tmp_path)
    (site.root / "static/extra.txt").unlink()
    site.build()
    assert not (site.output / "static/extra.txt").exists()
    assert_same_as_clean_build(site, tmp_path, "clean-after-removal")


def test_config_change_rewrites_every_page(site: Site, tmp_path: Path) -> None:
    site.edit("site.yaml", 'title: "', 'title: "Nouveau nom : ')
    result = site.build()
    assert result.rendered == result.pages
    assert_same_as_clean_build(site, tmp_path)


def test_home_country_change_reorders_every_pair_in_pages_and_data(site: Site, tmp_path: Path) -> None:
    """The home country comes first in each pair's name, slug and codes: parsed articles
    and export records made under the old one must not be reused."""
    site.edit("site.yaml", "home_country: VN", "home_country: BY")
    site.build()
    assert "BY-VN" in (site.output / "data/articles.csv").read_text(encoding="utf-8")
    assert_same_as_clean_build(site, tmp_path)


def test_no_cache_build_repairs_a_damaged_output(site: Site) -> None:
    """--no-cache trusts no previous output: not even a page whose fingerprint matches."""
    page = site.output / "articles/vietnam-japon-port-maritime/index.html"
    intact = page.read_bytes()
    page.unlink()
    page.write_bytes(b"CORRUPTED")
    result = build_site(site.config, BufferReporter(), workers=1, incremental=False)
    assert result.rendered == result.pages
    assert page.read_bytes() == intact


def test_generator_change_rewrites_every_page(site: Site, tmp_path: Path, monkeypatch) -> None:
    import generator.inputs
    import generator.render.fingerprint

    monkeypatch.setattr(generator.render.fingerprint, "generator_digest", lambda: "une autre version")
    monkeypatch.setattr(generator.inputs, "generator_digest", lambda: "une autre version")
    result = site.build()
    assert result.rendered == result.pages


def test_previous_site_is_rebuilt_from_scratch_when_its_manifest_is_lost(site: Site, tmp_path: Path) -> None:
    site.edit(ARTICLE, 'title: "', 'title: "Un : ')
    site.build()  # now build/ and .build.previous both exist, both with manifests
    shutil.rmtree(site.root / ".cache/build/outputs")
    site.edit(ARTICLE, 'title: "Un : ', 'title: "Deux : ')
    result = site.build()
    assert result.rendered == result.pages
    assert_same_as_clean_build(site, tmp_path)


@pytest.fixture
def linked_by_a_child(monkeypatch: pytest.MonkeyPatch) -> list:
    """Every site counts as big enough for its copy to be linked by a child process, and
    linking in-process is refused; the copies started are listed."""
    started = []

    def spy(state, incremental):
        linking = workspace.start_linking(state, incremental)
        if linking is not None:
            started.append(linking)
        return linking

    def refuse(source: Path, destination: Path) -> None:
        raise AssertionError("the site was linked in-process")

    monkeypatch.setattr(workspace, "BACKGROUND_LINK_PAGES", 0)
    monkeypatch.setattr(workspace, "link_tree", refuse)
    monkeypatch.setattr(build, "start_linking", spy)
    return started


def test_first_edit_after_a_cold_build_is_written_into_the_copy_linked_by_a_child(
    tmp_path: Path, linked_by_a_child: list
) -> None:
    site = Site(tmp_path / "site")
    site.build()
    assert linked_by_a_child == []  # a cold build has nothing to copy
    site.edit(ARTICLE, 'title: "', 'title: "Nouveau titre : ')
    result = site.build()
    (linking,) = linked_by_a_child
    assert linking.process.returncode == 0
    assert result.rendered < result.pages / 2
    assert_same_as_clean_build(site, tmp_path)
    site.edit(ARTICLE, 'title: "Nouveau titre : ', 'title: "Encore : ')
    site.build()
    assert len(linked_by_a_child) == 1  # then the previous copy is brought up to date instead


def test_failed_build_stops_the_child_and_leaves_no_copy_behind(
    tmp_path: Path, linked_by_a_child: list
) -> None:
    site = Site(tmp_path / "site")
    site.build()
    before = tree(site.output)
    site.edit(ARTICLE, "date: ", 'date: "pas une date" # ')
    with pytest.raises(GeneratorError):
        site.build()
    (linking,) = linked_by_a_child
    assert linking.process.returncode is not None
    deadline = time.monotonic() + 10  # the copy is removed in the background
    while linking.directory.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [p.name for p in site.output.parent.iterdir() if p.name.startswith(".staging-")] == []
    assert tree(site.output) == before


def test_failed_archive_build_exits_once_the_childs_copy_is_removed(tmp_path: Path) -> None:
    """`archive build` ends with os._exit (cli.run): it must still wait for the copy being
    removed in the background, or a failed build would leave it beside build/."""
    site = Site(tmp_path / "site")
    site.build()
    site.edit(ARTICLE, "date: ", 'date: "pas une date" # ')
    code = (
        "import sys; from generator.publish import workspace; workspace.BACKGROUND_LINK_PAGES = 0;"
        "from generator.cli import run; sys.argv = ['archive', 'build', '--quiet', '--jobs', '1']; run()"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    failed = subprocess.run(
        [sys.executable, "-c", code], cwd=site.root, env=env, capture_output=True, timeout=120
    )
    assert failed.returncode == 1 and b"date" in failed.stderr
    assert [p.name for p in site.output.parent.iterdir() if p.name.startswith(".staging-")] == []


@pytest.mark.parametrize(
    ("keep", "new_process"),
    [(False, False), (True, False), (False, True)],
    ids=["in-process", "kept-in-memory", "new-process"],
)
def test_random_edits_always_give_the_clean_build(tmp_path: Path, keep: bool, new_process: bool) -> None:
    """A seeded walk of edits of every kind; after each, incremental == clean. Kept in
    memory, the last model and plan are patched after edits that reshape nothing; in a new
    process for each build, only what the cache and the previous build left on disk is
    reused (records of what pages read, export lines)."""
    site = Site(tmp_path / "site", keep=keep, new_process=new_process)
    site.build()
    rng = random.Random(20261123)
    actions = ["title", "summary", "date", "countries", "body", "copy", "delete", "template"]
    for step in range(14):
        articles = sorted((site.root / "content").rglob("*.md"))
        target = rng.choice(articles)
        text = target.read_text(encoding="utf-8")
        action = rng.choice(actions + ["title", "body"] * keep)  # more reshape-free edits when kept
        if action == "title":
            text = re.sub(r'title: "', f'title: "Étape {step} : ', text, count=1)
        elif action == "summary":  # articles without one are left as they are
            text = re.sub(r'summary: "', f'summary: "Étape {step} : ', text, count=1)
        elif action == "date":
            text = re.sub(r"date: \S+", f"date: 20{10 + step:02d}-0{1 + step % 9}", text, count=1)
        elif action == "countries":
            text = re.sub(r"countries: \[([^\]]*)\]", r"countries: [\1, LA]", text, count=1)
        elif action == "body":
            text += f"\nUn paragraphe de plus, étape {step}.\n"
        elif action == "copy":
            (target.parent / f"copie-{step}.md").write_text(text, encoding="utf-8")
        elif action == "delete" and len(articles) > 3:
            target.unlink()
        elif action == "template":
            site.edit("templates/partials/card.html", "\n", f"\n{{# étape {step} #}}\n")
        if action in {"title", "summary", "date", "countries", "body"}:
            target.write_text(text, encoding="utf-8")
        site.build()
        assert_same_as_clean_build(site, tmp_path, f"clean-{step}")


def test_kept_site_is_patched_not_made_again_after_a_reshape_free_edit(tmp_path: Path) -> None:
    site = Site(tmp_path / "site", keep=True)
    site.build()
    site.edit(ARTICLE, 'title: "', 'title: "Nouveau titre : ')
    site.edit(ARTICLE, "\n---\n", "\n---\nUn paragraphe ajouté en tête.\n\n")
    result = site.build()
    assert "plan" not in result.timings  # model and plan patched from the kept site
    assert result.site is not None and result.site.edit is not None
    assert_same_as_clean_build(site, tmp_path)
    site.edit(ARTICLE, "date: 2022", "date: 2021")  # a reshape: the model is made again
    result = site.build()
    assert "plan" in result.timings
    assert_same_as_clean_build(site, tmp_path, "clean-after-date")


def test_a_build_that_trusts_nothing_takes_nothing_kept_and_keeps_the_cache_whole(tmp_path: Path) -> None:
    site = Site(tmp_path / "site", keep=True)
    site.build()
    site.edit(ARTICLE, "\n\n", "\n\nUn paragraphe ajouté au début du texte.\n\n")
    result = build_site(site.config, BufferReporter(), workers=1, incremental=False, kept=site.kept)
    assert result.rendered == result.pages
    assert_same_as_clean_build(site, tmp_path)
    config = site.config
    stored = ContentCache(config.cache_dir / "content", content_key(config), load_countries())
    files = find_article_files(config.content_dir)
    assert files and all(stored.knows(path.relative_to(config.content_dir).as_posix()) for path in files)


def test_settings_change_with_the_site_kept_makes_the_plan_again(tmp_path: Path) -> None:
    """Found in review: with the site kept in memory and no article edited, a new page
    size was patched into the old plan."""
    site = Site(tmp_path / "site", keep=True)
    site.build()
    site.edit("site.yaml", "per_page: 3", "per_page: 2")
    result = site.build()
    assert "plan" in result.timings
    assert_same_as_clean_build(site, tmp_path)


def test_export_records_are_not_reused_from_a_build_the_edit_is_not_relative_to(tmp_path: Path) -> None:
    """Found in review: records kept in memory from an older build (one whose person slugs
    differed) were taken for the last build's when the build between did not prepare any."""
    site = Site(tmp_path / "site", keep=True)
    site.build()
    sante = "content/2021/vietnam-france-cooperation-sante.md"
    original = (site.root / sante).read_text(encoding="utf-8")
    site.edit(sante, "people:\n", "people:\n  - name: KENJI EXEMPLE\n")  # takes the slug kenji-exemple
    site.build()
    (site.root / sante).write_text(original, encoding="utf-8")  # back: no export page is rendered
    site.build()
    site.edit(sante, 'title: "', 'title: "Titre revu : ')
    site.build()
    assert_same_as_clean_build(site, tmp_path)


def test_search_index_is_rebuilt_only_when_an_article_page_changes(tmp_path: Path) -> None:
    site = Site(tmp_path / "site", search=True)
    assert site.build().search is not None
    (site.root / "static/style.css").write_text("body { margin: 0; }\n", encoding="utf-8")
    assert site.build().search is None  # static edit: index kept as it was
    assert (site.output / "pagefind/pagefind.js").is_file()
    site.edit(ARTICLE, 'title: "', 'title: "Indexé : ')
    reindexed = site.build()
    assert reindexed.search is not None and reindexed.search.pages == reindexed.articles
    assert (site.output / "pagefind/pagefind.js").is_file()


def read_report(site: Site) -> dict:
    return json.loads((site.output / "_report.json").read_text(encoding="utf-8"))


def test_report_lists_pages_added_changed_and_removed_since_the_last_build(site: Site) -> None:
    first = read_report(site)
    assert first["compared"] is False and first["added"] == []
    text = (site.root / ARTICLE).read_text(encoding="utf-8")
    (site.root / "content/2022/vietnam-japon-second-port.md").write_text(
        re.sub(r'title: "[^"]*"', 'title: "Un second port"', text), encoding="utf-8"
    )
    (site.root / "content/2015/vietnam-bielorussie-forum-economique.md").unlink()
    result = site.build()
    report = read_report(site)
    assert report["compared"] is True
    assert "/articles/vietnam-japon-second-port/" in report["added"]
    assert "/articles/vietnam-bielorussie-forum-economique/" in report["removed"]
    assert "/relations/vietnam-japon/" in report["changed"]
    assert ARTICLE_URL in report["changed"]  # its related articles changed
    assert set(report["timings"]) >= {"load", "model", "render+write"}
    assert result.report is not None and any("1 pages added" in line for line in result.report.summary())


def test_report_lists_articles_to_review_and_thin_pages(site: Site) -> None:
    report = read_report(site)
    flagged = {item["path"] for item in report["review"]}
    assert flagged and all(path.startswith("content/") for path in flagged)
    assert report["thin"], "the fixture has relations with a single article"
    thin = report["thin"][0]
    page = (site.output / thin.lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert 'content="noindex' not in page  # only when site.yaml asks


def test_thin_pages_get_noindex_and_leave_the_sitemap_when_asked(site: Site, tmp_path: Path) -> None:
    site.edit("site.yaml", "  related: 3\n", "  related: 3\n  noindex_thin: true\n")
    site.build()
    report = read_report(site)
    sitemap = (site.output / "sitemap.xml").read_text(encoding="utf-8")
    for url in report["thin"]:
        page = (site.output / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert re.search(r'<meta name="robots" content="noindex', page), url
        assert f"<loc>http://example.org{url}</loc>" not in sitemap
    assert "<loc>http://example.org/relations/vietnam-bielorussie/</loc>" in sitemap  # not thin
    assert_same_as_clean_build(site, tmp_path)


@pytest.mark.parametrize(
    ("enabled", "frozen"),
    [(True, False), (False, False), (True, True)],
    ids=["collector-on", "collector-off", "caller-froze"],
)
def test_build_leaves_the_garbage_collector_as_found(tmp_path: Path, enabled: bool, frozen: bool) -> None:
    """The build pauses the collector and freezes what it holds; a long-running caller
    (the dev server) must get both back, or the cycles of the models it lets go would
    never be collected. Objects the caller froze itself stay frozen."""
    site = Site(tmp_path / "site", keep=True)
    was_enabled = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    if frozen:
        gc.freeze()
    before = gc.get_freeze_count()
    try:
        site.build()
        site.edit(ARTICLE, 'title: "', 'title: "Nouveau titre : ')
        site.build()
        assert gc.isenabled() is enabled
        if frozen:
            assert 0 < gc.get_freeze_count() <= before  # the caller's, none of the build's
        else:
            assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
        (gc.enable if was_enabled else gc.disable)()

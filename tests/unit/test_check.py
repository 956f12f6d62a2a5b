"""`archive check` (generator/check.py, generator/duplicates.py): broken internal links are
errors naming the article file and line, duplicates and review flags are warnings, and
``--strict`` makes every warning an error. Nothing is ever written."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.check import check_archive
from generator.cli import EXIT_OK, EXIT_USER, main
from generator.config import load_config
from generator.errors import ContentError
from generator.report import BufferReporter

from .factories import SITE_YAML, TEMPLATES, tree, write_site

MakeSite = Callable[..., Path]

#: A body long enough for the same-text check (which skips stubs).
STORY = (
    "Hanoï, 3 mars (VNA) - Le Vietnam et la Biélorussie ont signé mardi un accord sur la "
    "production de tracteurs, qui prévoit l'assemblage de mille machines par an dans une usine "
    "de la province de Hung Yên, avec des pièces livrées depuis Minsk par voie ferroviaire, "
    "et la formation de cent techniciens vietnamiens dans les ateliers de l'usine biélorusse.\n"
)


def article(title: str, when: str = "2017-06-27", extra: str = "", body: str = "Texte.\n") -> str:
    """An article file: front matter on lines 1 to 5 (+ extra), a blank line, then ``body``."""
    return f'---\ntitle: "{title}"\ndate: {when}\ncountries: [VN, BY]\n{extra}---\n\n{body}'


def check(site: Path, strict: bool = False) -> tuple[list[str], list[str]]:
    """(warnings, errors) of check_archive on ``site``, each as formatted diagnostics."""
    config = load_config(site / "site.yaml")
    try:
        report = check_archive(config, BufferReporter(), strict=strict, workers=1)
    except ContentError as exc:
        return (
            [d.format() for d in exc.diagnostics if not d.is_error],
            [d.format() for d in exc.diagnostics if d.is_error],
        )
    return [d.format() for d in report.warnings], []


def run(capsys: pytest.CaptureFixture[str], site: Path, *flags: str) -> tuple[int, str, str]:
    code = main(["check", "--config", str(site / "site.yaml"), *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


CLEAN = {
    "content/2017/accord.md": article("Accord sur les tracteurs", body=STORY),
    "content/2017/suite.md": article(
        "Suite de l'accord",
        "2017-07-01",
        "source_url: https://example.org/suite\n",
        "Voir [l'accord](../accord/), [la relation](/relations/vietnam-bielorussie/), "
        "[le haut de page](#contenu) et [un site](https://example.com/x).\n",
    ),
}


def test_clean_site_passes_and_nothing_is_written_when_checked(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(CLEAN)
    before = tree(site)
    assert check(site) == ([], [])
    code, out, err = run(capsys, site, "--strict")
    assert (code, err) == (EXIT_OK, "")
    assert out.splitlines()[-1].startswith(
        "2 valid articles, 0 flagged for review, 0 possible duplicate(s); "
    )
    assert tree(site) == before  # no build/, no cache, nothing


def test_link_to_a_missing_article_is_an_error_naming_file_and_line_when_checked(new_site: MakeSite) -> None:
    body = "Premier paragraphe.\n\nVoir [l'accord](/articles/acord/) signé hier.\n"
    site = new_site({**CLEAN, "content/2017/lien.md": article("Lien mort", body=body)})
    assert check(site) == (
        [],
        [
            "content/2017/lien.md:9: error [check.link]: broken link '/articles/acord/': "
            "no file articles/acord/index.html in the site\n"
            "    hint: did you mean /articles/accord/?"
        ],
    )


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('<img src=x onerror="alert(1)" alt="">\n', 7,
         "broken link 'x': no file articles/lien/x in the site"),
        ("Voir [ici](../lien/#nulle-part).\n", 7, "broken link '../lien/#nulle-part': "
         "no id 'nulle-part' in articles/lien/index.html"),
        ("Voir [le fichier](/static/absent.css).\n", 7,
         "broken link '/static/absent.css': no file static/absent.css in the site"),
        ("Voir [le pays](/pays/bielorussie).\n", 7,
         "broken link '/pays/bielorussie': 'pays/bielorussie' is a folder: the link needs a trailing '/'"),
    ],
)  # fmt: skip
def test_broken_link_in_a_body_is_reported_with_its_reason_when_checked(
    new_site: MakeSite, body: str, line: int, message: str
) -> None:
    site = new_site({"content/2017/lien.md": article("Lien", body=body)})
    assert check(site)[1] == [f"content/2017/lien.md:{line}: error [check.link]: {message}"]


def test_root_relative_link_is_an_error_when_the_site_has_a_base_path(new_site: MakeSite) -> None:
    config = SITE_YAML.replace("http://127.0.0.1:8000/", "https://example.org/repo/")
    body = "Voir [l'accord](/articles/accord/) et [la suite](../accord/).\n"
    site = new_site({**CLEAN, "content/2017/lien.md": article("Lien", body=body)}, config)
    hint = "\n    hint: make it relative (e.g. ../other-slug/ from an article): "
    hint += "it then works under any base path"
    assert check(site)[1] == [
        "content/2017/lien.md:7: error [check.link]: broken link '/articles/accord/': "
        "root-relative link outside the base path /repo/" + hint,
        # CLEAN's own root-relative link breaks too, once the site moves under /repo/
        "content/2017/suite.md:8: error [check.link]: broken link '/relations/vietnam-bielorussie/': "
        "root-relative link outside the base path /repo/" + hint,
    ]


def test_broken_link_of_a_template_is_reported_once_when_every_page_has_it(
    new_site: MakeSite, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace('href="#contenu"', 'href="#ailleurs"'))
    site = new_site(CLEAN, SITE_YAML.replace(str(TEMPLATES), str(templates)))
    (error,) = check(site)[1]
    pattern = (
        rf"{re.escape(str(templates))}: error \[check.link\]: broken link '#ailleurs' in <a> on (\S+) "
        r"\(line \d+, template \S+\) and \d+ other page\(s\): no id 'ailleurs' in \1"
    )
    assert re.fullmatch(pattern, error), error


def test_duplicates_are_warnings_and_errors_when_strict(new_site: MakeSite) -> None:
    site = new_site(
        {
            **CLEAN,
            "content/2017/meme-source.md": article(
                "Autre titre", "2017-08-01", "source_url: https://example.org/suite/\n"
            ),
            "content/2017/suite-bis.md": article("Suite de  l'accord", "2017-07-01"),
            "content/2018/meme-texte.md": article("Le même texte", "2018-01-01", body=STORY),
        }
    )
    expected = [
        "content/2017/meme-source.md: warning [check.duplicate]: "
        "probable duplicate of content/2017/suite.md (same source_url)",
        "content/2017/suite-bis.md: warning [check.duplicate]: "
        "probable duplicate of content/2017/suite.md (same title and date)",
        "content/2018/meme-texte.md: warning [check.duplicate]: "
        "probable duplicate of content/2017/accord.md (same text)",
    ]
    hint = "\n    hint: remove one of the two, or make them tell different stories"
    assert check(site) == ([line + hint for line in expected], [])
    assert check(site, strict=True) == ([], [line.replace("warning", "error") + hint for line in expected])


def test_short_bodies_are_not_duplicates_when_only_their_text_is_the_same(new_site: MakeSite) -> None:
    site = new_site(
        {
            "content/2017/a.md": article("Un", body="Écrivez ici le texte de l'article, en Markdown.\n"),
            "content/2017/b.md": article("Deux", body="Écrivez ici le texte de l'article, en Markdown.\n"),
        }
    )
    assert check(site) == ([], [])


def test_review_flags_are_warnings_when_checked_and_errors_when_strict(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    review = "review:\n  - Date déduite du texte\n  - Nom à confirmer\n"
    site = new_site({**CLEAN, "content/2017/douteux.md": article("Douteux", extra=review)})
    line = "content/2017/douteux.md: {} [check.review]: flagged for review: "
    line += "Date déduite du texte; Nom à confirmer"
    code, out, err = run(capsys, site)
    assert (code, err) == (EXIT_OK, line.format("warning") + "\n")
    assert "3 valid articles, 1 flagged for review" in out
    code, out, err = run(capsys, site, "--strict")
    assert code == EXIT_USER
    assert err.splitlines() == [line.format("error"), "Failed: 1 error(s); nothing was written."]


def test_broken_link_fails_the_check_even_when_not_strict(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site({**CLEAN, "content/2017/lien.md": article("Lien", body="[x](../absent/)\n")})
    before = tree(site)
    code, _, err = run(capsys, site)
    assert code == EXIT_USER
    assert err.splitlines() == [
        "content/2017/lien.md:7: error [check.link]: broken link '../absent/': "
        "no file articles/absent/index.html in the site",
        "Failed: 1 error(s); nothing was written.",
    ]
    assert tree(site) == before


def test_search_bundle_links_are_accepted_when_search_is_enabled(new_site: MakeSite, tmp_path: Path) -> None:
    """The search page loads /pagefind/… files that only exist once Pagefind has run."""
    files = {**CLEAN, "content/2017/lien.md": article("Lien", body="[x](/pagefind/pagefind.js)\n")}
    assert check(new_site(files)) == ([], [])
    disabled = write_site(tmp_path / "sans-recherche", files, SITE_YAML + "search:\n  enabled: false\n")
    assert check(disabled)[1] == [
        "content/2017/lien.md:7: error [check.link]: broken link '/pagefind/pagefind.js': "
        "no file pagefind/pagefind.js in the site"
    ]

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import generator.build
from generator.cli import EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_USER, main
from generator.publish.output import OutputLock

from .factories import TEMPLATES, article_file, tree

MakeSite = Callable[..., Path]

VALID = {"content/2017/accord.md": article_file("Accord commercial")}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_build_exits_0_and_writes_the_site_when_content_is_valid(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(VALID)
    code, out, err = run(capsys, "build", "--config", str(site / "site.yaml"))
    assert (code, err) == (EXIT_OK, "")
    assert "1 articles" in out
    assert (site / "build" / "index.html").is_file()
    assert (site / "build" / "articles" / "accord" / "index.html").is_file()
    assert (site / "build" / "static" / "style.css").is_file()


def test_build_prints_nothing_on_stdout_when_quiet(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(VALID)
    assert run(capsys, "build", "-q", "--config", str(site / "site.yaml")) == (EXIT_OK, "", "")


def test_build_writes_where_asked_when_output_is_given(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    site = new_site(VALID)
    code, _, _ = run(
        capsys, "build", "--config", str(site / "site.yaml"), "--output", str(tmp_path / "public")
    )
    assert code == EXIT_OK
    assert (tmp_path / "public" / "index.html").is_file()
    assert not (site / "build").exists()


def test_build_uses_the_override_when_base_url_is_given(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(VALID)
    code, _, _ = run(
        capsys, "build", "--config", str(site / "site.yaml"), "--base-url", "https://example.org/archives"
    )
    assert code == EXIT_OK
    page = (site / "build" / "articles" / "accord" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/archives/articles/accord/"' in page  # canonical link
    assert 'href="/archives/static/style.css"' in page


def test_build_exits_1_with_file_and_line_when_content_is_invalid(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site({"content/2017/accord.md": article_file(when="2017-02-30")})
    code, _, err = run(capsys, "build", "--config", str(site / "site.yaml"))
    assert code == EXIT_USER
    assert err.splitlines()[0] == (
        "content/2017/accord.md:3: error [front-matter.date]: "
        "'2017-02-30' is not a date: February 2017 has 28 days"
    )
    assert len(err.splitlines()) == 2  # the diagnostic, then a one-line summary
    assert not (site / "build").exists()


def test_build_exits_1_when_the_config_is_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "build", "--config", str(tmp_path / "site.yaml"))
    assert code == EXIT_USER
    assert err.splitlines()[0] == "site.yaml: error [config.missing]: configuration file not found"


def test_build_exits_1_when_base_url_override_is_invalid(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(VALID)
    code, _, err = run(capsys, "build", "--config", str(site / "site.yaml"), "--base-url", "example.org")
    assert code == EXIT_USER
    assert err.splitlines()[0] == (
        "--base-url: error [config.base_url]: base_url must be an absolute http(s) URL, got 'example.org'"
    )


def test_build_exits_1_with_template_and_line_when_a_template_is_broken(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "home.html").write_text("<h1>\n{% if %}\n", encoding="utf-8")
    site = new_site(VALID, f'paths:\n  templates: "{templates}"\n')
    code, _, err = run(capsys, "build", "--config", str(site / "site.yaml"))
    assert code == EXIT_USER
    # templates outside the site root are named by their full path
    assert err.startswith(f"{templates.as_posix()}/home.html:2: error [template.error]: ")
    assert not (site / "build").exists()


def test_build_exits_1_and_keeps_the_old_site_when_another_build_holds_the_lock(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(VALID)
    (site / "build").mkdir()
    (site / "build" / "marker.txt").write_text("previous build", encoding="utf-8")
    with OutputLock(site / "build"):
        code, _, err = run(capsys, "build", "--config", str(site / "site.yaml"))
    assert code == EXIT_USER
    assert "error [publish.locked]: another build is writing this output folder" in err
    assert tree(site / "build") == {"marker.txt": b"previous build"}


def test_build_exits_1_naming_the_path_when_the_output_folder_cannot_be_created(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # An unwritable output folder is the user's to fix (exit 1), not a generator bug (exit 2).
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    site = new_site(VALID)
    code, _, err = run(
        capsys, "build", "--config", str(site / "site.yaml"), "--output", str(blocker / "build")
    )
    assert code == EXIT_USER
    assert str(blocker) in err
    assert "Traceback" not in err


def test_build_exits_2_with_a_traceback_when_the_generator_has_a_bug(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("unexpected state")

    monkeypatch.setattr(generator.build, "build_site", broken)
    code, _, err = run(capsys, "build", "--config", str(new_site(VALID) / "site.yaml"))
    assert code == EXIT_BUG
    assert "Traceback" in err
    assert "RuntimeError: unexpected state" in err


def test_build_exits_130_when_interrupted(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(generator.build, "build_site", interrupted)
    code, _, _ = run(capsys, "build", "--config", str(new_site(VALID) / "site.yaml"))
    assert code == EXIT_INTERRUPTED


def test_check_exits_0_and_writes_nothing_when_content_is_valid(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(VALID)
    before = tree(site)
    code, out, err = run(capsys, "check", "--config", str(site / "site.yaml"))
    assert (code, err) == (EXIT_OK, "")
    assert out.strip()
    assert tree(site) == before
    assert not (site / "build").exists()


def test_check_exits_1_with_every_problem_when_several_files_are_invalid(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(
        {
            "content/2017/a.md": article_file(when="2017-13-01"),
            "content/2017/b.md": article_file(extra="summery: x\n"),
        }
    )
    code, _, err = run(capsys, "check", "--config", str(site / "site.yaml"))
    assert code == EXIT_USER
    assert err.splitlines()[:3] == [
        "content/2017/a.md:3: error [front-matter.date]: '2017-13-01' is not a date: there is no month 13",
        "content/2017/b.md:5: error [front-matter.unknown-key]: unknown key 'summery'",
        "    hint: did you mean 'summary'?",
    ]


def test_new_prints_the_created_path_when_the_article_is_created(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site({})
    code, out, err = run(
        capsys, "new", "Vietnam et Biélorussie", "--date", "2017-06-27", "--countries", "VN, by",
        "--config", str(site / "site.yaml"),
    )  # fmt: skip
    assert (code, out, err) == (EXIT_OK, "content/2017/vietnam-et-bielorussie.md\n", "")
    text = (site / "content/2017/vietnam-et-bielorussie.md").read_text(encoding="utf-8")
    assert "title: Vietnam et Biélorussie\n" in text
    assert "countries: [VN, BY]\n" in text
    # and the new article builds
    assert run(capsys, "check", "--config", str(site / "site.yaml"))[0] == EXIT_OK


def test_new_puts_an_undated_article_in_sans_date_when_no_date_is_given(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site({})
    code, out, _ = run(capsys, "new", "Sans date", "--config", str(site / "site.yaml"))
    assert (code, out) == (EXIT_OK, "content/sans-date/sans-date.md\n")


def test_new_never_overwrites_when_the_title_is_used_twice(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(VALID)
    before = (site / "content/2017/accord.md").read_text(encoding="utf-8")
    code, out, _ = run(capsys, "new", "Accord", "--date", "2017", "--config", str(site / "site.yaml"))
    assert (code, out) == (EXIT_OK, "content/2017/accord-2.md\n")
    assert (site / "content/2017/accord.md").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--date", "2017-02-30"],
            "--date: error [new.date]: '2017-02-30' is not a date: February 2017 has 28 days",
        ),
        (["--countries", "VN,XX"], "--countries: error [new.country]: unknown country code 'XX'"),
    ],
)
def test_new_exits_1_and_writes_nothing_when_arguments_are_invalid(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    site = new_site({})
    code, out, err = run(capsys, "new", "Accord", *args, "--config", str(site / "site.yaml"))
    assert (code, out) == (EXIT_USER, "")
    assert err.splitlines()[0] == expected
    assert not (site / "content").exists()


def test_ingest_exits_1_when_it_is_not_available_yet(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "ingest", "--config", str(new_site({}) / "site.yaml"))
    assert code == EXIT_USER
    assert err


def test_usage_error_is_reported_when_the_command_is_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["publish"])
    assert caught.value.code != EXIT_OK
    assert "invalid choice" in capsys.readouterr().err


def test_build_exits_1_and_keeps_the_old_site_when_a_template_fails_while_rendering(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    article = templates / "article.html"
    lines = article.read_text(encoding="utf-8").splitlines(keepends=True)
    block = next(n for n, line in enumerate(lines) if "{% block content %}" in line)
    lines.insert(block + 1, "{{ article.no_such_field }}\n")
    article.write_text("".join(lines), encoding="utf-8")
    site = new_site(VALID, f'paths:\n  templates: "{templates}"\n')
    (site / "build").mkdir()
    (site / "build" / "marker.txt").write_text("previous build", encoding="utf-8")
    code, _, err = run(capsys, "build", "--config", str(site / "site.yaml"))
    assert code == EXIT_USER
    assert err.startswith(f"{templates.as_posix()}/article.html:{block + 2}: error [template.error]: ")
    assert "no_such_field" in err.splitlines()[0]
    assert err.splitlines()[0].endswith("(while rendering /articles/accord/)")
    assert tree(site / "build") == {"marker.txt": b"previous build"}
    assert [p.name for p in site.iterdir() if p.name.startswith((".staging-", ".old-"))] == []


WITH_WARNING = {"content/2017/accord.md": article_file(extra="raw: sources/absent.txt\n")}


def test_build_exits_0_and_prints_warnings_when_content_has_only_warnings(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(WITH_WARNING)
    code, _, err = run(capsys, "build", "--config", str(site / "site.yaml"))
    assert code == EXIT_OK
    assert err.startswith("content/2017/accord.md:5: warning [content.raw-missing]: ")
    assert (site / "build" / "index.html").is_file()


def test_build_exits_1_and_writes_nothing_when_strict_and_content_has_warnings(
    new_site: MakeSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(WITH_WARNING)
    code, _, err = run(capsys, "build", "--strict", "--config", str(site / "site.yaml"))
    assert code == EXIT_USER
    assert "content/2017/accord.md:5:" in err
    assert "0 error" not in err  # --strict turns warnings into errors: the summary must count them
    assert not (site / "build").exists()


@pytest.mark.parametrize("argv", [["bogus"], ["build", "--no-such-flag"], ["new"]])
def test_usage_error_exits_1_when_the_command_line_is_wrong(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == EXIT_USER
    assert "archive" in capsys.readouterr().err

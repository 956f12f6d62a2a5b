from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import (
    ListsConfig,
    PathsConfig,
    SiteConfig,
    load_config,
    with_overrides,
)
from generator.errors import ConfigError

from .factories import REPO


def write_config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def config_errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(tmp_path, text))
    return [d.format() for d in caught.value.diagnostics]


def test_defaults_apply_when_the_file_is_empty(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, "# nothing configured\n"))
    assert config.title == SiteConfig().title
    assert config.paths == PathsConfig()
    assert config.lists == ListsConfig()
    assert config.root == tmp_path.resolve()


def test_values_are_read_when_the_file_sets_them(tmp_path: Path) -> None:
    config = load_config(
        write_config(
            tmp_path,
            'title: "Mes archives"\nhome_country: by\nlists:\n  per_page: 7\nfeeds:\n  entries: 3\n',
        )
    )
    assert config.title == "Mes archives"
    assert config.home_country == "BY"  # normalised to upper case
    assert config.lists.per_page == 7
    assert config.lists.related == ListsConfig().related
    assert config.feeds.entries == 3


def test_empty_section_keeps_defaults_when_it_has_no_keys(tmp_path: Path) -> None:
    assert load_config(write_config(tmp_path, "lists:\n")).lists == ListsConfig()


def test_relative_paths_resolve_against_the_config_folder_when_cwd_is_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(write_config(site, "paths:\n  content: articles\n  output: ../public\n"))
    assert config.content_dir == (site / "articles").resolve()
    assert config.output_dir == (tmp_path / "public").resolve()
    assert config.templates_dir == (site / "templates").resolve()


def test_repository_templates_are_found_when_a_fixture_points_at_them() -> None:
    config = load_config(REPO / "tests/sites/invalid/script-in-title/site.yaml")
    assert config.templates_dir == REPO / "templates"
    assert config.static_dir == REPO / "static"
    assert (config.templates_dir / "article.html").is_file()


@pytest.mark.parametrize(
    ("base_url", "base_path"),
    [
        ("https://example.org", "/"),
        ("https://example.org/", "/"),
        ("https://user.github.io/repo", "/repo/"),
        ("https://user.github.io/repo/", "/repo/"),
    ],
)
def test_base_url_ends_with_a_slash_when_loaded(tmp_path: Path, base_url: str, base_path: str) -> None:
    config = load_config(write_config(tmp_path, f'base_url: "{base_url}"\n'))
    assert config.base_url.endswith("/")
    assert config.base_path == base_path


def test_unknown_key_is_named_with_line_and_hint_when_misspelt(tmp_path: Path) -> None:
    assert config_errors(tmp_path, 'title: "x"\ntitel: "y"\n') == [
        "site.yaml:2: error [config.unknown-key]: unknown key 'titel'\n    hint: did you mean 'title'?"
    ]


def test_nested_unknown_key_is_named_by_its_full_path_when_misspelt(tmp_path: Path) -> None:
    assert config_errors(tmp_path, "paths:\n  content: content\n  ouptut: out\n") == [
        "site.yaml:3: error [config.unknown-key]: unknown key 'paths.ouptut'\n"
        "    hint: did you mean 'output'?"
    ]


def test_unknown_key_has_no_hint_when_nothing_is_close(tmp_path: Path) -> None:
    assert config_errors(tmp_path, "zzzzzz: 1\n") == [
        "site.yaml:1: error [config.unknown-key]: unknown key 'zzzzzz'"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'lists:\n  per_page: "20"\n',
            "site.yaml:2: error [config.type]: 'lists.per_page' must be an integer, got '20'",
        ),
        (
            "lists:\n  per_page: true\n",
            "site.yaml:2: error [config.type]: 'lists.per_page' must be an integer, got True",
        ),
        ("title: 12\n", "site.yaml:1: error [config.type]: 'title' must be a string, got 12"),
        ("lists: 5\n", "site.yaml:1: error [config.type]: 'lists' must be a mapping"),
        (
            "lists:\n  per_page: 0\n",
            "site.yaml:2: error [config.range]: 'lists.per_page' must be at least 1",
        ),
        ("feeds:\n  entries: 0\n", "site.yaml:2: error [config.range]: 'feeds.entries' must be at least 1"),
        (
            'base_url: "example.org"\n',
            "site.yaml:1: error [config.base_url]: base_url must be an absolute http(s) URL, "
            "got 'example.org'",
        ),
        (
            'base_url: "https://example.org/?a=1"\n',
            "site.yaml:1: error [config.base_url]: base_url must not have a query or fragment",
        ),
        (
            "home_country: XX\n",
            "site.yaml:1: error [config.home_country]: unknown country code 'XX'\n"
            "    hint: use an ISO 3166-1 alpha-2 code such as VN",
        ),
        (
            'title: "open\n',
            "site.yaml:2: error [config.yaml]: found unexpected end of stream "
            "(while scanning a quoted scalar started on line 1)",
        ),
        ("- a\n- b\n", "site.yaml:1: error [config.type]: 'site.yaml' must be a mapping"),
    ],
)
def test_invalid_value_is_reported_with_its_line_when_loading(
    tmp_path: Path, text: str, expected: str
) -> None:
    assert config_errors(tmp_path, text) == [expected]


def test_every_problem_is_reported_when_the_file_has_several(tmp_path: Path) -> None:
    text = 'titel: "x"\nhome_country: XX\nlists:\n  per_page: 0\n  relatd: 2\n'
    assert [line.split(": error ")[0] for line in config_errors(tmp_path, text)] == [
        "site.yaml:1",
        "site.yaml:2",
        "site.yaml:4",
        "site.yaml:5",
    ]


def test_missing_file_is_reported_when_the_path_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "site.yaml")
    assert [d.format() for d in caught.value.diagnostics] == [
        "site.yaml: error [config.missing]: configuration file not found"
    ]


def test_override_replaces_base_url_when_given(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, ""))
    overridden = with_overrides(config, base_url="https://example.org/archives")
    assert overridden.base_url == "https://example.org/archives/"
    assert overridden.base_path == "/archives/"
    assert config.base_url == SiteConfig().base_url  # the loaded config is not mutated


def test_override_is_rejected_when_base_url_is_not_absolute(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, ""))
    with pytest.raises(ConfigError) as caught:
        with_overrides(config, base_url="/relative/")
    assert [d.format() for d in caught.value.diagnostics] == [
        "--base-url: error [config.base_url]: base_url must be an absolute http(s) URL, got '/relative/'"
    ]


def test_config_is_unchanged_when_no_override_is_given(tmp_path: Path) -> None:
    config = load_config(write_config(tmp_path, 'base_url: "https://example.org/"\n'))
    assert with_overrides(config) == config


def test_data_exports_leave_bodies_out_unless_the_file_asks(tmp_path: Path) -> None:
    assert load_config(write_config(tmp_path, "title: x\n")).data.bodies is False
    assert load_config(write_config(tmp_path, "data:\n  bodies: true\n")).data.bodies is True
    assert config_errors(tmp_path, "data:\n  body: true\n") == [
        "site.yaml:2: error [config.unknown-key]: unknown key 'data.body'\n    hint: did you mean 'bodies'?"
    ]
    assert config_errors(tmp_path, 'data:\n  bodies: "oui"\n') == [
        "site.yaml:2: error [config.type]: 'data.bodies' must be true or false, got 'oui'"
    ]

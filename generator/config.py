"""site.yaml -> SiteConfig: nested frozen dataclasses, every default in one place.

Unknown keys are errors naming the key, its line and the nearest valid key (a typo must not
slide silently, as it does with mkdocs). All problems are collected, then raised together.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import ConfigError, Diagnostic, error
from generator.yamlsource import LocatedYaml, YamlSyntaxError, closest_key, parse_yaml

CONFIG_FILE = "site.yaml"


@dataclass(frozen=True, slots=True)
class PathsConfig:
    content: str = "content"  #: Markdown articles, relative to the folder holding site.yaml.
    templates: str = "templates"  #: Jinja templates.
    static: str = "static"  #: files copied as they are into the site's /static/.
    output: str = "build"  #: where `archive build` puts the finished site.
    cache: str = ".cache/build"  #: parsed articles and page fingerprints kept between builds.


@dataclass(frozen=True, slots=True)
class ListsConfig:
    per_page: int = 20  #: articles per page on every list; longer lists are paginated.
    home_latest: int = 10  #: articles shown under "Derniers articles" on the home page.
    related: int = 5  #: related articles listed under each article.
    #: Relation and month pages listing a single article ("thin" pages) get noindex and
    #: stay out of the sitemap.
    noindex_thin: bool = False


@dataclass(frozen=True, slots=True)
class FeedsConfig:
    entries: int = 20  #: entries in the site feed and in each relation's feed.


@dataclass(frozen=True, slots=True)
class SearchConfig:
    enabled: bool = True  #: build the Pagefind index and the /recherche/ page.
    timeout: int = 600  #: seconds each Pagefind call may take before the build fails.


@dataclass(frozen=True, slots=True)
class DataConfig:
    bodies: bool = False  #: include each article's Markdown body in the /data/ exports.


@dataclass(frozen=True, slots=True)
class SiteConfig:
    title: str = "Archives"  #: site name, shown in the header and feeds.
    description: str = ""  #: one sentence for the home page, meta description and feeds.
    base_url: str = "http://127.0.0.1:8000/"  #: public URL, may include a path (/repo/).
    language: str = "fr"  #: language of the UI and of <html lang>.
    home_country: str = "VN"  #: ISO code of the archive's perspective (pairs start with it).
    author: str = ""  #: publisher named in feeds and JSON-LD (defaults to the title).
    paths: PathsConfig = field(default_factory=PathsConfig)
    lists: ListsConfig = field(default_factory=ListsConfig)
    feeds: FeedsConfig = field(default_factory=FeedsConfig)
    search: SearchConfig = field(default_factory=SearchConfig)
    data: DataConfig = field(default_factory=DataConfig)
    root: Path = Path(".")  #: folder holding site.yaml (not read from the file).

    @property
    def base_path(self) -> str:
        """Path part of base_url, always starting and ending with '/' ('/repo/' or '/')."""
        return urlsplit(self.base_url).path or "/"

    @property
    def publisher(self) -> str:
        return self.author or self.title

    def resolve(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    def display_path(self, path: Path) -> str:
        """How diagnostics name a path: relative to the site root when inside it."""
        try:
            return path.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    @property
    def content_dir(self) -> Path:
        return self.resolve(self.paths.content)

    @property
    def templates_dir(self) -> Path:
        return self.resolve(self.paths.templates)

    @property
    def static_dir(self) -> Path:
        return self.resolve(self.paths.static)

    @property
    def output_dir(self) -> Path:
        return self.resolve(self.paths.output)

    @property
    def cache_dir(self) -> Path:
        return self.resolve(self.paths.cache)


def load_config(path: Path | str = CONFIG_FILE) -> SiteConfig:
    """Read and validate site.yaml; raise ConfigError listing every problem."""
    path = Path(path).resolve()
    display = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError([error(display, None, "config.missing", "configuration file not found")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([error(display, None, "config.unreadable", str(exc))]) from None
    try:
        located = parse_yaml(text)
    except YamlSyntaxError as exc:
        raise ConfigError([error(display, exc.line, "config.yaml", exc.message)]) from None
    data = located.data if located.data is not None else {}
    diagnostics: list[Diagnostic] = []
    config = _build(SiteConfig, data, (), located, display, diagnostics)
    if config is not None:
        config = dataclasses.replace(config, root=path.parent)
        diagnostics.extend(_check_values(config, located, display))
    if diagnostics or config is None:
        raise ConfigError(diagnostics)
    return normalise(config)


def with_overrides(config: SiteConfig, *, base_url: str | None = None) -> SiteConfig:
    """Apply command-line overrides; the one place flags change configuration."""
    if base_url is not None:
        problem = _base_url_problem(base_url)
        if problem:
            raise ConfigError([error("--base-url", None, "config.base_url", problem)])
        config = dataclasses.replace(config, base_url=base_url)
    return normalise(config)


def normalise(config: SiteConfig) -> SiteConfig:
    base_url = config.base_url if config.base_url.endswith("/") else config.base_url + "/"
    return dataclasses.replace(config, base_url=base_url, home_country=config.home_country.upper())


def _build(
    cls: type,
    data: Any,
    path: tuple[str, ...],
    located: LocatedYaml,
    display: str,
    diagnostics: list[Diagnostic],
) -> Any:
    """Map a YAML mapping onto dataclass ``cls``, recording type and key errors."""
    where = ".".join(path) or "site.yaml"
    if data is None:  # an empty section ('lists:' with nothing under it) keeps the defaults
        return cls()
    if not isinstance(data, dict):
        diagnostics.append(
            error(display, located.line_of(*path), "config.type", f"'{where}' must be a mapping")
        )
        return None
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name != "root"}
    values: dict[str, Any] = {}
    for key, value in data.items():
        key_path = (*path, str(key))
        if key not in fields:
            suggestion = closest_key(str(key), set(fields))
            diagnostics.append(
                error(
                    display,
                    located.line_of(*key_path),
                    "config.unknown-key",
                    f"unknown key '{'.'.join(key_path)}'",
                    f"did you mean '{suggestion}'?" if suggestion else None,
                )
            )
            continue
        expected = hints[key]
        if dataclasses.is_dataclass(expected):
            built = _build(expected, value, key_path, located, display, diagnostics)
            if built is not None:
                values[key] = built
        elif _matches(value, expected):
            values[key] = value
        else:
            diagnostics.append(
                error(
                    display,
                    located.line_of(*key_path),
                    "config.type",
                    f"'{'.'.join(key_path)}' must be {_describe(expected)}, got {value!r}",
                )
            )
    return cls(**values)


def _matches(value: Any, expected: Any) -> bool:
    if isinstance(expected, types.UnionType):
        return any(_matches(value, option) for option in typing.get_args(expected))
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _describe(expected: Any) -> str:
    names = {str: "a string", int: "an integer", bool: "true or false"}
    return names.get(expected, str(expected))


def _check_values(config: SiteConfig, located: LocatedYaml, display: str) -> list[Diagnostic]:
    from generator.content.countries import load_countries

    problems: list[Diagnostic] = []
    base_problem = _base_url_problem(config.base_url)
    if base_problem:
        problems.append(error(display, located.line_of("base_url"), "config.base_url", base_problem))
    if config.home_country.upper() not in load_countries():
        problems.append(
            error(
                display,
                located.line_of("home_country"),
                "config.home_country",
                f"unknown country code '{config.home_country}'",
                "use an ISO 3166-1 alpha-2 code such as VN",
            )
        )
    for name in ("per_page", "home_latest", "related"):
        if getattr(config.lists, name) < 1:
            problems.append(
                error(
                    display,
                    located.line_of("lists", name),
                    "config.range",
                    f"'lists.{name}' must be at least 1",
                )
            )
    if config.search.timeout < 1:
        problems.append(
            error(
                display,
                located.line_of("search", "timeout"),
                "config.range",
                "'search.timeout' must be at least 1",
            )
        )
    if config.feeds.entries < 1:
        problems.append(
            error(
                display,
                located.line_of("feeds", "entries"),
                "config.range",
                "'feeds.entries' must be at least 1",
            )
        )
    return problems


def _base_url_problem(base_url: str) -> str | None:
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"base_url must be an absolute http(s) URL, got '{base_url}'"
    if parts.query or parts.fragment:
        return "base_url must not have a query or fragment"
    return None

"""content/ -> validated Articles plus diagnostics (stage 1's only I/O).

Files under ``inbox/`` (raw material waiting for ingest) and ``sources/`` (kept raw inputs)
are not articles, nor are hidden files. Slugs come from file names and must be unique.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.content.countries import load_countries
from generator.content.frontmatter import FrontMatterMissing, split_front_matter
from generator.content.model import Article
from generator.content.schema import FileContext, build_article
from generator.errors import Diagnostic, error, warning
from generator.yamlsource import YamlSyntaxError, parse_yaml

#: Folders of content/ that hold material which is not (yet) an article.
NON_ARTICLE_DIRS = frozenset({"inbox", "sources"})


@dataclass(frozen=True, slots=True)
class LoadedContent:
    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]


def find_article_files(content_dir: Path) -> list[Path]:
    """Every article file under content_dir, in a stable order."""
    if not content_dir.is_dir():
        return []
    found = []
    for path in content_dir.rglob("*.md"):
        parts = path.relative_to(content_dir).parts
        if parts[0] in NON_ARTICLE_DIRS or any(part.startswith((".", "_")) for part in parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found)


def load_content(content_dir: Path, site_root: Path, home_code: str) -> LoadedContent:
    """Read and validate every article; never stops at the first bad file."""
    countries = load_countries()
    articles: list[Article] = []
    diagnostics: list[Diagnostic] = []
    paths = find_article_files(content_dir)
    for path in paths:
        article, problems = load_article(path, site_root, countries, home_code, content_dir)
        diagnostics.extend(problems)
        if article is not None:
            articles.append(article)
    diagnostics.extend(_duplicate_slugs([display_path(path, site_root) for path in paths]))
    articles.sort(key=lambda article: article.sort_key)
    return LoadedContent(tuple(articles), tuple(diagnostics))


def load_article(
    path: Path, site_root: Path, countries: dict, home_code: str, content_dir: Path | None = None
) -> tuple[Article | None, list[Diagnostic]]:
    """Parse one file; return the Article or the located reasons it is invalid.

    With ``content_dir``, also warn when the ``raw`` source it names is missing.
    """
    display = display_path(path, site_root)
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [error(display, line, "content.encoding", "file is not valid UTF-8", "save it as UTF-8")]
    except OSError as exc:
        return None, [error(display, None, "content.unreadable", exc.strerror or str(exc))]
    try:
        split = split_front_matter(text)
    except FrontMatterMissing as exc:
        return None, [error(display, exc.line, "front-matter.missing", exc.message, exc.hint)]
    try:
        located = parse_yaml(split.yaml_text, first_line=split.yaml_line)
    except YamlSyntaxError as exc:
        return None, [error(display, exc.line or split.yaml_line, "front-matter.yaml", exc.message)]
    context = FileContext(display, split.yaml_line, countries, home_code)
    article, problems = build_article(located, context, path.stem, split.body, split.body_line)
    if content_dir and article is not None and article.raw and not (content_dir / article.raw).is_file():
        problems.append(
            warning(
                display,
                located.line_of("raw"),
                "content.raw-missing",
                f"raw source '{article.raw}' does not exist in content/",
                "keep the raw input under content/sources/ or remove the 'raw' key",
            )
        )
    return article, problems


def _duplicate_slugs(paths: list[str]) -> list[Diagnostic]:
    """The slug is the file name, so two files with one name in two folders collide.
    Checked on every file, valid or not, so the editor sees it in the same pass."""
    by_slug: dict[str, list[str]] = {}
    for path in paths:
        by_slug.setdefault(PurePosixPath(path).stem, []).append(path)
    problems = []
    for slug, same in sorted(by_slug.items()):
        for path in same if len(same) > 1 else ():
            others = ", ".join(other for other in same if other != path)
            problems.append(
                error(
                    path,
                    1,
                    "content.duplicate-slug",
                    f"slug '{slug}' is also used by {others}",
                    "rename one of the files: the file name is the article's URL",
                )
            )
    return problems


def display_path(path: Path, site_root: Path) -> str:
    """The path as diagnostics show it: relative to the site root. Tried lexically first,
    since resolving every path costs more than parsing its front matter."""
    try:
        return path.relative_to(site_root).as_posix()
    except ValueError:
        pass
    try:
        return path.resolve().relative_to(site_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()

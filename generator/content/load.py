"""content/ -> validated Articles plus diagnostics (stage 1's only I/O).

Files under ``inbox/`` (raw material waiting for ingest) and ``sources/`` (kept raw inputs)
are not articles, nor are hidden files. Slugs come from file names and must be unique.
"""

from __future__ import annotations

import bisect
import contextlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.content.cache import CachedFile, ContentCache
from generator.content.countries import load_countries
from generator.content.frontmatter import FrontMatterMissing, split_front_matter
from generator.content.model import Article
from generator.content.parse import Job, content_digest, parse_articles, read_and_parse
from generator.errors import Diagnostic, error, warning
from generator.inputs import FileStamp, walk
from generator.yamlsource import YamlSyntaxError, parse_yaml

#: Folders of content/ that hold material which is not (yet) an article.
NON_ARTICLE_DIRS = frozenset({"inbox", "sources"})


@dataclass(frozen=True, slots=True)
class LoadedContent:
    articles: tuple[Article, ...]
    diagnostics: tuple[Diagnostic, ...]
    digests: Mapping[str, str] = field(default_factory=dict)  #: slug -> hash of the file's bytes
    #: What it was loaded from, for ``load_content(last=...)``: the walk of content/, and
    #: the content cache's key (None when loaded without a cache, or when it may not be
    #: brought up to date: some file had a problem).
    surveyed: tuple[FileStamp, ...] = ()
    cache_key: str | None = None
    folder: str = ""  #: content/ as articles name it (``display_path``)


def find_article_files(content_dir: Path) -> list[Path]:
    """Every article file under content_dir, in a stable order."""
    return [stamp.path for stamp in article_stamps(walk(content_dir))]


def article_stamps(stamps: Iterable[FileStamp]) -> list[FileStamp]:
    """The stamps of content/ that are articles (see the module docstring)."""
    return [stamp for stamp in stamps if is_article_file(stamp.relative)]


def is_article_file(relative: str) -> bool:
    """A Markdown file outside inbox/ and sources/, with no part of its path hidden or
    starting with '_' (string tests only: every build asks it of every file)."""
    marked = "/" + relative
    return (
        relative.endswith(".md")
        and "/." not in marked
        and "/_" not in marked
        and relative.partition("/")[0] not in NON_ARTICLE_DIRS
    )


def load_content(
    content_dir: Path,
    site_root: Path,
    home_code: str,
    cache: ContentCache | None = None,
    stamps: tuple[FileStamp, ...] | None = None,
    workers: int = 1,
    last: LoadedContent | None = None,
) -> LoadedContent:
    """Read and validate every article; never stops at the first bad file.

    With a cache, files whose stamp or bytes are unchanged are not parsed again. ``stamps``
    is the walk of ``content_dir`` when the caller already has it. Many files to parse
    (a cold build) are parsed on ``workers`` processes; the result is the same. ``last``:
    this process's previous load with the same cache (the dev server's), brought up to
    date instead when only articles' contents changed since (see ``_brought_up_to_date``).
    """
    surveyed = walk(content_dir) if stamps is None else stamps
    folder = display_path(content_dir, site_root)
    if last is not None and cache is not None and last.cache_key == cache.key:
        updated = _brought_up_to_date(last, surveyed, folder, cache, home_code)
        if updated is not None:
            return updated
    countries = load_countries()
    articles: list[Article] = []
    diagnostics: list[Diagnostic] = []
    digests: dict[str, str] = {}
    files = article_stamps(surveyed)
    displays = [f"{folder}/{stamp.relative}" for stamp in files]
    everything = _cached_or_parsed(files, displays, countries, home_code, cache, workers)
    for stamp, parsed in zip(files, everything, strict=True):
        diagnostics.extend(parsed.diagnostics)
        article = parsed.article
        if article is not None:
            articles.append(article)
            digests[article.slug] = parsed.digest
            if article.raw:
                diagnostics.extend(_raw_missing(article, stamp.path, content_dir))
    diagnostics.extend(_duplicate_slugs(displays))
    articles.sort(key=_load_order)
    key = cache.key if cache is not None and not diagnostics else None
    return LoadedContent(
        tuple(articles), tuple(diagnostics), MappingProxyType(digests), surveyed, key, folder
    )


def _brought_up_to_date(
    last: LoadedContent, surveyed: tuple[FileStamp, ...], folder: str, cache: ContentCache, home_code: str
) -> LoadedContent | None:
    """``last`` with the articles whose files changed since read again, when nothing else
    changed: the same files in content/ (raw sources included, so no warning about them
    can come or go), every one valid before and after, each changed article keeping its
    place in the date order. None otherwise: everything is loaded.

    Going through 10,000 cached entries, sorting them and checking their slugs cost a
    rebuild of the dev server 50 ms at 10,000 articles; comparing two walks, a tenth."""
    before = last.surveyed
    if len(before) != len(surveyed) or last.diagnostics or last.folder != folder:
        return None
    if surveyed and surveyed[0].root != before[0].root:
        return None  # content/ elsewhere: every article's path changes
    changed = []
    for old, new in zip(before, surveyed, strict=True):
        if old.signature != new.signature or old.relative != new.relative:
            if old.relative != new.relative or not is_article_file(new.relative):
                return None
            changed.append(new)
    displays = [f"{folder}/{stamp.relative}" for stamp in changed]
    parsed = _cached_or_parsed(changed, displays, load_countries(), home_code, cache, 1)
    articles = list(last.articles)
    digests = dict(last.digests)
    for result in parsed:
        article = result.article
        if article is None or result.diagnostics or article.raw:
            return None
        # Its place: where its key goes, or just before when its key grew past the old one's
        # (keys are unique: they end with the slug). Anywhere else, the order changes.
        index = bisect.bisect_left(articles, article.sort_key, key=_load_order)
        if index < len(articles) and articles[index].slug == article.slug:
            articles[index] = article
        elif index > 0 and articles[index - 1].slug == article.slug:
            articles[index - 1] = article
        else:
            return None
        digests[article.slug] = result.digest
    cache.saw(stamp.relative for stamp in surveyed)  # kept by its next save: none is gone
    return LoadedContent(tuple(articles), (), MappingProxyType(digests), surveyed, last.cache_key, folder)


def _load_order(article: Article) -> tuple:
    return article.sort_key


def _cached_or_parsed(
    files: list[FileStamp],
    displays: list[str],
    countries: dict,
    home_code: str,
    cache: ContentCache | None,
    workers: int,
) -> list[CachedFile]:
    """Each file's parse: from the cache by stamp (no read) or by content hash (one read:
    a file the cache knows under another stamp), else parsed now (read by the parser, on
    several processes when there are many)."""
    results: list[CachedFile | None] = []
    pending: list[int] = []
    jobs: list[Job] = []
    for index, (stamp, display) in enumerate(zip(files, displays, strict=True)):
        data = None
        if cache is not None and cache.knows(stamp.relative):
            if hit := cache.get(stamp.relative, stamp.signature):
                results.append(hit)
                continue
            with contextlib.suppress(OSError):  # unreadable: the parser says so
                data = stamp.path.read_bytes()
            if data is not None and (hit := cache.get(stamp.relative, stamp.signature, content_digest(data))):
                results.append(hit)
                continue
        results.append(None)
        pending.append(index)
        jobs.append((display, stamp.path.stem, stamp.path, data))
    for index, (digest, article, problems) in zip(
        pending, parse_articles(jobs, countries, home_code, workers), strict=True
    ):
        parsed = CachedFile(digest, article, tuple(problems))
        results[index] = parsed
        if cache is not None and digest:
            cache.put(files[index].relative, files[index].signature, parsed)
    return results  # type: ignore[return-value]  # every None was filled


def load_article(
    path: Path, site_root: Path, countries: dict, home_code: str, content_dir: Path | None = None
) -> tuple[Article | None, list[Diagnostic]]:
    """Parse one file; return the Article or the located reasons it is invalid.

    With ``content_dir``, also warn when the ``raw`` source it names is missing.
    """
    _, article, problems = read_and_parse(
        (display_path(path, site_root), path.stem, path, None), countries, home_code
    )
    if content_dir and article is not None:
        problems.extend(_raw_missing(article, path, content_dir))
    return article, problems


def _raw_missing(article: Article, path: Path, content_dir: Path) -> list[Diagnostic]:
    """Checked on every build, cached or not: the raw file can go without the article
    changing. Rare, so the line of the ``raw`` key is found by reading the file again."""
    if not article.raw or (content_dir / article.raw).is_file():
        return []
    line = None
    with contextlib.suppress(OSError, UnicodeDecodeError, FrontMatterMissing, YamlSyntaxError):
        split = split_front_matter(path.read_text(encoding="utf-8"))
        line = parse_yaml(split.yaml_text, first_line=split.yaml_line).line_of("raw")
    return [
        warning(
            article.source_path,
            line,
            "content.raw-missing",
            f"raw source '{article.raw}' does not exist in content/",
            "keep the raw input under content/sources/ or remove the 'raw' key",
        )
    ]


def _duplicate_slugs(paths: list[str]) -> list[Diagnostic]:
    """The slug is the file name, so two files with one name in two folders collide.
    Checked on every file, valid or not, so the editor sees it in the same pass."""
    by_slug: dict[str, list[str]] = {}
    shared = []
    for path in paths:
        name = path.rpartition("/")[2]
        slug = name.rpartition(".")[0] or name
        same = by_slug.get(slug)
        if same is None:
            by_slug[slug] = [path]
        else:
            same.append(path)
            if len(same) == 2:
                shared.append(slug)
    problems = []
    for slug in sorted(shared):
        same = by_slug[slug]
        for path in same:
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

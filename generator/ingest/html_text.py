"""Saved HTML page -> the article's text, with stdlib html.parser only.

The article region is the first <article>, else <main>, else the whole <body>; navigation,
scripts, styles, headers, footers, forms and asides are dropped. Block elements become
paragraphs (blank lines), <br> a line break, and each <figcaption> a line between | bars so
that the caption rule in clean.py takes it out of the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_SKIPPED = frozenset(
    {
        "script",
        "style",
        "nav",
        "footer",
        "header",
        "aside",
        "form",
        "noscript",
        "svg",
        "template",
        "iframe",
        "button",
        "select",
    }
)
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "tr",
        "table",
        "figure",
        "dd",
        "dt",
        "pre",
    }
)
_VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "col", "embed"})


@dataclass(frozen=True, slots=True)
class HtmlText:
    text: str
    title: str | None
    url: str | None  #: canonical or og:url, when the page gives one.
    published: str | None  #: article:published_time or similar, when the page gives one.


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip_depth = 0
        self.regions: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self.region_seen: dict[str, int] = {"article": 0, "main": 0}
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.in_caption = 0
        self.time_attribute: str | None = None  #: the first <time datetime> of the article.
        self.h1_done = False

    def _emit(self, text: str) -> None:
        for name in ("article", "main"):
            if self.region_seen[name] == 1 and name in self.stack:
                self.regions[name].append(text)
        self.regions["body"].append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and "content" in values:
                self.meta.setdefault(key.lower(), values["content"])
            return
        if tag == "link" and values.get("rel", "").lower() == "canonical":
            self.meta.setdefault("canonical", values.get("href", ""))
            return
        in_story = "article" in self.stack or "main" in self.stack
        if tag == "time" and in_story and self.time_attribute is None and not self.skip_depth:
            self.time_attribute = values.get("datetime") or None
        if tag in _VOID:
            if tag == "br" and not self.skip_depth:
                self._emit("\n")
            return
        # An <article>'s own <header> holds its title and chapeau, unlike the site's header.
        skipped = tag in _SKIPPED and not (tag == "header" and in_story)
        self.stack.append(f"{tag}!" if skipped else tag)
        if tag in ("article", "main") and self.region_seen[tag] == 0:
            self.region_seen[tag] = 1
        if skipped:
            self.skip_depth += 1
        if tag == "figcaption" and not self.skip_depth:
            self.in_caption += 1
            self._emit("\n\n| ")
        elif tag in _BLOCKS and not self.skip_depth:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.stack and f"{tag}!" not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag.endswith("!"):
                open_tag = open_tag[:-1]
                self.skip_depth -= 1
            if open_tag == "figcaption" and not self.skip_depth:
                self.in_caption -= 1
                self._emit(" |\n\n")
            elif open_tag in _BLOCKS and not self.skip_depth:
                self._emit("\n\n")
            if open_tag == "h1" and "".join(self.h1_parts).strip():
                self.h1_done = True  # the page's first heading is the title
            if open_tag in ("article", "main") and self.region_seen[open_tag] == 1:
                self.region_seen[open_tag] = 2
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if "title" in self.stack and "body" not in self.stack:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if "h1" in self.stack and not self.h1_done:
            self.h1_parts.append(data)
        self._emit(data.replace("\n", " "))


def extract_html_text(html: str) -> HtmlText:
    """The readable text of the page's article region, its title, URL and publication time."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    for name in ("article", "main", "body"):
        text = "".join(parser.regions[name])
        if text.strip():
            break
    lines = [" ".join(line.split()) for line in text.split("\n")]
    cleaned = "\n".join(lines)
    while "\n\n\n" in cleaned:
        cleaned = cleaned.replace("\n\n\n", "\n\n")
    meta = parser.meta
    title = (
        " ".join("".join(parser.h1_parts).split())
        or " ".join(meta.get("og:title", "").split())
        or _without_site_name(" ".join("".join(parser.title_parts).split()))
    )
    url = meta.get("canonical") or meta.get("og:url") or None
    published = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("og:published_time")
        or meta.get("pubdate")
        or meta.get("date")
        or _json_ld_date(html)
        or parser.time_attribute
        or None
    )
    return HtmlText(cleaned.strip() + "\n", title or None, url, published)


_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(?P<date>[^"]{4,40})"')


def _json_ld_date(html: str) -> str | None:
    """The datePublished of the page's JSON-LD (news sites describe their articles with it)."""
    match = _JSON_LD_DATE.search(html)
    return match.group("date") if match else None


def _without_site_name(title: str) -> str:
    """'Le titre | VietnamPlus' -> 'Le titre': a <title> usually ends with the site's name."""
    for separator in (" | ", " - ", " – "):
        if separator in title:
            return title.rsplit(separator, 1)[0].strip()
    return title

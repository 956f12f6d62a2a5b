"""Every page carries a Content-Security-Policy that allows only the site's own scripts,
and nothing in the pages needs more (no inline script, no inline handler)."""

from __future__ import annotations

import re

from tests.conftest import BuiltSite

CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
SCRIPT = re.compile(r"<script\b([^>]*)>")
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def test_every_page_allows_only_its_own_scripts_when_built(basic_site: BuiltSite) -> None:
    pages = sorted(basic_site.directory.rglob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policies = CSP.findall(html)
        assert len(policies) == 1, path
        directives = dict(part.strip().split(" ", 1) for part in policies[0].split(";"))
        assert directives["script-src"] == "'self'", path
        assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'", path
        for attributes in SCRIPT.findall(html):
            # data blocks are never executed; everything else must be a file of the site
            assert 'type="application/ld+json"' in attributes or re.search(r'\ssrc="/', attributes), (
                path,
                attributes,
            )
        assert not INLINE_HANDLER.search(html), path

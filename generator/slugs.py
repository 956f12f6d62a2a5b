"""The one slug function of the generator: python-slugify with its transliteration fixed.

python-slugify's default backend ('auto') uses Unidecode where it happens to be installed
and text-unidecode (its own dependency) otherwise, so the same title could get another
slug on another machine; it also retries the Unidecode import on every call with
non-ASCII text (about 0.1 ms each: a third of a dev-server rebuild at 10,000 articles).
Naming the backend makes slugs the same everywhere, and fast.
"""

from __future__ import annotations

from typing import Any

from slugify import slugify as _slugify

BACKEND = "text-unidecode"


def slugify(text: str, **options: Any) -> str:
    return _slugify(text, backend=BACKEND, **options)

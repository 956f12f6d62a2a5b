"""A person's name -> the ASCII slug of their page, remembered between builds.

Slugifying costs ~8 µs a name and every build slugs every person (0.08 s at 10,000
articles), so slugs are memoised in-process and, by ``SlugMemory``, in a file of the build
cache for the next process. Which person gets which slug when two names make the same one
is decided by site/people.py.
"""

from __future__ import annotations

import contextlib
import marshal
from pathlib import Path

from generator.atomic import replace_bytes
from generator.inputs import generator_digest
from generator.slugs import slugify

#: Longest person slug (cut at a word boundary), and the slug of a name with no letters.
SLUG_LENGTH = 80
FALLBACK_SLUG = "personne"


def person_slug(name: str) -> str:
    """ASCII slug of a name ('Trần Đại Quang' -> 'tran-dai-quang'), before de-duplication."""
    slug = _SLUGS.get(name)
    if slug is None:
        slug = slugify(name, max_length=SLUG_LENGTH, word_boundary=True) or FALLBACK_SLUG
        if len(_SLUGS) >= _MAX_SLUGS:
            _SLUGS.clear()
        _SLUGS[name] = slug
    return slug


_SLUGS: dict[str, str] = {}
_MAX_SLUGS = 1 << 18


class SlugMemory:
    """The person slugs of the last build, in a file of the build cache, so that a new
    process does not slugify every name again. The file names the generator digest it was
    written under (slugs depend on python-slugify's version); another one is ignored."""

    def __init__(self, path: Path | None):
        self.path = path
        if path is not None:
            with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
                key, slugs = marshal.loads(path.read_bytes())
                if key == generator_digest() and isinstance(slugs, dict):
                    for name, slug in slugs.items():
                        _SLUGS.setdefault(name, slug)
        self._known = len(_SLUGS)

    def save(self) -> None:
        """Write the memo back when names were added (a failure only costs time)."""
        if self.path is not None and len(_SLUGS) != self._known:
            with contextlib.suppress(OSError):
                replace_bytes(self.path, marshal.dumps((generator_digest(), _SLUGS)))

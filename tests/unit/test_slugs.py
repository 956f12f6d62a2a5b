from __future__ import annotations

import sys

from generator.slugs import slugify


def test_vietnamese_and_french_names_are_transliterated() -> None:
    assert slugify("Trần Đại Quang") == "tran-dai-quang"
    assert slugify("Biélorussie") == "bielorussie"


def test_slugs_do_not_depend_on_unidecode_being_installed(monkeypatch) -> None:
    """'auto' would switch to Unidecode where installed: a fake one must change nothing."""
    fake = type(sys)("unidecode")
    fake.unidecode = lambda text: "autre"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "unidecode", fake)
    assert slugify("Trần Đại Quang") == "tran-dai-quang"

from __future__ import annotations

import marshal

import pytest

from generator.site import person_slugs
from generator.site.person_slugs import FALLBACK_SLUG, person_slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Trần Đại Quang", "tran-dai-quang"),
        ("Alexander Lukashenko", "alexander-lukashenko"),
        ("Ursula von der Leyen", "ursula-von-der-leyen"),
        ("Xi Jinping (习近平)", "xi-jinping-xi-jin-ping"),
        ("« ? »", FALLBACK_SLUG),
        ("A" * 50 + " " + "B" * 50, "a" * 50),  # cut at a word boundary
    ],
)
def test_slug_is_ascii_and_safe_when_made_from_a_name(name: str, slug: str) -> None:
    assert person_slug(name) == slug


def test_person_slugs_are_remembered_on_disk_for_the_next_process(tmp_path, monkeypatch) -> None:
    path = tmp_path / "people-slugs.marshal"
    monkeypatch.setattr(person_slugs, "_SLUGS", {})
    memory = person_slugs.SlugMemory(path)
    assert person_slug("Trần Đại Quang") == "tran-dai-quang"
    memory.save()
    monkeypatch.setattr(person_slugs, "_SLUGS", {})
    calls = []
    monkeypatch.setattr(person_slugs, "slugify", lambda *args, **kwargs: calls.append(args) or "faux")
    person_slugs.SlugMemory(path)
    assert person_slug("Trần Đại Quang") == "tran-dai-quang" and calls == []  # read, not made again
    assert person_slug("Nguyễn Văn A") == "faux" and len(calls) == 1


def test_person_slugs_of_another_generator_version_are_not_trusted(tmp_path, monkeypatch) -> None:
    path = tmp_path / "people-slugs.marshal"
    path.write_bytes(marshal.dumps(("une-autre-version", {"Trần Đại Quang": "faux"})))
    monkeypatch.setattr(person_slugs, "_SLUGS", {})
    person_slugs.SlugMemory(path)
    assert person_slug("Trần Đại Quang") == "tran-dai-quang"
    path.write_bytes(b"\x00abime")
    monkeypatch.setattr(person_slugs, "_SLUGS", {})
    person_slugs.SlugMemory(path)  # a damaged file is ignored
    assert person_slug("Trần Đại Quang") == "tran-dai-quang"

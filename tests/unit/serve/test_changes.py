from __future__ import annotations

from pathlib import Path

import pytest

from generator.serve.changes import ChangeKind, WatchedPaths, classify, classify_all

ROOT = Path("/site")
WATCHED = WatchedPaths(
    config_file=ROOT / "site.yaml",
    content=ROOT / "content",
    templates=ROOT / "templates",
    static=ROOT / "static",
    ignored=(ROOT / ".cache/serve", ROOT / "build"),
)


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("site.yaml", ChangeKind.CONFIG),
        ("templates/article.html", ChangeKind.TEMPLATES),
        ("templates/partials/card.html", ChangeKind.TEMPLATES),
        ("static/style.css", ChangeKind.STATIC),
        ("content/2017/accord.md", ChangeKind.CONTENT),
        ("content/2017", ChangeKind.CONTENT),  # a folder moved or removed: its articles went with it
        ("content/inbox/depeche.txt", ChangeKind.INBOX),
        ("content/sources/0123456789abcdef.txt", ChangeKind.NONE),
        ("content/2017/notes.txt", ChangeKind.NONE),
        ("content/2017/.accord.md.swp", ChangeKind.NONE),
        ("content/2017/accord.md~", ChangeKind.NONE),
        ("content/2017/.#accord.md", ChangeKind.NONE),
        (".cache/serve/index.html", ChangeKind.NONE),
        ("build/index.html", ChangeKind.NONE),
        (".staging-build-x1/index.html", ChangeKind.NONE),
        ("README.md", ChangeKind.NONE),
    ],
)
def test_path_is_classified_by_what_it_feeds_when_it_changes(path: str, kind: ChangeKind) -> None:
    assert classify(ROOT / path, WATCHED) is kind


def test_batch_takes_its_largest_kind_when_changes_are_mixed() -> None:
    batch = [ROOT / "static/style.css", ROOT / "content/2017/accord.md", ROOT / "build/x.html"]
    changes = classify_all(batch, WATCHED)
    assert changes.kind is ChangeKind.CONTENT
    assert changes.paths == (ROOT / "content/2017/accord.md", ROOT / "static/style.css")


def test_batch_is_empty_when_only_ignored_paths_changed() -> None:
    changes = classify_all([ROOT / ".cache/serve/a.html", ROOT / "content/x.md.swp"], WATCHED)
    assert changes.kind is ChangeKind.NONE and changes.paths == ()

from __future__ import annotations

import pytest

from generator.content.frontmatter import FrontMatterMissing, join_front_matter, split_front_matter


def test_split_separates_yaml_and_body_when_the_file_has_front_matter() -> None:
    split = split_front_matter("---\ntitle: x\ndate: 2017\n---\n\nBody line.\n")
    assert split.yaml_text == "title: x\ndate: 2017\n"
    assert split.body == "Body line.\n"
    assert split.yaml_line == 2
    assert split.body_line == 5


@pytest.mark.parametrize(
    "text",
    [
        "\ufeff---\ntitle: x\n---\nBody\n",  # a byte-order mark from a Windows editor
        "---\r\ntitle: x\r\n---\r\nBody\r\n",  # CRLF line endings
        "---  \ntitle: x\n---\t\nBody\n",  # trailing blanks after the fences
    ],
)
def test_front_matter_is_found_when_the_file_has_editor_quirks(text: str) -> None:
    split = split_front_matter(text)
    assert split.yaml_text.strip() == "title: x"
    assert split.body.strip() == "Body"


def test_later_rules_stay_in_the_body_when_the_body_contains_dashes() -> None:
    split = split_front_matter("---\ntitle: x\n---\nBefore\n\n---\n\nAfter\n")
    assert split.yaml_text == "title: x\n"
    assert split.body == "Before\n\n---\n\nAfter\n"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        (
            "title: x\n---\nBody\n",
            "the file does not start with front matter",
            "did you forget to add '---' on the first line, before the title?",
        ),
        (
            "",
            "the file does not start with front matter",
            "did you forget to add '---' on the first line, before the title?",
        ),
        (
            "---\ntitle: x\nBody\n",
            "the front matter is never closed",
            "add a line with '---' after the last front matter key",
        ),
    ],
)
def test_missing_front_matter_is_located_when_a_fence_is_absent(text: str, message: str, hint: str) -> None:
    with pytest.raises(FrontMatterMissing) as caught:
        split_front_matter(text)
    assert (caught.value.message, caught.value.line, caught.value.hint) == (message, 1, hint)


def test_join_is_the_inverse_of_split_when_writing_a_file() -> None:
    text = join_front_matter("title: x\ndate: '2017'\n", "\nBody.\n\n")
    assert text == "---\ntitle: x\ndate: '2017'\n---\n\nBody.\n"
    split = split_front_matter(text)
    assert (split.yaml_text, split.body) == ("title: x\ndate: '2017'\n", "Body.\n")

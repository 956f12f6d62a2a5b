from __future__ import annotations

import pytest

from generator.yamlsource import YamlSyntaxError, closest_key, parse_yaml

NESTED = """\
title: Archives
paths:
  content: content
  output: build
countries:
  - VN
  - BY
"""


@pytest.mark.parametrize("text", ["2017-02-30", "2017-06-27", "2017-06-27 10:00:00"])
def test_dates_stay_text_when_yaml_would_read_a_timestamp(text: str) -> None:
    assert parse_yaml(f"date: {text}\n").data == {"date": text}


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 1),
        (("title",), 1),
        (("paths",), 2),
        (("paths", "output"), 4),
        (("countries", 0), 6),
        (("countries", 1), 7),
        # a missing key points at its deepest known parent
        (("paths", "static"), 2),
        (("countries", 5), 5),
        (("nowhere",), 1),
    ],
)
def test_line_of_names_the_file_line_when_asked_for_a_path(path: tuple, line: int) -> None:
    assert parse_yaml(NESTED).line_of(*path) == line


def test_lines_are_shifted_when_text_starts_further_down_the_file() -> None:
    located = parse_yaml(NESTED, first_line=2)
    assert located.line_of("paths", "output") == 5
    assert located.line_of("countries", 1) == 8


def test_empty_text_gives_no_data_when_parsed() -> None:
    located = parse_yaml("")
    assert located.data is None
    assert located.line_of("title") is None


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("title: a: b\n", 1, "mapping values are not allowed"),
        ("title: ok\ncountries: [VN, BY\n", 3, "flow sequence"),
        ('title: "open\ndate: 2017\n', 3, "quoted scalar started on line 1"),
        ("title: ok\n\tdate: 2017\n", 2, "tab character"),
    ],
)
def test_syntax_error_has_a_line_when_yaml_is_malformed(text: str, line: int, fragment: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml(text)
    assert caught.value.line == line
    assert fragment in caught.value.message


def test_syntax_error_lines_are_file_lines_when_text_starts_further_down() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse_yaml('title: "open\ndate: 2017\n', first_line=2)
    assert caught.value.line == 4
    assert "started on line 2" in caught.value.message


@pytest.mark.parametrize(
    ("key", "expected"),
    [("titel", "title"), ("summery", "summary"), ("countrie", "countries"), ("zzzzzz", None)],
)
def test_closest_key_suggests_a_valid_key_when_one_is_close(key: str, expected: str | None) -> None:
    assert closest_key(key, {"title", "summary", "countries", "date"}) == expected

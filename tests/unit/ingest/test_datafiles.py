"""The data files ingest reads: documented at the top, well formed, errors naming the file."""

from __future__ import annotations

from importlib import resources

import pytest

from generator.ingest.datafiles import DataFileError, read_data_file, string_list, string_mapping

INGEST_FILES = ("datelines.yaml", "people_names.yaml", "tags.yaml")


@pytest.mark.parametrize("name", INGEST_FILES)
def test_data_file_is_documented_at_the_top(name):
    text = resources.files("generator.data").joinpath(name).read_text(encoding="utf-8")
    first_lines = text.splitlines()[:5]
    assert all(line.startswith("#") for line in first_lines), first_lines


@pytest.mark.parametrize(
    ("name", "key", "reader"),
    [
        ("datelines.yaml", "spellings", string_mapping),
        ("people_names.yaml", "family_names", string_list),
        ("people_names.yaml", "particles", string_list),
        ("people_names.yaml", "honorifics", string_list),
        ("people_names.yaml", "institution_words", string_list),
        ("people_names.yaml", "lead_in_words", string_list),
    ],
)
def test_data_file_keys_have_the_documented_shape(name, key, reader):
    assert reader(name, key)


def test_family_names_are_folded_and_unique():
    names = string_list("people_names.yaml", "family_names")
    assert len(names) == len(set(names))
    assert all(name == name.lower() and name.isascii() for name in names)


def test_tags_file_maps_each_tag_to_signals():
    topics = read_data_file("tags.yaml")["topics"]
    assert topics and all(isinstance(signals, list) and signals for signals in topics.values())


def test_a_missing_key_is_an_error_naming_the_file():
    with pytest.raises(DataFileError, match=r"generator/data/tags.yaml: 'nothing' must be a list"):
        string_list("tags.yaml", "nothing")
    with pytest.raises(DataFileError, match=r"generator/data/tags.yaml: 'nothing' must map strings"):
        string_mapping("tags.yaml", "nothing")

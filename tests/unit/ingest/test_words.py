"""words.py and lexicon.py: repairing words that scraping split or glued, and only those."""

from __future__ import annotations

import pytest

from generator.ingest.lexicon import is_function_word, is_word, zipf
from generator.ingest.words import join_broken_words, split_glued_words


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("dans le cadre de savisite officielle", "dans le cadre de sa visite officielle"),
        ("le ministre etson homologue", "le ministre et son homologue"),
        ("après-midià Minsk", "après-midi à Minsk"),
        ("entre leursdeux pays", "entre leurs deux pays"),
        ("et decompréhension mutuelle", "et de compréhension mutuelle"),
        ("la coopération dansl'économie", "la coopération dans l'économie"),
        ("les relations bilatéralespuis", "les relations bilatérales puis"),
        ("lors de ces derniers temps, lesquels", "lors de ces derniers temps, lesquels"),
        ("le commerce etl'investissement", "le commerce et l'investissement"),
    ],
)
def test_split_glued_words(raw, text):
    assert split_glued_words(raw) == text


@pytest.mark.parametrize(
    "text",
    [
        "Vientiane, Phnom Penh et Naypyidaw",  # foreign names are not glued French words
        "Nguyên Xuân Phuc et Thongloun Sisoulith",
        "le Mouvement des Non-alignés",
        "socioéconomique et multisectorielle",  # rare compounds that are real words
        "PetroVietnam, VinFast et Vietcombank",
        "aujourd'hui, jusqu'à et lorsqu'il",
        "ASEAN APEC",
        "un taux de 3,5 %",
    ],
)
def test_split_glued_words_leaves_real_words_alone(text):
    assert split_glued_words(text) == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("les touristes japon ais", "les touristes japonais"),
        ("la coopé ration", "la coopération"),
        ("de la", "de la"),
        ("en suite", "en suite"),
        ("Le Vietnam", "Le Vietnam"),
        ("Hô Chi Minh", "Hô Chi Minh"),
    ],
)
def test_join_broken_words(raw, text):
    assert join_broken_words(raw) == text


def test_lexicon_frequencies():
    assert zipf("de") > 7 and zipf("coopération") > 4 and zipf("savisite") == 0.0
    assert is_word("visite") and not is_word("ais") and is_word("à") and not is_word("b")
    assert is_function_word("Et") and not is_function_word("visite")


def test_tokens_longer_than_any_glued_pair_are_left_alone():
    token = "savisiteetsonhomologue" * 2
    assert len(token) > 40 and split_glued_words(token) == token

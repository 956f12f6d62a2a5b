"""Each cleaning rule on its own, as tables of (raw text, expected text [, what it kept])."""

from __future__ import annotations

import pytest

from generator.ingest import clean
from generator.ingest.clean import Draft


def run(rule, text: str) -> Draft:
    return rule(Draft(text))


@pytest.mark.parametrize(
    ("raw", "text", "header"),
    [
        (" date 2025-05\nTitre\n", "Titre\n", "2025-05"),
        ("\n date 2024-11-03\nTitre", "Titre", "2024-11-03"),
        ("Date: 2023-01-09 10:22\nTitre", "Titre", "2023-01-09"),
        ("Titre\n date 2025-05", "Titre\n date 2025-05", None),
        ("Une date 2025-05 dans le texte", "Une date 2025-05 dans le texte", None),
    ],
)
def test_take_crawler_header(raw, text, header):
    draft = run(clean.take_crawler_header, raw)
    assert (draft.text, draft.header) == (text, header)


@pytest.mark.parametrize(
    ("raw", "text", "trailer"),
    [
        ("Fin.\n\nVoir plus\n\nAutre histoire", "Fin.\n", "Voir plus\n\nAutre histoire"),
        ("Fin.\nVoir aussi :\nX", "Fin.", "Voir aussi :\nX"),
        ("On peut voir plus loin.", "On peut voir plus loin.", ""),
    ],
)
def test_cut_more_block(raw, text, trailer):
    draft = run(clean.cut_more_block, raw)
    assert (draft.text, draft.trailer) == (text, trailer)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Texte.\n© 2024 Agence\nPartager\nMots-clés: a, b", "Texte."),
        ("Texte.\nTous droits réservés.", "Texte."),
        ("Le copyright est un droit.", "Le copyright est un droit."),
    ],
)
def test_remove_site_footers(raw, text):
    assert run(clean.remove_site_footers, raw).text == text


@pytest.mark.parametrize(
    ("raw", "text", "captions"),
    [
        ("Un ministre parle. Photo : VNA\nTexte.", "\nTexte.", ("Un ministre parle. Photo : VNA",)),
        ("Deux ministres. Photo: VNA/CVN", "", ("Deux ministres. Photo: VNA/CVN",)),
        ("Une foule. Photos : Xinhua/VNA/CVN", "", ("Une foule. Photos : Xinhua/VNA/CVN",)),
        ("Une ambassadrice. Photo diffusée par la VNA", "", ("Une ambassadrice. Photo diffusée par la VNA",)),
        ("Une réunion. Photo : chinhphu.vn", "", ("Une réunion. Photo : chinhphu.vn",)),
        ("Titre ảnh 1Le chef salue la foule.", "", ("Titre ảnh 1Le chef salue la foule.",)),
        ("| Un port animé |\nTexte.", " \nTexte.", ("Un port animé",)),
        ("Texte (Photo : VNA) suite.", "Texte suite.", ("Photo : VNA",)),
        ("Un pont. Photo : VNALe texte commence.", "Le texte commence.", ("Un pont. Photo : VNA",)),
        ("La photo : un art.", "La photo : un art.", ()),
    ],
)
def test_take_photo_captions(raw, text, captions):
    draft = run(clean.take_photo_captions, raw)
    assert (draft.text, draft.captions) == (text, captions)


@pytest.mark.parametrize(
    ("raw", "text", "related"),
    [
        (">> Autre titre\nTexte.", "Texte.", ("Autre titre",)),
        ("[Entretien entre deux ministres]\nTexte.", "Texte.", ("Entretien entre deux ministres",)),
        ("Lire aussi : Un autre article\nTexte.", "Texte.", ("Un autre article",)),
        ("[lien](http://x.org) dans le texte", "[lien](http://x.org) dans le texte", ()),
    ],
)
def test_take_related_links(raw, text, related):
    draft = run(clean.take_related_links, raw)
    assert (draft.text, draft.related) == (text, related)


@pytest.mark.parametrize(
    ("raw", "text", "trailer", "signoff"),
    [
        (
            "Titre\nLes deux pays ont signé un accord commercial. -VNA\nTeaser",
            "Titre\nLes deux pays ont signé un accord commercial.",
            "Teaser",
            "VNA",
        ),
        (
            "Titre\nLes deux pays ont signé un accord commercial. - VNA",
            "Titre\nLes deux pays ont signé un accord commercial.",
            "",
            "VNA",
        ),
        (
            "Titre\nLes deux pays ont signé un accord commercial. – VNA",
            "Titre\nLes deux pays ont signé un accord commercial.",
            "",
            "VNA",
        ),
        (
            "Titre\nLes deux pays ont signé un accord commercial. - AVI",
            "Titre\nLes deux pays ont signé un accord commercial.",
            "",
            "AVI",
        ),
        ("Titre\nTexte.\nVNA/CVN\nAutre", "Titre\nTexte.", "Autre", "VNA"),
        (
            "Titre\nLes deux pays ont signé un accord commercial. VNA/CVN",
            "Titre\nLes deux pays ont signé un accord commercial.",
            "",
            "VNA",
        ),
        (
            "Hanoï (VNA) - Le texte suit ici et encore un peu plus loin.",
            "Hanoï (VNA) - Le texte suit ici et encore un peu plus loin.",
            "",
            None,
        ),
    ],
)
def test_cut_at_signoff(raw, text, trailer, signoff):
    draft = run(clean.cut_at_signoff, raw)
    assert (draft.text, draft.trailer, draft.signoff) == (text, trailer, signoff)


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("Une phrase coupée\nen deux lignes.", "Une phrase coupée en deux lignes."),
        ("Un titre\nLe texte.", "Un titre\nLe texte."),
        ("Fin.\nsuite", "Fin.\nsuite"),
    ],
)
def test_join_wrapped_lines(raw, text):
    assert run(clean.join_wrapped_lines, raw).text == text


def test_collapse_blank_lines():
    assert run(clean.collapse_blank_lines, "\n\nA  b\n\n\n\nC\n  \n").text == "A b\n\nC"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("la stabilité politique.., M. Dung", "la stabilité politique, M. Dung"),
        ("un,, deux", "un, deux"),
        ("fin.. Puis", "fin. Puis"),
        ("et ainsi de suite...", "et ainsi de suite..."),
    ],
)
def test_fix_doubled_punctuation(raw, text):
    assert run(clean.fix_doubled_punctuation, raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("le pays , la ville .", "le pays, la ville."),
        ("( entre parenthèses )", "(entre parenthèses)"),
        ("Question : oui ; non !", "Question : oui ; non !"),
        ("un taux de 3 .5", "un taux de 3 .5"),
    ],
)
def test_remove_space_before_punctuation(raw, text):
    assert run(clean.remove_space_before_punctuation, raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("la 76 e session", "la 76e session"),
        ("le 1 er mars", "le 1er mars"),
        ("la 2 ème édition", "la 2ème édition"),
        ("les 3 e-mails", "les 3 e-mails"),
        ("en 2017 et 2018", "en 2017 et 2018"),
    ],
)
def test_join_split_ordinals(raw, text):
    assert run(clean.join_split_ordinals, raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("deux pays.Le président", "deux pays. Le président"),
        ("vraiment?Oui", "vraiment? Oui"),
        ("un taux de 3.5 pour cent", "un taux de 3.5 pour cent"),
        ("voir www.vietnamplus.Vn", "voir www.vietnamplus.Vn"),
        ("J.R. Tolkien", "J.R. Tolkien"),
        ("M.Dung", "M.Dung"),
    ],
)
def test_split_glued_sentences(raw, text):
    assert run(clean.split_glued_sentences, raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("les touristes japon ais", "les touristes japonais"),
        ("en suite", "en suite"),
        ("de la", "de la"),
        ("Le Vietnam", "Le Vietnam"),
    ],
)
def test_join_broken_words_rule(raw, text):
    assert run(clean.join_broken_words_rule, raw).text == text


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("dans le cadre de savisite officielle", "dans le cadre de sa visite officielle"),
        ("le ministre etson homologue", "le ministre et son homologue"),
        ("ils sesont entretenus", "ils se sont entretenus"),
        ("discuter desrelations", "discuter des relations"),
        ("le règlement dela question", "le règlement de la question"),
        ("une cérémonied'accueil", "une cérémonie d'accueil"),
        ("Leur discussions'est portée", "Leur discussion s'est portée"),
        ("le peuplevietnamien", "le peuple vietnamien"),
        ("laRussie et leVietnam", "la Russie et le Vietnam"),
        ("aujourd'hui et quelqu'un", "aujourd'hui et quelqu'un"),
        ("depuis lequel partout ensuite", "depuis lequel partout ensuite"),
        ("Miasnikovitch et Lukashenko", "Miasnikovitch et Lukashenko"),
        ("le groupe PetroVietnam", "le groupe PetroVietnam"),
    ],
)
def test_split_glued_words_rule(raw, text):
    assert run(clean.split_glued_words_rule, raw).text == text


def test_clean_text_applies_rules_in_order():
    draft = clean.clean_text(
        " date 2025-05\nTitre\n\nUn chef. Photo : VNA\n\nTexte etson suite. - VNA\nVoir plus\nX"
    )
    assert draft.text == "Titre\n\nTexte et son suite."
    assert draft.header == "2025-05"
    assert draft.captions == ("Un chef. Photo : VNA",)
    assert draft.trailer == "Voir plus\nX"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("le président TruongTân Sang", "le président Truong Tân Sang"),
        ("M. NguyênSinh Hung", "M. Nguyên Sinh Hung"),
        ("le ministre Pham GiaKhiêm", "le ministre Pham Gia Khiêm"),
        ("la baie de HaLong", "la baie de Ha Long"),
        ("le groupe PetroVietnam et VinFast", "le groupe PetroVietnam et VinFast"),
        ("le magazine McDonald", "le magazine McDonald"),
    ],
)
def test_split_glued_names(raw, text):
    assert run(clean.split_glued_names, raw).text == text


@pytest.mark.parametrize(
    ("raw", "text", "published"),
    [
        ("Titre\n09/10/2024 16:05\nTexte.", "Titre\nTexte.", "2024-10-09"),
        ("Titre\nPublié le 15/03/2024 à 10:23\nTexte.", "Titre\nTexte.", "2024-03-15"),
        ("Titre\nJeudi, 9 octobre 2024 - 16:05 (GMT+7)\nTexte.", "Titre\nTexte.", "2024-10-09"),
        ("Titre\n2024-10-09 16:05\nTexte.", "Titre\nTexte.", "2024-10-09"),
        ("Titre\n31/02/2024 16:05\nTexte.", "Titre\n31/02/2024 16:05\nTexte.", None),
        (
            "Titre\nLe 9 octobre 2024, les deux pays ont signé.",
            "Titre\nLe 9 octobre 2024, les deux pays ont signé.",
            None,
        ),
        (
            "\n".join(["Ligne."] * 9 + ["09/10/2024 16:05"]),
            "\n".join(["Ligne."] * 9 + ["09/10/2024 16:05"]),
            None,
        ),
    ],
)
def test_take_publication_stamp(raw, text, published):
    draft = run(clean.take_publication_stamp, raw)
    assert (draft.text, draft.published) == (text, published)


@pytest.mark.parametrize(
    ("raw", "text", "header"),
    [
        (" date 2022-02 Paris, 5 février (VNA) - Texte.", "Paris, 5 février (VNA) - Texte.", "2022-02"),
        (" date 2024-10 Le Premier ministre part\n\nTexte.", "Le Premier ministre part\n\nTexte.", "2024-10"),
        (
            " date 2026-01-17 Une légende. Photo : VNA\n\nTexte.",
            "Une légende. Photo : VNA\n\nTexte.",
            "2026-01-17",
        ),
        ("date 2024-10-08T09:30:00+07:00\nTitre", "Titre", "2024-10-08"),
    ],
)
def test_crawler_header_keeps_the_rest_of_its_line(raw, text, header):
    draft = run(clean.take_crawler_header, raw)
    assert (draft.text, draft.header) == (text, header)


@pytest.mark.parametrize(
    ("raw", "text", "captions"),
    [
        ("L’automne. Photo : Ngoc Hà/VNA/CVN\nTexte.", "\nTexte.", ("L’automne. Photo : Ngoc Hà/VNA/CVN",)),
        ("Au lac.Photo : Trân Viêt/VNA/CVN\nTexte.", "\nTexte.", ("Au lac.Photo : Trân Viêt/VNA/CVN",)),
        (
            "Le PM hinh anh 1Le PM arrive. Photo: VOV\nTexte.",
            "\nTexte.",
            ("Le PM hinh anh 1Le PM arrive. Photo: VOV",),
        ),
        (
            "Texte.\n\nLes dirigeants.\nPhoto : VNA/CVN\n\nSuite.",
            "Texte.\n\n\n\nSuite.",
            ("Les dirigeants. Photo : VNA/CVN",),
        ),
        ("Texte long.\nPhoto : VNA/CVN\nSuite.", "Texte long.\n\nSuite.", ("Photo : VNA/CVN",)),
        ("3.jpg\nLors du sommet. Photo : VNA", "", ("3.jpg", "Lors du sommet. Photo : VNA")),
        ("Un pont. Photo : Reuters Le texte suit.", "Le texte suit.", ("Un pont. Photo : Reuters",)),
    ],
)
def test_take_photo_captions_on_agency_layouts(raw, text, captions):
    draft = run(clean.take_photo_captions, raw)
    assert (draft.text, draft.captions) == (text, captions)

"""The search page /recherche/ in headless Chromium, at the root and under /repo/.

The searches run against tests/sites/search (see its site.yaml for what it guarantees); the
hostile-title check runs against tests/sites/basic. Every test waits for the page to say
it is finished (``#search[data-state=done]``, or ``idle`` without a query), never on a
timer. Console errors, page errors and dialogs fail any test (tests/browser/conftest.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from playwright.sync_api import Locator, Page

from generator.render.typography import typo_text
from tests.browser.conftest import SEARCH_SITE, ServedSite, Tabs, require_chromium

DONE = "#search[data-state=done]"
IDLE = "#search[data-state=idle]"
PROMPT = "Saisissez un ou plusieurs mots pour chercher dans l'archive."

FRET = "La Biélorussie et le Vietnam inaugurent une ligne de fret vers Minsk"
MEDECINE = "Des étudiants vietnamiens partent étudier la médecine en Biélorussie"
UNIVERSITES = "Vietnam et France relancent leur coopération universitaire"
#: Titles are shown with French typography (a no-break space before the colon).
CRUES = typo_text("Vietnam, Laos et Cambodge : une coopération pour surveiller les crues")
PORT = "Le Japon et le Vietnam signent un accord de coopération portuaire"
POISSONS = "Des experts japonais conseillent les éleveurs de poissons du delta"
MUSEES = "Un programme de coopération culturelle entre musées de Hué et de Paris"

#: The articles of tests/sites/search that contain "coopération", newest first, with the
#: date the results show for each.
COOPERATION_BY_DATE = [
    (MUSEES, "15 juin 2022"),
    (PORT, "20 janvier 2020"),
    (CRUES, "8 août 2019"),
    (UNIVERSITES, "2 octobre 2018"),
    (FRET, "12 avril 2016"),
]
COOPERATION = {title for title, _ in COOPERATION_BY_DATE}
#: Facet counts of the pairs among the "coopération" results (CRUES has two pairs).
COOPERATION_PAIRS = {
    "Vietnam – France": 2,
    "Vietnam – Biélorussie": 1,
    "Vietnam – Japon": 1,
    "Vietnam – Laos": 1,
    "Vietnam – Cambodge": 1,
}
FRANCE = "Vietnam – France"

#: The title of tests/sites/basic that must stay text wherever it is shown.
HOSTILE_TITLE = typo_text("Festival <script>alert('titre')</script> & gastronomie : Hanoï reçoit Lyon")


# --- helpers ---------------------------------------------------------------------------


def open_search(page: Page, site: ServedSite, **params: str) -> None:
    """Open /recherche/ with ``params`` in the URL and wait until results are shown."""
    page.goto(site.url(f"recherche/?{urlencode(params)}"))
    page.wait_for_selector(DONE)


def titles(page: Page) -> list[str]:
    return page.locator("#search-results li.result h2 a").all_text_contents()


def meta_lines(page: Page) -> list[str]:
    return page.locator("#search-results li.result p.meta").all_text_contents()


def facet(page: Page, key: str) -> dict[str, tuple[int, bool]]:
    """The values listed in a facet: {value: (count shown, checked)}."""
    rows = page.evaluate(
        """key => [...document.querySelectorAll(`fieldset[data-filter="${key}"] li`)].map(item => {
            const box = item.querySelector("input");
            return [box.value, Number(item.querySelector(".count").dataset.count), box.checked];
        })""",
        key,
    )
    return {value: (count, checked) for value, count, checked in rows}


def checkbox(page: Page, key: str, value: str) -> Locator:
    return page.locator(f'fieldset[data-filter="{key}"] input[type=checkbox][value="{value}"]')


def checked(page: Page) -> dict[str, list[str]]:
    """The ticked facet values: {filter key: [values]}."""
    rows = page.evaluate(
        """() => [...document.querySelectorAll("fieldset[data-filter] input:checked")]
            .map(box => [box.closest("fieldset").dataset.filter, box.value])"""
    )
    ticked: dict[str, list[str]] = {}
    for key, value in rows:
        ticked.setdefault(key, []).append(value)
    return ticked


def query_params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def path_of(url: str) -> str:
    return urlsplit(url).path


# --- the fixture's own guarantees (no browser) ------------------------------------------


def test_search_fixture_writes_the_folded_words_only_with_accents() -> None:
    """Finding "bielorussie", "cooperation" or "coopérer" must prove folding and stemming."""
    files = sorted((SEARCH_SITE / "content").rglob("*.md"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in files).lower()
    assert "biélorussie" in text
    assert "coopération" in text
    for absent in ("bielorussie", "cooperation", "coopérer", "cooperer"):
        assert absent not in text, f"tests/sites/search must not contain {absent!r}"
        assert not any(absent in path.name for path in files), f"a file name contains {absent!r}"
    with_cooperation = [path for path in files if "coopération" in path.read_text(encoding="utf-8")]
    assert len(with_cooperation) == len(COOPERATION_BY_DATE)
    assert sum("pisciculture" in path.read_text(encoding="utf-8") for path in files) == 1


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), ("", pytest.skip.Exception)])
def test_missing_chromium_fails_on_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str, outcome: type[BaseException]
) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="Chromium is not installed"):
        require_chromium(tmp_path / "chromium")


# --- searching ---------------------------------------------------------------------------


def test_query_returns_the_expected_article(page: Page, search_site: ServedSite) -> None:
    open_search(page, search_site, q="pisciculture")
    assert titles(page) == [POISSONS]
    assert meta_lines(page) == ["27 mai 2021 · Cân Tho · Vietnam – Japon"]
    assert page.locator("#search-status").text_content() == "1 résultat pour « pisciculture »"
    # Pagefind highlights the whole word as written, with the full stop that follows it.
    assert page.locator("#search-results mark").first.text_content().startswith("pisciculture")
    assert page.input_value("#q") == "pisciculture"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("bielorussie", {FRET, MEDECINE}, id="bielorussie-finds-Biélorussie"),
        pytest.param("cooperation", COOPERATION, id="cooperation-finds-coopération"),
        pytest.param("coopérer", COOPERATION, id="coopérer-finds-coopération"),
    ],
)
def test_query_without_accents_or_in_another_form_finds_the_accented_word(
    page: Page, search_site: ServedSite, query: str, expected: set[str]
) -> None:
    open_search(page, search_site, q=query)
    assert set(titles(page)) == expected
    assert len(titles(page)) == len(expected)


def test_pair_filter_narrows_results_to_the_count_shown_beside_it(
    page: Page, search_site: ServedSite
) -> None:
    open_search(page, search_site, q="coopération")
    assert set(titles(page)) == COOPERATION
    shown = facet(page, "paire")
    assert shown == {pair: (count, False) for pair, count in COOPERATION_PAIRS.items()}
    for pair, count in COOPERATION_PAIRS.items():
        checkbox(page, "paire", pair).check()
        page.wait_for_selector(DONE)
        assert len(titles(page)) == count, f"{pair}: the facet said {count}, got {titles(page)}"
        assert all(pair in line for line in meta_lines(page)), meta_lines(page)
        assert query_params(page) == {"q": ["coopération"], "paire": [pair]}
        assert facet(page, "paire")[pair] == (count, True)
        assert checkbox(page, "paire", pair).is_checked()
        # Unticking widens the search again and drops the filter from the URL.
        checkbox(page, "paire", pair).uncheck()
        page.wait_for_selector(DONE)
        assert set(titles(page)) == COOPERATION
        assert query_params(page) == {"q": ["coopération"]}


def test_back_button_restores_the_previous_search(page: Page, search_site: ServedSite) -> None:
    open_search(page, search_site, q="coopération")
    checkbox(page, "paire", FRANCE).check()
    page.wait_for_selector(DONE)
    assert set(titles(page)) == {UNIVERSITES, MUSEES}
    page.go_back()
    page.wait_for_selector(DONE)
    assert query_params(page) == {"q": ["coopération"]}
    assert set(titles(page)) == COOPERATION
    assert checked(page) == {}
    page.go_forward()
    page.wait_for_selector(DONE)
    assert set(titles(page)) == {UNIVERSITES, MUSEES}
    assert checked(page) == {"paire": [FRANCE]}


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        pytest.param("date", COOPERATION_BY_DATE, id="newest-first"),
        pytest.param("date-asc", COOPERATION_BY_DATE[::-1], id="oldest-first"),
    ],
)
def test_date_sort_orders_results(
    page: Page, search_site: ServedSite, sort: str, expected: list[tuple[str, str]]
) -> None:
    open_search(page, search_site, q="coopération")
    page.select_option("#tri", sort)
    page.wait_for_selector(DONE)
    assert query_params(page) == {"q": ["coopération"], "tri": [sort]}
    assert titles(page) == [title for title, _ in expected]
    assert [line.split(" · ")[0] for line in meta_lines(page)] == [date for _, date in expected]


def test_shared_url_reproduces_the_search(tabs: Tabs, search_site: ServedSite) -> None:
    first = tabs.new_page()
    open_search(first, search_site, q="coopération")
    first.select_option("#tri", "date-asc")
    first.wait_for_selector(DONE)
    checkbox(first, "paire", FRANCE).check()
    first.wait_for_selector(DONE)
    shared = first.url
    assert query_params(first) == {"q": ["coopération"], "tri": ["date-asc"], "paire": [FRANCE]}
    assert titles(first) == [UNIVERSITES, MUSEES]

    second = tabs.new_page()
    second.goto(shared)
    second.wait_for_selector(DONE)
    assert titles(second) == titles(first)
    assert meta_lines(second) == meta_lines(first)
    assert second.input_value("#q") == "coopération"
    assert second.input_value("#tri") == "date-asc"
    assert facet(second, "paire") == facet(first, "paire")
    assert facet(second, "paire")[FRANCE] == (2, True)
    assert checked(second) == checked(first) == {"paire": [FRANCE]}
    assert second.locator("#search-status").text_content() == "2 résultats pour « coopération »"


def test_result_link_opens_the_article_under_the_base_path(page: Page, search_site: ServedSite) -> None:
    open_search(page, search_site, q="pisciculture")
    link = page.locator("#search-results li.result h2 a").first
    assert link.get_attribute("href") == f"{search_site.prefix}articles/experts-japonais-poissons-delta/"
    with page.expect_navigation() as navigation:
        link.click()
    response = navigation.value
    assert response is not None and response.status == 200
    assert page.url == search_site.url("articles/experts-japonais-poissons-delta/")
    assert page.locator("h1").text_content() == POISSONS


def test_header_search_form_leads_to_results(page: Page, search_site: ServedSite) -> None:
    page.goto(search_site.url("articles/riz-parfume-foire/"))
    page.fill("#header-q", "coopération")
    page.press("#header-q", "Enter")
    page.wait_for_url(re.compile(r"/recherche/\?"))
    page.wait_for_selector(DONE)
    assert path_of(page.url) == f"{search_site.prefix}recherche/"
    assert query_params(page) == {"q": ["coopération"]}
    assert set(titles(page)) == COOPERATION
    assert page.input_value("#q") == "coopération"


def test_pair_page_form_searches_within_the_relation(page: Page, search_site: ServedSite) -> None:
    page.goto(search_site.url("relations/vietnam-france/"))
    form = page.locator("form.pair-search")
    form.get_by_label("Rechercher dans cette relation").fill("coopération")
    form.get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/recherche/\?"))
    page.wait_for_selector(DONE)
    assert path_of(page.url) == f"{search_site.prefix}recherche/"
    assert query_params(page) == {"q": ["coopération"], "paire": [FRANCE]}
    # The same query finds five articles over the whole archive; two are in this relation.
    assert set(titles(page)) == {UNIVERSITES, MUSEES}
    assert facet(page, "paire")[FRANCE] == (2, True)
    assert checked(page) == {"paire": [FRANCE]}


@pytest.mark.parametrize(
    "params",
    [pytest.param({}, id="no-parameter"), pytest.param({"paire": FRANCE}, id="filter-without-query")],
)
def test_without_query_page_prompts_and_downloads_no_index(
    tabs: Tabs, page: Page, search_site: ServedSite, params: dict[str, str]
) -> None:
    page.goto(search_site.url(f"recherche/?{urlencode(params)}"))
    page.wait_for_selector(IDLE)
    page.wait_for_load_state("networkidle")
    assert page.locator("#search-status").text_content() == PROMPT
    assert titles(page) == []
    bundle = search_site.url("pagefind/")
    chunks = [url for url in tabs.watch.requests if url.startswith(bundle)]
    assert not [url for url in chunks if re.search(r"/pagefind/(index|fragment|filter)/", url)], chunks

    # Control: the recorder does see the chunks, under the base path, once there is a query
    # (a filter from the URL stays ticked and applies to it).
    page.fill("#q", "coopération")
    page.press("#q", "Enter")
    page.wait_for_selector(DONE)
    assert len(titles(page)) == (2 if params else len(COOPERATION))
    fetched = tabs.watch.requests
    assert any(url.startswith(f"{bundle}index/") for url in fetched), fetched
    assert any(url.startswith(f"{bundle}fragment/") for url in fetched), fetched


def test_hostile_title_is_shown_as_text_and_opens_no_dialog(
    tabs: Tabs, page: Page, basic_served: ServedSite
) -> None:
    open_search(page, basic_served, q="gastronomie")
    assert titles(page) == [HOSTILE_TITLE]
    results = page.locator("#search-results")
    assert results.locator("script, img, b, iframe, [onerror], [onclick]").count() == 0
    # Whatever the excerpt holds is text, apart from Pagefind's <mark> highlights.
    assert (
        results.locator("p.excerpt *").evaluate_all("nodes => nodes.map(node => node.nodeName)")
        == ["MARK"] * results.locator("p.excerpt mark").count()
    )
    assert "<script>" in results.locator("p.excerpt").first.text_content()
    assert tabs.watch.dialogs == []

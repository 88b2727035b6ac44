"""Dashboards, filters and forms in the browser: charts and choropleth drawn, tables sortable by keyboard, the
directory updated in place with a shareable URL, the home map filtered, language tabs in record forms."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

from tests.browser.conftest import PASSWORD


def api_count(server: str, query: str, *, endpoint: str = "actors/markers") -> int:
    with urllib.request.urlopen(f"{server}/api/v1/{endpoint}?{query}") as response:
        return int(json.load(response)["count"])


def numbers(page: Any, selector: str) -> list[int]:
    return [int(t) for t in page.locator(selector).all_inner_texts()]


def test_a_region_page_draws_its_charts_and_choropleth(server: str, page: Any) -> None:
    page.goto(f"{server}/en/territories/150/")
    page.wait_for_selector("#by-kind-chart[data-drawn] svg", timeout=10_000)
    page.wait_for_selector("#choropleth[data-drawn]", timeout=10_000)

    assert (
        int(page.get_attribute("#choropleth", "data-drawn"))
        == page.locator("table[data-table=by_country] tbody tr").count()
    )
    assert page.locator("#by-activity-chart[data-drawn] svg").count() == 1
    assert page.locator("#choropleth .legend li").count() == 6
    bars = page.locator("#by-kind-chart svg .mark-rect path").count()
    assert bars == page.locator("table[data-table=by_kind] tbody tr").count()


def test_a_sortable_table_sorts_by_keyboard_and_says_so(server: str, page: Any) -> None:
    page.goto(f"{server}/en/territories/GB/")
    before = numbers(page, "table.children tbody td:nth-of-type(1)")
    button = page.locator("table.children thead th:nth-child(2) button")
    button.focus()
    page.keyboard.press("Enter")  # largest first
    page.keyboard.press("Enter")  # then smallest first

    after = numbers(page, "table.children tbody td:nth-of-type(1)")
    assert after == sorted(before)
    assert page.get_attribute("table.children thead th:nth-child(2)", "aria-sort") == "ascending"
    page.locator("table.children thead th:nth-child(1) button").click()
    names = page.locator("table.children tbody th").all_inner_texts()
    assert names == sorted(names, key=str.lower)


def test_directory_filters_update_the_list_in_place_with_a_shareable_url(server: str, page: Any) -> None:
    page.goto(f"{server}/en/actors/")
    page.evaluate("window.samePage = true")
    page.get_by_label("Theme").fill("Housing")
    page.get_by_label("Kind").select_option("cooperative")
    page.wait_for_url(re.compile(r"kind=cooperative"))
    page.wait_for_function("document.getElementById('directory-status').textContent.includes('actors')")

    assert page.evaluate("window.samePage") is True  # no full reload
    assert "theme=Housing" in page.url
    status = page.locator("#directory-status").inner_text()
    count = int(status.split()[0].replace(",", ""))
    assert count == api_count(server, "theme=Housing&kind=cooperative&limit=1", endpoint="actors")
    page.get_by_role("link", name="Next").click()
    page.wait_for_url(re.compile(r"page=2"))
    assert page.evaluate("window.samePage") is True
    page.reload()  # the URL alone gives the same list
    assert page.locator("table.directory tbody tr").count() == 50


def test_home_map_filters_reload_the_markers(server: str, page: Any) -> None:
    page.goto(f"{server}/es/")
    page.wait_for_selector("#map[data-loaded='8984']", timeout=10_000)
    page.get_by_label("Tipo").select_option("association")
    page.get_by_role("button", name="Ver en el mapa").click()

    expected = api_count(server, "kind=association")
    page.wait_for_selector(f"#map[data-loaded='{expected}']", timeout=10_000)
    assert 0 < expected < 8984
    assert page.locator("#map-status").inner_text() == f"{expected:,} actores en el mapa"  # en-GB digits
    assert "kind=association" in page.url


def test_a_steward_adds_an_initiative_with_a_tab_per_language(server: str, page: Any) -> None:
    page.goto(f"{server}/es/accounts/login/?next=/es/initiatives/new/%3Fterritory%3DGB-BST")
    page.get_by_label("Nombre de usuario").fill("steward")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.get_by_label("Título").fill("Banco de tiempo")

    tabs = page.get_by_role("tab")
    assert tabs.all_inner_texts() == ["Inglés", "Español", "Francés"]
    assert page.get_by_role("tab", selected=True).inner_text() == "Español"  # the page's language first
    page.get_by_role("tabpanel").get_by_label("Resumen").fill("Horas por horas.")
    page.get_by_role("tab", selected=True).focus()
    page.keyboard.press("ArrowRight")
    assert page.get_by_role("tab", selected=True).inner_text() == "Francés"
    page.get_by_role("tabpanel").get_by_label("Resumen").fill("Des heures contre des heures.")
    page.get_by_role("button", name="Guardar").click()

    assert page.locator("h1").inner_text() == "Banco de tiempo"
    assert page.locator("#section-summary + p").inner_text() == "Horas por horas."
    page.goto(page.url.replace("/es/", "/fr/"))
    assert page.locator("#section-summary + p").inner_text() == "Des heures contre des heures."

"""What a person does in the browser: pages load, the language follows, filters work, stewards edit."""

from __future__ import annotations

import re
import time
from typing import Any

from tests.browser.conftest import PASSWORD


def test_home_map_draws_every_marker_in_clusters_within_two_seconds(server: str, page: Any) -> None:
    started = time.monotonic()
    page.goto(f"{server}/en/")
    page.wait_for_selector("#map[data-loaded]", timeout=10_000)
    page.wait_for_selector(".marker-cluster")
    elapsed = time.monotonic() - started

    assert page.get_attribute("#map", "data-loaded") == "8984"  # every demo actor with coordinates
    clustered = sum(int(t) for t in page.locator(".marker-cluster span").all_inner_texts())
    single = page.locator(".leaflet-marker-icon:not(.marker-cluster)").count()
    assert page.locator(".marker-cluster").count() >= 3
    assert clustered + single == 8984
    assert (
        page.locator("path.leaflet-interactive, .leaflet-overlay-pane path").count() > 100
    )  # country shapes
    assert elapsed < 2.0
    assert page.locator("h1").inner_text() == "The social and solidarity economy, at every scale"
    assert (
        page.locator(".figures .figure").first.inner_text() == "9485"
    )  # 9,281 registry actors + 204 from the grants


def test_switching_language_translates_the_interface(server: str, page: Any) -> None:
    page.goto(f"{server}/en/territories/GB/")
    page.select_option("#language", "es")
    page.get_by_role("button", name="Change").click()
    page.wait_for_url(re.compile(r"/es/territories/GB/$"))

    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", name="Por tipo").is_visible()
    assert page.get_by_role("row", name=re.compile(r"^Cooperativa")).count() == 1
    page.goto(f"{server}/")  # the choice is remembered
    assert page.url.endswith("/es/")


def test_directory_filters_and_opens_a_record(server: str, page: Any) -> None:
    page.goto(f"{server}/en/actors/")
    page.get_by_label("Search").fill("bristol")
    page.get_by_label("Territory code").fill("GB-BST")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url(re.compile(r"q=bristol.*territory=GB-BST"))  # a shareable URL

    status = page.get_by_role("status").inner_text()
    assert re.match(r"^\d+ actors?", status)
    first = page.locator("table.directory tbody th a").first
    name = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text() == name


def test_the_skip_link_is_the_first_stop_of_the_keyboard(server: str, page: Any) -> None:
    page.goto(f"{server}/fr/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_a_steward_edits_a_record_and_sees_it_in_the_history(server: str, page: Any) -> None:
    page.goto(f"{server}/en/actors/?territory=GB-BST")
    page.locator("table.directory tbody th a").first.click()
    record = page.url
    page.goto(f"{server}/en/accounts/login/?next={record.split(server)[1]}")
    page.get_by_label("User name").fill("steward")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="Edit this record").click()
    page.get_by_label("Name", exact=True).fill("Edited in the browser")
    page.get_by_role("button", name="Save").click()

    assert page.locator("h1").inner_text() == "Edited in the browser"
    page.get_by_role("link", name="Edit this record").click()
    assert (
        "web · Updated"
        in page.locator("#history ~ table, section[aria-labelledby=history] table").first.inner_text()
    )


def test_the_ecosystem_view_draws_the_network_and_opens_an_actor(server: str, page: Any) -> None:
    page.goto(f"{server}/en/territories/GB/")
    page.get_by_role("link", name="Ecosystem: relations, brokers and gaps").click()
    page.wait_for_selector("#ecosystem-graph[data-ready]", timeout=15_000)

    drawn = int(page.get_attribute("#ecosystem-graph", "data-nodes") or 0)
    api = page.evaluate("fetch('/api/v1/ecosystem/graph?territory=GB').then(r => r.json())")
    assert drawn == len(api["nodes"]) > 100  # the Indigo Trust's grantees and the trust itself
    assert page.locator("#ecosystem-graph canvas").count() >= 1
    page.locator(".brokers a").first.click()
    page.wait_for_url(re.compile(r"/en/actors/\d+/$"))
    assert page.locator("h1").inner_text() == "Indigo Trust"

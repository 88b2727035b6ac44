"""Funding, partnerships and replication in the browser: the spread map of a practice, a pledge made with the
keyboard and matched, and WCAG 2.2 AA checks (axe-core) on the scheme, campaign, partnership and lineage pages and
on the forms that record them (signed in)."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.browser.conftest import PASSWORD
from tests.browser.test_accessibility import AXE, TAGS


def serious_violations(page: Any) -> list[tuple[str, str, list[Any]]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    assert len(result["passes"]) > 10  # axe really ran its rules
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def sign_in(page: Any, server: str) -> None:
    page.goto(f"{server}/en/accounts/login/")
    page.get_by_label("User name").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert "/accounts/login/" not in page.url


def test_the_spread_map_shades_every_country_the_practice_reached(
    server: str, seeded: dict[str, int], page: Any
) -> None:
    with urllib.request.urlopen(f"{server}/api/v1/ecosystem/lineage/{seeded['initiative']}") as response:
        spread = json.load(response)["spread"]
    page.goto(f"{server}/en/initiatives/{seeded['initiative']}/replication/")
    page.wait_for_selector("#spread-map[data-drawn]", timeout=10_000)

    shaded = int(page.get_attribute("#spread-map", "data-drawn") or 0)
    rows = page.locator("section[aria-labelledby=by-country] tbody tr").count()
    assert shaded == rows == len(spread["countries"]) >= 2
    assert page.locator("ul.tree li").count() == spread["initiatives"] == 3


def test_a_pledge_made_with_the_keyboard_is_matched_by_the_pool(
    server: str, seeded: dict[str, int], page: Any
) -> None:
    page.goto(f"{server}/en/campaigns/{seeded['campaign']}/")
    page.get_by_label("Amount").focus()
    page.keyboard.type("40")
    page.keyboard.press("Tab")
    page.keyboard.type("Ana")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.get_by_text(
        "Thank you: your pledge of 40.00 GBP was recorded, and matched with 40.00 GBP."
    ).wait_for()
    assert page.locator("dl.facts dd").nth(1).inner_text().startswith("190.00 GBP")  # 150 seeded + 40


@pytest.mark.parametrize(
    "path",
    [
        "/en/schemes/",
        "/es/schemes/{scheme}/",
        "/fr/campaigns/{campaign}/",
        "/en/partnerships/{partnership}/",
        "/es/initiatives/{initiative}/replication/",
    ],
)
def test_funding_pages_have_no_serious_violations(
    server: str, seeded: dict[str, int], page: Any, path: str
) -> None:
    page.goto(server + path.format(**seeded))
    assert serious_violations(page) == []


@pytest.mark.parametrize(
    "path",
    [
        "/en/actors/{funder}/relations/new/",
        "/en/actors/{funder}/schemes/new/",
        "/en/actors/{funder}/pools/new/",
        "/en/schemes/{scheme}/apply/",
        "/en/initiatives/{initiative}/campaigns/new/",
        "/en/partnerships/new/",
    ],
)
def test_funding_forms_have_no_serious_violations(
    server: str, seeded: dict[str, int], page: Any, path: str
) -> None:
    sign_in(page, server)
    page.goto(server + path.format(**seeded))
    assert page.locator("form.record").count() == 1
    assert serious_violations(page) == []

"""Forums in a real browser: vote through a question with the keyboard only, add a statement, moderate it, read
the groups and consensus of a real Pol.is conversation, download the synthesis as PDF; WCAG 2.2 AA (axe-core) on
every forum page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_funding import serious_violations, sign_in


def test_a_participant_votes_through_a_question_with_the_keyboard_only(
    server: str, seeded: dict[str, int], page: Any
) -> None:
    page.goto(f"{server}/en/questions/{seeded['question']}/")
    seen = []
    for key_presses in ([], ["Tab"], ["Tab", "Tab"], [], ["Tab"]):  # agree, disagree, pass, agree, disagree
        seen.append(page.locator("#statement").inner_text())
        assert (
            page.evaluate("document.activeElement.textContent") == "Agree"
        )  # focus starts on the first choice
        for key in key_presses:
            page.keyboard.press(key)
        with page.expect_navigation():
            page.keyboard.press("Enter")

    assert len(set(seen)) == 5
    assert page.locator("#progress").inner_text() == "You have voted on 5 of 5 statements."
    assert page.get_by_text("You have voted on every statement.").is_visible()


def test_a_statement_added_then_accepted_by_an_organiser_reaches_participants(
    server: str, seeded: dict[str, int], page: Any, browser: Any
) -> None:
    url = f"{server}/en/questions/{seeded['question']}/"
    page.goto(url)
    page.get_by_label("Your statement").focus()
    page.keyboard.type("Schools should teach how cooperatives work")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Thank you: your statement will show once an organiser accepts it.").wait_for()

    organiser = browser.new_context(locale="en-GB").new_page()
    sign_in(organiser, server)
    organiser.goto(f"{url}moderation/")
    assert serious_violations(organiser) == []
    with organiser.expect_navigation():
        organiser.get_by_role("button", name=re.compile("^Accept: Schools should teach")).click()
    organiser.get_by_text("saved.").wait_for()

    newcomer = browser.new_context(locale="en-GB").new_page()
    newcomer.goto(url)
    texts = []
    for _ in range(6):
        texts.append(newcomer.locator("#statement").inner_text())
        with newcomer.expect_navigation():
            newcomer.get_by_role("button", name="Pass / unsure").click()
    assert "Schools should teach how cooperatives work" in texts


def test_the_results_show_groups_and_consensus_of_a_real_conversation(
    server: str, seeded: dict[str, int], page: Any
) -> None:
    page.goto(f"{server}/en/questions/{seeded['polis_question']}/results/")

    headings = page.locator("h3[id^=group-]").all_inner_texts()
    assert [h.split(":")[0].strip() for h in headings] == ["Group A", "Group B", "Group C"]
    assert page.locator("svg circle").count() > 10
    agreed = page.locator("section[aria-labelledby=consensus-title] ul").first.locator("li")
    assert agreed.count() == 5
    assert serious_violations(page) == []


def test_the_synthesis_downloads_as_pdf(
    server: str, seeded: dict[str, int], page: Any, tmp_path: Path
) -> None:
    page.goto(f"{server}/en/forums/{seeded['forum']}/synthesis/")
    assert page.locator("h2").all_inner_texts()[:2] == ["Covid + NYC Food Industry", "Local food systems"]

    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)

    assert path.name == "global-virtual-forum-on-sse-2026-synthesis.pdf"
    assert path.read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize(
    "path", ["/en/forums/", "/fr/forums/{forum}/", "/es/questions/{question}/", "/fr/questions/{polis_question}/results/",
             "/es/forums/{forum}/synthesis/"],
)  # fmt: skip
def test_forum_pages_have_no_serious_violations(
    server: str, seeded: dict[str, int], page: Any, path: str
) -> None:
    page.goto(server + path.format(**seeded))
    assert serious_violations(page) == []

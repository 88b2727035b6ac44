"""The directory: every filter of the registry's query, a shareable URL, and results replaced in place by htmx."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def names(html: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/\w\w/actors/\d+/">([^<]+)</a>', html)


@pytest.fixture
def actors() -> None:
    make_actor("GB-BST", name="Bristol Housing", tags=["Housing"], legal_form="L2")
    make_actor("GB-MAN", name="Manchester Housing", tags=["Housing"], kind="mutual")
    make_actor("FR", name="Lyon Food", tags=["Food"], legal_form="L2").sdg_goals.add(2)


def test_legal_form_theme_and_sdg_filters_combine(actors: None) -> None:
    c = Client()

    assert names(c.get("/en/actors/?theme=housing").content.decode()) == [
        "Bristol Housing",
        "Manchester Housing",
    ]
    assert names(c.get("/en/actors/?legal_form=L2&theme=Housing").content.decode()) == ["Bristol Housing"]
    assert names(c.get("/en/actors/?sdg=2").content.decode()) == ["Lyon Food"]
    assert c.get("/en/actors/?sdg=18").status_code == 400


def test_htmx_asks_only_for_the_results_and_the_full_page_stays_shareable(actors: None) -> None:
    c = Client()
    partial = c.get("/es/actors/?theme=Housing&kind=&q=", HTTP_HX_REQUEST="true")
    full = c.get("/es/actors/?theme=Housing&kind=&q=")

    body = partial.content.decode()
    assert (partial.status_code, "<html" in body, names(body)) == (
        200,
        False,
        ["Bristol Housing", "Manchester Housing"],
    )
    assert 'id="directory-status" class="visually-hidden" role="status" hx-swap-oob="true">2 actores' in body
    assert ("HX-Request" in partial["Vary"], "HX-Request" in full["Vary"]) == (True, True)
    assert names(full.content.decode()) == names(body)
    assert "/es/actors/download.csv?theme=Housing" in body  # empty filters make no part of the links


def test_invalid_filters_answer_400_in_the_fragment_too(actors: None) -> None:
    response = Client().get("/fr/actors/?territory=NOPE", HTTP_HX_REQUEST="true")

    assert (response.status_code, "Aucun territoire n&#x27;a ce code." in response.content.decode()) == (
        400,
        True,
    )
    assert "Certains filtres ne sont pas valides" in response.content.decode()


def test_a_place_in_the_words_is_searched_within_and_said_with_a_way_out() -> None:
    make_actor("GB-BST", name="Bristol Housing", tags=["Housing"])
    make_actor("GB-MAN", name="Manchester Housing", tags=["Housing"])
    make_actor("FR", name="Logement Lyon", tags=["Housing"])
    c = Client()

    within = c.get("/es/actors/?q=vivienda+en+Francia").content.decode()
    anywhere = c.get("/es/actors/?q=vivienda+en+Francia&anywhere=1").content.decode()

    assert names(within) == ["Logement Lyon"]
    assert "Búsqueda en Francia: el lugar que nombran sus palabras «Francia»." in within
    assert '<a href="?q=vivienda+en+Francia&amp;anywhere=1">Buscar en todas partes</a>' in within
    assert sorted(names(anywhere)) == ["Bristol Housing", "Logement Lyon", "Manchester Housing"]
    assert "Búsqueda en" not in anywhere


def test_a_count_past_the_ranked_matches_is_said_to_be_an_estimate(monkeypatch: pytest.MonkeyPatch) -> None:
    """More records hold the words than BM25 ranks (``LEXICAL_CAP``, 3 here): the count is estimated (SQLite: from
    the id range the ranked ones span; PostgreSQL: by its planner) and the page says "about"."""
    from django.db import connection

    from minga.knowledge.domain import search

    monkeypatch.setattr(search, "LEXICAL_CAP", 3)
    for n in range(6):
        make_actor(name=f"Orchard {n}")
    status = re.search(r'role="status"[^>]*>([^<]*)<', Client().get("/fr/actors/?q=orchard").content.decode())

    assert status is not None
    if connection.vendor == "sqlite":  # 3 matches over the first 3 of 6 ids → 6
        assert status.group(1) == "environ 6 acteurs"
    else:  # the planner's estimate, never under the cap + 1
        about = re.fullmatch(r"environ (\d+) acteurs", status.group(1))
        assert about is not None and int(about.group(1)) >= 4, status.group(1)
    monkeypatch.setattr(search, "LEXICAL_CAP", 1000)
    status = re.search(r'role="status"[^>]*>([^<]*)<', Client().get("/fr/actors/?q=orchard").content.decode())
    assert status is not None and status.group(1) == "6 acteurs"

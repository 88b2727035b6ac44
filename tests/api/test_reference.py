"""Territories (names by language, subtree counts), vocabularies, SDGs, stats, and the OpenAPI schema and docs."""

from __future__ import annotations

import unicodedata
from typing import Any

import pytest

from tests.api.helpers import client, status
from tests.factories import make_actor, make_initiative

pytestmark = pytest.mark.django_db

REGIONS_FR = [  # the world's children in path order; Antarctica is a country directly under the world in M49
    {"code": "002", "kind": "region", "name": "Afrique", "parent": "001", "m49": "002"},
    {"code": "009", "kind": "region", "name": "Océanie", "parent": "001", "m49": "009"},
    {"code": "019", "kind": "region", "name": "Amériques", "parent": "001", "m49": "019"},
    {"code": "142", "kind": "region", "name": "Asie", "parent": "001", "m49": "142"},
    {"code": "150", "kind": "region", "name": "Europe", "parent": "001", "m49": "150"},
    {"code": "AQ", "kind": "country", "name": "Antarctique", "parent": "001", "m49": "010"},
]


def nfc(value: Any) -> Any:
    """``value`` with every string in Unicode NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: nfc(v) for k, v in value.items()}
    return value


def test_territory_detail_in_spanish_with_subtree_counts_children_and_ancestors() -> None:
    make_actor("GB-BST"), make_actor("GB-MAN"), make_actor("GB"), make_actor("FR")
    make_initiative("GB-BST")
    body = client().get("/api/v1/territories/GB?lang=es").json()

    children = {c["code"]: c for c in body.pop("children")}
    assert body == {
        "code": "GB", "kind": "country", "name": "Reino Unido de Gran Bretaña e Irlanda del Norte", "parent": "154",
        "m49": "826", "iso_alpha3": "GBR",
        "names": {"en": "United Kingdom of Great Britain and Northern Ireland",
                  "es": "Reino Unido de Gran Bretaña e Irlanda del Norte",
                  "fr": "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord"},
        "ancestors": [
            {"code": "001", "kind": "world", "name": "Mundo"},
            {"code": "150", "kind": "region", "name": "Europa"},
            {"code": "154", "kind": "subregion", "name": "Europa septentrional"},
        ],
        "actors": 3, "initiatives": 1,
    }  # fmt: skip
    assert sorted(children) == ["GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS"]
    assert children["GB-ENG"] == {"code": "GB-ENG", "kind": "subdivision", "name": "England", "actors": 2,
                                  "initiatives": 1}  # fmt: skip
    assert (children["GB-SCT"]["actors"], children["GB-SCT"]["initiatives"]) == (0, 0)
    europe = client().get("/api/v1/territories/150?lang=es").json()
    assert (europe["name"], europe["actors"], europe["initiatives"], europe["ancestors"]) == (
        "Europa", 4, 1, [{"code": "001", "kind": "world", "name": "Mundo"}]
    )  # fmt: skip
    assert {c["code"]: c["actors"] for c in europe["children"]} == {"039": 0, "151": 0, "154": 3, "155": 1}
    assert client(HTTP_ACCEPT_LANGUAGE="es").get("/api/v1/territories/150").json()["name"] == "Europa"
    assert client().get("/api/v1/territories/150").json()["name"] == "Europe"
    world = client().get("/api/v1/territories/001").json()
    assert (world["parent"], world["ancestors"], world["actors"]) == (None, [], 4)


def test_territory_list_default_regions_parent_kind_and_search() -> None:
    c = client()

    assert c.get("/api/v1/territories?lang=fr").json() == {
        "count": 6,
        "limit": 50,
        "offset": 0,
        "items": REGIONS_FR,
    }
    england = c.get("/api/v1/territories?parent=GB").json()
    assert [t["code"] for t in england["items"]] == ["GB-ENG", "GB-NIR", "GB-SCT", "GB-WLS"]
    found = c.get("/api/v1/territories?q=alemania&lang=es").json()["items"]
    assert [(t["code"], t["name"]) for t in found] == [("DE", "Alemania")]
    regions_named_afr = c.get("/api/v1/territories?q=afri&kind=region").json()["items"]
    assert [t["code"] for t in regions_named_afr] == ["002"]
    assert c.get("/api/v1/territories?kind=subregion&limit=5").json()["count"] == 17
    assert c.get("/api/v1/territories?kind=planet").status_code == 422


def test_unknown_territory_is_404_with_a_hint() -> None:
    assert status(client().get("/api/v1/territories/ATLANTIS")) == (404, {
        "detail": "No territory with code 'ATLANTIS'.",
        "hint": "Use an M49 region code (150 = Europe), an ISO 3166-1 country code (GB) or an ISO 3166-2 "
        "subdivision code (GB-BST); GET /api/v1/territories lists them.",
    })  # fmt: skip
    assert client().get("/api/v1/territories?parent=ATLANTIS").status_code == 404


def test_vocabularies_and_sdgs() -> None:
    c = client()

    schemes = c.get("/api/v1/vocabularies?lang=es").json()
    assert {s["id"]: s["concepts"] for s in schemes} == {
        "organisational-structure": 25, "activities-ica": 29, "base-membership-type": 6, "legal-form": 5,
        "qualifiers": 23, "themes": 19,
    }  # fmt: skip
    structures = {x["code"]: x for x in c.get("/api/v1/vocabularies/organisational-structure").json()}
    assert structures["OS60"] == {
        "code": "OS60", "uri": "http://purl.org/essglobal/standard/organisational-structure/OS60",
        "labels": {"en": "Workers co-operative", "es": "Cooperativas de trabajo",
                   "fr": "Coopératives de travail associé"},
    }  # fmt: skip
    assert (
        c.get("/api/v1/vocabularies/colours")
        .json()["hint"]
        .startswith("Use one of: organisational-structure")
    )
    goals = c.get("/api/v1/sdg/goals").json()
    assert [(g["number"], g["colour"]) for g in goals[:3]] == [(1, "#E5243B"), (2, "#DDA63A"), (3, "#4C9F38")]
    assert len(goals) == 17
    # NFC: the UN source spells some Spanish accents decomposed ("o" + U+0301)
    goal = nfc(c.get("/api/v1/sdg/goals/8").json())
    assert (goal["colour"], goal["short"]["es"], goal["iri"]) == (
        "#A21942",
        "Trabajo decente y crecimiento económico",
        "http://metadata.un.org/sdg/8",
    )
    target = next(t for t in goal["targets"] if t["code"] == "8.3")
    assert target["indicators"] == [{
        "code": "8.3.1",
        "title": {"en": "Proportion of informal employment in total employment, by sector and sex",
                  "es": "Proporción de empleo informal con respecto al empleo total, desglosada por sector y sexo",
                  "fr": "Proportion de l’emploi informel dans l’emploi total, par secteur et par sexe"},
        "list_version": "UN global indicator framework, 2024 refinement (pre-2025 review)",
    }]  # fmt: skip
    gender = c.get("/api/v1/sdg/goals/5").json()
    assert (gender["colour"], gender["short"]["es"], len(gender["targets"])) == (
        "#FF3A21",
        "Igualdad de Género",
        9,
    )
    assert c.get("/api/v1/sdg/goals/18").status_code == 404


def test_stats_for_a_territory() -> None:
    make_actor("GB-BST", lat=51.4, lon=-2.6), make_actor("GB-MAN", kind="mutual"), make_actor("FR")
    body = client().get("/api/v1/stats?territory=GB").json()

    assert body == {
        "territory": "GB", "actors": 2, "initiatives": 0, "with_coordinates": 1, "placed": 2,
        "by_kind": {"cooperative": 1, "mutual": 1}, "by_country": {"GB": 2},
        "by_subdivision": {"GB-BST": 1, "GB-MAN": 1}, "by_source": {"test": 2},
    }  # fmt: skip
    assert client().get("/api/v1/stats").json()["actors"] == 3
    assert client().get("/api/v1/stats?territory=NOPE").status_code == 404


def test_openapi_documents_paths_and_the_bearer_scheme() -> None:
    schema = client().get("/api/v1/openapi.json").json()

    assert {"/api/v1/actors", "/api/v1/actors/{actor_id}", "/api/v1/actors/{actor_id}/history",
            "/api/v1/initiatives", "/api/v1/territories/{code}", "/api/v1/sdg/goals/{number}",
            "/api/v1/stats"} <= set(schema["paths"])  # fmt: skip
    assert schema["components"]["securitySchemes"]["TokenAuth"]["type"] == "http"
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    actors = schema["paths"]["/api/v1/actors"]
    assert ("security" in actors["get"], actors["post"]["security"]) == (False, [{"TokenAuth": []}])
    assert {"ActorCreate", "ActorUpdate", "ActorPublic", "ActorList"} <= set(schema["components"]["schemas"])


def test_docs_work_offline_with_the_bundled_swagger_ui() -> None:
    c = client()
    docs = c.get("/api/v1/docs")

    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower() and b"https://" not in docs.content
    assert b"/static/ninja/swagger-ui-bundle.js" in docs.content
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-init.js"):
        assert c.get(f"/static/ninja/{asset}").status_code == 200, asset

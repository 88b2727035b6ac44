"""The knowledge engine's search: a full-text index kept by the database on every write path, filters inside
the search, vocabulary labels in every language, semantic matches across languages, odd input that never raises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minga.cli import main
from minga.knowledge.domain import vectors
from minga.knowledge.domain.search import Filters, search
from minga.knowledge.models import Embedding
from minga.registry.domain import records
from minga.registry.domain.imports import import_file
from minga.registry.models import Actor
from tests.api.helpers import client
from tests.factories import make_actor, make_initiative, make_user

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "src" / "minga" / "data" / "demo"


def names(result: Any) -> list[str]:
    return [hit.name for hit in result.results]


def test_the_index_follows_orm_writes_updates_and_deletes() -> None:
    loaf = make_actor("GB-BST", name="Bristol Loaf Co-operative", description={"fr": "Boulangerie ouvrière"})
    make_actor("FR", name="Lyon Food", tags=["Épicerie solidaire"])
    make_initiative("GB-BST", title="Loaves for all", summary={"es": "Pan para todos"})

    assert names(search("loaf")) == ["Bristol Loaf Co-operative"]
    assert names(search("ouvrière")) == ["Bristol Loaf Co-operative"]
    assert names(search("epicerie")) == ["Lyon Food"]  # accents folded
    assert names(search("para todos")) == ["Loaves for all"]
    loaf.name = "Bristol Cake Co-operative"
    loaf.save()
    assert names(search("cake")) == ["Bristol Cake Co-operative"]
    assert names(search("loaf")) == []
    loaf.delete()
    assert search("cake").total == 0


def test_filters_apply_inside_the_search() -> None:
    make_actor("GB-BST", name="Solar Bristol", kind="cooperative")
    make_actor("GB-MAN", name="Solar Manchester", kind="cooperative")
    make_actor("FR", name="Solar Lyon", kind="association")
    make_initiative("FR", title="Solar schools", kind="programme")

    assert names(search("solar", filters=Filters(territory="GB"))) == ["Solar Bristol", "Solar Manchester"]
    assert names(search("solar", filters=Filters(kind="association"))) == ["Solar Lyon"]
    assert names(search("solar", filters=Filters(kind="programme"))) == ["Solar schools"]
    assert search("solar", filters=Filters(territory="GB", kind="association")).total == 0


def test_vocabulary_labels_match_in_every_language() -> None:
    housing = make_actor("GB-BST", name="Leeds Tenants Ltd", primary_activity="ICA210")
    make_actor("GB-BST", name="Leeds Bakery Ltd", primary_activity="ICA10")

    result = search("vivienda leeds")
    assert ([h.name for h in result.results][:1], result.matched_terms) == (
        ["Leeds Tenants Ltd"],
        ["Vivienda"],
    )
    assert result.results[0].why == ["words", "vocabulary"] and result.results[0].id == housing.pk
    assert search("logement").results[0].name == "Leeds Tenants Ltd"  # French label alone


@pytest.mark.parametrize(
    "query",
    [
        '"',
        'bread"',
        "*",
        "NEAR(a b)",
        "-bread",
        "bread AND",
        "OR",
        "'; DROP TABLE x;--",
        "a" * 5000,
        "vivienda en Alemania " * 50_000,  # 1 MB of words a place and glossary reader both match
        "\x00",
        "ñ" * 3,
    ],
)
def test_query_syntax_never_raises(query: str) -> None:
    make_actor("GB-BST", name="Bread and Roses")

    result = search(query)
    assert (result.total >= 0, isinstance(result.results, list)) == (True, True)


def test_the_command_line_prints_the_documented_json(capsys: pytest.CaptureFixture[str]) -> None:
    actor = make_actor("GB-BST", name="Bristol Bread Co-operative", source="coops-uk", source_id="R1")

    assert main(["search", "bristol", "bread", "--json", "--territory", "GB", "--limit", "5"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {
        "total": 1,
        "results": [
            {
                "type": "actor",
                "id": actor.pk,
                "kind": "cooperative",
                "name": "Bristol Bread Co-operative",
                "source": "coops-uk",
                "source_id": "R1",
                "score": out["results"][0]["score"],
            }
        ],
    }
    assert out["results"][0]["score"] > 0
    assert main(["search", "bread", "--territory", "NOPE"]) == 1
    assert "No territory" in capsys.readouterr().err


def test_the_api_answers_with_the_same_engine() -> None:
    make_actor("GB-BST", name="Bristol Bread Co-operative")
    c = client()

    body = c.get("/api/v1/search?q=bread&type=actor").json()
    assert ([r["name"] for r in body["results"]], body["total"], body["semantic"]) == (
        ["Bristol Bread Co-operative"],
        1,
        False,
    )
    assert body["status"] == "semantic search off (MINGA_EMBEDDINGS=0): lexical search only"
    assert [
        c.get(u).status_code for u in ("/api/v1/search?q=x&territory=NOPE", "/api/v1/search?q=x&limit=0")
    ] == [
        404,
        422,
    ]


def test_a_bulk_import_is_searchable_at_once() -> None:
    import_file(DEMO / "kvm" / "search_results.json", format="kvm")

    found = search("Gemeinschaftsgarten", filters=Filters(types=("actor",)))
    assert found.total > 0
    assert {h.source for h in found.results} == {"kvm"}


def test_spanish_finds_english_records_by_meaning(semantic: None) -> None:
    leeds = make_actor("GB-BST", name="Leeds Student Housing Co-operative", tags=["Housing", "Tenants"])
    make_actor("GB-BST", name="Bristol Wholefoods", tags=["Retail", "Food"])
    make_actor("FR", name="Atelier vélo", description={"fr": "Réparation de vélos"})
    assert vectors.embed_pending("actor") == 3
    assert vectors.embed_pending("actor") == 0  # nothing changed, nothing re-embedded

    result = search("alojamiento para estudiantes")
    assert (result.semantic, result.results[0].id, "meaning" in result.results[0].why) == (
        True,
        leeds.pk,
        True,
    )


def test_record_writes_keep_embeddings_in_step(
    semantic: None, django_capture_on_commit_callbacks: Any
) -> None:
    admin = make_user(superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        actor = records.create_actor(
            {"name": "Cycle repair co-op", "kind": "cooperative"}, by=admin, via="api"
        )
    first = Embedding.objects.get(record_type="actor", record_id=actor.pk)
    with django_capture_on_commit_callbacks(execute=True):
        records.update_actor(actor, {"name": "Bicycle repair co-op"}, by=admin, via="api")
    second = Embedding.objects.get(record_type="actor", record_id=actor.pk)
    assert first.text_hash != second.text_hash
    with django_capture_on_commit_callbacks(execute=True):
        records.delete_actor(Actor.objects.get(pk=actor.pk), by=admin, via="api")
    assert Embedding.objects.filter(record_type="actor").count() == 0


def test_the_answer_says_when_its_total_is_an_estimate(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connection

    from minga.knowledge.domain import search as engine

    for n in range(6):
        make_actor(name=f"Orchard {n}")
    monkeypatch.setattr(engine, "LEXICAL_CAP", 3)
    capped = search("orchard", filters=Filters(types=("actor",))).to_dict()
    monkeypatch.setattr(engine, "LEXICAL_CAP", 1000)
    full = search("orchard", filters=Filters(types=("actor",))).to_dict()

    estimated = (
        capped["total"] if connection.vendor == "postgresql" else 6
    )  # PostgreSQL: the planner's figure
    assert (capped["total"], capped["approximate"], full["total"], full["approximate"]) == (
        estimated,
        True,
        6,
        False,
    )
    assert capped["total"] >= 4

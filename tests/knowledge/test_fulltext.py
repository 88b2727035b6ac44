"""The full-text index on the import path: new rows are indexed in one statement before the import commits
(SQLite defers its per-row trigger meanwhile), and every other write path indexes row by row as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from minga.core.errors import MingaError
from minga.knowledge.domain import fulltext
from minga.knowledge.domain.search import Filters, search
from minga.registry.domain.imports import import_file
from minga.registry.models import Actor
from tests.factories import make_actor

pytestmark = pytest.mark.django_db
ACTORS = Filters(types=("actor",))
HEADER = "source_id,name,kind,country_code,description_en,tags\n"


def found(query: str) -> list[str]:
    return sorted(h.name for h in search(query, filters=ACTORS).results)


def deferred_rows() -> list[tuple[str, int]]:
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tbl, after_id FROM {fulltext.DEFERRED}")
        return [tuple(row) for row in cursor.fetchall()]


def write(tmp_path: Path, name: str, rows: list[str]) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_an_import_indexes_its_rows_and_hands_indexing_back_to_the_trigger(tmp_path: Path) -> None:
    make_actor("GB", name="Older Bakery")
    csv = write(
        tmp_path,
        "a.csv",
        [
            "A1,Hebden Bakery,cooperative,GB,Sourdough made by its workers,bread;food",
            "A2,Totnes Brewery,cooperative,GB,Ale from local barley,beer",
        ],
    )
    import_file(csv, format="csv", source="test")
    make_actor("GB", name="Later Bakery")

    assert found("bakery") == ["Hebden Bakery", "Later Bakery", "Older Bakery"]
    assert found("sourdough") == ["Hebden Bakery"]
    assert found("barley beer") == ["Totnes Brewery"]
    assert deferred_rows() == []


def test_a_reimport_reindexes_changed_rows(tmp_path: Path) -> None:
    import_file(write(tmp_path, "a.csv", ["A1,Hebden Bakery,cooperative,GB,,"]), format="csv", source="test")
    import_file(
        write(tmp_path, "b.csv", ["A1,Hebden Patisserie,cooperative,GB,,"]), format="csv", source="test"
    )

    assert found("bakery") == []
    assert found("patisserie") == ["Hebden Patisserie"]
    assert Actor.objects.count() == 1


def test_a_refused_import_leaves_the_index_as_it_was(tmp_path: Path) -> None:
    import_file(write(tmp_path, "a.csv", ["A1,Hebden Bakery,cooperative,GB,,"]), format="csv", source="test")
    bad = write(tmp_path, "bad.csv", ["B1,Totnes Brewery,cooperative,GB,,", "B2,,cooperative,GB,,"])

    with pytest.raises(MingaError):
        import_file(bad, format="csv", source="test")

    assert found("brewery") == []
    assert found("bakery") == ["Hebden Bakery"]
    assert deferred_rows() == []
    make_actor("GB", name="Totnes Brewery")
    assert found("brewery") == ["Totnes Brewery"]


def test_a_dry_run_indexes_nothing(tmp_path: Path) -> None:
    import_file(write(tmp_path, "a.csv", ["A1,Hebden Bakery,cooperative,GB,,"]), format="csv", dry_run=True)

    assert found("bakery") == []
    assert deferred_rows() == []


def test_matches_beyond_the_cap_are_ranked_among_the_first_and_counted_by_estimate() -> None:
    """Forty actors, every second one a garden: with a cap of 10 only the first ten gardens (in id order) are ranked,
    and their total is estimated (SQLite: from how far into the id range those ten reach); under the cap it is
    exact."""
    actors = [
        make_actor(name=f"Garden {n}", description={"en": "garden " * (n % 3)})
        if n % 2 == 0
        else make_actor(name=f"Bakery {n}")
        for n in range(40)
    ]
    gardens = [a.pk for a in actors[::2]]
    total, ranked = fulltext.lexical("actor", ["garden"], limit=50, cap=10)
    if connection.vendor == "sqlite":
        # the 10th garden is the 19th actor: 10 matches over 19 ids of 40 → 10 × 40 / 19 = 21.05
        assert (total, sorted(i for i, _ in ranked)) == (21, gardens[:10])
    else:  # PostgreSQL: the planner's estimate (never under the cap + 1); it ranks the first ``cap`` it returns
        assert (total >= 11, fulltext.is_estimate(total, 10), len(ranked)) == (True, True, 10)
    total, ranked = fulltext.lexical("actor", ["garden"], limit=50, cap=100)
    assert (total, sorted(i for i, _ in ranked)) == (20, gardens)

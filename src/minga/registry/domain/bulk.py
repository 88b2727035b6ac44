"""Bulk writes for imports: plain ``executemany`` on the Django connection, inside the caller's transaction.

The ORM's per-object overhead would dominate at a million rows; these functions build parameter tuples once and
hand them to the driver, and write one audit entry per created or changed actor.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from django.db import connection
from django.utils import timezone

from minga.core import audit
from minga.registry.domain.rows import DATE_FIELDS, FIELDS, JSON_FIELDS, Record, content_hash
from minga.registry.domain.stats import subdivision_of
from minga.registry.models import Actor, ImportRun
from minga.territories.models import Territory

if TYPE_CHECKING:
    from minga.registry.domain.imports import ImportReport
    from minga.registry.domain.placement import Placer
    from minga.registry.importers import ReaderSpec

CHUNK = 5000
PROVENANCE = (
    "territory_id",
    "territory_path",
    "source",
    "source_id",
    "license",
    "attribution",
    "content_hash",
)
STAMPS = ("imported_at", "created_at", "updated_at")
INSERT_COLUMNS = ("id", *FIELDS, *PROVENANCE, *STAMPS)
UPDATE_COLUMNS = (*FIELDS, "territory_id", "territory_path", "license", "attribution", "content_hash")
Placed = tuple[Record, dict[str, Any], Territory | None]


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, or of a folder's files (names and contents, in name order)."""
    digest = hashlib.sha256()
    for file in sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]:
        if path.is_dir():
            digest.update(file.name.encode("utf-8") + b"\0")
        with file.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _placeholders(columns: Sequence[str]) -> list[str]:
    jsonb = connection.vendor == "postgresql"
    return ["%s::jsonb" if jsonb and c in JSON_FIELDS else "%s" for c in columns]


_JSON_AT = [
    (i, "{}" if name in ("description", "social") else "[]")
    for i, name in enumerate(FIELDS)
    if name in JSON_FIELDS
]
_DATE_AT = [i for i, name in enumerate(FIELDS) if name in DATE_FIELDS]


def _adapt(values: dict[str, Any], date_adapter: Any) -> list[Any]:
    out = [values[name] for name in FIELDS]
    for i, empty in _JSON_AT:
        out[i] = orjson.dumps(out[i]).decode() if out[i] else empty
    for i in _DATE_AT:
        if out[i] is not None:
            out[i] = date_adapter(out[i])
    return out


class ActorWriter:
    """Writes placed records in chunks: new actors inserted, changed ones updated, unchanged ones counted.

    Lives inside the caller's transaction. Side effects: writes ``registry_actor``, new localities and one
    ``core_auditentry`` row per created or changed actor; keeps ``report``'s counts.
    """

    def __init__(
        self, *, report: ImportReport, spec: ReaderSpec, run: ImportRun, placer: Placer, by: Any, via: str
    ) -> None:
        self.report, self.spec, self.run, self.placer, self.via = report, spec, run, placer, via
        self.user_id = by.pk if getattr(by, "pk", None) else None
        self.table = Actor._meta.db_table
        self.existing = {
            sid: (pk, digest)
            for sid, pk, digest in Actor.objects.filter(source=report.source).values_list(
                "source_id", "id", "content_hash"
            )
        }
        self.now = connection.ops.adapt_datetimefield_value(timezone.now())
        self.adapt_date = connection.ops.adapt_datefield_value
        self.in_subdivision: dict[int, bool] = {}
        columns = ", ".join(INSERT_COLUMNS)
        self.insert = (
            f"INSERT INTO {self.table} ({columns}) VALUES ({', '.join(_placeholders(INSERT_COLUMNS))})"
        )
        sets = ", ".join(
            f"{c} = {p}" for c, p in zip(UPDATE_COLUMNS, _placeholders(UPDATE_COLUMNS), strict=True)
        )
        self.update = f"UPDATE {self.table} SET {sets}, imported_at = %s, updated_at = %s WHERE id = %s"

    def _counted(self, values: dict[str, Any], territory: Territory | None) -> None:
        self.report.with_coordinates += values["lat"] is not None
        if territory is not None:
            known = self.in_subdivision.get(territory.id)
            if known is None:
                known = self.in_subdivision[territory.id] = subdivision_of(territory.path) is not None
            self.report.placed_in_subdivision += known

    def write(self, batch: Sequence[Placed]) -> None:
        """Write one chunk of placed records."""
        if not batch:
            return
        self.report.localities_created += self.placer.save_new_localities()
        spec, now = self.spec, self.now
        new_rows: list[list[Any]] = []
        created: list[dict[str, Any]] = []
        changed: list[tuple[int, dict[str, Any], list[Any]]] = []
        for _record, values, territory in batch:
            self._counted(values, territory)
            digest = content_hash(
                values, (territory.code if territory else "", spec.license, spec.attribution)
            )
            sid = values["source_id"]
            place = [territory.id, territory.path] if territory else [None, ""]
            known = self.existing.get(sid)
            if known is None:
                provenance = [*place, self.report.source, sid, spec.license, spec.attribution, digest]
                new_rows.append([None, *_adapt(values, self.adapt_date), *provenance, now, now, now])
                created.append(values)
            elif known[1] != digest:
                params = [*_adapt(values, self.adapt_date), *place, spec.license, spec.attribution, digest]
                changed.append((known[0], values, params))
            else:
                self.report.unchanged += 1
        with connection.cursor() as cursor:
            if new_rows:
                for row, pk in zip(new_rows, _reserve_ids(cursor, self.table, len(new_rows)), strict=True):
                    row[0] = pk
                cursor.executemany(self.insert, new_rows)
                _audit_created(cursor, new_rows, created, run=self.run, user_id=self.user_id, via=self.via)
            if changed:
                _audit_updated(cursor, changed, run=self.run, user_id=self.user_id, via=self.via)
                cursor.executemany(self.update, [[*params, now, now, pk] for pk, _v, params in changed])
        self.report.created += len(new_rows)
        self.report.updated += len(changed)


def _code(path: str) -> str | None:
    """The territory code at the end of a path (what the audit trail shows)."""
    return path.rstrip("/").rsplit("/", 1)[-1] if path else None


def _reserve_ids(cursor: Any, table: str, count: int) -> list[int] | range:
    """Ids for ``count`` new rows, taken inside the caller's write transaction (so nobody else takes them)."""
    if count == 0:
        return []
    if connection.vendor == "postgresql":
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
        )
        return [row[0] for row in cursor.fetchall()]
    # SQLite: AUTOINCREMENT never reuses an id, so start above both the largest id and the sequence
    cursor.execute(
        f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), "
        f"COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
        [table],
    )
    first = int(cursor.fetchone()[0]) + 1
    return range(first, first + count)


def _audit_created(
    cursor: Any,
    rows: list[list[Any]],
    created: list[dict[str, Any]],
    *,
    run: ImportRun,
    user_id: int | None,
    via: str,
) -> None:
    path_at = INSERT_COLUMNS.index("territory_path")
    entries = []
    for row, values in zip(rows, created, strict=True):
        changes = {name: [None, value] for name, value in values.items() if value or value == 0}
        if row[path_at]:
            changes["territory"] = [None, _code(row[path_at])]
        entries.append(("create", "registry.actor", row[0], values["name"], changes))
    _insert_audit(cursor, entries, run=run, user_id=user_id, via=via)


def _audit_updated(
    cursor: Any,
    chunk: Sequence[tuple[int, dict[str, Any], list[Any]]],
    *,
    run: ImportRun,
    user_id: int | None,
    via: str,
) -> None:
    old = {
        row["id"]: row
        for row in Actor.objects.filter(pk__in=[pk for pk, _v, _p in chunk]).values(
            "id", *FIELDS, "territory_path"
        )
    }
    entries = []
    for pk, values, params in chunk:
        before = {k: audit.to_jsonable(old[pk][k]) for k in FIELDS}
        before["territory"] = _code(old[pk]["territory_path"])
        after = {k: audit.to_jsonable(values[k]) for k in FIELDS}
        after["territory"] = _code(params[len(FIELDS) + 1])
        entries.append(("update", "registry.actor", pk, values["name"], audit.diff(before, after)))
    _insert_audit(cursor, entries, run=run, user_id=user_id, via=via)


def _insert_audit(cursor: Any, entries: list[Any], *, run: ImportRun, user_id: int | None, via: str) -> None:
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    rows = audit.audit_rows(entries, user_id=user_id, via=via, import_run_id=run.pk, at=at)
    sql = audit.bulk_sql(connection.vendor)
    for chunk in _chunks(rows):
        cursor.executemany(sql, chunk)

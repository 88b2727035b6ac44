"""The audit trail: who changed what, when, from what to what, and through which path.

Every domain write function calls :func:`record` (or :func:`record_many` for imports) inside its transaction, so an
audit entry exists exactly when the change it describes was committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import orjson
from django.db import models
from django.utils import timezone

from minga.core.models import AuditEntry


def to_jsonable(value: Any) -> Any:
    """Turn a field value into what JSON can hold (dates as ISO strings, model instances as their pk)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The JSON-able values of ``fields`` on ``instance`` (foreign keys by id)."""
    out: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        out[name] = to_jsonable(getattr(instance, attname))
    return out


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value differs, as ``{field: [old, new]}``; empty values on both sides are equal."""
    changes: dict[str, list[Any]] = {}
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key), new.get(key)
        if _empty(before) and _empty(after):
            continue
        if before != after:
            changes[key] = [before, after]
    return changes


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def record(
    *,
    action: str,
    instance: models.Model,
    changes: Mapping[str, Any],
    by: Any,
    via: str,
    import_run_id: int | None = None,
) -> AuditEntry:
    """Write one audit entry for ``instance``. Side effect: one row in ``core_auditentry``."""
    return AuditEntry.objects.create(
        at=timezone.now(),
        user=by if getattr(by, "pk", None) else None,
        via=via,
        action=action,
        model=instance._meta.label_lower,
        object_id=instance.pk,
        object_repr=str(instance)[:300],
        changes=dict(changes),
        import_run_id=import_run_id,
    )


def audit_rows(
    entries: Iterable[tuple[str, str, str, str, Mapping[str, Any]]],
    *,
    user_id: int | None,
    via: str,
    import_run_id: int | None,
    at: Any,
) -> list[tuple[Any, ...]]:
    """Rows for a bulk insert of audit entries: (action, model, object_id, repr, changes) → column tuples.

    ``at`` is the time already adapted for the database. JSON is serialised here once; PostgreSQL gets it as
    a ``jsonb`` cast in the SQL (see :func:`bulk_sql`).
    """
    return [
        (
            at,
            user_id,
            via,
            action,
            model,
            object_id,
            repr_[:300],
            orjson.dumps(changes, default=str).decode(),
            import_run_id,
        )
        for action, model, object_id, repr_, changes in entries
    ]


def bulk_sql(vendor: str) -> str:
    """INSERT statement matching :func:`audit_rows`."""
    table = AuditEntry._meta.db_table
    cast = "::jsonb" if vendor == "postgresql" else ""
    return (
        f"INSERT INTO {table} (at, user_id, via, action, model, object_id, object_repr, changes, import_run_id) "
        f"VALUES (%s, %s, %s, %s, %s, %s, %s, %s{cast}, %s)"
    )


def history(instance: models.Model) -> models.QuerySet[AuditEntry]:
    """All audit entries of one record, newest first."""
    return AuditEntry.objects.filter(model=instance._meta.label_lower, object_id=instance.pk)

"""Single-record writes for actors and initiatives: the path shared by the admin, the API and the web.

Each function checks permissions (``minga.core.permissions``), validates, writes in one transaction and records
the audit entry. Callers never save these models themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from minga.core import audit
from minga.core.errors import NotFound, ValidationFailed
from minga.core.permissions import (
    can_create,
    can_delete_actor,
    can_delete_initiative,
    can_edit_actor,
    can_edit_initiative,
    require,
)
from minga.registry.domain.rows import RowError, clean
from minga.registry.models import Actor, Initiative
from minga.registry.signals import record_written
from minga.territories.domain.queries import get_territory
from minga.territories.models import Territory

ACTOR_FIELDS = (
    "name", "kind", "description", "organisational_structure", "primary_activity", "activities", "membership_type",
    "legal_form", "legal_form_local", "qualifiers", "themes", "tags", "website", "email", "phone", "social",
    "street_address", "locality_name", "postcode", "country_code", "lat", "lon", "founded_on", "dissolved_on",
    "members", "workers_women", "workers_men", "workers_other", "status", "territory",
)  # fmt: skip
AUDITED_ACTOR_FIELDS = (*ACTOR_FIELDS, "source", "source_id", "license")


def _snapshot(instance: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """Audit values, with the territory as its code (ids mean nothing to a reader of the history)."""
    out = audit.snapshot(instance, [f for f in fields if f != "territory"])
    territory = getattr(instance, "territory", None)
    out["territory"] = territory.code if territory is not None else None
    return out


INITIATIVE_FIELDS = (
    "title", "kind", "summary", "problem", "approach", "results", "replicability_notes", "evidence_links",
    "themes", "territory", "starts_on", "ends_on",
)  # fmt: skip


def _territory(value: Any) -> Territory | None:
    if value in (None, ""):
        return None
    if isinstance(value, Territory):
        return value
    try:
        return get_territory(str(value))
    except NotFound as err:
        raise ValidationFailed({"territory": [err.message]}, hint=err.hint) from None


def _validate_actor(actor: Actor) -> None:
    given = {f: getattr(actor, f) for f in ACTOR_FIELDS if f != "territory"}
    try:
        values = clean(given)
    except RowError as err:
        raise ValidationFailed({err.field: [err.reason]}) from None
    for name, what in (("website", "an http(s) address"), ("email", "an e-mail address")):
        if given[name] and not values[name]:  # imports drop such values; a person editing one must hear of it
            raise ValidationFailed({name: [f"{given[name]!r} is not {what}"]})
    for name, value in values.items():
        setattr(actor, name, value)
    try:
        actor.full_clean(exclude=["territory", "content_hash", "territory_path"], validate_unique=False)
    except ValidationError as err:
        raise ValidationFailed({k: [str(m) for m in v] for k, v in err.message_dict.items()}) from None


def _assign(instance: models.Model, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValidationFailed({name: ["not a field that can be set"] for name in unknown})
    for name, value in data.items():
        if name == "territory":
            territory = _territory(value)
            instance.territory = territory  # type: ignore[attr-defined]
            instance.territory_path = territory.path if territory else ""  # type: ignore[attr-defined]
        else:
            setattr(instance, name, value)


@dataclass(frozen=True)
class _Kind:
    """What differs between actors and initiatives on the shared write path."""

    noun: str
    fields: tuple[str, ...]
    audited: tuple[str, ...]
    validate: Callable[[Any], None]
    can_edit: Callable[..., bool]
    can_delete: Callable[[Any, Any], bool]


def _validate_initiative(initiative: Initiative) -> None:
    try:
        initiative.full_clean(exclude=["territory", "territory_path"], validate_unique=False)
    except ValidationError as err:
        raise ValidationFailed({k: [str(m) for m in v] for k, v in err.message_dict.items()}) from None


ACTOR = _Kind("actor", ACTOR_FIELDS, AUDITED_ACTOR_FIELDS, _validate_actor, can_edit_actor, can_delete_actor)
INITIATIVE = _Kind(
    "initiative",
    INITIATIVE_FIELDS,
    INITIATIVE_FIELDS,
    _validate_initiative,
    can_edit_initiative,
    can_delete_initiative,
)


def _announce(kind: _Kind, record_id: int, action: str) -> None:
    """Tell listeners (the knowledge engine) once the write has committed."""
    transaction.on_commit(
        lambda: record_written.send(sender=_Kind, kind=kind.noun, record_id=record_id, action=action)
    )


def _create(kind: _Kind, instance: Any, data: Mapping[str, Any], *, by: Any, via: str) -> Any:
    _assign(instance, data, kind.fields)
    require(can_create(by, territory_path=instance.territory_path), f"create an {kind.noun} here")
    kind.validate(instance)
    instance.save()
    changes = audit.diff({}, _snapshot(instance, kind.audited))
    audit.record(action="create", instance=instance, changes=changes, by=by, via=via)
    _announce(kind, instance.pk, "create")
    return instance


def _update(kind: _Kind, instance: Any, data: Mapping[str, Any], *, by: Any, via: str) -> Any:
    before = _snapshot(instance, kind.audited)
    old_path = instance.territory_path
    _assign(instance, data, kind.fields)
    new_path, instance.territory_path = (
        instance.territory_path,
        old_path,
    )  # permission is judged where it stands
    require(kind.can_edit(by, instance, new_territory_path=new_path), f"edit this {kind.noun}")
    instance.territory_path = new_path
    kind.validate(instance)
    changes = audit.diff(before, _snapshot(instance, kind.audited))
    if changes:
        instance.save()
        audit.record(action="update", instance=instance, changes=changes, by=by, via=via)
        _announce(kind, instance.pk, "update")
    return instance


def _delete(kind: _Kind, instance: Any, *, by: Any, via: str) -> None:
    require(kind.can_delete(by, instance), f"delete this {kind.noun}")
    last = _snapshot(instance, kind.audited)
    audit.record(action="delete", instance=instance, changes=audit.diff(last, {}), by=by, via=via)
    _announce(kind, instance.pk, "delete")
    instance.delete()


@transaction.atomic
def create_actor(data: Mapping[str, Any], *, by: Any, via: str) -> Actor:
    """Create an actor from ``data`` (field → value; ``territory`` as a code). Side effects: actor + audit rows."""
    actor = Actor(source=str(data.get("source") or "manual"))
    result: Actor = _create(ACTOR, actor, {k: v for k, v in data.items() if k != "source"}, by=by, via=via)
    return result


@transaction.atomic
def update_actor(actor: Actor, data: Mapping[str, Any], *, by: Any, via: str) -> Actor:
    """Change the fields in ``data``. Side effects: actor row update + one audit entry (if anything changed)."""
    result: Actor = _update(ACTOR, actor, data, by=by, via=via)
    return result


@transaction.atomic
def delete_actor(actor: Actor, *, by: Any, via: str) -> None:
    """Delete ``actor``. Side effects: removes the row; the audit entry keeps its last values."""
    _delete(ACTOR, actor, by=by, via=via)


@transaction.atomic
def create_initiative(data: Mapping[str, Any], *, by: Any, via: str) -> Initiative:
    """Create an initiative. Side effects: initiative + audit rows."""
    result: Initiative = _create(INITIATIVE, Initiative(), data, by=by, via=via)
    return result


@transaction.atomic
def update_initiative(initiative: Initiative, data: Mapping[str, Any], *, by: Any, via: str) -> Initiative:
    """Change the fields in ``data``. Side effects: initiative row update + one audit entry (if anything changed)."""
    result: Initiative = _update(INITIATIVE, initiative, data, by=by, via=via)
    return result


@transaction.atomic
def delete_initiative(initiative: Initiative, *, by: Any, via: str) -> None:
    """Delete ``initiative``. Side effects: removes the row; the audit entry keeps its last values."""
    _delete(INITIATIVE, initiative, by=by, via=via)

"""Single-record writes for actors and initiatives: the path shared by the admin, the API and the web.

Each function checks permissions (``minga.core.permissions``), validates, writes in one transaction and records
the audit entry. Callers never save these models themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
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


@transaction.atomic
def create_actor(data: Mapping[str, Any], *, by: Any, via: str) -> Actor:
    """Create an actor from ``data`` (field → value; ``territory`` as a code). Side effects: actor + audit rows."""
    actor = Actor(source=str(data.get("source") or "manual"))
    _assign(actor, {k: v for k, v in data.items() if k not in ("source",)}, ACTOR_FIELDS)
    require(can_create(by, territory_path=actor.territory_path), "create an actor here")
    _validate_actor(actor)
    actor.save()
    record = audit.diff({}, _snapshot(actor, AUDITED_ACTOR_FIELDS))
    audit.record(action="create", instance=actor, changes=record, by=by, via=via)
    return actor


@transaction.atomic
def update_actor(actor: Actor, data: Mapping[str, Any], *, by: Any, via: str) -> Actor:
    """Change the fields in ``data``. Side effects: actor row update + one audit entry (if anything changed)."""
    before = _snapshot(actor, AUDITED_ACTOR_FIELDS)
    old_path = actor.territory_path
    _assign(actor, data, ACTOR_FIELDS)
    new_path = actor.territory_path
    actor.territory_path = old_path
    require(can_edit_actor(by, actor, new_territory_path=new_path), "edit this actor")
    actor.territory_path = new_path
    _validate_actor(actor)
    changes = audit.diff(before, _snapshot(actor, AUDITED_ACTOR_FIELDS))
    if changes:
        actor.save()
        audit.record(action="update", instance=actor, changes=changes, by=by, via=via)
    return actor


@transaction.atomic
def delete_actor(actor: Actor, *, by: Any, via: str) -> None:
    """Delete ``actor``. Side effects: removes the row; the audit entry keeps its last values."""
    require(can_delete_actor(by, actor), "delete this actor")
    last = _snapshot(actor, AUDITED_ACTOR_FIELDS)
    audit.record(action="delete", instance=actor, changes=audit.diff(last, {}), by=by, via=via)
    actor.delete()


def _validate_initiative(initiative: Initiative) -> None:
    try:
        initiative.full_clean(exclude=["territory", "territory_path"], validate_unique=False)
    except ValidationError as err:
        raise ValidationFailed({k: [str(m) for m in v] for k, v in err.message_dict.items()}) from None


@transaction.atomic
def create_initiative(data: Mapping[str, Any], *, by: Any, via: str) -> Initiative:
    """Create an initiative. Side effects: initiative + audit rows."""
    initiative = Initiative()
    _assign(initiative, data, INITIATIVE_FIELDS)
    require(can_create(by, territory_path=initiative.territory_path), "create an initiative here")
    _validate_initiative(initiative)
    initiative.save()
    changes = audit.diff({}, _snapshot(initiative, INITIATIVE_FIELDS))
    audit.record(action="create", instance=initiative, changes=changes, by=by, via=via)
    return initiative


@transaction.atomic
def update_initiative(initiative: Initiative, data: Mapping[str, Any], *, by: Any, via: str) -> Initiative:
    """Change the fields in ``data``. Side effects: initiative row update + one audit entry."""
    before = _snapshot(initiative, INITIATIVE_FIELDS)
    old_path = initiative.territory_path
    _assign(initiative, data, INITIATIVE_FIELDS)
    new_path = initiative.territory_path
    initiative.territory_path = old_path
    require(can_edit_initiative(by, initiative, new_territory_path=new_path), "edit this initiative")
    initiative.territory_path = new_path
    _validate_initiative(initiative)
    changes = audit.diff(before, _snapshot(initiative, INITIATIVE_FIELDS))
    if changes:
        initiative.save()
        audit.record(action="update", instance=initiative, changes=changes, by=by, via=via)
    return initiative


@transaction.atomic
def delete_initiative(initiative: Initiative, *, by: Any, via: str) -> None:
    require(can_delete_initiative(by, initiative), "delete this initiative")
    last = _snapshot(initiative, INITIATIVE_FIELDS)
    audit.record(action="delete", instance=initiative, changes=audit.diff(last, {}), by=by, via=via)
    initiative.delete()

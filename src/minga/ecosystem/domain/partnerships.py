"""Partnerships and their co-financing (who put in what: public, private, community, international money, and the
leverage of the public part), and the replication of practices: an initiative's lineage as a tree, and how far it
spread (counts by level, countries reached)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from minga.core import audit
from minga.core.errors import NotFound, ValidationFailed
from minga.core.permissions import can_create_somewhere, require
from minga.ecosystem.domain import rules
from minga.ecosystem.domain.quadrants import CIVIL_SOCIETY, GLOBAL, PRIVATE, PUBLIC, SSE, quadrant
from minga.ecosystem.models import FundingSource, Partnership, PartnershipMember, Relation, RelationType
from minga.registry.models import Actor, Initiative
from minga.territories.models import Territory

#: the source of a member's money when it does not say: read from its quadrant
SOURCE_OF_QUADRANT = {PUBLIC: FundingSource.PUBLIC, PRIVATE: FundingSource.PRIVATE, SSE: FundingSource.COMMUNITY,
                      CIVIL_SOCIETY: FundingSource.COMMUNITY, GLOBAL: FundingSource.INTERNATIONAL}  # fmt: skip


def create_partnership(
    data: Mapping[str, Any], members: Sequence[Mapping[str, Any]], *, by: Any, via: str
) -> Partnership:
    """A partnership of at least two actors, each ``{"actor": id, "role": str, "contribution": "1000.00",
    "source": "public" | …}`` (contribution and source optional; the source defaults to the actor's quadrant's).
    Permission: administrators and territory stewards. Side effects: the partnership, members, audit entry."""
    require(can_create_somewhere(by), "record partnerships")
    errors: dict[str, list[str]] = {}
    if not str(data.get("name") or "").strip():
        errors["name"] = ["a partnership needs a name"]
    currency = str(data.get("currency") or "").upper()
    contributions = [m for m in members if m.get("contribution") not in (None, "")]
    if contributions and currency not in rules.currencies():
        errors["currency"] = [f"{currency!r} is not an ISO 4217 code (needed with contributions)"]
    ids = [int(m["actor"]) for m in members]
    actors = {a.pk: a for a in Actor.objects.filter(pk__in=ids)}
    if len(set(ids)) < 2:
        errors["members"] = ["a partnership has at least two different actors"]
    missing = sorted(set(ids) - set(actors))
    if missing:
        errors.setdefault("members", []).append(f"no actor with id {', '.join(map(str, missing))}")
    targets = list(data.get("sdg_targets") or [])
    from minga.vocab.models import SdgTarget

    unknown = sorted(
        set(targets) - set(SdgTarget.objects.filter(code__in=targets).values_list("code", flat=True))
    )
    if unknown:
        errors["sdg_targets"] = [f"unknown: {', '.join(unknown)}"]
    rows = []
    for m in members:
        amount = None
        if m.get("contribution") not in (None, ""):
            try:
                amount = rules.parse_amount(str(m["contribution"]))
            except ValueError as err:
                errors.setdefault("members", []).append(f"actor {m['actor']}: {err}")
        source = str(m.get("source") or "")
        if source and source not in FundingSource.values:
            errors.setdefault("members", []).append(f"actor {m['actor']}: source {source!r} is not one of "
                                                    f"{', '.join(FundingSource.values)}")  # fmt: skip
        rows.append((int(m["actor"]), str(m.get("role") or "")[:60], amount, source))
    territory = None
    if data.get("territory"):
        territory = Territory.objects.filter(code=data["territory"]).first()
        if territory is None:
            errors["territory"] = [f"no territory {data['territory']!r}"]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        partnership = Partnership.objects.create(
            name=str(data["name"])[:300], purpose=dict(data.get("purpose") or {}), sdg_targets=targets,
            territory=territory, currency=currency, starts_on=data.get("starts_on"), ends_on=data.get("ends_on"),
        )  # fmt: skip
        for actor_id, role, amount, source in rows:
            PartnershipMember.objects.create(
                partnership=partnership, actor_id=actor_id, role=role, contribution=amount,
                source=source or (SOURCE_OF_QUADRANT[quadrant(actors[actor_id].kind)] if amount is not None else ""),
            )  # fmt: skip
        audit.record(action="create", instance=partnership, by=by, via=via,
                     changes={"name": [None, partnership.name], "members": [None, sorted(set(ids))]})  # fmt: skip
    return partnership


def cofinancing(partnership: Partnership) -> dict[str, Any]:
    """Who put in what: sums by source and by member, the public share, and the leverage of public money (every
    unit of public money brought this many units from the other sources)."""
    by_source = dict.fromkeys(FundingSource.values, Decimal("0.00"))
    members = []
    for m in partnership.members.select_related("actor").order_by("id"):
        if m.contribution is not None:
            by_source[m.source] += m.contribution
        members.append({"actor": m.actor_id, "name": m.actor.name, "role": m.role, "quadrant": quadrant(m.actor.kind),
                        "source": m.source, "contribution": None if m.contribution is None else f"{m.contribution:.2f}"})  # fmt: skip
    total = sum(by_source.values(), Decimal("0.00"))
    public = by_source[FundingSource.PUBLIC]
    return {
        "partnership": {"id": partnership.pk, "name": partnership.name, "currency": partnership.currency},
        "members": members,
        "by_source": {k: f"{v:.2f}" for k, v in by_source.items()},
        "total": f"{total:.2f}",
        "public_share": None if not total else round(float(public / total), 4),
        "leverage": None if not public else round(float((total - public) / public), 4),
    }


def lineage(initiative_id: int) -> dict[str, Any]:
    """The replication tree an initiative belongs to, from the original practice down (``replicates`` ties point
    from the copy to what it adapts), and its spread: initiatives, countries reached, counts by territory level."""
    if not Initiative.objects.filter(pk=initiative_id).exists():
        raise NotFound(
            f"No initiative with id {initiative_id}.", hint="List them with GET /api/v1/initiatives."
        )
    parent: dict[int, int] = {}
    children: dict[int, list[int]] = defaultdict(list)
    notes: dict[int, str] = {}
    for copy, original, note in (
        Relation.objects.filter(type=RelationType.REPLICATES)
        .values_list("from_initiative_id", "to_initiative_id", "note")
        .order_by("id")
    ):
        parent.setdefault(copy, original)
        children[original].append(copy)
        notes[copy] = note
    root, seen = initiative_id, {initiative_id}
    while root in parent and parent[root] not in seen:  # imports refuse cycles; the guard costs nothing
        root = parent[root]
        seen.add(root)
    members, frontier = [root], [root]
    while frontier:
        frontier = [c for n in frontier for c in children.get(n, []) if c not in members]
        members.extend(frontier)
    facts = {i.pk: i for i in Initiative.objects.filter(pk__in=members).select_related("territory")}

    def node(pk: int, depth: int) -> dict[str, Any]:
        i = facts[pk]
        return {"id": pk, "title": i.title, "stage": i.stage, "territory": i.territory.code if i.territory else None,
                "adapted": notes.get(pk, "") if pk != root else "", "generation": depth,
                "replications": [node(c, depth + 1) for c in children.get(pk, []) if c in facts]}  # fmt: skip

    return {"root": node(root, 0), "spread": spread(list(facts.values()))}


def spread(initiatives: Sequence[Initiative]) -> dict[str, Any]:
    """How far a set of initiatives reached: at each level of the territory tree, how many distinct territories
    hold one (each initiative counted in its deepest territory of that level: Bristol, not also England), the
    countries, and how many of the initiatives each country holds."""
    paths = [i.territory.path.strip("/").split("/") for i in initiatives if i.territory]
    kinds = dict(Territory.objects.filter(code__in={c for p in paths for c in p}).values_list("code", "kind"))
    levels: dict[str, set[str]] = defaultdict(set)
    per_country: dict[str, int] = defaultdict(int)
    for path in paths:
        deepest: dict[str, str] = {}
        for code in path:  # root first: a later (deeper) territory of the same kind wins
            deepest[kinds.get(code, "locality")] = code
        for level, code in deepest.items():
            levels[level].add(code)
        if "country" in deepest:
            per_country[deepest["country"]] += 1
    by_level = {level: len(levels.get(level, set())) for level in
                ("locality", "subdivision", "country", "intermediate", "subregion", "region", "world")}  # fmt: skip
    return {
        "initiatives": len(initiatives),
        "by_level": by_level,
        "countries": sorted(levels.get("country", set())),
        "by_country": dict(sorted(per_country.items())),
    }

"""Relations in the JSON-LD export: ``member_of`` as schema.org ``memberOf`` on the member, ``funds`` as a schema.org
``MonetaryGrant`` (``funder``, ``fundedItem``, ``amount`` as a ``MonetaryAmount`` with its ISO 4217 currency,
``startDate``/``endDate``), every other type as a ``minga:Relation`` node with its type and ends. Only relations
whose two ends are actors of the export are written (initiatives are not exported yet)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from minga.ecosystem.models import Relation, RelationType

BATCH = 900


def relation_nodes(exported: set[int]) -> Iterator[dict[str, Any]]:
    """JSON-LD nodes for the relations between ``exported`` actors."""
    ids = sorted(exported)
    seen: set[int] = set()
    for start in range(0, len(ids), BATCH):
        rows = Relation.objects.filter(
            from_actor_id__in=ids[start : start + BATCH], to_actor__isnull=False
        ).order_by("id")
        for r in rows.iterator(chunk_size=2000):
            if r.to_actor_id not in exported or r.pk in seen:
                continue
            seen.add(r.pk)
            origin, target = f"_:actor{r.from_actor_id}", f"_:actor{r.to_actor_id}"
            if r.type == RelationType.MEMBER_OF:
                yield {"@id": origin, "memberOf": target}
                continue
            node: dict[str, Any] = {"@id": f"_:relation{r.pk}"}
            if r.type == RelationType.FUNDS:
                node |= {"@type": "MonetaryGrant", "funder": origin, "fundedItem": target}
                if r.amount is not None:
                    node["amount"] = {
                        "@type": "MonetaryAmount",
                        "value": f"{r.amount:.2f}",
                        "currency": r.currency,
                    }
                if r.instrument:
                    node["minga:instrument"] = r.instrument
            else:
                node |= {"@type": "minga:Relation", "minga:relationType": r.type, "minga:from": {"@id": origin},
                         "minga:to": {"@id": target}}  # fmt: skip
            if r.start_date:
                node["startDate"] = r.start_date.isoformat()
            if r.end_date:
                node["endDate"] = r.end_date.isoformat()
            node["identifier"] = {"@type": "PropertyValue", "propertyID": r.source, "value": r.source_id}
            yield node

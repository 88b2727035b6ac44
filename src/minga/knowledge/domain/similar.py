""" "More like this": the records closest in meaning to one record, nudged by shared vocabulary (the same
economic activity, shared tags), across actors and initiatives."""

from __future__ import annotations

from typing import Any

import numpy as np

from minga.knowledge.domain import vectors
from minga.knowledge.models import Embedding
from minga.registry.models import Actor, Initiative

SHARED_ACTIVITY_BONUS = 0.02
SHARED_TAG_BONUS = 0.01


def _vector(record_type: str, record_id: int) -> np.ndarray | None:
    row = (
        Embedding.objects.filter(record_type=record_type, record_id=record_id)
        .values_list("vector", flat=True)
        .first()
    )
    if row is None:
        return None
    return np.frombuffer(bytes(row), dtype=np.float16).astype(np.float32)


def similar(record_type: str, record_id: int, *, limit: int = 6) -> list[dict[str, Any]]:
    """Up to ``limit`` records like this one: ``{"type", "id", "name", "score", "shared"}``, best first.
    Empty when the record has no embedding yet (semantic search off, or not indexed)."""
    query = _vector(record_type, record_id)
    if query is None:
        return []
    me = (
        Actor.objects.filter(pk=record_id).values("primary_activity", "tags").first()
        if record_type == "actor"
        else None
    )
    candidates: list[tuple[float, str, int]] = []
    for other_type in ("actor", "initiative"):
        for other_id, score in vectors.nearest(other_type, query, limit=limit * 5):
            if (other_type, other_id) != (record_type, record_id):
                candidates.append((score, other_type, other_id))
    actor_rows = {
        r["id"]: r
        for r in Actor.objects.filter(pk__in=[i for _, t, i in candidates if t == "actor"]).values(
            "id", "name", "primary_activity", "tags"
        )
    }
    initiative_rows = {
        r["id"]: r
        for r in Initiative.objects.filter(pk__in=[i for _, t, i in candidates if t == "initiative"]).values(
            "id", "title"
        )
    }
    out: list[dict[str, Any]] = []
    for score, other_type, other_id in candidates:
        shared: list[str] = []
        if other_type == "actor" and other_id in actor_rows:
            row = actor_rows[other_id]
            if me and me["primary_activity"] and row["primary_activity"] == me["primary_activity"]:
                score += SHARED_ACTIVITY_BONUS
                shared.append(row["primary_activity"])
            common = sorted(set(me["tags"] or []) & set(row["tags"] or [])) if me else []
            score += SHARED_TAG_BONUS * min(len(common), 3)
            shared += common
            out.append(
                {
                    "type": "actor",
                    "id": other_id,
                    "name": row["name"],
                    "score": round(score, 4),
                    "shared": shared,
                }
            )
        elif other_type == "initiative" and other_id in initiative_rows:
            name = initiative_rows[other_id]["title"]
            out.append(
                {
                    "type": "initiative",
                    "id": other_id,
                    "name": name,
                    "score": round(score, 4),
                    "shared": shared,
                }
            )
    out.sort(key=lambda r: (-r["score"], r["type"], r["id"]))
    return out[:limit]

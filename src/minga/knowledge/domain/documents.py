"""The searchable text of a record, as the embedding model reads it (the full-text index builds its own in SQL,
see ``fulltext.py``), and its hash, which says when a record must be embedded again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from minga.registry.models import Actor, Initiative

ACTOR_FIELDS = ("id", "name", "description", "tags", "themes", "locality_name", "primary_activity")
INITIATIVE_FIELDS = ("id", "title", "summary", "problem", "approach", "results", "themes")
MAX_CHARS = 1200


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [str(v) for v in value.values() if v]
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [str(value)] if value else []


def actor_text(row: dict[str, Any], activity_labels: dict[str, str]) -> str:
    """Name, place, activity, keywords and descriptions: the most telling parts first (the model reads the
    beginning best, and long texts are cut)."""
    parts = [
        row["name"],
        row.get("locality_name") or "",
        activity_labels.get(row.get("primary_activity") or "", ""),
    ]
    parts += _texts(row.get("tags")) + _texts(row.get("themes")) + _texts(row.get("description"))
    return " · ".join(p for p in parts if p)[:MAX_CHARS]


def initiative_text(row: dict[str, Any]) -> str:
    parts = [row["title"]]
    for field in ("summary", "problem", "approach", "results", "themes"):
        parts += _texts(row.get(field))
    return " · ".join(p for p in parts if p)[:MAX_CHARS]


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def iter_documents(
    record_type: str, *, chunk: int = 2000, ids: list[int] | None = None
) -> Iterator[list[tuple[int, str]]]:
    """(id, text) of every record of ``record_type`` (or of ``ids``), in chunks, in id order."""
    from minga.vocab.models import Concept

    labels = {c.code: c.label("en") for c in Concept.objects.filter(scheme="activities-ica")}
    model, fields = (Actor, ACTOR_FIELDS) if record_type == "actor" else (Initiative, INITIATIVE_FIELDS)
    last = 0
    while True:
        qs = model.objects.filter(pk__gt=last).order_by("pk")
        if ids is not None:
            qs = qs.filter(pk__in=ids)
        rows = list(qs.values(*fields)[:chunk])
        if not rows:
            return
        last = rows[-1]["id"]
        yield [
            (r["id"], actor_text(r, labels) if record_type == "actor" else initiative_text(r)) for r in rows
        ]

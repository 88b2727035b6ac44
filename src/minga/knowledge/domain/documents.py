"""The searchable text of a record, as the embedding model reads it (the full-text index builds its own in SQL,
see ``fulltext.py``), and its hash, which says when a record must be embedded again."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from minga.registry.models import Actor, Initiative

ACTOR_FIELDS = (
    "id",
    "name",
    "description",
    "tags",
    "themes",
    "locality_name",
    "primary_activity",
    "territory_path",
)
INITIATIVE_FIELDS = ("id", "title", "summary", "problem", "approach", "results", "themes", "territory_path")
MAX_CHARS = 1200
#: whether the embedded text names the record's subdivisions and country (see docs/crosslingual-eval.md)
PLACES_IN_TEXT = True


def _texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [str(v) for v in value.values() if v]
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [str(value)] if value else []


def _words_of(tag: str) -> str:
    """A tag as words: "community_garden" → "community garden" (the encoder reads words, not identifiers)."""
    return " ".join(tag.replace("_", " ").replace("-", " ").split())


def place_names(path: str, names: dict[str, str]) -> list[str]:
    """Short English names of the smallest subdivision and the country on a territory ``path`` ("Bristol",
    "United Kingdom"): enough for a query naming the place, short enough not to outweigh a short text (the encoder
    averages its tokens)."""
    codes = [c for c in path.strip("/").split("/") if c and not c.isdigit() and ":" not in c]
    picked = codes[-1:] + codes[:1] if len(codes) > 1 else codes
    return [names[c] for c in picked if c in names]


def short_place_names() -> dict[str, str]:
    """Territory code → short English name, for countries and subdivisions (pycountry's common names; without
    ", City of" and the like)."""
    import pycountry

    from minga.territories.models import Territory

    out = {}
    rows = Territory.objects.filter(kind__in=["country", "subdivision"]).values_list("code", "kind", "names")
    for code, kind, names in rows:
        name = str(names.get("en") or code)
        if kind == "country":
            country = pycountry.countries.get(alpha_2=code)
            name = getattr(country, "common_name", None) or getattr(country, "name", None) or name
        out[code] = name.split(",")[0].strip()
    return out


def actor_text(
    row: dict[str, Any], activity_labels: dict[str, str], places: dict[str, str] | None = None
) -> str:
    """Name, place (locality, subdivisions, country), activity, keywords and descriptions: the most telling parts
    first (the model reads the beginning best, and long texts are cut)."""
    parts = [row["name"], row.get("locality_name") or ""]
    parts += place_names(row.get("territory_path") or "", places or {})
    parts.append(activity_labels.get(row.get("primary_activity") or "", ""))
    parts += [_words_of(t) for t in _texts(row.get("tags")) + _texts(row.get("themes"))]
    parts += _texts(row.get("description"))
    kept: dict[str, str] = {}  # without repeats ("Leeds · Leeds · United Kingdom"), first spelling kept
    for part in parts:
        if part:
            kept.setdefault(part.casefold(), part)
    return " · ".join(kept.values())[:MAX_CHARS]


def initiative_text(row: dict[str, Any], places: dict[str, str] | None = None) -> str:
    """Title, place (subdivisions, country), then the texts: summary first."""
    parts = [row["title"], *place_names(row.get("territory_path") or "", places or {})]
    for field in ("summary", "problem", "approach", "results", "themes"):
        parts += _texts(row.get(field))
    return " · ".join(p for p in parts if p)[:MAX_CHARS]


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def iter_documents(
    record_type: str, *, chunk: int = 2000, ids: list[int] | None = None, with_places: bool | None = None
) -> Iterator[list[tuple[int, str]]]:
    """(id, text) of every record of ``record_type`` (or of ``ids``), in chunks, in id order; ``with_places``
    (default ``PLACES_IN_TEXT``) adds the names of the record's subdivisions and country — which the SDG
    classifier must not read: a place is not a purpose."""
    from minga.vocab.models import Concept

    labels = {c.code: c.label("en") for c in Concept.objects.filter(scheme="activities-ica")}
    places = short_place_names() if (PLACES_IN_TEXT if with_places is None else with_places) else {}
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
            (r["id"], actor_text(r, labels, places) if record_type == "actor" else initiative_text(r, places))
            for r in rows
        ]

"""Murmurations export: one ``organizations_schema-v1.0.0`` profile per actor, ``<id>.json`` in a folder.

Profiles are built within the schema's limits (name ≤ 200 characters; primary_url only for a valid http(s)
URL; tags: the kind, then the actor's tags, unique, each ≤ 100 characters, at most 100; country only if ISO
3166-1; coordinates only if in range), and each is checked against the packaged schema before it is written: a
value the schema still rejects is dropped, and an actor whose profile cannot be made valid is skipped
(counted).

Besides the profiles the folder holds two text files (not ``*.json``, so Minga's Murmurations reader takes the
folder as it is):

- ``index.txt``: the profile file names, one a line;
- ``ATTRIBUTION.txt``: the sources of the data, their licenses and credit lines (the schema has no field for
  them, and e.g. Co-operatives UK's ODC-By data must be credited "Contains Co-operatives UK open data").

The folder must be new, empty, or a previous export (it has ``index.txt``): the profiles that index lists are
deleted first; nothing else in the folder is touched.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft7Validator

from minga.core.errors import MingaError
from minga.registry.domain.murmurations import DATA, SCHEMA_NAME
from minga.registry.exporters import Exporter, Written, atomic_text, coordinates, first_text
from minga.registry.models import Actor

INDEX = "index.txt"
CREDITS = "ATTRIBUTION.txt"
#: Minga status → Murmurations status (the inverse of the importer's mapping); "unknown" is left out
STATUS = {"active": "active", "inactive": "on_hold", "dissolved": "cancelled"}
REQUIRED = ("linked_schemas", "name")
_PROFILE_FILE = re.compile(r"^[0-9]+\.json$")


@lru_cache(maxsize=1)
def _limits() -> dict[str, Any]:
    """The constraints this module relies on, read from the packaged field files."""
    fields = {
        n: json.loads((DATA / "fields" / f"{n}.json").read_text("utf-8")) for n in ("name", "tags", "url")
    }
    countries = json.loads((DATA / "fields" / "country_iso_3166.json").read_text("utf-8"))["enum"]
    return {
        "name": fields["name"]["maxLength"],
        "tag": fields["tags"]["items"]["maxLength"],
        "tags": fields["tags"]["maxItems"],
        "url": fields["url"]["maxLength"],
        "countries": frozenset(countries),
    }


def _text(value: object) -> str:
    return " ".join(str(value or "").split())


def _cut(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit].rstrip()


def http_url(value: str) -> str:
    """``value`` if it is an absolute http(s) URL with a host and no spaces (scheme lower-cased), else ""."""
    value = value.strip()
    if not value or any(ch.isspace() for ch in value) or len(value) > _limits()["url"]:
        return ""
    try:
        parts = urlsplit(value)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return ""
    return parts.scheme.lower() + value[len(parts.scheme) :] if valid else ""


def tags(actor: Actor) -> list[str]:
    """The kind, then the actor's tags: spaces collapsed, cut to the length limit, unique ignoring case."""
    limits = _limits()
    out: list[str] = []
    seen: set[str] = set()
    for raw in [actor.kind, *(actor.tags or [])]:
        tag = _cut(_text(raw), limits["tag"])
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return out[: limits["tags"]]


def _other_urls(social: dict[str, Any]) -> list[dict[str, str]]:
    """Social links that are http(s) URLs, as ``{"name": network, "url": url}``, each URL once."""
    out: list[dict[str, str]] = []
    for network, value in sorted(social.items()):
        url = http_url(str(value or ""))
        if url and all(other["url"] != url for other in out):
            out.append({"name": str(network), "url": url})
    return out


def _timestamp(day: dt.date | None) -> int | None:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()) if day else None


def profile(actor: Actor) -> dict[str, Any]:
    """The Murmurations profile of one actor, built within the schema's limits (not yet checked)."""
    limits = _limits()
    out: dict[str, Any] = {"linked_schemas": [SCHEMA_NAME], "name": _cut(_text(actor.name), limits["name"])}
    if url := http_url(actor.website):
        out["primary_url"] = url
    out["tags"] = tags(actor)
    if others := _other_urls(actor.social or {}):
        out["urls"] = others
    if description := first_text(actor.description):
        out["description"] = description.strip()
    if actor.status in STATUS:
        out["status"] = STATUS[actor.status]
    lines = [", ".join(p.strip() for p in actor.street_address.splitlines() if p.strip())]
    if address := ", ".join(p for p in [*lines, _text(actor.locality_name), _text(actor.postcode)] if p):
        out["full_address"] = address
    if actor.country_code in limits["countries"]:
        out["country_iso_3166"] = actor.country_code
    if point := coordinates(actor):
        out["geolocation"] = {"lat": point[0], "lon": point[1]}
    for key, day in (("starts_at", actor.founded_on), ("ends_at", actor.dissolved_on)):
        if (stamp := _timestamp(day)) is not None:
            out[key] = stamp
    if phone := _text(actor.phone):
        out["telephone"] = phone
    if email := actor.email.strip():
        out["contact_details"] = {"email": email}
    if actor.source_id:
        out["unique_id"] = f"{actor.source}:{actor.source_id}"
    return out


@lru_cache(maxsize=1)
def checker() -> Draft7Validator:
    """A validator for the packaged schema with every ``../fields/*.json`` reference inlined once.

    Same verdicts as :func:`minga.registry.domain.murmurations.validator` (draft 7 ignores a ``$ref``'s
    siblings), about three times faster, which matters at one check per exported actor.
    """

    def inline(node: Any) -> Any:
        if isinstance(node, list):
            return [inline(item) for item in node]
        if not isinstance(node, dict):
            return node
        if isinstance(ref := node.get("$ref"), str) and ref.startswith("../fields/"):
            return inline(json.loads((DATA / "fields" / ref.rsplit("/", 1)[-1]).read_text("utf-8")))
        return {key: inline(value) for key, value in node.items()}

    return Draft7Validator(inline(json.loads((DATA / "schemas" / f"{SCHEMA_NAME}.json").read_text("utf-8"))))


def valid_profile(actor: Actor) -> dict[str, Any] | None:
    """``profile(actor)`` checked against the schema: fields it rejects are dropped; None if still invalid."""
    out = profile(actor)
    if checker().is_valid(out):
        return out
    for error in checker().iter_errors(out):
        if error.absolute_path and error.absolute_path[0] not in REQUIRED:
            out.pop(str(error.absolute_path[0]), None)
    return out if checker().is_valid(out) else None


def _clear_previous(output: Path) -> None:
    """Delete the profiles a previous export listed in ``index.txt``; refuse a folder holding other things."""
    index = output / INDEX
    if not index.exists():
        if any(output.iterdir()):
            raise MingaError(
                f"{output} is not empty and holds no previous Murmurations export ({INDEX}).",
                hint="Export into a new or empty folder.",
            )
        return
    with index.open(encoding="utf-8") as fh:
        for line in fh:
            if _PROFILE_FILE.match(name := line.strip()):
                (output / name).unlink(missing_ok=True)


def write(actors: Iterable[Actor], output: Path) -> Written:
    """Side effects: deletes a previous export's profiles, writes ``<id>.json`` per actor, ``index.txt`` and
    ``ATTRIBUTION.txt`` into the folder ``output``."""
    output.mkdir(parents=True, exist_ok=True)
    _clear_previous(output)
    written = Written()
    sources: dict[str, tuple[set[str], set[str]]] = {}
    with atomic_text(output / INDEX) as index:
        for actor in actors:
            data = valid_profile(actor)
            if data is None:
                written.skipped += 1
                continue
            name = f"{actor.pk}.json"
            (output / name).write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            index.write(name + "\n")
            written.add(actor)
            licenses, credits = sources.setdefault(actor.source, (set(), set()))
            licenses.update([actor.license] if actor.license else [])
            credits.update([actor.attribution] if actor.attribution else [])
    with atomic_text(output / CREDITS) as fh:
        fh.write(credits_text(sources, written.count))
    return written


def credits_text(sources: dict[str, tuple[set[str], set[str]]], count: int) -> str:
    """The text of ``ATTRIBUTION.txt``: one paragraph per source, with its licenses and credit lines."""
    lines = [f"{count} Murmurations profiles ({SCHEMA_NAME}) exported from Minga.", ""]
    for source, (licenses, credits) in sorted(sources.items()):
        lines.append(f"Source: {source}")
        lines.append(f"  License: {', '.join(sorted(licenses)) or 'not stated'}")
        lines.extend(f"  Credit: {credit}" for credit in sorted(credits))
    return "\n".join(lines) + "\n"


EXPORTER = Exporter(
    "murmurations", write, "Murmurations organisation profiles, one JSON file per actor", folder=True
)

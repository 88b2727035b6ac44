"""Import rows: the record shape readers produce, and its validation into the values that are stored.

A reader yields :class:`Record` (a line number and a dict of actor fields plus placement hints) or :class:`Reject`.
:func:`clean` turns a record into stored values or raises :class:`RowError` with a reason a person can act on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from minga.registry.models import Actor, ActorKind, ActorStatus
from minga.vocab.models import Concept

#: placement hints a reader may give beside actor fields
HINTS = ("country_text", "subdivision_code", "subdivision_name", "locality")
#: actor columns an import writes (territory and provenance are added by the importer)
FIELDS = (
    "name", "kind", "description", "organisational_structure", "primary_activity", "activities",
    "membership_type", "legal_form", "legal_form_local", "qualifiers", "themes", "tags", "website", "email",
    "phone", "social", "street_address", "locality_name", "postcode", "country_code", "lat", "lon",
    "founded_on", "dissolved_on", "members", "workers_women", "workers_men", "workers_other", "status",
)  # fmt: skip
JSON_FIELDS = {"description", "activities", "qualifiers", "themes", "tags", "social"}
INT_FIELDS = {"members", "workers_women", "workers_men", "workers_other"}
DATE_FIELDS = {"founded_on", "dissolved_on"}
_LIMITS: dict[str, int] = {
    f.name: int(f.max_length or 0) for f in Actor._meta.concrete_fields if getattr(f, "max_length", None)
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CODE_FIELDS = {
    "organisational_structure": "organisational-structure",
    "primary_activity": "activities-ica",
    "membership_type": "base-membership-type",
    "legal_form": "legal-form",
}
_KINDS = set(ActorKind.values)
_STATUSES = set(ActorStatus.values)


@dataclass(slots=True)
class Record:
    line: int
    data: dict[str, Any]
    raw: Any = None


@dataclass(slots=True)
class Reject:
    line: int
    reason: str
    raw: Any = None


@dataclass
class RowError(Exception):
    reason: str
    details: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def vocabulary_codes() -> dict[str, frozenset[str]]:
    """ESSGlobal codes by scheme (loaded once per process; reference data changes only with ``minga init``)."""
    codes: dict[str, set[str]] = {}
    for scheme, code in Concept.objects.values_list("scheme", "code"):
        codes.setdefault(scheme, set()).add(code)
    return {k: frozenset(v) for k, v in codes.items()}


def essglobal_code(uri_or_code: str) -> str:
    """ "https://…/organisational-structure/OS130" → "OS130"."""
    return uri_or_code.rstrip("/").rsplit("/", 1)[-1].strip()


def clean_url(value: str) -> str:
    """A usable http(s) URL or ""; bare domains get ``http://``."""
    value = value.strip()
    if not value or " " in value:
        return ""
    if not value.lower().startswith(("http://", "https://")):
        if "." not in value or value.startswith("@"):
            return ""
        value = "http://" + value
    return value if len(value) <= 500 else ""


def clean_email(value: str) -> str:
    value = value.strip().removeprefix("mailto:")
    return value if _EMAIL.match(value) and len(value) <= 254 else ""


def _number(value: Any, name: str, lo: float, hi: float) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowError(f"{name} {value!r} is not a number") from None
    if not lo <= number <= hi:
        raise RowError(f"{name} {number} is outside {lo}..{hi}")
    return number


def _date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise RowError(f"{name} {value!r} is not a date (YYYY-MM-DD)") from None


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Validated stored values for one record. Raises :class:`RowError` with the first problem found."""
    out: dict[str, Any] = {}
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        raise RowError("name is empty")
    out["name"] = name
    kind = data.get("kind") or ""
    if kind not in _KINDS:
        raise RowError(f"kind {kind!r} is not one of: {', '.join(sorted(_KINDS))}")
    out["kind"] = kind
    codes = vocabulary_codes()
    for fname, scheme in _CODE_FIELDS.items():
        code = essglobal_code(str(data.get(fname) or ""))
        if code and code not in codes.get(scheme, ()):
            raise RowError(f"{fname} {code!r} is not an ESSGlobal {scheme} code")
        out[fname] = code
    lat = _number(data.get("lat"), "latitude", -90, 90)
    lon = _number(data.get("lon"), "longitude", -180, 180)
    if (lat is None) != (lon is None):
        raise RowError("latitude and longitude must be given together")
    out["lat"], out["lon"] = lat, lon
    for fname in INT_FIELDS:
        number = _number(data.get(fname), fname, 0, 2_000_000_000)
        out[fname] = None if number is None else int(number)
    for fname in DATE_FIELDS:
        out[fname] = _date(data.get(fname), fname)
    status = data.get("status") or ActorStatus.ACTIVE
    if status not in _STATUSES:
        raise RowError(f"status {status!r} is not one of: {', '.join(sorted(_STATUSES))}")
    out["status"] = status
    out["website"] = clean_url(str(data.get("website") or ""))
    out["email"] = clean_email(str(data.get("email") or ""))
    country = str(data.get("country_code") or "").strip().upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        raise RowError(f"country_code {country!r} is not an ISO 3166-1 alpha-2 code")
    out["country_code"] = country
    for fname in FIELDS:
        if fname in out:
            continue
        value = data.get(fname)
        if fname in JSON_FIELDS:
            out[fname] = value or ({} if fname in ("description", "social") else [])
        else:
            text = (
                " ".join(str(value or "").split()) if fname != "street_address" else str(value or "").strip()
            )
            if len(text) > _LIMITS.get(fname, 10_000):
                raise RowError(f"{fname} is longer than {_LIMITS[fname]} characters")
            out[fname] = text
    return out


def content_hash(values: dict[str, Any], extra: tuple[Any, ...] = ()) -> str:
    """Fingerprint of a record's stored values, to tell unchanged rows on a re-import."""
    payload = json.dumps([[values.get(f) for f in FIELDS], extra], default=str, ensure_ascii=False)
    return hashlib.md5(payload.encode("utf-8"), usedforsecurity=False).hexdigest()

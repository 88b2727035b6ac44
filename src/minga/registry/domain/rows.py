"""Import rows: the record shape readers produce, and its validation into the values that are stored.

A reader yields :class:`Record` (a line number and a dict of actor fields plus placement hints) or :class:`Reject`.
:func:`clean` turns a record into stored values or raises :class:`RowError` with a reason a person can act on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from minga.registry.models import Actor, ActorKind, ActorStatus
from minga.vocab.models import Concept

#: placement hints a reader may give beside actor fields
HINTS = ("country_text", "subdivision_code", "subdivision_name", "locality", "territory")
#: actor columns an import writes (territory and provenance are added by the importer)
FIELDS = (
    "name", "kind", "description", "organisational_structure", "primary_activity", "activities",
    "membership_type", "legal_form", "legal_form_local", "qualifiers", "themes", "tags", "website", "email",
    "phone", "social", "street_address", "locality_name", "postcode", "country_code", "lat", "lon",
    "founded_on", "dissolved_on", "members", "workers_women", "workers_men", "workers_other", "status",
    "identifiers",
)  # fmt: skip
JSON_FIELDS = {"description", "activities", "qualifiers", "themes", "tags", "social", "identifiers"}
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
    """A record that cannot be stored: ``reason`` for a person, ``field`` naming what is wrong."""

    reason: str
    field: str = "record"


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


def _number(value: Any, name: str, lo: float, hi: float, field: str = "") -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RowError(f"{name} {value!r} is not a number", field or name) from None
    if not lo <= number <= hi:
        raise RowError(f"{name} {number} is outside {lo}..{hi}", field or name)
    return number


def _date(value: Any, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise RowError(f"{name} {value!r} is not a date (YYYY-MM-DD)", name) from None


def _text_cleaner(name: str) -> Callable[[Any], str]:
    limit = _LIMITS.get(name, 10_000)
    keep_lines = name == "street_address"

    def clean_text(value: Any) -> str:
        if not value:
            return ""
        text = str(value).strip() if keep_lines else " ".join(str(value).split())
        if len(text) > limit:
            raise RowError(f"{name} is longer than {limit} characters", name)
        return text

    return clean_text


def _code_cleaner(name: str, scheme: str) -> Callable[[Any], str]:
    def clean_code(value: Any) -> str:
        code = essglobal_code(str(value or ""))
        if code and code not in vocabulary_codes().get(scheme, ()):
            raise RowError(f"{name} {code!r} is not an ESSGlobal {scheme} code", name)
        return code

    return clean_code


def _int_cleaner(name: str) -> Callable[[Any], int | None]:
    def clean_int(value: Any) -> int | None:
        number = _number(value, name, 0, 2_000_000_000)
        return None if number is None else int(number)

    return clean_int


def _json_cleaner(name: str, kind: type) -> Callable[[Any], Any]:
    def clean_json(value: Any) -> Any:
        if not value:
            return kind()
        if not isinstance(value, kind):
            raise RowError(f"{name} must be a {'list' if kind is list else 'mapping'}", name)
        return value

    return clean_json


def _choice_cleaner(name: str, allowed: set[str]) -> Callable[[Any], str]:
    def clean_choice(value: Any) -> str:
        if value not in allowed:
            raise RowError(f"{name} {value!r} is not one of: {', '.join(sorted(allowed))}", name)
        return str(value)

    return clean_choice


def _country(value: Any) -> str:
    country = str(value or "").strip().upper()
    if country and not (len(country) == 2 and country.isalpha() and country.isascii()):
        raise RowError(f"country_code {country!r} is not an ISO 3166-1 alpha-2 code", "country_code")
    return country


_CLEANERS: dict[str, Callable[[Any], Any]] = {name: _text_cleaner(name) for name in FIELDS}
_CLEANERS.update({name: _code_cleaner(name, scheme) for name, scheme in _CODE_FIELDS.items()})
_CLEANERS.update({name: _int_cleaner(name) for name in INT_FIELDS})
_CLEANERS.update({name: partial(_date, name=name) for name in DATE_FIELDS})
_CLEANERS.update({n: _json_cleaner(n, dict if n in ("description", "social") else list) for n in JSON_FIELDS})
_CLEANERS.update(
    lat=partial(_number, name="latitude", lo=-90, hi=90, field="lat"),
    lon=partial(_number, name="longitude", lo=-180, hi=180, field="lon"),
    kind=_choice_cleaner("kind", _KINDS),
    status=lambda v: _choice_cleaner("status", _STATUSES)(v or ActorStatus.ACTIVE),
    website=lambda v: clean_url(str(v or "")),
    email=lambda v: clean_email(str(v or "")),
    country_code=_country,
)
_DEFAULTS: dict[str, Any] = {
    name: None if name in (*INT_FIELDS, *DATE_FIELDS, "lat", "lon") else "" for name in FIELDS
}
_DEFAULTS["status"] = ActorStatus.ACTIVE.value


def clean(data: dict[str, Any]) -> dict[str, Any]:
    """Validated stored values for one record. Raises :class:`RowError` with the first problem found.

    Only the fields present in ``data`` are checked; absent ones take their defaults.
    """
    out = dict(_DEFAULTS)
    for name in JSON_FIELDS:
        out[name] = {} if name in ("description", "social") else []
    out["kind"] = _CLEANERS["kind"](data.get("kind"))
    for name, value in data.items():
        cleaner = _CLEANERS.get(name)
        if cleaner is not None and name != "kind":
            out[name] = cleaner(value)
    if not out["name"]:
        raise RowError("name is empty", "name")
    if (out["lat"] is None) != (out["lon"] is None):
        raise RowError("latitude and longitude must be given together", "lat")
    return out


def content_hash(values: dict[str, Any], extra: tuple[Any, ...] = ()) -> str:
    """Fingerprint of a record's stored values, to tell unchanged rows on a re-import."""
    payload = repr((*values.values(), *extra))  # clean() gives every record the same key order
    return hashlib.md5(payload.encode("utf-8"), usedforsecurity=False).hexdigest()

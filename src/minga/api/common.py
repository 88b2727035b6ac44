"""Pieces shared by the routers: error and audit schemas, pagination, language choice, look-ups."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from pydantic import ConfigDict, ValidationInfo, field_validator

from minga.core import audit
from minga.core.errors import NotFound, ValidationFailed
from minga.territories.domain.queries import get_territory
from minga.territories.models import Territory

MAX_LIMIT = 500
LANGUAGES = ("en", "es", "fr")


class ErrorOut(Schema):
    detail: str
    hint: str = ""


class InvalidOut(ErrorOut):
    errors: dict[str, list[str]]


#: responses every token-protected write may give besides its success
WRITE_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


class WriteSchema(Schema):
    """A write body: unknown fields are refused, and ``null`` only goes to the fields named in ``NULLABLE``."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    NULLABLE: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _not_null(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None and info.field_name not in cls.NULLABLE:
            raise ValueError("may not be null: send a value, or leave the field out")
        return value


class Paging(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description=f"Page size (at most {MAX_LIMIT})")
    offset: int = Field(0, ge=0, description="Rows to skip")


class AuditOut(Schema):
    at: dt.datetime
    user: str | None
    via: str
    action: str
    changes: dict[str, Any] = Field(description="field → [old, new]")


def language(request: HttpRequest, lang: str | None = None) -> str:
    """``lang`` if it is one Minga speaks, else the request's language (Accept-Language), else English."""
    for candidate in (lang, getattr(request, "LANGUAGE_CODE", None)):
        if candidate and candidate[:2].lower() in LANGUAGES:
            return candidate[:2].lower()
    return "en"


def get_or_404(queryset: QuerySet[Any], pk: int, what: str) -> Any:
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise NotFound(f"No {what} with id {pk}.", hint=f"List them with GET /api/v1/{what}s.") from None


def paginate(queryset: QuerySet[Any], paging: Paging) -> tuple[int, list[Any]]:
    """(total matching, rows of the page): a plain COUNT, then one LIMIT/OFFSET query."""
    return queryset.count(), list(queryset[paging.offset : paging.offset + paging.limit])


def envelope(count: int, paging: Paging, items: list[Any]) -> dict[str, Any]:
    return {"count": count, "limit": paging.limit, "offset": paging.offset, "items": items}


def code_of(path: str) -> str | None:
    """The territory code at the end of a materialised path ("/001/150/GB/" → "GB")."""
    return path.rstrip("/").rsplit("/", 1)[-1] if path else None


def write_data(payload: Schema) -> dict[str, Any]:
    """The fields a client sent, with ``territory`` resolved from its code (422 when no such territory)."""
    data = payload.model_dump(exclude_unset=True)
    code = data.get("territory")
    if code:
        try:
            data["territory"] = get_territory(code)
        except NotFound as err:
            raise ValidationFailed({"territory": [err.message]}, hint=err.hint) from None
    return data


def history_rows(instance: Model) -> list[dict[str, Any]]:
    """The audit trail of one record, newest first (one query)."""
    return [
        {"at": e.at, "user": e.user.username if e.user else None, "via": e.via, "action": e.action}
        | {"changes": e.changes}
        for e in audit.history(instance).select_related("user")
    ]


def territory_name(territory: Territory | None, lang: str) -> str | None:
    return territory.name(lang) if territory else None

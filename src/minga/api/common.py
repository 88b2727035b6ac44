"""Pieces shared by the routers: pagination envelope, language choice, object look-ups."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Schema

from minga.core.errors import NotFound

T = TypeVar("T")
MAX_LIMIT = 500


class Page(Schema, Generic[T]):
    count: int
    limit: int
    offset: int
    items: list[T]


class ErrorOut(Schema):
    detail: str
    hint: str = ""


def language(request: HttpRequest, lang: str | None) -> str:
    if lang and lang[:2] in ("en", "es", "fr"):
        return lang[:2]
    return (getattr(request, "LANGUAGE_CODE", None) or "en")[:2]


def get_or_404(queryset: QuerySet[Any], pk: int, what: str) -> Any:
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist:
        raise NotFound(f"No {what} with id {pk}.", hint=f"List them with GET /api/v1/{what}s.") from None


def page(queryset: QuerySet[Any], *, limit: int, offset: int) -> tuple[int, list[Any]]:
    limit = max(1, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    return queryset.count(), list(queryset[offset : offset + limit])


def model_label(instance: Model) -> str:
    return instance._meta.label_lower

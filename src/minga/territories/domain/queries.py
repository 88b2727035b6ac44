"""Queries over the territory tree: subtree filters, look-ups, localities."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.utils.text import slugify

from minga.core.errors import NotFound
from minga.territories.models import Territory, TerritoryKind

#: greater than every character a path may hold (codes are A-Z, a-z, 0-9, "-", ":", "/")
_PATH_END = "\x7f"


def under(path: str, *, field: str = "territory_path") -> Q:
    """Filter for rows whose ``field`` lies in the subtree at ``path`` (the node itself included).

    One index range scan: a byte-ordered range on SQLite, ``LIKE 'path%'`` (``varchar_pattern_ops`` index,
    which Django creates for indexed text fields) on PostgreSQL, whose default collation is not byte-ordered.
    """
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": path})
    return Q(**{f"{field}__gte": path, f"{field}__lt": path + _PATH_END})


def filter_under_by_scan(
    queryset: QuerySet[Any], path: str, *, field: str = "territory_path"
) -> QuerySet[Any]:
    """The rows of ``filter(under(path))``, with the path hidden from its index on SQLite.

    For a subtree that holds a large share of the table, ``ORDER BY id LIMIT n`` is then answered by walking the
    table in id order and stopping after n matches, instead of sorting the whole subtree. Other backends plan this
    themselves from their statistics, so they get the plain filter.
    """
    if connection.vendor != "sqlite":
        return queryset.filter(under(path, field=field))
    hidden = Concat(Value(""), F(field), output_field=CharField())
    return queryset.alias(_path_unindexed=hidden).filter(
        _path_unindexed__gte=path, _path_unindexed__lt=path + _PATH_END
    )


def get_territory(code: str) -> Territory:
    """The territory with ``code`` (M49 code like "150", ISO code like "GB" or "GB-BST", or a locality code)."""
    try:
        return Territory.objects.get(code=code.strip())
    except Territory.DoesNotExist:
        pass
    try:
        return Territory.objects.get(code=code.strip().upper())
    except Territory.DoesNotExist:
        raise NotFound(
            f"No territory with code {code!r}.",
            hint="Use an M49 region code (150 = Europe), an ISO 3166-1 country code (GB) or an ISO 3166-2 "
            "subdivision code (GB-BST); GET /api/v1/territories lists them.",
        ) from None


def descendants(territory: Territory) -> list[Territory]:
    """Every territory below ``territory`` (not itself), in path order."""
    return list(Territory.objects.filter(under(territory.path, field="path")).exclude(pk=territory.pk))


def locality_code(parent: Territory, name: str) -> str:
    return f"{parent.code}:{slugify(name)[:60] or 'x'}"


def ensure_locality(parent: Territory, name: str) -> Territory:
    """The locality called ``name`` under ``parent``, created if missing. Side effect: may insert one row."""
    code = locality_code(parent, name)
    found = Territory.objects.filter(code=code).first()
    if found:
        return found
    try:
        with transaction.atomic():
            return Territory.objects.create(
                code=code,
                kind=TerritoryKind.LOCALITY,
                parent=parent,
                path=f"{parent.path}{code}/",
                depth=parent.depth + 1,
                names={"en": name.strip()},
            )
    except IntegrityError:  # created meanwhile by another writer
        return Territory.objects.get(code=code)

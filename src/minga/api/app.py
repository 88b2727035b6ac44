"""The NinjaAPI object, its error handlers (``minga.api.errors``), and the routers of each area."""

from __future__ import annotations

from ninja import NinjaAPI

from minga.api import errors

api = NinjaAPI(
    title="Minga API",
    version="1.0.0",
    description="The registry of the social and solidarity economy. Reads are public; writes need a token "
    "(`Authorization: Bearer <token>`, issued with `minga token USER`). Errors are JSON "
    '`{"detail": …, "hint": …}`, with `errors` (field → messages) when the data is invalid.',
    urls_namespace="api-v1",
)
errors.register(api)


def _mount() -> None:
    from minga.api import (
        actors,
        ecosystem,
        forum,
        funding,
        imports,
        initiatives,
        search,
        stats,
        territories,
        vocab,
    )

    api.add_router("/actors", actors.router)
    api.add_router("/initiatives", initiatives.router)
    api.add_router("/territories", territories.router)
    api.add_router("/stats", stats.router)
    api.add_router("/", vocab.router)
    api.add_router("/imports", imports.router)
    api.add_router("/search", search.router)
    api.add_router("/ecosystem", ecosystem.router)
    api.add_router("/relations", ecosystem.relations_router)
    api.add_router("/funding", funding.router)
    api.add_router("/forum", forum.router)


_mount()

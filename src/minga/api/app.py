"""The NinjaAPI object, its error handlers, and the routers of each area."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError

from minga.core.errors import ImportRejected, MingaError, NotFound, PermissionDenied, ValidationFailed

api = NinjaAPI(
    title="Minga API",
    version="1.0.0",
    description="The registry of the social and solidarity economy. Reads are public; writes need a token "
    "(`Authorization: Bearer <token>`, issued with `minga token USER`).",
    urls_namespace="api-v1",
)


@api.exception_handler(MingaError)
def minga_error(request: HttpRequest, exc: MingaError) -> HttpResponse:
    status = 400
    body: dict[str, object] = {"detail": exc.message, "hint": exc.hint}
    if isinstance(exc, PermissionDenied):
        status = 403
    elif isinstance(exc, NotFound):
        status = 404
    elif isinstance(exc, ValidationFailed):
        status, body["errors"] = 422, exc.errors
    elif isinstance(exc, ImportRejected):
        status, body["rejected"] = 422, [{"line": line, "reason": reason} for line, reason in exc.rejects]
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body = {
        "detail": "Authentication required.",
        "hint": "Send 'Authorization: Bearer <token>'; get one with `minga token USER`.",
    }
    return api.create_response(request, body, status=401)


def _mount() -> None:
    from minga.api import actors, imports, initiatives, territories, vocab

    api.add_router("/actors", actors.router)
    api.add_router("/initiatives", initiatives.router)
    api.add_router("/territories", territories.router)
    api.add_router("/", vocab.router)
    api.add_router("/imports", imports.router)


_mount()

"""Per-user API tokens. Only the SHA-256 of a key is stored; the key is shown once, when it is issued."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from minga.core.models import ApiToken

#: ``last_used_at`` is refreshed at most this often, so requests with a token do not each write a row
TOUCH_EVERY = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def create_token(user: Any, *, name: str = "default") -> str:
    """Issue a token for ``user`` and return its key. Side effect: one ``ApiToken`` row (hash and prefix only)."""
    key = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, name=name, key_hash=_hash(key), prefix=key[:8])
    return key


def user_for_key(key: str) -> Any | None:
    """The active user owning ``key``, or None. Side effect: refreshes ``last_used_at`` at most once a minute."""
    key = key.strip()
    if not key:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>`` (or ``Authorization: Token <key>``)."""

    openapi_description = (
        "A personal API token: `Authorization: Bearer <token>` (`Token <token>` is accepted too). "
        "An administrator issues one with `minga token USER`; it is shown once."
    )

    def __call__(self, request: HttpRequest) -> Any | None:
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "token":
            return self.authenticate(request, key)
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_key(token)
        if user is not None:
            request.user = user
        return user


token_auth = TokenAuth()

"""Helpers for the API tests: clients with or without a token, JSON writes, ids of a list page."""

from __future__ import annotations

from typing import Any

from django.test import Client

from minga.api.auth import create_token


def client(user: Any = None, *, scheme: str = "Bearer", **headers: Any) -> Client:
    """A test client; with ``user``, it sends a fresh API token of theirs on every request."""
    if user is not None:
        headers["HTTP_AUTHORIZATION"] = f"{scheme} {create_token(user)}"
    return Client(HTTP_HOST="localhost", **headers)


def post(c: Client, url: str, data: dict[str, Any]) -> Any:
    return c.post(url, data, content_type="application/json")


def patch(c: Client, url: str, data: dict[str, Any]) -> Any:
    return c.patch(url, data, content_type="application/json")


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def status(response: Any) -> tuple[int, Any]:
    """(status code, JSON body or None): one value to compare whole."""
    return response.status_code, (response.json() if response.content else None)

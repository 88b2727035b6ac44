"""The REST API, /api/v1/ (django-ninja). Routers live one module per area."""

from minga.api.app import api

__all__ = ["api"]

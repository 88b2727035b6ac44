"""Errors that carry what went wrong and what to do next; the CLI, API and admin show both."""

from __future__ import annotations

from typing import Any


class MingaError(Exception):
    """Base error: ``message`` says what went wrong, ``hint`` what to do next."""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  → {self.hint}" if self.hint else self.message


class PermissionDenied(MingaError):
    """The user may not do this (HTTP 403)."""


class NotFound(MingaError):
    """No such record (HTTP 404)."""


class ValidationFailed(MingaError):
    """The data is not valid; ``errors`` maps field names to messages (HTTP 422)."""

    def __init__(self, errors: dict[str, list[str]], *, hint: str = "") -> None:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items())
        super().__init__(f"Invalid data: {details}", hint=hint or "Correct the fields named and try again.")
        self.errors = errors


class ImportRejected(MingaError):
    """An import file was refused as a whole; nothing was written. ``rejects`` lists (line, reason)."""

    def __init__(self, message: str, *, rejects: list[tuple[int, str]], hint: str = "", **extra: Any) -> None:
        super().__init__(message, hint=hint)
        self.rejects = rejects
        self.extra = extra

"""Keeping embeddings in step with the registry's write paths (the full-text index keeps itself, in SQL)."""

from __future__ import annotations

from typing import Any

from minga.knowledge.domain import vectors
from minga.registry.signals import import_committed, record_written


def _on_record(sender: Any, *, kind: str, record_id: int, action: str, **extra: Any) -> None:
    if action == "delete":
        vectors.forget(kind, record_id)
    else:
        vectors.embed_pending(kind, ids=[record_id])


def _on_import(sender: Any, *, source: str, progress: bool = False, **extra: Any) -> None:
    vectors.embed_pending("actor", progress=progress)


def connect() -> None:
    record_written.connect(_on_record, dispatch_uid="knowledge-record")
    import_committed.connect(_on_import, dispatch_uid="knowledge-import")

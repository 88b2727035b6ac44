"""Keeping embeddings and SDG suggestions in step with the registry's write paths (the full-text index keeps
itself, in SQL). A single record written through the web, the API or the admin is embedded and classified at
once; an import embeds its records (fast), and `minga sdg tag` classifies them in a batch with progress.
``MINGA_SDG_AUTO=0`` turns the per-record classification off."""

from __future__ import annotations

import os
from typing import Any

from minga.knowledge.domain import sdg_links, vectors
from minga.knowledge.models import SdgSuggestion
from minga.registry.signals import import_committed, record_written


def _on_record(sender: Any, *, kind: str, record_id: int, action: str, **extra: Any) -> None:
    if action == "delete":
        vectors.forget(kind, record_id)
        SdgSuggestion.objects.filter(record_type=kind, record_id=record_id).delete()
        return
    vectors.embed_pending(kind, ids=[record_id])
    if os.environ.get("MINGA_SDG_AUTO", "1") != "0":
        sdg_links.suggest(kind, ids=[record_id])


def _on_import(sender: Any, *, source: str, progress: bool = False, **extra: Any) -> None:
    vectors.embed_pending("actor", progress=progress)


def connect() -> None:
    record_written.connect(_on_record, dispatch_uid="knowledge-record")
    import_committed.connect(_on_import, dispatch_uid="knowledge-import")

"""Keeping embeddings and SDG suggestions in step with the registry's write paths (the full-text index keeps
itself, in SQL). A single record written through the web, the API or the admin is embedded and classified at
once; an import indexes its new rows' words in one statement before it commits, embeds its records (fast), and `minga sdg tag` classifies them in a batch with progress.
``MINGA_SDG_AUTO=0`` turns the per-record classification off."""

from __future__ import annotations

import os
from typing import Any

from minga.knowledge.domain import fulltext, sdg_links, vectors
from minga.knowledge.models import SdgSuggestion
from minga.registry.signals import import_committed, import_finishing, import_started, record_written


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


def _on_import_started(sender: Any, *, kind: str, **extra: Any) -> None:
    fulltext.defer(fulltext.TABLE_OF[kind])


def _on_import_finishing(sender: Any, *, kind: str, **extra: Any) -> None:
    fulltext.catch_up(fulltext.TABLE_OF[kind])


def connect() -> None:
    import_started.connect(_on_import_started, dispatch_uid="knowledge-import-started")
    import_finishing.connect(_on_import_finishing, dispatch_uid="knowledge-import-finishing")
    record_written.connect(_on_record, dispatch_uid="knowledge-record")
    import_committed.connect(_on_import, dispatch_uid="knowledge-import")

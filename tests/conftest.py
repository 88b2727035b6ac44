"""Shared test set-up: reference data is loaded once per test database (territories + vocabularies)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Embedding every imported record would make the import and web tests slow and say nothing about them: semantic
# features are off unless a test asks for them with the `semantic` fixture (knowledge tests do). Subprocesses
# (CLI, served pages) inherit the setting.
os.environ.setdefault("MINGA_EMBEDDINGS", "0")
os.environ.setdefault("MINGA_SDG_AUTO", "0")
# Votes schedule a background analysis thread; in tests it would outlive the test's transaction. The test of the
# debounce turns it on for itself, and the served browser tests run the product as shipped.
os.environ.setdefault("MINGA_FORUM_DEBOUNCE", "off")

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Load the territory tree and vocabularies once; tests then run in transactions over it."""
    from minga.territories.domain.load import load_territories
    from minga.vocab.domain.load import load_vocabularies

    with django_db_blocker.unblock():
        load_territories()
        load_vocabularies()


@pytest.fixture
def shared_data() -> Path:
    """The real public datasets beside the repository (../shared/data)."""
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is missing: tests read the real datasets from ../shared/data")
    return SHARED


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Cached dashboards are keyed by data version; tests roll back, so versions repeat between tests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def semantic(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Semantic search on (the embedding model loaded) for this test."""
    from minga.knowledge import embeddings
    from minga.knowledge.domain import vectors

    monkeypatch.setenv("MINGA_EMBEDDINGS", "1")
    embeddings.model.cache_clear()
    vectors._cache.clear()
    yield
    embeddings.model.cache_clear()
    vectors._cache.clear()

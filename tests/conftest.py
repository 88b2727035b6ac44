"""Shared test set-up: reference data is loaded once per test database (territories + vocabularies)."""

from __future__ import annotations

from pathlib import Path

import pytest

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

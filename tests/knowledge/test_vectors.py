"""Vector search: exact below ``APPROXIMATE_ABOVE`` records, a two-stage scan (principal directions, then exact
re-scoring) above; filters apply before the cut on both paths."""

from __future__ import annotations

import numpy as np
import pytest

from minga.knowledge.domain import vectors
from minga.knowledge.embeddings import DIMENSIONS
from minga.knowledge.models import Embedding

pytestmark = pytest.mark.django_db
N = 3000


@pytest.fixture
def stored() -> np.ndarray:
    """N unit vectors with the low-rank structure sentence embeddings have (a few dozen strong directions plus
    noise), stored as embeddings of actors 1..N."""
    rng = np.random.default_rng(7)
    mixed = rng.normal(size=(N, 24)) @ rng.normal(size=(24, DIMENSIONS)) + 0.3 * rng.normal(
        size=(N, DIMENSIONS)
    )
    unit = (mixed / np.linalg.norm(mixed, axis=1, keepdims=True)).astype(np.float16)
    Embedding.objects.bulk_create(
        Embedding(record_type="actor", record_id=i + 1, text_hash="x", model="test", vector=v.tobytes())
        for i, v in enumerate(unit)
    )
    vectors._cache.clear()
    return unit.astype(np.float32)


def queries(stored: np.ndarray, n: int = 20) -> list[np.ndarray]:
    rng = np.random.default_rng(11)
    picks = stored[rng.choice(N, n, replace=False)] + 0.05 * rng.normal(size=(n, DIMENSIONS))
    return [(q / np.linalg.norm(q)).astype(np.float32) for q in picks]


def test_the_exact_scan_ranks_by_cosine(stored: np.ndarray) -> None:
    query = queries(stored, 1)[0]
    expected = np.argsort(-(stored @ query), kind="stable")[:10] + 1

    found = vectors.nearest("actor", query, limit=10)

    assert [i for i, _ in found] == expected.tolist()


def test_the_two_stage_scan_finds_what_the_exact_scan_finds(
    stored: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vectors, "APPROXIMATE_ABOVE", 1000)
    vectors._cache.clear()
    assert vectors.matrix("actor").reduced is not None
    recalls = []
    for query in queries(stored):
        exact = vectors.nearest("actor", query, limit=20, exact=True)
        approximate = vectors.nearest("actor", query, limit=20)
        recalls.append(len({i for i, _ in exact} & {i for i, _ in approximate}) / 20)
        assert [s for _, s in approximate] == sorted((s for _, s in approximate), reverse=True)
    assert float(np.mean(recalls)) >= 0.95


def test_filters_apply_before_the_cut_on_both_paths(
    stored: np.ndarray, monkeypatch: pytest.MonkeyPatch
) -> None:
    allowed = np.arange(2, N + 1, 3, dtype=np.int64)  # a third of the records
    query = queries(stored, 1)[0]
    scores = stored @ query
    best_allowed = sorted(allowed.tolist(), key=lambda i: -scores[i - 1])[:15]

    exact = vectors.nearest("actor", query, allowed=allowed, limit=15)
    monkeypatch.setattr(vectors, "APPROXIMATE_ABOVE", 1000)
    vectors._cache.clear()
    approximate = vectors.nearest("actor", query, allowed=allowed, limit=15)
    few = vectors.nearest("actor", query, allowed=allowed[:40], limit=15)

    assert [i for i, _ in exact] == best_allowed
    assert len(set(i for i, _ in approximate) & set(best_allowed)) >= 14
    assert set(i for i, _ in approximate) <= set(allowed.tolist())
    assert [i for i, _ in few] == sorted(allowed[:40].tolist(), key=lambda i: -scores[i - 1])[:15]
    assert vectors.nearest("actor", query, allowed=np.array([N + 5], dtype=np.int64)) == []


@pytest.mark.parametrize(
    ("length", "k"),
    [(10, 3), (200_000, 1), (200_000, 20), (200_000, 1500), (200_000, 200_000), (60_000, 6000)],
)
def test_top_finds_the_k_largest_values_as_a_full_partition_does(length: int, k: int) -> None:
    values = np.random.default_rng(length + k).normal(size=length).astype(np.float32)
    assert sorted(vectors.top(values, k).tolist()) == sorted(np.argsort(-values)[:k].tolist())


def test_top_falls_back_to_the_full_partition_when_the_sample_misleads_it() -> None:
    # the sample (every 16th value) holds all the largest values, so its threshold lets through fewer than k
    values = np.random.default_rng(3).normal(size=200_000).astype(np.float32)
    values[::16] = np.arange(1000, 13_500, dtype=np.float32)
    assert sorted(vectors.top(values, 100).tolist()) == sorted(
        np.argsort(-values, kind="stable")[:100].tolist()
    )

"""Embeddings of records: computed when missing or stale (``embed_pending``), kept in memory as one matrix per
record type for cosine search with numpy: exact up to ``APPROXIMATE_ABOVE`` records; beyond, a two-stage scan (the
whole matrix projected on its ``REDUCED`` principal directions, then the ``CANDIDATES`` × limit best re-scored
exactly), whose recall against the exact scan ``bench/search_scale.py`` measures (docs/benchmarks.md)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Max

from minga.core.progress import Progress
from minga.knowledge.domain.documents import iter_documents, text_hash
from minga.knowledge.embeddings import DIMENSIONS, model
from minga.knowledge.models import Embedding
from minga.registry.domain.stats import data_version

BATCH = 64
APPROXIMATE_ABOVE = 200_000
REDUCED = 96  # dimensions of the first stage
CANDIDATES = 30  # first-stage candidates per result asked for
PCA_SAMPLE = 50_000


def embed_pending(record_type: str, *, progress: bool = False, ids: list[int] | None = None) -> int:
    """Embed the records of ``record_type`` (or just ``ids``) whose text changed since they were last embedded,
    and forget the embeddings of records that are gone. Returns how many were embedded (0 when the model is not
    installed). Side effects: writes ``Embedding`` rows."""
    encoder = model()
    if encoder is None:
        return 0
    done = 0
    total = None if ids is not None else _count(record_type)
    with Progress(total, f"Embedding {record_type}s", enabled=progress) as advance:
        for chunk in iter_documents(record_type, ids=ids):
            known = dict(
                Embedding.objects.filter(
                    record_type=record_type, record_id__in=[i for i, _ in chunk]
                ).values_list("record_id", "text_hash")
            )
            stale = [(i, t, text_hash(t)) for i, t in chunk if known.get(i) != text_hash(t)]
            for start in range(0, len(stale), BATCH):
                part = stale[start : start + BATCH]
                vectors = encoder.passages([t for _, t, _ in part]).astype(np.float16)
                with transaction.atomic():
                    Embedding.objects.filter(
                        record_type=record_type, record_id__in=[i for i, _, _ in part]
                    ).delete()
                    Embedding.objects.bulk_create(
                        Embedding(
                            record_type=record_type,
                            record_id=i,
                            text_hash=h,
                            model=encoder.name,
                            vector=v.tobytes(),
                        )
                        for (i, _, h), v in zip(part, vectors, strict=True)
                    )
                done += len(part)
            advance(len(chunk))
    if ids is None:
        _forget_deleted(record_type)
    return done


def _count(record_type: str) -> int:
    from minga.registry.models import Actor, Initiative

    return (Actor if record_type == "actor" else Initiative).objects.count()


def _forget_deleted(record_type: str) -> None:
    from minga.registry.models import Actor, Initiative

    existing = (Actor if record_type == "actor" else Initiative).objects.values("pk")
    Embedding.objects.filter(record_type=record_type).exclude(record_id__in=existing).delete()  # type: ignore[misc]


def forget(record_type: str, record_id: int) -> None:
    Embedding.objects.filter(record_type=record_type, record_id=record_id).delete()


@dataclass(frozen=True)
class Matrix:
    """Every embedding of one record type: ``ids`` (sorted) and their unit ``vectors`` (float32); above
    ``APPROXIMATE_ABOVE`` records also the ``basis`` of their principal directions and the ``reduced`` vectors."""

    stamp: tuple[int, int]
    ids: np.ndarray
    vectors: np.ndarray
    basis: np.ndarray | None = None
    reduced: np.ndarray | None = None


def _reduce(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ``REDUCED`` directions that keep most of the dot products (eigenvectors of the uncentred second-moment
    matrix of an evenly spaced sample), and every vector projected on them."""
    step = max(1, len(vectors) // PCA_SAMPLE)
    sample = vectors[::step]
    _values, eigenvectors = np.linalg.eigh(sample.T @ sample)
    basis = np.ascontiguousarray(eigenvectors[:, ::-1][:, :REDUCED], dtype=np.float32)
    return basis, vectors @ basis


_cache: dict[str, Matrix] = {}
_lock = threading.Lock()


def matrix(record_type: str) -> Matrix:
    """The in-memory matrix, reloaded when the stored embeddings may have changed. Both checks are O(1) (the end
    of a primary key): the last embedding id (a changed text is a new row) and the registry's data version (a
    deleted record leaves an audit entry). Counting the rows instead cost 70 ms a query at 1,000,000 vectors."""
    top = Embedding.objects.aggregate(top=Max("id"))["top"] or 0
    stamp = (int(top), data_version())
    cached = _cache.get(record_type)
    if cached is not None and cached.stamp == stamp:
        return cached
    with _lock:
        rows = (
            Embedding.objects.filter(record_type=record_type)
            .order_by("record_id")
            .values_list("record_id", "vector")
        )
        ids, blobs = [], []
        for record_id, blob in rows.iterator(chunk_size=5000):
            ids.append(record_id)
            blobs.append(bytes(blob))
        vectors = (
            np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(ids), DIMENSIONS).astype(np.float32)
            if ids
            else np.zeros((0, DIMENSIONS), dtype=np.float32)
        )
        basis, reduced = _reduce(vectors) if len(ids) > APPROXIMATE_ABOVE else (None, None)
        _cache[record_type] = Matrix(stamp, np.asarray(ids, dtype=np.int64), vectors, basis, reduced)
        return _cache[record_type]


SAMPLE_STEP = 16  # top(): every 16th value estimates the threshold


def top(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest ``values`` (unordered), as ``np.argpartition`` finds them, in a fraction
    of its time on long arrays: a strided sample sets a threshold that about ``2k`` values reach, and only those
    are partitioned. Exact (falls back to the full partition when too few values reach the threshold); ties at
    the k-th value may be broken differently."""
    n = len(values)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k >= n:
        return np.arange(n)
    if n < 50_000 or k * SAMPLE_STEP * 8 > n:
        return np.argpartition(-values, k - 1)[:k]
    sample = values[::SAMPLE_STEP]
    rank = min(len(sample) - 1, (2 * k) // SAMPLE_STEP)  # the sample's value with ~2k values above it
    threshold = np.partition(sample, len(sample) - 1 - rank)[len(sample) - 1 - rank]
    above = np.flatnonzero(values >= threshold)
    if len(above) < k:
        return np.argpartition(-values, k - 1)[:k]
    return above[np.argpartition(-values[above], k - 1)[:k]]


def nearest(
    record_type: str,
    query: np.ndarray,
    *,
    allowed: np.ndarray | None = None,
    limit: int = 200,
    floor: float = 0.0,
    exact: bool = False,
) -> list[tuple[int, float]]:
    """The ``limit`` records closest to the unit vector ``query`` (cosine ≥ ``floor``), among ``allowed`` ids
    (sorted int64) when given: filters apply before the cut, never after. Above ``APPROXIMATE_ABOVE`` records the
    two-stage scan is used unless ``exact``; the scores returned are always exact cosines."""
    return nearest_in(matrix(record_type), query, allowed=allowed, limit=limit, floor=floor, exact=exact)


def nearest_in(
    m: Matrix,
    query: np.ndarray,
    *,
    allowed: np.ndarray | None = None,
    limit: int = 200,
    floor: float = 0.0,
    exact: bool = False,
) -> list[tuple[int, float]]:
    """:func:`nearest` over a matrix already loaded: numpy only, no database, so any thread may run it."""
    if not len(m.ids):
        return []
    query = query.astype(np.float32)
    rows: np.ndarray | None = None  # the rows allowed, when filtered
    if allowed is not None:
        positions = np.searchsorted(m.ids, allowed)
        inside = positions < len(m.ids)
        positions = positions[inside]
        rows = positions[m.ids[positions] == allowed[inside]]
        if not len(rows):
            return []
    approximate = m.reduced is not None and m.basis is not None and not exact
    if approximate and (rows is None or len(rows) > limit * CANDIDATES):
        assert m.reduced is not None and m.basis is not None
        coarse = m.reduced @ (query @ m.basis)
        if rows is not None:
            masked = np.full(len(coarse), -np.inf, dtype=np.float32)
            masked[rows] = coarse[rows]
            coarse = masked
        rows = top(coarse, limit * CANDIDATES)
        scores = m.vectors[rows] @ query
    elif rows is None:
        scores = m.vectors @ query
        rows = np.arange(len(scores))
    elif len(rows) * 4 < len(m.ids):  # a small subset: score just its rows
        scores = m.vectors[rows] @ query
    else:  # a large one: one pass over the matrix is cheaper than copying the rows out
        scores = (m.vectors @ query)[rows]
    best = top(scores, min(limit, len(scores)))
    best = best[np.argsort(-scores[best], kind="stable")]
    return [(int(m.ids[rows[i]]), float(scores[i])) for i in best if scores[i] >= floor]

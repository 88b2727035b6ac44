"""Hybrid search over actors and initiatives: full-text (BM25 / ts_rank) fused with semantic nearest neighbours
(multilingual-e5-small) by reciprocal-rank fusion, vocabulary labels in every language as a boost, and the
registry's filters applied inside each search, before any cut.

One engine for the CLI (``minga search``), the API (``/api/v1/search``) and the web directory.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
from django.db import connection

from minga.knowledge.domain import fulltext, glossary, places, vectors
from minga.knowledge.domain.vocabulary import VocabularyMatch, content_words, match
from minga.knowledge.embeddings import model, status
from minga.registry.domain.search import ActorQuery, find_actors, find_initiatives
from minga.registry.models import Actor, ActorKind, Initiative, InitiativeKind

RRF_K = 60
POOL = 200  # candidates taken from each ranked list
_embedder = ThreadPoolExecutor(max_workers=2, thread_name_prefix="minga-query-embedding")
#: a semantic match has a cosine >= SEMANTIC_FLOOR and within SEMANTIC_BAND of the best one: multilingual-e5
#: scores are compressed (unrelated text still scores ~0.80), so an absolute floor alone lets everything through
SEMANTIC_FLOOR = 0.83
SEMANTIC_BAND = 0.05
WEAK_LEXICAL_WEIGHT = 0.5  # when no record has every word, matches of any of them count half
#: weights of the fused lists (module settings: the cross-lingual evaluation switches them for its ablations)
SEMANTIC_WEIGHT = 1.0
LEXICAL_WEIGHT = 1.0
GLOSSARY_WEIGHT = 1.0  # records holding the query's glossary terms in any language (0: no glossary list)
GLOSSARY_IN_EMBEDDING = True  # average the query's English reading into its embedding
GLOSSARY_CAP = (
    500  # matches of a concept's terms ranked (they only add candidates; the words count the total)
)
VOCABULARY_WEIGHT = 0.5
#: matches ranked by BM25, the first ones in id order (the rest are counted by estimate; 5× the fused pool): bounds the cost of
#: queries made of very common words, whose full ranking is what made plain FTS5 slow (docs/benchmarks.md)
LEXICAL_CAP = 1000


@dataclass
class Hit:
    type: str
    id: int
    kind: str
    name: str
    source: str
    source_id: str
    score: float
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SearchResult:
    total: int
    results: list[Hit]
    semantic: bool
    status: str
    matched_terms: list[str] = field(default_factory=list)
    available: int = 0  # how many ranked results can be paged through (the fused pools)
    place: places.Place | None = None  # the territory the query named, searched within
    approximate: bool = False  # ``total`` estimated (more than ``LEXICAL_CAP`` records hold the words)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "results": [h.to_dict() for h in self.results], "semantic": self.semantic,
                "status": self.status, "matched_terms": self.matched_terms,
                "place": self.place.to_dict() if self.place else None, "approximate": self.approximate}  # fmt: skip


@dataclass(frozen=True)
class Filters:
    """The registry's filters; ``kind`` is an actor kind or an initiative kind."""

    territory: str | None = None
    kind: str | None = None
    activity: str | None = None
    legal_form: str | None = None
    sdg: int | None = None
    theme: str | None = None
    types: tuple[str, ...] = ("actor", "initiative")

    def applies_to(self, record_type: str) -> bool:
        if record_type not in self.types:
            return False
        if record_type == "initiative":
            actor_only = self.activity or self.legal_form or self.theme
            return not actor_only and (not self.kind or self.kind in InitiativeKind.values)
        return not self.kind or self.kind in ActorKind.values

    def allowed_sql(self, record_type: str) -> tuple[str, list[Any]] | None:
        """SQL selecting the ids these filters let through (None: no filter)."""
        if record_type == "actor":
            query = ActorQuery(
                self.territory, self.kind, self.activity, self.legal_form, self.sdg, theme=self.theme
            )
            if query == ActorQuery():
                return None
            sql, params = find_actors(query).order_by().values("id").query.sql_with_params()
            return sql, list(params)
        if not (self.territory or self.kind or self.sdg):
            return None
        found = find_initiatives(territory=self.territory, kind=self.kind, sdg=self.sdg)
        sql, params = found.order_by().values("id").query.sql_with_params()
        return sql, list(params)


def _fuse(lists: list[tuple[list[int], float]]) -> dict[int, float]:
    scores: dict[int, float] = {}
    for ids, weight in lists:
        for rank, record_id in enumerate(ids, start=1):
            scores[record_id] = scores.get(record_id, 0.0) + weight / (RRF_K + rank)
    return scores


def _vocabulary_ids(
    record_type: str, terms: VocabularyMatch, allowed: tuple[str, list[Any]] | None
) -> set[int]:
    if record_type != "actor" or not terms:
        return set()
    found: set[int] = set()
    for field_name, codes in terms.codes.items():
        qs = Actor.objects.filter(**{f"{field_name}__in": codes})
        if allowed:
            qs = qs.extra(where=[f"registry_actor.id IN ({allowed[0]})"], params=allowed[1])
        found |= set(qs.values_list("id", flat=True)[:20_000])
    return found


def _allowed_ids(allowed: tuple[str, list[Any]] | None) -> np.ndarray | None:
    if allowed is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(allowed[0], allowed[1])
        return np.sort(np.fromiter((r[0] for r in cursor.fetchall()), dtype=np.int64))


def search(
    query: str,
    *,
    limit: int = 20,
    offset: int = 0,
    filters: Filters | None = None,
    places_in_query: bool = True,
) -> SearchResult:
    """The records best matching ``query`` under ``filters``, best first, with ``total`` matches (exact up to
    ``LEXICAL_CAP`` lexical matches, an estimate above). Never raises on odd input.

    A place the query names ("… en Alemania") narrows the search to that territory, within any territory filter
    given, and is reported as ``place``; when nothing matches there, the query is searched as typed."""
    filters = filters or Filters()
    place = places.find(query) if places_in_query else None
    if place is not None and places.within(place.code, filters.territory):
        found = _search(place.rest, limit, offset, replace(filters, territory=place.code))
        if found.total:
            found.place = place
            return found
    return _search(query, limit, offset, filters)


def _search(query: str, limit: int, offset: int, filters: Filters) -> SearchResult:
    words = [w for w in fulltext.tokens(query) if w]
    content = [w for w in words if w.casefold() in set(content_words(" ".join(words)))] or words
    terms = match(query)
    expansion = glossary.expand(query)
    encoder = model()
    # the query is embedded and the vectors scanned in a worker thread while the database answers the lexical
    # part (the encoder's C code and numpy release the GIL): the two overlap on a second core instead of adding up.
    # What needs the database (the matrices' freshness, the filters' ids) is read here first.
    semantic_job = None
    if encoder is not None and words:
        plan = [
            (rt, vectors.matrix(rt), _allowed_ids(filters.allowed_sql(rt)))
            for rt in ("actor", "initiative")
            if filters.applies_to(rt)
        ]
        semantic_job = _embedder.submit(_semantic, encoder, query, expansion, plan)
    ranked: list[tuple[float, str, int, list[str]]] = []
    total = 0
    approximate = False
    for record_type in ("actor", "initiative"):
        if not filters.applies_to(record_type):
            continue
        allowed = filters.allowed_sql(record_type)
        count, lexical = fulltext.lexical(record_type, words, allowed=allowed, limit=POOL, cap=LEXICAL_CAP)
        lexical_weight = 1.0
        if not count and len(content) > 1:  # no record has every word: any of the words, without stop words
            count, lexical = fulltext.lexical(
                record_type, content, allowed=allowed, limit=POOL, cap=LEXICAL_CAP, any_word=True
            )
            lexical_weight = WEAK_LEXICAL_WEIGHT
        approximate = approximate or fulltext.is_estimate(count, LEXICAL_CAP)
        glossed: list[
            list[int]
        ] = []  # one list per concept: a rare concept is never crowded out by a common one
        if expansion and GLOSSARY_WEIGHT:
            for concept in expansion.concepts:
                _n, hits = fulltext.lexical(
                    record_type,
                    [],
                    allowed=allowed,
                    limit=POOL,
                    phrases=concept.phrases(),
                    cap=GLOSSARY_CAP,
                    count=False,
                )
                glossed.append([i for i, _ in hits])
        semantic = semantic_job.result()[record_type] if semantic_job is not None else []
        boosted = _vocabulary_ids(record_type, terms, allowed)
        lexical_ids = [i for i, _ in lexical]
        glossed_ids = [i for ids in glossed for i in ids]
        semantic_ids = [i for i, _ in semantic]
        share = GLOSSARY_WEIGHT / len(glossed) if glossed else 0.0  # the glossary weighs like one list
        scores = _fuse(
            [(lexical_ids, lexical_weight * LEXICAL_WEIGHT), (semantic_ids, SEMANTIC_WEIGHT)]
            + [(ids, share) for ids in glossed]
        )
        for record_id in list(scores):
            if record_id in boosted:
                scores[record_id] += VOCABULARY_WEIGHT / (RRF_K + 1)
        if not scores and boosted:  # only a vocabulary term matched: the records coded with it
            scores = {i: VOCABULARY_WEIGHT / (RRF_K + 1) for i in sorted(boosted)[:POOL]}
        lexical_set, semantic_set = set(lexical_ids) | set(glossed_ids), set(semantic_ids)
        words_total = max(count, len(lexical_set))
        total += words_total + len((semantic_set | boosted) - lexical_set) if scores else 0
        for record_id, score in scores.items():
            why = [w for w, on in (("words", record_id in lexical_set), ("meaning", record_id in semantic_set),
                                   ("vocabulary", record_id in boosted)) if on]  # fmt: skip
            ranked.append((score, record_type, record_id, why))
    ranked.sort(key=lambda r: (-r[0], r[1], r[2]))
    page = ranked[offset : offset + limit]
    return SearchResult(
        total=total,
        results=_hydrate(page),
        semantic=encoder is not None,
        status=status(),
        matched_terms=terms.labels,
        available=len(ranked),
        approximate=approximate,
    )


def _semantic(
    encoder: Any,
    query: str,
    expansion: glossary.Expansion,
    plan: list[tuple[str, vectors.Matrix, np.ndarray | None]],
) -> dict[str, list[tuple[int, float]]]:
    """The semantic list of each record type: cosine ≥ ``SEMANTIC_FLOOR`` and within ``SEMANTIC_BAND`` of the
    best. No database access (it runs in a worker thread)."""
    query_vector = _query_vector(encoder, query, expansion)
    out = {}
    for record_type, m, allowed in plan:
        found = vectors.nearest_in(m, query_vector, allowed=allowed, limit=POOL, floor=SEMANTIC_FLOOR)
        out[record_type] = [(i, s) for i, s in found if s >= found[0][1] - SEMANTIC_BAND]
    return out


def _query_vector(encoder: Any, query: str, expansion: glossary.Expansion) -> np.ndarray:
    """The query's embedding; when the glossary put it into English, the mean of both (English is what the
    encoder bridges best), normalised. (Adding the glossary terms' own vectors, kept once computed, instead of
    embedding the English reading saves one pass of the encoder but found fewer records on both cross-lingual
    sets: docs/crosslingual-eval.md.)"""
    texts = [query]
    if GLOSSARY_IN_EMBEDDING and expansion and expansion.english.casefold() != query.casefold():
        texts.append(expansion.english)
    vectors_ = np.asarray(encoder.queries(texts), dtype=np.float32)
    mean = vectors_.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm else vectors_[0]


def _hydrate(page: list[tuple[float, str, int, list[str]]]) -> list[Hit]:
    rows = {
        "actor": _rows(Actor, "name", [i for _, t, i, _ in page if t == "actor"]),
        "initiative": _rows(Initiative, "title", [i for _, t, i, _ in page if t == "initiative"]),
    }
    hits = []
    for score, record_type, record_id, why in page:
        row = rows[record_type].get(record_id)
        if row is not None:
            _id, kind, name, source, source_id = row
            hits.append(
                Hit(record_type, record_id, kind, name, source, source_id, round(score * 1000, 3), why)
            )
    return hits


def _rows(model: Any, name: str, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """(id, kind, name, source, source_id) of the records ``ids``, in one plain query: the ORM's query building
    was a tenth of a lexical search's median time."""
    if not ids:
        return {}
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, kind, {name}, source, source_id FROM {table} WHERE id IN ({', '.join(['%s'] * len(ids))})",
            ids,
        )
        return {int(r[0]): tuple(r) for r in cursor.fetchall()}

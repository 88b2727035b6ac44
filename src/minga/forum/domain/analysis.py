"""A question's analysis: its votes read from the database into the Pol.is maths (``minga.maths.polis``), topics
(``minga.maths.topics``), and the result cached on the question with the vote version it was computed from.

Ids in the result are the public ones: the Pol.is ids of an imported conversation (so results compare with
Pol.is's), Minga's statement and participant numbers otherwise. Votes arriving while a page is open schedule a
recomputation in a background thread, debounced (``MINGA_FORUM_DEBOUNCE`` seconds, default 2; ``off`` disables
it): the page never waits for the maths, it shows the last result and says when it was computed."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from typing import Any

import numpy as np
from django.db import close_old_connections
from django.utils import timezone

from minga.forum.models import ModerationState, Question, Statement, Vote
from minga.maths import topics as topic_maths
from minga.maths.polis import Analysis, Votes, analyze

log = logging.getLogger(__name__)
Id = int | str


def public_id(source_id: str, pk: int, imported: bool) -> Id:
    if imported:
        if source_id.isdigit():
            return int(source_id)
        return source_id or f"minga-{pk}"
    return pk


def question_votes(question: Question) -> tuple[Votes, frozenset[Id], frozenset[Id], dict[int, Id]]:
    """The question's votes as the maths takes them: participants in the order of their first vote (Pol.is's row
    order), statements by id; the moderated-out and meta statements; statement pk → public id."""
    imported = bool(question.source)
    statements = list(
        Statement.objects.filter(question=question).values_list("pk", "source_id", "moderation", "is_meta")
    )
    public = {pk: public_id(src, pk, imported) for pk, src, _m, _meta in statements}
    order = sorted(public, key=lambda pk: (isinstance(public[pk], str), public[pk] if isinstance(public[pk], int) else 0, str(public[pk])))  # fmt: skip
    column = {pk: j for j, pk in enumerate(order)}
    rows = Vote.objects.filter(question=question).values_list("participant_id", "participant__source_id",
                                                              "statement_id", "value", "modified")  # fmt: skip
    data = list(rows.iterator(chunk_size=20_000))
    first: dict[int, Any] = {}
    names: dict[int, Id] = {}
    for pid, src, _sid, _v, when in data:
        if pid not in first or when < first[pid]:
            first[pid] = when
        names[pid] = public_id(src or "", pid, imported)
    participants = sorted(first, key=lambda p: (first[p], p))
    row = {p: i for i, p in enumerate(participants)}
    votes = Votes(
        participants=[names[p] for p in participants],
        statements=[public[pk] for pk in order],
        rows=np.fromiter((row[r[0]] for r in data), dtype=np.int64, count=len(data)),
        cols=np.fromiter((column[r[2]] for r in data), dtype=np.int64, count=len(data)),
        values=np.fromiter((r[3] for r in data), dtype=np.int8, count=len(data)),
    )
    out = frozenset(public[pk] for pk, _s, m, _meta in statements if m == ModerationState.REJECTED)
    meta = frozenset(public[pk] for pk, _s, _m, is_meta in statements if is_meta)
    return votes, out, meta, public


def _topics(
    question: Question, public: dict[int, Id], excluded: frozenset[Id]
) -> tuple[str, list[dict[str, Any]]]:
    """The topics of the question's statements, and the signature of the statements they were computed from: votes
    do not change topics, so the last ones are kept while no statement is added, edited or moderated."""
    from minga.knowledge import embeddings

    rows = [(pk, text) for pk, text in Statement.objects.filter(question=question).order_by("pk")
            .values_list("pk", "text") if public[pk] not in excluded]  # fmt: skip
    encoder = embeddings.model()
    signature = hashlib.sha256(repr((rows, encoder is not None)).encode("utf-8")).hexdigest()[:16]
    last = question.analysis or {}
    if last.get("topics_of") == signature:
        return signature, list(last.get("topics", []))
    texts = [t for _pk, t in rows]
    vectors = encoder.passages(texts) if encoder is not None and texts else None
    found = topic_maths.topics(texts, vectors=vectors)
    return signature, [
        {"label": t.label, "statements": [public[rows[i][0]] for i in t.members]} for t in found
    ]


def analyze_question(
    question: Question, *, previous: Analysis | None = None
) -> tuple[dict[str, Any], Analysis]:
    """Compute and store ``question``'s analysis (from scratch unless ``previous`` warm-starts it, as Pol.is's
    updates do). Side effect: ``question.analysis``, ``analysed_version``, ``analysed_at``."""
    version = Question.objects.filter(pk=question.pk).values_list("votes_version", flat=True).get()
    votes, out, meta, public = question_votes(question)
    result = analyze(votes, moderated_out=out, meta=meta, previous=previous)
    data = result.to_json()
    data["topics_of"], data["topics"] = _topics(question, public, out | meta)
    data["detail"] = _detail(result)
    data["detail"]["figures"] = figures(votes, result)
    data["detail"]["divisive"] = divisive(data["detail"]["figures"], excluded=out | meta)
    data["version"] = version
    Question.objects.filter(pk=question.pk).update(
        analysis=data, analysed_version=version, analysed_at=timezone.now()
    )
    question.analysis, question.analysed_version = data, version
    return data, result


SUMMARY = ("participants", "statements", "groups", "consensus", "group_aware_consensus", "topics")


def summary(data: dict[str, Any]) -> dict[str, Any]:
    """The documented shape of an analysis (``minga forum analyze --json``, the API), without the page's details."""
    return {k: data[k] for k in SUMMARY if k in data}


def _detail(result: Analysis) -> dict[str, Any]:
    """What the pages show beyond the summary: the base clusters (the 2-D map), each group's representative
    statements with their vote figures, and the consensus statistics."""
    group_of = result.group_of()
    return {
        "in_conv": len(result.in_conv),
        "map": [
            {
                "x": round(c.x, 4),
                "y": round(c.y, 4),
                "n": len(c.members),
                "group": group_of.get(c.members[0], -1) if c.members else -1,
            }
            for c in result.base_clusters
        ],  # fmt: skip
        "groups": {str(g.id): {"size": len(g.members), "x": g.x, "y": g.y} for g in result.groups},
        "representative": {
            str(gid): [
                {
                    "statement": r.statement,
                    "direction": r.direction,
                    "score": round(r.score, 3),
                    "agree": r.n_agree,
                    "disagree": r.n_disagree,
                    "seen": r.n_seen,
                    "pa": round(r.pa, 3),
                    "pd": round(r.pd, 3),
                }
                for r in reps
            ]
            for gid, reps in result.repness.items()
        },  # fmt: skip
        "consensus": {
            side: [
                {
                    "statement": c.statement,
                    "p": round(c.p_success, 3),
                    "n": c.n_trials,
                    "agree" if side == "agree" else "disagree": c.n_success,
                }
                for c in items
            ]
            for side, items in result.consensus.items()
        },  # fmt: skip
        "group_aware": [
            {"statement": sid, "value": round(v, 4)} for sid, v in result.group_aware_consensus[:20]
        ],
    }


def figures(votes: Votes, result: Analysis) -> dict[str, dict[str, Any]]:
    """Per statement (public id as text): agree, disagree and pass counts over everyone and within each group."""
    group_of = result.group_of()
    row_group = np.array([group_of.get(p, -1) for p in votes.participants], dtype=np.int64)
    ids = sorted({g.id for g in result.groups})
    n = len(votes.statements)
    counts = np.zeros(
        (len(ids) + 1, n, 3), dtype=np.int64
    )  # [everyone, group…] × statement × (agree, disagree, pass)
    kind = np.where(votes.values == 1, 0, np.where(votes.values == -1, 1, 2))
    np.add.at(counts[0], (votes.cols, kind), 1)
    for i, gid in enumerate(ids, start=1):
        mask = row_group[votes.rows] == gid
        np.add.at(counts[i], (votes.cols[mask], kind[mask]), 1)
    return {str(sid): {"all": counts[0, j].tolist(), "groups": {str(g): counts[i, j].tolist()
                                                                for i, g in enumerate(ids, start=1)}}
            for j, sid in enumerate(votes.statements)}  # fmt: skip


def divisive(table: dict[str, dict[str, Any]], *, excluded: frozenset[Id], limit: int = 10, min_seen: int = 3) -> list[dict[str, Any]]:  # fmt: skip
    """The statements that divide the groups most: the widest gap between two groups' shares of agreement, counting
    groups where at least ``min_seen`` members voted on it (a gap of 1.0: one group all agrees, another all
    disagrees or passes). Best first; ties by statement id."""
    found = []
    for sid, row in table.items():
        if any(str(x) == sid for x in excluded):
            continue
        shares = [a / max(1, a + d + p) for a, d, p in row["groups"].values() if a + d + p >= min_seen]
        if len(shares) >= 2:
            found.append({"statement": sid, "gap": round(max(shares) - min(shares), 4)})
    found.sort(key=lambda x: (-x["gap"], x["statement"]))
    return found[:limit]


# -- debounced background recomputation -------------------------------------------------------------------------
_lock = threading.Lock()
_pending: dict[int, threading.Timer] = {}
_last: dict[int, Analysis] = {}


def debounce() -> float | None:
    value = os.environ.get("MINGA_FORUM_DEBOUNCE", "2")
    return None if value == "off" else float(value)


def schedule(question_id: int) -> bool:
    """Recompute ``question_id``'s analysis in a background thread after the debounce delay, unless one is
    already due. Returns whether a run was scheduled."""
    delay = debounce()
    if delay is None:
        return False
    with _lock:
        if question_id in _pending:
            return False
        timer = threading.Timer(delay, _run, args=(question_id,))
        timer.daemon = True
        _pending[question_id] = timer
    timer.start()
    return True


def _run(question_id: int) -> None:
    close_old_connections()
    try:
        with _lock:
            _pending.pop(question_id, None)
        question = Question.objects.filter(pk=question_id).first()
        if question is not None and question.analysed_version != question.votes_version:
            _data, result = analyze_question(question, previous=_last.get(question_id))
            _last[question_id] = result
    except Exception:  # a failed run must not kill the server; the next vote schedules another
        log.exception("forum analysis of question %s failed", question_id)
    finally:
        close_old_connections()

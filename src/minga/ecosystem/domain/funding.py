"""Funding schemes: publishing one (checked criteria), the candidates that fit it and the schemes that fit a
candidate — each with why — and applications whose award becomes a ``funds`` relation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone

from minga.core import audit
from minga.core.errors import NotFound, ValidationFailed
from minga.core.permissions import can_edit_actor, require
from minga.ecosystem.domain import candidates as cand
from minga.ecosystem.domain import rules
from minga.ecosystem.domain.matchmaking import evaluate, explain, ranking
from minga.ecosystem.domain.references import Ref
from minga.ecosystem.domain.relations import RelationData, create_relation
from minga.ecosystem.models import Application, ApplicationStatus, FundingScheme, Instrument, RelationType
from minga.registry.models import Actor, ActorKind, Stage
from minga.territories.models import Territory

SCHEME_FIELDS = ("name", "description", "instrument", "currency", "budget", "status", "deadline", "territories",
                 "actor_kinds", "legal_forms", "activities", "sdg_goals", "sdg_targets", "stages", "amount_min",
                 "amount_max", "cofinancing_min")  # fmt: skip


def create_scheme(funder: Actor, data: Mapping[str, Any], *, by: Any, via: str) -> FundingScheme:
    """Publish a scheme of ``funder`` (permission: whoever may edit the funder). Every code is checked against its
    vocabulary; money is Decimal with an ISO 4217 currency. Side effects: the scheme and an audit entry."""
    require(can_edit_actor(by, funder), f"publish funding schemes of {funder.name!r}")
    values = clean_scheme(data)
    with transaction.atomic():
        scheme = FundingScheme.objects.create(funder=funder, **values)
        audit.record(
            action="create", instance=scheme, changes=audit.snapshot(scheme, SCHEME_FIELDS), by=by, via=via
        )
    return scheme


def clean_scheme(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validated scheme values; :class:`ValidationFailed` names every wrong field."""
    errors: dict[str, list[str]] = {}
    v = cand.vocabularies()
    out: dict[str, Any] = {k: data[k] for k in SCHEME_FIELDS if k in data}
    if not str(out.get("name") or "").strip():
        errors["name"] = ["a scheme needs a name"]
    if out.get("instrument") not in Instrument.values:
        errors["instrument"] = [f"use one of: {', '.join(Instrument.values)}"]
    currency = str(out.get("currency") or "").upper()
    out["currency"] = currency
    if currency not in rules.currencies():
        errors["currency"] = [f"{currency!r} is not an ISO 4217 code"]
    for name in ("budget", "amount_min", "amount_max"):
        if out.get(name) not in (None, ""):
            try:
                out[name] = rules.parse_amount(str(out[name]))
            except ValueError as err:
                errors.setdefault(name, []).append(str(err))
        else:
            out[name] = None
    if isinstance(out.get("deadline"), str):
        try:
            out["deadline"] = dt.date.fromisoformat(out["deadline"]) if out["deadline"] else None
        except ValueError:
            errors["deadline"] = [f"{out['deadline']!r} is not a date (write YYYY-MM-DD)"]
    if out.get("amount_min") and out.get("amount_max") and out["amount_min"] > out["amount_max"]:
        errors["amount_max"] = ["is below amount_min"]
    if out.get("cofinancing_min") not in (None, ""):
        share = Decimal(str(out["cofinancing_min"]))
        if not Decimal(0) <= share <= Decimal(1):
            errors["cofinancing_min"] = ["a share between 0 and 1"]
        out["cofinancing_min"] = share
    known: dict[str, set[Any]] = {"actor_kinds": set(ActorKind.values), "legal_forms": set(v["legal_form"].codes),
             "activities": set(v["activity"].codes), "sdg_targets": set(v["target"].codes), "stages": set(Stage.values),
             "sdg_goals": set(range(1, 18)), "territories": set()}  # fmt: skip
    territories = set(
        Territory.objects.filter(code__in=list(out.get("territories") or [])).values_list("code", flat=True)
    )
    known["territories"] = territories
    for name, allowed in known.items():
        values = list(out.get(name) or [])
        bad = [x for x in values if x not in allowed]
        if bad:
            errors[name] = [f"unknown: {', '.join(map(str, bad))}"]
        out[name] = values
    if errors:
        raise ValidationFailed(errors)
    return out


def scheme_text(scheme: FundingScheme) -> str:
    return " ".join(filter(None, [scheme.name, *(scheme.description or {}).values()]))


def embed_schemes(ids: list[int] | None = None) -> int:
    """Embed the schemes (or those of ``ids``) whose text changed since they were last embedded, 64 at a time.
    Returns how many (0 without the model). Side effects: the schemes' ``embedding`` and ``embedding_hash``."""
    from minga.knowledge.domain.documents import text_hash
    from minga.knowledge.embeddings import model

    encoder = model()
    if encoder is None:
        return 0
    schemes = FundingScheme.objects.order_by("id").only("id", "name", "description", "embedding_hash")
    pairs = [(s, scheme_text(s)) for s in (schemes.filter(pk__in=ids) if ids is not None else schemes)]
    stale = [(s, t) for s, t in pairs if s.embedding_hash != text_hash(t)]
    for start in range(0, len(stale), 64):
        part = stale[start : start + 64]
        vectors = encoder.queries([t for _, t in part]).astype(np.float16)
        for (scheme, text), vector in zip(part, vectors, strict=True):
            FundingScheme.objects.filter(pk=scheme.pk).update(
                embedding=vector.tobytes(), embedding_hash=text_hash(text)
            )
    return len(stale)


def _similarity(scheme: FundingScheme, candidates: cand.Candidates) -> np.ndarray | None:
    """Cosine between the scheme's text and each candidate's embedding (None without the model). The scheme's
    embedding is made when it is written (``embed_schemes``), and here if it is missing or stale."""
    from minga.knowledge.domain import vectors
    from minga.knowledge.domain.documents import text_hash
    from minga.knowledge.embeddings import model

    text = scheme_text(scheme)
    if model() is None or not text:
        return None
    if not scheme.embedding or scheme.embedding_hash != text_hash(text):
        embed_schemes([scheme.pk])
        scheme.refresh_from_db(fields=["embedding", "embedding_hash"])
    query = np.frombuffer(bytes(scheme.embedding or b""), dtype=np.float16).astype(np.float32)
    m = vectors.matrix(candidates.record_type)
    out = np.zeros(len(candidates))
    if not len(m.ids) or not len(query):
        return out
    positions = np.clip(np.searchsorted(m.ids, candidates.ids), 0, len(m.ids) - 1)
    found = m.ids[positions] == candidates.ids
    if found.any():
        out[found] = m.vectors[positions[found]] @ query
    return out


def match_scheme(scheme_id: int, *, kind: str = "initiative", limit: int = 50, near: int = 20,
                 pool: cand.Candidates | None = None) -> dict[str, Any]:  # fmt: skip
    """The candidates that meet every criterion of the scheme, best first, each with why; and the best of those
    that miss one criterion, naming it."""
    scheme = _scheme(scheme_id)
    pool = pool or (cand.initiatives() if kind == "initiative" else cand.actors())
    evaluation = evaluate(scheme, pool)
    eligible = np.flatnonzero(evaluation.eligible)
    misses = (
        sum((~ok).astype(np.int64) for ok in evaluation.met.values())
        if evaluation.met
        else np.zeros(len(pool))
    )
    one_off = np.flatnonzero(misses == 1)
    similarity = _similarity(scheme, pool) if (len(eligible) or len(one_off)) else None
    out: dict[str, Any] = {"scheme": {"id": scheme.pk, "name": scheme.name, "criteria": list(evaluation.met)},
                           "candidates": len(pool), "total": int(len(eligible)),
                           "similarity": "off (no embedding model)" if similarity is None else "multilingual-e5-small"}  # fmt: skip
    for key, rows, count in (("matches", eligible, limit), ("near_misses", one_off, near)):
        scores = ranking(evaluation, rows, similarity=similarity)
        order = np.argsort(-scores, kind="stable")[:count]
        out[key] = [explain(evaluation, int(rows[i]), score=scores[i]) for i in order]
    return out


def match_candidate(record_type: str, record_id: int, *, limit: int = 50) -> dict[str, Any]:
    """The schemes a candidate meets every criterion of, best first, and those it misses, each with why."""
    pool = (cand.initiatives if record_type == "initiative" else cand.actors)([record_id])
    if not len(pool):
        raise NotFound(
            f"No {record_type} with id {record_id}.", hint=f"List them with GET /api/v1/{record_type}s."
        )
    matches: list[dict[str, Any]] = []
    misses: list[dict[str, Any]] = []
    for scheme in FundingScheme.objects.order_by("id"):
        evaluation = evaluate(scheme, pool)
        score = ranking(evaluation, np.array([0]), similarity=_similarity(scheme, pool))[0]
        item = {
            "scheme": {"id": scheme.pk, "name": scheme.name, "funder": scheme.funder_id},
            **explain(evaluation, 0, score=score),
        }
        (matches if item["eligible"] else misses).append(item)
    matches.sort(key=lambda m: -m["score"])
    misses.sort(key=lambda m: (len(m["failed"]), -m["score"]))
    return {"candidate": {"type": record_type, "id": record_id, "name": pool.names[0]},
            "matches": matches[:limit], "not_eligible": misses[:limit]}  # fmt: skip


def _scheme(scheme_id: int) -> FundingScheme:
    try:
        return FundingScheme.objects.get(pk=scheme_id)
    except FundingScheme.DoesNotExist:
        raise NotFound(
            f"No funding scheme with id {scheme_id}.", hint="List them with GET /api/v1/schemes."
        ) from None


def award(application: Application, amount: Decimal, *, by: Any, via: str) -> Application:
    """Award ``amount`` to an application: it becomes a ``funds`` relation from the scheme's funder. Permission:
    whoever may edit the funder. Side effects: the application, the relation, audit entries."""
    scheme = application.scheme
    require(can_edit_actor(by, scheme.funder), f"award grants of {scheme.funder.name!r}")
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationFailed({"status": [f"the application is {application.status}, not submitted"]})
    target = Ref(rules.INITIATIVE, application.initiative_id, "application") if application.initiative_id \
        else Ref(rules.ACTOR, application.actor_id or 0, "application")  # fmt: skip
    with transaction.atomic():
        relation = create_relation(RelationData(
            RelationType.FUNDS, Ref(rules.ACTOR, scheme.funder_id, "scheme funder"), target,
            start_date=timezone.localdate(), amount=amount, currency=scheme.currency, instrument=scheme.instrument,
            note=f"{scheme.name} (application {application.pk})", source="scheme", source_id=f"application:{application.pk}",
        ), by=by, via=via)  # fmt: skip
        application.status, application.amount_awarded = ApplicationStatus.AWARDED, amount
        application.relation, application.decided_at = relation, timezone.now()
        application.save()
        audit.record(action="update", instance=application, by=by, via=via,
                     changes={"status": ["submitted", "awarded"], "amount_awarded": [None, str(amount)]})  # fmt: skip
    return application

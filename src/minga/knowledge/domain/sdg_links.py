"""SDG suggestions in the product: the classifier's goals and targets for actors and initiatives, with their
evidence, which stewards confirm or reject. Confirming writes the registry's own link (counted by dashboards)
and an audit entry; rejections are remembered, so a re-run of the tagger does not suggest them again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from minga.core import audit, permissions
from minga.core.errors import NotFound
from minga.core.progress import Progress
from minga.knowledge.domain.documents import iter_documents
from minga.knowledge.models import LinkStatus, SdgSuggestion
from minga.registry.domain.search import ActorQuery, find_actors, find_initiatives
from minga.registry.models import Actor, Initiative, InitiativeSdgTarget, SdgOrigin
from minga.vocab.models import SdgGoal, SdgTarget

BATCH = 64


def _classify(texts: list[str]) -> list[Any]:
    from minga.knowledge.sdg import classify_many

    return list(classify_many(texts, semantic=False))  # the fast path: batches of thousands of records


def _records(record_type: str, territory: str | None) -> list[int] | None:
    if territory is None:
        return None
    if record_type == "actor":
        return list(find_actors(ActorQuery(territory=territory)).values_list("id", flat=True))
    return list(find_initiatives(territory=territory).values_list("id", flat=True))


def suggest(
    record_type: str,
    *,
    ids: Iterable[int] | None = None,
    territory: str | None = None,
    progress: bool = False,
) -> int:
    """Classify the records of ``record_type`` (``ids``, those under ``territory``, or all) and store what the
    classifier says as suggestions, replacing older suggestions; confirmed and rejected ones stay as they are.
    Returns the number of suggestions written. Side effects: ``SdgSuggestion`` rows."""
    wanted = list(ids) if ids is not None else _records(record_type, territory)
    if wanted is not None and not wanted:
        return 0
    targets = {t.code: t.pk for t in SdgTarget.objects.only("code")}
    written = 0
    total = (
        len(wanted)
        if wanted is not None
        else (Actor if record_type == "actor" else Initiative).objects.count()
    )
    with Progress(total, f"Suggesting SDGs for {record_type}s", enabled=progress) as advance:
        for chunk in iter_documents(record_type, ids=wanted, with_places=False):
            for start in range(0, len(chunk), BATCH):
                part = chunk[start : start + BATCH]
                alignments = _classify([text for _, text in part])
                with transaction.atomic():
                    for (record_id, _text), alignment in zip(part, alignments, strict=True):
                        written += _store(record_type, record_id, alignment, targets)
            advance(len(chunk))
    return written


def _store(record_type: str, record_id: int, alignment: Any, targets: dict[str, int]) -> int:
    decided = set(
        SdgSuggestion.objects.filter(record_type=record_type, record_id=record_id)
        .exclude(status=LinkStatus.SUGGESTED)
        .values_list("goal_id", "target_id")
    )
    SdgSuggestion.objects.filter(
        record_type=record_type, record_id=record_id, status=LinkStatus.SUGGESTED
    ).delete()
    rows = []
    for goal in alignment.goals:
        if (goal.goal, None) not in decided:
            rows.append(SdgSuggestion(record_type=record_type, record_id=record_id, goal_id=goal.goal, target_id=None,
                                      score=round(goal.score, 4), evidence=_evidence(goal.evidence)))  # fmt: skip
    for target in alignment.targets:
        target_id = targets.get(target.code)
        if target_id is not None and (target.goal, target_id) not in decided:
            rows.append(SdgSuggestion(record_type=record_type, record_id=record_id, goal_id=target.goal,
                                      target_id=target_id, score=round(target.score, 4),
                                      evidence=_evidence(target.evidence)))  # fmt: skip
    SdgSuggestion.objects.bulk_create(rows)
    return len(rows)


def _evidence(items: Iterable[Any]) -> list[dict[str, str]]:
    return [{"kind": e.kind, "text": e.text, "detail": e.detail} for e in list(items)[:8]]


def suggestions_for(record_type: str, record_id: int) -> list[SdgSuggestion]:
    """Pending and decided suggestions of one record, best first (goal-level before their targets)."""
    return list(
        SdgSuggestion.objects.filter(record_type=record_type, record_id=record_id)
        .select_related("goal", "target")
        .order_by("goal__number", "target__code", "-score")
    )


@transaction.atomic
def decide(suggestion_id: int, *, confirm: bool, by: Any, via: str) -> SdgSuggestion:
    """Confirm or reject one suggestion (those who may edit the record). Confirming an actor's suggestion declares
    the goal on the actor; an initiative's target suggestion becomes a confirmed target link. Side effects: the
    suggestion's status, the registry link, one audit entry on the record."""
    suggestion = SdgSuggestion.objects.select_related("goal", "target").filter(pk=suggestion_id).first()
    if suggestion is None:
        raise NotFound(
            f"No SDG suggestion {suggestion_id}.", hint="Suggestions are listed on the record's page."
        )
    model = Actor if suggestion.record_type == "actor" else Initiative
    record = model.objects.filter(pk=suggestion.record_id).first()
    if record is None:
        raise NotFound(f"The {suggestion.record_type} of this suggestion is gone.", hint="Nothing to decide.")
    allowed = (
        permissions.can_edit_actor(by, record)
        if isinstance(record, Actor)
        else permissions.can_edit_initiative(by, record)
    )
    permissions.require(allowed, f"decide on this {suggestion.record_type}'s SDGs")
    suggestion.status = LinkStatus.CONFIRMED if confirm else LinkStatus.REJECTED
    suggestion.decided_by = by if getattr(by, "pk", None) else None
    suggestion.decided_at = timezone.now()
    suggestion.save()
    label = suggestion.target.code if suggestion.target else str(suggestion.goal.number)
    change: dict[str, Any] = {f"sdg {label}": [suggestion.score, suggestion.status]}
    if confirm:
        _link(record, suggestion.goal, suggestion.target)
    audit.record(action="update", instance=record, changes=change, by=by, via=via)
    return suggestion


def _link(record: Actor | Initiative, goal: SdgGoal, target: SdgTarget | None) -> None:
    if isinstance(record, Actor):
        record.sdg_goals.add(goal)
    elif target is not None:
        InitiativeSdgTarget.objects.update_or_create(
            initiative=record, target=target, defaults={"origin": SdgOrigin.CONFIRMED}
        )

"""Taking part: who a participant is, the next statement to vote on, votes and new statements. Every refusal names
what to do next; a replayed vote changes nothing (one row per participant and statement, the latest value counts)."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from minga.core.errors import MingaError, PermissionDenied, ValidationFailed
from minga.core.permissions import can_take_part
from minga.forum.domain.links import refresh_links
from minga.forum.models import (
    Moderation,
    ModerationState,
    Participant,
    ParticipantKey,
    Question,
    QuestionStatus,
    Statement,
    Vote,
    VoteValue,
)

MAX_STATEMENT = 1000


def participant_for(
    question: Question, *, user: Any = None, token: str = "", invitation: str = ""
) -> Participant:
    """The participant behind ``user`` (signed in) or ``token`` (a random secret kept by the browser), created on
    first use with a pseudonym. Refused when the forum does not let them in."""
    forum = question.round.session.forum
    if not can_take_part(user, forum, invitation=invitation):
        raise PermissionDenied(
            "You may not take part in this forum.",
            hint="Sign in, or open the invitation link the organisers sent you.",
        )
    signed_in = bool(getattr(user, "is_authenticated", False))
    if not signed_in and not token:
        raise ValidationFailed({"participant": ["a participant token is needed"]})
    lookup = {"user": user} if signed_in else {"token": token}
    found = ParticipantKey.objects.filter(question=question, **lookup).select_related("participant").first()
    if found is not None:
        return found.participant
    try:
        with transaction.atomic():
            participant = Participant.objects.create(question=question, pseudonym=f"p-{secrets.token_hex(6)}")
            ParticipantKey.objects.create(participant=participant, question=question, **lookup)
            return participant
    except IntegrityError:  # the same person's concurrent first request won
        return ParticipantKey.objects.get(question=question, **lookup).participant


def visible(question: Question) -> Q:
    """The statements participants see: accepted ones, and waiting ones when moderation comes after the fact."""
    shown = Q(moderation=ModerationState.ACCEPTED)
    if question.moderation == Moderation.LAX:
        shown |= Q(moderation=ModerationState.PENDING)
    return Q(question=question) & shown


def next_statement(question: Question, participant: Participant) -> Statement | None:
    """The statement ``participant`` should see next: one they have not voted on, the least-voted first (so every
    statement gathers votes; ``vote_count`` is kept by the vote itself, so no request counts votes), then the
    oldest."""
    voted = Vote.objects.filter(participant=participant).values("statement_id")
    return (
        Statement.objects.filter(visible(question))
        .exclude(pk__in=voted)
        .order_by("vote_count", "created_at", "id")
        .first()
    )


def _open(question: Question) -> None:
    if question.status != QuestionStatus.OPEN:
        raise MingaError(f"The question {question.title!r} is closed.",
                         hint="Votes and statements are taken while a question is open.")  # fmt: skip


def cast_vote(question: Question, statement_id: int, value: int, *, participant: Participant) -> Vote:
    """Record ``participant``'s vote (+1 agree, -1 disagree, 0 pass) on a statement of ``question``; a second vote
    on the same statement replaces the first. Side effects: the vote row, the question's version."""
    if value not in VoteValue.values:
        raise ValidationFailed({"vote": ["1 (agree), -1 (disagree) or 0 (pass)"]})
    if participant.question_id != question.pk:
        raise ValidationFailed({"participant": ["not a participant of this question"]})
    fresh = Question.objects.get(pk=question.pk)
    _open(fresh)
    statement = Statement.objects.filter(pk=statement_id, question=fresh).first()
    if statement is None:
        raise ValidationFailed({"statement": [f"no statement {statement_id} in this question"]})
    shown = statement.moderation == ModerationState.ACCEPTED or (
        statement.moderation == ModerationState.PENDING and fresh.moderation == Moderation.LAX
    )  # what visible() selects, for the statement already in hand
    if not shown:
        raise MingaError("This statement was moderated out; votes on it are not taken.",
                         hint="Vote on the next statement.")  # fmt: skip
    now = timezone.now()
    vote: Vote | None = None
    for _attempt in range(3):
        try:
            with transaction.atomic():
                vote, created = Vote.objects.select_for_update().get_or_create(
                    participant=participant, statement=statement,
                    defaults={"question": fresh, "value": value, "modified": now},
                )  # fmt: skip
                changed = created or vote.value != value
                if not created and changed:
                    vote.value, vote.modified = value, now
                    vote.save(update_fields=["value", "modified"])
                if created:
                    Statement.objects.filter(pk=statement.pk).update(vote_count=F("vote_count") + 1)
                if changed:
                    Question.objects.filter(pk=fresh.pk).update(votes_version=F("votes_version") + 1)
            break
        except IntegrityError:  # a concurrent replay created the row first: update it instead
            continue
    if vote is None:
        raise MingaError("The vote could not be recorded: the same vote kept arriving at once.",
                         hint="Send it again.")  # fmt: skip
    from minga.forum.domain.analysis import schedule

    schedule(fresh.pk)
    return vote


def add_statement(
    question: Question, text: str, *, participant: Participant, language: str = ""
) -> Statement:
    """A participant's statement; it waits for moderation (strict questions) or shows at once (lax ones)."""
    fresh = Question.objects.get(pk=question.pk)
    _open(fresh)
    if not fresh.allow_statements:
        raise MingaError("This question takes votes only.", hint="Vote on the statements shown.")
    text = " ".join(text.split())
    if not text:
        raise ValidationFailed({"text": ["write a statement"]})
    if len(text) > MAX_STATEMENT:
        raise ValidationFailed({"text": [f"at most {MAX_STATEMENT} characters ({len(text)} given)"]})
    if Statement.objects.filter(question=fresh, text__iexact=text).exists():
        raise ValidationFailed({"text": ["this statement is already there: vote on it instead"]})
    with transaction.atomic():
        statement = Statement.objects.create(question=fresh, text=text, language=language or fresh.language,
                                             author=participant, moderation=ModerationState.PENDING,
                                             created_at=timezone.now())  # fmt: skip
        Question.objects.filter(pk=fresh.pk).update(votes_version=F("votes_version") + 1)
    refresh_links([statement])
    return statement

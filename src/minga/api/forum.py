"""Forum API: a question, its next statement for a participant, votes and statements, and its analysis.

Participants are anonymous unless they send an API token: an anonymous participant sends the same random
``X-Participant`` header (16 to 64 characters, kept by their client) with every request, and is known by it only.
A replayed vote writes nothing new: one vote per participant and statement, the latest counts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from minga.api.auth import user_for_key
from minga.api.common import ErrorOut, InvalidOut, WriteSchema, get_or_404
from minga.core.errors import ValidationFailed
from minga.forum.domain.analysis import schedule, summary
from minga.forum.domain.voting import add_statement, cast_vote, next_statement, participant_for
from minga.forum.models import Participant, Question

router = Router(tags=["forums"])
ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: InvalidOut}


def _participant(request: HttpRequest, question: Question) -> Participant:
    header = request.headers.get("Authorization", "")
    user = user_for_key(header[7:]) if header.lower().startswith("bearer ") else None
    token = request.headers.get("X-Participant", "").strip()
    if user is None and not 16 <= len(token) <= 64:
        raise ValidationFailed(
            {"X-Participant": ["send a random token of 16 to 64 characters, the same every time"]}
        )
    return participant_for(question, user=user, token="" if user else token,
                           invitation=request.headers.get("X-Invitation", ""))  # fmt: skip


class StatementOut(Schema):
    id: int
    text: str
    language: str


class QuestionOut(Schema):
    id: int
    title: str
    prompt: str
    status: str
    moderation: str
    next: StatementOut | None = Field(None, description="the next statement for this participant, if any")


@router.get("/questions/{question_id}", response={200: QuestionOut, **ERRORS},
            summary="A question and the next statement for the participant (X-Participant header)")  # fmt: skip
def get_question(request: HttpRequest, question_id: int) -> dict[str, Any]:
    question = get_or_404(Question.objects.select_related("round__session__forum"), question_id, "question")
    found = next_statement(question, _participant(request, question))
    nxt = {"id": found.pk, "text": found.text, "language": found.language} if found else None
    return {"id": question.pk, "title": question.title, "prompt": question.prompt, "status": question.status,
            "moderation": question.moderation, "next": nxt}  # fmt: skip


class VoteIn(WriteSchema):
    statement: int
    vote: int = Field(description="1 agree, -1 disagree, 0 pass")


class VoteOut(Schema):
    statement: int
    vote: int
    participant: str = Field(description="the participant's pseudonym")


@router.post("/questions/{question_id}/votes", response={200: VoteOut, **ERRORS},
             summary="Vote on a statement (a second vote on it replaces the first)")  # fmt: skip
def post_vote(request: HttpRequest, question_id: int, payload: VoteIn) -> dict[str, Any]:
    question = get_or_404(Question.objects.select_related("round__session__forum"), question_id, "question")
    participant = _participant(request, question)
    vote = cast_vote(question, payload.statement, payload.vote, participant=participant)
    return {"statement": vote.statement_id, "vote": vote.value, "participant": participant.pseudonym}


class StatementIn(WriteSchema):
    text: str
    language: str = ""


@router.post("/questions/{question_id}/statements", response={201: StatementOut, **ERRORS},
             summary="Add a statement (shown at once, or after moderation on strict questions)")  # fmt: skip
def post_statement(request: HttpRequest, question_id: int, payload: StatementIn) -> Status:
    question = get_or_404(Question.objects.select_related("round__session__forum"), question_id, "question")
    statement = add_statement(question, payload.text, participant=_participant(request, question),
                              language=payload.language)  # fmt: skip
    return Status(201, {"id": statement.pk, "text": statement.text, "language": statement.language})


@router.get("/questions/{question_id}/analysis", response={200: dict[str, Any], 404: ErrorOut},
            summary="Opinion groups, representative statements, consensus and topics (as `minga forum analyze`)")  # fmt: skip
def get_analysis(request: HttpRequest, question_id: int) -> dict[str, Any]:
    question = get_or_404(Question.objects.all(), question_id, "question")
    stale = question.analysed_version != question.votes_version
    if stale:
        schedule(question.pk)
    data = summary(question.analysis or {})
    return {**data, "computed_at": question.analysed_at, "up_to_date": not stale}

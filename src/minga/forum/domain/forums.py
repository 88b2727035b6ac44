"""Creating and changing forums, sessions, rounds and questions (organisers), and moderating statements. One write
path for the web, the API and the CLI; every change is audited."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import F

from minga.core import audit
from minga.core.errors import ValidationFailed
from minga.core.permissions import can_create_forum, can_organise, require
from minga.forum.models import (
    Access,
    Forum,
    Moderation,
    ModerationState,
    Question,
    QuestionStatus,
    Round,
    Session,
    SessionKind,
    Statement,
)

LANGUAGES = ("en", "es", "fr")


def _title(data: Mapping[str, Any], errors: dict[str, list[str]]) -> str:
    title = str(data.get("title") or "").strip()
    if not title:
        errors["title"] = ["a title is needed"]
    return title[:300]


def create_forum(data: Mapping[str, Any], *, by: Any, via: str) -> Forum:
    """A forum; its creator becomes an organiser (permission: admins and stewards). Link-only forums get a random
    invitation secret. Side effects: the forum, an audit entry."""
    require(can_create_forum(by), "create forums")
    errors: dict[str, list[str]] = {}
    title = _title(data, errors)
    access = str(data.get("access") or Access.OPEN)
    if access not in Access.values:
        errors["access"] = [f"use one of: {', '.join(Access.values)}"]
    language = str(data.get("language") or "en")
    if len(language) > 8 or not language.replace("-", "").isalpha():
        errors["language"] = [f"{language!r} is not a language code (en, es, fr…)"]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        forum = Forum.objects.create(
            title=title, description=str(data.get("description") or ""), language=language, access=access,
            languages=list(data.get("languages") or [language]),
            invitation=secrets.token_urlsafe(16) if access == Access.LINK else "",
        )  # fmt: skip
        if getattr(by, "pk", None):
            forum.organisers.add(by)
        audit.record(action="create", instance=forum, changes={"title": [None, title]}, by=by, via=via)
    return forum


def add_session(forum: Forum, data: Mapping[str, Any], *, by: Any, via: str) -> Session:
    """A session of ``forum`` (organisers). Side effects: the session, an audit entry."""
    require(can_organise(by, forum), f"organise the forum {forum.title!r}")
    errors: dict[str, list[str]] = {}
    title = _title(data, errors)
    kind = str(data.get("kind") or SessionKind.THEMATIC)
    if kind not in SessionKind.values:
        errors["kind"] = [f"use one of: {', '.join(SessionKind.values)}"]
    starts, ends = data.get("starts_at"), data.get("ends_at")
    if starts and ends and ends < starts:
        errors["ends_at"] = ["ends before it starts"]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        session = Session.objects.create(forum=forum, title=title, kind=kind, starts_at=starts, ends_at=ends,
                                         territory=data.get("territory"), position=forum.sessions.count())  # fmt: skip
        audit.record(action="create", instance=session, changes={"title": [None, title]}, by=by, via=via)
    return session


def add_round(session: Session, data: Mapping[str, Any], *, by: Any, via: str) -> Round:
    require(can_organise(by, session.forum), f"organise the forum {session.forum.title!r}")
    errors: dict[str, list[str]] = {}
    title = _title(data, errors)
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        found = Round.objects.create(session=session, title=title, position=session.rounds.count())
        audit.record(action="create", instance=found, changes={"title": [None, title]}, by=by, via=via)
    return found


def add_question(round_: Round, data: Mapping[str, Any], *, by: Any, via: str) -> Question:
    """A question (a conversation) in ``round_``; moderation ``strict`` or ``lax``. Side effects: question, audit."""
    require(can_organise(by, round_.session.forum), f"organise the forum {round_.session.forum.title!r}")
    errors: dict[str, list[str]] = {}
    title = _title(data, errors)
    moderation = str(data.get("moderation") or Moderation.LAX)
    if moderation not in Moderation.values:
        errors["moderation"] = [f"use one of: {', '.join(Moderation.values)}"]
    if errors:
        raise ValidationFailed(errors)
    with transaction.atomic():
        question = Question.objects.create(
            round=round_, title=title, prompt=str(data.get("prompt") or ""), moderation=moderation,
            language=str(data.get("language") or round_.session.forum.language),
            allow_statements=bool(data.get("allow_statements", True)),
        )  # fmt: skip
        audit.record(action="create", instance=question, changes={"title": [None, title]}, by=by, via=via)
    return question


def set_status(question: Question, status: str, *, by: Any, via: str) -> Question:
    """Open or close ``question`` to votes and statements (organisers)."""
    require(can_organise(by, question.round.session.forum), "open or close this question")
    if status not in QuestionStatus.values:
        raise ValidationFailed({"status": [f"use one of: {', '.join(QuestionStatus.values)}"]})
    with transaction.atomic():
        before = question.status
        Question.objects.filter(pk=question.pk).update(status=status)
        question.status = status
        audit.record(action="update", instance=question, changes={"status": [before, status]}, by=by, via=via)
    return question


def moderate(statement: Statement, *, state: int | None = None, is_meta: bool | None = None, by: Any,
             via: str) -> Statement:  # fmt: skip
    """Accept (1), reject (-1) or reset (0) ``statement``, or mark it meta (organisers). The question's analysis is
    then out of date. Side effects: the statement, the question's version, an audit entry."""
    question = statement.question
    require(can_organise(by, question.round.session.forum), "moderate this question")
    changes: dict[str, list[Any]] = {}
    if state is not None:
        if state not in ModerationState.values:
            raise ValidationFailed({"moderation": ["1 (accept), 0 (waiting) or -1 (reject)"]})
        changes["moderation"] = [statement.moderation, state]
        statement.moderation = state
    if is_meta is not None:
        changes["is_meta"] = [statement.is_meta, is_meta]
        statement.is_meta = is_meta
    with transaction.atomic():
        statement.save(update_fields=["moderation", "is_meta"])
        Question.objects.filter(pk=question.pk).update(votes_version=F("votes_version") + 1)
        audit.record(action="update", instance=statement, changes=changes, by=by, via=via)
    return statement

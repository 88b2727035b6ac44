"""``minga forum import-polis DIR``: a Pol.is export (``conversation.json``, ``comments.json``, ``votes.json``)
becomes a question with its statements, pseudonymous participants and votes. ``math-pca2.json`` is never read:
Minga computes its own analysis. All or nothing: a malformed file is refused naming the file and the record, and
nothing is written. Re-importing the same conversation updates it in place (same question; statements,
participants and votes matched by their Pol.is ids), so running it twice changes nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F

from minga.core import audit
from minga.core.errors import MingaError
from minga.core.permissions import can_import, require
from minga.forum.domain.links import refresh_links
from minga.forum.models import (
    Forum,
    Moderation,
    Participant,
    Question,
    QuestionStatus,
    Round,
    Session,
    SessionKind,
    Statement,
    Vote,
)
from minga.maths.polis import load_polis_dir

SOURCE = "polis"


@dataclass
class PolisImport:
    question: int
    conversation: str
    statements: int
    participants: int
    votes: int
    created: bool


def _when(ms: Any) -> dt.datetime:
    return dt.datetime.fromtimestamp(float(ms) / 1000, tz=dt.UTC)


def _created(comment: dict[str, Any], fallback: dt.datetime) -> dt.datetime:
    value = comment.get("created")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _when(value)
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    return fallback


def _read(folder: Path) -> tuple[Any, list[dict[str, Any]], dict[tuple[str, str], tuple[int, dt.datetime]]]:
    """The conversation, its comments and each (participant, statement)'s latest vote and time, checked."""
    try:
        votes, _out, _meta, comments = load_polis_dir(folder)
    except ValueError as err:
        raise MingaError(f"{folder}: {err}", hint="Fix that record (or export the conversation again) and re-run; "
                                                  "nothing was imported.") from None  # fmt: skip
    conversation = json.loads((folder / "conversation.json").read_text("utf-8"))
    if not str(conversation.get("topic") or "").strip():
        raise MingaError(f"{folder}: conversation.json: missing field 'topic'",
                         hint="Fix that record and re-run; nothing was imported.")  # fmt: skip
    latest: dict[tuple[str, str], tuple[int, dt.datetime]] = {}
    for v in json.loads((folder / "votes.json").read_text("utf-8")):
        key = (str(v["participant_id"]), str(v["statement_id"]))
        when = _when(v["modified"])
        if key not in latest or when > latest[key][1]:
            latest[key] = (int(v["vote"]), when)
    assert len(latest) == votes.n_votes  # the same reading as the maths'
    return conversation, comments, latest


def import_polis(path: str | Path, *, question_title: str | None = None, round_id: int | None = None, by: Any,
                 via: str) -> PolisImport:  # fmt: skip
    """Import the Pol.is export in folder ``path`` (permission: administrators). The question lands in round
    ``round_id``, or in a new forum named after the conversation. Side effects: forum/session/round (when new), the
    question, statements, participants, votes, one audit entry."""
    require(can_import(by), "import Pol.is conversations")
    folder = Path(path)
    if not folder.is_dir():
        raise MingaError(f"{folder} is not a folder.", hint="Give the folder holding conversation.json, "
                                                            "comments.json and votes.json.")  # fmt: skip
    conversation, comments, latest = _read(folder)
    cid = str(conversation.get("conversation_id") or folder.name)
    topic = str(conversation["topic"]).strip()
    with transaction.atomic():
        question = Question.objects.filter(source=SOURCE, source_id=cid).first()
        created = question is None
        if question is None:
            round_ = _round(round_id, topic, str(conversation.get("description") or ""))
            question = Question.objects.create(
                round=round_, title=(question_title or topic)[:300], prompt=str(conversation.get("description") or ""),
                moderation=Moderation.STRICT if conversation.get("strict_moderation") else Moderation.LAX,
                status=QuestionStatus.OPEN if conversation.get("is_active") else QuestionStatus.CLOSED,
                language=str(comments[0].get("lang") or "en")[:8] if comments else "en", source=SOURCE, source_id=cid,
            )  # fmt: skip
        elif question_title:
            Question.objects.filter(pk=question.pk).update(title=question_title[:300])
        statements = _statements(question, comments, _when(conversation.get("created") or 0))
        participants = _participants(question, {p for p, _s in latest} | {
            str(c["participant_id"]) for c in comments if c.get("participant_id") is not None})  # fmt: skip
        authors = [
            (statements[str(c["statement_id"])], participants.get(str(c.get("participant_id"))))
            for c in comments
        ]
        for statement, author in authors:
            if author is not None and statement.author_id != author:
                Statement.objects.filter(pk=statement.pk).update(author_id=author)
        written = _votes(question, latest, statements, participants)
        refresh_links(list(statements.values()))
        Question.objects.filter(pk=question.pk).update(votes_version=F("votes_version") + 1)
        audit.record(action="import" if created else "update", instance=question, by=by, via=via,
                     changes={"source": [None, f"{SOURCE}:{cid}"], "votes": [None, written]})  # fmt: skip
    return PolisImport(question=question.pk, conversation=cid, statements=len(statements),
                       participants=len(participants), votes=len(latest), created=created)  # fmt: skip


def _round(round_id: int | None, topic: str, description: str) -> Round:
    if round_id is not None:
        found = Round.objects.filter(pk=round_id).first()
        if found is None:
            raise MingaError(
                f"No round with id {round_id}.", hint="Leave --round out to create a forum for it."
            )
        return found
    forum = Forum.objects.create(title=topic[:300], description=description)
    session = Session.objects.create(forum=forum, title=topic[:300], kind=SessionKind.THEMATIC)
    return Round.objects.create(session=session, title="1")


def _statements(
    question: Question, comments: list[dict[str, Any]], start: dt.datetime
) -> dict[str, Statement]:
    existing = {s.source_id: s for s in Statement.objects.filter(question=question)}
    new, changed = [], []
    for c in comments:
        sid = str(c["statement_id"])
        values = {"text": str(c["txt"]), "language": str(c.get("lang") or "")[:8], "moderation": int(c["moderated"]),
                  "is_meta": bool(c["is_meta"]), "is_seed": bool(c.get("is_seed"))}  # fmt: skip
        found = existing.get(sid)
        if found is None:
            new.append(Statement(question=question, source_id=sid, created_at=_created(c, start), **values))
        elif any(getattr(found, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(found, k, v)
            changed.append(found)
    Statement.objects.bulk_create(new, batch_size=500)
    Statement.objects.bulk_update(
        changed, ["text", "language", "moderation", "is_meta", "is_seed"], batch_size=500
    )
    return {s.source_id: s for s in Statement.objects.filter(question=question)}


def _participants(question: Question, ids: set[str]) -> dict[str, int]:
    existing = dict(Participant.objects.filter(question=question).values_list("source_id", "pk"))
    Participant.objects.bulk_create(
        [
            Participant(question=question, source_id=p, pseudonym=f"polis-{p}")
            for p in sorted(ids - set(existing))
        ],
        batch_size=1000,
    )
    return dict(Participant.objects.filter(question=question).values_list("source_id", "pk"))


def _votes(question: Question, latest: dict[tuple[str, str], tuple[int, dt.datetime]],
           statements: dict[str, Statement], participants: dict[str, int]) -> int:  # fmt: skip
    """Insert new votes and update changed ones; returns how many rows were written."""
    existing = {(p, s): (pk, v, m) for pk, p, s, v, m in
                Vote.objects.filter(question=question).values_list("pk", "participant_id", "statement_id", "value", "modified")}  # fmt: skip
    new, changed = [], []
    for (pid, sid), (value, when) in latest.items():
        key = (participants[pid], statements[sid].pk)
        found = existing.get(key)
        if found is None:
            new.append(
                Vote(
                    question=question, participant_id=key[0], statement_id=key[1], value=value, modified=when
                )
            )
        elif found[2] < when and found[1] != value:
            changed.append(Vote(pk=found[0], value=value, modified=when))
    Vote.objects.bulk_create(new, batch_size=2000)
    Vote.objects.bulk_update(changed, ["value", "modified"], batch_size=2000)
    counts = Counter(statements[sid].pk for _pid, sid in latest)
    recount = [s for s in statements.values() if s.vote_count != counts[s.pk]]
    for s in recount:
        s.vote_count = counts[s.pk]
    Statement.objects.bulk_update(recount, ["vote_count"], batch_size=500)
    return len(new) + len(changed)

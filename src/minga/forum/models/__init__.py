from minga.forum.models.forum import (
    Access,
    Forum,
    Moderation,
    Question,
    QuestionStatus,
    Round,
    Session,
    SessionKind,
)
from minga.forum.models.statement import (
    ModerationState,
    Participant,
    ParticipantKey,
    Statement,
    Vote,
    VoteValue,
)

__all__ = [
    "Access",
    "Forum",
    "Moderation",
    "ModerationState",
    "Participant",
    "ParticipantKey",
    "Question",
    "QuestionStatus",
    "Round",
    "Session",
    "SessionKind",
    "Statement",
    "Vote",
    "VoteValue",
]

"""Statements, votes and participants of a question. A participant is a pseudonym; what identifies a person (their
account or their browser's token) is kept apart in ``ParticipantKey`` and never exported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ModerationState(models.IntegerChoices):
    """Pol.is's values: 1 accepted, 0 not yet moderated, -1 moderated out."""

    ACCEPTED = 1, _("Accepted")
    PENDING = 0, _("Waiting for moderation")
    REJECTED = -1, _("Rejected")


class VoteValue(models.IntegerChoices):
    """Minga's sign: +1 agree (Pol.is counts −1 as agree internally; its exports use +1)."""

    AGREE = 1, _("Agree")
    DISAGREE = -1, _("Disagree")
    PASS = 0, _("Pass / unsure")


class Participant(models.Model):
    question = models.ForeignKey("forum.Question", on_delete=models.CASCADE, related_name="participants")
    pseudonym = models.CharField(max_length=40)
    source_id = models.CharField(
        max_length=40, blank=True, help_text="the Pol.is participant id when imported"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "pseudonym"], name="participant_unique")]

    def __str__(self) -> str:
        return self.pseudonym


class ParticipantKey(models.Model):
    """Personal data, apart: who a participant is (a user, or a random browser token). Never exported."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="key")
    question = models.ForeignKey("forum.Question", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE)
    token = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question", "user"], name="participant_key_user",
                                    condition=models.Q(user__isnull=False)),
            models.UniqueConstraint(fields=["question", "token"], name="participant_key_token",
                                    condition=~models.Q(token="")),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"key of {self.participant_id}"


class Statement(models.Model):
    question = models.ForeignKey("forum.Question", on_delete=models.CASCADE, related_name="statements")
    text = models.TextField(_("statement"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    author = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderation = models.SmallIntegerField(choices=ModerationState.choices, default=ModerationState.PENDING)
    is_meta = models.BooleanField(
        _("meta"), default=False, help_text=_("about the conversation, not a position")
    )
    is_seed = models.BooleanField(default=False)
    source_id = models.CharField(max_length=40, blank=True, help_text="the Pol.is statement id when imported")
    links = models.JSONField(
        default=dict, blank=True, help_text="SDG goals, actors and initiatives it mentions"
    )
    vote_count = models.PositiveIntegerField(
        default=0, help_text="participants who voted on it (kept by each vote)"
    )
    created_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["question", "moderation", "vote_count"])]

    def __str__(self) -> str:
        return self.text[:60]


class Vote(models.Model):
    """A participant's vote on a statement: one row per pair, the latest value counts."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="votes")
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="votes")
    question = models.ForeignKey("forum.Question", on_delete=models.CASCADE, related_name="votes")
    value = models.SmallIntegerField(choices=VoteValue.choices)
    modified = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "statement"], name="one_vote_per_statement")
        ]
        indexes = [models.Index(fields=["question", "statement"])]

    def __str__(self) -> str:
        return f"{self.participant_id} → {self.statement_id}: {self.value}"

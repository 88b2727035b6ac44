"""Stored embeddings of actors and initiatives (the full-text index lives in the database engine, see
``domain/fulltext.py``)."""

from __future__ import annotations

from django.db import models


class RecordType(models.TextChoices):
    ACTOR = "actor", "actor"
    INITIATIVE = "initiative", "initiative"


class Embedding(models.Model):
    """The sentence embedding of one record's searchable text, float16, with the hash of the text it was made
    from (a changed text is re-embedded; an unchanged one is not)."""

    record_type = models.CharField(max_length=10, choices=RecordType.choices)
    record_id = models.BigIntegerField()
    text_hash = models.CharField(max_length=32)
    model = models.CharField(max_length=80)
    vector = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "record_id"], name="embedding_unique_record")
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id}"


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", "suggested"
    CONFIRMED = "confirmed", "confirmed"
    REJECTED = "rejected", "rejected"


class SdgSuggestion(models.Model):
    """An SDG (and, where the classifier can tell, a target) suggested for a record, with the evidence a person
    can check, and what a steward decided. Confirming writes the registry's own link (an actor's declared goal,
    an initiative's confirmed target), which dashboards count; a rejection is kept so it is not suggested again."""

    record_type = models.CharField(max_length=10, choices=RecordType.choices)
    record_id = models.BigIntegerField()
    goal = models.ForeignKey("vocab.SdgGoal", on_delete=models.CASCADE, related_name="+")
    target = models.ForeignKey(
        "vocab.SdgTarget", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    evidence = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED)
    decided_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["record_type", "record_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id", "goal", "target"], name="sdg_suggestion_unique"
            ),
            models.UniqueConstraint(
                fields=["record_type", "record_id", "goal"],
                condition=models.Q(target__isnull=True),
                name="sdg_suggestion_unique_goal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} → SDG {self.goal_id} ({self.status})"

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

"""ImportRun: one attempt at importing one file, with its outcome."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    format = models.CharField(max_length=20)
    source = models.CharField(max_length=40)
    filename = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    via = models.CharField(max_length=20, default="cli")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.format} {self.filename} ({self.started_at:%Y-%m-%d %H:%M})"

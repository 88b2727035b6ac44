"""Audit trail, API tokens and role assignments: the cross-cutting records every area relies on."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        DELETE = "delete", _("Deleted")

    at = models.DateTimeField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    via = models.CharField(max_length=40, help_text=_("admin, api, cli, import:<format>, web"))
    action = models.CharField(max_length=6, choices=Action.choices)
    model = models.CharField(max_length=60, help_text=_("app_label.model"))
    object_id = models.BigIntegerField(
        help_text=_("primary key of the record (every Minga model has an integer id)")
    )
    object_repr = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, help_text=_("field → [old, new]"))
    import_run_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-id"]  # ids grow with time; no extra index to maintain on bulk imports
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.model}#{self.object_id} via {self.via}"


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    STEWARD = "steward", _("Territory steward")


class RoleAssignment(models.Model):
    """A user's role. Stewards hold a territory and may edit everything in its subtree.

    Organisation editors are not stored here: they are the ``editors`` of an actor.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="minga_roles")
    role = models.CharField(max_length=10, choices=Role.choices)
    territory = models.ForeignKey("territories.Territory", null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        unique_together = [("user", "role", "territory")]

    def __str__(self) -> str:
        return f"{self.user} {self.role} {self.territory.code if self.territory else ''}".strip()


class ApiToken(models.Model):
    """A per-user API token. Only its SHA-256 is stored; the key is shown once, when created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, default="default")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} {self.prefix}… ({self.name})"

"""Initiative: a practice, project, programme, public policy or event, carried by actors in a territory."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InitiativeKind(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    PROJECT = "project", _("Project")
    PROGRAMME = "programme", _("Programme")
    PUBLIC_POLICY = "public_policy", _("Public policy")
    EVENT = "event", _("Event")


class Stage(models.TextChoices):
    """How far a practice has travelled: tried once, adapted elsewhere, grown, joined up in a network."""

    PILOT = "pilot", _("Pilot")
    REPLICATED = "replicated", _("Replicated")
    SCALED = "scaled", _("Scaled")
    NETWORKED = "networked", _("Networked")


class SdgOrigin(models.TextChoices):
    MANUAL = "manual", _("Manual")
    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")


class Initiative(models.Model):
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(max_length=16, choices=InitiativeKind.choices, default=InitiativeKind.PRACTICE)
    summary = models.JSONField(default=dict, blank=True, help_text=_("Text by language"))
    problem = models.JSONField(default=dict, blank=True)
    approach = models.JSONField(default=dict, blank=True)
    results = models.JSONField(default=dict, blank=True)
    replicability_notes = models.JSONField(default=dict, blank=True)
    evidence_links = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)
    territory = models.ForeignKey(
        "territories.Territory", null=True, blank=True, on_delete=models.PROTECT, related_name="initiatives"
    )
    territory_path = models.CharField(max_length=400, blank=True, db_index=True, editable=False)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, blank=True)
    funding_sought = models.DecimalField(
        _("funding sought"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    funding_currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code"))
    cofinancing_share = models.DecimalField(
        _("co-financing share"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("share of its budget the initiative brings itself, 0 to 1"),
    )
    actors = models.ManyToManyField("registry.Actor", through="InitiativeActor", related_name="initiatives")
    sdg_targets = models.ManyToManyField(
        "vocab.SdgTarget", through="InitiativeSdgTarget", related_name="initiatives", blank=True
    )
    source = models.CharField(max_length=40, default="manual", db_index=True)
    source_id = models.CharField(max_length=120, blank=True)
    license = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="initiative_unique_source_id",
            )
        ]

    def __str__(self) -> str:
        return self.title


class InitiativeActor(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        SUPPORTER = "supporter", _("Supporter")
        BENEFICIARY = "beneficiary", _("Beneficiary")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="roles")
    actor = models.ForeignKey("registry.Actor", on_delete=models.CASCADE, related_name="initiative_roles")
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTNER)

    class Meta:
        unique_together = [("initiative", "actor", "role")]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.role} of {self.initiative_id}"


class InitiativeSdgTarget(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="sdg_links")
    target = models.ForeignKey("vocab.SdgTarget", on_delete=models.PROTECT, related_name="initiative_links")
    origin = models.CharField(max_length=10, choices=SdgOrigin.choices, default=SdgOrigin.MANUAL)
    score = models.FloatField(null=True, blank=True, help_text=_("Confidence, for suggested links"))

    class Meta:
        unique_together = [("initiative", "target")]

    def __str__(self) -> str:
        return f"{self.initiative_id} → {self.target_id} ({self.origin})"

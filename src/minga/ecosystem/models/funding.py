"""Funding schemes a funder publishes, with their eligibility criteria, and the applications made to them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from minga.ecosystem.models.relation import Instrument


class SchemeStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class FundingScheme(models.Model):
    """A funding scheme. Every criterion left empty lets everyone through; every criterion set is a hard one: a
    match meets them all (``minga.ecosystem.domain.matchmaking``)."""

    funder = models.ForeignKey("registry.Actor", on_delete=models.CASCADE, related_name="funding_schemes")
    name = models.CharField(_("name"), max_length=300)
    description = models.JSONField(
        _("description"), default=dict, blank=True, help_text=_("Text by language")
    )
    instrument = models.CharField(_("instrument"), max_length=24, choices=Instrument.choices)
    currency = models.CharField(_("currency"), max_length=3)
    budget = models.DecimalField(_("budget"), max_digits=20, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=8, choices=SchemeStatus.choices, default=SchemeStatus.OPEN)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # eligibility (hard criteria when set)
    territories = models.JSONField(
        default=list, blank=True, help_text=_("territory codes, with what lies under them")
    )
    actor_kinds = models.JSONField(default=list, blank=True)
    legal_forms = models.JSONField(default=list, blank=True, help_text=_("ESSGlobal legal form codes"))
    activities = models.JSONField(default=list, blank=True, help_text=_("ESSGlobal activity codes"))
    sdg_goals = models.JSONField(default=list, blank=True)
    sdg_targets = models.JSONField(default=list, blank=True)
    stages = models.JSONField(default=list, blank=True)
    amount_min = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    amount_max = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    cofinancing_min = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("share the applicant brings, 0 to 1"),
    )
    source = models.CharField(max_length=60, default="manual")
    source_id = models.CharField(max_length=200, blank=True)
    #: the embedding of name + description (float16), made when written, and the hash of the text it was made from
    embedding = models.BinaryField(null=True, blank=True, editable=False)
    embedding_hash = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("funding scheme")
        verbose_name_plural = _("funding schemes")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    AWARDED = "awarded", _("Awarded")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    """An application of an initiative (or an actor) to a scheme; an award becomes a ``funds`` relation."""

    scheme = models.ForeignKey(FundingScheme, on_delete=models.CASCADE, related_name="applications")
    initiative = models.ForeignKey(
        "registry.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="applications"
    )
    actor = models.ForeignKey(
        "registry.Actor", null=True, blank=True, on_delete=models.CASCADE, related_name="applications"
    )
    amount_requested = models.DecimalField(max_digits=20, decimal_places=2)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    amount_awarded = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    relation = models.OneToOneField(
        "ecosystem.Relation", null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(initiative__isnull=False) ^ models.Q(actor__isnull=False),
                name="application_one_applicant",
            ),
            models.CheckConstraint(
                condition=models.Q(amount_requested__gte=0), name="application_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme_id}: {self.initiative_id or self.actor_id} ({self.status})"

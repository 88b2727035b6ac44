"""Partnerships: named alliances of actors with a purpose, SDG targets and a period, whose members say what they
bring (co-financing by source: public, private, community, international)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    PUBLIC = "public", _("Public")
    PRIVATE = "private", _("Private")
    COMMUNITY = "community", _("Community")
    INTERNATIONAL = "international", _("International")


class Partnership(models.Model):
    name = models.CharField(_("name"), max_length=300)
    purpose = models.JSONField(_("purpose"), default=dict, blank=True, help_text=_("Text by language"))
    sdg_targets = models.JSONField(default=list, blank=True, help_text=_("SDG target codes"))
    territory = models.ForeignKey("territories.Territory", null=True, blank=True, on_delete=models.PROTECT)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    actor = models.ForeignKey("registry.Actor", on_delete=models.CASCADE, related_name="partnerships")
    role = models.CharField(_("role"), max_length=60, blank=True)
    contribution = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    source = models.CharField(max_length=14, choices=FundingSource.choices, blank=True)

    class Meta:
        verbose_name = _("partnership member")
        verbose_name_plural = _("partnership members")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "actor"], name="partnership_member_once"),
            models.CheckConstraint(
                condition=models.Q(contribution__isnull=True) | models.Q(contribution__gte=0),
                name="partnership_contribution_not_negative",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} in {self.partnership_id}"

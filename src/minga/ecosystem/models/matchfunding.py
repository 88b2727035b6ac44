"""Matchfunding as Goteo does it: a campaign with a minimum and an optimum goal and a deadline; citizens pledge;
matcher pools add matched money; a ledger records every pledge, match and refund."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("Open")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed (refunded)")


class Campaign(models.Model):
    initiative = models.ForeignKey("registry.Initiative", on_delete=models.PROTECT, related_name="campaigns")
    title = models.CharField(_("title"), max_length=300)
    currency = models.CharField(_("currency"), max_length=3)
    minimum = models.DecimalField(_("minimum goal"), max_digits=20, decimal_places=2)
    optimum = models.DecimalField(_("optimum goal"), max_digits=20, decimal_places=2)
    deadline = models.DateTimeField(_("deadline"))
    status = models.CharField(max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(condition=models.Q(minimum__gt=0), name="campaign_minimum_positive"),
            models.CheckConstraint(
                condition=models.Q(optimum__gte=models.F("minimum")), name="campaign_optimum_above_minimum"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class MatcherPool(models.Model):
    """A funder's money for matching: ``spent`` is kept beside the ledger so a pledge can reserve its match with
    one locked row; a database constraint makes overspending impossible even if the code erred."""

    funder = models.ForeignKey("registry.Actor", on_delete=models.PROTECT, related_name="matcher_pools")
    name = models.CharField(_("name"), max_length=300)
    currency = models.CharField(_("currency"), max_length=3)
    budget = models.DecimalField(_("budget"), max_digits=20, decimal_places=2)
    spent = models.DecimalField(max_digits=20, decimal_places=2, default=0)
    multiplier = models.DecimalField(_("multiplier"), max_digits=6, decimal_places=2, default=1,
                                     help_text=_("1 matches 1:1, 2 matches 2:1"))  # fmt: skip
    cap_per_campaign = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    cap_per_pledge = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    territories = models.JSONField(
        default=list, blank=True, help_text=_("campaigns of these territories only")
    )
    sdg_goals = models.JSONField(
        default=list, blank=True, help_text=_("campaigns whose initiative serves these")
    )
    campaigns = models.ManyToManyField(Campaign, blank=True, related_name="pools")

    class Meta:
        verbose_name = _("matcher pool")
        verbose_name_plural = _("matcher pools")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(spent__gte=0) & models.Q(spent__lte=models.F("budget")),
                name="pool_never_overspent",
            ),  # fmt: skip
            models.CheckConstraint(condition=models.Q(multiplier__gt=0), name="pool_multiplier_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class EntryKind(models.TextChoices):
    PLEDGE = "pledge", _("Pledge")
    MATCH = "match", _("Match")
    REFUND = "refund", _("Refund of a pledge")
    RELEASE = "release", _("Release of a match")


class LedgerEntry(models.Model):
    """One movement of money. Amounts are positive; refunds and releases point at the entry they undo."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="ledger")
    kind = models.CharField(max_length=8, choices=EntryKind.choices)
    amount = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3)
    pool = models.ForeignKey(
        MatcherPool, null=True, blank=True, on_delete=models.PROTECT, related_name="ledger"
    )
    pledger = models.CharField(max_length=64, blank=True, help_text=_("a pseudonym, never personal data"))
    key = models.CharField(max_length=64, blank=True, help_text=_("the pledger's idempotency key"))
    undoes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="undone_by"
    )
    of_pledge = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="matches"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="ledger_amount_positive"),
            models.UniqueConstraint(
                fields=["campaign", "key"], condition=~models.Q(key=""), name="ledger_pledge_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.amount} {self.currency}"

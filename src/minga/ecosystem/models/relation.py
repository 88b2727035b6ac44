"""Relation: a typed, directed, dated tie between two actors, an actor and an initiative, or two initiatives."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RelationType(models.TextChoices):
    MEMBER_OF = "member_of", _("is a member of")
    FUNDS = "funds", _("funds")
    PARTNERS_WITH = "partners_with", _("partners with")
    SUPPORTS = "supports", _("supports")
    SUPPLIES = "supplies", _("supplies")
    IMPLEMENTS = "implements", _("implements")
    ADOPTS_POLICY = "adopts_policy", _("adopts the policy")
    REPLICATES = "replicates", _("replicates")


class Instrument(models.TextChoices):
    """How money (or its equivalent) flows in a ``funds`` relation."""

    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    GUARANTEE = "guarantee", _("Guarantee")
    EQUITY = "equity", _("Equity")
    IN_KIND = "in_kind", _("In kind")
    PROCUREMENT = "procurement", _("Procurement")
    MATCHFUNDING = "matchfunding", _("Matchfunding")


class SupportForm(models.TextChoices):
    """What a ``supports`` relation provides."""

    INCUBATION = "incubation", _("Incubation")
    TRAINING = "training", _("Training")
    TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
    PREMISES = "premises", _("Premises")


class Relation(models.Model):
    """Exactly one of ``from_actor``/``from_initiative`` and one of ``to_actor``/``to_initiative`` is set; which
    ones each type allows is checked in ``minga.ecosystem.domain.relations`` (the one write path)."""

    type = models.CharField(_("type"), max_length=16, choices=RelationType.choices, db_index=True)
    from_actor = models.ForeignKey(
        "registry.Actor", null=True, blank=True, on_delete=models.CASCADE, related_name="relations_out"
    )
    from_initiative = models.ForeignKey(
        "registry.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="relations_out"
    )
    to_actor = models.ForeignKey(
        "registry.Actor", null=True, blank=True, on_delete=models.CASCADE, related_name="relations_in"
    )
    to_initiative = models.ForeignKey(
        "registry.Initiative", null=True, blank=True, on_delete=models.CASCADE, related_name="relations_in"
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code"))
    instrument = models.CharField(
        _("instrument"), max_length=24, blank=True, help_text=_("funds: the instrument; supports: its form")
    )
    note = models.TextField(_("note"), blank=True)
    # provenance: where the relation comes from, and how each end was matched to a Minga record
    source = models.CharField(max_length=60, default="manual", db_index=True)
    source_id = models.CharField(max_length=200, help_text=_("the source's id, or a digest of the row"))
    matched = models.JSONField(default=dict, blank=True, help_text=_("end → how it was matched"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="relation_unique_source_id"),
            models.CheckConstraint(
                condition=models.Q(from_actor__isnull=False) ^ models.Q(from_initiative__isnull=False),
                name="relation_one_origin",
            ),
            models.CheckConstraint(
                condition=models.Q(to_actor__isnull=False) ^ models.Q(to_initiative__isnull=False),
                name="relation_one_target",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="relation_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        origin = self.from_actor_id or f"i{self.from_initiative_id}"
        target = self.to_actor_id or f"i{self.to_initiative_id}"
        return f"{origin} {self.type} {target}"


class OrgLink(models.Model):
    """How an organisation named in a funding file (360Giving, IATI) was linked to a Minga actor: matched to an
    existing one (``method`` says by what) or created. A steward can undo a match: the organisation then gets an
    actor of its own and its relations move to it."""

    source = models.CharField(max_length=60, help_text=_("the kind of file: 360giving, iati"))
    org_key = models.CharField(
        max_length=300, help_text=_("the organisation's identifier in the file, or its name")
    )
    name = models.CharField(max_length=300)
    data = models.JSONField(default=dict, help_text=_("the organisation as the file described it"))
    actor = models.ForeignKey("registry.Actor", on_delete=models.CASCADE, related_name="org_links")
    method = models.CharField(max_length=40)
    evidence = models.CharField(max_length=300, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation link")
        verbose_name_plural = _("organisation links")
        constraints = [models.UniqueConstraint(fields=["source", "org_key"], name="orglink_unique_key")]

    def __str__(self) -> str:
        return f"{self.source}:{self.org_key} → actor {self.actor_id} ({self.method})"

"""Actor: any organisation of the SSE ecosystem, from a co-op to a ministry or a funder."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class ActorKind(models.TextChoices):
    COOPERATIVE = "cooperative", _("Co-operative")
    MUTUAL = "mutual", _("Mutual")
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    COMMUNITY_GROUP = "community_group", _("Community group")
    INFORMAL = "informal", _("Informal initiative")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    REGIONAL_GOVERNMENT = "regional_government", _("Regional government")
    NATIONAL_GOVERNMENT = "national_government", _("National government")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    NETWORK = "network", _("Network or federation")
    FUNDER_PUBLIC = "funder_public", _("Public funder")
    FUNDER_PRIVATE = "funder_private", _("Private funder")
    SOCIAL_BANK = "social_bank", _("Social or ethical bank")
    FUNDER_FOUNDATION = "funder_foundation", _("Grant-making foundation")
    COOPERATION_AGENCY = "cooperation_agency", _("Cooperation agency")
    SUPPORT_ORGANISATION = "support_organisation", _("Support organisation")
    RESEARCH = "research", _("Research or university")
    PRIVATE_COMPANY = "private_company", _("Private company")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")


#: Kinds that are SSE organisations proper (the rest are actors around them).
SSE_KINDS = frozenset(
    {"cooperative", "mutual", "association", "foundation", "social_enterprise", "community_group", "informal"}
)


class ActorStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DISSOLVED = "dissolved", _("Dissolved")
    UNKNOWN = "unknown", _("Unknown")


class Actor(models.Model):
    name = models.CharField(_("name"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=ActorKind.choices, db_index=True)
    description = models.JSONField(
        _("description"), default=dict, blank=True, help_text=_("Text by language")
    )
    # ESSGlobal codes (see minga.vocab): OS…, ICA…, BMT…, L…, qualifiers and themes
    organisational_structure = models.CharField(max_length=10, blank=True)
    primary_activity = models.CharField(max_length=10, blank=True, db_index=True)
    activities = models.JSONField(default=list, blank=True)
    membership_type = models.CharField(max_length=10, blank=True)
    legal_form = models.CharField(
        max_length=10, blank=True, db_index=True, help_text=_("ESSGlobal legal form")
    )
    legal_form_local = models.CharField(max_length=100, blank=True, help_text=_("Legal form as registered"))
    qualifiers = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)
    tags = models.JSONField(
        default=list, blank=True, help_text=_("Free keywords, e.g. from the source's own taxonomy")
    )
    identifiers = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Organisation identifiers in org-id.guide form, e.g. GB-COH-SC399880, GB-CHC-1159982"),
    )
    # public contacts and address
    website = models.URLField(max_length=500, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(max_length=200, blank=True)
    social = models.JSONField(
        default=dict, blank=True, help_text=_("Social media handles or URLs by network")
    )
    street_address = models.CharField(max_length=300, blank=True)
    locality_name = models.CharField(max_length=150, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    country_code = models.CharField(max_length=2, blank=True, db_index=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    territory = models.ForeignKey(
        "territories.Territory", null=True, blank=True, on_delete=models.PROTECT, related_name="actors"
    )
    #: copy of territory.path, so "under territory X" needs no join
    territory_path = models.CharField(max_length=400, blank=True, db_index=True, editable=False)
    founded_on = models.DateField(null=True, blank=True)
    dissolved_on = models.DateField(null=True, blank=True)
    members = models.PositiveIntegerField(null=True, blank=True)
    workers_women = models.PositiveIntegerField(null=True, blank=True)
    workers_men = models.PositiveIntegerField(null=True, blank=True)
    workers_other = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ActorStatus.choices, default=ActorStatus.ACTIVE)
    sdg_goals = models.ManyToManyField("vocab.SdgGoal", blank=True, related_name="actors")
    editors = models.ManyToManyField(
        "auth.User", blank=True, related_name="edited_actors", help_text=_("Organisation editors")
    )
    # provenance
    source = models.CharField(max_length=40, default="manual", db_index=True)
    source_id = models.CharField(max_length=120, blank=True)
    license = models.CharField(max_length=60, blank=True)
    attribution = models.CharField(max_length=200, blank=True)
    content_hash = models.CharField(max_length=32, blank=True, editable=False)
    imported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="actor_unique_source_id",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def text(self, field: str = "description", language: str | None = None) -> str:
        texts: dict[str, str] = getattr(self, field) or {}
        lang = (language or get_language() or "en")[:2]
        return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")

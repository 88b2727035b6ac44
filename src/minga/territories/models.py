"""The territory tree: world → M49 regions → countries → subdivisions → localities.

Each node stores its materialised ``path`` ("/001/150/154/GB/GB-ENG/GB-BST/"), so "everything under X" is one
indexed prefix query (see ``minga.territories.domain.queries.under``), never a recursive walk.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TerritoryKind(models.TextChoices):
    WORLD = "world", _("World")
    REGION = "region", _("Region")
    SUBREGION = "subregion", _("Sub-region")
    INTERMEDIATE = "intermediate", _("Intermediate region")
    COUNTRY = "country", _("Country or area")
    SUBDIVISION = "subdivision", _("Subdivision")
    LOCALITY = "locality", _("Locality")


class Territory(models.Model):
    code = models.CharField(
        max_length=80, unique=True, help_text=_("M49 code, ISO 3166 code, or locality code")
    )
    kind = models.CharField(max_length=16, choices=TerritoryKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=400, unique=True)
    depth = models.PositiveSmallIntegerField(default=0)
    names = models.JSONField(default=dict, help_text=_("Names by language code"))
    m49 = models.CharField(max_length=3, blank=True, db_index=True)
    iso_alpha3 = models.CharField(max_length=3, blank=True)
    subdivision_type = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["path"]

    def __str__(self) -> str:
        return f"{self.name()} ({self.code})"

    def name(self, language: str | None = None) -> str:
        lang = (language or get_language() or "en")[:2]
        return str(self.names.get(lang) or self.names.get("en") or self.code)

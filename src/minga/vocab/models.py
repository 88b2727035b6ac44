"""Controlled vocabularies: ESSGlobal SKOS schemes and the UN SDG framework (goals, targets, indicators)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _pick(texts: dict[str, str], language: str | None) -> str:
    lang = (language or get_language() or "en")[:2]
    return texts.get(lang) or texts.get("en") or ""


class Scheme(models.TextChoices):
    ORGANISATIONAL_STRUCTURE = "organisational-structure", _("Organisational structure")
    ACTIVITIES_ICA = "activities-ica", _("Economic activity (ICA)")
    BASE_MEMBERSHIP_TYPE = "base-membership-type", _("Base membership type")
    LEGAL_FORM = "legal-form", _("Legal form")
    QUALIFIERS = "qualifiers", _("Qualifiers")
    THEMES = "themes", _("Themes")


class Concept(models.Model):
    scheme = models.CharField(max_length=40, choices=Scheme.choices)
    code = models.CharField(max_length=60)
    uri = models.URLField(max_length=200)
    labels = models.JSONField(default=dict)
    notes = models.JSONField(default=dict, blank=True)

    class Meta:
        unique_together = [("scheme", "code")]
        ordering = ["scheme", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label()}"

    def label(self, language: str | None = None) -> str:
        return _pick(self.labels, language) or self.code


class SdgGoal(models.Model):
    number = models.PositiveSmallIntegerField(unique=True)
    short = models.JSONField(default=dict)
    title = models.JSONField(default=dict)
    colour = models.CharField(max_length=7, help_text=_("Official UN SDG colour, #RRGGBB"))

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"SDG {self.number}: {_pick(self.short, None)}"

    @property
    def iri(self) -> str:
        return f"http://metadata.un.org/sdg/{self.number}"


class SdgTarget(models.Model):
    code = models.CharField(max_length=8, unique=True)
    goal = models.ForeignKey(SdgGoal, on_delete=models.CASCADE, related_name="targets")
    title = models.JSONField(default=dict)

    class Meta:
        ordering = ["goal__number", "id"]

    def __str__(self) -> str:
        return f"{self.code} {_pick(self.title, None)[:60]}"

    @property
    def iri(self) -> str:
        return f"http://metadata.un.org/sdg/{self.code}"


class SdgIndicator(models.Model):
    code = models.CharField(max_length=12)
    target = models.ForeignKey(SdgTarget, on_delete=models.CASCADE, related_name="indicators")
    title = models.JSONField(default=dict)
    list_version = models.CharField(max_length=100)

    class Meta:
        unique_together = [("code", "target")]
        ordering = ["target__goal__number", "id"]

    def __str__(self) -> str:
        return f"{self.code} {_pick(self.title, None)[:60]}"

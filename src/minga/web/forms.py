"""Forms of the web pages (filters of the directory)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from minga.registry.models import ActorKind
from minga.vocab.models import Concept, SdgGoal


@lru_cache(maxsize=8)
def _activity_labels(language: str) -> tuple[tuple[str, str], ...]:
    """ICA activities in ``language`` (reference data: loaded once per process and language)."""
    concepts = Concept.objects.filter(scheme="activities-ica").order_by("code")
    return tuple((c.code, c.label(language)) for c in concepts)


@lru_cache(maxsize=8)
def _legal_form_labels(language: str) -> tuple[tuple[str, str], ...]:
    concepts = Concept.objects.filter(scheme="legal-form").order_by("code")
    return tuple(sorted(((c.code, c.label(language)) for c in concepts), key=lambda c: c[1].casefold()))


@lru_cache(maxsize=8)
def _goal_labels(language: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(g.number), f"{g.number}. {g.short.get(language) or g.short['en']}")
        for g in SdgGoal.objects.all()
    )


def _activities() -> list[tuple[str, Any]]:
    return [("", _("Any activity")), *_activity_labels((get_language() or "en")[:2])]


def _legal_forms() -> list[tuple[str, Any]]:
    return [("", _("Any legal form")), *_legal_form_labels((get_language() or "en")[:2])]


def _goals() -> list[tuple[str, Any]]:
    return [("", _("Any goal")), *_goal_labels((get_language() or "en")[:2])]


class DirectoryFilters(forms.Form):
    """What the directory can be filtered by; every field optional, every combination a shareable URL."""

    q = forms.CharField(label=_("Name contains"), required=False, max_length=200)
    territory = forms.CharField(label=_("Territory code"), required=False, max_length=80)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ActorKind.choices]
    )
    activity = forms.ChoiceField(label=_("Activity"), required=False, choices=_activities)
    legal_form = forms.ChoiceField(label=_("Legal form"), required=False, choices=_legal_forms)
    theme = forms.CharField(
        label=_("Theme"), required=False, max_length=200, widget=forms.TextInput(attrs={"list": "themes"})
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"), required=False, choices=_goals, coerce=int, empty_value=None
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)


def _codes(scheme: str, empty: Any) -> list[tuple[str, Any]]:
    return [("", empty)] + [
        (c.code, f"{c.code} · {c.label()}") for c in Concept.objects.filter(scheme=scheme)
    ]


class ActorForm(forms.Form):
    """The fields a steward or an organisation editor may change; saved through ``records.update_actor``."""

    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActorKind.choices)
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=forms.Textarea)
    description_es = forms.CharField(label=_("Description (Spanish)"), required=False, widget=forms.Textarea)
    description_fr = forms.CharField(label=_("Description (French)"), required=False, widget=forms.Textarea)
    organisational_structure = forms.ChoiceField(
        label=_("Organisational structure"), required=False,
        choices=lambda: _codes("organisational-structure", _("Not known")),
    )  # fmt: skip
    primary_activity = forms.ChoiceField(
        label=_("Economic activity (ICA)"),
        required=False,
        choices=lambda: _codes("activities-ica", _("Not known")),
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=500, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=200)
    street_address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=20)
    territory = forms.CharField(label=_("Territory code"), required=False, max_length=80)
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    members = forms.IntegerField(label=_("Members"), required=False, min_value=0)

    LANGUAGES = ("en", "es", "fr")

    @classmethod
    def initial_for(cls, actor: Any) -> dict[str, Any]:
        initial = {name: getattr(actor, name) for name in cls.base_fields if hasattr(actor, name)}
        initial["territory"] = actor.territory.code if actor.territory else ""
        for lang in cls.LANGUAGES:
            initial[f"description_{lang}"] = (actor.description or {}).get(lang, "")
        return initial

    def changes(self, actor: Any) -> dict[str, Any]:
        """The cleaned values, shaped for ``records.update_actor`` (descriptions merged into one mapping)."""
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("description_")}
        description = dict(actor.description or {})
        for lang in self.LANGUAGES:
            text = self.cleaned_data[f"description_{lang}"].strip()
            if text:
                description[lang] = text
            else:
                description.pop(lang, None)
        data["description"] = description
        for key in ("website", "email", "phone", "street_address", "postcode", "territory"):
            data[key] = (data.get(key) or "").strip()
        data["territory"] = data["territory"] or None
        return data

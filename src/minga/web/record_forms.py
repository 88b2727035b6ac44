"""Record forms (actors, initiatives) for stewards and organisation editors, saved through ``records``.

Multilingual fields (a description, a summary…) get one input per language, ``<name>_<lang>``, grouped by
language so the page can show one tab per language; ``changes`` merges them back into ``{lang: text}``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy as _

from minga.registry.models import ActorKind, InitiativeKind
from minga.vocab.models import Concept

LANGUAGES = (("en", _("English")), ("es", _("Spanish")), ("fr", _("French")))


def _codes(scheme: str, empty: Any) -> list[tuple[str, Any]]:
    return [("", empty)] + [
        (c.code, f"{c.code} · {c.label()}") for c in Concept.objects.filter(scheme=scheme)
    ]


class MultilingualForm(forms.Form):
    """A form whose ``MULTILINGUAL`` fields (name → label) exist once per language."""

    MULTILINGUAL: ClassVar[dict[str, Any]] = {}
    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ()  # single-language text fields, stripped; "" when left empty

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in self.MULTILINGUAL.items():
            for code, _language in LANGUAGES:
                self.fields[f"{name}_{code}"] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"lang": code, "rows": 4})
                )

    def common_fields(self) -> list[forms.BoundField]:
        """The fields that are not per language, in declaration order."""
        suffixes = tuple(f"_{code}" for code, _l in LANGUAGES)
        return [
            self[name]
            for name in self.fields
            if not (name.endswith(suffixes) and name.rsplit("_", 1)[0] in self.MULTILINGUAL)
        ]

    def language_groups(self) -> list[dict[str, Any]]:
        """One group per language: its code, its name, its fields and whether one of them has an error."""
        groups = []
        for code, language in LANGUAGES:
            fields = [self[f"{name}_{code}"] for name in self.MULTILINGUAL]
            groups.append(
                {"code": code, "name": language, "fields": fields, "errors": any(f.errors for f in fields)}
            )
        return groups

    @classmethod
    def initial_for(cls, instance: Any) -> dict[str, Any]:
        """The form's initial values from a saved record."""
        initial = {name: getattr(instance, name) for name in cls.base_fields if hasattr(instance, name)}
        initial["territory"] = instance.territory.code if instance.territory else ""
        for name in cls.MULTILINGUAL:
            for code, _language in LANGUAGES:
                initial[f"{name}_{code}"] = (getattr(instance, name) or {}).get(code, "")
        return initial

    def changes(self, instance: Any = None) -> dict[str, Any]:
        """The cleaned values shaped for ``records``: per-language inputs merged into ``{lang: text}`` (texts in
        other languages than the form's are kept), empty strings for cleared text fields, ``None`` territory."""
        per_language = {f"{name}_{code}" for name in self.MULTILINGUAL for code, _l in LANGUAGES}
        data = {k: v for k, v in self.cleaned_data.items() if k not in per_language}
        for name in self.MULTILINGUAL:
            texts = dict(getattr(instance, name, None) or {})
            for code, _language in LANGUAGES:
                text = self.cleaned_data[f"{name}_{code}"].strip()
                if text:
                    texts[code] = text
                else:
                    texts.pop(code, None)
            data[name] = texts
        for key in self.TEXT_FIELDS:
            data[key] = (data.get(key) or "").strip()
        data["territory"] = (data.get("territory") or "").strip() or None
        return data


class ActorForm(MultilingualForm):
    """The fields a steward or an organisation editor may set on an actor."""

    MULTILINGUAL = {"description": _("Description")}
    TEXT_FIELDS = ("website", "email", "phone", "street_address", "postcode", "locality_name")

    name = forms.CharField(label=_("Name"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActorKind.choices)
    organisational_structure = forms.ChoiceField(
        label=_("Organisational structure"), required=False,
        choices=lambda: _codes("organisational-structure", _("Not known")),
    )  # fmt: skip
    primary_activity = forms.ChoiceField(
        label=_("Economic activity (ICA)"),
        required=False,
        choices=lambda: _codes("activities-ica", _("Not known")),
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=lambda: _codes("legal-form", _("Not known"))
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=500, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=200)
    street_address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    locality_name = forms.CharField(label=_("Locality"), required=False, max_length=150)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=20)
    territory = forms.CharField(
        label=_("Territory code"),
        required=False,
        max_length=80,
        help_text=_("For example GB-BST, ES-CT or 150."),
    )
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    members = forms.IntegerField(label=_("Members"), required=False, min_value=0)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        coordinates_valid = not (self.has_error("lat") or self.has_error("lon"))
        if coordinates_valid and (data.get("lat") is None) != (data.get("lon") is None):
            missing = "lon" if data.get("lon") is None else "lat"
            self.add_error(missing, _("Give both latitude and longitude, or neither."))
        return data


class InitiativeForm(MultilingualForm):
    """The fields of an initiative (a practice, project, programme, public policy or event)."""

    MULTILINGUAL = {
        "summary": _("Summary"),
        "problem": _("Problem addressed"),
        "approach": _("Approach"),
        "results": _("Results"),
        "replicability_notes": _("How to replicate it"),
    }

    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=InitiativeKind.choices)
    territory = forms.CharField(
        label=_("Territory code"),
        required=False,
        max_length=80,
        help_text=_("For example GB-BST, ES-CT or 150."),
    )
    starts_on = forms.DateField(
        label=_("Starts on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence_links = forms.CharField(
        label=_("Evidence (web addresses, one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @classmethod
    def initial_for(cls, instance: Any) -> dict[str, Any]:
        initial = super().initial_for(instance)
        initial["evidence_links"] = "\n".join(instance.evidence_links or [])
        return initial

    def clean_evidence_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["evidence_links"].splitlines() if line.strip()]
        check = forms.URLField(assume_scheme="https")
        bad = []
        for link in links:
            try:
                check.clean(link)
            except forms.ValidationError:
                bad.append(link)
        if bad:
            raise forms.ValidationError(_("Not a web address: %(links)s"), params={"links": ", ".join(bad)})
        return links

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes before the start."))
        return data

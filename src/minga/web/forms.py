"""Forms of the web pages (filters of the directory)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from minga.registry.models import ActorKind
from minga.vocab.models import Concept


def _activities() -> list[tuple[str, Any]]:
    return [("", _("Any activity"))] + [
        (c.code, c.label()) for c in Concept.objects.filter(scheme="activities-ica").order_by("code")
    ]


class DirectoryFilters(forms.Form):
    """What the directory can be filtered by; every field optional, every combination a shareable URL."""

    q = forms.CharField(label=_("Name contains"), required=False, max_length=200)
    territory = forms.CharField(label=_("Territory code"), required=False, max_length=80)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ActorKind.choices]
    )
    activity = forms.ChoiceField(label=_("Activity"), required=False, choices=_activities)
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)

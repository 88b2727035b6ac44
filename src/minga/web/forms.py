"""Filters of the directory and the map (the record forms are in :mod:`minga.web.record_forms`)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
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


def goal_choices() -> list[tuple[str, Any]]:
    return [("", _("Any goal")), *_goal_labels((get_language() or "en")[:2])]


class FastSelect(forms.Select):
    """A ``<select>`` written in Python: the same markup as Django's, without a template per option (those cost a
    quarter of a directory page's time under load, see docs/benchmarks.md)."""

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        chosen = self.format_value(value)[:1]
        options = []
        for option, label in self.choices:
            mark = " selected" if str(option) in chosen else ""
            if mark:
                chosen = []  # one selected option, as Django does
            options.append(f'<option value="{escape(option)}"{mark}>{escape(label)}</option>')
        return mark_safe(f"<select{flatatt(final)}>{''.join(options)}</select>")


class DirectoryFilters(forms.Form):
    """What the directory can be filtered by; every field optional, every combination a shareable URL."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    territory = forms.CharField(label=_("Territory code"), required=False, max_length=80)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *ActorKind.choices], widget=FastSelect
    )
    activity = forms.ChoiceField(label=_("Activity"), required=False, choices=_activities, widget=FastSelect)
    legal_form = forms.ChoiceField(
        label=_("Legal form"), required=False, choices=_legal_forms, widget=FastSelect
    )
    theme = forms.CharField(
        label=_("Theme"), required=False, max_length=200, widget=forms.TextInput(attrs={"list": "themes"})
    )
    sdg = forms.TypedChoiceField(
        label=_("Sustainable Development Goal"),
        required=False,
        choices=goal_choices,
        coerce=int,
        empty_value=None,
        widget=FastSelect,
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)
    #: search the words as typed, without reading a place in them as a territory ("Search everywhere instead")
    anywhere = forms.BooleanField(required=False, widget=forms.HiddenInput)

"""The directory's selects are written in Python (FastSelect) and must say exactly what Django's Select says."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.utils import translation

from minga.web.forms import DirectoryFilters

pytestmark = pytest.mark.django_db


def _parts(html: str) -> tuple[list[str], str]:
    html = re.sub(r">\s+<", "><", html.strip())
    opening, rest = html.split(">", 1)
    return sorted(re.findall(r'\S+?="[^"]*"', opening)), rest


@pytest.mark.parametrize(
    "data",
    [
        {"territory": "GB", "kind": "cooperative", "sdg": "7", "activity": "ICA10"},
        None,
        {"kind": "x", "sdg": "99"},
    ],
)
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_fast_select_renders_what_django_renders(data: dict[str, str] | None, language: str) -> None:
    with translation.override(language):
        form = DirectoryFilters(data)
        form.is_valid()
        for name in ("kind", "activity", "legal_form", "sdg"):
            fast = str(form[name])
            widget = form.fields[name].widget
            form.fields[name].widget = forms.Select(choices=widget.choices)
            django_made = str(form[name])
            form.fields[name].widget = widget

            assert _parts(fast) == _parts(django_made)

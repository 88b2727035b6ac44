"""What every page module shares: the current language, multilingual text with visible fallback, the 404 page, and
the gate and page of the simple forms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from minga.core.errors import ValidationFailed

WORLD = "001"
PAGE_SIZE = 50
LANGUAGES = ("en", "es", "fr")


def lang() -> str:
    """The two-letter code of the language of the current request."""
    return (get_language() or "en")[:2]


def text_in(texts: dict[str, str], language: str) -> tuple[str, str | None]:
    """The text in ``language`` or, visibly, in another one: (text, the language it is in when not ``language``)."""
    if texts.get(language):
        return texts[language], None
    for other in (*LANGUAGES, *sorted(texts)):
        if texts.get(other):
            return texts[other], other
    return "", None


def not_found(request: HttpRequest, exception: Exception | None = None, *, what: str = "") -> HttpResponse:
    """A readable 404 in the current language (also Django's ``handler404``)."""
    return render(request, "minga/not_found.html", {"what": what}, status=404)


def gate(request: HttpRequest, record: Any, what: str, may: Any) -> HttpResponse | None:
    """The page that stops a form from being shown, if any: 404 for no record, sign-in for nobody, 403 for someone
    ``may(user, record)`` refuses."""
    if record is None:
        return not_found(request, what=what)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may(request.user, record):
        return render(request, "minga/forbidden.html", status=403)
    return None


def errors_to(form: forms.Form, err: ValidationFailed) -> None:
    for field, problems in err.errors.items():
        form.add_error(field if field in form.fields else None, problems)


def form_page(request: HttpRequest, form: forms.Form, title: str, *, cancel: str) -> HttpResponse:
    return render(request, "minga/simple_form.html", {"form": form, "title": title, "cancel": "/" + request.LANGUAGE_CODE[:2] + cancel},
                  status=400 if form.errors else 200)  # fmt: skip


def form_view(request: HttpRequest, form: forms.Form, title: str, *, cancel: str,
              save: Callable[[dict[str, Any]], HttpResponse]) -> HttpResponse:  # fmt: skip
    """A simple form page: on a valid POST, ``save(cleaned_data)`` writes through the domain and returns where to go;
    a :class:`ValidationFailed` puts its messages on the form's fields and shows it again (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            return save(form.cleaned_data)
        except ValidationFailed as err:
            errors_to(form, err)
    return form_page(request, form, title, cancel=cancel)

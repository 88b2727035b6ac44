"""What every page module shares: the current language, multilingual text with visible fallback, the 404 page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

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

"""A minimal landing page until the web app (map, directory) lands: links to the API, its docs and the admin."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    from minga.registry.domain.stats import compute_stats

    return render(request, "minga/home.html", {"stats": compute_stats()})

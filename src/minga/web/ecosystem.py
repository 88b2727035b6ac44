"""The ecosystem view of a territory: its actors by quadrant, how they are tied (with what each figure means), its
brokers and its gaps, and the network drawn (cytoscape.js; the tables beside it carry the same facts)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from minga.core import permissions
from minga.core.errors import NotFound
from minga.ecosystem.domain.quadrants import QUADRANTS
from minga.ecosystem.domain.report import cached_report
from minga.registry.models import ActorKind
from minga.territories.domain.queries import get_territory
from minga.territories.models import Territory
from minga.vocab.models import Concept
from minga.web.common import lang, not_found

#: quadrant colours of the network and its legend (distinct for the common colour-vision deficiencies)
COLOURS = {
    "sse": "#1b7837",
    "public": "#2166ac",
    "civil_society": "#b2182b",
    "private": "#e08214",
    "global": "#762a83",
}
LISTED = 50  # isolated actors listed on the page (all are counted)


def ecosystem(request: HttpRequest, code: str) -> HttpResponse:
    try:
        place = get_territory(code)
    except NotFound:
        return not_found(request, what=_("territory"))
    language = lang()
    report = cached_report(place.code)
    kinds = dict(ActorKind.choices)
    labels = {c.code: c.label(language) for c in Concept.objects.filter(scheme="activities-ica")}
    places = {t.code: t.name(language) for t in Territory.objects.filter(
        code__in=[p["code"] for p in report["gaps"]["subterritories_without_sse"]])}  # fmt: skip
    total_ties = report["ties"]["inside"] + report["ties"]["outside"]
    possible = report["actors"] * (report["actors"] - 1) // 2
    quadrants: list[dict[str, Any]] = [
        {"code": q, "name": str(QUADRANTS[q]), "colour": COLOURS[q], "actors": report["quadrants"][q],
         "tied": report["quadrants_tied"][q], "outside": report["outside_quadrants"][q]}
        for q in QUADRANTS
    ]  # fmt: skip
    context = {
        "place": place,
        "place_name": place.name(language),
        "report": report,
        "quadrants": quadrants,
        "total_ties": total_ties,
        "possible_pairs": possible,
        "share_external_pct": round(100 * report["share_external"], 1),
        "brokers": [{**b, "kind_label": kinds.get(b["kind"], b["kind"])} for b in report["brokers"]],
        "isolated": report["gaps"]["isolated"][:LISTED],
        "activity_gaps": [{**a, "label": labels.get(a["activity"], a["label"])} for a in report["gaps"]["activities_without_support"]],
        "place_gaps": [{"code": p["code"], "name": places.get(p["code"], p["name"])} for p in report["gaps"]["subterritories_without_sse"]],
        "quadrant_gaps": [str(QUADRANTS[q]) for q in report["gaps"]["quadrants_without_ties"]],
        "colours": COLOURS,
        "may_create": permissions.can_create_somewhere(request.user),
    }  # fmt: skip
    return render(request, "minga/ecosystem.html", context)

"""Territory dashboards: figures, charts with their tables, the choropleth or map, the territories below."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from minga.core.errors import NotFound
from minga.registry.domain.stats import cached_dashboard, cached_subtree_counts, data_version
from minga.registry.models import Actor, ActorKind, Initiative
from minga.territories.domain.queries import get_territory, under
from minga.territories.models import Territory, TerritoryKind
from minga.vocab.models import Concept, SdgGoal
from minga.web.charts import bar_chart
from minga.web.common import WORLD, lang, not_found

#: above the country level, a page shows a choropleth of its countries; at or below it, a map of its actors
ABOVE_COUNTRIES = {
    TerritoryKind.WORLD,
    TerritoryKind.REGION,
    TerritoryKind.SUBREGION,
    TerritoryKind.INTERMEDIATE,
}


def children_rows(territory: Territory) -> dict[str, Any]:
    """The territories right below ``territory`` with their actor and initiative counts, most actors first."""
    language = lang()
    actors, by_child = cached_subtree_counts(Actor, territory)
    _, initiatives_by_child = cached_subtree_counts(Initiative, territory)
    children: list[dict[str, Any]] = [
        {
            "code": c.code,
            "name": c.name(language),
            "actors": by_child[c.code],
            "initiatives": initiatives_by_child[c.code],
        }
        for c in Territory.objects.filter(parent=territory).order_by("path")
    ]
    children.sort(key=lambda c: (-int(c["actors"]), str(c["name"])))
    return {"children": children, "subtree_actors": actors}


def _countries(place: Territory, by_country: dict[str, int], language: str) -> list[dict[str, Any]]:
    """Every country under ``place`` with its actor count (0 included), most actors first."""
    countries = Territory.objects.filter(under(place.path, field="path"), kind=TerritoryKind.COUNTRY)
    rows: list[dict[str, Any]] = [
        {"code": t.code, "name": t.name(language), "actors": by_country.get(t.code, 0)} for t in countries
    ]
    rows.sort(key=lambda r: (-r["actors"], r["name"]))
    return rows


def territory(request: HttpRequest, code: str) -> HttpResponse:
    """The dashboard of one territory: what the SSE is there, at a glance."""
    try:
        place = get_territory(code)
    except NotFound:
        return not_found(request, what=_("territory"))
    language = lang()
    stats = cached_dashboard(None if place.code == WORLD else place.code)
    kinds = dict(ActorKind.choices)
    activity_labels = {c.code: c.label(language) for c in Concept.objects.filter(scheme="activities-ica")}
    path = place.path.strip("/").split("/")[:-1]
    ancestors = {t.code: t for t in Territory.objects.filter(code__in=path)}
    by_kind = [(k, str(kinds.get(k, k)), n) for k, n in stats["by_kind"].items()]
    by_activity = [(c, activity_labels.get(c, c), n) for c, n in stats["by_activity"].items()]
    sdgs = [
        {
            "number": g.number,
            "name": g.short.get(language) or g.short.get("en"),
            "colour": g.colour,
            "actors": stats["sdg_coverage"].get(g.number, 0),
        }
        for g in SdgGoal.objects.all()
    ]
    choropleth = place.kind in ABOVE_COUNTRIES
    countries = _countries(place, stats["by_country"], language) if choropleth else []
    actors_title = _("Actors")
    charts = {
        "by-kind-chart": bar_chart(
            [(label, n) for _c, label, n in by_kind], label=_("Kind"), value=actors_title
        ),
        "by-activity-chart": bar_chart(
            [(label, n) for _c, label, n in by_activity], label=_("Activity"), value=actors_title
        ),
        "sdg-chart": bar_chart(
            [(f"{g['number']}. {g['name']}", g["actors"]) for g in sdgs],
            label=_("Goal"),
            value=actors_title,
            colours=[g["colour"] for g in sdgs],
            limit=17,
        ),
    }
    context = {
        "place": place,
        "place_name": place.name(language),
        "version": data_version(),
        "ancestors": [ancestors[c] for c in path if c in ancestors],
        "stats": stats,
        "by_kind": by_kind,
        "by_activity": by_activity,
        "sdgs": sdgs,
        "charts": charts,
        "choropleth": choropleth,
        "countries": [c for c in countries if c["actors"]],
        "choropleth_data": {"members": countries},
        **children_rows(place),
    }
    return render(request, "minga/territory.html", context)

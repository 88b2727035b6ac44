"""Server-rendered pages: home and territory dashboards, in the language of the URL prefix (/en/, /es/, /fr/)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from minga.core import permissions
from minga.core.errors import NotFound
from minga.knowledge.domain.places import Place
from minga.knowledge.domain.sdg_links import suggestions_for
from minga.knowledge.domain.search import Filters, SearchResult, search
from minga.knowledge.domain.similar import similar
from minga.registry.domain.search import ActorQuery, actor_page, find_actors, top_themes
from minga.registry.domain.stats import cached_dashboard, data_version
from minga.registry.exporters import export
from minga.registry.models import Actor, ActorKind, Initiative
from minga.territories.domain.queries import get_territory
from minga.territories.models import Territory
from minga.vocab.models import Concept, Scheme, SdgGoal
from minga.web.common import PAGE_SIZE, WORLD, lang, not_found, text_in
from minga.web.dashboard import children_rows
from minga.web.forms import DirectoryFilters
from minga.web.relations import relations_of


def home(request: HttpRequest) -> HttpResponse:
    """Key figures for the world, the regions, and the latest additions."""
    language = lang()
    latest = [
        {"id": a.pk, "name": a.name, "territory": a.territory.code if a.territory else None,
         "place": a.territory.name(language) if a.territory else ""}
        for a in Actor.objects.select_related("territory").order_by("-id")[:8]
    ]  # fmt: skip
    form = DirectoryFilters(request.GET or None)
    invalid = bool(request.GET) and not form.is_valid()
    query = request.GET.copy()
    for name in [k for k, v in query.items() if not v or k == "page"]:
        query.pop(name)
    context = {
        "form": form,
        "themes": _themes(),
        "query": "" if invalid else query.urlencode(),
        "stats": cached_dashboard(None),
        "latest": latest,
        "directory": reverse("directory"),
        **children_rows(get_territory(WORLD)),
    }
    return render(request, "minga/home.html", context, status=400 if invalid else 200)


def actor(request: HttpRequest, actor_id: int) -> HttpResponse:
    """One actor's record page."""
    found = Actor.objects.select_related("territory").filter(pk=actor_id).first()
    if found is None:
        return not_found(request, what=_("actor"))
    language = lang()
    description, description_lang = text_in(found.description or {}, language)
    codes = {
        (c.scheme, c.code): c.label(language)
        for c in Concept.objects.filter(
            code__in=[
                found.organisational_structure,
                found.primary_activity,
                found.membership_type,
                found.legal_form,
            ]
        )
    }
    essglobal = [
        (label, scheme, code, codes.get((scheme, code), code))
        for label, scheme, code in (
            (_("Organisational structure"), "organisational-structure", found.organisational_structure),
            (_("Economic activity (ICA)"), "activities-ica", found.primary_activity),
            (_("Base membership type"), "base-membership-type", found.membership_type),
            (_("Legal form"), "legal-form", found.legal_form),
        )
        if code
    ]
    path = found.territory.path.strip("/").split("/") if found.territory else []
    places = {t.code: t for t in Territory.objects.filter(code__in=path)}
    context = {
        "actor": found,
        "kind_label": dict(ActorKind.choices).get(found.kind, found.kind),
        "description": description,
        "description_lang": description_lang,
        "essglobal": essglobal,
        "places": [(c, places[c].name(language)) for c in path if c in places],
        "sdgs": list(found.sdg_goals.all()),
        "initiatives": list(found.initiative_roles.select_related("initiative")),
        "may_edit": permissions.can_edit_actor(request.user, found),
        "similar": similar("actor", found.pk),
        "relations": relations_of(found),
        "suggestions": suggestions_for("actor", found.pk),
    }
    return render(request, "minga/actor.html", context)


DIRECTORY_COLUMNS = ("id", "name", "kind", "country_code", "territory_path", "locality_name")


def _themes() -> list[tuple[str, int]]:
    key = f"minga:themes:{data_version()}"
    return cache.get_or_set(key, top_themes, timeout=24 * 3600)  # type: ignore[return-value]


def directory(request: HttpRequest) -> HttpResponse:
    """Every actor, filtered by the query string (a shareable URL), 50 to a page. Asked by htmx (the filters
    changed, another page), it answers only the results, which replace the old ones in place."""
    partial = bool(request.headers.get("HX-Request"))
    template = "minga/_directory_results.html" if partial else "minga/directory.html"
    form = DirectoryFilters(request.GET or None)
    context: dict[str, Any] = {
        "form": form,
        "themes": _themes(),
        "may_create": permissions.can_create_somewhere(request.user),
        "partial": partial,
    }
    if request.GET and not form.is_valid():
        return _render_varying(request, template, {**context, "invalid": True}, status=400)
    filters = form.cleaned_data if request.GET else {}
    page = filters.get("page") or 1
    try:
        if (filters.get("q") or "").strip():
            count, rows, ranked, found = _searched_page(filters, page)
            context |= {"ranked": ranked, "semantic": found.semantic, "place": _place(found.place),
                        "approximate": found.approximate}  # fmt: skip
        else:
            count, rows = actor_page(
                ActorQuery.of(filters),
                offset=(page - 1) * PAGE_SIZE,
                limit=PAGE_SIZE,
                columns=DIRECTORY_COLUMNS,
            )
    except NotFound:
        form.add_error("territory", _("No territory has this code."))
        return _render_varying(request, template, {**context, "invalid": True}, status=400)
    kinds = dict(ActorKind.choices)
    actor_url, territory_url = (
        reverse("actor", args=[0]),
        reverse("territory", args=[WORLD]),
    )  # reversed once a page
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["territory"] = row.pop("territory_path").rstrip("/").rsplit("/", 1)[-1] or None
        row["url"] = actor_url.replace("/0/", f"/{row['id']}/")
        row["territory_url"] = (
            territory_url.replace("/001/", f"/{row['territory']}/") if row["territory"] else ""
        )
    query = request.GET.copy()
    query.pop("page", None)
    for name in [k for k, v in query.items() if not v]:
        query.pop(name)  # empty filters make no part of the shareable URL
    pages = max(1, -(-min(count, context.get("ranked", count)) // PAGE_SIZE))
    context |= {"rows": rows, "count": count, "page": page, "pages": pages, "query": query.urlencode()}
    return _render_varying(request, template, context)


def _place(place: Place | None) -> dict[str, str] | None:
    """The place the search read in the words, named in the page's language."""
    if place is None:
        return None
    territory = Territory.objects.filter(code=place.code).first()
    return {"code": place.code, "words": place.words, "name": territory.name() if territory else place.name}


def _searched_page(filters: dict[str, Any], page: int) -> tuple[int, list[dict[str, Any]], int, SearchResult]:
    """(total, rows of ``page``, how many ranked rows can be paged, the search's answer) from the knowledge
    engine: best first."""
    scope = Filters(
        territory=filters.get("territory") or None, kind=filters.get("kind") or None,
        activity=filters.get("activity") or None, legal_form=filters.get("legal_form") or None,
        sdg=filters.get("sdg"), theme=filters.get("theme") or None, types=("actor",),
    )  # fmt: skip
    found = search(
        filters["q"],
        limit=PAGE_SIZE,
        offset=(page - 1) * PAGE_SIZE,
        filters=scope,
        places_in_query=not filters.get("anywhere"),
    )
    order = [hit.id for hit in found.results]
    rows = {r["id"]: r for r in Actor.objects.filter(pk__in=order).values(*DIRECTORY_COLUMNS)}
    return found.total, [rows[i] for i in order if i in rows], found.available, found


def _render_varying(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Vary"] = "HX-Request"
    return response


def sdg_goal(request: HttpRequest, number: int) -> HttpResponse:
    """One SDG: its targets and indicators in the current language, and the actors and initiatives linked to it."""
    goal = SdgGoal.objects.prefetch_related("targets__indicators").filter(number=number).first()
    if goal is None:
        return not_found(request, what=_("goal"))
    language = lang()
    linked = find_actors(ActorQuery(sdg=number))
    context = {
        "goal": goal,
        "short": goal.short.get(language) or goal.short["en"],
        "title": goal.title.get(language) or goal.title["en"],
        "targets": [
            {
                "code": t.code,
                "title": t.title.get(language) or t.title["en"],
                "indicators": [(i.code, i.title.get(language) or i.title["en"]) for i in t.indicators.all()],
            }
            for t in goal.targets.all()
        ],
        "actor_count": linked.count(),
        "actors": list(linked.values("id", "name")[:PAGE_SIZE]),
        "initiatives": list(
            Initiative.objects.filter(sdg_targets__goal=goal).distinct().values("id", "title")[:PAGE_SIZE]
        ),
        "goals": SdgGoal.objects.all(),
    }
    return render(request, "minga/sdg_goal.html", context)


def concept(request: HttpRequest, scheme: str, code: str) -> HttpResponse:
    """One ESSGlobal term (e.g. "Housing co-operative") and the actors coded with it."""
    term = Concept.objects.filter(scheme=scheme, code=code).first()
    field = CONCEPT_FIELDS.get(scheme)
    if term is None or field is None:
        return not_found(request, what=_("term"))
    actors = Actor.objects.filter(**{field: code}).order_by("id")
    context = {
        "term": term,
        "label": term.label(lang()),
        "scheme_label": dict(Scheme.choices)[scheme],
        "count": actors.count(),
        "actors": list(actors.values("id", "name", "country_code")[:PAGE_SIZE]),
    }
    return render(request, "minga/concept.html", context)


#: the actor field that holds each scheme's code
CONCEPT_FIELDS = {
    "organisational-structure": "organisational_structure",
    "activities-ica": "primary_activity",
    "base-membership-type": "membership_type",
    "legal-form": "legal_form",
}


DOWNLOADS = {"csv": ("text/csv", "csv"), "geojson": ("application/geo+json", "geojson")}


def download(request: HttpRequest, format: str) -> HttpResponseBase:
    """What the directory shows, as a file: the same filters, every matching actor, with attributions."""
    form = DirectoryFilters(request.GET or None)
    if format not in DOWNLOADS or (request.GET and not form.is_valid()):
        return not_found(request, what=_("download"))
    query = ActorQuery.of(form.cleaned_data if request.GET else {})
    content_type, suffix = DOWNLOADS[format]
    folder = tempfile.mkdtemp(prefix="minga-download-")
    target = Path(folder) / f"minga-actors.{suffix}"
    try:
        export(format, target, query=query)
    except NotFound:
        shutil.rmtree(folder, ignore_errors=True)
        return not_found(request, what=_("territory"))
    handle = target.open("rb")
    shutil.rmtree(folder)  # the open handle keeps the data readable until the response closes it (POSIX)
    return FileResponse(handle, content_type=content_type, as_attachment=True, filename=target.name)

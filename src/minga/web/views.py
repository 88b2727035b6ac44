"""Server-rendered pages: home and territory dashboards, in the language of the URL prefix (/en/, /es/, /fr/)."""

from __future__ import annotations

import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import orjson
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from minga.core import audit, permissions
from minga.core.errors import NotFound, PermissionDenied, ValidationFailed
from minga.maths.geo import decode_topojson
from minga.registry.domain import records
from minga.registry.domain.search import ActorQuery, actor_page, find_actors
from minga.registry.domain.stats import cached_dashboard, cached_subtree_counts, data_version
from minga.registry.exporters import export
from minga.registry.models import Actor, ActorKind, Initiative
from minga.territories.domain.queries import get_territory
from minga.territories.models import Territory
from minga.vocab.models import Concept, Scheme, SdgGoal
from minga.web.forms import ActorForm, DirectoryFilters

WORLD = "001"


def _lang() -> str:
    return (get_language() or "en")[:2]


def home(request: HttpRequest) -> HttpResponse:
    """Key figures for the world, the regions, and the latest additions."""
    lang = _lang()
    latest = [
        {"id": a.pk, "name": a.name, "territory": a.territory.code if a.territory else None,
         "place": a.territory.name(lang) if a.territory else ""}
        for a in Actor.objects.select_related("territory").order_by("-id")[:8]
    ]  # fmt: skip
    context = {
        "stats": cached_dashboard(None),
        "latest": latest,
        "directory": reverse("directory"),
        **_children(get_territory(WORLD)),
    }
    return render(request, "minga/home.html", context)


def _children(territory: Territory) -> dict[str, Any]:
    lang = _lang()
    actors, by_child = cached_subtree_counts(Actor, territory)
    _, initiatives_by_child = cached_subtree_counts(Initiative, territory)
    children: list[dict[str, Any]] = [
        {
            "code": c.code,
            "name": c.name(lang),
            "actors": by_child[c.code],
            "initiatives": initiatives_by_child[c.code],
        }
        for c in Territory.objects.filter(parent=territory).order_by("path")
    ]
    children.sort(key=lambda c: (-int(c["actors"]), str(c["name"])))
    return {"children": children, "subtree_actors": actors}


def territory(request: HttpRequest, code: str) -> HttpResponse:
    """The dashboard of one territory: what the SSE is there, at a glance."""
    try:
        place = get_territory(code)
    except NotFound:
        return not_found(request, what=_("territory"))
    lang = _lang()
    stats = cached_dashboard(None if place.code == WORLD else place.code)
    version = data_version()
    kinds = dict(ActorKind.choices)
    activity_labels = {c.code: c.label(lang) for c in Concept.objects.filter(scheme="activities-ica")}
    goals = list(SdgGoal.objects.all())
    ancestors = {t.code: t for t in Territory.objects.filter(code__in=place.path.strip("/").split("/")[:-1])}
    context = {
        "place": place,
        "place_name": place.name(lang),
        "version": version,
        "ancestors": [ancestors[c] for c in place.path.strip("/").split("/")[:-1] if c in ancestors],
        "stats": stats,
        "by_kind": [(k, kinds.get(k, k), n) for k, n in stats["by_kind"].items()],
        "by_activity": [(c, activity_labels.get(c, c), n) for c, n in stats["by_activity"].items()],
        "sdgs": [
            {
                "number": g.number,
                "name": g.short.get(lang) or g.short.get("en"),
                "colour": g.colour,
                "actors": stats["sdg_coverage"].get(g.number, 0),
            }
            for g in goals
        ],  # fmt: skip
        **_children(place),
    }
    return render(request, "minga/territory.html", context)


def _text(texts: dict[str, str], lang: str) -> tuple[str, str | None]:
    """The text in ``lang`` or, visibly, in another language: (text, the language it is in when not ``lang``)."""
    if texts.get(lang):
        return texts[lang], None
    for other in ("en", "es", "fr", *sorted(texts)):
        if texts.get(other):
            return texts[other], other
    return "", None


def actor(request: HttpRequest, actor_id: int) -> HttpResponse:
    """One actor's record page."""
    found = Actor.objects.select_related("territory").filter(pk=actor_id).first()
    if found is None:
        return not_found(request, what=_("actor"))
    lang = _lang()
    description, description_lang = _text(found.description or {}, lang)
    codes = {
        (c.scheme, c.code): c.label(lang)
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
        "places": [(c, places[c].name(lang)) for c in path if c in places],
        "sdgs": list(found.sdg_goals.all()),
        "initiatives": list(found.initiative_roles.select_related("initiative")),
        "may_edit": permissions.can_edit_actor(request.user, found),
    }
    return render(request, "minga/actor.html", context)


def not_found(request: HttpRequest, exception: Exception | None = None, *, what: str = "") -> HttpResponse:
    """A readable 404 in the current language (also Django's ``handler404``)."""
    return render(request, "minga/not_found.html", {"what": what}, status=404)


PAGE_SIZE = 50
DIRECTORY_COLUMNS = ("id", "name", "kind", "country_code", "territory_path", "locality_name")


def directory(request: HttpRequest) -> HttpResponse:
    """Every actor, filtered by the query string (a shareable URL), 50 to a page."""
    form = DirectoryFilters(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "minga/directory.html", {"form": form, "invalid": True}, status=400)
    filters = form.cleaned_data if request.GET else {}
    page = filters.get("page") or 1
    try:
        count, rows = actor_page(
            ActorQuery.of(filters), offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, columns=DIRECTORY_COLUMNS
        )
    except NotFound:
        form.add_error("territory", _("No territory has this code."))
        return render(request, "minga/directory.html", {"form": form, "invalid": True}, status=400)
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
    pages = max(1, -(-count // PAGE_SIZE))
    context = {
        "form": form,
        "rows": rows,
        "count": count,
        "page": page,
        "pages": pages,
        "query": query.urlencode(),
    }
    return render(request, "minga/directory.html", context)


def sdg_goal(request: HttpRequest, number: int) -> HttpResponse:
    """One SDG: its targets and indicators in the current language, and the actors and initiatives linked to it."""
    goal = SdgGoal.objects.prefetch_related("targets__indicators").filter(number=number).first()
    if goal is None:
        return not_found(request, what=_("goal"))
    lang = _lang()
    linked = find_actors(ActorQuery(sdg=number))
    context = {
        "goal": goal,
        "short": goal.short.get(lang) or goal.short["en"],
        "title": goal.title.get(lang) or goal.title["en"],
        "targets": [
            {
                "code": t.code,
                "title": t.title.get(lang) or t.title["en"],
                "indicators": [(i.code, i.title.get(lang) or i.title["en"]) for i in t.indicators.all()],
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
        "label": term.label(_lang()),
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


def edit_actor(request: HttpRequest, actor_id: int) -> HttpResponse:
    """Edit an actor (stewards of its territory, its organisation editors, admins): same write path as the API."""
    found = Actor.objects.select_related("territory").filter(pk=actor_id).first()
    if found is None:
        return not_found(request, what=_("actor"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_edit_actor(request.user, found):
        return render(request, "minga/forbidden.html", status=403)
    form = ActorForm(request.POST or None, initial=ActorForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            records.update_actor(found, form.changes(found), by=request.user, via="web")
        except ValidationFailed as err:
            for field, messages in err.errors.items():
                form.add_error(field if field in form.fields else None, messages)
        except PermissionDenied as err:
            form.add_error("territory", err.message)
        else:
            return redirect("actor", actor_id=found.pk)
    history = [(e, ", ".join(sorted(e.changes))) for e in audit.history(found).select_related("user")[:50]]
    return render(
        request,
        "minga/actor_edit.html",
        {"actor": found, "form": form, "history": history},
        status=400 if form.errors else 200,
    )


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


ATLAS = Path(__file__).resolve().parents[1] / "data" / "world-atlas" / "countries-110m.json"


@lru_cache(maxsize=1)
def _country_shapes() -> bytes:
    features = decode_topojson(orjson.loads(ATLAS.read_bytes()), "countries")
    return orjson.dumps({"type": "FeatureCollection", "features": features})


def country_shapes(request: HttpRequest) -> HttpResponse:
    """Natural Earth 1:110m countries as GeoJSON: the map's base layer (no tile server exists offline)."""
    response = HttpResponse(_country_shapes(), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response

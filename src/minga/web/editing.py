"""Creating and editing actors and initiatives in the browser: the same write path (``records``) and permission
module as the API and the admin. A refused or invalid form saves nothing and says why beside each field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from minga.core import audit, permissions
from minga.core.errors import NotFound, PermissionDenied, ValidationFailed
from minga.knowledge.domain import sdg_links
from minga.knowledge.domain.sdg_links import suggestions_for
from minga.registry.domain import records
from minga.registry.models import Actor, Initiative
from minga.web.common import not_found
from minga.web.record_forms import ActorForm, InitiativeForm, MultilingualForm


def _save(form: MultilingualForm, instance: Any, write: Callable[[dict[str, Any]], Model]) -> Model | None:
    """Validate ``form`` and ``write`` its changes; on refusal, put the reasons beside the fields. None if unsaved."""
    if not form.is_valid():
        return None
    try:
        return write(form.changes(instance))
    except ValidationFailed as err:
        for field, messages in err.errors.items():
            if field == "territory":  # the domain's message is for API clients; say it in the page's language
                messages = [_("No territory has this code.")]
            form.add_error(field if field in form.fields else None, messages)
    except PermissionDenied:
        form.add_error(
            "territory",
            _("You may not save a record in this territory. Ask an administrator for a steward role there."),
        )
    return None


def _history(instance: Model) -> list[tuple[Any, str]]:
    return [(e, ", ".join(sorted(e.changes))) for e in audit.history(instance).select_related("user")[:50]]


def _page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    form = context["form"]
    return render(request, "minga/record_edit.html", context, status=400 if form.errors else 200)


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "minga/forbidden.html", status=403)


def edit_actor(request: HttpRequest, actor_id: int) -> HttpResponse:
    """Edit an actor (stewards of its territory, its organisation editors, admins)."""
    found = Actor.objects.select_related("territory").filter(pk=actor_id).first()
    if found is None:
        return not_found(request, what=_("actor"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_edit_actor(request.user, found):
        return _refused(request)
    form = ActorForm(request.POST or None, initial=ActorForm.initial_for(found))
    if request.method == "POST":
        saved = _save(form, found, lambda data: records.update_actor(found, data, by=request.user, via="web"))
        if saved is not None:
            return redirect("actor", actor_id=found.pk)
    context = {
        "form": form,
        "title": _("Edit %(name)s") % {"name": found.name},
        "cancel": reverse("actor", args=[found.pk]),
    }
    return _page(
        request, {**context, "history": _history(found), "suggestions": suggestions_for("actor", found.pk)}
    )


def create_actor(request: HttpRequest) -> HttpResponse:
    """Add an actor (stewards, in their territories; admins anywhere)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_create_somewhere(request.user):
        return _refused(request)
    form = ActorForm(request.POST or None, initial={"territory": request.GET.get("territory", "")})
    if request.method == "POST":
        saved = _save(form, None, lambda data: records.create_actor(data, by=request.user, via="web"))
        if saved is not None:
            return redirect("actor", actor_id=saved.pk)
    return _page(request, {"form": form, "title": _("Add an actor"), "cancel": reverse("directory")})


def edit_initiative(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """Edit an initiative (stewards of its territory, editors of its actors, admins)."""
    found = Initiative.objects.select_related("territory").filter(pk=initiative_id).first()
    if found is None:
        return not_found(request, what=_("initiative"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_edit_initiative(request.user, found):
        return _refused(request)
    form = InitiativeForm(request.POST or None, initial=InitiativeForm.initial_for(found))
    if request.method == "POST":
        write = lambda data: records.update_initiative(found, data, by=request.user, via="web")  # noqa: E731
        if _save(form, found, write) is not None:
            return redirect("initiative", initiative_id=found.pk)
    context = {
        "form": form,
        "title": _("Edit %(name)s") % {"name": found.title},
        "cancel": reverse("initiative", args=[found.pk]),
    }
    return _page(
        request,
        {**context, "history": _history(found), "suggestions": suggestions_for("initiative", found.pk)},
    )


def create_initiative(request: HttpRequest) -> HttpResponse:
    """Add an initiative (stewards, in their territories; admins anywhere)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_create_somewhere(request.user):
        return _refused(request)
    form = InitiativeForm(request.POST or None, initial={"territory": request.GET.get("territory", "")})
    if request.method == "POST":
        saved = _save(form, None, lambda data: records.create_initiative(data, by=request.user, via="web"))
        if saved is not None:
            return redirect("initiative", initiative_id=saved.pk)
    return _page(request, {"form": form, "title": _("Add an initiative"), "cancel": reverse("initiatives")})


def decide_sdg(request: HttpRequest, suggestion_id: int) -> HttpResponse:
    """Confirm or reject one suggested SDG (POST ``decision`` = confirm | reject), then back to the record."""
    if request.method != "POST":
        return not_found(request, what=_("suggestion"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        suggestion = sdg_links.decide(
            suggestion_id, confirm=request.POST.get("decision") == "confirm", by=request.user, via="web"
        )
    except NotFound:
        return not_found(request, what=_("suggestion"))
    except PermissionDenied:
        return _refused(request)
    name = "actor" if suggestion.record_type == "actor" else "initiative"
    return redirect(reverse(name, args=[suggestion.record_id]) + "#sdg-suggestions")

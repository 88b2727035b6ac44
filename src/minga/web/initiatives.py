"""Initiative pages: the list (filtered by a shareable URL) and one initiative's record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minga.core import permissions
from minga.core.errors import NotFound
from minga.knowledge.domain.sdg_links import suggestions_for
from minga.knowledge.domain.similar import similar
from minga.registry.domain.search import find_initiatives
from minga.registry.models import Initiative, InitiativeKind, SdgOrigin
from minga.territories.models import Territory
from minga.web.common import PAGE_SIZE, lang, not_found, text_in
from minga.web.forms import goal_choices

SECTIONS = (
    ("summary", gettext_lazy("Summary")),
    ("problem", gettext_lazy("Problem addressed")),
    ("approach", gettext_lazy("Approach")),
    ("results", gettext_lazy("Results")),
    ("replicability_notes", gettext_lazy("How to replicate it")),
)


class InitiativeFilters(forms.Form):
    q = forms.CharField(label=gettext_lazy("Title contains"), required=False, max_length=200)
    territory = forms.CharField(label=gettext_lazy("Territory code"), required=False, max_length=80)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("Any kind")), *InitiativeKind.choices],
    )
    sdg = forms.TypedChoiceField(
        label=gettext_lazy("Sustainable Development Goal"),
        required=False,
        choices=goal_choices,
        coerce=int,
        empty_value=None,
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)


def initiatives(request: HttpRequest) -> HttpResponse:
    """Every initiative, filtered by the query string, 50 to a page."""
    form = InitiativeFilters(request.GET or None)
    context: dict[str, Any] = {"form": form, "may_create": permissions.can_create_somewhere(request.user)}
    if request.GET and not form.is_valid():
        return render(request, "minga/initiatives.html", {**context, "invalid": True}, status=400)
    filters = form.cleaned_data if request.GET else {}
    page = filters.get("page") or 1
    try:
        found = find_initiatives(
            territory=filters.get("territory") or None,
            kind=filters.get("kind") or None,
            sdg=filters.get("sdg"),
            q=filters.get("q"),
        )
    except NotFound:
        form.add_error("territory", _("No territory has this code."))
        return render(request, "minga/initiatives.html", {**context, "invalid": True}, status=400)
    count = found.count()
    kinds = dict(InitiativeKind.choices)
    rows = [
        {**row, "kind_label": kinds.get(row["kind"], row["kind"])}
        for row in found.values("id", "title", "kind", "starts_on")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    ]
    query = request.GET.copy()
    for name in [k for k, v in query.items() if not v or k == "page"]:
        query.pop(name)
    pages = max(1, -(-count // PAGE_SIZE))
    context |= {"rows": rows, "count": count, "page": page, "pages": pages, "query": query.urlencode()}
    return render(request, "minga/initiatives.html", context)


def initiative(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """One initiative: its texts (visibly in another language when not translated), actors, SDG targets."""
    found = Initiative.objects.select_related("territory").filter(pk=initiative_id).first()
    if found is None:
        return not_found(request, what=_("initiative"))
    language = lang()
    sections = []
    for field, label in SECTIONS:
        text, shown_in = text_in(getattr(found, field) or {}, language)
        if text:
            sections.append({"field": field, "label": label, "text": text, "lang": shown_in})
    path = found.territory.path.strip("/").split("/") if found.territory else []
    places = {t.code: t for t in Territory.objects.filter(code__in=path)}
    links = found.sdg_links.select_related("target__goal").order_by("target__goal__number", "target__code")
    targets = [
        {
            "code": link.target.code,
            "goal": link.target.goal.number,
            "colour": link.target.goal.colour,
            "title": link.target.title.get(language) or link.target.title.get("en", ""),
            "suggested": link.origin == SdgOrigin.SUGGESTED,
            "origin": link.get_origin_display(),
        }
        for link in links
    ]
    context = {
        "initiative": found,
        "kind_label": found.get_kind_display(),
        "sections": sections,
        "places": [(c, places[c].name(language)) for c in path if c in places],
        "roles": list(found.roles.select_related("actor").order_by("role", "actor__name")),
        "targets": targets,
        "may_edit": permissions.can_edit_initiative(request.user, found),
        "similar": similar("initiative", found.pk),
        "suggestions": suggestions_for("initiative", found.pk),
        "campaigns": list(found.campaigns.order_by("-id")),
    }
    return render(request, "minga/initiative.html", context)

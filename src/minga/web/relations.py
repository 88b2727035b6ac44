"""Relations on the web: an actor's relations on its page, and the form that records one (same write path,
checks and permissions as the API and the CSV import); a funding scheme with who fits it and why; a partnership's
co-financing; a practice's lineage."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from minga.core import permissions
from minga.core.errors import NotFound, PermissionDenied, ValidationFailed
from minga.ecosystem.domain.funding import match_scheme
from minga.ecosystem.domain.partnerships import cofinancing, lineage
from minga.ecosystem.domain.relations import create_relation, relation_from_fields
from minga.ecosystem.models import (
    FundingScheme,
    FundingSource,
    Instrument,
    Partnership,
    Relation,
    RelationType,
    SupportForm,
)
from minga.registry.models import Actor, Stage
from minga.territories.models import Territory, TerritoryKind
from minga.web.common import not_found


def relations_of(actor: Actor) -> list[dict[str, Any]]:
    """The relations from and to ``actor``, each with the other end and what the tie is, newest first."""
    types = dict(RelationType.choices)
    rows = Relation.objects.filter(Q(from_actor=actor) | Q(to_actor=actor)).select_related(
        "from_actor", "to_actor", "from_initiative", "to_initiative").order_by("-start_date", "-id")[:200]  # fmt: skip
    out = []
    for r in rows:
        outgoing = r.from_actor_id == actor.pk
        other = (r.to_actor or r.to_initiative) if outgoing else (r.from_actor or r.from_initiative)
        is_actor = (r.to_actor_id if outgoing else r.from_actor_id) is not None
        out.append({
            "outgoing": outgoing, "type": types.get(r.type, r.type), "other": str(other),
            "url": reverse("actor" if is_actor else "initiative", args=[other.pk]) if other else "",
            "start": r.start_date, "end": r.end_date,
            "amount": f"{r.amount:,.2f} {r.currency}" if r.amount is not None else "", "source": r.source,
        })  # fmt: skip
    return out


class RelationForm(forms.Form):
    type = forms.ChoiceField(label=gettext_lazy("Type"), choices=RelationType.choices)
    to = forms.CharField(label=gettext_lazy("With"), max_length=200,
                         help_text=gettext_lazy("Another record: its Minga number (actor:12, initiative:7) or its source id as imported (coops-uk:R006884)."))  # fmt: skip
    start_date = forms.DateField(
        label=gettext_lazy("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=gettext_lazy("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    amount = forms.CharField(label=gettext_lazy("Amount"), required=False, max_length=24,
                             help_text=gettext_lazy("For funding, supplies and support: e.g. 1500.00"))  # fmt: skip
    currency = forms.CharField(label=gettext_lazy("Currency"), required=False, max_length=3,
                               help_text=gettext_lazy("ISO 4217 code: GBP, EUR, USD…"))  # fmt: skip
    instrument = forms.ChoiceField(label=gettext_lazy("Instrument or form of support"), required=False,
                                   choices=[("", "—"), *Instrument.choices, *SupportForm.choices])  # fmt: skip
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def new_relation(request: HttpRequest, actor_id: int) -> HttpResponse:
    """Record a relation from this actor (whoever may edit it)."""
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None:
        return not_found(request, what=_("actor"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_edit_actor(request.user, actor):
        return render(request, "minga/forbidden.html", status=403)
    form = RelationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: "" if v is None else str(v) for k, v in form.cleaned_data.items()}
        try:
            data = relation_from_fields({**fields, "from": f"actor:{actor.pk}"}, source="web")
            create_relation(data, by=request.user, via="web")
            return redirect(reverse("actor", args=[actor.pk]) + "#relations")
        except ValidationFailed as err:
            form.add_error(None, [m for messages in err.errors.values() for m in messages])
        except PermissionDenied:
            form.add_error(None, _("You may not record relations of this actor."))
    title = _("A relation of %(name)s") % {"name": actor.name}
    return render(request, "minga/simple_form.html", {"form": form, "title": title, "cancel": reverse("actor", args=[actor.pk])},
                  status=400 if form.errors else 200)  # fmt: skip


def scheme(request: HttpRequest, scheme_id: int) -> HttpResponse:
    """A funding scheme: its criteria and the initiatives that meet them, each with why; and the near misses."""
    found = FundingScheme.objects.select_related("funder").filter(pk=scheme_id).first()
    if found is None:
        return not_found(request, what=_("funding scheme"))
    try:
        matches = match_scheme(found.pk, limit=25, near=10)
    except NotFound:
        return not_found(request, what=_("funding scheme"))
    may_award = permissions.can_edit_actor(request.user, found.funder)
    applications = list(found.applications.select_related("initiative").order_by("-id")) if may_award else []
    return render(request, "minga/scheme.html", {"scheme": found, "found": matches, "may_award": may_award,
                                                 "applications": applications})  # fmt: skip


def schemes(request: HttpRequest) -> HttpResponse:
    listed = FundingScheme.objects.select_related("funder").order_by("-id")[:200]
    return render(request, "minga/schemes.html", {"schemes": listed})


def partnership(request: HttpRequest, partnership_id: int) -> HttpResponse:
    found = Partnership.objects.filter(pk=partnership_id).first()
    if found is None:
        return not_found(request, what=_("partnership"))
    money = cofinancing(found)
    labels = dict(FundingSource.choices)
    sources = [(labels[k], v) for k, v in money["by_source"].items()]
    members = [{**m, "source_label": labels.get(m["source"], "")} for m in money["members"]]
    return render(request, "minga/partnership.html", {"partnership": found, "money": money, "sources": sources,
                                                      "members": members})  # fmt: skip


def replication(request: HttpRequest, initiative_id: int) -> HttpResponse:
    try:
        tree = lineage(initiative_id)
    except NotFound:
        return not_found(request, what=_("initiative"))
    stages = dict(Stage.choices)

    def label(node: dict[str, Any]) -> None:
        node["stage_label"] = stages.get(node["stage"], node["stage"])
        for child in node["replications"]:
            label(child)

    label(tree["root"])
    spread = tree["spread"]
    language = get_language()
    names = {t.code: t.name(language) for t in Territory.objects.filter(code__in=spread["countries"])}
    countries = [
        {"code": c, "name": names.get(c, c), "initiatives": n} for c, n in spread["by_country"].items()
    ]
    origin = tree["root"]["territory"]
    origin_path = Territory.objects.filter(code=origin).values_list("path", flat=True).first() or ""
    origin_country = next((c for c in countries if f"/{c['code']}/" in origin_path), None)
    levels = [(TerritoryKind(level).label, n) for level, n in spread["by_level"].items()]
    return render(request, "minga/lineage.html", {"tree": tree, "current": initiative_id, "levels": levels,
                                                  "countries": countries, "origin_country": origin_country,
                                                  "spread_data": {"members": countries,
                                                                  "origin": origin_country and origin_country["code"]}})  # fmt: skip

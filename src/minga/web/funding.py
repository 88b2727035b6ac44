"""Funding on the web: a matchfunding campaign (its goals, what was raised and matched, and a pledge form anyone
can use), opening a campaign for an initiative, publishing a funding scheme, applying to one and awarding it. Every
form goes through the same domain functions, checks and permissions as the API."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minga.core import permissions
from minga.core.errors import MingaError, PermissionDenied, ValidationFailed
from minga.ecosystem.domain.funding import award, create_scheme
from minga.ecosystem.domain.matchfunding import (
    close_campaign,
    create_campaign,
    create_pool,
    eligible,
    offer_pool,
    pledge,
    totals,
)
from minga.ecosystem.domain.partnerships import create_partnership
from minga.ecosystem.models import Application, Campaign, FundingScheme, Instrument
from minga.registry.models import Actor, ActorKind, Initiative, Stage
from minga.web.common import errors_to, form_page, form_view, gate, not_found


class PledgeForm(forms.Form):
    amount = forms.CharField(label=gettext_lazy("Amount"), max_length=24)
    pledger = forms.CharField(label=gettext_lazy("Name shown with your pledge"), max_length=64, required=False,
                              help_text=gettext_lazy("A first name or a pseudonym; leave empty to stay anonymous."))  # fmt: skip
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)


def campaign(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A campaign: goals, deadline, what the ledger says, the pools that match it, and the pledge form."""
    found = Campaign.objects.select_related("initiative").filter(pk=campaign_id).first()
    if found is None:
        return not_found(request, what=_("campaign"))
    form = PledgeForm(request.POST or None, initial={"key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            done = pledge(found, data["amount"], pledger=data["pledger"] or _("anonymous"), key=data["key"])
            matched = sum((m.amount for m in done.matches), start=done.pledge.amount * 0)
            messages.success(request, _("Thank you: your pledge of %(amount)s %(currency)s was recorded, and matched "
                                        "with %(matched)s %(currency)s.") % {"amount": number_format(done.pledge.amount, 2),
                                        "matched": number_format(matched, 2), "currency": found.currency})  # fmt: skip
            return redirect("campaign", campaign_id=found.pk)
        except ValidationFailed as err:
            form.add_error("amount", [m for ms in err.errors.values() for m in ms])
        except MingaError as err:
            form.add_error(None, err.message)
    if request.method == "POST" and request.POST.get("close"):
        return _close(request, found)
    sums = totals(found)
    pools = [p for p in found.pools.select_related("funder").order_by("id") if eligible(p, found)]
    may_close = request.user.is_authenticated and permissions.can_edit_initiative(
        request.user, found.initiative
    )
    context = {"campaign": found, "form": form, "sums": sums, "pools": pools, "may_close": may_close,
               "percent": min(100, int(100 * sums["raised"] / found.optimum)) if found.optimum else 0}  # fmt: skip
    return render(request, "minga/campaign.html", context, status=400 if form.errors else 200)


def _close(request: HttpRequest, found: Campaign) -> HttpResponse:
    """Close a campaign after its deadline (its initiative's editors): funded, or every pledge refunded."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        closed = close_campaign(found, by=request.user, via="web")
        messages.success(
            request, _("The campaign is closed: %(status)s.") % {"status": closed.get_status_display()}
        )
    except PermissionDenied:
        return render(request, "minga/forbidden.html", status=403)
    except MingaError as err:
        messages.error(request, err.message)
    return redirect("campaign", campaign_id=found.pk)


class PartnershipForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    purpose = forms.CharField(
        label=gettext_lazy("Purpose"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    currency = forms.CharField(label=gettext_lazy("Currency"), max_length=3, required=False,
                               help_text=gettext_lazy("ISO 4217 code: GBP, EUR, USD…"))  # fmt: skip
    members = forms.CharField(
        label=gettext_lazy("Members of the partnership"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("One per line: the actor's Minga number, then its role, its contribution and the source "
                               "of that money (public, private, community or international), separated by commas. "
                               "Example: 12, lead, 5000.00, public"),
    )  # fmt: skip


def new_partnership(request: HttpRequest) -> HttpResponse:
    """Record a partnership and what each member brings (administrators and territory stewards)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not permissions.can_create_somewhere(request.user):
        return render(request, "minga/forbidden.html", status=403)
    form = PartnershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        members, problems = [], []
        for number, line in enumerate(data["members"].splitlines(), start=1):
            parts = [p.strip() for p in line.split(",")]
            if not parts[0]:
                continue
            if not parts[0].isdigit():
                problems.append(_("Line %(n)s: start with the actor's Minga number.") % {"n": number})
                continue
            parts += [""] * (4 - len(parts))
            members.append(
                {"actor": int(parts[0]), "role": parts[1], "contribution": parts[2], "source": parts[3]}
            )
        if problems:
            form.add_error("members", problems)
        else:
            purpose = {request.LANGUAGE_CODE[:2]: data["purpose"]} if data["purpose"] else {}
            try:
                made = create_partnership({"name": data["name"], "purpose": purpose, "currency": data["currency"]},
                                          members, by=request.user, via="web")  # fmt: skip
                return redirect("partnership", partnership_id=made.pk)
            except ValidationFailed as err:
                errors_to(form, err)
    return form_page(request, form, _("A partnership"), cancel="/")


class PoolForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    currency = forms.CharField(
        label=gettext_lazy("Currency"), max_length=3, help_text=gettext_lazy("ISO 4217 code: GBP, EUR, USD…")
    )
    budget = forms.CharField(label=gettext_lazy("Budget"), max_length=24)
    multiplier = forms.CharField(label=gettext_lazy("multiplier"), max_length=6, initial="1",
                                 help_text=gettext_lazy("1 matches 1:1, 2 matches 2:1"))  # fmt: skip
    cap_per_pledge = forms.CharField(
        label=gettext_lazy("Largest part of one pledge matched"), max_length=24, required=False
    )
    cap_per_campaign = forms.CharField(
        label=gettext_lazy("Largest match for one campaign"), max_length=24, required=False
    )
    campaigns = forms.CharField(label=gettext_lazy("Campaigns"), required=False,
                                help_text=gettext_lazy("The numbers of the campaigns this pool matches, separated by spaces."))  # fmt: skip


def new_pool(request: HttpRequest, actor_id: int) -> HttpResponse:
    """A matcher pool of a funder, offered to campaigns (whoever may edit the funder); all or nothing."""
    funder = Actor.objects.filter(pk=actor_id).first()
    if (stop := gate(request, funder, _("actor"), permissions.can_edit_actor)) is not None:
        return stop
    assert funder is not None  # _gate answered otherwise
    form = PoolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        numbers = data.pop("campaigns").split()
        found = {c.pk: c for c in Campaign.objects.filter(pk__in=[int(n) for n in numbers if n.isdigit()])}
        missing = [n for n in numbers if not n.isdigit() or int(n) not in found]
        if missing:
            form.add_error("campaigns", _("No campaign with number %(n)s.") % {"n": ", ".join(missing)})
        else:
            try:
                with transaction.atomic():
                    pool = create_pool(funder, data, by=request.user, via="web")
                    for campaign in found.values():
                        offer_pool(pool, campaign, by=request.user, via="web")
                messages.success(request, _("The matcher pool is ready."))
                return redirect("actor", actor_id=funder.pk)
            except ValidationFailed as err:
                errors_to(form, err)
    return form_page(
        request, form, _("A matcher pool of %(name)s") % {"name": funder.name}, cancel=f"/actors/{funder.pk}/"
    )


class CampaignForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    currency = forms.CharField(
        label=gettext_lazy("Currency"), max_length=3, help_text=gettext_lazy("ISO 4217 code: GBP, EUR, USD…")
    )
    minimum = forms.CharField(label=gettext_lazy("Minimum goal"), max_length=24,
                              help_text=gettext_lazy("Below it at the deadline, every pledge is refunded."))  # fmt: skip
    optimum = forms.CharField(label=gettext_lazy("Optimum goal"), max_length=24)
    deadline = forms.DateTimeField(
        label=gettext_lazy("Deadline"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


def new_campaign(request: HttpRequest, initiative_id: int) -> HttpResponse:
    """Open a matchfunding campaign for an initiative (whoever may edit it)."""
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    if (stop := gate(request, initiative, _("initiative"), permissions.can_edit_initiative)) is not None:
        return stop
    assert initiative is not None  # _gate answered otherwise
    form = CampaignForm(request.POST or None, initial={"title": initiative.title})

    def save(data: dict[str, Any]) -> HttpResponse:
        return redirect(
            "campaign", campaign_id=create_campaign(initiative, data, by=request.user, via="web").pk
        )

    return form_view(request, form, _("A campaign for %(title)s") % {"title": initiative.title},
                     cancel=f"/initiatives/{initiative.pk}/", save=save)  # fmt: skip


class SchemeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=300)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    instrument = forms.ChoiceField(label=gettext_lazy("Instrument"), choices=Instrument.choices)
    currency = forms.CharField(
        label=gettext_lazy("Currency"), max_length=3, help_text=gettext_lazy("ISO 4217 code: GBP, EUR, USD…")
    )
    budget = forms.CharField(label=gettext_lazy("Budget"), max_length=24, required=False)
    deadline = forms.DateField(
        label=gettext_lazy("Deadline"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    territories = forms.CharField(label=gettext_lazy("Territories"), required=False,
                                  help_text=gettext_lazy("Codes separated by spaces (GB, GB-BST, 150); empty: anywhere."))  # fmt: skip
    actor_kinds = forms.MultipleChoiceField(label=gettext_lazy("Kinds of actor"), required=False, choices=ActorKind.choices,
                                            widget=forms.CheckboxSelectMultiple)  # fmt: skip
    sdg_goals = forms.MultipleChoiceField(label=gettext_lazy("Sustainable Development Goals"), required=False,
                                          choices=[(str(n), str(n)) for n in range(1, 18)], widget=forms.CheckboxSelectMultiple)  # fmt: skip
    stages = forms.MultipleChoiceField(label=gettext_lazy("Stages"), required=False, choices=Stage.choices,
                                       widget=forms.CheckboxSelectMultiple)  # fmt: skip
    amount_min = forms.CharField(label=gettext_lazy("Smallest amount"), max_length=24, required=False)
    amount_max = forms.CharField(label=gettext_lazy("Largest amount"), max_length=24, required=False)
    cofinancing_min = forms.CharField(label=gettext_lazy("Co-financing share the applicant brings, at least"),
                                      max_length=8, required=False, help_text=gettext_lazy("From 0 to 1, e.g. 0.2"))  # fmt: skip


def new_scheme(request: HttpRequest, actor_id: int) -> HttpResponse:
    """Publish a funding scheme of a funder (whoever may edit the funder)."""
    funder = Actor.objects.filter(pk=actor_id).first()
    if (stop := gate(request, funder, _("actor"), permissions.can_edit_actor)) is not None:
        return stop
    assert funder is not None  # _gate answered otherwise

    def save(cleaned: dict[str, Any]) -> HttpResponse:
        data = dict(cleaned)
        data["description"] = {request.LANGUAGE_CODE[:2]: data["description"]} if data["description"] else {}
        data["territories"] = data["territories"].split()
        data["sdg_goals"] = [int(g) for g in data["sdg_goals"]]
        data["cofinancing_min"] = data["cofinancing_min"] or None
        return redirect("scheme", scheme_id=create_scheme(funder, data, by=request.user, via="web").pk)

    return form_view(request, SchemeForm(request.POST or None), _("A funding scheme of %(name)s") % {"name": funder.name},
                     cancel=f"/actors/{funder.pk}/", save=save)  # fmt: skip


class ApplyForm(forms.Form):
    initiative = forms.ModelChoiceField(label=gettext_lazy("Initiative"), queryset=Initiative.objects.none())
    amount_requested = forms.DecimalField(
        label=gettext_lazy("Amount requested"), min_value=0, decimal_places=2, max_digits=20
    )


def apply(request: HttpRequest, scheme_id: int) -> HttpResponse:
    """Apply to a scheme with an initiative one may edit; the funder sees the applications and awards them."""
    scheme = FundingScheme.objects.select_related("funder").filter(pk=scheme_id).first()
    if scheme is None:
        return not_found(request, what=_("funding scheme"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    mine = Initiative.objects.filter(pk__in=[i.pk for i in Initiative.objects.order_by("title")[:2000]
                                             if permissions.can_edit_initiative(request.user, i)])  # fmt: skip
    form = ApplyForm(request.POST or None)
    form.fields["initiative"].queryset = mine  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        Application.objects.create(scheme=scheme, initiative=form.cleaned_data["initiative"],
                                   amount_requested=form.cleaned_data["amount_requested"])  # fmt: skip
        messages.success(request, _("Your application was recorded."))
        return redirect("scheme", scheme_id=scheme.pk)
    return form_page(
        request, form, _("Apply to %(name)s") % {"name": scheme.name}, cancel=f"/schemes/{scheme.pk}/"
    )


def award_application(request: HttpRequest, application_id: int) -> HttpResponse:
    """The funder awards an application (POST, with the amount): it becomes a ``funds`` relation."""
    application = Application.objects.select_related("scheme__funder").filter(pk=application_id).first()
    if application is None or request.method != "POST":
        return not_found(request, what=_("application"))
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        award(application, application.amount_requested if not request.POST.get("amount") else
              forms.DecimalField(decimal_places=2, max_digits=20, min_value=0).clean(request.POST["amount"]),
              by=request.user, via="web")  # fmt: skip
        messages.success(request, _("Awarded: the grant is now a funding relation."))
    except (ValidationFailed, forms.ValidationError) as err:
        messages.error(request, str(err))
    except PermissionDenied:
        return render(request, "minga/forbidden.html", status=403)
    return redirect("scheme", scheme_id=application.scheme_id)

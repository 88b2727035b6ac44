"""Forums on the web: the list, a forum with its sessions, rounds and questions, the organisers' forms that add
them, and the synthesis across sessions (page, Markdown, PDF). Same domain functions and permissions as the API."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from minga.core import permissions
from minga.forum.domain.forums import add_question, add_round, add_session, create_forum
from minga.forum.domain.synthesis import synthesise
from minga.forum.interfaces.synthesis_export import to_markdown, to_pdf
from minga.forum.models import Access, Forum, Moderation, Round, Session, SessionKind
from minga.web.common import form_view, gate, not_found

LANGUAGE_CHOICES = [("en", "English"), ("es", "Español"), ("fr", "Français")]


def forums(request: HttpRequest) -> HttpResponse:
    found = Forum.objects.order_by("-created_at")
    listed = [f for f in found if f.access != Access.LINK or permissions.can_organise(request.user, f)]
    return render(request, "minga/forums.html", {"forums": listed,
                                                 "may_create": permissions.can_create_forum(request.user)})  # fmt: skip


def forum(request: HttpRequest, forum_id: int) -> HttpResponse:
    found = Forum.objects.filter(pk=forum_id).first()
    if found is None:
        return not_found(request, what=_("forum"))
    sessions = found.sessions.prefetch_related("rounds__questions").order_by("position", "id")
    may_organise = permissions.can_organise(request.user, found)
    invitation = (
        request.build_absolute_uri(f"?invitation={found.invitation}")
        if may_organise and found.invitation
        else ""
    )
    return render(request, "minga/forum.html", {"forum": found, "sessions": sessions, "may_organise": may_organise,
                                                "invitation": invitation})  # fmt: skip


class ForumForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    description = forms.CharField(
        label=gettext_lazy("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the forum"), choices=LANGUAGE_CHOICES)
    access = forms.ChoiceField(label=gettext_lazy("Who may take part"), choices=Access.choices)


def new_forum(request: HttpRequest) -> HttpResponse:
    stop = gate(request, True, _("forum"), lambda user, _r: permissions.can_create_forum(user))
    if stop:
        return stop
    form = ForumForm(request.POST or None, initial={"language": request.LANGUAGE_CODE[:2]})

    def save(data: dict[str, Any]) -> HttpResponse:
        return redirect("forum", forum_id=create_forum(data, by=request.user, via="web").pk)

    return form_view(request, form, _("New forum"), cancel="/forums/", save=save)


class SessionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)
    kind = forms.ChoiceField(label=gettext_lazy("Kind of session"), choices=SessionKind.choices)
    starts_at = forms.DateTimeField(label=gettext_lazy("Starts"), required=False,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))  # fmt: skip
    ends_at = forms.DateTimeField(label=gettext_lazy("Ends"), required=False,
                                  widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))  # fmt: skip


def new_session(request: HttpRequest, forum_id: int) -> HttpResponse:
    found = Forum.objects.filter(pk=forum_id).first()
    stop = gate(request, found, _("forum"), permissions.can_organise)
    if stop or found is None:
        return stop or not_found(request)

    def save(data: dict[str, Any]) -> HttpResponse:
        add_session(found, data, by=request.user, via="web")
        return redirect("forum", forum_id=found.pk)

    return form_view(request, SessionForm(request.POST or None), _("New session of %(forum)s") % {"forum": found.title},
                     cancel=f"/forums/{found.pk}/", save=save)  # fmt: skip


class RoundForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)


def new_round(request: HttpRequest, session_id: int) -> HttpResponse:
    found = Session.objects.select_related("forum").filter(pk=session_id).first()
    stop = gate(request, found, _("session"), lambda user, s: permissions.can_organise(user, s.forum))
    if stop or found is None:
        return stop or not_found(request)

    def save(data: dict[str, Any]) -> HttpResponse:
        add_round(found, data, by=request.user, via="web")
        return redirect("forum", forum_id=found.forum_id)

    return form_view(request, RoundForm(request.POST or None), _("New round of %(session)s") % {"session": found.title},
                     cancel=f"/forums/{found.forum_id}/", save=save)  # fmt: skip


class QuestionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Question"), max_length=300)
    prompt = forms.CharField(label=gettext_lazy("What participants should reflect on"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    moderation = forms.ChoiceField(label=gettext_lazy("Moderation"), choices=Moderation.choices)
    allow_statements = forms.BooleanField(
        label=gettext_lazy("Participants may add statements"), required=False, initial=True
    )


def new_question(request: HttpRequest, round_id: int) -> HttpResponse:
    found = Round.objects.select_related("session__forum").filter(pk=round_id).first()
    stop = gate(request, found, _("round"), lambda user, r: permissions.can_organise(user, r.session.forum))
    if stop or found is None:
        return stop or not_found(request)

    def save(data: dict[str, Any]) -> HttpResponse:
        return redirect("question", question_id=add_question(found, data, by=request.user, via="web").pk)

    return form_view(request, QuestionForm(request.POST or None), _("New question in %(round)s") % {"round": found.title},
                     cancel=f"/forums/{found.session.forum_id}/", save=save)  # fmt: skip


def _synthesis(request: HttpRequest, forum_id: int) -> tuple[Forum | None, Any]:
    found = Forum.objects.filter(pk=forum_id).first()
    if found is None:
        return None, not_found(request, what=_("forum"))
    if found.access == Access.LINK and not permissions.can_organise(request.user, found):
        return None, render(request, "minga/forbidden.html", status=403)
    return found, synthesise(found)


def synthesis(request: HttpRequest, forum_id: int, format: str = "html") -> HttpResponse:
    """The synthesis page, or its Markdown / PDF download."""
    found, result = _synthesis(request, forum_id)
    if found is None:
        return result  # type: ignore[no-any-return]
    name = slugify(found.title) or f"forum-{found.pk}"
    if format == "md":
        response = HttpResponse(to_markdown(result), content_type="text/markdown; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}-synthesis.md"'
        return response
    if format == "pdf":
        response = HttpResponse(to_pdf(result), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}-synthesis.pdf"'
        return response
    return render(request, "minga/synthesis.html", {"forum": found, "s": result})

"""Taking part in a question on the web: one statement at a time with three buttons (agree, disagree, pass), a form
to add a statement, the live results (opinion groups, what each group stands for, consensus, divisions, topics,
linked SDGs and registry records), and the organisers' moderation queue.

Anonymous participants are known by a random token in a cookie (nothing else about them is kept); signed-in ones
by their account. Invitation links of link-only forums are remembered in the session."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from minga.core import permissions
from minga.core.errors import MingaError, PermissionDenied, ValidationFailed
from minga.forum.domain.analysis import public_id, schedule
from minga.forum.domain.forums import moderate as moderate_statement
from minga.forum.domain.voting import add_statement, cast_vote, next_statement, participant_for, visible
from minga.forum.models import ModerationState, Participant, Question, QuestionStatus, Statement, Vote
from minga.registry.models import Actor, Initiative
from minga.web.common import gate, not_found

COOKIE = "minga_participant"
COLOURS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"]  # colour-blind safe (ColorBrewer Dark2)


def _question(question_id: int) -> Question | None:
    return Question.objects.select_related("round__session__forum").filter(pk=question_id).first()


def _participant(request: HttpRequest, question: Question, *, create: bool) -> tuple[Participant | None, str]:
    """The request's participant (created on first vote when ``create``) and the cookie token to set, if new."""
    if request.GET.get("invitation"):
        request.session["invitation"] = request.GET["invitation"]
    invitation = request.session.get("invitation", "")
    if request.user.is_authenticated:
        if not create and not question.participants.filter(key__user=request.user).exists():
            return None, ""
        return participant_for(question, user=request.user, invitation=invitation), ""
    token = request.COOKIES.get(COOKIE, "")
    fresh = ""
    if not (16 <= len(token) <= 64):
        if not create:
            return None, ""
        token = fresh = secrets.token_urlsafe(24)
    if not create and not question.participants.filter(key__token=token).exists():
        return None, ""
    return participant_for(question, token=token, invitation=invitation), fresh


def _number(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise ValidationFailed({"vote": ["choose agree, disagree or pass on the statement shown"]}) from None


def question(request: HttpRequest, question_id: int) -> HttpResponse:
    """The participation page: the next statement to vote on (POST a vote or a new statement)."""
    found = _question(question_id)
    if found is None:
        return not_found(request, what=_("question"))
    forum = found.round.session.forum
    if request.GET.get("invitation"):
        request.session["invitation"] = request.GET["invitation"]
    if not permissions.can_take_part(request.user, forum, invitation=request.session.get("invitation", "")):
        return render(request, "minga/forbidden.html", {"why": _("Sign in, or open the invitation link the "
                                                                 "organisers sent you.")}, status=403)  # fmt: skip
    error, fresh = "", ""
    if request.method == "POST":
        try:
            participant, fresh = _participant(request, found, create=True)
            assert participant is not None
            if "vote" in request.POST:
                cast_vote(found, _number(request.POST.get("statement")), _number(request.POST.get("vote")),
                          participant=participant)  # fmt: skip
                messages.success(request, _("Vote recorded."))
            elif "text" in request.POST:
                added = add_statement(found, request.POST["text"], participant=participant,
                                      language=request.POST.get("language") or request.LANGUAGE_CODE[:2])  # fmt: skip
                messages.success(request, _("Thank you: your statement was added.") if added.moderation == ModerationState.ACCEPTED or found.moderation == "lax"
                                 else _("Thank you: your statement will show once an organiser accepts it."))  # fmt: skip
            response = redirect("question", question_id=found.pk)
            if fresh:
                response.set_cookie(COOKIE, fresh, max_age=365 * 86400, httponly=True, samesite="Lax")
            return response
        except ValidationFailed as err:
            error = "; ".join(m for ms in err.errors.values() for m in ms)
        except PermissionDenied as err:
            return render(request, "minga/forbidden.html", {"why": err.hint}, status=403)
        except MingaError as err:
            error = err.message
    participant, _fresh = _participant(request, found, create=False)
    shown = Statement.objects.filter(visible(found))
    total = shown.count()
    done = Vote.objects.filter(participant=participant, statement__in=shown).count() if participant else 0
    nxt = next_statement(found, participant) if participant else shown.order_by("created_at", "pk").first()
    context = {"question": found, "forum": forum, "statement": nxt, "total": total, "done": done, "error": error,
               "open": found.status == QuestionStatus.OPEN,
               "may_organise": permissions.can_organise(request.user, forum)}  # fmt: skip
    return render(request, "minga/question.html", context, status=400 if error else 200)


def _labels(question: Question) -> dict[str, Statement]:
    imported = bool(question.source)
    return {
        str(public_id(s.source_id, s.pk, imported)): s for s in Statement.objects.filter(question=question)
    }


def results(request: HttpRequest, question_id: int) -> HttpResponse:
    """The live picture of a question; never waits for the maths (a stale analysis is recomputed in the background)."""
    found = _question(question_id)
    if found is None:
        return not_found(request, what=_("question"))
    stale = found.analysed_version != found.votes_version
    if stale:
        schedule(found.pk)
    if request.GET.get("status"):  # the page's status line polls this while votes are being counted
        shown = request.GET.get("shown") or ""
        return render(request, "minga/_analysis_status.html", {"question": found, "stale": stale,
                                                               "newer": str(found.analysed_version) != shown})  # fmt: skip
    data = found.analysis
    context: dict[str, Any] = {"question": found, "forum": found.round.session.forum, "stale": stale, "data": data,
                               "newer": False}  # fmt: skip
    if data:
        context.update(_results_context(found, data))
    return render(request, "minga/results.html", context)


def _results_context(found: Question, data: dict[str, Any]) -> dict[str, Any]:
    statements = _labels(found)
    table = data["detail"]["figures"]
    letters = {str(g["id"]): chr(ord("A") + i) for i, g in enumerate(data["groups"])}
    actor_names = dict(Actor.objects.filter(pk__in={a for s in statements.values() for a in s.links.get("actors", [])})
                       .values_list("pk", "name"))  # fmt: skip
    titles = dict(Initiative.objects.filter(pk__in={i for s in statements.values() for i in s.links.get("initiatives", [])})
                  .values_list("pk", "title"))  # fmt: skip

    def item(sid: Any, **extra: Any) -> dict[str, Any] | None:
        s = statements.get(str(sid))
        if s is None:
            return None
        a, d, p = table.get(str(sid), {"all": [0, 0, 0]})["all"]
        seen = a + d + p
        links = s.links or {}
        return {"id": sid, "text": s.text, "language": s.language, "agree": a, "disagree": d, "pass": p, "seen": seen,
                "agree_pct": round(100 * a / seen) if seen else 0, "disagree_pct": round(100 * d / seen) if seen else 0,
                "sdg": links.get("sdg", [])[:3], "actors": [(x, actor_names.get(x, "")) for x in links.get("actors", [])],
                "initiatives": [(x, titles.get(x, "")) for x in links.get("initiatives", [])], **extra}  # fmt: skip

    def many(ids: list[Any]) -> list[dict[str, Any]]:
        return [x for x in (item(i) for i in ids) if x]

    groups = []
    for i, g in enumerate(data["groups"]):
        reps = data["detail"]["representative"].get(str(g["id"]), [])
        groups.append({"letter": letters[str(g["id"])], "size": len(g["participants"]), "colour": COLOURS[i % len(COLOURS)],
                       "representative": [x for x in (item(r["statement"], direction=r["direction"], score=r["score"],
                                          group_agree=r["agree"], group_disagree=r["disagree"], group_seen=r["seen"])
                                          for r in reps) if x]})  # fmt: skip
    divisions = []
    for d in data["detail"]["divisive"][:5]:
        x = item(d["statement"], gap=d["gap"])
        if x:
            x["groups"] = [{"letter": letters.get(g, g), "agree": v[0], "disagree": v[1], "seen": sum(v),
                            "agree_pct": round(100 * v[0] / sum(v)) if sum(v) else 0}
                           for g, v in table[str(d["statement"])]["groups"].items()]  # fmt: skip
            divisions.append(x)
    return {"groups": groups, "agreed": many(data["consensus"]["agree"][:5]),
            "rejected": many(data["consensus"]["disagree"][:5]), "group_aware": many(data["group_aware_consensus"][:5]),
            "divisions": divisions, "topics": [{"label": t["label"], "statements": many(t["statements"])} for t in data["topics"]],
            "map": _map(data["detail"]["map"], letters)}  # fmt: skip


def _map(points: list[dict[str, Any]], letters: dict[str, str]) -> list[dict[str, Any]]:
    """Base clusters scaled into a 400×300 drawing (y up), coloured by group."""
    if not points:
        return []
    xs, ys = [p["x"] for p in points], [p["y"] for p in points]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    order = list(letters)
    return [{"cx": round(20 + 360 * (p["x"] - min(xs)) / span_x, 1), "cy": round(280 - 260 * (p["y"] - min(ys)) / span_y, 1),
             "r": round(3 + 2 * p["n"] ** 0.5, 1),
             "colour": COLOURS[order.index(str(p["group"])) % len(COLOURS)] if str(p["group"]) in order else "#999999"}
            for p in points]  # fmt: skip


def moderation(request: HttpRequest, question_id: int) -> HttpResponse:
    """The organisers' queue: statements waiting first; accept, reject, or mark meta."""
    found = _question(question_id)
    stop = gate(
        request, found, _("question"), lambda user, q: permissions.can_organise(user, q.round.session.forum)
    )
    if stop or found is None:
        return stop or not_found(request)
    if request.method == "POST":
        statement = Statement.objects.filter(
            pk=int(request.POST.get("statement") or 0), question=found
        ).first()
        if statement is None:
            return not_found(request, what=_("statement"))
        action = request.POST.get("action")
        states = {"accept": ModerationState.ACCEPTED, "reject": ModerationState.REJECTED}
        moderate_statement(statement, state=states.get(action or ""),
                           is_meta={"meta": True, "not_meta": False}.get(action or ""), by=request.user, via="web")  # fmt: skip
        messages.success(request, _("Statement %(id)s: saved.") % {"id": statement.pk})
        return redirect("moderation", question_id=found.pk)
    waiting = Statement.objects.filter(question=found, moderation=ModerationState.PENDING).order_by(
        "created_at", "pk"
    )
    decided = (
        Statement.objects.filter(question=found)
        .exclude(moderation=ModerationState.PENDING)
        .order_by("-created_at", "-pk")[:200]
    )
    return render(
        request, "minga/moderation.html", {"question": found, "waiting": waiting, "decided": decided}
    )

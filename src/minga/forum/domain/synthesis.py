"""The synthesis of a forum across its sessions: extractive and checkable. Every conclusion is a statement that
participants wrote, quoted in its original language with its vote figures; nothing is invented.

Per question: the conclusions (Pol.is's consensus statements: what most agree, and what most reject), the open
divisions (the statements that divide the opinion groups most, with each group's position), its topics. Per session
and for the whole forum: the same gathered, the topics' key terms that recur across sessions, the SDGs the
statements address and the registry actors and initiatives (practices) they name."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from minga.forum.domain.analysis import analyze_question, public_id
from minga.forum.models import Forum, Question, Statement
from minga.registry.models import Actor, Initiative

CONCLUSIONS = 5
DIVISIONS = 3


def _share(a: int, d: int, p: int) -> dict[str, Any]:
    seen = a + d + p
    return {"agree": a, "disagree": d, "pass": p, "seen": seen,
            "agree_pct": round(100 * a / seen) if seen else 0, "disagree_pct": round(100 * d / seen) if seen else 0}  # fmt: skip


def _quote(s: Statement, row: dict[str, Any] | None) -> dict[str, Any]:
    figures = _share(*row["all"]) if row else _share(0, 0, 0)
    return {"id": s.pk, "text": s.text, "language": s.language, **figures}


def question_synthesis(question: Question) -> dict[str, Any]:
    """One question's conclusions, divisions, topics, SDGs and practices (computing its analysis if stale)."""
    analysis = question.analysis
    if not analysis or question.analysed_version != question.votes_version:
        analysis, _ = analyze_question(question)
    imported = bool(question.source)
    statements = {
        str(public_id(s.source_id, s.pk, imported)): s for s in Statement.objects.filter(question=question)
    }
    table = analysis["detail"]["figures"]
    letters = {str(g["id"]): chr(ord("A") + i) for i, g in enumerate(analysis["groups"])}

    def quoted(ids: list[Any]) -> list[dict[str, Any]]:
        return [_quote(statements[str(i)], table.get(str(i))) for i in ids if str(i) in statements]

    divisions = []
    for item in analysis["detail"]["divisive"][:DIVISIONS]:
        s = statements.get(str(item["statement"]))
        if s is None:
            continue
        groups = [
            {"group": letters.get(g, g), **_share(*v)}
            for g, v in table[str(item["statement"])]["groups"].items()
        ]
        divisions.append(
            {**_quote(s, table.get(str(item["statement"]))), "gap": item["gap"], "groups": groups}
        )
    sdg: Counter[int] = Counter()
    actors: Counter[int] = Counter()
    initiatives: Counter[int] = Counter()
    for s in statements.values():
        if s.moderation == -1 or s.is_meta:
            continue
        sdg.update(s.links.get("sdg", [])[:2])
        actors.update(s.links.get("actors", []))
        initiatives.update(s.links.get("initiatives", []))
    return {
        "id": question.pk, "title": question.title, "participants": analysis["participants"],
        "statements": analysis["statements"], "groups": [{"group": letters[str(g["id"])], "size": len(g["participants"])}
                                                          for g in analysis["groups"]],
        "agreed": quoted(analysis["consensus"]["agree"][:CONCLUSIONS]),
        "rejected": quoted(analysis["consensus"]["disagree"][:CONCLUSIONS]),
        "divisions": divisions,
        "topics": [{"label": t["label"], "statements": len(t["statements"])} for t in analysis["topics"]],
        "sdg": dict(sdg.most_common()), "actors": dict(actors), "initiatives": dict(initiatives),
    }  # fmt: skip


def synthesise(forum: Forum) -> dict[str, Any]:
    """The whole forum: each session's questions synthesised, then what recurs across sessions."""
    sessions = []
    term_sessions: dict[str, set[int]] = defaultdict(set)
    sdg: Counter[int] = Counter()
    actors: Counter[int] = Counter()
    initiatives: Counter[int] = Counter()
    for session in forum.sessions.order_by("position", "id"):
        questions = [question_synthesis(q) for r in session.rounds.order_by("position", "id")
                     for q in r.questions.order_by("pk")]  # fmt: skip
        for q in questions:
            for t in q["topics"]:
                for term in t["label"].split(", "):
                    if term:
                        term_sessions[term].add(session.pk)
            sdg.update(q["sdg"])
            actors.update(q["actors"])
            initiatives.update(q["initiatives"])
        sessions.append(
            {"id": session.pk, "title": session.title, "kind": session.kind, "questions": questions}
        )
    names = dict(Actor.objects.filter(pk__in=list(actors)).values_list("pk", "name"))
    titles = dict(Initiative.objects.filter(pk__in=list(initiatives)).values_list("pk", "title"))
    recurring = sorted(
        ((t, len(s)) for t, s in term_sessions.items() if len(s) >= 2), key=lambda x: (-x[1], x[0])
    )
    return {
        "forum": {"id": forum.pk, "title": forum.title, "language": forum.language, "description": forum.description},
        "sessions": sessions,
        "recurring_topics": [{"term": t, "sessions": n} for t, n in recurring],
        "sdg": [{"goal": g, "statements": n} for g, n in sdg.most_common()],
        "practices": [{"kind": "actor", "id": a, "name": names.get(a, ""), "mentions": n} for a, n in actors.most_common()]
        + [{"kind": "initiative", "id": i, "name": titles.get(i, ""), "mentions": n} for i, n in initiatives.most_common()],
    }  # fmt: skip

"""A question in Pol.is's CSV export layout (``polis-export/1``, docs/export-format.md in Pol.is): ``summary.csv``,
``comments.csv``, ``votes.csv``, ``participant-votes.csv`` and ``comment-groups.csv``; votes +1 agree, -1 disagree,
0 pass. Participants appear by their public id only: nothing personal is exported."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from minga.forum.domain.analysis import analyze_question, public_id
from minga.forum.models import Participant, Question, Statement, Vote

CONVENTION = "agree=+1;disagree=-1;pass=0;format=polis-export/1"


def _ms(when: dt.datetime) -> int:
    return int(when.timestamp() * 1000)


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%a %b %d %Y %H:%M:%S GMT+0000 (Coordinated Universal Time)")


def export_polis(question: Question, folder: str | Path) -> list[Path]:
    """Write the five files into ``folder`` (created if missing) and return their paths. Computes the analysis
    when the stored one is out of date (side effect: the question's cached analysis)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    imported = bool(question.source)
    analysis = question.analysis
    if not analysis or question.analysed_version != question.votes_version:
        analysis, _ = analyze_question(question)
    statements = list(Statement.objects.filter(question=question).order_by("created_at", "pk"))
    sid = {s.pk: public_id(s.source_id, s.pk, imported) for s in statements}
    pid = {p: public_id(src, p, imported) for p, src in
           Participant.objects.filter(question=question).values_list("pk", "source_id")}  # fmt: skip
    votes = list(Vote.objects.filter(question=question).order_by("modified", "pk")
                 .values_list("participant_id", "statement_id", "value", "modified"))  # fmt: skip
    letters = {g["id"]: chr(ord("a") + i) for i, g in enumerate(analysis["groups"])}
    group = {p: g["id"] for g in analysis["groups"] for p in g["participants"]}
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for _p, s, v, _w in votes:
        counts[s][v] += 1
    authors = {s.author_id for s in statements if s.author_id}
    paths = []

    def write(name: str, rows: list[list[Any]]) -> None:
        path = out / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows(rows)
        paths.append(path)

    write("summary.csv", [["topic", question.title], ["url", ""], ["voters", len({v[0] for v in votes})],
                          ["voters-in-conv", analysis["detail"]["in_conv"]], ["commenters", len(authors)],
                          ["comments", len(statements)], ["groups", len(analysis["groups"])],
                          ["conversation-description", question.prompt], ["vote-convention", CONVENTION]])  # fmt: skip
    write("comments.csv", [["timestamp", "datetime", "comment-id", "author-id", "agrees", "disagrees", "moderated",
                            "comment-body"]] + [
        [_ms(s.created_at) // 1000, _stamp(s.created_at), sid[s.pk], pid.get(s.author_id, "") if s.author_id else "",
         counts[s.pk][1], counts[s.pk][-1], s.moderation, s.text] for s in statements])  # fmt: skip
    write("votes.csv", [["timestamp", "datetime", "comment-id", "voter-id", "vote"]] + [
        [_ms(w) // 1000, _stamp(w), sid[s], pid[p], v] for p, s, v, w in votes])  # fmt: skip
    by_participant: dict[int, dict[int, int]] = defaultdict(dict)
    for p, s, v, _w in votes:
        by_participant[p][s] = v
    written = Counter(s.author_id for s in statements if s.author_id)
    columns = [s.pk for s in statements]
    rows: list[list[Any]] = [["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree",
                              *[sid[c] for c in columns]]]  # fmt: skip
    for p in sorted(by_participant, key=lambda p: (str(type(pid[p])), pid[p])):
        mine = by_participant[p]
        values = list(mine.values())
        rows.append([pid[p], group.get(pid[p], ""), written[p], len(values), values.count(1), values.count(-1),
                     *[mine.get(c, "") for c in columns]])  # fmt: skip
    write("participant-votes.csv", rows)
    per_group: dict[tuple[Any, int], Counter[int]] = defaultdict(Counter)
    for p, s, v, _w in votes:
        if pid[p] in group:
            per_group[(group[pid[p]], s)][v] += 1
    header = ["comment-id", "comment", "total-votes", "total-agrees", "total-disagrees", "total-passes"]
    for g in analysis["groups"]:
        header += [f"group-{letters[g['id']]}-{k}" for k in ("votes", "agrees", "disagrees", "passes")]
    table: list[list[Any]] = [header]
    for statement in statements:
        c = counts[statement.pk]
        row = [sid[statement.pk], statement.text, sum(c.values()), c[1], c[-1], c[0]]
        for g in analysis["groups"]:
            gc = per_group[(g["id"], statement.pk)]
            row += [sum(gc.values()), gc[1], gc[-1], gc[0]]
        table.append(row)
    write("comment-groups.csv", table)
    return paths

"""A question out in Pol.is's CSV export layout, and the synthesis across sessions as Markdown and PDF: every
conclusion quotes a real statement with figures that a direct count confirms."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest

from minga.cli import main
from minga.core.permissions import SYSTEM
from minga.forum.domain.synthesis import synthesise
from minga.forum.interfaces.polis_import import import_polis
from minga.forum.interfaces.synthesis_export import to_markdown, to_pdf
from minga.forum.models import Forum, Question, Session

pytestmark = pytest.mark.django_db


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_export_writes_the_polis_layout_with_the_vote_convention(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "polis-conversations" / "6da26haxpe"
    votes = json.loads((folder / "votes.json").read_text())
    comments = json.loads((folder / "comments.json").read_text())
    qid = import_polis(folder, by=SYSTEM, via="test").question

    assert main(["forum", "export-polis", str(qid), "--output", str(tmp_path / "out")]) == 0

    out = tmp_path / "out"
    summary = dict(r for r in rows(out / "summary.csv"))
    assert (summary["topic"], summary["voters"], summary["comments"], summary["groups"], summary["vote-convention"]) == (
        "Covid + NYC Food Industry", str(len({v["participant_id"] for v in votes})), str(len(comments)), "3",
        "agree=+1;disagree=-1;pass=0;format=polis-export/1")  # fmt: skip
    table = rows(out / "votes.csv")
    assert table[0] == ["timestamp", "datetime", "comment-id", "voter-id", "vote"]
    assert Counter((r[3], r[2], r[4]) for r in table[1:]) == Counter(
        (str(v["participant_id"]), str(v["statement_id"]), str(v["vote"])) for v in votes)  # fmt: skip
    header, *people = rows(out / "participant-votes.csv")
    assert header[:6] == ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree"]
    assert len(people) == len({v["participant_id"] for v in votes})
    first = next(p for p in people if p[0] == "1")
    mine = {str(v["statement_id"]): str(v["vote"]) for v in votes if v["participant_id"] == 1}
    assert {h: c for h, c in zip(header[6:], first[6:], strict=True) if c} == mine
    assert rows(out / "comments.csv")[0] == ["timestamp", "datetime", "comment-id", "author-id", "agrees",
                                              "disagrees", "moderated", "comment-body"]  # fmt: skip
    agree = {r[0]: r[3] for r in rows(out / "comment-groups.csv")[1:]}
    assert agree == {str(c["statement_id"]): str(sum(1 for v in votes if v["statement_id"] == c["statement_id"]
                                                        and v["vote"] == 1)) for c in comments}  # fmt: skip


def test_the_synthesis_quotes_statements_with_their_real_figures(shared_data: Path, tmp_path: Path) -> None:
    folders = [shared_data / "polis-conversations" / c for c in ("6da26haxpe", "33shmh9arf")]
    first = Question.objects.get(pk=import_polis(folders[0], by=SYSTEM, via="test").question)
    forum = first.round.session.forum
    forum.title, forum.language = "Global Virtual Forum on SSE", "fr"
    forum.save()
    second = Question.objects.get(pk=import_polis(folders[1], by=SYSTEM, via="test").question)
    Session.objects.filter(pk=second.round.session_id).update(forum=forum)

    found = synthesise(forum)

    assert [s["title"] for s in found["sessions"]] == [
        "Covid + NYC Food Industry",
        "Supporting Small Businesses in Iligan City",
    ]
    votes = json.loads((folders[0] / "votes.json").read_text())
    comments = {c["txt"]: c["statement_id"] for c in json.loads((folders[0] / "comments.json").read_text())}
    for conclusion in found["sessions"][0]["questions"][0]["agreed"]:
        mine = [v["vote"] for v in votes if v["statement_id"] == comments[conclusion["text"]]]
        assert (conclusion["agree"], conclusion["disagree"], conclusion["seen"]) == (
            mine.count(1),
            mine.count(-1),
            len(mine),
        )
    text = to_markdown(found)
    assert text.startswith("# Synthèse : Global Virtual Forum on SSE\n")
    assert f"> “{found['sessions'][0]['questions'][0]['agreed'][0]['text']}” (en)" in text
    pdf = to_pdf(found)
    assert pdf[:5] == b"%PDF-" and len(pdf) > 5000
    assert main(["forum", "synthesis", str(forum.pk), "--format", "pdf", "-o", str(tmp_path / "s.pdf")]) == 0
    assert (tmp_path / "s.pdf").read_bytes()[:5] == b"%PDF-"
    assert Forum.objects.count() == 2

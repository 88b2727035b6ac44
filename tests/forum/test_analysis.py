"""A question's analysis through the database: the same result as the maths on the Pol.is files (so the import and
the reading of votes lose nothing), the CLI's exact JSON shape, topics, the debounced background run."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from minga.cli import main
from minga.core.permissions import SYSTEM
from minga.forum.domain import analysis
from minga.forum.domain.analysis import analyze_question, divisive, schedule, summary
from minga.forum.domain.voting import cast_vote, participant_for
from minga.forum.interfaces.polis_import import import_polis
from minga.forum.models import Question
from minga.maths.polis import analyze, load_polis_dir
from tests.factories import make_question, make_statement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cid", ["6da26haxpe", "33shmh9arf", "4hnmy3zeff"])
def test_the_database_path_gives_what_the_maths_gives_on_the_files(shared_data: Path, cid: str) -> None:
    folder = shared_data / "polis-conversations" / cid
    votes, out, meta, _comments = load_polis_dir(folder)
    direct = analyze(votes, moderated_out=out, meta=meta).to_json()
    question = Question.objects.get(pk=import_polis(folder, by=SYSTEM, via="test").question)

    stored, _ = analyze_question(question)

    assert {**summary(stored), "topics": []} == direct


def test_analyze_prints_exactly_the_documented_shape(
    shared_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shared_data / "polis-conversations" / "6da26haxpe"
    qid = import_polis(folder, by=SYSTEM, via="test").question
    pca = json.loads((folder / "math-pca2.json").read_text())
    voters = {v["participant_id"] for v in json.loads((folder / "votes.json").read_text())}

    assert main(["forum", "analyze", str(qid), "--json"]) == 0
    found = json.loads(capsys.readouterr().out)

    assert list(found) == [
        "participants",
        "statements",
        "groups",
        "consensus",
        "group_aware_consensus",
        "topics",
    ]
    assert (found["participants"], found["statements"], len(found["groups"])) == (
        len(voters),
        pca["n-cmts"],
        3,
    )
    assert all(set(g) == {"id", "participants", "representative"} for g in found["groups"])
    assert {r["direction"] for g in found["groups"] for r in g["representative"]} == {"agree", "disagree"}
    assert set(found["consensus"]) == {"agree", "disagree"}
    topical = [s for t in found["topics"] for s in t["statements"]]
    assert len(topical) == len(set(topical)) > 30 and all(t["label"] for t in found["topics"])
    assert not set(topical) & set(pca["mod-out"])


def test_divisive_ranks_by_the_widest_gap_between_groups() -> None:
    table = {"1": {"all": [5, 5, 0], "groups": {"0": [5, 0, 0], "1": [0, 5, 0]}},
             "2": {"all": [6, 4, 0], "groups": {"0": [4, 1, 0], "1": [2, 3, 0]}},
             "3": {"all": [2, 0, 0], "groups": {"0": [1, 0, 0], "1": [1, 0, 0]}},
             "4": {"all": [9, 0, 0], "groups": {"0": [5, 0, 0], "1": [0, 4, 0]}}}  # fmt: skip

    assert divisive(table, excluded=frozenset({4}), min_seen=2) == [
        {"statement": "1", "gap": 1.0}, {"statement": "2", "gap": 0.4}]  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_votes_are_counted_by_a_few_debounced_background_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MINGA_FORUM_DEBOUNCE", "0.5")
    question = make_question()
    statements = [make_statement(question, f"Statement {i}") for i in range(8)]
    people = [participant_for(question, token=f"{i:020d}") for i in range(10)]
    runs = []
    real = analysis.analyze_question
    monkeypatch.setattr(analysis, "analyze_question", lambda q, **kw: runs.append(q.pk) or real(q, **kw))

    for i, person in enumerate(people):
        for j, s in enumerate(statements):
            cast_vote(question, s.pk, 1 if (i + j) % 2 else -1, participant=person)
        assert schedule(question.pk) is False  # one run is already due
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        stored = Question.objects.get(pk=question.pk)
        if stored.analysed_version == stored.votes_version:
            break
        time.sleep(0.1)

    while analysis._pending and time.monotonic() < deadline:  # let a last due run finish before the flush
        time.sleep(0.1)
    assert 1 <= len(runs) <= 10 and set(runs) == {question.pk}  # 80 votes, a handful of runs
    assert (stored.analysed_version, stored.analysis["participants"]) == (stored.votes_version, 10)


def test_topics_are_kept_while_no_statement_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    question = make_question()
    statements = [make_statement(question, text) for text in (
        "Rent is too high for families", "Housing rent rises faster than wages", "Cooperatives lower the rent",
        "Local currency helps farmers", "Farmers markets take local currency", "A local currency for small farms")]  # fmt: skip
    for i in range(4):
        person = participant_for(question, token=f"{i:020d}")
        for s in statements:
            cast_vote(question, s.pk, 1, participant=person)
    computed = []
    real = analysis.topic_maths.topics
    monkeypatch.setattr(analysis.topic_maths, "topics", lambda *a, **kw: computed.append(1) or real(*a, **kw))

    first, _ = analyze_question(question)
    cast_vote(question, statements[0].pk, -1, participant=participant_for(question, token="9" * 20))
    second, _ = analyze_question(Question.objects.get(pk=question.pk))
    make_statement(question, "Schools should teach cooperation")
    third, _ = analyze_question(Question.objects.get(pk=question.pk))

    assert len(computed) == 2  # the vote changed no statement: topics reused
    assert second["topics"] == first["topics"] and second["topics_of"] == first["topics_of"]
    assert third["topics_of"] != first["topics_of"]

"""``minga forum import-polis``: the three real Pol.is conversations import whole (statements, participants and
votes equal to the files'), a re-import changes nothing, and every malformed file is refused naming the file and the
record, with nothing written."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from minga.cli import main
from minga.core.errors import MingaError, PermissionDenied
from minga.core.permissions import SYSTEM
from minga.forum.interfaces.polis_import import import_polis
from minga.forum.models import Forum, Participant, Question, Statement, Vote
from tests.factories import make_user

pytestmark = pytest.mark.django_db
CONVERSATIONS = ["6da26haxpe", "33shmh9arf", "4hnmy3zeff"]


@pytest.mark.parametrize("cid", CONVERSATIONS)
def test_a_real_conversation_imports_whole_and_twice_changes_nothing(shared_data: Path, cid: str) -> None:
    folder = shared_data / "polis-conversations" / cid
    comments = json.loads((folder / "comments.json").read_text())
    votes = json.loads((folder / "votes.json").read_text())

    first = import_polis(folder, by=SYSTEM, via="test")
    again = import_polis(folder, by=SYSTEM, via="test")

    question = Question.objects.get(pk=first.question)
    assert (again.question, again.created, first.created) == (first.question, False, True)
    assert Statement.objects.filter(question=question).count() == len(comments)
    assert Vote.objects.filter(question=question).count() == len(votes)
    assert Participant.objects.filter(question=question).count() == len(
        {v["participant_id"] for v in votes} | {c["participant_id"] for c in comments}
    )
    counted = dict(Statement.objects.filter(question=question).values_list("source_id", "vote_count"))
    assert counted == {str(c["statement_id"]): sum(1 for v in votes if v["statement_id"] == c["statement_id"])
                       for c in comments}  # fmt: skip
    stored = Counter(Vote.objects.filter(question=question).values_list("value", flat=True))
    assert stored == Counter(v["vote"] for v in votes)
    rejected = set(
        Statement.objects.filter(question=question, moderation=-1).values_list("source_id", flat=True)
    )
    assert rejected == {str(c["statement_id"]) for c in comments if c["moderated"] == -1}
    assert (question.source, question.source_id, question.title) == (
        "polis", cid, json.loads((folder / "conversation.json").read_text())["topic"])  # fmt: skip


def test_the_cli_prints_the_new_question_id_and_takes_a_title(shared_data: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    folder = shared_data / "polis-conversations" / "6da26haxpe"
    assert main(["forum", "import-polis", str(folder), "--question-title", "Food workers"]) == 0
    printed = capsys.readouterr().out.strip()
    assert Question.objects.get(pk=int(printed)).title == "Food workers"


def _copy(shared_data: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "conversation"
    folder.mkdir()
    for name in ("conversation.json", "comments.json", "votes.json"):
        shutil.copy(shared_data / "polis-conversations" / "6da26haxpe" / name, folder / name)
    return folder


def _edit(folder: Path, name: str, change: object) -> None:
    records = json.loads((folder / name).read_text())
    change(records)  # type: ignore[operator]
    (folder / name).write_text(json.dumps(records))


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("comments.json", lambda r: r[3].pop("txt"), "comments.json record 3: missing field 'txt'"),
        ("votes.json", lambda r: r[10].pop("vote"), "votes.json record 10: missing field 'vote'"),
        (
            "votes.json",
            lambda r: r[5].update(statement_id=9999),
            "votes.json record 5: statement_id 9999 is not in comments.json",
        ),
        (
            "votes.json",
            lambda r: r.append(dict(r[0])),
            "votes.json record 2425: duplicate vote by participant 1 on statement 0 at modified=1618971681979.0 "
            "(same as record 0)",
        ),
        ("votes.json", lambda r: r[7].update(vote=2), "votes.json record 7: vote must be 1, -1 or 0, not 2"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_record_and_nothing_is_written(
    shared_data: Path, tmp_path: Path, name: str, change: object, message: str
) -> None:
    folder = _copy(shared_data, tmp_path)
    _edit(folder, name, change)

    with pytest.raises(MingaError) as caught:
        import_polis(folder, by=SYSTEM, via="test")

    assert caught.value.message == f"{folder}: {message}"
    assert (
        Forum.objects.count(),
        Question.objects.count(),
        Statement.objects.count(),
        Vote.objects.count(),
    ) == (0, 0, 0, 0)


def test_a_file_that_is_not_utf8_is_refused(shared_data: Path, tmp_path: Path) -> None:
    folder = _copy(shared_data, tmp_path)
    raw = (folder / "comments.json").read_text().replace("pandemic", "pand\u00e9mic")
    (folder / "comments.json").write_bytes(raw.encode("latin-1", "replace"))

    with pytest.raises(MingaError) as caught:
        import_polis(folder, by=SYSTEM, via="test")

    assert caught.value.message.startswith(f"{folder}: comments.json: not valid UTF-8 (byte ")
    assert Question.objects.count() == 0


def test_only_administrators_import(shared_data: Path) -> None:
    with pytest.raises(PermissionDenied):
        import_polis(shared_data / "polis-conversations" / "6da26haxpe", by=make_user(), via="test")
    assert Question.objects.count() == 0

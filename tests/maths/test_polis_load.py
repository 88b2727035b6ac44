"""`load_polis_dir`: reading a Pol.is export, and refusing malformed ones with a message naming file and record."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from minga.maths.polis import load_polis_dir


def comment(sid: int, moderated: int = 1, is_meta: bool = False) -> dict[str, Any]:
    return {"statement_id": sid, "txt": f"statement {sid}", "moderated": moderated, "is_meta": is_meta}


def vote(pid: int, sid: int, value: int, when: Any) -> dict[str, Any]:
    return {"participant_id": pid, "statement_id": sid, "vote": value, "modified": when}


def write(folder: Path, comments: Any, votes: Any, conversation: Any = None) -> Path:
    (folder / "comments.json").write_text(json.dumps(comments), encoding="utf-8")
    (folder / "votes.json").write_text(json.dumps(votes), encoding="utf-8")
    if conversation is not None:
        (folder / "conversation.json").write_text(json.dumps(conversation), encoding="utf-8")
    return folder


GOOD_COMMENTS = [comment(1), comment(0), comment(2, moderated=-1), comment(3, is_meta=True)]


def test_reads_latest_votes_in_first_vote_order(tmp_path: Path) -> None:
    votes = [
        vote(7, 0, 1, 3000.0),
        vote(5, 1, -1, 1000.0),
        vote(5, 0, 0, 2000.0),
        vote(5, 0, 1, 4000.0),  # changes the pass at 2000 into an agree
        vote(7, 2, -1, 500.0),
    ]
    v, moderated_out, meta, comments = load_polis_dir(write(tmp_path, GOOD_COMMENTS, votes, {"topic": "t"}))
    assert (v.participants, v.statements) == ([7, 5], [0, 1, 2, 3])
    cells = sorted(zip(v.rows.tolist(), v.cols.tolist(), v.values.tolist(), strict=True))
    assert cells == [(0, 0, 1), (0, 2, -1), (1, 0, 1), (1, 1, -1)]
    assert (moderated_out, meta) == (frozenset({2}), frozenset({3}))
    assert comments == GOOD_COMMENTS


def test_votes_come_in_chronological_order(tmp_path: Path) -> None:
    votes = [vote(1, 0, 1, 30.0), vote(2, 1, 1, 10.0), vote(1, 1, -1, 20.0)]
    v, *_ = load_polis_dir(write(tmp_path, GOOD_COMMENTS, votes))
    assert [(v.participants[r], v.statements[c]) for r, c in zip(v.rows, v.cols, strict=True)] == [
        (2, 1),
        (1, 1),
        (1, 0),
    ]


@pytest.mark.parametrize(
    ("comments", "votes", "message"),
    [
        (
            GOOD_COMMENTS,
            [vote(1, 0, 1, 1.0), {"participant_id": 1, "statement_id": 1, "modified": 2.0}],
            "votes.json record 1: missing field 'vote'",
        ),
        (GOOD_COMMENTS, [vote(1, 9, 1, 1.0)], "votes.json record 0: statement_id 9 is not in comments.json"),
        (
            GOOD_COMMENTS,
            [vote(1, 0, 1, 1000.0), vote(2, 0, 1, 1000.0), vote(1, 0, -1, 1000.0)],
            "votes.json record 2: duplicate vote by participant 1 on statement 0 at modified=1000.0 (same as record 0)",
        ),
        (GOOD_COMMENTS, [vote(1, 0, 2, 1.0)], "votes.json record 0: vote must be 1, -1 or 0, not 2"),
        (
            GOOD_COMMENTS,
            [vote(1, 0, 1, "yesterday")],
            "votes.json record 0: modified must be a number (ms since epoch), not 'yesterday'",
        ),
        (
            GOOD_COMMENTS,
            [vote(1, 0, 1, 1.0), ["not", "an", "object"]],
            "votes.json record 1: expected an object",
        ),
        (GOOD_COMMENTS, {"votes": []}, "votes.json: expected a JSON list of records"),
        (
            [comment(0), {"statement_id": 1, "txt": "x", "is_meta": False}],
            [],
            "comments.json record 1: missing field 'moderated'",
        ),
        ([comment(0), comment(0)], [], "comments.json record 1: duplicate statement_id 0"),
        ([comment(0, moderated=5)], [], "comments.json record 0: moderated must be 1, 0 or -1, not 5"),
        (
            [{**comment(0), "statement_id": 1.5}],
            [],
            "comments.json record 0: field 'statement_id' must be an integer or a string, not 1.5",
        ),
    ],
)
def test_refuses_malformed_records(tmp_path: Path, comments: Any, votes: Any, message: str) -> None:
    with pytest.raises(ValueError) as err:
        load_polis_dir(write(tmp_path, comments, votes))
    assert str(err.value) == message


def test_refuses_non_utf8(tmp_path: Path) -> None:
    write(tmp_path, GOOD_COMMENTS, [])
    (tmp_path / "comments.json").write_bytes(b'[{"statement_id": 0, "txt": "caf\xe9"}]')
    with pytest.raises(ValueError) as err:
        load_polis_dir(tmp_path)
    assert str(err.value) == "comments.json: not valid UTF-8 (byte 32)"


def test_refuses_invalid_json(tmp_path: Path) -> None:
    write(tmp_path, GOOD_COMMENTS, [])
    (tmp_path / "votes.json").write_text('[{"participant_id": 1,]', encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_polis_dir(tmp_path)
    assert (
        str(err.value)
        == "votes.json: not valid JSON (Expecting property name enclosed in double quotes at line 1 column 23)"
    )


def test_refuses_missing_file_and_bad_conversation(tmp_path: Path) -> None:
    (tmp_path / "comments.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_polis_dir(tmp_path)
    assert str(err.value) == f"votes.json: file not found in {tmp_path}"
    write(tmp_path, GOOD_COMMENTS, [], conversation=[1, 2])
    with pytest.raises(ValueError) as err:
        load_polis_dir(tmp_path)
    assert str(err.value) == "conversation.json: expected a JSON object"

"""Read a Pol.is export folder (`comments.json`, `votes.json`, optional `conversation.json`) into `Votes`.

The export's vote sign is +1 = agree, -1 = disagree, 0 = pass: its +1 counts match `agree_count` in
`comments.json` (Pol.is's internal matrix uses the opposite sign, -1 = agree). That is Minga's convention, so
votes are taken as they are. Only each participant's latest vote on a statement is kept.

Anything malformed is refused with a `ValueError` naming the file and the record (its index in the file's
JSON list): a missing field, a vote on a statement not in `comments.json`, two votes by the same participant
on the same statement at the same time, a file that is not UTF-8 or not JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .matrix import Id, Votes

COMMENT_FIELDS = ("statement_id", "txt", "moderated", "is_meta")
VOTE_FIELDS = ("participant_id", "statement_id", "vote", "modified")


def _read_json(path: Path) -> Any:
    name = path.name
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ValueError(f"{name}: file not found in {path.parent}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name}: not valid UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(
            f"{name}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None


def _records(data: Any, name: str, fields: tuple[str, ...]) -> list[dict[str, Any]]:
    if not isinstance(data, list):
        raise ValueError(f"{name}: expected a JSON list of records")
    for i, rec in enumerate(data):
        if not isinstance(rec, dict):
            raise ValueError(f"{name} record {i}: expected an object")
        for f in fields:
            if f not in rec or rec[f] is None:
                raise ValueError(f"{name} record {i}: missing field '{f}'")
    return data


def _id(value: Any, name: str, i: int, field_name: str) -> Id:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(
            f"{name} record {i}: field '{field_name}' must be an integer or a string, not {value!r}"
        )
    return value


def load_polis_dir(path: str | Path) -> tuple[Votes, frozenset[Id], frozenset[Id], list[dict[str, Any]]]:
    """Votes, moderated-out statement ids, meta statement ids and the comment records of a Pol.is export.

    Participants are ordered by their first vote (Pol.is's row order), statements by id, and the votes
    chronologically (so a prefix of them is the conversation as it stood at some earlier time).
    """
    folder = Path(path)
    if (folder / "conversation.json").exists():
        conversation = _read_json(folder / "conversation.json")
        if not isinstance(conversation, dict):
            raise ValueError("conversation.json: expected a JSON object")
    comments = _records(_read_json(folder / "comments.json"), "comments.json", COMMENT_FIELDS)
    raw_votes = _records(_read_json(folder / "votes.json"), "votes.json", VOTE_FIELDS)

    statement_ids: list[Id] = []
    seen_ids: set[Id] = set()
    moderated_out: set[Id] = set()
    meta: set[Id] = set()
    for i, c in enumerate(comments):
        sid = _id(c["statement_id"], "comments.json", i, "statement_id")
        if sid in seen_ids:
            raise ValueError(f"comments.json record {i}: duplicate statement_id {sid!r}")
        if c["moderated"] not in (-1, 0, 1) or isinstance(c["moderated"], bool):
            raise ValueError(
                f"comments.json record {i}: moderated must be 1, 0 or -1, not {c['moderated']!r}"
            )
        if not isinstance(c["is_meta"], bool):
            raise ValueError(f"comments.json record {i}: is_meta must be true or false, not {c['is_meta']!r}")
        statement_ids.append(sid)
        seen_ids.add(sid)
        if c["moderated"] == -1:
            moderated_out.add(sid)
        if c["is_meta"]:
            meta.add(sid)
    if all(isinstance(s, int) for s in statement_ids):
        statement_ids.sort(key=lambda s: int(s))
    known = set(statement_ids)

    latest: dict[tuple[Id, Id], tuple[float, int, int]] = {}
    stamps: dict[tuple[Id, Id, float], int] = {}
    first_seen: dict[Id, tuple[float, int]] = {}
    for i, v in enumerate(raw_votes):
        pid = _id(v["participant_id"], "votes.json", i, "participant_id")
        sid = _id(v["statement_id"], "votes.json", i, "statement_id")
        value, when = v["vote"], v["modified"]
        if isinstance(value, bool) or value not in (-1, 0, 1):
            raise ValueError(f"votes.json record {i}: vote must be 1, -1 or 0, not {value!r}")
        if isinstance(when, bool) or not isinstance(when, int | float):
            raise ValueError(
                f"votes.json record {i}: modified must be a number (ms since epoch), not {when!r}"
            )
        if sid not in known:
            raise ValueError(f"votes.json record {i}: statement_id {sid!r} is not in comments.json")
        key = (pid, sid)
        twin = stamps.setdefault((pid, sid, float(when)), i)
        if twin != i:
            raise ValueError(
                f"votes.json record {i}: duplicate vote by participant {pid!r} on statement {sid!r} "
                f"at modified={when!r} (same as record {twin})"
            )
        seen = latest.get(key)
        if seen is None or when > seen[0]:
            latest[key] = (float(when), i, int(value))
        first = first_seen.get(pid)
        if first is None:
            first_seen[pid] = (float(when), i)
        elif when < first[0]:
            first_seen[pid] = (float(when), first[1])

    participants = sorted(first_seen, key=lambda p: first_seen[p])
    row = {p: r for r, p in enumerate(participants)}
    col = {s: j for j, s in enumerate(statement_ids)}
    keys = sorted(latest, key=lambda k: latest[k][:2])  # chronological, then file order
    votes = Votes(
        participants=participants,
        statements=statement_ids,
        rows=np.array([row[p] for p, _ in keys], dtype=np.int64),
        cols=np.array([col[s] for _, s in keys], dtype=np.int64),
        values=np.array([latest[k][2] for k in keys], dtype=np.int8),
    )
    return votes, frozenset(moderated_out), frozenset(meta), comments

"""Reading references to records, as import files write them: ``actor:12`` / ``initiative:12`` (Minga ids), a bare
``12`` (the Minga id of the kind the relation expects), or ``SOURCE:SOURCE_ID`` as in the imported data
(``coops-uk:R006884``; source names may hold colons themselves, as ``csv:members.csv`` does: the longest known
source wins). Resolved in bulk: one query per source and kind."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from minga.ecosystem.domain.rules import ACTOR, EITHER, INITIATIVE
from minga.registry.models import Actor, Initiative

BATCH = 900  # ids per IN (...) query (SQLite's variable limit)


@dataclass(frozen=True)
class Ref:
    """A resolved end: ``kind`` ("actor" | "initiative"), Minga ``id``, and how it was matched."""

    kind: str
    id: int
    how: str


class References:
    """Resolves the references of one file. Call :meth:`want` for every (reference, expected kind), then
    :meth:`resolve`, then :meth:`get`."""

    def __init__(self) -> None:
        self._wanted: set[tuple[str, str]] = set()
        self._found: dict[tuple[str, str], list[Ref]] = {}

    def want(self, text: str, expected: str) -> None:
        self._wanted.add((text.strip(), expected))

    def resolve(self) -> None:
        sources = {
            ACTOR: set(Actor.objects.values_list("source", flat=True).distinct()),
            INITIATIVE: set(Initiative.objects.values_list("source", flat=True).distinct()),
        }
        by_id: dict[str, set[int]] = defaultdict(set)
        by_source: dict[tuple[str, str], set[str]] = defaultdict(set)
        for text, expected in self._wanted:
            for kind, how, key in _readings(text, expected, sources):
                (by_id[kind].add(int(key)) if how == "id" else by_source[(kind, how)].add(key))
        ids_found = {kind: _existing_ids(kind, ids) for kind, ids in by_id.items()}
        keys_found = {
            (kind, source): _by_source_id(kind, source, keys) for (kind, source), keys in by_source.items()
        }
        for text, expected in self._wanted:
            refs = []
            for kind, how, key in _readings(text, expected, sources):
                if how == "id" and int(key) in ids_found.get(kind, set()):
                    refs.append(Ref(kind, int(key), "minga id"))
                elif how != "id" and key in keys_found.get((kind, how), {}):
                    refs.append(Ref(kind, keys_found[(kind, how)][key], f"source id ({how})"))
            self._found[(text, expected)] = refs

    def get(self, text: str, expected: str) -> Ref:
        """The record ``text`` names, or ValueError saying why none (or more than one) does."""
        text = text.strip()
        if not text:
            raise ValueError("is empty")
        refs = self._found.get((text, expected), [])
        if not refs:
            what = "actor or initiative" if expected == EITHER else expected
            raise ValueError(
                f"{text!r} matches no {what} (write SOURCE:SOURCE_ID as in the imported data, e.g. "
                "coops-uk:R006884, or the Minga id; import the record first if it is missing)"
            )
        if len(refs) > 1:
            raise ValueError(
                f"{text!r} matches both an actor (id {refs[0].id}) and an initiative (id {refs[1].id}); "
                "write actor:ID or initiative:ID"
            )
        return refs[0]


def _readings(text: str, expected: str, sources: dict[str, set[str]]) -> list[tuple[str, str, str]]:
    """Every (kind, "id" | source, key) ``text`` may mean, actors before initiatives."""
    kinds = [ACTOR, INITIATIVE] if expected == EITHER else [expected]
    prefix, _, rest = text.partition(":")
    if prefix in (ACTOR, INITIATIVE) and rest.isdigit():
        return [(prefix, "id", rest)] if prefix in kinds else []
    if text.isdigit():
        return [(kinds[0], "id", text)]
    out = []
    for kind in kinds:
        known = [s for s in sources[kind] if text.startswith(s + ":") and len(text) > len(s) + 1]
        if known:
            source = max(known, key=len)
            out.append((kind, source, text[len(source) + 1 :]))
    return out


def _existing_ids(kind: str, ids: set[int]) -> set[int]:
    model = Actor if kind == ACTOR else Initiative
    found: set[int] = set()
    wanted = sorted(ids)
    for start in range(0, len(wanted), BATCH):
        found |= set(model.objects.filter(pk__in=wanted[start : start + BATCH]).values_list("pk", flat=True))
    return found


def _by_source_id(kind: str, source: str, keys: set[str]) -> dict[str, int]:
    model = Actor if kind == ACTOR else Initiative
    found: dict[str, int] = {}
    wanted = sorted(keys)
    for start in range(0, len(wanted), BATCH):
        rows = model.objects.filter(source=source, source_id__in=wanted[start : start + BATCH])
        found.update(rows.values_list("source_id", "pk"))
    return found

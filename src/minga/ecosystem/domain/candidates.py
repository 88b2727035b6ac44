"""What matchmaking knows of the initiatives and actors that may apply to a scheme, as numpy arrays: one row per
candidate, sets of codes as bit masks (kinds, legal forms, activities, SDG goals and targets), money as integer
cents with its currency (never float), shares in basis points. Built in a few grouped queries; read by
``matchmaking`` for thousands of schemes without touching the database again."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import numpy as np

from minga.ecosystem.models import Relation, RelationType
from minga.registry.models import (
    Actor,
    ActorKind,
    Initiative,
    InitiativeActor,
    InitiativeSdgTarget,
    SdgOrigin,
    Stage,
)
from minga.vocab.models import Concept, Scheme, SdgTarget

NOT_STATED = -1
#: the SDG links that count: confirmed or entered by hand (suggestions are not the initiative's own claim)
COUNTED = (SdgOrigin.CONFIRMED, SdgOrigin.MANUAL)


class Codes:
    """A fixed list of codes and their bit positions; ``mask`` turns sets of codes into rows of uint64 words."""

    def __init__(self, codes: Iterable[str]) -> None:
        self.codes = sorted(set(codes))
        self.index = {c: i for i, c in enumerate(self.codes)}
        self.words = max(1, (len(self.codes) + 63) // 64)

    def mask(self, sets: Sequence[Iterable[str]]) -> np.ndarray:
        out = np.zeros((len(sets), self.words), dtype=np.uint64)
        for row, values in enumerate(sets):
            for code in values:
                i = self.index.get(code)
                if i is not None:
                    out[row, i // 64] |= np.uint64(1) << np.uint64(i % 64)
        return out

    def decode(self, row: np.ndarray) -> list[str]:
        return [c for c, i in self.index.items() if int(row[i // 64]) >> (i % 64) & 1]


@lru_cache(maxsize=1)
def vocabularies() -> dict[str, Codes]:
    return {
        "kind": Codes(ActorKind.values),
        "legal_form": Codes(Concept.objects.filter(scheme=Scheme.LEGAL_FORM).values_list("code", flat=True)),
        "activity": Codes(
            Concept.objects.filter(scheme=Scheme.ACTIVITIES_ICA).values_list("code", flat=True)
        ),
        "goal": Codes(str(n) for n in range(1, 18)),
        "target": Codes(SdgTarget.objects.values_list("code", flat=True)),
        "stage": Codes(Stage.values),
    }


def cents(value: Decimal | None) -> int:
    return NOT_STATED if value is None else int((value * 100).to_integral_value())


@dataclass
class Candidates:
    record_type: str  # "initiative" | "actor"
    ids: np.ndarray
    names: list[str]
    paths: np.ndarray  # territory paths (str)
    masks: dict[str, np.ndarray]  # criterion → (n, words) uint64
    sought: np.ndarray  # cents, NOT_STATED when not stated
    currency: np.ndarray  # str
    cofinancing: np.ndarray  # basis points (1/10,000), NOT_STATED when not stated

    def __len__(self) -> int:
        return len(self.ids)

    def subset(self, rows: np.ndarray) -> Candidates:
        return Candidates(self.record_type, self.ids[rows], [self.names[i] for i in rows], self.paths[rows],
                          {k: v[rows] for k, v in self.masks.items()}, self.sought[rows], self.currency[rows],
                          self.cofinancing[rows])  # fmt: skip


def initiatives(ids: Sequence[int] | None = None) -> Candidates:
    """Every initiative (or those of ``ids``): kinds, legal forms and activities are those of its actors (roles and
    ``implements``); SDG goals and targets its confirmed or manual links."""
    rows = Initiative.objects.order_by("id")
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    data = list(rows.values_list("id", "title", "territory_path", "stage", "funding_sought", "funding_currency",
                                 "cofinancing_share"))  # fmt: skip
    wanted = [r[0] for r in data]
    actors: dict[int, set[int]] = defaultdict(set)
    role_rows = (
        InitiativeActor.objects.all()
        if ids is None
        else InitiativeActor.objects.filter(initiative_id__in=wanted)
    )
    for initiative, actor in role_rows.values_list("initiative_id", "actor_id"):
        actors[initiative].add(actor)
    implements = Relation.objects.filter(type=RelationType.IMPLEMENTS, to_initiative__isnull=False)
    if ids is not None:
        implements = implements.filter(to_initiative_id__in=wanted)
    for actor, initiative in implements.values_list("from_actor_id", "to_initiative_id"):
        actors[initiative].add(actor)
    facts = _actor_facts({a for s in actors.values() for a in s})
    links = InitiativeSdgTarget.objects.filter(origin__in=COUNTED)
    if ids is not None:
        links = links.filter(initiative_id__in=wanted)
    targets: dict[int, set[str]] = defaultdict(set)
    for initiative, code in links.values_list("initiative_id", "target__code"):
        targets[initiative].add(code)
    v = vocabularies()
    sets = {name: [set().union(*(facts[a][name] for a in actors[r[0]] if a in facts)) for r in data]
            for name in ("kind", "legal_form", "activity")}  # fmt: skip
    return Candidates(
        "initiative", np.array(wanted, dtype=np.int64), [r[1] for r in data],
        np.array([r[2] for r in data], dtype=object),
        {"kind": v["kind"].mask(sets["kind"]), "legal_form": v["legal_form"].mask(sets["legal_form"]),
         "activity": v["activity"].mask(sets["activity"]), "target": v["target"].mask([targets[r[0]] for r in data]),
         "goal": v["goal"].mask([{t.split(".")[0] for t in targets[r[0]]} for r in data]),
         "stage": v["stage"].mask([[r[3]] if r[3] else [] for r in data])},
        np.array([cents(r[4]) for r in data], dtype=np.int64), np.array([r[5] or "" for r in data], dtype=object),
        np.array([NOT_STATED if r[6] is None else int(r[6] * 10_000) for r in data], dtype=np.int64),
    )  # fmt: skip


def actors(ids: Sequence[int] | None = None) -> Candidates:
    """Actors (or those of ``ids``) as candidates: their own kind, legal form, activities and SDG goals; they
    state no stage, amount or co-financing."""
    rows = Actor.objects.order_by("id").values_list("id", "name", "territory_path")
    rows = rows.filter(pk__in=ids) if ids is not None else rows
    data = list(rows)
    facts = _actor_facts({r[0] for r in data}, goals=True)
    v = vocabularies()
    n = len(data)
    return Candidates(
        "actor", np.array([r[0] for r in data], dtype=np.int64), [r[1] for r in data],
        np.array([r[2] for r in data], dtype=object),
        {name: v[name].mask([facts[r[0]][name] for r in data]) for name in ("kind", "legal_form", "activity", "goal")}
        | {"target": v["target"].mask([set()] * n), "stage": v["stage"].mask([set()] * n)},
        np.full(n, NOT_STATED, dtype=np.int64), np.array([""] * n, dtype=object), np.full(n, NOT_STATED, dtype=np.int64),
    )  # fmt: skip


def _actor_facts(ids: set[int], *, goals: bool = False) -> dict[int, dict[str, set[str]]]:
    facts: dict[int, dict[str, set[str]]] = {}
    wanted = sorted(ids)
    for start in range(0, len(wanted), 900):
        chunk = wanted[start : start + 900]
        rows = Actor.objects.filter(pk__in=chunk).values_list(
            "id", "kind", "legal_form", "primary_activity", "activities"
        )
        for actor_id, kind, legal, primary, more in rows:
            facts[actor_id] = {"kind": {kind}, "legal_form": {legal} - {""},
                               "activity": ({primary} | set(more or [])) - {""}, "goal": set()}  # fmt: skip
        if goals:
            through = Actor.sdg_goals.through.objects.filter(actor_id__in=chunk)
            for actor_id, number in through.values_list("actor_id", "sdggoal__number"):
                facts[actor_id]["goal"].add(str(number))
    return facts

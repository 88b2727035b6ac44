"""Development and test sets in the benchmark format (one row asks whether a text addresses one SDG), built
deterministically from labelled documents. Pure functions; writing a CSV is the only side effect
(:func:`write_rows`).

Documents are split by a hash of their id, never by row, so no text is in two splits: labelled SUSY descriptions
and Minga's hand-written paragraphs go 50% train / 20% dev / 30% test; IATI activities (publishers' tags) and the
labelled sentences are never trained on (40% dev / 60% test, and 50/50).

Rows: every goal a document addresses is a positive row, and as many goals it does not address (at least one)
are negative rows, *near-topic* first: the goals a hand-written negative was written to be close to, then the
goals public keyword lists flag in it (``flags``), then the neighbours of its goals (``NEIGHBOURS``), then any
goal. For documents whose labels may miss goals (publishers' tags, single-label sentences) only the neighbours
are asked about.
"""

from __future__ import annotations

import csv
import hashlib
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from minga.knowledge.sdg import lexicon, sources
from minga.knowledge.sdg.sources import GOALS, Doc
from minga.knowledge.sdg.text import terms

NEIGHBOURS: dict[int, tuple[int, ...]] = {
    1: (2, 8, 10),
    2: (1, 3, 12, 15),
    3: (2, 5, 6),
    4: (5, 8, 10),
    5: (4, 8, 10),
    6: (3, 11, 14, 15),
    7: (9, 12, 13),
    8: (1, 9, 10, 12),
    9: (7, 8, 11),
    10: (1, 5, 8, 16),
    11: (6, 9, 12, 13),
    12: (2, 8, 13),
    13: (7, 11, 14, 15),
    14: (6, 13, 15),
    15: (2, 6, 13, 14),
    16: (5, 10, 17),
    17: (8, 9, 16),
}
SPLITS = {  # source → (share in train, share in dev); the rest is test
    "susy": (0.5, 0.2),
    "handwritten": (0.5, 0.2),
    "iati": (0.4, 0.2),  # the same documents as "iati-hand": trained on under their hand labels
    "iati-hand": (0.4, 0.2),
    "grants": (0.4, 0.2),
    "sentences": (0.0, 0.5),
}


@dataclass(frozen=True)
class Row:
    """One benchmark question: does ``text`` address SDG ``sdg``?"""

    id: str
    text: str
    sdg: int
    label: bool
    source: str = ""


def split_of(doc: Doc) -> str:
    """ "train", "dev" or "test", from a hash of the document's id (stable across runs and machines)."""
    train, dev = SPLITS.get(doc.source, (0.5, 0.2))
    # The grants were sampled by the unsalted hash of their id (the lowest), so they are split by another one.
    key = f"split:{doc.id}" if doc.source == "grants" else doc.id
    x = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0x1_0000_0000
    return "train" if x < train else "dev" if x < train + dev else "test"


def select(docs: Iterable[Doc], split: str) -> list[Doc]:
    """The documents of one split."""
    return [d for d in docs if split_of(d) == split]


def rows_for(docs: Iterable[Doc], *, flags: Callable[[str], set[int]] | None = None) -> list[Row]:
    """Benchmark rows for documents: their goals as positives and as many near-topic goals as negatives (at
    least one), chosen in this order: goals a hand-written negative was written to be close to, goals the keyword
    lists flag, neighbours of its goals, any other goal (ties broken by a shuffle seeded with the document id)."""
    out = []
    for doc in docs:
        rng = random.Random(hashlib.sha256(doc.id.encode()).hexdigest())
        tiers: list[list[int]] = [[], [], [], []]
        if doc.complete:
            tiers[0] = [int(g) for g in doc.extra.get("near", "").split()]
            tiers[1] = sorted(flags(doc.text)) if flags is not None else []
        tiers[2] = sorted({n for goal in doc.sdgs for n in NEIGHBOURS[goal]})
        if doc.complete:
            tiers[3] = list(GOALS)
        negatives: list[int] = []
        for tier in tiers:
            rng.shuffle(tier)
            negatives.extend(g for g in tier if g not in doc.sdgs and g not in negatives)
        negatives = negatives[: max(1, len(doc.sdgs))]
        for goal in sorted([*doc.sdgs, *negatives]):
            out.append(Row(f"{doc.id}#{goal}", doc.text, goal, goal in doc.sdgs, doc.source))
    return out


def keyword_flags(data: Path) -> Callable[[str], set[int]]:
    """The keyword-list baseline: the goals for which the SDSN or Elsevier lists have a term in the text (reads
    the lists once)."""
    table = lexicon.build(r for r in sources.keyword_lists(data) if r[0] in ("sdsn", "elsevier"))

    def flags(text: str) -> set[int]:
        return {hit.entry.goal for hit in lexicon.find(table, terms(text))}

    return flags


def write_rows(rows: Iterable[Row], path: Path) -> int:
    """Write rows as an evaluation CSV (``id,text,sdg,label``); returns how many. Side effect: writes ``path``."""
    n = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["id", "text", "sdg", "label"])
        for row in rows:
            writer.writerow([row.id, row.text, row.sdg, "True" if row.label else "False"])
            n += 1
    return n

"""What a statement is about, linked to the rest of Minga: the SDGs it addresses (the knowledge issue's classifier,
lexical mode, with its evidence words) and the registry actors and initiatives it names (a run of words equal to a
record's distinctive name, case and accents aside). Written when a statement is created or imported."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from minga.registry.models import Actor, Initiative

WORD = re.compile(r"\w+")
MIN_NAME_CHARS = 8  # shorter names ("Fare", "Ubuntu") match ordinary words too often
MAX_WORDS = 8


def _fold(text: str) -> tuple[str, ...]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return tuple(WORD.findall(plain))


@lru_cache(maxsize=1)
def _names(version: tuple[int, int]) -> dict[tuple[str, ...], tuple[str, int]]:
    """Distinctive registry names as word tuples → ("actor" | "initiative", id); ``version`` keys the cache."""
    names: dict[tuple[str, ...], tuple[str, int]] = {}
    for kind, rows in (("initiative", Initiative.objects.values_list("pk", "title")),
                       ("actor", Actor.objects.values_list("pk", "name"))):  # fmt: skip
        for pk, name in rows.iterator():
            words = _fold(name or "")
            if 2 <= len(words) <= MAX_WORDS and len(" ".join(words)) >= MIN_NAME_CHARS:
                names.setdefault(words, (kind, pk))
    return names


def mentions(text: str) -> dict[str, list[int]]:
    """The actors and initiatives ``text`` names: {"actors": [...], "initiatives": [...]}."""
    names = _names((Actor.objects.count(), Initiative.objects.count()))
    words = _fold(text)
    found: dict[str, list[int]] = {"actors": [], "initiatives": []}
    for size in range(min(MAX_WORDS, len(words)), 1, -1):
        for start in range(len(words) - size + 1):
            hit = names.get(words[start : start + size])
            if hit and hit[1] not in found[hit[0] + "s"]:
                found[hit[0] + "s"].append(hit[1])
    return found


def links_for(texts: Sequence[str]) -> list[dict[str, Any]]:
    """For each text: {"sdg": [goal numbers, best first], "sdg_evidence": {goal: [words]}, "actors", "initiatives"}."""
    from minga.knowledge.sdg.classifier import classify_many

    alignments = classify_many(list(texts), errors="none")
    out = []
    for text, alignment in zip(texts, alignments, strict=True):
        evidence = {str(g.goal): [e.text for e in g.evidence[:3]] for g in alignment.goals}
        out.append({"sdg": [g.goal for g in alignment.goals], "sdg_evidence": evidence, **mentions(text)})
    return out


def refresh_links(statements: Sequence[Any]) -> int:
    """Write ``links`` on each statement (a ``Statement``) that has none yet; returns how many were written."""
    from minga.forum.models import Statement

    todo = [s for s in statements if not s.links]
    for statement, links in zip(todo, links_for([s.text for s in todo]), strict=True):
        statement.links = links
    Statement.objects.bulk_update(todo, ["links"], batch_size=500)
    return len(todo)

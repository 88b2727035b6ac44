"""Vocabulary labels in every language they have, matched against a query: "vivienda" finds the ICA activity
Housing, "énergie propre" the SDG 7. Matches boost the records coded with those terms; no reindex is needed when
a label changes, and labels in a language no record is written in still work."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from minga.knowledge.domain.fulltext import tokens
from minga.vocab.models import Concept, SdgGoal

#: words that carry no topic in the languages of the interface (and German, frequent in the demo data)
STOPWORDS = frozenset(
    [
        "a",
        "al",
        "and",
        "ans",
        "au",
        "aux",
        "avec",
        "by",
        "con",
        "d",
        "da",
        "das",
        "de",
        "del",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "du",
        "e",
        "ein",
        "eine",
        "el",
        "en",
        "et",
        "for",
        "from",
        "für",
        "in",
        "im",
        "la",
        "las",
        "le",
        "les",
        "los",
        "mit",
        "of",
        "on",
        "or",
        "ou",
        "para",
        "par",
        "pour",
        "por",
        "sur",
        "the",
        "to",
        "un",
        "una",
        "und",
        "une",
        "y",
        "zu",
    ]
)
SCHEMES = {"activities-ica": "primary_activity", "legal-form": "legal_form"}


def fold(word: str) -> str:
    """Lower case without accents: "Énergie" → "energie"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def content_words(text: str) -> list[str]:
    return [fold(w) for w in tokens(text, limit=40) if fold(w) not in STOPWORDS and len(w) > 1]


@dataclass(frozen=True)
class VocabularyMatch:
    """Codes whose label the query contains: ``codes`` maps an actor field to codes; ``goals`` SDG numbers;
    ``labels`` the labels that matched, for explanations."""

    codes: dict[str, list[str]] = field(default_factory=dict)
    goals: list[int] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.codes or self.goals)


@lru_cache(maxsize=1)
def _labels() -> tuple[tuple[str, str, str, frozenset[str]], ...]:
    """(kind, code, label, its content words) for every label of every language."""
    out = []
    for concept in Concept.objects.filter(scheme__in=list(SCHEMES)):
        for label in set((concept.labels or {}).values()):
            words = frozenset(content_words(label))
            if words:
                out.append((concept.scheme, concept.code, label, words))
    for goal in SdgGoal.objects.all():
        for label in set((goal.short or {}).values()):
            words = frozenset(content_words(label))
            if words:
                out.append(("sdg", str(goal.number), label, words))
    return tuple(out)


def match(query: str) -> VocabularyMatch:
    """The terms all of whose content words are in ``query``."""
    words = set(content_words(query))
    codes: dict[str, list[str]] = {}
    goals: list[int] = []
    labels: list[str] = []
    for kind, code, label, needed in _labels():
        if needed <= words:
            if kind == "sdg":
                if int(code) not in goals:
                    goals.append(int(code))
            elif code not in codes.setdefault(SCHEMES[kind], []):
                codes[SCHEMES[kind]].append(code)
            if label not in labels:
                labels.append(label)
    return VocabularyMatch(codes, goals, labels)

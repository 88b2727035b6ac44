"""Features of a (text, goal) pair, shared by training and classifying. Pure functions of a model and texts.

Three families, cheapest first:
- rules: how much each group of terms (Minga's own, UN texts in 26 languages, public keyword lists, the
  Bautista-Puig ontology, OSDG terms) and the Aurora queries match the goal;
- lexical: a logistic model over stemmed words and word pairs (TF-IDF), trained on the UN texts and labelled
  paragraphs;
- semantic (needs embeddings): cosine to the goal's nearest target text (raw and standardised over goals), and
  the vote of the nearest labelled examples.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from minga.knowledge.sdg import aurora
from minga.knowledge.sdg.artefacts import Fusion, Model
from minga.knowledge.sdg.lexicon import Hit, find
from minga.knowledge.sdg.text import term_spans

GOALS = 17
GROUPS = ("minga", "minga-weak", "un", "lists", "puig", "osdg")
GROUP_OF = {"minga": 0, "minga-weak": 1, "un": 2, "sdsn": 3, "elsevier": 3, "cmu": 3, "sdgmapr-targets": 3}
GROUP_OF |= {"puig": 4, "osdg": 5}
GOAL_COLUMNS = [f"goal:{g}" for g in range(1, GOALS + 1)]
LEXICAL_FEATURES = [
    *(f"terms:{g}" for g in GROUPS),
    "aurora",
    "length",
    "lexical",
    *GOAL_COLUMNS,
]
SEMANTIC_FEATURES = ["similarity", "similarity_z", "neighbours"]
FULL_FEATURES = LEXICAL_FEATURES[:-GOALS] + SEMANTIC_FEATURES + GOAL_COLUMNS
NEIGHBOURS_K = 10


@dataclass
class Rules:
    """What the rules found in one text."""

    sums: np.ndarray  # (17, len(GROUPS)) summed weights of distinct matched terms
    aurora: np.ndarray  # (17,) matched Aurora query lines
    length: float  # log(1 + words)
    hits: list[Hit] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(
        default_factory=dict
    )  # term key → first (start, end) in the text
    queries: list[tuple[str, list[str], tuple[int, int]]] = field(default_factory=list)  # code, phrases, span


def rules(model: Model, text: str) -> Rules:
    """Match the model's terms and Aurora queries against one text."""
    words, offsets = term_spans(text)
    hits = find(model.table, words)
    sums = np.zeros((GOALS, len(GROUPS)), dtype=np.float64)
    seen: set[tuple[str, int, int]] = set()
    for hit in hits:
        group = GROUP_OF.get(hit.entry.source, 3)
        if (hit.key, hit.entry.goal, group) not in seen:
            seen.add((hit.key, hit.entry.goal, group))
            sums[hit.entry.goal - 1, group] += hit.entry.weight
    spans = _first_spans(words, offsets, {h.key for h in hits})
    counts = np.zeros(GOALS, dtype=np.float64)
    queries = []
    if model.queries:
        doc = aurora.Document(text)
        for code, tree in model.queries:
            found = aurora.match(tree, doc)
            if found:
                counts[int(code.split(".")[0]) - 1] += 1
                queries.append((code, aurora.phrases(tree), _char_span(offsets, found[0])))
    return Rules(sums, counts, math.log1p(len(words)), hits, spans, queries)


def _first_spans(
    words: list[str], offsets: list[tuple[int, int]], keys: set[str]
) -> dict[str, tuple[int, int]]:
    out: dict[str, tuple[int, int]] = {}
    for i in range(len(words)):
        for n in range(1, 5):
            key = " ".join(words[i : i + n])
            if key in keys and key not in out and i + n <= len(words):
                out[key] = (offsets[i][0], offsets[i + n - 1][1])
    return out


def _char_span(offsets: list[tuple[int, int]], span: tuple[int, int]) -> tuple[int, int]:
    """Character offsets of a word span (Aurora documents count words as ``term_spans`` does)."""
    if span[1] < len(offsets):
        return offsets[span[0]][0], offsets[span[1]][1]
    return 0, 0


# --- the lexical model --------------------------------------------------------------------------------------


def analyse(text: str) -> list[str]:
    """The lexical model's features of a text: stemmed words and pairs of neighbouring words."""
    words = term_spans(text)[0]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def tfidf(vocabulary: dict[str, int], idf: np.ndarray, text: str) -> tuple[np.ndarray, np.ndarray]:
    """The L2-normalised TF-IDF vector of a text (1 + log count, times idf) as (indices, values)."""
    counts = Counter(i for i in (vocabulary.get(t) for t in analyse(text)) if i is not None)
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    values = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * idf[index]
    return index, (values / np.linalg.norm(values)).astype(np.float32)


def lexical_logits(model: Model, texts: list[str]) -> np.ndarray:
    """(len(texts), 17) logits of the lexical model."""
    out = np.empty((len(texts), GOALS), dtype=np.float32)
    for row, text in enumerate(texts):
        index, values = tfidf(model.vocabulary, model.idf, text)
        out[row] = values @ model.lexical_weights[index] + model.lexical_bias
    return out


def lexical_reasons(model: Model, text: str, goal: int, *, k: int = 5) -> list[str]:
    """The words (or word pairs) of a text that push the lexical model most towards ``goal``."""
    index, values = tfidf(model.vocabulary, model.idf, text)
    if not len(index):
        return []
    contributions = values * model.lexical_weights[index, goal - 1]
    out: list[str] = []
    for j in np.argsort(-contributions, kind="stable"):
        term = model.terms[int(index[j])]
        if contributions[j] <= 0 or len(out) == k:
            break
        if max(len(w) for w in term.split()) >= 4:  # "la", "of the" explain nothing
            out.append(term)
    return out


# --- semantic features ------------------------------------------------------------------------------------


@dataclass
class Semantic:
    """Semantic features of texts: per goal, the best target cosine, its index, a z-score, the neighbours' vote."""

    similarity: np.ndarray  # (n, 17)
    best_target: np.ndarray  # (n, 17) index into model.target_codes
    z: np.ndarray  # (n, 17)
    votes: np.ndarray  # (n, 17)
    neighbours: np.ndarray  # (n, k) example indices, nearest first
    neighbour_similarity: np.ndarray  # (n, k)


def target_goals(codes: list[str]) -> np.ndarray:
    """The goal (1..17) of each target code ("7.2" → 7; a goal's own text has code "7")."""
    return np.array([int(code.split(".")[0]) for code in codes], dtype=np.int64)


def semantic(
    vectors: np.ndarray,
    targets: np.ndarray,
    goals_of_targets: np.ndarray,
    examples: np.ndarray,
    example_goals: np.ndarray,
) -> Semantic:
    """Semantic features of embedded texts against target vectors and labelled example vectors."""
    n = len(vectors)
    sims = vectors @ targets.T  # (n, T)
    similarity = np.full((n, GOALS), -1.0, dtype=np.float32)
    best = np.zeros((n, GOALS), dtype=np.int64)
    for g in range(GOALS):
        columns = np.flatnonzero(goals_of_targets == g + 1)
        if len(columns):
            local = sims[:, columns]
            arg = local.argmax(axis=1)
            best[:, g] = columns[arg]
            similarity[:, g] = local[np.arange(n), arg]
    z = (similarity - similarity.mean(axis=1, keepdims=True)) / (similarity.std(axis=1, keepdims=True) + 1e-6)
    k = min(NEIGHBOURS_K, len(examples))
    if k == 0:
        empty = np.zeros((n, 0))
        return Semantic(similarity, best, z, np.zeros((n, GOALS), np.float32), empty.astype(np.int64), empty)
    near = vectors @ examples.T  # (n, E)
    order = np.argsort(-near, axis=1, kind="stable")[:, :k]
    near_sims = np.take_along_axis(near, order, axis=1)
    weights = np.exp((near_sims - near_sims[:, :1]) * 20.0)
    votes = np.einsum("nk,nkg->ng", weights, example_goals[order]) / weights.sum(axis=1, keepdims=True)
    return Semantic(similarity, best, z, votes.astype(np.float32), order, near_sims)


# --- assembling and scoring -------------------------------------------------------------------------------


def pair_features(found: Rules, lexical: np.ndarray, sem: tuple[np.ndarray, ...] | None) -> np.ndarray:
    """The (17, F) feature matrix of one text; ``sem`` is (similarity, z, votes) rows or None (lexical only)."""
    sums = found.sums
    columns = [np.log1p(sums), np.log1p(found.aurora)[:, None], np.full((GOALS, 1), found.length)]
    columns.append(lexical.reshape(GOALS, 1))
    if sem is not None:
        similarity, z, votes = sem
        columns += [similarity.reshape(GOALS, 1) * 10.0, z.reshape(GOALS, 1), votes.reshape(GOALS, 1)]
    eye = np.eye(GOALS)
    columns += [
        eye,
        eye * lexical.reshape(GOALS, 1),
        eye * np.log1p(sums[:, :1]),
    ]  # per-goal bias and weights
    return np.hstack(columns)


EVIDENCE_GROUPS = [GROUPS.index(g) for g in ("minga", "un", "lists", "puig")]
SEMANTIC_Z = 2.0  # a goal's nearest target text this many standard deviations above the other goals' …
SEMANTIC_VOTES = 0.5  # … or half the weight of the nearest labelled examples carrying it: semantic evidence
GATED = 0.49  # the score of a goal without evidence: never reported


def rule_evidence(found: Rules) -> np.ndarray:
    """(17,) True where a term (other than a weak one) or an Aurora query matched the goal."""
    return np.asarray((found.sums[:, EVIDENCE_GROUPS].sum(axis=1) > 0) | (found.aurora > 0))


def semantic_evidence(z: np.ndarray, votes: np.ndarray) -> np.ndarray:
    """True where the target texts or the nearest labelled examples point clearly at the goal."""
    return np.asarray((z >= SEMANTIC_Z) | (votes >= SEMANTIC_VOTES))


def gate(scores: np.ndarray, evidence: np.ndarray) -> np.ndarray:
    """The explicit "none" rule: a goal with no checkable evidence (no term, no query, no clear semantic
    neighbour) stays below 0.5 whatever the models say."""
    return np.where(evidence, scores, np.minimum(scores, GATED))


def logits(fusion: Fusion, features: np.ndarray) -> np.ndarray:
    """The fusion model's logit for each row of ``features``."""
    return features @ fusion.weights + fusion.bias


def calibrated(fusion: Fusion, z: np.ndarray) -> np.ndarray:
    """Scores in 0..1 from (…, 17) logits: 0.5 exactly at each goal's threshold, spread by the temperature."""
    t = np.clip(fusion.thresholds, 1e-4, 1 - 1e-4)
    margin = z - np.log(t / (1 - t))
    return 1.0 / (1.0 + np.exp(-fusion.temperature * margin))

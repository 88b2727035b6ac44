"""Evidence a person can check, and targets: for a goal found in a text, the terms that matched (and where),
the Aurora queries that matched, the UN target text and the labelled examples the text is closest to (by
embeddings when they were used, else by shared words), and the words the lexical model weighed most. Pure
functions; the word index of targets and examples is built once per loaded model."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from minga.knowledge.sdg import features
from minga.knowledge.sdg.artefacts import Model

MIN_OVERLAP = 0.05  # below this TF-IDF cosine, shared words say nothing


@dataclass(frozen=True)
class Evidence:
    """Why a goal or target was found. ``kind``: "keyword" (a term in the text), "query" (an Aurora query that
    matched), "target_text" (the UN target text the text is closest to), "example" (a labelled example it is
    close to) or "model" (the words the lexical model weighed most); ``text`` is what to look at; ``detail`` says
    where it comes from."""

    kind: str
    text: str
    detail: str


@dataclass(frozen=True)
class TargetScore:
    """A target of an addressed goal ("7.2"), when the evidence points at one."""

    code: str
    goal: int
    score: float
    evidence: list[Evidence]


@dataclass
class _WordIndex:
    targets: sparse.csr_matrix  # TF-IDF rows of the target texts (same order as keys)
    target_keys: list[tuple[str, str]]  # (code, lang)
    examples: sparse.csr_matrix


_LOCK = threading.Lock()
_INDEXES: dict[int, _WordIndex] = {}


def tfidf_matrix(model: Model, texts: list[str]) -> sparse.csr_matrix:
    """The TF-IDF rows of texts (as the classifier computes them, see ``features.tfidf``); training uses it too."""
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        index, values = features.tfidf(model.vocabulary, model.idf, text)
        rows += [r] * len(index)
        cols += index.tolist()
        vals += values.tolist()
    return sparse.csr_matrix(
        (vals, (rows, cols)), shape=(len(texts), len(model.vocabulary)), dtype=np.float32
    )


def _index(model: Model) -> _WordIndex:
    with _LOCK:
        found = _INDEXES.get(id(model))
        if found is None:
            keys = [
                (code, lang) for code, texts in sorted(model.target_texts.items()) for lang in sorted(texts)
            ]
            found = _INDEXES[id(model)] = _WordIndex(
                tfidf_matrix(model, [model.target_texts[c][lang] for c, lang in keys]),
                keys,
                tfidf_matrix(model, [e["text"] for e in model.examples]),
            )
        return found


def _overlaps(model: Model, text: str) -> tuple[np.ndarray, np.ndarray]:
    """TF-IDF cosines of a text with every target text and every labelled example."""
    index, values = features.tfidf(model.vocabulary, model.idf, text)
    words = _index(model)
    vector = sparse.csr_matrix((values, (np.zeros(len(index)), index)), shape=(1, len(model.vocabulary)))
    return (words.targets @ vector.T).toarray().ravel(), (words.examples @ vector.T).toarray().ravel()


def goal_evidence(
    model: Model, text: str, rules: features.Rules, goal: int, sem: features.Semantic | None, j: int | None
) -> list[Evidence]:
    """The evidence for ``goal`` in ``text`` (one window of it), strongest kinds first."""
    out: list[Evidence] = []
    seen: set[str] = set()
    hits = sorted((h for h in rules.hits if h.entry.goal == goal), key=lambda h: (-h.entry.weight, h.key))
    for hit in hits:
        if hit.key in seen or len(seen) >= 6:
            continue
        seen.add(hit.key)
        start, end = rules.spans.get(hit.key, (0, 0))
        target = f", target {hit.entry.target}" if hit.entry.target else ""
        detail = f"{hit.entry.source} term “{hit.entry.text}”{target}"
        out.append(Evidence("keyword", text[start:end] or hit.entry.text, detail))
    for code, phrases, (start, end) in [q for q in rules.queries if q[0].split(".")[0] == str(goal)][:3]:
        shown = ", ".join(phrases[:6]) + ("…" if len(phrases) > 6 else "")
        out.append(Evidence("query", text[start:end], f"Aurora SDG query for target {code} ({shown})"))
    if sem is not None and j is not None:
        out += _semantic_evidence(model, sem, j, goal)
    else:
        out += _word_evidence(model, text, goal)
    reasons = features.lexical_reasons(model, text, goal)
    if reasons:
        out.append(
            Evidence("model", ", ".join(reasons), "words the lexical model weighed most for this goal")
        )
    return out


def _semantic_evidence(model: Model, sem: features.Semantic, j: int, goal: int) -> list[Evidence]:
    t = int(sem.best_target[j, goal - 1])
    code, lang = model.target_codes[t], model.target_langs[t]
    label = f"target {code}" if "." in code else f"goal {code}"
    out = [
        Evidence(
            "target_text",
            model.target_texts.get(code, {}).get(lang, ""),
            f"{label} ({lang}), embedding cosine {sem.similarity[j, goal - 1]:.2f}",
        )
    ]
    assert model.example_goals is not None
    for e, similarity in zip(sem.neighbours[j], sem.neighbour_similarity[j], strict=True):
        if model.example_goals[e, goal - 1] and model.examples[int(e)]["text"] and len(out) < 3:
            example = model.examples[int(e)]
            detail = (
                f"labelled example {example['id']} ({example['source']}), embedding cosine {similarity:.2f}"
            )
            out.append(Evidence("example", example["text"], detail))
    return out


def _word_evidence(model: Model, text: str, goal: int) -> list[Evidence]:
    targets, examples = _overlaps(model, text)
    words = _index(model)
    out = []
    mine = [i for i, (code, _lang) in enumerate(words.target_keys) if code.split(".")[0] == str(goal)]
    if mine:
        best = max(mine, key=lambda i: targets[i])
        if targets[best] >= MIN_OVERLAP:
            code, lang = words.target_keys[best]
            label = f"target {code}" if "." in code else f"goal {code}"
            detail = f"{label} ({lang}), shared words (TF-IDF cosine {targets[best]:.2f})"
            out.append(Evidence("target_text", model.target_texts[code][lang], detail))
    for e in np.argsort(-examples, kind="stable")[:20]:
        example = model.examples[int(e)]
        if goal in example.get("goals", []) and examples[e] >= MIN_OVERLAP and len(out) < 3:
            detail = f"labelled example {example['id']} ({example['source']}), shared words (TF-IDF cosine {examples[e]:.2f})"
            out.append(Evidence("example", example["text"], detail))
    return out


def targets(
    model: Model,
    text: str,
    rules: features.Rules,
    goal: int,
    score: float,
    sem: features.Semantic | None,
    j: int | None,
) -> list[TargetScore]:
    """Targets of ``goal`` the evidence points at: votes of target-level terms (their weight), Aurora queries
    (1 each) and the nearest target text (1 by embeddings, 0.5 by shared words); a target is kept when it has at
    least a third of the votes; its score is the goal's score times its share."""
    votes: dict[str, float] = {}
    why: dict[str, list[Evidence]] = {}

    def vote(code: str, weight: float, evidence: Evidence) -> None:
        votes[code] = votes.get(code, 0.0) + weight
        why.setdefault(code, []).append(evidence)

    for hit in rules.hits:
        if hit.entry.goal == goal and hit.entry.target:
            start, end = rules.spans.get(hit.key, (0, 0))
            found = text[start:end] or hit.entry.text
            vote(
                hit.entry.target.lower(),
                hit.entry.weight,
                Evidence("keyword", found, f"{hit.entry.source} term"),
            )
    for code, phrases, (start, end) in rules.queries:
        if code.split(".")[0] == str(goal) and "." in code:
            vote(
                code,
                1.0,
                Evidence("query", text[start:end], f"Aurora query for {code}: {', '.join(phrases[:6])}"),
            )
    if sem is not None and j is not None:
        code = model.target_codes[int(sem.best_target[j, goal - 1])]
        if "." in code:
            detail = f"nearest target text, embedding cosine {sem.similarity[j, goal - 1]:.2f}"
            vote(code, 1.0, Evidence("target_text", model.target_texts.get(code, {}).get("en", ""), detail))
    else:
        overlaps, _examples = _overlaps(model, text)
        keys = _index(model).target_keys
        mine = [i for i, (code, _lang) in enumerate(keys) if code.split(".")[0] == str(goal) and "." in code]
        if mine:
            best = max(mine, key=lambda i: overlaps[i])
            if overlaps[best] >= MIN_OVERLAP:
                code, lang = keys[best]
                detail = f"target text sharing most words (TF-IDF cosine {overlaps[best]:.2f})"
                vote(code, 0.5, Evidence("target_text", model.target_texts[code][lang], detail))
    total = sum(votes.values())
    ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return [
        TargetScore(code, goal, round(score * v / total, 4), why[code][:4])
        for code, v in ranked
        if v / total >= 0.34
    ]

"""Building the SDG model from the sources: :func:`train`. Side effects: reads ``data`` and the package's labels,
runs the embedding model when asked, writes the artefact files into ``out`` (and nothing else).

Same inputs and seed → byte-identical files: documents are sorted, folds are seeded, every random choice takes
the seed, floats in JSON are rounded, and ``.npz`` files carry fixed timestamps.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import KFold

from minga.knowledge.sdg import artefacts, aurora, devsets, features, fitting, lexicon, sources
from minga.knowledge.sdg.artefacts import Fusion, Model
from minga.knowledge.sdg.sources import Doc

FOLDS = 5


def train(
    *,
    data: Path,
    out: Path = artefacts.ARTEFACTS,
    seed: int = 0,
    semantic: bool = True,
    limit: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Rebuild the artefacts from ``data`` (see ``sources``) into ``out``; returns a report (counts, dev scores,
    files with sizes and SHA-256). ``semantic=False`` (or no embedding model installed) builds the lexical model
    only; ``limit`` keeps the first N training documents (and N/2 dev documents), for quick tests."""
    say = progress or (lambda _message: None)
    langs = sources.framework_languages(data)
    un = _un_corpus(data, langs)
    say(f"UN texts: {len(un)} in {len(langs)} languages")
    table = lexicon.build(_term_rows(data, langs))
    queries = _queries(data)
    say(f"terms: {len(table)}, Aurora query lines: {len(queries)}")

    labelled = sorted(
        [*sources.susy_docs(data), *sources.handwritten_docs(), *sources.paragraph_docs(data)],
        key=lambda d: d.id,
    )
    train_docs = [d for d in labelled if devsets.split_of(d) == "train"]
    dev_docs = [d for d in labelled if devsets.split_of(d) == "dev"]
    if limit is not None:
        train_docs, dev_docs = train_docs[:limit], dev_docs[: max(1, limit // 2)]
    say(f"labelled documents: {len(train_docs)} train, {len(dev_docs)} dev")

    vocabulary, idf = fitting.vocabulary_of([t for *_, t in un] + [d.text for d in train_docs])
    model = Model(
        meta={},
        table=table,
        queries=queries,
        vocabulary=vocabulary,
        idf=idf,
        lexical_weights=np.zeros((len(vocabulary), features.GOALS), np.float32),
        lexical_bias=np.zeros(features.GOALS, np.float32),
        lexical_fusion=Fusion(features.LEXICAL_FEATURES, np.zeros(0), 0.0, np.full(features.GOALS, 0.5)),
    )
    folds = (
        list(KFold(FOLDS, shuffle=True, random_state=seed).split(train_docs))
        if len(train_docs) >= FOLDS
        else []
    )
    x_all = fitting.matrix(model, [t for *_, t in un] + [d.text for d in train_docs])
    y_all = np.array(
        [fitting.goal_vector({int(c.split(".")[0])}) for _, _, c, _ in un]
        + [fitting.goal_vector(d.sdgs) for d in train_docs]
    )
    weight_all = np.array([1.0] * len(un) + [fitting.DOC_WEIGHT] * len(train_docs))
    crossed = np.zeros((len(train_docs), features.GOALS), np.float32)
    for fit, held in folds:
        rows_fit = np.concatenate([np.arange(len(un)), len(un) + fit])
        weights, bias = fitting.fit_lexical(x_all[rows_fit], y_all[rows_fit], weight_all[rows_fit], seed)
        crossed[held] = x_all[len(un) + held] @ weights + bias
    model.lexical_weights, model.lexical_bias = fitting.fit_lexical(x_all, y_all, weight_all, seed)
    if not folds:
        crossed = features.lexical_logits(model, [d.text for d in train_docs])
    say("lexical model fitted")

    found = {d.text: features.rules(model, d.text) for d in [*train_docs, *dev_docs]}
    x_train = np.vstack(
        [features.pair_features(found[d.text], crossed[i], None) for i, d in enumerate(train_docs)]
    )
    y_train = np.array([g in d.sdgs for d in train_docs for g in range(1, 18)])
    model.lexical_fusion = fitting.fit_fusion(features.LEXICAL_FEATURES, x_train, y_train, seed)
    dev_lexical = features.lexical_logits(model, [d.text for d in dev_docs])
    x_dev = [features.pair_features(found[d.text], dev_lexical[i], None) for i, d in enumerate(dev_docs)]
    dev = fitting.Dev(
        devsets.rows_for(dev_docs, flags=devsets.keyword_flags(data)),
        {d.text: i for i, d in enumerate(dev_docs)},
        np.array([features.rule_evidence(found[d.text]) for d in dev_docs]).reshape(-1, features.GOALS),
    )
    lexical_z = np.array([features.logits(model.lexical_fusion, x) for x in x_dev]).reshape(
        -1, features.GOALS
    )
    fitting.tune(model.lexical_fusion, lexical_z, dev, dev.rule_evidence)
    report: dict[str, Any] = {
        "dev": {"lexical": fitting.accuracy(fitting.dev_scores(model, dev, lexical_z, None, "lexical"), dev)}
    }
    encoder = _encoder() if semantic else None
    if encoder is not None:
        say("embedding target texts and labelled documents")
        full_z, dev.semantic_evidence = fitting.fit_semantic(
            model, encoder, data, train_docs, dev_docs, found, crossed, folds, seed
        )
        assert model.full_fusion is not None
        fitting.tune(model.full_fusion, full_z, dev, dev.rule_evidence | dev.semantic_evidence)
        model.cascade = fitting.choose_cascade(model, dev, lexical_z, full_z)
        for mode in ("full", "cascade"):
            report["dev"][mode] = fitting.accuracy(
                fitting.dev_scores(model, dev, lexical_z, full_z, mode), dev
            )
        lo, hi = model.cascade
        raw = features.calibrated(model.lexical_fusion, lexical_z)
        report["dev"]["embedded_share"] = round(float(np.mean(((raw > lo) & (raw < hi)).any(axis=1))), 3)
    report.update(
        languages=langs,
        un_texts=len(un),
        terms=len(table),
        queries=len(queries),
        train_documents=len(train_docs),
        dev_documents=len(dev_docs),
        dev_rows=len(dev.rows),
        semantic=encoder is not None,
        seed=seed,
    )
    _write(model, out, train_docs, data, report)
    report["files"] = {
        p.name: {"bytes": p.stat().st_size, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
        for p in sorted(out.iterdir())
        if p.is_file()
    }
    artefacts.forget()
    return report


# --- inputs -------------------------------------------------------------------------------------------------


def _un_corpus(data: Path, langs: list[str]) -> list[tuple[str, str, str, str]]:
    """(lang, kind, code, text) for goals, targets and indicators in every language."""
    out = []
    for lang in langs:
        out += [(lang, "goal", str(g), t) for g, t in sources.goal_texts(data, lang).items() if t]
        out += [(lang, "target", c, t) for c, t in sources.target_texts(data, lang).items()]
        out += [(lang, "indicator", c, t) for c, t in sources.indicator_texts(data, lang).items()]
    return out


def _term_rows(data: Path, langs: list[str]) -> list[tuple[str, int, str, float, str]]:
    rows: list[tuple[str, int, str, float, str]] = []
    for goal, tiers in sorted(sources.seed_terms().items()):
        for tier, source, weight in (("strong", "minga", 1.0), ("weak", "minga-weak", 0.3)):
            for term in tiers.get(tier, []):
                phrase, _, target = term.partition("|")
                rows.append((source, goal, phrase, weight, target))
    for lang in langs:
        texts = [(str(g), t) for g, t in sources.goal_texts(data, lang).items() if t]
        texts += list(sources.target_texts(data, lang).items()) + list(
            sources.indicator_texts(data, lang).items()
        )
        rows += lexicon.un_terms(texts)
    rows += sources.keyword_lists(data)
    return rows


def _queries(data: Path) -> list[tuple[str, list[Any]]]:
    out = []
    for code, line in sources.aurora_queries(data):
        try:
            out.append((code, aurora.compile_query(line)))
        except aurora.QueryError:
            continue
    return out


def _encoder() -> Any:
    from minga.knowledge.embeddings import model as embedding_model

    return embedding_model()


# --- writing ------------------------------------------------------------------------------------------------


def _write(model: Model, out: Path, train_docs: list[Doc], data: Path, report: dict[str, Any]) -> None:
    """Write the artefact files into ``out`` (created if needed)."""
    from minga.knowledge.embeddings import MODEL_NAME

    out.mkdir(parents=True, exist_ok=True)
    full = model.full_fusion
    meta = {
        "format": artefacts.FORMAT,
        "seed": report["seed"],
        "languages": report["languages"],
        "counts": {
            k: report[k] for k in ("un_texts", "terms", "queries", "train_documents", "dev_documents")
        },
        "dev": report["dev"],
        "lexical_fusion": artefacts.fusion_json(model.lexical_fusion),
        "full_fusion": artefacts.fusion_json(full) if full is not None else None,
        "embedding_model": MODEL_NAME if full is not None else None,
        "target_codes": model.target_codes,
        "target_langs": model.target_langs,
        "cascade": list(model.cascade),
    }
    artefacts.write_json(out / "model.json", meta)
    artefacts.write_json(
        out / "lexicon.json",
        {"terms": artefacts.table_json(model.table), "queries": [list(q) for q in model.queries]},
    )
    vocabulary = sorted(model.vocabulary, key=model.vocabulary.__getitem__)
    artefacts.write_json(out / "lexical-vocabulary.json", vocabulary)
    artefacts.write_npz(
        out / "lexical.npz",
        {
            "idf": model.idf.astype(np.float32),
            "weights": model.lexical_weights.astype(np.float16),
            "bias": model.lexical_bias.astype(np.float32),
        },
    )
    targets: dict[str, dict[str, str]] = {}
    for lang in (lang for lang in fitting.SEMANTIC_LANGS if lang in report["languages"]):
        for goal, text in sources.goal_texts(data, lang).items():
            targets.setdefault(str(goal), {})[lang] = text
        for code, text in sources.target_texts(data, lang).items():
            targets.setdefault(code, {})[lang] = text
    examples = [  # texts whose licence lets them ship are kept as evidence; the others are used, not shown
        {
            "id": d.id,
            "source": d.source,
            "text": sources.cut(d.text, 300) if d.source in sources.SHIPPABLE else "",
            "goals": sorted(d.sdgs),
        }
        for d in train_docs
    ]
    artefacts.write_json(out / "texts.json", {"targets": targets, "examples": examples})
    if full is not None and model.target_vectors is not None and model.example_vectors is not None:
        assert model.example_goals is not None
        artefacts.write_npz(
            out / "semantic.npz",
            {
                "target_vectors": model.target_vectors.astype(np.float16),
                "example_vectors": model.example_vectors.astype(np.float16),
                "example_goals": model.example_goals.astype(np.uint8),
            },
        )

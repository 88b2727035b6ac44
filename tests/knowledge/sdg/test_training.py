"""`train` is reproducible: the same sources and seed give byte-identical artefacts, and the model they make
loads and classifies. Runs on a small subset of ../shared/data (two languages, two keyword lists, three Aurora
files, 30 labelled documents, no embeddings) so that it takes seconds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from minga.knowledge.sdg import artefacts, classifier
from minga.knowledge.sdg.training import train


def _subset(shared: Path, into: Path) -> Path:
    for lang in ("en", "es"):
        shutil.copytree(shared / "sdg-framework-open-sdg" / lang, into / "sdg-framework-open-sdg" / lang)
    (into / "sdg-keywords-sdgmapr").mkdir()
    for name in ("sdsn_keywords.csv", "elsevier100_keywords.csv"):
        shutil.copy(shared / "sdg-keywords-sdgmapr" / name, into / "sdg-keywords-sdgmapr" / name)
    (into / "sdg-queries-aurora").mkdir()
    for goal in (3, 7, 14):
        name = f"query_SDG{goal}.xml"
        shutil.copy(shared / "sdg-queries-aurora" / name, into / "sdg-queries-aurora" / name)
    return into


def test_same_seed_same_bytes_and_the_model_works(
    shared_sdg_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _subset(shared_sdg_data, tmp_path / "data")
    first = train(data=data, out=tmp_path / "a", seed=7, semantic=False, limit=30)
    second = train(data=data, out=tmp_path / "b", seed=7, semantic=False, limit=30)
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == ["lexical-vocabulary.json", "lexical.npz", "lexicon.json", "model.json", "texts.json"]
    assert [(tmp_path / "a" / n).read_bytes() == (tmp_path / "b" / n).read_bytes() for n in names] == [
        True
    ] * 5
    assert first["files"] == second["files"]
    assert (first["languages"], first["train_documents"], first["semantic"]) == (["en", "es"], 30, False)

    monkeypatch.setenv("MINGA_SDG_MODEL", str(tmp_path / "a"))
    artefacts.forget()
    try:
        alignment = classifier.classify_many(
            ["Cooperativa de energía renovable con placas solares y eficiencia energética."], semantic=None
        )[0]
        assert (alignment.semantic, alignment.note) == (
            False,
            "the installed SDG model was trained without embeddings: rules and lexical model only",
        )
        assert 7 in [g.goal for g in alignment.goals]
    finally:
        artefacts.forget()


def test_another_seed_changes_the_folds(shared_sdg_data: Path, tmp_path: Path) -> None:
    data = _subset(shared_sdg_data, tmp_path / "data")
    first = train(data=data, out=tmp_path / "a", seed=1, semantic=False, limit=30)
    second = train(data=data, out=tmp_path / "b", seed=2, semantic=False, limit=30)
    assert (
        first["files"]["lexicon.json"] == second["files"]["lexicon.json"]
    )  # terms do not depend on the seed
    assert first["files"]["model.json"] != second["files"]["model.json"]

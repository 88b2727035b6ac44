"""The hand-labelled IATI and grant paragraphs: every labelled id is found in the shared data, the splits are what
docs/sdg-classifier.md says, and the shipped model carries none of their texts."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from minga.knowledge.sdg import artefacts, devsets, sources


def test_every_labelled_paragraph_is_read_and_split(shared_sdg_data: Path) -> None:
    docs = sources.paragraph_docs(shared_sdg_data)
    labelled = (sources.LABELS / "paragraph-labels.csv").read_text("utf-8").splitlines()[1:]
    assert len(docs) == len(labelled) == 592
    assert Counter((d.source, devsets.split_of(d)) for d in docs) == {
        ("iati-hand", "train"): 137,
        ("iati-hand", "dev"): 78,
        ("iati-hand", "test"): 104,
        ("grants", "train"): 99,
        ("grants", "dev"): 54,
        ("grants", "test"): 120,
    }
    assert (sum(not d.sdgs for d in docs), all(d.complete for d in docs)) == (58, True)


def test_the_model_ships_no_iati_or_grant_text() -> None:
    examples = json.loads((artefacts.ARTEFACTS / "texts.json").read_text("utf-8"))["examples"]
    hidden = [e for e in examples if e["source"] not in sources.SHIPPABLE]
    assert (len(hidden), {e["text"] for e in hidden}) == (236, {""})
    assert all(e["text"] for e in examples if e["source"] in sources.SHIPPABLE)

"""The shipped SDG model on real texts: goals with checkable evidence in Spanish and French, "none" for near-topic
and unrelated texts, bad input, batches, and the JSON shape."""

from __future__ import annotations

import json
import time

import pytest

from minga.knowledge.sdg import Alignment, NotText, classify, classify_many

ES_ENERGY = (
    "Somos una cooperativa de energía renovable: instalamos placas solares en los tejados del barrio, "
    "compartimos la electricidad entre los socios y ayudamos a las familias a reducir su factura con "
    "eficiencia energética."
)
FR_ENERGY = (
    "Notre coopérative citoyenne produit une électricité renouvelable grâce à des panneaux solaires et une "
    "éolienne, et accompagne les habitants dans la rénovation thermique de leur logement pour lutter contre la "
    "précarité énergétique."
)
NEAR_TOPIC = (  # about the sea and fish, but not about protecting them: not SDG 14
    "Harbour Kitchen is a seafood restaurant on the quay with a view of the marina. We serve grilled fish, "
    "oysters and chips with local ales, and there is live music every Friday night."
)
UNRELATED = (
    "The chess club meets every Tuesday evening in the library annex. Players of all levels are welcome."
)


def _keywords(alignment: Alignment, goal: int) -> list[str]:
    found = [g for g in alignment.goals if g.goal == goal]
    return [e.text for e in found[0].evidence if e.kind == "keyword"] if found else []


@pytest.mark.parametrize("semantic", [False, None])
def test_spanish_and_french_energy_texts_get_goal_7_with_keyword_evidence(semantic: bool | None) -> None:
    es, fr = classify_many([ES_ENERGY, FR_ENERGY], semantic=semantic)
    assert (es.goals[0].goal, fr.goals[0].goal, es.none, fr.none) == (7, 7, False, False)
    assert {"energía renovable", "placas solares", "eficiencia energética"} <= set(_keywords(es, 7))
    assert {"panneaux solaires", "rénovation thermique", "précarité énergétique"} <= set(_keywords(fr, 7))
    assert 0.5 <= es.goals[0].score <= 1.0
    assert any(t.code.startswith("7.") for t in es.targets)


def test_evidence_includes_the_target_text_and_labelled_examples() -> None:
    goal = classify(FR_ENERGY).goals[0]
    kinds = [e.kind for e in goal.evidence]
    assert {"keyword", "target_text", "model"} <= set(kinds)
    target = next(e for e in goal.evidence if e.kind == "target_text")
    assert target.detail.startswith("target 7.")


def test_near_topic_and_unrelated_texts_are_none() -> None:
    near, unrelated = classify_many([NEAR_TOPIC, UNRELATED])
    assert (near.none, near.goals, unrelated.none, unrelated.goals) == (True, [], True, [])


def test_semantic_off_is_said_in_the_result() -> None:
    alignment = classify_many([ES_ENERGY], semantic=False)[0]
    assert (alignment.semantic, alignment.note) == (
        False,
        "embeddings not asked for: rules and lexical model only",
    )


def test_embeddings_are_used_when_asked(embeddings_on: None) -> None:
    alignment = classify_many([FR_ENERGY], semantic=True)[0]
    assert (alignment.semantic, alignment.note, alignment.goals[0].goal) == (True, "", 7)
    kinds = {e.kind for e in alignment.goals[0].evidence}
    assert {"keyword", "target_text", "example"} <= kinds
    assert any("embedding cosine" in e.detail for e in alignment.goals[0].evidence)


def test_embeddings_unavailable_is_said() -> None:
    alignment = classify_many([ES_ENERGY], semantic=True)[0]  # the test suite runs with MINGA_EMBEDDINGS=0
    assert (alignment.semantic, alignment.goals[0].goal) == (False, 7)
    assert (
        alignment.note == "embeddings off (MINGA_EMBEDDINGS=0): lexical search only (rules and lexical model)"
    )


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_none(text: str) -> None:
    assert classify(text) == Alignment([], [], True, False, "empty text", classify(text).model)


def test_one_megabyte_is_read_in_bounded_time() -> None:
    text = (FR_ENERGY + " ") * (1_000_000 // len(FR_ENERGY))
    start = time.perf_counter()
    alignment = classify(text)
    seconds = time.perf_counter() - start
    assert (alignment.goals[0].goal, alignment.note) == (
        7,
        "long text: the first 20,000 characters were read",
    )
    assert seconds < 10


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "PK\x03\x04\x00\x00binary\x00",
            "the input contains NUL characters: it looks like binary data, not text",
        ),
        (
            "solar caf\udce9 \udcff",
            "the input contains undecodable bytes (lone surrogates): it is not valid UTF-8 text",
        ),
    ],
)
def test_binary_input_is_not_text(text: str, reason: str) -> None:
    with pytest.raises(NotText) as caught:
        classify(text)
    assert str(caught.value) == reason
    in_batch = classify_many(["solar panels", text], errors="none")[1]
    assert (in_batch.none, in_batch.note) == (True, f"not text: {reason}")
    with pytest.raises(NotText) as caught:
        classify_many(["solar panels", text])
    assert str(caught.value) == f"text 2 of 2: {reason}"


def test_bytes_are_not_text() -> None:
    with pytest.raises(NotText):
        classify(b"solar energy")  # type: ignore[arg-type]


def test_mixed_scripts_are_fine() -> None:
    alignment = classify(
        "Кооператив солнечной энергии 太阳能合作社 cooperativa de energía renovable y placas solares"
    )
    assert 7 in [g.goal for g in alignment.goals]


def test_batch_equals_one_by_one() -> None:
    texts = [ES_ENERGY, UNRELATED, FR_ENERGY]
    assert [a.to_dict() for a in classify_many(texts)] == [classify(t).to_dict() for t in texts]


def test_to_dict_is_json_ready() -> None:
    data = classify(ES_ENERGY).to_dict()
    assert sorted(data) == ["goals", "none", "note", "semantic", "targets"]
    assert sorted(data["goals"][0]) == ["evidence", "goal", "score"]
    assert sorted(data["goals"][0]["evidence"][0]) == ["detail", "kind", "text"]
    assert sorted(data["targets"][0]) == ["code", "evidence", "goal", "score"]
    assert json.loads(json.dumps(data)) == data

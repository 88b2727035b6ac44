"""Benchmark CSVs: reading, refusing malformed files with the line and the reason, and the metrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from minga.knowledge.sdg.evaluation import EvalFileError, EvalRow, evaluate, read_eval_csv

FIXTURE = """id,text,sdg,label
a,Solar panels on the school roof,7,True
b,"A wind farm, owned by the village",7,True
c,A shop selling lamps,7,False
d,A ski school,7,False
e,A free clinic for uninsured people,3,True
f,A chess club,3,False
"""

# What a stub classifier "predicts" for each text: hits a and e, misses b, wrongly flags c, rightly skips d and f.
PREDICTED = {
    "Solar panels on the school roof": {7},
    "A wind farm, owned by the village": set(),
    "A shop selling lamps": {7},
    "A ski school": set(),
    "A free clinic for uninsured people": {3},
    "A chess club": {4},
}


def _write(tmp_path: Path, content: str | bytes, name: str = "bench.csv") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_reads_rows(tmp_path: Path) -> None:
    rows = read_eval_csv(_write(tmp_path, FIXTURE))
    assert rows[:2] == [
        EvalRow("a", "Solar panels on the school roof", 7, True),
        EvalRow("b", "A wind farm, owned by the village", 7, True),
    ]
    assert [r.label for r in rows] == [True, True, False, False, True, False]


def test_metrics_computed_by_hand(tmp_path: Path) -> None:
    rows = read_eval_csv(_write(tmp_path, FIXTURE))
    result = evaluate(rows, predict=lambda texts: [PREDICTED[t] for t in texts])
    # SDG 7: tp=1 (a), fn=1 (b), fp=1 (c), tn=1 (d) → accuracy 2/4, precision 1/2, recall 1/2, F1 1/2.
    # SDG 3: tp=1 (e), tn=1 (f; predicting 4 does not matter for a row about 3) → all 1.0.
    assert result == {
        "average": {"accuracy": 0.75, "precision": 0.75, "recall": 0.75, "f1": 0.75},
        "per_sdg": {
            "3": {"n": 2, "positives": 1, "accuracy": 1.0, "precision": 1.0, "recall": 1.0, "f1": 1.0},
            "7": {"n": 4, "positives": 2, "accuracy": 0.5, "precision": 0.5, "recall": 0.5, "f1": 0.5},
        },
    }


def test_never_predicted_goal_has_zero_precision(tmp_path: Path) -> None:
    rows = read_eval_csv(_write(tmp_path, FIXTURE))
    result = evaluate(rows, predict=lambda texts: [set() for _ in texts])
    assert result["per_sdg"]["7"] == {
        "n": 4,
        "positives": 2,
        "accuracy": 0.5,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,text,label\na,x,True\n", "line 1: missing column(s) sdg (expected id,text,sdg,label)"),
        ("", "line 1: the file is empty (expected the header id,text,sdg,label)"),
        (
            "id,text,sdg,label\na,x,7,True\nb,y,18,False\n",
            "line 3: sdg must be a goal number 1 to 17, got '18'",
        ),
        ("id,text,sdg,label\na,x,seven,True\n", "line 2: sdg must be a goal number 1 to 17, got 'seven'"),
        ("id,text,sdg,label\na,x,7,True\nb,y,7,maybe\n", "line 3: label must be True or False, got 'maybe'"),
        ("id,text,sdg,label\na,x,7,True,extra\n", "line 2: 5 fields, expected 4 like the header"),
        ("id,text,sdg,label\n,x,7,True\n", "line 2: empty id"),
        ('id,text,sdg,label\na,"unclosed,7,True\n', "line 2: unexpected end of data"),
    ],
)
def test_malformed_csv_names_line_and_reason(tmp_path: Path, content: str, message: str) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(EvalFileError) as caught:
        read_eval_csv(path)
    assert str(caught.value) == f"{path}, {message}"


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, b"id,text,sdg,label\na,x,7,True\nb,caf\xe9,7,False\n")
    with pytest.raises(EvalFileError) as caught:
        read_eval_csv(path)
    assert str(caught.value) == f"{path}, line 3: not UTF-8 text (invalid continuation byte)"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(EvalFileError) as caught:
        read_eval_csv(tmp_path / "nope.csv")
    assert str(caught.value) == f"{tmp_path / 'nope.csv'}: cannot read the file (No such file or directory)"


def test_labels_are_case_insensitive_and_blank_lines_skipped(tmp_path: Path) -> None:
    rows = read_eval_csv(_write(tmp_path, "id,text,sdg,label\na,x,7,true\n\nb,y,7,FALSE\n"))
    assert rows == [EvalRow("a", "x", 7, True), EvalRow("b", "y", 7, False)]

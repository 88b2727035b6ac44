"""Measuring an SDG classifier on a benchmark CSV (``id,text,sdg,label``: does this text address this SDG?).

:func:`read_eval_csv` reads and checks such a file (reading it is its only side effect); :func:`evaluate` scores
predictions per SDG and averaged over SDGs, the layout of public SDG classification benchmarks. When a goal is
never predicted, its precision is 0.0 (and so is its F1 when recall is 0.0).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

COLUMNS = ("id", "text", "sdg", "label")
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


@dataclass(frozen=True)
class EvalRow:
    """One benchmark question: does ``text`` address SDG ``sdg``? (``label`` is the expected answer)."""

    id: str
    text: str
    sdg: int
    label: bool


class EvalFileError(ValueError):
    """A benchmark CSV that cannot be used; the message names the file, the line and the reason."""


def read_eval_csv(path: Path | str) -> list[EvalRow]:
    """The rows of a benchmark CSV. Raises :class:`EvalFileError` naming the line and the reason for a missing
    column, an SDG outside 1..17, a label other than True/False, a row with too few or too many fields, or bytes
    that are not UTF-8."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise EvalFileError(f"{path}: cannot read the file ({err.strerror or err})") from None
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise EvalFileError(f"{path}, line {line}: not UTF-8 text ({err.reason})") from None
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as err:
        raise EvalFileError(f"{path}, line 1: {err}") from None
    if header is None:
        raise EvalFileError(f"{path}, line 1: the file is empty (expected the header id,text,sdg,label)")
    names = [h.strip().lower() for h in header]
    missing = [c for c in COLUMNS if c not in names]
    if missing:
        raise EvalFileError(
            f"{path}, line 1: missing column(s) {', '.join(missing)} (expected id,text,sdg,label)"
        )
    index = {c: names.index(c) for c in COLUMNS}
    rows: list[EvalRow] = []
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise EvalFileError(f"{path}, line {reader.line_num}: {err}") from None
        if not record or (len(record) == 1 and not record[0].strip()):
            continue  # blank line
        rows.append(_row(record, index, len(header), f"{path}, line {reader.line_num}"))
    return rows


def _row(record: list[str], index: dict[str, int], width: int, where: str) -> EvalRow:
    if len(record) != width:
        raise EvalFileError(f"{where}: {len(record)} fields, expected {width} like the header")
    sdg_text = record[index["sdg"]].strip()
    if not sdg_text.isdigit() or not 1 <= int(sdg_text) <= 17:
        raise EvalFileError(f"{where}: sdg must be a goal number 1 to 17, got {sdg_text!r}")
    label_text = record[index["label"]].strip().lower()
    if label_text not in _TRUE | _FALSE:
        raise EvalFileError(f"{where}: label must be True or False, got {record[index['label']]!r}")
    row_id = record[index["id"]].strip()
    if not row_id:
        raise EvalFileError(f"{where}: empty id")
    return EvalRow(row_id, record[index["text"]], int(sdg_text), label_text in _TRUE)


def scores(pairs: Iterable[tuple[int, bool, bool]]) -> dict[str, Any]:
    """Metrics from (sdg, expected, predicted) triples: ``{"average": {...}, "per_sdg": {"1": {...}, ...}}``."""
    counts: dict[int, list[int]] = {}
    for sdg, expected, predicted in pairs:
        c = counts.setdefault(sdg, [0, 0, 0, 0])  # tp, fp, fn, tn
        c[0 if expected and predicted else 1 if predicted else 2 if expected else 3] += 1
    per_sdg: dict[str, dict[str, float | int]] = {}
    for sdg in sorted(counts):
        tp, fp, fn, tn = counts[sdg]
        n = tp + fp + fn + tn
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_sdg[str(sdg)] = {
            "n": n,
            "positives": tp + fn,
            "accuracy": round((tp + tn) / n, 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
        }
    keys = ("accuracy", "precision", "recall", "f1")
    average = {
        k: round(sum(float(m[k]) for m in per_sdg.values()) / len(per_sdg), 4) if per_sdg else 0.0
        for k in keys
    }
    return {"average": average, "per_sdg": per_sdg}


def evaluate(
    rows: Iterable[EvalRow], *, predict: Callable[[list[str]], list[set[int]]] | None = None
) -> dict[str, Any]:
    """Per-SDG and averaged n, accuracy, precision, recall and F1 of ``predict`` (default: Minga's classifier,
    each distinct text classified once, in batches) on the rows."""
    rows = list(rows)
    if predict is None:
        from minga.knowledge.sdg.classifier import predict_goals

        predict = predict_goals
    texts = sorted({row.text for row in rows})
    predicted = dict(zip(texts, predict(texts), strict=True))
    return scores((row.sdg, row.label, row.sdg in predicted[row.text]) for row in rows)

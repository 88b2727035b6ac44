"""`minga sdg classify | evaluate | train`: the JSON shapes, the readable tables and errors with a hint."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from minga.knowledge.sdg.cli import add_sdg_command, cmd_sdg

SPANISH = "Cooperativa de energía renovable que instala placas solares en los tejados del barrio."


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="minga")
    add_sdg_command(parser.add_subparsers(dest="command", required=True))
    code = cmd_sdg(parser.parse_args(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_classify_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["sdg", "classify", SPANISH, "--json", "--semantic", "off"], capsys)
    data = json.loads(out)
    assert (code, sorted(data), data["goals"][0]["goal"], data["none"], data["semantic"]) == (
        0,
        ["goals", "none", "note", "semantic", "targets"],
        7,
        False,
        False,
    )
    assert {e["kind"] for e in data["goals"][0]["evidence"]} >= {"keyword", "model"}


def test_classify_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["sdg", "classify", SPANISH, "--semantic", "off"], capsys)
    lines = out.splitlines()
    assert (code, lines[0]) == (0, " SDG  score  evidence")
    assert (lines[1].split()[0], lines[1].split()[2]) == ("7", "keyword:")
    assert err == "(embeddings not asked for: rules and lexical model only)\n"


def test_classify_none(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(["sdg", "classify", "The", "chess", "club", "meets", "on", "Tuesdays."], capsys)
    assert (code, out) == (
        0,
        "No SDG: the text does not address any Sustainable Development Goal clearly enough.\n",
    )


def test_classify_binary_is_refused_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["sdg", "classify", "abc\x00def"], capsys)
    assert (code, out) == (1, "")
    assert err == (
        "minga: not text: the input contains NUL characters: it looks like binary data, not text\n"
        "  → Give plain text (UTF-8); binary files cannot be classified.\n"
    )


def test_evaluate_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bench.csv"
    path.write_text(
        "id,text,sdg,label\n"
        f'1,"{SPANISH}",7,True\n'
        f'2,"{SPANISH}",14,False\n'
        '3,"The chess club meets on Tuesdays.",7,False\n',
        encoding="utf-8",
    )
    code, out, _err = run(["sdg", "evaluate", str(path), "--json", "--semantic", "off"], capsys)
    assert code == 0
    assert json.loads(out) == {
        "average": {"accuracy": 1.0, "precision": 0.5, "recall": 0.5, "f1": 0.5},
        "per_sdg": {
            "7": {"n": 2, "accuracy": 1.0, "precision": 1.0, "recall": 1.0, "f1": 1.0},
            "14": {"n": 1, "accuracy": 1.0, "precision": 0.0, "recall": 0.0, "f1": 0.0},
        },
    }


def test_evaluate_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bench.csv"
    path.write_text(f'id,text,sdg,label\n1,"{SPANISH}",7,True\n', encoding="utf-8")
    code, out, _err = run(["sdg", "evaluate", str(path), "--semantic", "off"], capsys)
    assert (code, out.splitlines()) == (
        0,
        [
            "1 rows, 1 distinct texts, 0 of them embedded (--semantic off)",
            "    SDG      n  accuracy  precision  recall     F1",
            "      7      1     1.000      1.000   1.000  1.000",
            "average            1.000      1.000   1.000  1.000",
        ],
    )


def test_evaluate_embeds_where_undecided_by_default_and_everything_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], embeddings_on: None
) -> None:
    path = tmp_path / "bench.csv"
    path.write_text(f'id,text,sdg,label\n1,"{SPANISH}",7,True\n', encoding="utf-8")
    _code, default, _err = run(["sdg", "evaluate", str(path)], capsys)
    code, always, _err = run(["sdg", "evaluate", str(path), "--semantic", "on"], capsys)
    assert (default.splitlines()[0].endswith("(--semantic auto)"), code, always.splitlines()[0]) == (
        True,
        0,
        "1 rows, 1 distinct texts, 1 of them embedded (--semantic on)",
    )


def test_evaluate_malformed_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,text,sdg,label\n1,x,7,True\n2,y,0,False\n", encoding="utf-8")
    code, out, err = run(["sdg", "evaluate", str(path)], capsys)
    assert (code, out) == (1, "")
    assert err == (
        f"minga: {path}, line 3: sdg must be a goal number 1 to 17, got '0'\n"
        "  → Expected a CSV with the header id,text,sdg,label and labels True or False.\n"
    )


def test_train_without_data_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["sdg", "train", "--data", str(tmp_path), "--out", str(tmp_path / "out")], capsys)
    assert (code, out) == (1, "")
    assert err.startswith(
        f"minga: no SDG source data in {tmp_path}\n  → Give the shared data folder with --data"
    )


def test_evaluate_reports_progress_on_large_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bench.csv"
    rows = "".join(f'{n},"Community garden number {n} grows vegetables.",2,True\n' for n in range(101))
    path.write_text("id,text,sdg,label\n" + rows, encoding="utf-8")
    code, _out, err = run(["sdg", "evaluate", str(path), "--semantic", "off", "--json"], capsys)
    assert (code, err.splitlines()) == (0, ["classified 100 of 101 texts", "classified 101 of 101 texts"])

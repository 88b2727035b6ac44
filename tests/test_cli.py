"""The `minga` command: stats as JSON, errors that say what to do, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from minga.cli import main
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def test_stats_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    make_actor("GB-BST", lat=51.4, lon=-2.6)
    make_actor("FR", kind="association")

    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert {
        k: stats[k]
        for k in ("actors", "initiatives", "with_coordinates", "by_kind", "by_country", "by_subdivision")
    } == {
        "actors": 2,
        "initiatives": 0,
        "with_coordinates": 1,
        "by_kind": {"association": 1, "cooperative": 1},
        "by_country": {"FR": 1, "GB": 1},
        "by_subdivision": {"GB-BST": 1},
    }
    assert main(["stats", "--territory", "GB", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["actors"] == 1


def test_refused_import_exits_1_with_reason_and_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("source_id,name,kind\nx1,,cooperative\n", encoding="utf-8")

    assert main(["import", "csv", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "line 2: name is empty" in err
    assert "--skip-invalid" in err
    assert main(["stats", "--territory", "NOPE"]) == 1
    assert "No territory with code 'NOPE'" in capsys.readouterr().err


def test_an_uninitialised_database_says_run_init(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "MINGA_HOME": str(tmp_path), "MINGA_DEBUG": "1"}
    env.pop("MINGA_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "minga.cli", "stats", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Run `minga init`" in done.stderr


def test_token_and_role_commands(capsys: pytest.CaptureFixture[str]) -> None:
    from minga.api.auth import user_for_key
    from minga.core import permissions
    from tests.factories import make_user

    user = make_user("ana")
    assert main(["token", "ana"]) == 0
    key = capsys.readouterr().out.strip().splitlines()[0]
    assert user_for_key(key) == user

    assert main(["role", "ana", "steward", "--territory", "GB-BST"]) == 0
    assert capsys.readouterr().out.strip() == "ana is now steward of GB-BST"
    assert (permissions.steward_paths(user), permissions.is_admin(user)) == (
        ["/001/150/154/GB/GB-ENG/GB-BST/"],
        False,
    )
    assert main(["role", "ana", "steward"]) == 2
    assert main(["token", "nobody"]) == 1


def test_a_placeholder_secret_key_is_refused_outside_debug(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "MINGA_HOME": str(tmp_path), "MINGA_DEBUG": "0", "MINGA_SECRET_KEY": "change-me"}
    done = subprocess.run(
        [sys.executable, "-m", "minga.cli", "stats"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "MINGA_SECRET_KEY is a placeholder" in done.stderr

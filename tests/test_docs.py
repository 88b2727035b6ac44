"""Docs tested for completeness: every CLI command is in the README, every CSV column in docs/import-csv.md."""

from __future__ import annotations

import re
from pathlib import Path

from minga.cli import COMMANDS
from minga.registry.importers.csv_generic import KNOWN

ROOT = Path(__file__).resolve().parents[1]


def test_readme_opens_with_the_two_commands_and_lists_every_cli_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```")[1]
    assert "make demo" in first_block and "make test" in first_block
    missing = [name for name in [*COMMANDS, "manage"] if not re.search(rf"minga {name}\b", readme)]
    assert missing == []


def test_every_csv_column_is_documented() -> None:
    doc = (ROOT / "docs" / "import-csv.md").read_text(encoding="utf-8")
    assert sorted(c for c in KNOWN if f"`{c}`" not in doc) == []

"""Generic CSV: one actor per row, columns named after Minga's fields (see docs/import-csv.md).

A ``mapping`` option ({"Your column": "minga_field"}) renames columns first, so most spreadsheets import as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minga.registry.domain.rows import FIELDS, HINTS, JSON_FIELDS, Record, Reject
from minga.registry.importers import ReaderSpec

LIST_FIELDS = {"activities", "qualifiers", "themes", "tags"}
LANGUAGES = ("en", "es", "fr", "de", "it", "pt")
#: columns understood besides the plain field names
EXTRA_COLUMNS = ("source_id", *HINTS, *(f"description_{lang}" for lang in LANGUAGES))
KNOWN = {*FIELDS, *EXTRA_COLUMNS} - {"description", "social"}


def read(
    path: Path, *, mapping: dict[str, str] | None = None, delimiter: str = ","
) -> Iterator[Record | Reject]:
    mapping = mapping or {}
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        header = [mapping.get(h, h).strip() for h in next(reader, [])]
        unknown = [h for h in header if h and h not in KNOWN]
        if "name" not in header or "source_id" not in header or unknown:
            problems = []
            if "name" not in header or "source_id" not in header:
                problems.append("the columns 'source_id' and 'name' are required")
            if unknown:
                problems.append(f"unknown column(s): {', '.join(unknown)}")
            yield Reject(1, "; ".join(problems) + " (see docs/import-csv.md for the column names)")
            return
        line = 1
        for raw in reader:
            start, line = line + 1, reader.line_num
            if not any(v.strip() for v in raw):
                continue
            if len(raw) != len(header):
                yield Reject(start, f"{len(raw)} values for {len(header)} columns", raw)
                continue
            row = dict(zip(header, raw, strict=True))
            yield Record(start, _record(row), row)


def _record(row: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    description = {
        lang: row[f"description_{lang}"].strip()
        for lang in LANGUAGES
        if row.get(f"description_{lang}", "").strip()
    }
    data["description"] = description
    for key, value in row.items():
        if key in LIST_FIELDS:
            data[key] = [v.strip() for v in value.split(";") if v.strip()]
        elif key in JSON_FIELDS or key.startswith("description_"):
            continue
        else:
            data[key] = value.strip()
    data.setdefault("kind", "association")
    if not data["kind"]:
        data["kind"] = "association"
    return data


SPEC = ReaderSpec(
    name="csv",
    read=read,
    default_source="csv:{stem}",
    license="",
    attribution="",
    description="Generic CSV with Minga column names (docs/import-csv.md)",
)

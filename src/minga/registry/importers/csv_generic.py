"""Generic CSV: one actor per row, columns named after Minga's fields (see docs/import-csv.md).

A ``mapping`` option ({"Your column": "minga_field"}) renames columns first, so most spreadsheets import as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minga.registry.domain.rows import FIELDS, HINTS, Record, Reject
from minga.registry.importers import ReaderSpec

LIST_FIELDS = {"activities", "qualifiers", "themes", "tags", "identifiers"}
LANGUAGES = ("en", "es", "fr", "de", "it", "pt")
#: columns understood besides the plain field names
EXTRA_COLUMNS = ("source_id", *HINTS, *(f"description_{lang}" for lang in LANGUAGES))
#: columns of Minga's own CSV export that an import leaves aside (the import sets provenance itself)
IGNORED = {"id", "source", "license", "attribution"}
KNOWN = ({*FIELDS, *EXTRA_COLUMNS} | IGNORED) - {"description", "social"}


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
        lists = [i for i, h in enumerate(header) if h in LIST_FIELDS]
        descriptions = [
            (i, h.removeprefix("description_")) for i, h in enumerate(header) if h.startswith("description_")
        ]
        plain = [
            (i, h)
            for i, h in enumerate(header)
            if h and h not in LIST_FIELDS and h not in IGNORED and not h.startswith("description_")
        ]
        width = len(header)
        line = 1
        for raw in reader:
            start, line = line + 1, reader.line_num
            if not any(raw):
                continue
            if len(raw) != width:
                yield Reject(start, f"{len(raw)} values for {width} columns", raw)
                continue
            data: dict[str, Any] = {h: raw[i].strip() for i, h in plain}
            data["description"] = {lang: raw[i].strip() for i, lang in descriptions if raw[i].strip()}
            for i in lists:
                data[header[i]] = [v.strip() for v in raw[i].split(";") if v.strip()] if raw[i] else []
            if not data.get("kind"):
                data["kind"] = "association"
            yield Record(start, data, raw)


SPEC = ReaderSpec(
    name="csv",
    read=read,
    default_source="csv:{stem}",
    license="",
    attribution="",
    description="Generic CSV with Minga column names (docs/import-csv.md)",
)

"""Karte von morgen entries, in the shape of an OpenFairDB search response ({"visible": [...], "invisible": [...]})."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from minga.registry.domain.rows import Record, Reject
from minga.registry.importers import ReaderSpec, text

NON_PROFIT = "2cd00bebec0c48ba9db761da48678134"
COMMERCIAL = "77b3c33a92554bcf8e8c2c86cedd6f6f"
_GERMAN = re.compile(r"\b(und|der|die|das|für|mit|wir|ist|ein|eine|von|zu)\b", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(and|the|for|with|we|is|an|of|to)\b", re.IGNORECASE)


def guess_language(value: str) -> str:
    """German or English, by common function words (KVM descriptions are one or the other)."""
    return "de" if len(_GERMAN.findall(value)) >= len(_ENGLISH.findall(value)) else "en"


def read(path: Path) -> Iterator[Record | Reject]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        yield Reject(getattr(err, "lineno", 1), f"not valid JSON: {err}")
        return
    if isinstance(data, dict):
        entries = [*(data.get("visible") or []), *(data.get("invisible") or [])]
    elif isinstance(data, list):
        entries = data
    else:
        yield Reject(1, "expected a KVM search result object or a list of entries")
        return
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            yield Reject(number, "entry is not an object")
            continue
        description = text(entry.get("description"))
        categories = entry.get("categories") or []
        yield Record(
            number,
            {
                "source_id": text(entry.get("id")),
                "name": entry.get("title"),
                "kind": "private_company" if COMMERCIAL in categories else "association",
                "description": {guess_language(description): description} if description else {},
                "tags": [str(t) for t in entry.get("tags") or []],
                "lat": entry.get("lat"),
                "lon": entry.get("lng"),
            },
            entry.get("id"),
        )


SPEC = ReaderSpec(
    name="kvm",
    read=read,
    default_source="kvm",
    license="CC0-1.0",
    attribution="Karte von morgen (kartevonmorgen.org), CC0",
    description="Karte von morgen / OpenFairDB search result JSON",
)

"""Relations as CSV, in the columns ``minga relations import`` reads (so an export imports again elsewhere), with
each end written as ``SOURCE:SOURCE_ID`` when the record has a source id, else as ``actor:ID`` / ``initiative:ID``."""

from __future__ import annotations

import csv
from pathlib import Path

from minga.ecosystem.domain.relations import COLUMNS
from minga.ecosystem.models import Relation
from minga.territories.domain.queries import get_territory, under


def export_relations_csv(path: str | Path, *, territory: str | None = None) -> int:
    """Write the relations (those with an end in ``territory``, when given) to ``path``; returns how many.
    Side effect: writes the file."""
    relations = Relation.objects.select_related("from_actor", "from_initiative", "to_actor", "to_initiative")
    if territory:
        where = get_territory(territory).path
        relations = relations.filter(
            under(where, field="from_actor__territory_path") | under(where, field="to_actor__territory_path")
            | under(where, field="from_initiative__territory_path") | under(where, field="to_initiative__territory_path")
        )  # fmt: skip
    count = 0
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([*COLUMNS, "id", "source"])
        for r in relations.order_by("id").iterator(chunk_size=2000):
            origin = _ref("actor", r.from_actor) if r.from_actor_id else _ref("initiative", r.from_initiative)
            target = _ref("actor", r.to_actor) if r.to_actor_id else _ref("initiative", r.to_initiative)
            writer.writerow([origin, target, r.type, r.start_date or "", r.end_date or "",
                             "" if r.amount is None else f"{r.amount:.2f}", r.currency, r.instrument, r.note,
                             r.source_id, r.source])  # fmt: skip
            count += 1
    return count


def _ref(kind: str, record: object) -> str:
    source, source_id = getattr(record, "source", ""), getattr(record, "source_id", "")
    return f"{source}:{source_id}" if source_id else f"{kind}:{getattr(record, 'pk', '')}"

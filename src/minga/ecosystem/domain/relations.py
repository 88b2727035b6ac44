"""The one write path for relations: validate, then write with audit entries. ``import_relations`` reads a CSV file
(all-or-nothing: every bad row is reported with its line and reason, and nothing is written); ``create_relation``
and ``delete_relation`` serve the web and the API."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from minga.core import audit
from minga.core.errors import ImportRejected, MingaError, ValidationFailed
from minga.core.models import AuditEntry
from minga.core.permissions import SYSTEM, can_edit_actor, can_edit_initiative, can_import, require
from minga.ecosystem.domain import rules
from minga.ecosystem.domain.references import Ref, References
from minga.ecosystem.models import Relation, RelationType
from minga.registry.models import Actor, Initiative

COLUMNS = ("from", "to", "type", "start_date", "end_date", "amount", "currency", "instrument", "note")
AUDITED = ("type", "from_actor", "from_initiative", "to_actor", "to_initiative", "start_date", "end_date",
           "amount", "currency", "instrument", "note", "source", "source_id", "matched")  # fmt: skip


@dataclass
class RelationData:
    """A validated relation, not yet written."""

    type: str
    origin: Ref
    target: Ref
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    amount: Decimal | None = None
    currency: str = ""
    instrument: str = ""
    note: str = ""
    source: str = "manual"
    source_id: str = ""
    line: int = 0
    links: dict[str, int] = field(
        default_factory=dict
    )  # "from_link"/"to_link" → OrgLink id, for funding imports

    def fields(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "from_actor_id": self.origin.id if self.origin.kind == rules.ACTOR else None,
            "from_initiative_id": self.origin.id if self.origin.kind == rules.INITIATIVE else None,
            "to_actor_id": self.target.id if self.target.kind == rules.ACTOR else None,
            "to_initiative_id": self.target.id if self.target.kind == rules.INITIATIVE else None,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "amount": self.amount,
            "currency": self.currency,
            "instrument": self.instrument,
            "note": self.note,
            "source": self.source,
            "source_id": self.source_id or self.digest(),
            "matched": {"from": self.origin.how, "to": self.target.how, **self.links},
        }

    def digest(self) -> str:
        """Identity of a relation without a source id: its type, ends, period, money and instrument (not its
        note, which an update may change). Symmetric types read the same both ways."""
        ends = [f"{self.origin.kind}:{self.origin.id}", f"{self.target.kind}:{self.target.id}"]
        if self.type in rules.SYMMETRIC:
            ends.sort()
        parts = [self.type, *ends, str(self.start_date or ""), str(self.end_date or ""), str(self.amount or ""),
                 self.currency, self.instrument]  # fmt: skip
        return "sha1:" + hashlib.sha1("|".join(parts).encode()).hexdigest()


@dataclass
class RelationsReport:
    filename: str
    source: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check(data: RelationData, *, kinds: dict[tuple[str, int], str] | None = None) -> None:
    """Raise ValueError when ``data`` breaks a rule that needs the ends' records: a self-loop, or a policy adopted
    by a non-government or of an initiative that is not a public policy. ``kinds`` maps (kind, id) to the record's
    own kind, when the caller has them."""
    if (data.origin.kind, data.origin.id) == (data.target.kind, data.target.id):
        raise ValueError(
            f"from and to are the same {data.origin.kind} (id {data.origin.id}): a relation needs two ends"
        )
    if data.type == RelationType.ADOPTS_POLICY:
        kinds = kinds or _kinds([data.origin, data.target])
        origin_kind = kinds.get((rules.ACTOR, data.origin.id), "")
        if origin_kind not in rules.GOVERNMENT_KINDS:
            raise ValueError(f"only a government adopts a policy; actor {data.origin.id} is a {origin_kind}")
        if kinds.get((rules.INITIATIVE, data.target.id)) != "public_policy":
            raise ValueError(f"initiative {data.target.id} is not a public policy")


def _kinds(refs: Iterable[Ref]) -> dict[tuple[str, int], str]:
    ids: dict[str, set[int]] = defaultdict(set)
    for ref in refs:
        ids[ref.kind].add(ref.id)
    out: dict[tuple[str, int], str] = {}
    for pk, kind in Actor.objects.filter(pk__in=ids[rules.ACTOR]).values_list("pk", "kind"):
        out[(rules.ACTOR, pk)] = kind
    for pk, kind in Initiative.objects.filter(pk__in=ids[rules.INITIATIVE]).values_list("pk", "kind"):
        out[(rules.INITIATIVE, pk)] = kind
    return out


def read_rows(path: Path, *, source: str) -> tuple[list[RelationData], list[tuple[int, str]], int]:
    """Parse and check every row of a relations CSV: (valid relations, rejects as (line, reason), rows read)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [h.strip() for h in reader.fieldnames or []]
            missing = [c for c in ("from", "to", "type") if c not in header]
            if missing:
                raise MingaError(
                    f"{path.name}: missing column(s) {', '.join(missing)}",
                    hint=f"A relations file has the columns {','.join(COLUMNS)} (an optional id column too).",
                )
            rows = [
                (reader.line_num, {(k or "").strip(): (v or "") for k, v in row.items()}) for row in reader
            ]
    except UnicodeDecodeError as err:
        raise MingaError(f"{path.name} is not UTF-8 text ({err.reason} at byte {err.start})",
                         hint="Save the file as UTF-8 CSV and import it again.") from None  # fmt: skip
    refs = References()
    for _line, row in rows:
        kind = row.get("type", "").strip()
        if kind in rules.ENDS:
            refs.want(row.get("from", ""), rules.ENDS[kind][0])
            refs.want(row.get("to", ""), rules.ENDS[kind][1])
    refs.resolve()
    valid, rejects = [], []
    for line, row in rows:
        try:
            valid.append(_parse(row, line, refs, source))
        except ValueError as err:
            rejects.append((line, str(err)))
    kinds = _kinds([r for d in valid for r in (d.origin, d.target)])
    seen: dict[str, int] = {}
    checked = []
    for data in valid:
        key = data.source_id or data.digest()
        try:
            check(data, kinds=kinds)
            if key in seen:
                raise ValueError(f"repeats line {seen[key]}")
        except ValueError as err:
            rejects.append((data.line, str(err)))
            continue
        seen[key] = data.line
        checked.append(data)
    rejects.extend(_cycles([d for d in checked if d.type == RelationType.REPLICATES]))
    rejects.sort()
    return checked, rejects, len(rows)


def relation_from_fields(fields: dict[str, str], *, source: str = "manual") -> RelationData:
    """A relation from the import's columns given as text (the web form's and the API's path), checked as an
    imported row is; :class:`ValidationFailed` names what is wrong."""
    refs = References()
    kind = (fields.get("type") or "").strip()
    if kind in rules.ENDS:
        refs.want(fields.get("from") or "", rules.ENDS[kind][0])
        refs.want(fields.get("to") or "", rules.ENDS[kind][1])
    refs.resolve()
    try:
        return _parse({k: v or "" for k, v in fields.items()}, 0, refs, source)
    except ValueError as err:
        raise ValidationFailed({"relation": [str(err)]}) from None


def _parse(row: dict[str, str], line: int, refs: References, source: str) -> RelationData:
    kind = rules.parse_type(row.get("type", ""))
    origin_kind, target_kind = rules.ENDS[kind]
    try:
        origin = refs.get(row.get("from", ""), origin_kind)
    except ValueError as err:
        raise ValueError(f"from {err}") from None
    try:
        target = refs.get(row.get("to", ""), target_kind)
    except ValueError as err:
        raise ValueError(f"to {err}") from None
    start = rules.parse_date(row.get("start_date", ""), "start_date")
    end = rules.parse_date(row.get("end_date", ""), "end_date")
    rules.check_period(start, end)
    amount, currency = rules.parse_money(kind, row.get("amount", ""), row.get("currency", ""))
    instrument = rules.check_instrument(kind, row.get("instrument", ""))
    return RelationData(kind, origin, target, start, end, amount, currency, instrument,
                        row.get("note", "").strip(), source, row.get("id", "").strip(), line)  # fmt: skip


def _cycles(new: list[RelationData]) -> list[tuple[int, str]]:
    """Rejects for the ``replicates`` rows that would close a cycle in the lineage (with what is stored)."""
    children: dict[int, set[int]] = defaultdict(set)  # initiative → the initiatives it replicates
    stored = Relation.objects.filter(type=RelationType.REPLICATES)
    for origin, target in stored.values_list("from_initiative_id", "to_initiative_id"):
        children[origin].add(target)
    rejects = []
    for data in new:
        path = _path(children, data.target.id, data.origin.id)
        if path is not None:
            chain = " → ".join(f"initiative {i}" for i in [data.origin.id, *path])
            rejects.append((data.line, f"replicates would close a cycle in the lineage: {chain}"))
            continue
        children[data.origin.id].add(data.target.id)
    return rejects


def _path(children: dict[int, set[int]], start: int, goal: int) -> list[int] | None:
    """The initiatives from ``start`` to ``goal`` following ``replicates`` ties, or None."""
    parents: dict[int, int | None] = {start: None}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        if node == goal:
            path = [node]
            while parents[path[-1]] is not None:
                path.append(parents[path[-1]])  # type: ignore[arg-type]
            return path[::-1]
        for nxt in children.get(node, ()):
            if nxt not in parents:
                parents[nxt] = node
                frontier.append(nxt)
    return None


def import_relations(
    path: str | Path, *, source: str | None = None, by: Any = SYSTEM, via: str = "cli", dry_run: bool = False
) -> RelationsReport:
    """Import a relations CSV (columns ``from,to,type,start_date,end_date,amount,currency,instrument,note`` and an
    optional ``id``). All-or-nothing: any bad row refuses the file with every bad row listed
    (:class:`ImportRejected`). Re-importing the same file changes nothing. Side effects: writes relations and
    their audit entries in one transaction (none with ``dry_run``)."""
    require(can_import(by), "import relations")
    path = Path(path)
    if not path.is_file():
        raise MingaError(f"No file {path}", hint="Check the path and try again.")
    started = time.monotonic()
    source = source or f"csv:{path.name}"
    report = RelationsReport(filename=path.name, source=source, dry_run=dry_run)
    valid, rejects, report.total = read_rows(path, source=source)
    if rejects:
        report.rejected = rejects
        shown = "\n".join(f"  line {line}: {reason}" for line, reason in rejects[:20])
        more = f"\n  … and {len(rejects) - 20} more" if len(rejects) > 20 else ""
        raise ImportRejected(
            f"{path.name}: {len(rejects)} of {report.total} rows refused; nothing was imported.\n{shown}{more}",
            rejects=rejects,
            hint="Correct the rows listed and import the file again.",
        )
    with transaction.atomic():
        _write(valid, report, by=by, via=f"import:relations:{via}")
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = time.monotonic() - started
    return report


def write_relations(items: list[RelationData], report: RelationsReport, *, by: Any, via: str) -> None:
    """Create the new relations of ``items`` and update the changed ones (by source and source id), counting in
    ``report``; call inside a transaction, after every check. Side effects: relations and audit entries."""
    _write(items, report, by=by, via=via)


def _write(items: list[RelationData], report: RelationsReport, *, by: Any, via: str) -> None:
    existing = {
        r.source_id: r for r in Relation.objects.filter(source=report.source, source_id__in=[
            d.source_id or d.digest() for d in items])}  # fmt: skip
    entries = []
    for data in items:
        values = data.fields()
        report.by_type[data.type] = report.by_type.get(data.type, 0) + 1
        current = existing.get(values["source_id"])
        if current is None:
            relation = Relation.objects.create(**values)
            report.created += 1
            entries.append(("create", relation, audit.snapshot(relation, AUDITED)))
            continue
        before = audit.snapshot(current, AUDITED)
        for name, value in values.items():
            setattr(current, name, value)
        changes = audit.diff(before, audit.snapshot(current, AUDITED))
        if not changes:
            report.unchanged += 1
            continue
        current.save()
        report.updated += 1
        entries.append(("update", current, changes))
    now = timezone.now()
    user = by if getattr(by, "pk", None) else None
    AuditEntry.objects.bulk_create(
        AuditEntry(
            at=now,
            user=user,
            via=via,
            action=action,
            model="ecosystem.relation",
            object_id=r.pk,
            object_repr=str(r)[:300],
            changes=audit.to_jsonable(changes),
        )  # fmt: skip
        for action, r, changes in entries
    )


def create_relation(data: RelationData, *, by: Any, via: str) -> Relation:
    """Write one relation after every check the import makes (permission: whoever may edit its origin record).
    Side effects: one relation and one audit entry."""
    _require_origin(by, data.origin)
    try:
        check(data)
        if data.type == RelationType.REPLICATES and _cycles([data]):
            raise ValueError(_cycles([data])[0][1])
    except ValueError as err:
        raise ValidationFailed({"relation": [str(err)]}) from None
    values = data.fields()
    with transaction.atomic():
        if Relation.objects.filter(source=values["source"], source_id=values["source_id"]).exists():
            raise ValidationFailed({"relation": ["this relation is already recorded"]})
        relation = Relation.objects.create(**values)
        audit.record(
            action="create", instance=relation, changes=audit.snapshot(relation, AUDITED), by=by, via=via
        )
    return relation


def delete_relation(relation: Relation, *, by: Any, via: str) -> None:
    """Remove a relation (permission as for creating it). Side effects: deletes it, writes an audit entry."""
    origin = (Ref(rules.ACTOR, relation.from_actor_id, "") if relation.from_actor_id
              else Ref(rules.INITIATIVE, relation.from_initiative_id or 0, ""))  # fmt: skip
    _require_origin(by, origin)
    with transaction.atomic():
        audit.record(
            action="delete", instance=relation, changes=audit.snapshot(relation, AUDITED), by=by, via=via
        )
        relation.delete()


def _require_origin(by: Any, origin: Ref) -> None:
    if origin.kind == rules.ACTOR:
        allowed = can_edit_actor(by, Actor.objects.get(pk=origin.id))
    else:
        allowed = can_edit_initiative(by, Initiative.objects.get(pk=origin.id))
    require(allowed, f"record relations of {origin.kind} {origin.id}")

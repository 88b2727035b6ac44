"""``minga import 360giving FILE``: grants become ``funds`` relations between funder and recipient actors, matched
to existing actors first (``domain.matching``) and created otherwise, each link recorded (``OrgLink``).
All-or-nothing: every grant that cannot be read or breaks a rule is reported with its position, and nothing is
written; a re-import changes nothing (grants are keyed by their 360Giving id)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from minga.core.errors import ImportRejected, MingaError
from minga.core.permissions import SYSTEM, can_import, require
from minga.ecosystem.domain import rules
from minga.ecosystem.domain.organisations import FUNDER, RECIPIENT, Linker
from minga.ecosystem.domain.references import Ref
from minga.ecosystem.domain.relations import RelationData, RelationsReport, check, write_relations
from minga.ecosystem.interfaces import giving360
from minga.registry.models import Actor, ImportRun
from minga.registry.signals import import_committed

SOURCE_360 = "360giving"


@dataclass
class FundingReport:
    filename: str
    format: str
    grants: int = 0
    relations: dict[str, int] = field(default_factory=dict)  # created / updated / unchanged
    funders: int = 0
    recipients: int = 0
    recipients_matched: dict[str, int] = field(default_factory=dict)  # method → distinct recipients
    recipients_in_coops_uk: int = 0
    actors_created: int = 0
    amount_by_currency: dict[str, str] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # grants kept with a value left out
    dry_run: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def import_360giving(
    path: str | Path, *, by: Any = SYSTEM, via: str = "cli", dry_run: bool = False
) -> FundingReport:
    """Import a 360Giving JSON or CSV grants file. Side effects, in one transaction (none with ``dry_run``):
    actors for unmatched organisations, organisation links, ``funds`` relations and audit entries."""
    require(can_import(by), "import grants")
    path = Path(path)
    if not path.is_file():
        raise MingaError(f"No file {path}", hint="Check the path and try again.")
    started = time.monotonic()
    report = FundingReport(filename=path.name, format="360giving", dry_run=dry_run)
    grants, rejects = [], []
    for item in giving360.read(path):
        if isinstance(item, tuple):
            rejects.append(item)
            continue
        try:
            item.amount, item.currency = [str(v) if v is not None else "" for v in
                                          rules.parse_money(rules.RelationType.FUNDS, item.amount, item.currency)]  # fmt: skip
        except ValueError as err:
            rejects.append((item.position, str(err)))
            continue
        try:
            rules.check_period(item.start_date, item.end_date)
        except ValueError as err:  # publishers' planned dates are sometimes swapped or stale: keep the grant
            report.warnings.append((item.position, f"{err}: the planned end date is left out"))
            item.end_date = None
        grants.append(item)
    report.grants = len(grants) + len(rejects)
    unit = "grant" if path.suffix.lower() == ".json" else "line"
    if rejects:
        raise _refused(path, rejects, report.grants, unit)
    with transaction.atomic():
        relations, counts = _link_and_write(
            grants, report, by=by, via=f"import:360giving:{via}", unit=unit, path=path
        )
        report.relations = counts
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = round(time.monotonic() - started, 3)
    if not dry_run and (counts["created"] or counts["updated"]):
        import_committed.send(sender=ImportRun, source=SOURCE_360, progress=via == "cli")
    return report


def _link_and_write(
    grants: list[giving360.Grant], report: FundingReport, *, by: Any, via: str, unit: str, path: Path
) -> tuple[list[RelationData], dict[str, int]]:
    linker = Linker(source=SOURCE_360, by=by, via=via)
    items, rejects, recipients, funders = [], [], {}, set()
    totals: dict[str, Decimal] = {}
    for grant in grants:
        funder, recipient = linker.link(grant.funder, FUNDER), linker.link(grant.recipient, RECIPIENT)
        funders.add(funder.pk)
        recipients[recipient.pk] = recipient
        data = RelationData(
            type=rules.RelationType.FUNDS, origin=Ref(rules.ACTOR, funder.actor_id, funder.method),
            target=Ref(rules.ACTOR, recipient.actor_id, recipient.method), start_date=grant.start_date or grant.award_date,
            end_date=grant.end_date, amount=Decimal(grant.amount) if grant.amount else None,
            currency=grant.currency, instrument="grant", note=(grant.title or grant.description)[:2000],
            source=SOURCE_360, source_id=grant.id[:200], line=grant.position,
            links={"from_link": funder.pk, "to_link": recipient.pk},
        )  # fmt: skip
        try:
            check(data, kinds={})
        except ValueError as err:
            rejects.append((grant.position, str(err)))
            continue
        items.append(data)
        totals[grant.currency] = totals.get(grant.currency, Decimal(0)) + (data.amount or Decimal(0))
    if rejects:
        transaction.set_rollback(True)
        raise _refused(path, rejects, len(grants), unit)
    counts = RelationsReport(filename=path.name, source=SOURCE_360)
    write_relations(items, counts, by=by, via=via)
    report.funders, report.recipients, report.actors_created = len(funders), len(recipients), linker.created
    report.recipients_matched = dict(Counter(link.method for link in recipients.values()))
    actor_ids = [link.actor_id for link in recipients.values()]
    report.recipients_in_coops_uk = Actor.objects.filter(pk__in=actor_ids, source="coops-uk").count()
    report.amount_by_currency = {c: f"{v:.2f}" for c, v in sorted(totals.items())}
    return items, {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged}


def _refused(path: Path, rejects: list[tuple[int, str]], total: int, unit: str) -> ImportRejected:
    shown = "\n".join(f"  {unit} {n}: {reason}" for n, reason in rejects[:20])
    more = f"\n  … and {len(rejects) - 20} more" if len(rejects) > 20 else ""
    return ImportRejected(
        f"{path.name}: {len(rejects)} of {total} grants refused; nothing was imported.\n{shown}{more}",
        rejects=rejects,
        hint="Correct the grants listed and import the file again.",
    )

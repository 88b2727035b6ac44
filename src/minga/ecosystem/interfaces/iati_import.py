"""``minga import iati FILE``: each IATI activity becomes an initiative (texts by language, dates, the main recipient
country, its publisher's SDG target tags as confirmed links); its participating organisations become actors
(matched first) with their roles, and relations: funding → ``funds``, accountable and implementing →
``implements``, extending → ``supports``. All-or-nothing per file; a re-import changes nothing."""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from minga.core import audit
from minga.core.errors import ImportRejected, MingaError
from minga.core.permissions import SYSTEM, can_import, require
from minga.ecosystem.domain import rules
from minga.ecosystem.domain.organisations import FUNDER, PARTICIPANT, Linker
from minga.ecosystem.domain.references import Ref
from minga.ecosystem.domain.relations import RelationData, RelationsReport, write_relations
from minga.ecosystem.interfaces import iati
from minga.registry.models import ImportRun, Initiative, InitiativeActor, InitiativeSdgTarget, SdgOrigin
from minga.registry.signals import import_committed
from minga.territories.models import Territory
from minga.vocab.models import SdgTarget

SOURCE = "iati"
AGENCY = re.compile(r"agency|cooperation|co-operation|development|aid\b", re.IGNORECASE)
RELATION_OF = {
    "funding": "funds",
    "accountable": "implements",
    "implementing": "implements",
    "extending": "supports",
}
ROLE_OF = {"funding": "funder", "accountable": "lead", "implementing": "partner", "extending": "supporter"}
INITIATIVE_FIELDS = ("title", "summary", "kind", "territory", "starts_on", "ends_on")


@dataclass
class IatiReport:
    filename: str
    activities: int = 0
    initiatives: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})
    relations: dict[str, int] = field(default_factory=dict)
    organisations: int = 0
    actors_created: int = 0
    organisations_matched: dict[str, int] = field(default_factory=dict)
    sdg_targets_confirmed: int = 0
    goal_tags_only: int = (
        0  # activities tagged with SDG goals but no target: not stored (initiatives link targets)
    )
    warnings: list[str] = field(default_factory=list)
    dry_run: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def instrument(finance_type: str) -> str:
    """The Minga instrument of an IATI finance type (1xx grants, 4xx loans, 5xx equity, 1100 guarantees)."""
    if finance_type == "1100":
        return "guarantee"
    return {"1": "grant", "4": "loan", "5": "equity"}.get(finance_type[:1], "") if finance_type else ""


def import_iati(path: str | Path, *, by: Any = SYSTEM, via: str = "cli", dry_run: bool = False) -> IatiReport:
    """Import an IATI activity XML file. Side effects, in one transaction (none with ``dry_run``): initiatives,
    their confirmed SDG targets and roles, actors for unmatched organisations, organisation links, relations and
    audit entries."""
    require(can_import(by), "import IATI activities")
    path = Path(path)
    if not path.is_file():
        raise MingaError(f"No file {path}", hint="Check the path and try again.")
    started = time.monotonic()
    report = IatiReport(filename=path.name, dry_run=dry_run)
    activities, rejects = [], []
    for item in iati.read(path):
        (rejects.append(item) if isinstance(item, tuple) else activities.append(item))
    report.activities = len(activities) + len(rejects)
    if rejects:
        shown = "\n".join(f"  activity {n}: {reason}" for n, reason in rejects[:20])
        raise ImportRejected(f"{path.name}: {len(rejects)} of {report.activities} activities refused; nothing was "
                             f"imported.\n{shown}", rejects=rejects,
                             hint="Correct the activities listed and import the file again.")  # fmt: skip
    with transaction.atomic():
        _write(activities, report, by=by, via=f"import:iati:{via}")
        if dry_run:
            transaction.set_rollback(True)
    report.seconds = round(time.monotonic() - started, 3)
    if not dry_run:
        import_committed.send(sender=ImportRun, source=SOURCE, progress=False)
    return report


def _write(activities: list[iati.Activity], report: IatiReport, *, by: Any, via: str) -> None:
    countries = {c for a in activities for c, _ in a.countries}
    countries |= {p.org.id[:2] for a in activities for p in a.participants if p.org.id[2:3] == "-"}
    linker = Linker(source=SOURCE, by=by, via=via, countries=countries)
    places = {
        code: (pk, path)
        for code, pk, path in Territory.objects.filter(kind="country").values_list("code", "pk", "path")
    }
    targets = {code.casefold(): pk for code, pk in SdgTarget.objects.values_list("code", "pk")}
    existing = {
        i.source_id: i
        for i in Initiative.objects.filter(source=SOURCE, source_id__in=[a.id[:120] for a in activities])
    }
    relations: dict[str, RelationData] = {}
    links: dict[int, str] = {}
    for activity in activities:
        report.warnings.extend(activity.warnings)
        initiative = _initiative(activity, existing.get(activity.id[:120]), places, report, by=by, via=via)
        for code in activity.targets:
            if code.casefold() not in targets:
                report.warnings.append(
                    f"{activity.id}: SDG target {code!r} is not a UN target code; left out"
                )
                continue
            _, made = InitiativeSdgTarget.objects.update_or_create(
                initiative=initiative,
                target_id=targets[code.casefold()],
                defaults={"origin": SdgOrigin.CONFIRMED, "score": None},
            )
            report.sdg_targets_confirmed += int(made)
        report.goal_tags_only += bool(activity.goals and not activity.targets)
        money = {c: v for c, v in activity.committed.items() if v > 0}  # net decommitments carry no amount
        if len(money) > 1:
            report.warnings.append(
                f"{activity.id}: commitments in {', '.join(sorted(money))}; amount left out"
            )
            money = {}
        for participant in activity.participants:
            types = iati.ORG_TYPES.get(participant.org_type)
            funding = participant.role == "funding"
            kind = (types[0] if funding else types[1]) if types else None
            if participant.org_type in ("10", "15") and AGENCY.search(participant.org.name):
                kind = "cooperation_agency"
            link = linker.link(participant.org, FUNDER if funding else PARTICIPANT, kind=kind)
            links[link.pk] = link.method
            InitiativeActor.objects.get_or_create(initiative=initiative, actor_id=link.actor_id,
                                                  role=ROLE_OF[participant.role])  # fmt: skip
            relation_type = RELATION_OF[participant.role]
            key = f"{activity.id}|{relation_type}|{link.org_key}"[:200]
            if key in relations:
                continue
            currency, amount = next(iter(money.items())) if (funding and money) else ("", None)
            relations[key] = RelationData(
                type=relation_type, origin=Ref(rules.ACTOR, link.actor_id, link.method),
                target=Ref(rules.INITIATIVE, initiative.pk, "iati activity"), start_date=activity.start,
                end_date=activity.end if not (activity.start and activity.end and activity.end < activity.start) else None,
                amount=amount.quantize(Decimal("0.01")) if amount is not None else None,
                currency=currency if amount is not None else "", instrument=instrument(activity.finance_type) if funding else "",
                source=SOURCE, source_id=key, links={"from_link": link.pk},
            )  # fmt: skip
    counts = RelationsReport(filename=report.filename, source=SOURCE)
    write_relations(list(relations.values()), counts, by=by, via=via)
    report.relations = {"created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged,
                        **{f"by type: {k}": v for k, v in sorted(counts.by_type.items())}}  # fmt: skip
    report.organisations, report.actors_created = len(links), linker.created
    report.organisations_matched = dict(linker.matched)


def _initiative(activity: iati.Activity, current: Initiative | None, places: dict[str, tuple[int, str]],
                report: IatiReport, *, by: Any, via: str) -> Initiative:  # fmt: skip
    main = max(activity.countries, key=lambda c: c[1])[0] if activity.countries else ""
    territory_id, territory_path = places.get(main, (None, ""))
    values = {
        "title": (activity.titles.get("en") or next(iter(activity.titles.values())))[:300],
        "summary": {k: v[:5000] for k, v in activity.descriptions.items()},
        "kind": "project", "territory_id": territory_id, "territory_path": territory_path,
        "starts_on": activity.start, "ends_on": activity.end, "license": "",
    }  # fmt: skip
    if current is None:
        initiative = Initiative.objects.create(source=SOURCE, source_id=activity.id[:120], **values)
        report.initiatives["created"] += 1
        audit.record(action="create", instance=initiative, by=by, via=via,
                     changes={"title": [None, initiative.title], "source_id": [None, initiative.source_id]})  # fmt: skip
        return initiative
    before = {k: audit.to_jsonable(getattr(current, k)) for k in values}
    after = {k: audit.to_jsonable(v) for k, v in values.items()}
    changes = audit.diff(before, after)
    if not changes:
        report.initiatives["unchanged"] += 1
        return current
    for name, value in values.items():
        setattr(current, name, value)
    current.updated_at = timezone.now()
    current.save()
    report.initiatives["updated"] += 1
    audit.record(action="update", instance=current, changes=changes, by=by, via=via)
    return current

"""The one import path for every format and every caller (CLI, API, admin).

``import_file`` reads the whole file, validates and places every row, and only then writes, inside one
transaction: upsert by (source, source id), new localities, audit entries and an :class:`ImportRun`. A refused
file, an exception or a killed process leaves the database exactly as it was.
"""

from __future__ import annotations

import csv
import gc
import json
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from minga.core.errors import ImportRejected, MingaError
from minga.core.permissions import SYSTEM, can_import, require
from minga.core.progress import Progress
from minga.registry.domain import bulk
from minga.registry.domain.placement import Placer
from minga.registry.domain.rows import Reject, RowError, clean
from minga.registry.importers import ReaderSpec, get_reader
from minga.registry.models import ImportRun
from minga.registry.signals import import_committed, import_finishing, import_started
from minga.territories.domain.countries import AMBIGUOUS_CODES, resolve_country
from minga.territories.models import Territory

MAX_LISTED = 20


@dataclass
class ImportReport:
    format: str
    source: str
    filename: str
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    unresolved: dict[str, dict[str, int]] = field(default_factory=dict)
    localities_created: int = 0
    with_coordinates: int = 0
    placed_in_subdivision: int = 0
    dry_run: bool = False
    run_id: int | None = None
    rejects_path: str | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def import_file(
    path: str | Path,
    *,
    format: str,
    source: str | None = None,
    by: Any = SYSTEM,
    via: str = "cli",
    skip_invalid: bool = False,
    dry_run: bool = False,
    rejects_path: str | Path | None = None,
    progress: bool = False,
    options: dict[str, Any] | None = None,
) -> ImportReport:
    """Import one file of ``format`` ("coops-uk", "susy", "kvm", "murmurations", "csv").

    All-or-nothing by default: any invalid row refuses the file (:class:`ImportRejected`, every bad row listed
    with its line). With ``skip_invalid`` the valid rows land and the rejected ones are written to
    ``rejects_path`` (CSV: line, reason, record). ``dry_run`` does everything and then rolls back.
    Side effects: writes actors, localities, audit entries and one import run, in a single transaction.
    """
    require(can_import(by), "import files")
    started = time.monotonic()
    path = Path(path)
    if not path.exists():
        raise MingaError(
            f"No such file: {path}", hint="Check the path; it is read relative to where you are."
        )
    spec = get_reader(format)
    report = ImportReport(
        format=format, source=source or spec.source(path), filename=path.name, dry_run=dry_run
    )
    gc_was_enabled = gc.isenabled()
    gc.disable()  # a million rows of small containers: the cyclic collector would rescan them over and over
    try:
        return _import(
            path,
            spec,
            report,
            by=by,
            via=via,
            skip_invalid=skip_invalid,
            dry_run=dry_run,
            rejects_path=rejects_path,
            progress=progress,
            options=options or {},
            started=started,
        )
    finally:
        if gc_was_enabled:
            gc.enable()


def _import(
    path: Path,
    spec: ReaderSpec,
    report: ImportReport,
    *,
    by: Any,
    via: str,
    skip_invalid: bool,
    dry_run: bool,
    rejects_path: str | Path | None,
    progress: bool,
    options: dict[str, Any],
    started: float,
) -> ImportReport:
    """One pass: read, validate, place and write in chunks, all inside one transaction.

    Without ``skip_invalid``, the first rejected row stops the writing (reading goes on, to list every bad row)
    and the transaction is rolled back at the end: nothing of a refused file is ever committed.
    """
    placer = Placer()
    with transaction.atomic():
        run = ImportRun.objects.create(
            format=spec.name,
            source=report.source,
            filename=path.name,
            sha256=bulk.file_sha256(path),
            user=by if getattr(by, "pk", None) else None,
            via=via,
            started_at=timezone.now(),
        )
        import_started.send(sender=ImportRun, kind="actor")
        writer = bulk.ActorWriter(
            report=report, spec=spec, run=run, placer=placer, by=by, via=f"import:{spec.name}"
        )
        batch: list[bulk.Placed] = []
        with Progress(None, f"Importing {path.name}", enabled=progress) as advance:
            for placed in _placed_records(path, spec, report, placer, options):
                batch.append(placed)
                if len(batch) == bulk.CHUNK:
                    if skip_invalid or not report.rejected:
                        writer.write(batch)
                    advance(len(batch))
                    batch = []
            if skip_invalid or not report.rejected:
                writer.write(batch)
            advance(len(batch))
        if report.rejected and not skip_invalid:
            raise _refusal(path, report)  # leaving the atomic block with an error rolls everything back
        if report.total == 0:
            raise MingaError(f"{path.name} holds no records.", hint=f"Is it really a {spec.name} file?")
        import_finishing.send(sender=ImportRun, kind="actor")
        report.unresolved = {
            "countries": dict(placer.unresolved_countries.most_common()),
            "subdivisions": dict(placer.unmatched_subdivisions.most_common()),
        }
        run.finished_at = timezone.now()
        run.created, run.updated, run.unchanged = report.created, report.updated, report.unchanged
        run.rejected = len(report.rejected)
        run.report = {"unresolved": report.unresolved, "rejected": report.rejected[:1000]}
        run.save()
        report.run_id = run.pk
        if dry_run:
            transaction.set_rollback(True)
            report.run_id = None
    if report.rejected:
        report.rejects_path = str(_write_rejects(path, report, rejects_path))
    report.seconds = round(time.monotonic() - started, 3)
    if not dry_run and (report.created or report.updated):
        import_committed.send(sender=ImportRun, source=report.source, progress=progress)
    return report


def _placed_records(
    path: Path, spec: ReaderSpec, report: ImportReport, placer: Placer, options: dict[str, Any]
) -> Iterator[bulk.Placed]:
    """Valid records with their territory; every rejected one is added to ``report.rejected``."""
    first_line: dict[str, int] = {}
    for item in spec.read(path, **options):
        report.total += 1
        if isinstance(item, Reject):
            report.rejected.append((item.line, item.reason))
            continue
        source_id = str(item.data.get("source_id") or "").strip()
        if not source_id:
            report.rejected.append((item.line, "the record has no identifier (source id)"))
            continue
        if source_id in first_line:
            report.rejected.append(
                (item.line, f"duplicate id {source_id!r} (first at line {first_line[source_id]})")
            )
            continue
        first_line[source_id] = item.line
        try:
            values = clean(item.data)
            territory = _place(placer, item.data, values)
        except RowError as err:
            report.rejected.append((item.line, err.reason))
            continue
        values["source_id"] = source_id
        yield item, values, territory


def _place(placer: Placer, data: dict[str, Any], values: dict[str, Any]) -> Territory | None:
    """Territory for one record; sets ``values["country_code"]`` when the country was found another way."""
    if data.get("territory"):
        given = placer.by_code(str(data["territory"]))
        if given is None:
            raise RowError(f"territory {data['territory']!r} is not a known territory code", "territory")
        values["country_code"] = values["country_code"] or placer.country_of(given)
        return given
    code = values["country_code"]
    text = data.get("country_text")
    if not code and text:
        code = resolve_country(str(text)) or ""
        if code in AMBIGUOUS_CODES and values["lat"] is not None:
            code = (
                ""  # free-text "SR": Suriname by ISO, Slovakia or Serbia in European data; coordinates decide
            )
    if code and code not in placer.countries and not (values["lat"] is not None and text):
        raise RowError(f"country code {code!r} is not an ISO 3166-1 country")
    country = placer.country(code, values["lat"], values["lon"])
    if country is None:
        if text or code:
            placer.unresolved_countries[str(text or code)] += 1
        return None
    values["country_code"] = country.code
    node: Territory = country
    sub = placer.subdivision(
        country, code=str(data.get("subdivision_code") or ""), name=str(data.get("subdivision_name") or "")
    )
    if data.get("subdivision_code") and sub is None:
        raise RowError(
            f"subdivision {data['subdivision_code']!r} is not an ISO 3166-2 code of {country.code}"
        )
    if sub is not None:
        node = sub
    locality = " ".join(str(data.get("locality") or "").split())
    if locality:
        node = placer.locality(node, locality)
    return node


def _refusal(path: Path, report: ImportReport) -> ImportRejected:
    shown = "\n".join(f"  line {line}: {reason}" for line, reason in report.rejected[:MAX_LISTED])
    more = len(report.rejected) - MAX_LISTED
    if more > 0:
        shown += f"\n  … and {more} more"
    return ImportRejected(
        f"Refused {path.name}: {len(report.rejected)} invalid row(s) of {report.total}; nothing was imported.\n"
        + shown,
        rejects=report.rejected,
        hint="Fix the rows listed and import again, or use --skip-invalid to import the valid rows "
        "and write the rejected ones to a rejects file.",
    )


def _write_rejects(path: Path, report: ImportReport, target: str | Path | None) -> Path:
    if target is None:
        folder = Path(settings.MINGA_HOME) / "rejects"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{path.stem}.{timezone.now():%Y%m%d-%H%M%S}.rejects.csv"
    target = Path(target)
    with target.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["line", "reason"])
        writer.writerows(report.rejected)
    return target


def report_json(report: ImportReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)

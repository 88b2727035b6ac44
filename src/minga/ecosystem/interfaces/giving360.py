"""Reading 360Giving grant files: the JSON form (``{"grants": [...]}``) and the flat CSV form with the standard's
column titles ("Funding Org:Identifier", "Recipient Org:Name", …). Money is read as Decimal, never float. Each
grant comes back as a :class:`Grant`, or as an error naming its position (JSON: grant number; CSV: line)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from minga.core.errors import MingaError
from minga.ecosystem.domain.matching import Org
from minga.territories.domain.countries import resolve_country

UK_NATIONS = {"england", "scotland", "wales", "northern ireland", "uk", "united kingdom", "great britain"}


@dataclass
class Grant:
    position: int  # JSON: 1-based grant number; CSV: line
    id: str
    title: str
    description: str
    currency: str
    amount: str  # as written; checked by the import's money rules
    award_date: dt.date | None
    start_date: dt.date | None
    end_date: dt.date | None
    programme: str
    funder: Org
    recipient: Org
    countries: list[str] = field(default_factory=list)


def read(path: Path) -> Iterator[Grant | tuple[int, str]]:
    """The grants of a 360Giving JSON or CSV file, or (position, reason) for a grant that cannot be read."""
    if path.suffix.lower() == ".json":
        yield from _read_json(path)
    else:
        yield from _read_csv(path)


def _read_json(path: Path) -> Iterator[Grant | tuple[int, str]]:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError as err:
        raise MingaError(f"{path.name} is not UTF-8 text ({err.reason} at byte {err.start})",
                         hint="Save the file as UTF-8 and import it again.") from None  # fmt: skip
    except json.JSONDecodeError as err:
        raise MingaError(f"{path.name} is not valid JSON: {err.msg} at line {err.lineno} column {err.colno}",
                         hint="Check that the file is a 360Giving JSON file.") from None  # fmt: skip
    grants = data.get("grants") if isinstance(data, dict) else None
    if not isinstance(grants, list):
        raise MingaError(f"{path.name} has no \"grants\" list",
                         hint='A 360Giving JSON file is {"grants": [...]}; for a spreadsheet, save it as CSV.')  # fmt: skip
    for number, grant in enumerate(grants, start=1):
        if not isinstance(grant, dict):
            yield number, "is not an object"
            continue
        try:
            yield _grant_json(number, grant)
        except ValueError as err:
            yield number, str(err)


def _first(value: Any) -> dict[str, Any]:
    if isinstance(value, list):
        return value[0] if value and isinstance(value[0], dict) else {}
    return value if isinstance(value, dict) else {}


def _grant_json(number: int, g: dict[str, Any]) -> Grant:
    funder, recipient = _first(g.get("fundingOrganization")), _first(g.get("recipientOrganization"))
    planned = _first(g.get("plannedDates"))
    countries = [str(b.get("countryCode")).upper() for b in g.get("beneficiaryLocation") or [] if isinstance(b, dict) and b.get("countryCode")]  # fmt: skip
    return Grant(
        position=number,
        id=_text(g.get("id"), "id", required=True),
        title=_text(g.get("title"), "title"),
        description=_text(g.get("description"), "description"),
        currency=_text(g.get("currency"), "currency"),
        amount=_text(g.get("amountAwarded"), "amountAwarded", required=True),
        award_date=_date(g.get("awardDate"), "awardDate"),
        start_date=_date(planned.get("startDate"), "plannedDates.startDate"),
        end_date=_date(planned.get("endDate"), "plannedDates.endDate"),
        programme=_text(_first(g.get("grantProgramme")).get("title"), "grantProgramme.title"),
        funder=_org(funder, "fundingOrganization"),
        recipient=_org(recipient, "recipientOrganization"),
        countries=countries,
    )


def _org(o: dict[str, Any], what: str) -> Org:
    org = Org(
        id=_text(o.get("id"), f"{what}.id"),
        name=_text(o.get("name"), f"{what}.name", required=True),
        company_number=_text(o.get("companyNumber"), f"{what}.companyNumber"),
        charity_number=_text(o.get("charityNumber"), f"{what}.charityNumber"),
        postcode=_text(o.get("postalCode"), f"{what}.postalCode"),
        locality=_text(o.get("addressLocality"), f"{what}.addressLocality"),
        region=_text(o.get("addressRegion"), f"{what}.addressRegion"),
        org_type=_text(o.get("organisationType"), f"{what}.organisationType"),
    )
    org.country = _country(_text(o.get("addressCountry"), f"{what}.addressCountry"), org.id)
    return org


def _country(text: str, identifier: str) -> str:
    if text.casefold() in UK_NATIONS:
        return "GB"
    if text:
        found = resolve_country(text)
        if found:
            return found
    prefix = identifier[:2].upper()
    return "GB" if prefix in ("GB", "36") else ""  # 360G-… ids are UK publishers' local ids


def _text(value: Any, name: str, *, required: bool = False) -> str:
    if value is None or value == "":
        if required:
            raise ValueError(f"{name} is missing")
        return ""
    if isinstance(value, (dict, list)):
        raise ValueError(f"{name} should be text, not {type(value).__name__}")
    return str(value).strip()


def _date(value: Any, name: str) -> dt.date | None:
    text = _text(value, name)
    if not text:
        return None
    for parse in (
        lambda t: dt.date.fromisoformat(t[:10]),
        lambda t: dt.datetime.strptime(t[:10], "%d/%m/%Y").date(),
    ):
        try:
            return parse(text)
        except ValueError:
            continue
    raise ValueError(f"{name} {text!r} is not a date")


def _read_csv(path: Path) -> Iterator[Grant | tuple[int, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("Identifier", "Amount Awarded", "Funding Org:Name", "Recipient Org:Name")
                       if c not in (reader.fieldnames or [])]  # fmt: skip
            if missing:
                raise MingaError(
                    f"{path.name}: missing 360Giving column(s) {', '.join(missing)}",
                    hint="Use the 360Giving standard's column titles (e.g. 'Funding Org:Identifier').",
                )
            rows = [(reader.line_num, row) for row in reader]
    except UnicodeDecodeError as err:
        raise MingaError(f"{path.name} is not UTF-8 text ({err.reason} at byte {err.start})",
                         hint="Save the file as UTF-8 CSV and import it again.") from None  # fmt: skip
    for line, row in rows:
        try:
            yield _grant_csv(line, row)
        except ValueError as err:
            yield line, str(err)


def _grant_csv(line: int, r: dict[str, str]) -> Grant:
    def col(name: str) -> str:
        return (r.get(name) or "").strip()

    recipient = Org(id=col("Recipient Org:Identifier"), name=col("Recipient Org:Name"),
                    company_number=col("Recipient Org:Company Number"), charity_number=col("Recipient Org:Charity Number"),
                    postcode=col("Recipient Org:Postal Code"), locality=col("Recipient Org:City"),
                    region=col("Recipient Org:County"))  # fmt: skip
    if not recipient.name:
        raise ValueError("Recipient Org:Name is missing")
    recipient.country = _country(col("Recipient Org:Country"), recipient.id)
    funder = Org(id=col("Funding Org:Identifier"), name=col("Funding Org:Name"))
    if not funder.name:
        raise ValueError("Funding Org:Name is missing")
    funder.country = _country("", funder.id)
    if not col("Identifier"):
        raise ValueError("Identifier is missing")
    if not col("Amount Awarded"):
        raise ValueError("Amount Awarded is missing")
    country = col("Beneficiary Location:Country Code").upper()
    return Grant(
        position=line, id=col("Identifier"), title=col("Title"), description=col("Description"),
        currency=col("Currency"), amount=col("Amount Awarded"), award_date=_date(col("Award Date"), "Award Date"),
        start_date=_date(col("Planned Dates:Start Date"), "Planned Dates:Start Date"),
        end_date=_date(col("Planned Dates:End Date"), "Planned Dates:End Date"),
        programme=col("Grant Programme:Title"), funder=funder, recipient=recipient,
        countries=[country] if country else [],
    )  # fmt: skip

"""Co-operatives UK open data, in the Digital Commons "standard" CSV (one row per co-operative)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from minga.registry.domain.rows import Record, Reject, essglobal_code
from minga.registry.importers import ReaderSpec, text

REQUIRED = ("Identifier", "Name", "Country ID", "Region", "Geo Container Latitude", "Geo Container Longitude")
#: ESSGlobal organisational structure → Minga actor kind
KIND_BY_STRUCTURE = {
    "OS10": "community_group", "OS20": "association", "OS30": "social_enterprise", "OS40": "association",
    "OS120": "social_enterprise", "OS170": "mutual", "OS180": "network", "OS190": "network", "OS200": "network",
    "OS220": "local_government", "OS230": "international_organisation", "OS240": "network",
}  # fmt: skip
#: Co-ops UK legal form → ESSGlobal legal form (L1 informal, L2 co-operative, L3 company, L4 non-profit, L5 SE)
LEGAL_FORM = {
    "Society": "L2", "Company": "L3", "Community Interest Company": "L5", "Unincorporated": "L1",
    "LLP": "L3", "Limited Partnership": "L3", "Scottish Charitable Incorporated Organisation": "L4",
}  # fmt: skip


def company_number(value: str | None) -> str:
    """A Companies House number as org-ids write it: upper case, no spaces, all-digit numbers padded to 8."""
    number = "".join((value or "").split()).upper()
    return number.zfill(8) if number.isdigit() else number


def read(path: Path) -> Iterator[Record | Reject]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            yield Reject(1, f"not a Co-ops UK standard CSV: missing column(s) {', '.join(missing)}")
            return
        line = 1
        for row in reader:
            start, line = line + 1, reader.line_num
            if None in row:
                yield Reject(start, f"{len(row[None])} more value(s) than the header has columns", row)  # type: ignore[index]
                continue
            structure = essglobal_code(row.get("Organisational Structure") or "")
            social = {k: v for k in ("Twitter", "Facebook") if (v := text(row.get(k)))}
            yield Record(
                start,
                {
                    "source_id": text(row["Identifier"]),
                    "name": row["Name"],
                    "kind": KIND_BY_STRUCTURE.get(structure, "cooperative"),
                    "description": {"en": d} if (d := text(row.get("Description"))) else {},
                    "organisational_structure": structure,
                    "primary_activity": row.get("Primary Activity") or "",
                    "activities": [
                        essglobal_code(a) for a in (row.get("Activities") or "").split(";") if a.strip()
                    ],
                    "membership_type": row.get("Membership Type") or "",
                    "legal_form": LEGAL_FORM.get(text(row.get("Legal Form")), ""),
                    "legal_form_local": text(row.get("Legal Form")),
                    "qualifiers": [
                        essglobal_code(q) for q in (row.get("Qualifiers") or "").split(";") if q.strip()
                    ],
                    "tags": [
                        t for t in (text(row.get("Sector")), text(row.get("Ownership Classification"))) if t
                    ],
                    "identifiers": [f"GB-COH-{ch}"]
                    if (ch := company_number(row.get("Companies House Number")))
                    else [],
                    "website": row.get("Website") or "",
                    "email": row.get("Email") or "",
                    "phone": text(row.get("Phone")),
                    "social": social,
                    "street_address": (row.get("Street Address") or "").strip(),
                    "locality_name": text(row.get("Locality")),
                    "postcode": text(row.get("Postcode")),
                    "country_code": text(row["Country ID"]),
                    "lat": row.get("Latitude") or row["Geo Container Latitude"],
                    "lon": row.get("Longitude") or row["Geo Container Longitude"],
                    "subdivision_name": text(row["Region"]),
                    "locality": text(row.get("Locality")),
                },
                row,
            )


SPEC = ReaderSpec(
    name="coops-uk",
    read=read,
    default_source="coops-uk",
    license="ODC-By-1.0",
    attribution="Contains Co-operatives UK open data",
    description="Co-operatives UK open data, Digital Commons standard CSV",
)

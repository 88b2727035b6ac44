"""Reading IATI activity files (standard 2.0x XML): each ``<iati-activity>`` as an :class:`Activity` with its
texts by language, dates, recipient countries, SDG targets (``<tag vocabulary="3">`` and ``<sector
vocabulary="8">``), participating organisations with their roles, and its committed money per currency (Decimal).
Namespaced extras (D-Portal's, Sida's) are ignored; a transaction that cannot be read is skipped with a warning."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree import ElementTree as ET

from minga.core.errors import MingaError
from minga.ecosystem.domain.matching import Org

ROLES = {"1": "funding", "2": "accountable", "3": "extending", "4": "implementing"}
#: IATI organisation type → (kind as a funder, kind otherwise)
ORG_TYPES = {
    "10": ("funder_public", "national_government"), "11": ("funder_public", "regional_government"),
    "15": ("funder_public", "national_government"), "21": ("civil_society", "civil_society"),
    "22": ("civil_society", "civil_society"), "23": ("civil_society", "civil_society"),
    "24": ("civil_society", "civil_society"), "30": ("funder_private", "private_company"),
    "40": ("international_organisation", "international_organisation"), "60": ("funder_foundation", "foundation"),
    "70": ("funder_private", "private_company"), "71": ("funder_private", "private_company"),
    "72": ("funder_private", "private_company"), "73": ("funder_private", "private_company"),
    "80": ("research", "research"), "90": ("civil_society", "civil_society"),
}  # fmt: skip
COMMITMENT, DISBURSEMENT = "2", "3"
#: names publishers put where an organisation's name belongs (IATI organisation-type and DAC channel labels)
CATEGORY_NAMES = frozenset({
    "donor country based ngo", "international ngo", "national ngo", "regional ngo", "partner country based ngo",
    "government", "other public sector", "multilateral", "foundation", "private sector", "other",
    "academic, training and research", "public private partnership", "ngo", "not available", "n/a",
})  # fmt: skip
ORG_ID = re.compile(r"^[A-Z]{2}-[A-Za-z0-9]+(-.+)?$")  # org-id.guide: country or XM/XI, register, number


@dataclass
class Participant:
    org: Org
    role: str  # funding | accountable | extending | implementing
    org_type: str


@dataclass
class Activity:
    position: int
    id: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    start: dt.date | None
    end: dt.date | None
    countries: list[tuple[str, float]]  # (ISO code, percentage)
    targets: list[str]  # SDG target codes, "1.1"
    goals: list[str]  # SDG goal tags without a target
    participants: list[Participant]
    committed: dict[str, Decimal]  # currency → sum of commitments (disbursements when none)
    finance_type: str
    warnings: list[str] = field(default_factory=list)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _texts(element: ET.Element | None, default_lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if element is None:
        return out
    for narrative in element.findall("narrative"):
        lang = (narrative.get("{http://www.w3.org/XML/1998/namespace}lang") or default_lang or "en").lower()[
            :2
        ]
        text = (narrative.text or "").strip()
        if text and lang not in out:
            out[lang] = text
    return out


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10]) if value else None
    except ValueError:
        return None


def read(path: Path) -> Iterator[Activity | tuple[int, str]]:
    """The activities of an IATI XML file, or (activity number, reason) for one that cannot be read."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        raise MingaError(f"{path.name} is not well-formed XML: {err}",
                         hint="Check that the file is an IATI activity file (iati-activities XML).") from None  # fmt: skip
    if _local(root.tag) != "iati-activities":
        raise MingaError(f"{path.name}: the root element is <{_local(root.tag)}>, not <iati-activities>",
                         hint="Use an IATI activity file (an organisation file is not supported).")  # fmt: skip
    for number, element in enumerate((e for e in root if _local(e.tag) == "iati-activity"), start=1):
        try:
            yield _activity(number, element, root.get("version", ""))
        except ValueError as err:
            yield number, str(err)


def _activity(number: int, a: ET.Element, version: str) -> Activity:
    lang = (a.get("{http://www.w3.org/XML/1998/namespace}lang") or "en").lower()
    currency = a.get("default-currency") or ""
    identifier = (a.findtext("iati-identifier") or "").strip()
    if not identifier:
        raise ValueError("iati-identifier is missing")
    titles = _texts(a.find("title"), lang)
    if not titles:
        raise ValueError(f"{identifier}: the title is missing")
    descriptions: dict[str, str] = {}
    for description in a.findall("description"):
        for k, v in _texts(description, lang).items():
            descriptions[k] = f"{descriptions[k]}\n\n{v}" if k in descriptions else v
    dates = {d.get("type"): _date(d.get("iso-date")) for d in a.findall("activity-date")}
    countries = []
    for country in a.findall("recipient-country"):
        code = (country.get("code") or "").upper()
        try:
            share = float(country.get("percentage") or 100)
        except ValueError:
            share = 0.0
        if len(code) == 2:
            countries.append((code, share))
    targets, goals = [], []
    for tag in a.findall("tag"):
        code = (tag.get("code") or "").strip()
        if tag.get("vocabulary") == "3" and code:
            targets.append(code)
        elif tag.get("vocabulary") == "2" and code:
            goals.append(code)
    targets += [(s.get("code") or "").strip() for s in a.findall("sector") if s.get("vocabulary") == "8"]
    participants = []
    warnings: list[str] = []
    for p in a.findall("participating-org"):
        role = ROLES.get(p.get("role") or "")
        names = _texts(p, lang)
        name = names.get("en") or next(iter(names.values()), "") or (p.get("ref") or "")
        ref = (p.get("ref") or "").strip()
        if not ORG_ID.match(ref) and name.casefold().replace("-", " ") in CATEGORY_NAMES:
            warnings.append(
                f"{identifier}: participating-org {name!r} is a category, not an organisation; left out"
            )
            continue
        if (
            role and name
        ):  # a ref that is not an org-id (a DAC channel code such as 22000) names no one organisation
            org = Org(id=ref if ORG_ID.match(ref) else "", name=name)
            participants.append(Participant(org, role, p.get("type") or ""))
    sums: dict[str, dict[str, Decimal]] = {COMMITMENT: {}, DISBURSEMENT: {}}
    for n, t in enumerate(a.findall("transaction"), start=1):
        kind = t.find("transaction-type")
        type_code = kind.get("code") if kind is not None else None
        value = t.find("value")
        if type_code is None or type_code not in sums:
            if type_code is None:
                warnings.append(f"{identifier}: transaction {n} has no transaction-type code; skipped")
            continue
        try:
            amount = Decimal((value.text or "").strip()) if value is not None else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            warnings.append(f"{identifier}: transaction {n} has no readable value; skipped")
            continue
        cur = (value.get("currency") if value is not None else None) or currency
        sums[type_code][cur] = sums[type_code].get(cur, Decimal(0)) + amount
    finance = a.find("default-finance-type")
    return Activity(
        position=number, id=identifier, titles=titles, descriptions=descriptions,
        start=dates.get("2") or dates.get("1"), end=dates.get("4") or dates.get("3"), countries=countries,
        targets=list(dict.fromkeys(t for t in targets if t)), goals=list(dict.fromkeys(goals)),
        participants=participants, committed=sums[COMMITMENT] or sums[DISBURSEMENT],
        finance_type=(finance.get("code") or "") if finance is not None else "", warnings=warnings,
    )  # fmt: skip

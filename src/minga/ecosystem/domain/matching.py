"""Finding the Minga actor an organisation of a funding file is, before creating a new one. In this order:
1. an organisation identifier the actor carries (``Actor.identifiers``: ``GB-COH-…`` Companies House numbers);
2. a society number (``GB-COH-IP…R``, ``GB-COH-RS…``, ``GB-MPR-…``) or Companies House number through the
   Co-operatives UK 2017 registration-number crosswalk (shipped in ``data/coops-uk-2017/``) to a Co-ops UK actor;
3. the exact name (case-insensitive), when exactly one actor of the organisation's country has it;
4. the normalised name (legal words, punctuation and "co-operative" spelling folded), when exactly one actor has
   it, or exactly one of those shares the organisation's postcode district.
An identifier match whose names share no distinctive word is not taken (the identifier is then probably wrong in one source)."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from minga.registry.models import Actor

CROSSWALK = Path(__file__).resolve().parents[2] / "data" / "coops-uk-2017" / "registration-numbers.csv"
DROPPED = {
    "limited",
    "ltd",
    "cic",
    "the",
    "society",
    "company",
    "plc",
    "llp",
    "uk",
    "community interest company",
}
_WORD = re.compile(r"[a-z0-9]+")
_UK_POSTCODE = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}")
#: words too common in SSE organisation names to show that two names mean the same organisation
GENERIC = frozenset(
    [
        "cooperative",
        "cooperatives",
        "coop",
        "coops",
        "cooperation",
        "community",
        "communities",
        "trust",
        "association",
        "group",
        "foundation",
        "centre",
        "center",
        "network",
        "services",
        "service",
        "enterprise",
        "enterprises",
        "social",
        "project",
        "projects",
        "and",
        "of",
        "for",
        "in",
        "at",
        "on",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "el",
        "los",
        "las",
        "y",
        "et",
        "a",
        "an",
        "club",
        "homes",
        "housing",
        "development",
        "partnership",
        "federation",
        "union",
        "mutual",
        "fund",
        "charity",
        "charitable",
        "council",
    ]
)


@dataclass
class Org:
    """An organisation as a funding file describes it."""

    id: str = ""
    name: str = ""
    company_number: str = ""
    charity_number: str = ""
    postcode: str = ""
    locality: str = ""
    region: str = ""
    country: str = ""  # ISO 3166-1 alpha-2 when known
    org_type: str = ""
    extra_ids: list[str] = field(default_factory=list)

    def identifiers(self) -> list[str]:
        """Every org-id this organisation is known by (its own, and those its numbers imply)."""
        found = [self.id] if self.id and "DUMMY" not in self.id.upper() else []
        if self.company_number and self.company_number.lower() not in ("n/a", "none", "0"):
            found.append(f"GB-COH-{self.company_number}")
        if self.charity_number and self.charity_number.lower() not in ("n/a", "none", "0"):
            found.append(f"GB-CHC-{self.charity_number}")
        found.extend(self.extra_ids)
        return list(dict.fromkeys(i.strip() for i in found if i.strip()))


@dataclass(frozen=True)
class Match:
    actor_id: int
    method: str  # "identifier", "crosswalk", "exact name", "normalised name", "normalised name + postcode"
    evidence: str


def normalise_name(name: str) -> str:
    """Lower case, no accents or punctuation, "co-operative" as "cooperative", legal words dropped."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("co-operative", "cooperative").replace("co-op", "coop").replace("&", " and ")
    text = text.replace("community interest company", " ")
    return " ".join(w for w in _WORD.findall(text) if w not in DROPPED)


def district(postcode: str) -> str:
    """The outward code of a UK postcode ("LS3 1HH" or "ls31hh" → "LS3"); other postcodes whole, upper case."""
    compact = "".join(postcode.upper().split())
    if _UK_POSTCODE.fullmatch(compact):
        return compact[:-3]
    return compact


def number_keys(identifier: str) -> list[str]:
    """Registry numbers an org-id stands for, as crosswalk keys: ``CH:<8-digit or prefixed number>`` for Companies
    House, ``FCA:<number>`` for society numbers (old ``28755R`` and post-2014 ``7137RS`` forms)."""
    ident = identifier.strip().upper()
    if ident.startswith("GB-MPR-"):
        return [f"FCA:{_fca(ident[7:])}"]
    if not ident.startswith("GB-COH-"):
        return []
    number = ident[7:].replace(" ", "")
    if m := re.fullmatch(r"IP0*(\d+)R?", number):
        return [f"FCA:{m.group(1)}R"]
    if m := re.fullmatch(r"RS0*(\d+)", number):
        return [f"FCA:{m.group(1)}RS"]
    return [f"CH:{number.zfill(8) if number.isdigit() else number}"]


def _fca(number: str) -> str:
    m = re.fullmatch(r"0*(\d+)([A-Z]*)", number.strip().upper())
    return f"{m.group(1)}{m.group(2)}" if m else number.strip().upper()


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, str]:
    """Registry number key → Co-ops UK id (``R…``), from the 2017 crosswalk."""
    out: dict[str, str] = {}
    with CROSSWALK.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            number = (row["Registered Number"] or "").strip().upper()
            if not number:
                continue
            if row["Registrar"] == "FCA":
                out[f"FCA:{_fca(number)}"] = row["CUK Organisation ID"]
            elif row["Registrar"] == "Companies House":
                out[f"CH:{number.zfill(8) if number.isdigit() else number}"] = row["CUK Organisation ID"]
    return out


class Matcher:
    """Looks organisations up among the actors stored when it was built (one pass over them)."""

    def __init__(self, *, countries: set[str] | None = None) -> None:
        self.by_identifier: dict[str, int] = {}
        self.by_exact: dict[str, list[int]] = defaultdict(list)
        self.by_normal: dict[str, list[int]] = defaultdict(list)
        self.names: dict[int, str] = {}
        self.districts: dict[int, str] = {}
        self.coops_uk: dict[str, int] = {}
        actors = Actor.objects.all()
        if countries:
            actors = actors.filter(country_code__in=countries)
        rows = actors.values_list("id", "name", "identifiers", "postcode", "source", "source_id")
        for actor_id, name, identifiers, postcode, source, source_id in rows.iterator(chunk_size=5000):
            for identifier in identifiers or []:
                self.by_identifier.setdefault(identifier.upper(), actor_id)
                for key in number_keys(identifier):
                    self.by_identifier.setdefault(key, actor_id)
            self.by_exact[name.casefold().strip()].append(actor_id)
            self.by_normal[normalise_name(name)].append(actor_id)
            self.names[actor_id] = name
            self.districts[actor_id] = district(postcode or "")
            if source == "coops-uk":
                self.coops_uk[source_id] = actor_id

    def find(self, org: Org) -> Match | None:
        """The actor ``org`` is, and how that was decided; None when no rule decides."""
        for identifier in org.identifiers():
            for key in [identifier.upper(), *number_keys(identifier)]:
                actor_id = self.by_identifier.get(key)
                if actor_id is None and key in crosswalk():
                    actor_id = self.coops_uk.get(crosswalk()[key])
                    method = "crosswalk"
                else:
                    method = "identifier"
                if actor_id is not None and self._names_agree(org.name, actor_id):
                    return Match(actor_id, method, f"{identifier} ({key})")
        exact = self.by_exact.get(org.name.casefold().strip(), [])
        if len(exact) == 1:
            return Match(exact[0], "exact name", org.name)
        normal = normalise_name(org.name)
        candidates = self.by_normal.get(normal, []) if normal else []
        if len(candidates) == 1:
            return Match(candidates[0], "normalised name", normal)
        near = [a for a in candidates if org.postcode and self.districts[a] == district(org.postcode)]
        if len(near) == 1:
            return Match(near[0], "normalised name + postcode", f"{normal} in {district(org.postcode)}")
        return None

    def _names_agree(self, name: str, actor_id: int) -> bool:
        """Are the names the same after normalising, or do they share a distinctive word (not one of
        ``GENERIC``)? Identifiers do get mixed up between sources."""
        ours, theirs = normalise_name(self.names.get(actor_id, "")), normalise_name(name)
        if not ours or not theirs or ours == theirs:
            return True
        return bool((set(ours.split()) & set(theirs.split())) - GENERIC)

    def add(self, org: Org, actor_id: int) -> None:
        """Remember a new actor made for ``org``, so later rows of the same file find it."""
        for identifier in org.identifiers():
            self.by_identifier.setdefault(identifier.upper(), actor_id)
        self.names[actor_id] = org.name
        self.districts[actor_id] = district(org.postcode)

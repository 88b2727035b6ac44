"""Load the territory tree from packaged reference data: UN M49 (en/es/fr) and ISO 3166-2 (pycountry).

Idempotent: re-running updates names and parents in place and never touches localities.
"""

from __future__ import annotations

import csv
import gettext
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry
from django.db import transaction

from minga.territories.models import Territory, TerritoryKind

DATA = Path(__file__).resolve().parents[2] / "data" / "m49"
LANGUAGES = ("en", "es", "fr")
WORLD = "001"


@dataclass
class Node:
    code: str
    kind: str
    parent: str | None
    names: dict[str, str] = field(default_factory=dict)
    m49: str = ""
    iso_alpha3: str = ""
    subdivision_type: str = ""


def _read_m49(language: str) -> list[dict[str, str]]:
    with (DATA / f"UNSD-{language}.csv").open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def m49_nodes() -> dict[str, Node]:
    """World, regions, sub-regions, intermediate regions and countries, named in en/es/fr."""
    nodes: dict[str, Node] = {}
    levels = (
        ("Region", TerritoryKind.REGION),
        ("Sub-region", TerritoryKind.SUBREGION),
        ("Intermediate Region", TerritoryKind.INTERMEDIATE),
    )
    for language in LANGUAGES:
        for row in _read_m49(language):
            world = nodes.setdefault(WORLD, Node(WORLD, TerritoryKind.WORLD, None, m49=WORLD))
            world.names[language] = row["Global Name"]
            parent = WORLD
            for label, kind in levels:
                code = row[f"{label} Code"]
                if not code:
                    continue
                node = nodes.setdefault(code, Node(code, kind, parent, m49=code))
                node.names[language] = row[f"{label} Name"]
                parent = code
            iso2 = row["ISO-alpha2 Code"]
            if not iso2:
                continue
            country = nodes.setdefault(
                iso2,
                Node(
                    iso2,
                    TerritoryKind.COUNTRY,
                    parent,
                    m49=row["M49 Code"],
                    iso_alpha3=row["ISO-alpha3 Code"],
                ),
            )
            country.names[language] = row["Country or Area"]
    return nodes


@cache
def translator(domain: str, language: str) -> gettext.NullTranslations:
    """pycountry's translations of ``domain`` ("iso3166-1", "iso3166-2") into ``language`` (the names unchanged
    when it has none)."""
    return gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def subdivision_nodes(countries: set[str]) -> dict[str, Node]:
    """ISO 3166-2 subdivisions of ``countries`` with their parent subdivisions, names in en/es/fr."""
    tr = {lang: translator("iso3166-2", lang) for lang in LANGUAGES if lang != "en"}
    nodes: dict[str, Node] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code not in countries:
            continue
        parent = getattr(sub, "parent_code", None) or sub.country_code
        names = {"en": sub.name, **{lang: t.gettext(sub.name) for lang, t in tr.items()}}
        nodes[sub.code] = Node(
            sub.code, TerritoryKind.SUBDIVISION, parent, names=names, subdivision_type=sub.type or ""
        )
    for node in nodes.values():  # a parent code missing from the list: hang it on the country
        if node.parent not in nodes and node.parent not in countries:
            node.parent = node.code.split("-")[0]
    return nodes


def _ordered(nodes: dict[str, Node]) -> list[tuple[Node, str, int]]:
    """Nodes with their path and depth, parents before children."""
    paths: dict[str, tuple[str, int]] = {}

    def resolve(code: str) -> tuple[str, int]:
        if code not in paths:
            node = nodes[code]
            if node.parent is None:
                paths[code] = (f"/{code}/", 0)
            else:
                parent_path, depth = resolve(node.parent)
                paths[code] = (f"{parent_path}{code}/", depth + 1)
        return paths[code]

    out = [(node, *resolve(code)) for code, node in nodes.items()]
    return sorted(out, key=lambda item: item[2])


@transaction.atomic
def load_territories() -> dict[str, int]:
    """Create or update world → M49 regions → countries → subdivisions. Returns counts by kind.

    Side effects: writes ``territories_territory`` rows (one transaction); localities are left as they are.
    """
    nodes = m49_nodes()
    countries = {n.code for n in nodes.values() if n.kind == TerritoryKind.COUNTRY}
    nodes.update(subdivision_nodes(countries))
    existing = {t.code: t for t in Territory.objects.exclude(kind=TerritoryKind.LOCALITY)}
    by_code: dict[str, Territory] = {}
    changed: list[Territory] = []
    for node, path, depth in _ordered(nodes):
        parent = by_code[node.parent] if node.parent else None
        values = {
            "kind": str(node.kind),
            "parent_id": parent.pk if parent else None,
            "path": path,
            "depth": depth,
            "names": node.names,
            "m49": node.m49,
            "iso_alpha3": node.iso_alpha3,
            "subdivision_type": node.subdivision_type,
        }
        territory = existing.get(node.code)
        if territory is None:
            territory = Territory.objects.create(code=node.code, **values)
        elif any(getattr(territory, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(territory, k, v)
            changed.append(territory)
        by_code[node.code] = territory
    if changed:
        Territory.objects.bulk_update(changed, list(values), batch_size=500)
    counts: dict[str, int] = {}
    for node in nodes.values():
        counts[str(node.kind)] = counts.get(str(node.kind), 0) + 1
    return counts

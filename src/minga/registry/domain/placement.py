"""Placing records in the territory tree: country by code or coordinates, subdivision by name, locality on demand.

A :class:`Placer` caches everything it looks up, so placing a million rows costs a handful of queries.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

from minga.maths.geo import CountryLocator
from minga.territories.domain.queries import locality_code
from minga.territories.models import Territory, TerritoryKind

ATLAS = Path(__file__).resolve().parents[2] / "data" / "world-atlas" / "countries-50m.json"
_DROP_WORDS = {"city", "of", "the", "county", "council", "borough", "district", "and"}


def normalise_name(text: str) -> str:
    """Lower-case ASCII words, punctuation dropped: "Rhondda, Cynon, Taf" → "rhondda cynon taf"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def _keys(name: str) -> set[str]:
    """Match keys for a subdivision name, including the bracketed alternative ("Swansea [Abertawe]")."""
    keys = set()
    for part in re.split(r"[\[\]]", name):
        norm = normalise_name(part)
        if norm:
            keys.add(norm)
            keys.add(" ".join(w for w in norm.split() if w not in _DROP_WORDS))
            keys.add(norm.replace(" ", ""))
    return {k for k in keys if k}


@lru_cache(maxsize=1)
def country_locator() -> CountryLocator:
    return CountryLocator.from_topojson(ATLAS)


class Placer:
    """Finds the territory for (country, subdivision, locality, coordinates), remembering what failed."""

    def __init__(self) -> None:
        self.countries = {t.code: t for t in Territory.objects.filter(kind=TerritoryKind.COUNTRY)}
        self.by_m49 = {t.m49: t for t in self.countries.values()}
        self._subdivisions: dict[str, dict[str, Territory]] = {}
        self._by_code: dict[str, Territory] = {}
        self.localities: dict[str, Territory] = {}
        self.new_localities: dict[str, Territory] = {}
        self.unmatched_subdivisions: Counter[str] = Counter()
        self.unresolved_countries: Counter[str] = Counter()

    def by_code(self, code: str) -> Territory | None:
        """Any territory by its code (M49, ISO 3166-1/-2 or locality code)."""
        code = code.strip()
        if code not in self._by_code:
            found = Territory.objects.filter(code=code).first()
            if found is None:
                return None
            self._by_code[code] = found
        return self._by_code[code]

    def country_of(self, territory: Territory) -> str:
        """The ISO code of the country on ``territory``'s path ("" above country level)."""
        return next((c for c in territory.path.strip("/").split("/") if c in self.countries), "")

    def country(self, code: str | None, lat: float | None, lon: float | None) -> Territory | None:
        """Country by ISO alpha-2 code, else by the point's position on the 1:50m world map."""
        if code and code.upper() in self.countries:
            return self.countries[code.upper()]
        if lat is not None and lon is not None:
            m49 = country_locator().locate(lon, lat)
            if m49 and m49 in self.by_m49:
                return self.by_m49[m49]
        return None

    def _index(self, country: Territory) -> dict[str, Territory]:
        if country.code not in self._subdivisions:
            index: dict[str, Territory] = {}
            subs = Territory.objects.filter(kind=TerritoryKind.SUBDIVISION, path__startswith=country.path)
            for sub in subs:
                self._by_code[sub.code] = sub
                for key in _keys(sub.names.get("en", "")):
                    index.setdefault(key, sub)
            self._subdivisions[country.code] = index
        return self._subdivisions[country.code]

    def subdivision(self, country: Territory, *, code: str = "", name: str = "") -> Territory | None:
        """Subdivision of ``country`` by ISO 3166-2 code or by name; unmatched names are counted."""
        index = self._index(country)
        if code:
            return self._by_code.get(code.upper())
        if not name:
            return None
        for key in sorted(_keys(name), key=len, reverse=True):
            if key in index:
                return index[key]
        self.unmatched_subdivisions[f"{country.code}: {name}"] += 1
        return None

    def locality(self, parent: Territory, name: str) -> Territory:
        """The locality ``name`` under ``parent``; new ones are kept in ``new_localities`` until saved."""
        code = locality_code(parent, name)
        if code not in self.localities:
            found = Territory.objects.filter(code=code).first()
            if found is None:
                found = Territory(
                    code=code,
                    kind=TerritoryKind.LOCALITY,
                    parent=parent,
                    path=f"{parent.path}{code}/",
                    depth=parent.depth + 1,
                    names={"en": " ".join(name.split())},
                )
                self.new_localities[code] = found
            self.localities[code] = found
        return self.localities[code]

    def save_new_localities(self) -> int:
        """Insert the localities created while placing. Side effect: writes territory rows."""
        new = list(self.new_localities.values())
        Territory.objects.bulk_create(new, batch_size=1000)
        if any(t.pk is None for t in new):  # backends that return no ids from bulk inserts
            ids = dict(Territory.objects.filter(code__in=[t.code for t in new]).values_list("code", "id"))
            for t in new:
                t.pk = ids[t.code]
        self.new_localities.clear()
        return len(new)

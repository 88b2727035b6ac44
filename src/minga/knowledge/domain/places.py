"""Places named in a search query, in any language: "huerto comunitario en Alemania", "frigo solidaire à Vienne",
"Weltladen in Österreich". The place becomes a territory filter (its whole subtree) and leaves the words, so the
rest of the query ("huerto comunitario") is matched among that territory's records only.

Names come from the territory tree (UN M49 names of regions and countries in en/es/fr, ISO 3166-2 subdivision
names) and from pycountry's translations of country and subdivision names into the languages of the interface and
of the largest sources (de, it, pt, nl, ca). A place is read only where a query says where: after a locative word
("en", "in", "à", "au", "dans", "im"…) or written with a capital letter, so "energía solar" stays a topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import pycountry
from django.db.models import Max

from minga.knowledge.domain.fulltext import TOKEN, tokens
from minga.registry.models import Actor
from minga.territories.domain.load import translator
from minga.territories.models import Territory, TerritoryKind

#: words that introduce a place, in the languages Minga reads
LOCATIVES = frozenset(
    [
        "in",
        "en",
        "a",
        "au",
        "aux",
        "dans",
        "em",
        "no",
        "na",
        "nel",
        "nella",
        "im",
        "bei",
        "near",
        "at",
        "within",
    ]
)
#: pycountry translations read, besides the names the territory tree stores
EXTRA_LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "nl", "ca")
#: administrative noise around subdivision names: "Edinburgh, City of", "Glasgow City", "Edimbourg ville"
NOISE = re.compile(r",.*$|\b(city|ville|città di|citta di|city of|ciudad de|stadt)\b", re.IGNORECASE)
MAX_WORDS = 6
BUSIEST_BOUND = 5000
#: which kind wins when one name names several territories
PRIORITY: dict[str, int] = {
    TerritoryKind.COUNTRY: 0,
    TerritoryKind.REGION: 1,
    TerritoryKind.SUBREGION: 1,
    TerritoryKind.INTERMEDIATE: 1,
    TerritoryKind.WORLD: 1,
    TerritoryKind.SUBDIVISION: 2,
}


@dataclass(frozen=True)
class Place:
    """A territory a query names: its ``code`` and ``name``, the query ``words`` that named it, and the ``rest``
    of the query without them (and without the word that introduced them)."""

    code: str
    name: str
    words: str
    rest: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "words": self.words}


def _aliases(name: str) -> set[tuple[str, ...]]:
    out = set()
    for variant in (name, NOISE.sub("", name)):
        key = tuple(tokens(variant, limit=MAX_WORDS + 1))
        if key and len(key) <= MAX_WORDS and len("".join(key)) >= 3:
            out.add(key)
    return out


def _translations(domain: str, name: str) -> set[str]:
    return {translator(domain, lang).gettext(name) for lang in EXTRA_LANGUAGES}


def gazetteer() -> dict[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Folded name words → (code, English name) of the territories they name (of the highest level: a country
    before a subdivision of the same name); rebuilt when territories are added (the end of the primary key: the
    tree is only ever extended, by loading reference data; counting its rows cost half a millisecond a search)."""
    return _gazetteer(Territory.objects.aggregate(last=Max("id"))["last"])


@lru_cache(maxsize=1)
def _gazetteer(last: int | None) -> dict[tuple[str, ...], tuple[tuple[str, str], ...]]:
    found: dict[tuple[str, ...], set[tuple[int, str, str]]] = {}
    rows = Territory.objects.exclude(kind=TerritoryKind.LOCALITY).values_list("code", "kind", "names")
    for code, kind, names in rows:
        english = str(names.get("en") or code)
        spellings = set(names.values())
        if kind == TerritoryKind.COUNTRY:
            country = pycountry.countries.get(alpha_2=code)
            for attr in ("name", "common_name", "official_name"):
                if country is not None and getattr(country, attr, None):
                    spellings |= _translations("iso3166-1", getattr(country, attr))
        elif kind == TerritoryKind.SUBDIVISION:
            subdivision = pycountry.subdivisions.get(code=code)
            if subdivision is not None:
                spellings |= _translations("iso3166-2", subdivision.name)
        for spelling in spellings:
            for key in _aliases(spelling):
                found.setdefault(key, set()).add((PRIORITY.get(kind, 3), code, english))
    gazetteer: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
    for key, candidates in found.items():
        best = min(p for p, _c, _n in candidates)
        gazetteer[key] = tuple(sorted((c, n) for p, c, n in candidates if p == best))
    return gazetteer


def _busiest(candidates: tuple[tuple[str, str], ...]) -> tuple[str, str]:
    """Of territories sharing a name ("Vienne": Vienna, and a French département), the one with most actors."""
    if len(candidates) == 1:
        return candidates[0]
    paths = dict(Territory.objects.filter(code__in=[c for c, _n in candidates]).values_list("code", "path"))
    counts = {  # counted up to a bound: which one is busier is all that matters, on the search's hot path
        c: Actor.objects.filter(territory_path__startswith=paths.get(c, "-"))[:BUSIEST_BOUND].count()
        for c, _n in candidates
    }
    return max(candidates, key=lambda c: (counts[c[0]], c[0]))


def find(query: str) -> Place | None:
    """The first place ``query`` names where it says where, or None. Never raises."""
    query = query or ""
    spans = [m.span() for m in islice(TOKEN.finditer(query), 40)]
    words = tokens(query, limit=40)
    if len(words) < 2:  # a query that is only a place name stays a query about it
        return None
    names = gazetteer()
    for start in range(1, len(words)):
        introduced = words[start - 1] in LOCATIVES
        if not (introduced or query[spans[start][0]].isupper()):
            continue
        for size in range(min(MAX_WORDS, len(words) - start), 0, -1):
            candidates = names.get(tuple(words[start : start + size]))
            if not candidates:
                continue
            hit = _busiest(candidates)
            cut_from = spans[start - 1 if introduced else start][0]
            cut_to = spans[start + size - 1][1]
            rest = " ".join((query[:cut_from] + " " + query[cut_to:]).split())
            if not TOKEN.search(rest):
                return None
            return Place(hit[0], hit[1], query[spans[start][0] : cut_to], rest)
    return None


def within(code: str, territory: str | None) -> bool:
    """Is territory ``code`` inside ``territory`` (or is there no territory to be inside)?"""
    if not territory:
        return True
    paths = dict(Territory.objects.filter(code__in=[code, territory]).values_list("code", "path"))
    return code in paths and territory in paths and paths[code].startswith(paths[territory])

"""A multilingual glossary of the social and solidarity economy's words, so that a query in one language also
searches the words the records use in another: *boulangerie coopérative* → bakery, Bäckerei, panadería…;
*organisme foncier solidaire* → community land trust; *huerto comunitario* → community garden, Gemeinschaftsgarten.

The glossary is ``minga/data/glossary/sse-terms.csv``: one concept per row, its terms in en, es, fr, de, it and
pt (several per language, ``|``-separated). It was written by the Minga team to cover the sectors, ownership
classes, initiative types and tags of the sources Minga imports (Co-operatives UK, SUSY, Karte von morgen) and the
ESSGlobal activities; stewards extend it by editing the file. Matching is on folded words (lower case, no
accents), longest phrase first, with a final "s" optional.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import islice

from minga.knowledge.domain.fulltext import TOKEN, tokens

LANGUAGES = ("en", "es", "fr", "de", "it", "pt")
MAX_WORDS = 6


@dataclass(frozen=True)
class Concept:
    name: str
    terms: dict[str, tuple[str, ...]]  # language → terms as written

    @property
    def english(self) -> str:
        return (self.terms.get("en") or (self.name,))[0]

    def phrases(self) -> list[tuple[str, ...]]:
        """Every term of every language as folded words, without repeats."""
        seen: dict[tuple[str, ...], None] = {}
        for lang in LANGUAGES:
            for term in self.terms.get(lang, ()):
                key = tuple(tokens(term))
                if key:
                    seen.setdefault(key)
        return list(seen)


@dataclass(frozen=True)
class Expansion:
    """What the glossary read in a query: the ``concepts`` it names (their terms: ``Concept.phrases``) and the
    query in English (``english``: each matched phrase replaced by the concept's first English term)."""

    concepts: list[Concept] = field(default_factory=list)
    english: str = ""

    def __bool__(self) -> bool:
        return bool(self.concepts)


def _key(words: tuple[str, ...]) -> tuple[str, ...]:
    """Words with a final plural "s" dropped from the last one, so "gardens" meets "garden"."""
    last = words[-1]
    return (*words[:-1], last[:-1]) if len(last) > 3 and last.endswith("s") else words


@lru_cache(maxsize=1)
def concepts() -> tuple[Concept, ...]:
    """The glossary's concepts, as the packaged file has them."""
    source = resources.files("minga") / "data" / "glossary" / "sse-terms.csv"
    with source.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(
        Concept(
            row["concept"],
            {
                lang: tuple(t.strip() for t in (row.get(lang) or "").split("|") if t.strip())
                for lang in LANGUAGES
            },
        )
        for row in rows
    )


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, ...], tuple[int, ...]]:
    """Folded term words (plural-insensitive) → the concepts having that term."""
    index: dict[tuple[str, ...], list[int]] = {}
    for number, concept in enumerate(concepts()):
        for phrase in concept.phrases():
            if len(phrase) <= MAX_WORDS:
                found = index.setdefault(_key(phrase), [])
                if number not in found:
                    found.append(number)
    return {key: tuple(numbers) for key, numbers in index.items()}


def expand(query: str) -> Expansion:
    """The glossary concepts ``query`` names (longest phrases first, left to right) and their equivalents. Never
    raises; a query naming none gives an empty expansion."""
    query = query or ""
    spans = [m.span() for m in islice(TOKEN.finditer(query), 40)]
    words = tokens(query, limit=40)
    index, every = _index(), concepts()
    found: list[Concept] = []
    english: list[str] = []
    position = 0
    last_end = 0
    while position < len(words):
        for size in range(min(MAX_WORDS, len(words) - position), 0, -1):
            hit = index.get(_key(tuple(words[position : position + size])))
            if hit:
                start, end = spans[position][0], spans[position + size - 1][1]
                english.append(query[last_end:start])
                english.append(every[hit[0]].english)
                last_end = end
                found += [every[n] for n in hit if every[n] not in found]
                position += size
                break
        else:
            position += 1
    if not found:
        return Expansion()
    english.append(query[last_end:])
    return Expansion(found, " ".join("".join(english).split()))

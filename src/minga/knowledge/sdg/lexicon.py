"""Multilingual SDG terms: building the term list from the sources (at training time) and matching it against a
text (at run time). Pure functions; nothing is read or written here.

A term is stored as its stemmed words joined by spaces (see ``text.terms``), with its goal, target (or ""), the
source it comes from and a weight in 0..1. Matching looks every 1- to 4-word sequence of the text up in one dict,
so its cost grows with the text, not with the number of terms.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from minga.knowledge.sdg.text import split_elisions, stem, terms, words

MAX_WORDS = 4
SOURCES = ("minga", "minga-weak", "un", "sdsn", "elsevier", "cmu", "sdgmapr-targets", "puig", "osdg")
_STOP = {  # words that make no term on their own (the UN-text terms are built in 26 languages: length filters too)
    "and", "the", "for", "with", "all", "including", "through", "other", "their", "such", "from", "by", "of",
    "los", "las", "del", "para", "con", "todos", "entre", "sus", "les", "des", "pour", "avec", "tous", "leurs",
}  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One term: its goal, its target (or ""), where it comes from and how much it counts (0..1)."""

    goal: int
    target: str
    source: str
    weight: float
    text: str  # as written, for evidence


def key(phrase: str) -> str:
    """The lookup key of a phrase: its stemmed, folded words."""
    return " ".join(terms(phrase))


def build(raw: Iterable[tuple[str, int, str, float, str]]) -> dict[str, list[Entry]]:
    """The term table from (source, goal, phrase, weight, target) rows: one entry per key, goal and source
    (the strongest wins); phrases longer than ``MAX_WORDS`` words or shorter than 3 letters are skipped."""
    best: dict[tuple[str, int, str], Entry] = {}
    for source, goal, phrase, weight, target in raw:
        k = key(phrase)
        if not k or len(k) < 3 or k.count(" ") >= MAX_WORDS or k in _STOP:
            continue
        entry = Entry(goal, target, source, round(float(weight), 4), phrase.strip())
        old = best.get((k, goal, source))
        if old is None or (entry.weight, bool(entry.target)) > (old.weight, bool(old.target)):
            best[(k, goal, source)] = entry
    table: dict[str, list[Entry]] = defaultdict(list)
    for (k, _goal, _source), entry in sorted(best.items(), key=lambda kv: kv[0]):
        table[k].append(entry)
    return dict(table)


def un_terms(
    texts: Iterable[tuple[str, str]], *, min_share: float = 0.75
) -> list[tuple[str, int, str, float, str]]:
    """Distinctive words and phrases of each goal in the UN texts of one language, as term rows.

    ``texts`` are (code, text) with codes "7", "7.2" or "7.2.1". A 1- to 3-word phrase becomes a term of goal g
    when at least ``min_share`` of the texts that contain it belong to g and it occurs in two of g's texts (or
    in the goal's own title); its target is the one most of those texts belong to."""
    occurrences: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, str] = {}  # a readable form: the first time the phrase was seen (folded, not stemmed)
    for code, text in texts:
        surface = split_elisions(words(text))
        stems = [stem(w) for w in surface]
        seen = set()
        for n in (1, 2, 3):
            for i in range(len(stems) - n + 1):
                gram = stems[i : i + n]
                if gram[0] in _STOP or gram[-1] in _STOP or any(len(w) < 4 for w in (gram[0], gram[-1])):
                    continue
                if any(c.isdigit() for c in "".join(gram)) or max(len(w) for w in gram) > 30:
                    continue
                joined = " ".join(gram)
                seen.add(joined)
                written.setdefault(joined, " ".join(surface[i : i + n]))
        for phrase in seen:
            occurrences[phrase][code] += 1
    rows = []
    for phrase, codes in sorted(occurrences.items()):
        goals = Counter(code.split(".")[0] for code in codes.elements())
        goal, count = goals.most_common(1)[0]
        share = count / sum(goals.values())
        titled = goal in codes  # the goal's own title uses it
        if share < min_share or (count < 2 and not titled) or (len(phrase) < 5 and " " not in phrase):
            continue
        targets = Counter(".".join(c.split(".")[:2]) for c in codes.elements() if c.count(".") >= 1)
        targets = Counter({t: n for t, n in targets.items() if t.split(".")[0] == goal})
        target = ""
        if targets:
            top, n = targets.most_common(1)[0]
            target = top if n / sum(targets.values()) >= 0.6 else ""
        weight = share * min(1.0, (count + (2 if titled else 0)) / 4)
        rows.append(("un", int(goal), written[phrase], weight, target))
    return rows


@dataclass(frozen=True)
class Hit:
    """A term found in a text."""

    key: str
    entry: Entry


def find(table: dict[str, list[Entry]], words: list[str]) -> list[Hit]:
    """Every term of ``table`` in the stemmed ``words`` of a text (each key once, in order of first match)."""
    hits: list[Hit] = []
    seen: set[str] = set()
    for i in range(len(words)):
        for n in range(1, MAX_WORDS + 1):
            if i + n > len(words):
                break
            k = " ".join(words[i : i + n])
            if k in seen:
                continue
            entries = table.get(k)
            if entries:
                seen.add(k)
                hits.extend(Hit(k, e) for e in entries)
    return hits

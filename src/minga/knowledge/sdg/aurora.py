"""A small reader and matcher for the Aurora Universities Network's SDG queries (Scopus syntax: quoted phrases
with ``*`` wildcards, ``OR``, ``AND``, ``AND NOT``, ``W/n`` and ``PRE/n`` proximity, parentheses).

A query compiles to a plain JSON-ready tree (lists and strings), so it can be stored in the artefacts and
matched without ``eval`` or pickles. Pure functions, no side effects.

Precedence, as in Scopus: ``OR`` binds tightest, then ``W/n``/``PRE/n``, then ``AND``, then ``AND NOT``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from minga.knowledge.sdg.text import split_elisions, words

Tree = list[
    Any
]  # ["term", [tokens], prefix?] | ["or"|"and", child…] | ["not", a, b] | ["near", n, ordered, a, b]
_TOKEN = re.compile(r'"[^"]*"|\(|\)|AND\s+NOT\b|AND\b|OR\b|W/\d+|PRE/\d+|[^\s()"]+')


class QueryError(ValueError):
    """A query line that cannot be read."""


def compile_query(line: str) -> Tree:
    """The tree of one query line (``TITLE-ABS-KEY(...)`` wrappers are dropped)."""
    line = re.sub(r"TITLE-ABS-KEY\s*", "", line)
    tokens = _TOKEN.findall(line)
    tree, end = _parse(tokens, 0, 0)
    if end != len(tokens):
        raise QueryError(f"unexpected {tokens[end]!r} in query: {line[:80]}")
    return tree


_LEVELS: tuple[tuple[str, ...], ...] = (("AND NOT",), ("AND",), ("W/", "PRE/"), ("OR",))


def _op(token: str) -> str:
    return "AND NOT" if token.startswith("AND") and "NOT" in token else token


def _level_of(token: str) -> int:
    token = _op(token)
    for level, ops in enumerate(_LEVELS):
        if any(token == op or (op.endswith("/") and token.startswith(op)) for op in ops):
            return level
    return -1


def _parse(tokens: list[str], pos: int, level: int) -> tuple[Tree, int]:
    if level == len(_LEVELS):
        return _atom(tokens, pos)
    left, pos = _parse(tokens, pos, level + 1)
    while pos < len(tokens) and _level_of(tokens[pos]) == level:
        op = _op(tokens[pos])
        right, pos = _parse(tokens, pos + 1, level + 1)
        if op == "AND NOT":
            left = ["not", left, right]
        elif op in ("AND", "OR"):
            name = op.lower()
            left = [*left, right] if left[0] == name else [name, left, right]
        else:
            left = ["near", int(op.split("/")[1]), op.startswith("PRE"), left, right]
    return left, pos


def _atom(tokens: list[str], pos: int) -> tuple[Tree, int]:
    if pos >= len(tokens):
        raise QueryError("query ends too early")
    token = tokens[pos]
    if token == "(":
        tree, pos = _parse(tokens, pos + 1, 0)
        if pos >= len(tokens) or tokens[pos] != ")":
            raise QueryError("unbalanced parentheses")
        return tree, pos + 1
    if _level_of(token) >= 0 or token == ")":
        raise QueryError(f"unexpected {token!r}")
    phrase = token.strip('"')
    prefix = phrase.endswith("*")
    parts = split_elisions(words(phrase.replace("*", " ")))
    if not parts:
        raise QueryError(f"empty phrase {token!r}")
    return ["term", parts, prefix], pos + 1


def phrases(tree: Tree) -> list[str]:
    """The phrases of a tree, as written (``*`` kept), for evidence."""
    if tree[0] == "term":
        return [" ".join(tree[1]) + ("*" if tree[2] else "")]
    children = tree[3:] if tree[0] == "near" else tree[1:]
    return [p for child in children for p in phrases(child)]


class Document:
    """A text's folded words with their positions, ready for matching many queries (results are cached)."""

    def __init__(self, text: str) -> None:
        self.tokens = split_elisions(words(text))
        self.positions: dict[str, list[int]] = {}
        for i, token in enumerate(self.tokens):
            self.positions.setdefault(token, []).append(i)
        self.vocabulary = sorted(self.positions)
        self._cache: dict[str, list[tuple[int, int]]] = {}

    def spans(self, parts: list[str], prefix: bool) -> list[tuple[int, int]]:
        """Where a phrase occurs: (first, last) word positions; ``prefix`` lets the last word continue."""
        key = " ".join(parts) + ("*" if prefix else "")
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._find(parts, prefix)
        return found

    def _candidates(self, word: str, prefix: bool) -> list[int]:
        if not prefix:
            return self.positions.get(word, [])
        out: list[int] = []
        i = bisect_left(self.vocabulary, word)
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(word):
            out.extend(self.positions[self.vocabulary[i]])
            i += 1
        return sorted(out)

    def _find(self, parts: list[str], prefix: bool) -> list[tuple[int, int]]:
        last = len(parts) - 1
        starts = self._candidates(parts[0], prefix and last == 0)
        out = []
        for start in starts:
            end = start + last
            if end >= len(self.tokens):
                continue
            middle_ok = all(self.tokens[start + k] == parts[k] for k in range(1, last))
            tail = self.tokens[end]
            tail_ok = last == 0 or (tail.startswith(parts[last]) if prefix else tail == parts[last])
            if middle_ok and tail_ok:
                out.append((start, end))
        return out


def match(tree: Tree, doc: Document) -> list[tuple[int, int]]:
    """The spans where the query matches the document (empty: no match)."""
    kind = tree[0]
    if kind == "term":
        return doc.spans(tree[1], tree[2])
    if kind == "or":
        return sorted({span for child in tree[1:] for span in match(child, doc)})
    if kind == "and":
        results = []
        for child in tree[1:]:
            spans = match(child, doc)
            if not spans:
                return []
            results.extend(spans)
        return sorted(set(results))
    if kind == "not":
        return [] if match(tree[2], doc) else match(tree[1], doc)
    distance, ordered = tree[1], tree[2]
    left = match(tree[3], doc)
    if not left:
        return []
    right = match(tree[4], doc)
    out = []
    for a in left:
        for b in right:
            gap = b[0] - a[1] - 1 if b[0] > a[1] else a[0] - b[1] - 1
            if (not ordered or b[0] > a[1]) and gap <= distance:
                out.append((min(a[0], b[0]), max(a[1], b[1])))
    return sorted(set(out))

"""The full-text index, kept by the database itself on every write path (ORM, bulk imports, admin, shell):

- SQLite: one FTS5 table per record type (``knowledge_actor_fts``, ``knowledge_initiative_fts``; rowid = record
  id; ``unicode61`` tokens with diacritics removed), filled by triggers on the registry tables.
- PostgreSQL: a generated ``search_tsv`` column (``simple`` configuration) on each registry table, GIN-indexed.

What is indexed: names and titles, every language of the multilingual texts, tags, themes, locality and legal
form as registered. Vocabulary labels (activities, legal forms, SDG titles) are matched at query time instead
(``domain/vocabulary.py``), in every language they have, so a label change needs no reindex.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from itertools import islice
from operator import itemgetter
from typing import Any

from django.db import DatabaseError, connection, transaction

#: table → (FTS table, SQL expression of the indexed text over alias ``r`` — SQLite)
_JSON_TEXT = "coalesce((SELECT group_concat(value, ' ') FROM json_each(r.{field})), '')"
SQLITE_TEXT = {
    "registry_actor": " || ' ' || ".join(
        ["r.name", "r.locality_name", "r.legal_form_local"]
        + [_JSON_TEXT.format(field=f) for f in ("description", "tags", "themes")]
    ),
    "registry_initiative": " || ' ' || ".join(
        ["r.title"]
        + [
            _JSON_TEXT.format(field=f)
            for f in ("summary", "problem", "approach", "results", "replicability_notes", "themes")
        ]
    ),
}
WATCHED = {
    "registry_actor": "name, locality_name, legal_form_local, description, tags, themes",
    "registry_initiative": "title, summary, problem, approach, results, replicability_notes, themes",
}
PG_FIELDS = {
    "registry_actor": (["name", "locality_name", "legal_form_local"], ["description", "tags", "themes"]),
    "registry_initiative": (
        ["title"],
        ["summary", "problem", "approach", "results", "replicability_notes", "themes"],
    ),
}
PG_FUNCTIONS = [
    # every string inside a JSON value (a {lang: text} object or a list of tags), as one text
    "CREATE OR REPLACE FUNCTION minga_json_text(jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
    "$$ SELECT coalesce(string_agg(v #>> '{}', ' '), '') FROM jsonb_path_query(coalesce($1, 'null'::jsonb), "
    "'strict $.**') v WHERE jsonb_typeof(v) = 'string' $$",
]
#: lower case without accents: ``unaccent`` when the extension can be had, else lower case only (then "energia"
#: does not find "energía" on PostgreSQL; SQLite's tokenizer folds accents itself)
PG_FOLD_UNACCENT = (
    "CREATE OR REPLACE FUNCTION minga_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
    "$$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce($1, ''))) $$"
)
PG_FOLD_LOWER = (
    "CREATE OR REPLACE FUNCTION minga_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
    "$$ SELECT lower(coalesce($1, '')) $$"
)


def _pg_text(table: str) -> str:
    plain, json_fields = PG_FIELDS[table]
    parts = [f"coalesce({f}, '')" for f in plain] + [f"minga_json_text({f})" for f in json_fields]
    return "to_tsvector('simple', minga_fold(" + " || ' ' || ".join(parts) + "))"


def _pg_functions(cursor: Any) -> None:
    try:
        with transaction.atomic():
            cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
            cursor.execute(PG_FOLD_UNACCENT)
    except DatabaseError:
        cursor.execute(PG_FOLD_LOWER)
    for statement in PG_FUNCTIONS:
        cursor.execute(statement)


FTS_TABLE = {"registry_actor": "knowledge_actor_fts", "registry_initiative": "knowledge_initiative_fts"}
TABLE_OF = {"actor": "registry_actor", "initiative": "registry_initiative"}


#: SQLite: a table being bulk-imported, and the largest id it had before; while a row is here, its insert trigger
#: stands aside and the import indexes its new rows in one statement before committing (3-4x faster than a
#: trigger per row; rows inserted meanwhile are indexed once, as they are at the end, even if updated in between).
#: The row lives inside the import's transaction, so no other connection ever sees it.
DEFERRED = "knowledge_fts_deferred"
#: triggers of earlier versions, replaced by ensure_index
OLD_TRIGGERS = [f"knowledge_{t}_fts_{x}" for t in ("actor", "initiative") for x in ("ai", "au")]


def _sqlite_statements(table: str) -> list[str]:
    fts, text = FTS_TABLE[table], SQLITE_TEXT[table]
    new_text = text.replace("r.", "new.")
    return [
        f"CREATE TABLE IF NOT EXISTS {DEFERRED} (tbl TEXT PRIMARY KEY, after_id INTEGER NOT NULL)",
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} "
        f"WHEN NOT EXISTS (SELECT 1 FROM {DEFERRED} WHERE tbl = '{table}') BEGIN "
        f"INSERT INTO {fts}(rowid, body) VALUES (new.id, {new_text}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"DELETE FROM {fts} WHERE rowid = old.id; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {WATCHED[table]} ON {table} "
        f"WHEN NOT EXISTS (SELECT 1 FROM {DEFERRED} WHERE tbl = '{table}' AND after_id < new.id) BEGIN "
        f"DELETE FROM {fts} WHERE rowid = old.id; INSERT INTO {fts}(rowid, body) VALUES (new.id, {new_text}); END",
    ]


def is_ready() -> bool:
    """Is the full-text index in place (table and triggers, or generated columns)?"""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM information_schema.columns WHERE column_name = 'search_tsv' "
                "AND table_name IN ('registry_actor', 'registry_initiative')"
            )
            return bool(cursor.fetchone()[0] == 2)
        cursor.execute(
            "SELECT count(*) FROM sqlite_master WHERE name LIKE 'knowledge_%_fts%' AND type = 'trigger'"
        )
        return bool(cursor.fetchone()[0] == 6)


def ensure_index(*, rebuild: bool = False) -> None:
    """Create the index where it is missing (idempotent). ``rebuild`` refills it from the registry tables.
    Side effects: DDL (tables, triggers, columns, indexes); on rebuild, rewrites every index entry."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _pg_functions(cursor)
        for table in FTS_TABLE:
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_tsv tsvector "
                    f"GENERATED ALWAYS AS ({_pg_text(table)}) STORED"
                )
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {table}_search_tsv ON {table} USING gin (search_tsv)"
                )
                continue
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = %s", [FTS_TABLE[table]])
            fresh = cursor.fetchone()[0] == 0
            for name in OLD_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            for statement in _sqlite_statements(table):
                cursor.execute(statement)
            if fresh or rebuild:
                cursor.execute(f"DELETE FROM {FTS_TABLE[table]}")
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE[table]}(rowid, body) SELECT r.id, {SQLITE_TEXT[table]} FROM {table} r"
                )
        if rebuild and connection.vendor == "postgresql":
            for table in FTS_TABLE:
                cursor.execute(f"REINDEX INDEX {table}_search_tsv")


def defer(table: str) -> None:
    """SQLite: stop indexing each new row of ``table`` as it is inserted, until :func:`catch_up`. Call it inside
    the transaction that inserts (the import's): a rollback undoes it, and no other writer can insert meanwhile.
    A no-op on PostgreSQL, whose index is a generated column. Side effect: one row in the deferral table."""
    if connection.vendor != "sqlite" or table not in FTS_TABLE:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT OR REPLACE INTO {DEFERRED}(tbl, after_id) SELECT %s, coalesce(max(id), 0) FROM {table}",
            [table],
        )


def catch_up(table: str) -> None:
    """Index, in one statement, the rows of ``table`` inserted since :func:`defer`, and index each row again as
    it is inserted. Side effects: writes index entries, removes the deferral row."""
    if connection.vendor != "sqlite" or table not in FTS_TABLE:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT after_id FROM {DEFERRED} WHERE tbl = %s", [table])
        row = cursor.fetchone()
        if row is None:
            return
        cursor.execute(
            f"INSERT INTO {FTS_TABLE[table]}(rowid, body) SELECT r.id, {SQLITE_TEXT[table]} FROM {table} r "
            "WHERE r.id > %s",
            [row[0]],
        )
        cursor.execute(f"DELETE FROM {DEFERRED} WHERE tbl = %s", [table])


def ensure_after_migrate(**kwargs: Any) -> None:
    """``post_migrate`` handler: the registry tables exist, so the index can (and must) too."""
    ensure_index()


TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(query: str, *, limit: int = 12) -> list[str]:
    """The words of a free-text query, lower-cased, at most ``limit``: no query syntax survives (quotes, ``*``,
    ``NEAR``, ``-`` and unbalanced quotes are just separators or words)."""
    return [_fold(m.group()) for m in islice(TOKEN.finditer(query or ""), limit)]


def _fold(word: str) -> str:
    """Lower case without accents, as both engines index words."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c))


def match_expression(words: list[str], *, any_word: bool = False) -> str:
    """The engine's query for ``words``: each a quoted term (FTS5) or lexeme (tsquery), all required unless
    ``any_word``. Quoting makes every word a literal, so no user input is ever read as query syntax."""
    if connection.vendor == "postgresql":
        quoted = ["'" + w.replace("'", "''").replace("\\", "") + "'" for w in words]
        return (" | " if any_word else " & ").join(quoted)
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    return (" OR " if any_word else " ").join(quoted)


def any_phrase_expression(phrases: list[tuple[str, ...]]) -> str:
    """The engine's query for records holding any of ``phrases`` (each a sequence of folded words), every word a
    quoted literal as in :func:`match_expression`."""
    if connection.vendor == "postgresql":
        quote = "'{}'".format
        return " | ".join(  # words of a phrase ANDed, not "<->": GIN answers that without re-reading rows
            "(" + " & ".join(quote(w.replace("'", "''").replace("\\", "")) for w in p) + ")"
            for p in phrases
            if p
        )
    return " OR ".join('"' + " ".join(w.replace('"', '""') for w in p) + '"' for p in phrases if p)


def lexical(
    record_type: str,
    words: list[str],
    *,
    allowed: tuple[str, list[Any]] | None = None,
    limit: int = 200,
    cap: int = 5000,
    any_word: bool = False,
    phrases: list[tuple[str, ...]] | None = None,
    count: bool = True,
) -> tuple[int, list[tuple[int, float]]]:
    """(number of matches, the best ``limit`` (id, score) by BM25 / ts_rank) for records of ``record_type``
    holding ``words`` (or any of ``phrases``, when given); ``allowed`` (SQL, params) selects the ids the filters
    let through, applied inside the search. Only the first ``cap`` matches (in id order) are ranked, which bounds
    the cost of very common words. Without ``count`` the number is 0 and not computed (a list that only adds
    candidates, such as the glossary's, need not pay for counting every match of a common term)."""
    if not words and not phrases:
        return 0, []
    table = TABLE_OF[record_type]
    expression = any_phrase_expression(phrases) if phrases else match_expression(words, any_word=any_word)
    where_allowed, params_allowed = ("", [])
    if allowed:
        where_allowed, params_allowed = f" AND {{id}} IN ({allowed[0]})", list(allowed[1])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            match = "search_tsv @@ to_tsquery('simple', %s)"
            ids_filter = where_allowed.format(id="id")
            # One pass, as on SQLite: the first ``cap`` + 1 matches the index gives with their ts_rank, ranked here;
            # beyond the cap, the total is the planner's estimate from the column's statistics.
            cursor.execute(
                f"SELECT id, ts_rank(search_tsv, to_tsquery('simple', %s)) FROM {table} WHERE {match}{ids_filter} "
                "LIMIT %s",
                [expression, expression, *params_allowed, cap + 1],
            )
            rows = sorted(cursor.fetchall(), key=itemgetter(0))  # index order → id order, as FTS5 gives them
            sql, params = f"SELECT 1 FROM {table} WHERE {match}{ids_filter}", [expression, *params_allowed]
            return _best(rows, cap, limit, count, lambda: _pg_estimate(cursor, sql, params, cap))

        fts = FTS_TABLE[table]
        # "+rowid": the filter is checked on each match, never handed to FTS5 as a rowid constraint (FTS5 then runs
        # the MATCH once per allowed id: 36 s instead of 0.1 s for Europe's 205,000 actors at 1,000,000)
        ids_filter = where_allowed.format(id="+rowid")
        # One pass: the first ``cap`` + 1 matches in rowid order (the order FTS5 reads its doclists in, so it stops
        # there) with their BM25, ranked here. Fewer than that: counted exactly. More: the total is estimated from
        # how far into the id range the cap reached. (Counting every match of two common words cost more than
        # ranking the capped ones; a separate count of the capped ones, a quarter of the time of a median query.)
        cursor.execute(
            f"SELECT rowid, -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s{ids_filter} ORDER BY rowid LIMIT %s",
            [expression, *params_allowed, cap + 1],
        )
        rows = cursor.fetchall()
        return _best(rows, cap, limit, count, lambda: _estimate(cursor, table, cap, int(rows[cap - 1][0])))


def _best(
    rows: list[tuple[Any, Any]], cap: int, limit: int, count: bool, estimate: Callable[[], int]
) -> tuple[int, list[tuple[int, float]]]:
    """(total, the ``limit`` best (id, score)) of at most ``cap`` + 1 matches given in id order: the total is
    exact up to ``cap`` and ``estimate()`` beyond (asked only when a total is wanted); the first ``cap`` are
    ranked, best score first, equal scores in id order."""
    total = len(rows)
    if total > cap:
        del rows[cap:]
        total = estimate() if count else 0
    rows.sort(key=itemgetter(1), reverse=True)  # stable: equal scores stay in id order
    return (total if count else 0), [(int(i), float(s)) for i, s in rows[:limit]]


def _estimate(cursor: Any, table: str, cap: int, last: int) -> int:
    """The number of matches when the first ``cap`` of them (in id order) end at id ``last``: the same density
    over the table's whole id range (ids are given in insertion order, so matches spread evenly enough)."""
    cursor.execute(f"SELECT (SELECT min(id) FROM {table}), (SELECT max(id) FROM {table})")
    low, high = cursor.fetchone()
    span = max(1, last - int(low) + 1)
    return max(cap + 1, round(cap * (int(high) - int(low) + 1) / span))


def _pg_estimate(cursor: Any, sql: str, params: list[Any], cap: int) -> int:
    """PostgreSQL's own estimate of the rows ``sql`` selects (``EXPLAIN``: the GIN selectivity of the query's
    words from the statistics ``ANALYZE`` keeps), never below ``cap`` + 1. Counting every match of two common
    words instead read tens of thousands of rows."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
    plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return max(cap + 1, int(plan[0]["Plan"]["Plan Rows"]))


def is_estimate(total: int, cap: int) -> bool:
    """Is a count :func:`lexical` gave with ``cap`` an estimate? (Both engines estimate above the cap.)"""
    return total > cap

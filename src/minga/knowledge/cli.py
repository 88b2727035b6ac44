"""``minga search``: the knowledge engine on the command line (a thin layer over ``domain.search``)."""

from __future__ import annotations

import argparse
import json
import sys


def add_search_command(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "search",
        help="search actors and initiatives (words and meaning, any language); `minga search reindex` rebuilds",
    )
    p.add_argument(
        "query", nargs="+", help="what to look for; the single word `reindex` rebuilds the indexes"
    )
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--territory", help="only this territory and what lies under it")
    p.add_argument("--kind", help="an actor kind (cooperative…) or initiative kind (practice…)")
    p.add_argument("--activity", help="ESSGlobal ICA code")
    p.add_argument("--sdg", type=int, choices=range(1, 18), metavar="1..17")
    p.add_argument("--json", action="store_true", help="print JSON: {total, results: [...]}")


def cmd_search(args: argparse.Namespace) -> int:
    from minga.core.errors import NotFound
    from minga.knowledge.domain.search import Filters, search

    if args.query == ["reindex"]:
        return reindex()
    if not 1 <= args.limit <= 1000:
        print("--limit must be between 1 and 1000.", file=sys.stderr)
        return 2
    filters = Filters(territory=args.territory, kind=args.kind, activity=args.activity, sdg=args.sdg)
    try:
        result = search(" ".join(args.query), limit=args.limit, filters=filters)
    except NotFound as err:
        print(f"minga: {err.message}\n  {err.hint}", file=sys.stderr)
        return 1
    if args.json:
        out = {
            "total": result.total,
            "results": [
                {
                    k: v
                    for k, v in hit.to_dict().items()
                    if k in ("id", "type", "kind", "name", "source", "source_id", "score")
                }
                for hit in result.results
            ],
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"{'about ' if result.approximate else ''}{result.total} matches ({result.status})")
    if result.place:
        print(f"searched in {result.place.name} ({result.place.code}), named by “{result.place.words}”")
    if result.matched_terms:
        print("vocabulary: " + ", ".join(result.matched_terms))
    for hit in result.results:
        print(
            f"{hit.score:8.3f}  {hit.type:10} {hit.id:>8}  {hit.name}  [{hit.source} {hit.source_id}] ({', '.join(hit.why)})"
        )
    return 0


def reindex() -> int:
    """Rebuild the full-text index and embed every record whose text changed (with progress)."""
    from minga.knowledge.domain import fulltext, vectors
    from minga.knowledge.embeddings import status

    fulltext.ensure_index(rebuild=True)
    print("Full-text index rebuilt.", file=sys.stderr)
    embedded = sum(vectors.embed_pending(t, progress=True) for t in ("actor", "initiative"))
    print(f"{embedded} records embedded; {status()}.")
    return 0


def add_tag_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``minga sdg tag`` (registered under the ``sdg`` command)."""
    p.add_argument(
        "--territory", help="only actors and initiatives in this territory and below (default: all)"
    )
    p.add_argument("--type", choices=["actor", "initiative"], help="only actors or only initiatives")
    p.add_argument("--json", action="store_true", help="print the counts as JSON, no progress bar")


def cmd_sdg_tag(args: argparse.Namespace) -> int:
    """Suggest SDGs for a whole territory in a batch, with progress; confirmed and rejected ones are kept."""
    from minga.core.errors import NotFound
    from minga.knowledge.domain.sdg_links import suggest
    from minga.territories.domain.queries import get_territory

    try:
        if args.territory:
            get_territory(args.territory)
    except NotFound as err:
        print(f"minga: {err.message}\n  {err.hint}", file=sys.stderr)
        return 1
    counts = {
        record_type: suggest(record_type, territory=args.territory, progress=not args.json)
        for record_type in ([args.type] if args.type else ["actor", "initiative"])
    }
    if args.json:
        print(json.dumps({"suggestions": counts}))
    else:
        print(
            ", ".join(f"{n} suggestions for {t}s" for t, n in counts.items())
            + ". Stewards confirm them on each record's page."
        )
    return 0

"""``minga relations …`` and ``minga ecosystem …``: thin wrappers over the ecosystem domain functions."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_commands(sub: Any) -> None:
    p = sub.add_parser("relations", help="typed relations between actors and initiatives")
    rel = p.add_subparsers(dest="relations_command", required=True)
    q = rel.add_parser("import", help="import a relations CSV (all-or-nothing; re-running changes nothing)")
    q.add_argument("path")
    q.add_argument("--source", help="provenance source name (default: csv:<file name>)")
    q.add_argument("--dry-run", action="store_true", help="validate and count, then roll back")
    q.add_argument("--user", help="act as this user (permissions and audit); default: the local operator")
    q.add_argument("--json", action="store_true", help="print the report as JSON")
    q = rel.add_parser(
        "export", help="write every relation as CSV (the import's columns, plus id and source)"
    )
    q.add_argument("--output", "-o", required=True)
    q.add_argument("--territory", help="only relations with an end in this territory")
    p = sub.add_parser("ecosystem", help="network analytics of a territory's ecosystem")
    eco = p.add_subparsers(dest="ecosystem_command", required=True)
    q = eco.add_parser("report", help="quadrants, density, components, brokers, external ties and gaps")
    q.add_argument("--territory", default="001", help="M49, ISO or locality code (default: 001, the world)")
    q.add_argument("--brokers", type=int, default=10, help="how many brokers to list")
    q.add_argument("--json", action="store_true")
    p = sub.add_parser(
        "partnership", help="a partnership's co-financing: who put in what, leverage of public money"
    )
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("replication", help="the lineage of a practice and how far it spread")
    p.add_argument("--initiative", type=int, required=True)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("funding", help="funding schemes and who fits them")
    fund = p.add_subparsers(dest="funding_command", required=True)
    q = fund.add_parser(
        "match", help="the candidates that fit a scheme, or the schemes that fit a candidate, with why"
    )
    which = q.add_mutually_exclusive_group(required=True)
    which.add_argument("--scheme", type=int, help="a scheme's id: the initiatives (or --actors) that fit it")
    which.add_argument("--initiative", type=int, help="an initiative's id: the schemes it fits")
    which.add_argument("--actor", type=int, help="an actor's id: the schemes it fits")
    q.add_argument("--actors", action="store_true", help="with --scheme: match actors instead of initiatives")
    q.add_argument("--limit", type=int, default=50)
    q.add_argument("--json", action="store_true")


def cmd_relations(args: argparse.Namespace) -> int:
    from minga.cli import _user
    from minga.ecosystem.domain.relations import import_relations

    if args.relations_command == "export":
        from minga.ecosystem.interfaces.export import export_relations_csv

        count = export_relations_csv(args.output, territory=args.territory)
        print(f"Exported {count} relations to {args.output}")
        return 0
    report = import_relations(
        args.path, source=args.source, by=_user(args.user), via="cli", dry_run=args.dry_run
    )
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    verb = "Would import" if report.dry_run else "Imported"
    print(
        f"{verb} {report.filename} (source {report.source}): {report.total} rows — {report.created} created, "
        f"{report.updated} updated, {report.unchanged} unchanged [{report.seconds:.1f} s]"
    )
    if report.by_type:
        print("  by type: " + ", ".join(f"{k} {v}" for k, v in sorted(report.by_type.items())))
    return 0


def cmd_ecosystem(args: argparse.Namespace) -> int:
    from minga.ecosystem.domain.report import ecosystem_report

    report = ecosystem_report(args.territory, brokers=args.brokers)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    t = report["territory"]
    print(f"Ecosystem of {t['name']} ({t['code']}): {report['actors']} actors")
    print("  by quadrant: " + ", ".join(f"{k} {v}" for k, v in report["quadrants"].items()))
    print(
        f"  ties: {report['ties']['inside']} inside, {report['ties']['outside']} reaching outside "
        f"(share external {report['share_external']:.1%}); density {report['density']:.6f}; "
        f"{report['components']} components (largest {report['largest_component']})"
    )
    for b in report["brokers"]:
        print(
            f"  broker: {b['name']} ({b['source']}:{b['source_id']}, id {b['id']}) betweenness {b['betweenness']}"
        )
    gaps = report["gaps"]
    print(f"  isolated actors: {gaps['isolated_count']}")
    listed = ", ".join(f"{a['label']} ({a['sse_actors']})" for a in gaps["activities_without_support"][:10])
    print(f"  activities without funder or support: {len(gaps['activities_without_support'])} {listed}")
    places = ", ".join(p["code"] for p in gaps["subterritories_without_sse"][:20])
    print(f"  places without SSE actors: {len(gaps['subterritories_without_sse'])} {places}")
    if gaps["quadrants_without_ties"]:
        print("  quadrants without ties: " + ", ".join(gaps["quadrants_without_ties"]))
    return 0


def cmd_import_funding(args: argparse.Namespace) -> int:
    from minga.cli import _user
    from minga.ecosystem.interfaces.funding_import import import_360giving

    if args.format == "iati":
        return _import_iati(args)
    report = import_360giving(args.path, by=_user(args.user), via="cli", dry_run=args.dry_run)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    verb = "Would import" if report.dry_run else "Imported"
    r = report.relations
    print(
        f"{verb} {report.filename} ({report.format}): {report.grants} grants — {r['created']} created, "
        f"{r['updated']} updated, {r['unchanged']} unchanged [{report.seconds:.1f} s]"
    )
    matched = ", ".join(f"{m} {n}" for m, n in sorted(report.recipients_matched.items()))
    print(
        f"  {report.funders} funders, {report.recipients} recipients ({matched}); {report.actors_created} new actors"
    )
    print(f"  recipients that are Co-operatives UK actors: {report.recipients_in_coops_uk}")
    print("  amounts: " + ", ".join(f"{v} {c}" for c, v in report.amount_by_currency.items()))
    unit = "grant" if report.filename.lower().endswith(".json") else "line"
    for position, message in report.warnings:
        print(f"  warning, {unit} {position}: {message}")
    return 0


def _import_iati(args: argparse.Namespace) -> int:
    from minga.cli import _user
    from minga.ecosystem.interfaces.iati_import import import_iati

    report = import_iati(args.path, by=_user(args.user), via="cli", dry_run=args.dry_run)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0
    verb = "Would import" if report.dry_run else "Imported"
    i, r = report.initiatives, report.relations
    print(
        f"{verb} {report.filename} (iati): {report.activities} activities — initiatives {i['created']} created, "
        f"{i['updated']} updated, {i['unchanged']} unchanged; relations {r['created']} created, {r['updated']} "
        f"updated, {r['unchanged']} unchanged [{report.seconds:.1f} s]"
    )
    matched = ", ".join(f"{m} {n}" for m, n in sorted(report.organisations_matched.items())) or "none"
    print(f"  {report.organisations} organisations ({report.actors_created} new actors; matched: {matched})")
    print(f"  SDG targets confirmed from the publishers' tags: {report.sdg_targets_confirmed}")
    if report.goal_tags_only:
        print(
            f"  {report.goal_tags_only} activities tagged with SDG goals only (no target): goals not stored"
        )
    for warning in report.warnings[:20]:
        print(f"  warning: {warning}")
    if len(report.warnings) > 20:
        print(f"  … and {len(report.warnings) - 20} more warnings (see --json)")
    return 0


def cmd_funding(args: argparse.Namespace) -> int:
    from minga.ecosystem.domain.funding import match_candidate, match_scheme

    if args.scheme is not None:
        found = match_scheme(args.scheme, kind="actor" if args.actors else "initiative", limit=args.limit)
    else:
        kind = "initiative" if args.initiative is not None else "actor"
        found = match_candidate(
            kind, args.initiative if kind == "initiative" else args.actor, limit=args.limit
        )
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
        return 0
    if "scheme" in found and "candidates" in found:
        print(f"{found['scheme']['name']} (scheme {found['scheme']['id']}): {found['total']} of {found['candidates']} "
              f"candidates meet every criterion ({', '.join(found['scheme']['criteria'])}); similarity "
              f"{found['similarity']}")  # fmt: skip
        for m in found["matches"]:
            print(f"  {m['score']:.3f}  {m['name']} ({m['type']} {m['id']})")
        for m in found["near_misses"]:
            print(
                f"  near miss: {m['name']} ({m['type']} {m['id']}): "
                + "; ".join(f["why"] for f in m["failed"])
            )
        return 0
    c = found["candidate"]
    print(f"{c['name']} ({c['type']} {c['id']}): {len(found['matches'])} schemes fit")
    for m in found["matches"]:
        print(f"  {m['score']:.3f}  {m['scheme']['name']} (scheme {m['scheme']['id']})")
    for m in found["not_eligible"][:10]:
        print(f"  not eligible: {m['scheme']['name']}: " + "; ".join(f["why"] for f in m["failed"]))
    return 0


def cmd_partnership(args: argparse.Namespace) -> int:
    from minga.core.errors import NotFound
    from minga.ecosystem.domain.partnerships import cofinancing
    from minga.ecosystem.models import Partnership

    try:
        found = cofinancing(Partnership.objects.get(pk=args.id))
    except Partnership.DoesNotExist:
        raise NotFound(
            f"No partnership with id {args.id}.", hint="List them with GET /api/v1/ecosystem/partnerships."
        ) from None
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
        return 0
    p = found["partnership"]
    print(f"{p['name']} (partnership {p['id']}): {found['total']} {p['currency']} in all")
    print("  by source: " + ", ".join(f"{k} {v}" for k, v in found["by_source"].items()))
    print(f"  public share {found['public_share']}; leverage of public money {found['leverage']}")
    for m in found["members"]:
        print(
            f"  {m['name']} ({m['quadrant']}, {m['role'] or 'member'}): {m['contribution'] or '-'} {m['source']}"
        )
    return 0


def cmd_replication(args: argparse.Namespace) -> int:
    from minga.ecosystem.domain.partnerships import lineage

    found = lineage(args.initiative)
    if args.json:
        print(json.dumps(found, ensure_ascii=False))
        return 0

    def show(node: dict, indent: str) -> None:  # type: ignore[type-arg]
        adapted = f" — adapted: {node['adapted']}" if node["adapted"] else ""
        print(
            f"{indent}{node['title']} ({node['territory'] or 'no territory'}, {node['stage'] or 'no stage'}){adapted}"
        )
        for child in node["replications"]:
            show(child, indent + "  ")

    show(found["root"], "")
    s = found["spread"]
    print(f"spread: {s['initiatives']} initiatives in {len(s['countries'])} countries ({', '.join(s['countries'])}); "
          + ", ".join(f"{k} {v}" for k, v in s["by_level"].items() if v))  # fmt: skip
    return 0

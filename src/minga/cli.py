"""The ``minga`` command: a thin layer over the domain functions (argument parsing, output, exit codes)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

#: grant and aid-activity files, imported by the ecosystem app (funders, recipients, ``funds`` relations)
FUNDING_FORMATS = ("360giving", "iati")
DEMO = Path(__file__).resolve().parent / "data" / "demo"
DEMO_FILES = (
    ("coops-uk", DEMO / "coops-uk" / "standard.Q2-2023.postcodes.csv"),
    ("susy", DEMO / "susy" / "susy-map.geojson"),
    ("kvm", DEMO / "kvm" / "search_results.json"),
)
#: funding data the demo ships (CC0): see data/PROVENANCE.md for what is left out and why
DEMO_GRANTS = DEMO / "grants" / "IndigoTrust_360giving.csv"


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minga.settings")
    import django

    django.setup()


def _user(username: str | None) -> Any:
    if not username:
        from minga.core.permissions import SYSTEM

        return SYSTEM  # the local operator
    from django.contrib.auth.models import User

    from minga.core.errors import NotFound

    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise NotFound(
            f"No user {username!r}.", hint="Create it with: minga manage createsuperuser"
        ) from None


def cmd_init(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    from minga.territories.domain.load import load_territories
    from minga.vocab.domain.load import load_vocabularies

    call_command("migrate", verbosity=0, interactive=False)
    territories = load_territories()
    vocab = load_vocabularies()
    print(f"Database ready. Territories: {sum(territories.values())} ({_fmt(territories)}).")
    print(f"Vocabularies: {_fmt(vocab)}.")
    return 0


def _fmt(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())


def _print_import(report: Any, as_json: bool) -> None:
    from minga.registry.domain.imports import report_json

    if as_json:
        print(report_json(report))
        return
    verb = "Would import" if report.dry_run else "Imported"
    print(
        f"{verb} {report.filename} ({report.format}): {report.total} rows — {report.created} created, "
        f"{report.updated} updated, {report.unchanged} unchanged, {len(report.rejected)} rejected "
        f"[{report.seconds:.1f} s]"
    )
    print(
        f"  {report.with_coordinates} with coordinates, {report.placed_in_subdivision} placed in a subdivision"
    )
    for what, values in report.unresolved.items():
        if values:
            listed = ", ".join(f"{k!r} ×{n}" for k, n in list(values.items())[:25])
            print(f"  unresolved {what} ({sum(values.values())} rows): {listed}")
    if report.rejects_path:
        print(f"  rejected rows written to {report.rejects_path}")


def cmd_import(args: argparse.Namespace) -> int:
    from minga.registry.domain.imports import import_file

    if args.format in FUNDING_FORMATS:
        from minga.ecosystem.cli import cmd_import_funding

        return cmd_import_funding(args)

    options: dict[str, Any] = {}
    if args.map:
        options["mapping"] = dict(item.split("=", 1) for item in args.map)
    report = import_file(
        args.path,
        format=args.format,
        source=args.source,
        by=_user(args.user),
        via="cli",
        skip_invalid=args.skip_invalid,
        dry_run=args.dry_run,
        rejects_path=args.rejects,
        progress=not args.json,
        options=options,
    )
    _print_import(report, args.json)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from minga.registry.exporters import export

    report = export(args.format, Path(args.output), territory=args.territory, kind=args.kind, progress=True)
    print(f"Exported {report.count} actors as {report.format} to {report.path} [{report.seconds:.1f} s]")
    for line in report.attributions:
        print(f"  attribution: {line}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from minga.knowledge.cli import cmd_search as run

    return run(args)


def cmd_sdg(args: argparse.Namespace) -> int:
    from minga.knowledge.sdg.cli import cmd_sdg as run

    return run(args)


def cmd_stats(args: argparse.Namespace) -> int:
    from minga.registry.domain.stats import compute_stats

    stats = compute_stats(args.territory)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False))
    else:
        print(
            f"{stats['actors']} actors ({stats['with_coordinates']} with coordinates), {stats['initiatives']} initiatives"
        )
        for key in ("by_kind", "by_country", "by_subdivision"):
            top = list(stats[key].items())[:10]
            print(f"  {key}: " + ", ".join(f"{k} {v}" for k, v in top))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from waitress import serve

    from minga.wsgi import application

    print(
        f"Minga is serving on http://{args.host}:{args.port}/ (admin: /admin/, API: /api/v1/docs). Ctrl+C stops."
    )
    # connection_limit: a forum's participants keep connections open; beyond waitress's default of 100 they were
    # refused and timed out (bench/forum_load.py with 200 participants)
    serve(application, host=args.host, port=args.port, threads=8, connection_limit=1000, _quiet=True)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from minga.registry.domain.imports import import_file

    cmd_init(args)
    for fmt, path in DEMO_FILES:
        _print_import(import_file(path, format=fmt, via="cli", progress=True), False)
    from minga.ecosystem.interfaces.funding_import import import_360giving

    grants = import_360giving(DEMO_GRANTS, via="cli")
    print(
        f"Imported {grants.filename} (360giving): {grants.grants} grants, {grants.relations['created']} new relations"
    )
    _ensure_demo_admin()
    return 0 if args.no_serve else cmd_serve(args)


def _ensure_demo_admin() -> None:
    from django.contrib.auth.models import User

    if not User.objects.filter(is_superuser=True).exists():
        print("No administrator yet: create one with `.venv/bin/minga manage createsuperuser`.")


def cmd_token(args: argparse.Namespace) -> int:
    from minga.api.auth import create_token

    key = create_token(_user(args.username), name=args.name)
    print(key)
    print(
        "Keep this API token safe: it is shown only once. Send it as 'Authorization: Bearer <token>'.",
        file=sys.stderr,
    )
    return 0


def cmd_role(args: argparse.Namespace) -> int:
    from minga.core.models import Role, RoleAssignment
    from minga.territories.domain.queries import get_territory

    territory = get_territory(args.territory) if args.territory else None
    if args.role == Role.STEWARD and territory is None:
        print("A steward needs --territory CODE.", file=sys.stderr)
        return 2
    RoleAssignment.objects.get_or_create(user=_user(args.username), role=args.role, territory=territory)
    print(f"{args.username} is now {args.role}" + (f" of {territory.code}" if territory else ""))
    return 0


def cmd_relations(args: argparse.Namespace) -> int:
    from minga.ecosystem.cli import cmd_relations as run

    return run(args)


def cmd_ecosystem(args: argparse.Namespace) -> int:
    from minga.ecosystem.cli import cmd_ecosystem as run

    return run(args)


def cmd_partnership(args: argparse.Namespace) -> int:
    from minga.ecosystem.cli import cmd_partnership as run

    return run(args)


def cmd_replication(args: argparse.Namespace) -> int:
    from minga.ecosystem.cli import cmd_replication as run

    return run(args)


def cmd_funding(args: argparse.Namespace) -> int:
    from minga.ecosystem.cli import cmd_funding as run

    return run(args)


def cmd_forum(args: argparse.Namespace) -> int:
    from minga.forum.cli import cmd_forum as run

    return run(args)


def build_parser() -> argparse.ArgumentParser:
    from minga.ecosystem.cli import add_commands as add_ecosystem_commands
    from minga.forum.cli import add_commands as add_forum_commands
    from minga.knowledge.cli import add_search_command
    from minga.knowledge.sdg.cli import add_sdg_command
    from minga.registry.exporters import EXPORTERS
    from minga.registry.importers import formats

    parser = argparse.ArgumentParser(
        prog="minga", description="Minga: the SSE registry, map and knowledge platform."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init", help="create or upgrade the database and load reference data (idempotent)")
    p = sub.add_parser("import", help="import a data file (all-or-nothing unless --skip-invalid)")
    p.add_argument("format", choices=sorted([*formats(), *FUNDING_FORMATS]))
    p.add_argument("path")
    p.add_argument(
        "--skip-invalid", action="store_true", help="import valid rows; write rejected ones to a file"
    )
    p.add_argument("--rejects", help="where to write rejected rows (default: $MINGA_HOME/rejects/)")
    p.add_argument("--dry-run", action="store_true", help="validate and count, then roll back")
    p.add_argument("--source", help="provenance source name (default: the format's, or csv:<file name>)")
    p.add_argument("--map", action="append", metavar="COLUMN=FIELD", help="csv: rename a column (repeatable)")
    p.add_argument("--user", help="act as this user (permissions and audit); default: the local operator")
    p.add_argument("--json", action="store_true", help="print the report as JSON, no progress bar")
    p = sub.add_parser("export", help="export actors")
    p.add_argument("format", choices=sorted(EXPORTERS))
    p.add_argument("--output", "-o", required=True, help="file (a folder for murmurations)")
    p.add_argument(
        "--territory", help="only this territory and what lies under it (M49, ISO or locality code)"
    )
    p.add_argument("--kind", help="only this kind of actor")
    p = sub.add_parser("stats", help="counts for a territory or the world")
    p.add_argument("--territory")
    p.add_argument("--json", action="store_true")
    for name, text in (("serve", "serve the web app and API"), ("demo", "init, import the demo data, serve")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        if name == "demo":
            p.add_argument("--no-serve", action="store_true", help="stop after loading the data")
    p = sub.add_parser("token", help="issue an API token for a user (printed once)")
    p.add_argument("username")
    p.add_argument("--name", default="default")
    p = sub.add_parser("role", help="give a user a role: admin, or steward of a territory")
    p.add_argument("username")
    p.add_argument("role", choices=["admin", "steward"])
    p.add_argument("--territory")
    add_search_command(sub)
    add_sdg_command(sub)
    add_ecosystem_commands(sub)
    add_forum_commands(sub)
    sub.add_parser("manage", help="run a Django management command (e.g. createsuperuser)", add_help=False)
    return parser


COMMANDS = {
    "init": cmd_init,
    "import": cmd_import,
    "export": cmd_export,
    "stats": cmd_stats,
    "serve": cmd_serve,
    "demo": cmd_demo,
    "token": cmd_token,
    "role": cmd_role,
    "search": cmd_search,
    "sdg": cmd_sdg,
    "relations": cmd_relations,
    "ecosystem": cmd_ecosystem,
    "funding": cmd_funding,
    "partnership": cmd_partnership,
    "replication": cmd_replication,
    "forum": cmd_forum,
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from django.core.exceptions import ImproperlyConfigured

    try:
        _setup()
    except ImproperlyConfigured as err:
        print(f"minga: configuration error: {err}", file=sys.stderr)
        return 2
    if argv[:1] == ["manage"]:
        from django.core.management import execute_from_command_line

        execute_from_command_line(["minga manage", *argv[1:]])
        return 0
    args = build_parser().parse_args(argv)
    from django.db import DatabaseError

    from minga.core.errors import MingaError

    try:
        return COMMANDS[args.command](args)
    except MingaError as err:
        print(f"minga: {err}", file=sys.stderr)
        return 1
    except DatabaseError as err:
        print(f"minga: database error: {err}", file=sys.stderr)
        print("  → Is the database set up? Run `minga init` (it is safe to run again).", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("minga: interrupted; nothing partial was written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""Ecosystem report at scale: ``ecosystem_report`` for the world and for one country on a generated ecosystem.

    .venv/bin/python bench/ecosystem_scale.py [--actors 100000] [--relations 1000000] [--country-actors 10000]
    scripts/with-postgres.sh .venv/bin/python bench/ecosystem_scale.py      # the same on PostgreSQL

Data (seeded): ``--actors`` actors, ``--country-actors`` of them in France (spread over its subdivisions), the rest
in 40 other countries; kinds drawn with the registry's mix (80% SSE kinds, then governments, funders, support
organisations, companies, agencies); ESSGlobal activities. Relations: ``--relations`` ties, 85% between actors of
the same country and 15% across countries, ends drawn with a heavy tail (a few hubs, as networks and funders
are), types by a fixed mix (partners_with, member_of, funds, supports, supplies); written with one executemany.

Measured, each three times (median shown): the report for the world (001) and for France; and, as the baseline in
the same run, the two parts the report cannot avoid: reading the relations (one SELECT of the pairs) and
``maths.graph.figures`` on the same graph. Targets (issue #5): world ≤ 30 s, a country of 10,000 actors ≤ 2 s.
Exits 1 when a target is missed. Writes bench/out/ecosystem_scale.json. The temporary MINGA_HOME is removed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HOME = Path(tempfile.mkdtemp(prefix="minga-bench-eco-"))
os.environ.update(MINGA_HOME=str(HOME), MINGA_DEBUG="0", DJANGO_SETTINGS_MODULE="minga.settings")
os.environ.setdefault("MINGA_EMBEDDINGS", "0")
OUT = Path(__file__).resolve().parent / "out" / "ecosystem_scale.json"
TARGETS = {"world_s": 30.0, "country_s": 2.0}
KINDS = [("cooperative", 30), ("association", 30), ("social_enterprise", 8), ("mutual", 4), ("community_group", 6),
         ("network", 2), ("local_government", 4), ("regional_government", 1), ("funder_public", 2),
         ("funder_foundation", 2), ("social_bank", 1), ("support_organisation", 4), ("private_company", 4),
         ("civil_society", 1), ("cooperation_agency", 1)]  # fmt: skip
TYPES = [("partners_with", 40), ("member_of", 25), ("funds", 15), ("supports", 10), ("supplies", 10)]


def timed(fn, repeat: int = 3) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def populate(actors: int, relations: int, country_actors: int, seed: int = 5) -> dict[str, float]:
    from django.db import connection, transaction

    from minga.ecosystem.models import Relation
    from minga.registry.models import Actor
    from minga.territories.models import Territory

    rng = random.Random(seed)
    france = list(
        Territory.objects.filter(code__startswith="FR-", kind="subdivision").values_list("code", "path")
    )
    others = list(Territory.objects.filter(kind="country").exclude(code="FR").order_by("code")
                  .values_list("code", "path")[:40])  # fmt: skip
    ids = {
        c: t
        for c, t in Territory.objects.filter(code__in=[c for c, _ in france + others]).values_list(
            "code", "pk"
        )
    }
    kinds = [k for k, w in KINDS for _ in range(w)]
    activities = [f"ICA{n}" for n in range(10, 160, 10)]
    started = time.perf_counter()
    rows = []
    for n in range(actors):
        code, path = rng.choice(france) if n < country_actors else rng.choice(others)
        rows.append(Actor(name=f"Actor {n}", kind=rng.choice(kinds), primary_activity=rng.choice(activities),
                          territory_id=ids[code], territory_path=path, country_code=code[:2], source="bench",
                          source_id=str(n)))  # fmt: skip
    with transaction.atomic():
        Actor.objects.bulk_create(rows, batch_size=2000)
    actor_ids = list(Actor.objects.order_by("id").values_list("id", flat=True))
    country_of = dict(Actor.objects.values_list("id", "country_code"))
    by_country: dict[str, list[int]] = {}
    for actor_id in actor_ids:
        by_country.setdefault(country_of[actor_id], []).append(actor_id)
    cumulative = {}
    for (
        c,
        v,
    ) in by_country.items():  # heavy tail: the i-th actor of a country drawn with weight 1 / (i + 1)^0.8
        total, acc = 0.0, []
        for i in range(len(v)):
            total += 1.0 / (i + 1) ** 0.8
            acc.append(total)
        cumulative[c] = acc
    types = [t for t, w in TYPES for _ in range(w)]
    table = Relation._meta.db_table
    sql = (f"INSERT INTO {table} (type, from_actor_id, to_actor_id, currency, instrument, note, source, source_id, "
           "matched, created_at, updated_at) VALUES (%s, %s, %s, '', '', '', 'bench', %s, '{}', %s, %s)")  # fmt: skip
    from django.utils import timezone

    now = timezone.now()
    countries = list(by_country)
    sizes = [len(by_country[c]) for c in countries]  # a country's share of ties follows its share of actors
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for n in range(relations):
            home = rng.choices(countries, weights=sizes)[0]
            away = home if rng.random() < 0.85 else rng.choice(countries)
            a = rng.choices(by_country[home], cum_weights=cumulative[home])[0]
            b = rng.choices(by_country[away], cum_weights=cumulative[away])[0]
            if a == b:
                b = rng.choice(by_country[away])
            batch.append((rng.choice(types), a, b, str(n), now, now))
            if len(batch) == 20_000:
                cursor.executemany(sql, batch)
                batch.clear()
                print(f"\r  relations {n + 1:,}/{relations:,}", end="", file=sys.stderr)
        if batch:
            cursor.executemany(sql, batch)
    print(file=sys.stderr)
    return {"populate_s": round(time.perf_counter() - started, 1)}


def baseline(code: str) -> dict[str, float]:
    """The parts the report cannot avoid, timed alone: reading the pairs, and the graph figures."""
    import numpy as np

    from minga.ecosystem.models import Relation
    from minga.maths.graph import figures
    from minga.registry.models import Actor
    from minga.territories.domain.queries import get_territory, under

    path = get_territory(code).path
    read_s, pairs = timed(lambda: list(
        (Relation.objects.all() if code == "001" else Relation.objects.filter(from_actor__territory_path__startswith=path))
        .values_list("from_actor_id", "to_actor_id").order_by().iterator(chunk_size=20_000)))  # fmt: skip
    inside = list(Actor.objects.filter(under(path)).values_list("id", flat=True))
    index = {a: i for i, a in enumerate(inside)}
    for a, b in pairs:  # type: ignore[union-attr]
        for x in (a, b):
            index.setdefault(x, len(index))
    edges = np.array([(index[a], index[b]) for a, b in pairs], dtype=np.int64)  # type: ignore[union-attr]
    graph_s, _ = timed(lambda: figures(len(index), len(inside), edges))
    return {"read_pairs_s": round(read_s, 3), "graph_figures_s": round(graph_s, 3), "pairs": len(pairs)}  # type: ignore[arg-type]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--country-actors", type=int, default=10_000)
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from minga.ecosystem.domain.report import ecosystem_report
    from minga.territories.domain.load import load_territories

    try:
        call_command("migrate", verbosity=0)
        load_territories()
        engine = f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}".strip()
        print(
            f"machine: {platform.node()} {os.cpu_count()} cpus, python {platform.python_version()}; engine {engine}"
        )
        figures: dict[str, object] = {
            "engine": connection.vendor,
            **populate(args.actors, args.relations, args.country_actors),
        }
        print(f"populated {args.actors:,} actors, {args.relations:,} relations in {figures['populate_s']} s")
        for name, code in (("world", "001"), ("country", "FR")):
            seconds, report = timed(lambda code=code: ecosystem_report(code))
            base = baseline(code)
            figures[name] = {"report_s": round(seconds, 3), **base, "actors": report["actors"],  # type: ignore[index]
                             "ties": report["ties"], "betweenness": report["betweenness"],  # type: ignore[index]
                             "top_broker": report["brokers"][0]["betweenness"] if report["brokers"] else None}  # type: ignore[index]  # fmt: skip
            print(f"{name} ({code}): report {seconds:.2f} s (median of 3) for {report['actors']:,} actors, "  # type: ignore[index]
                  f"ties {report['ties']}; baseline: read pairs {base['read_pairs_s']} s + graph figures "  # type: ignore[index]
                  f"{base['graph_figures_s']} s; target {TARGETS[name + '_s']} s")  # fmt: skip
        missed = [n for n in ("world", "country") if figures[n]["report_s"] > TARGETS[n + "_s"]]  # type: ignore[index]
        figures["missed"] = missed
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(figures, indent=1))
        print("targets met" if not missed else f"targets missed: {', '.join(missed)}")
        return 1 if missed else 0
    finally:
        shutil.rmtree(HOME, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

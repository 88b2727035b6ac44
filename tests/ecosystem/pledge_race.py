"""Helper of test_matchfunding: 50 threads pledge at once to one campaign matched by one pool, in a database of its
own (``MINGA_HOME`` / ``MINGA_DATABASE_URL`` given by the test), then print what the database says as JSON.

    python -m tests.ecosystem.pledge_race THREADS ROUNDS PLEDGE BUDGET
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import threading
from decimal import Decimal


def main(threads: int, rounds: int, amount: str, budget: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minga.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Sum
    from django.utils import timezone

    from minga.core.permissions import SYSTEM
    from minga.ecosystem.domain.matchfunding import create_campaign, create_pool, pledge
    from minga.ecosystem.models import LedgerEntry, MatcherPool
    from minga.registry.models import Actor, Initiative

    call_command("migrate", verbosity=0)
    initiative = Initiative.objects.create(title="Community bakery")
    funder = Actor.objects.create(name="City fund", kind="funder_public")
    campaign = create_campaign(initiative, {"currency": "EUR", "minimum": "500", "optimum": "100000",
                                            "deadline": timezone.now() + dt.timedelta(days=1)}, by=SYSTEM, via="test")  # fmt: skip
    pool = create_pool(
        funder, {"currency": "EUR", "budget": budget, "multiplier": "1"}, by=SYSTEM, via="test"
    )
    pool.campaigns.add(campaign)
    start = threading.Barrier(threads)
    errors: list[str] = []

    def pledger(n: int) -> None:
        try:
            start.wait()
            for r in range(rounds):
                pledge(campaign, amount, pledger=f"p{n}", key=f"key-{n}-{r}")
                pledge(campaign, amount, pledger=f"p{n}", key=f"key-{n}-{r}")  # a replayed request
        except Exception as err:  # noqa: BLE001 - reported to the test
            errors.append(f"{type(err).__name__}: {err}")
        finally:
            connection.close()

    workers = [threading.Thread(target=pledger, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    pool = MatcherPool.objects.get(pk=pool.pk)

    def total(kind: str) -> str:
        value = LedgerEntry.objects.filter(kind=kind).aggregate(s=Sum("amount"))["s"] or Decimal("0")
        return str(Decimal(value).quantize(Decimal("0.01")))  # SQLite's SUM drops the scale

    print(json.dumps({
        "errors": errors, "pledges": LedgerEntry.objects.filter(kind="pledge").count(), "pledged": total("pledge"),
        "matches": LedgerEntry.objects.filter(kind="match").count(), "matched": total("match"),
        "spent": str(pool.spent), "budget": str(pool.budget),
    }))  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4])

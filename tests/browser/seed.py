"""What the browser tests need beyond the demo data: a funding scheme, a matchfunding campaign with a matcher pool
and a pledge, a partnership and a replicated practice — each written through the product's own domain functions.
Run inside ``minga manage shell``; writes the ids it created to ``$MINGA_HOME/seeded.json``."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from django.contrib.auth.models import User
from django.utils import timezone

from minga.ecosystem.domain.funding import create_scheme
from minga.ecosystem.domain.matchfunding import create_campaign, create_pool, offer_pool, pledge
from minga.ecosystem.domain.partnerships import create_partnership
from minga.ecosystem.domain.relations import create_relation, relation_from_fields
from minga.registry.models import Actor, Initiative
from minga.territories.models import Territory


def _forum(admin: User) -> dict[str, int]:
    """A forum with a real Pol.is conversation (read from ../shared/data, analysed) in one session and an open
    question of five statements, strictly moderated, in another."""
    from minga.forum.domain.analysis import analyze_question
    from minga.forum.domain.forums import add_question, add_round, add_session, create_forum
    from minga.forum.interfaces.polis_import import import_polis
    from minga.forum.models import Question, Session, Statement
    from tests.conftest import SHARED

    forum = create_forum({"title": "Global Virtual Forum on SSE 2026", "language": "en", "access": "open"},
                         by=admin, via="test")  # fmt: skip
    imported = Question.objects.get(pk=import_polis(SHARED / "polis-conversations" / "6da26haxpe", by=admin,
                                                    via="test").question)  # fmt: skip
    Session.objects.filter(pk=imported.round.session_id).update(forum=forum, position=0)
    analyze_question(imported)
    session = add_session(forum, {"title": "Local food systems", "kind": "local"}, by=admin, via="test")
    round_ = add_round(session, {"title": "1"}, by=admin, via="test")
    question = add_question(round_, {"title": "What would make local food fairer?", "moderation": "strict"},
                            by=admin, via="test")  # fmt: skip
    for text in ("Public canteens should buy from local cooperatives", "Farmers need a fair price guaranteed",
                 "Food banks are not a long-term answer", "Community gardens belong in every district",
                 "Supermarkets should share their margins"):  # fmt: skip
        Statement.objects.create(question=question, text=text, language="en", moderation=1,
                                 created_at=timezone.now())  # fmt: skip
    return {"forum": forum.pk, "question": question.pk, "polis_question": imported.pk}


def run() -> dict[str, int]:
    admin = User.objects.get(username="admin")
    bristol = Initiative.objects.get(title="Community energy share offer")
    funder = (
        Actor.objects.filter(name__icontains="Indigo Trust").first() or Actor.objects.order_by("pk").first()
    )
    assert funder is not None
    coops = list(Actor.objects.filter(territory_path__contains="/GB-BST/").order_by("pk")[:2])
    scheme = create_scheme(funder, {"name": "Community energy fund", "instrument": "grant", "currency": "GBP",
                                    "budget": "50000", "amount_min": "1000", "amount_max": "10000",
                                    "territories": ["GB"], "sdg_goals": [7],
                                    "description": {"en": "Grants for community-owned renewable energy."}},
                           by=admin, via="test")  # fmt: skip
    campaign = create_campaign(bristol, {"title": "Solar roofs for Bristol", "currency": "GBP", "minimum": "1000",
                                         "optimum": "5000", "deadline": timezone.now() + dt.timedelta(days=30)},
                               by=admin, via="test")  # fmt: skip
    pool = create_pool(funder, {"name": "Energy match", "currency": "GBP", "budget": "2000", "multiplier": "1",
                                "cap_per_pledge": "200"}, by=admin, via="test")  # fmt: skip
    offer_pool(pool, campaign, by=admin, via="test")
    pledge(campaign, "150", pledger="neighbour", key="seed-1")
    partnership = create_partnership({"name": "Bristol energy partnership", "currency": "GBP"}, [
        {"actor": coops[0].pk, "role": "lead", "contribution": "3000"},
        {"actor": coops[1].pk, "role": "partner", "contribution": "1000"}], by=admin, via="test")  # fmt: skip
    copies = []
    for code, title in (("FR-69", "Community energy share offer, Lyon"), ("KE", "Community solar, Nairobi")):
        place = Territory.objects.get(code=code)
        copies.append(Initiative.objects.create(title=title, territory=place, territory_path=place.path,
                                                stage="replicated"))  # fmt: skip
    for copy in copies:
        fields = {"from": f"initiative:{copy.pk}", "to": f"initiative:{bristol.pk}", "type": "replicates",
                  "note": "adapted to a housing co-operative"}  # fmt: skip
        create_relation(relation_from_fields(fields), by=admin, via="test")
    forum_ids = _forum(admin)
    ids = {**forum_ids, "scheme": scheme.pk, "campaign": campaign.pk, "pool": pool.pk, "partnership": partnership.pk,
           "initiative": bristol.pk, "funder": funder.pk}  # fmt: skip
    Path(os.environ["MINGA_HOME"], "seeded.json").write_text(json.dumps(ids))
    return ids

"""Matchmaking between funding schemes and initiatives: for random schemes (Hypothesis), the vectorised engine
names exactly the criteria a plain per-record reading of the database says fail — so every match meets every hard
criterion and every exclusion names what it failed; ranking, near misses, explanations, validation and awards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minga.core.errors import ValidationFailed
from minga.ecosystem.domain import candidates as cand
from minga.ecosystem.domain.funding import award, create_scheme, match_candidate, match_scheme
from minga.ecosystem.domain.matchmaking import evaluate
from minga.ecosystem.models import Application, FundingScheme, Relation
from minga.registry.models import Actor, Initiative, InitiativeActor, InitiativeSdgTarget
from minga.territories.models import Territory
from minga.vocab.models import SdgTarget
from tests.factories import make_actor, make_initiative, make_relation, make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)
PLACES = ["GB-BST", "GB-MAN", "FR", "KE", None]
KINDS = ["cooperative", "association", "social_enterprise", "local_government"]
LEGAL = ["L2", "L3", "L4", ""]
ACTIVITIES = ["ICA10", "ICA70", "ICA120", ""]
TARGETS = ["1.4", "2.3", "5.a", "8.3", "11.1", "13.1"]
STAGES = ["pilot", "replicated", "scaled", ""]


@pytest.fixture
def world() -> list[Initiative]:
    """24 initiatives, each carried by one or two actors, spread over every value a scheme may ask for."""
    out = []
    for n in range(24):
        place = PLACES[n % len(PLACES)]
        initiative = make_initiative(
            place, title=f"initiative {n}", stage=STAGES[n % 4],
            funding_sought=None if n % 5 == 0 else Decimal(1000 * (n + 1)) + Decimal("0.50"),
            funding_currency=["GBP", "EUR", ""][n % 3], cofinancing_share=None if n % 4 == 0 else Decimal(n % 7) / 10,
        )  # fmt: skip
        lead = make_actor(
            place, kind=KINDS[n % 4], legal_form=LEGAL[n % 4], primary_activity=ACTIVITIES[n % 4]
        )
        InitiativeActor.objects.create(initiative=initiative, actor=lead, role="lead")
        if n % 3 == 0:
            make_relation(
                make_actor(place, kind=KINDS[(n + 1) % 4], primary_activity=ACTIVITIES[(n + 2) % 4]),
                initiative,
                "implements",
            )
        for code in TARGETS[n % 6 : n % 6 + 1 + n % 2]:
            InitiativeSdgTarget.objects.create(initiative=initiative, target=SdgTarget.objects.get(code=code),
                                               origin=["confirmed", "manual", "suggested"][n % 3])  # fmt: skip
        out.append(initiative)
    return out


def reference_failures(scheme: FundingScheme, initiative: Initiative) -> set[str]:
    """What a person reading the records would say fails, one criterion at a time (no bit masks, no numpy)."""
    actor_ids = set(initiative.roles.values_list("actor_id", flat=True)) | set(
        Relation.objects.filter(type="implements", to_initiative=initiative).values_list(
            "from_actor_id", flat=True
        )
    )
    actors = list(Actor.objects.filter(pk__in=actor_ids))
    targets = set(
        initiative.sdg_links.filter(origin__in=["confirmed", "manual"]).values_list("target__code", flat=True)
    )
    failed = set()
    if scheme.status != "open" or (scheme.deadline and scheme.deadline < TODAY):
        failed.add("open")
    if scheme.territories:
        paths = [t.path for t in Territory.objects.filter(code__in=scheme.territories)]
        if not any(initiative.territory_path and initiative.territory_path.startswith(p) for p in paths):
            failed.add("territory")
    if scheme.actor_kinds and not {a.kind for a in actors} & set(scheme.actor_kinds):
        failed.add("actor_kind")
    if scheme.legal_forms and not {a.legal_form for a in actors} & set(scheme.legal_forms):
        failed.add("legal_form")
    if scheme.activities and not {x for a in actors for x in [a.primary_activity, *a.activities]} & set(
        scheme.activities
    ):
        failed.add("activity")
    if (scheme.sdg_goals or scheme.sdg_targets) and not (
        {int(t.split(".")[0]) for t in targets} & set(scheme.sdg_goals) or targets & set(scheme.sdg_targets)
    ):
        failed.add("sdg")
    if scheme.stages and initiative.stage not in scheme.stages:
        failed.add("stage")
    if scheme.amount_min is not None or scheme.amount_max is not None:
        sought = initiative.funding_sought
        if (sought is None or initiative.funding_currency != scheme.currency
                or (scheme.amount_min is not None and sought < scheme.amount_min)
                or (scheme.amount_max is not None and sought > scheme.amount_max)):  # fmt: skip
            failed.add("amount")
    if scheme.cofinancing_min is not None and (
        initiative.cofinancing_share is None or initiative.cofinancing_share < scheme.cofinancing_min
    ):
        failed.add("cofinancing")
    return failed


maybe = lambda values: st.lists(st.sampled_from(values), max_size=2, unique=True)  # noqa: E731
money = st.one_of(st.none(), st.integers(0, 30_000).map(lambda n: Decimal(n) + Decimal("0.50")))
schemes = st.builds(
    FundingScheme, name=st.just("random"), instrument=st.just("grant"), currency=st.sampled_from(["GBP", "EUR"]),
    status=st.sampled_from(["open", "open", "closed"]), deadline=st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31))),
    territories=maybe(["GB", "GB-BST", "FR", "150", "002"]), actor_kinds=maybe(KINDS), legal_forms=maybe(["L2", "L3", "L4"]),
    activities=maybe(["ICA10", "ICA70", "ICA120"]), sdg_goals=maybe([1, 2, 5, 8, 11, 13]), sdg_targets=maybe(TARGETS),
    stages=maybe(["pilot", "replicated", "scaled"]), amount_min=money, amount_max=money,
    cofinancing_min=st.one_of(st.none(), st.sampled_from([Decimal("0"), Decimal("0.2"), Decimal("0.5")])),
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scheme=schemes)
def test_every_match_meets_every_criterion_and_every_exclusion_names_what_failed(
    world: list[Initiative], scheme: FundingScheme
) -> None:
    pool = cand.initiatives()
    evaluation = evaluate(scheme, pool, today=TODAY)
    by_id = {i.pk: i for i in world}

    engine = {int(pool.ids[row]): set(evaluation.failed(row)) for row in range(len(pool))}

    assert engine == {pk: reference_failures(scheme, i) for pk, i in by_id.items()}


def test_a_scheme_lists_its_matches_best_first_and_its_near_misses_with_reasons(
    world: list[Initiative],
) -> None:
    funder = make_actor("GB", kind="funder_foundation", name="A Trust")
    scheme = create_scheme(funder, {"name": "Co-ops in Bristol", "instrument": "grant", "currency": "GBP",
                                    "territories": ["GB-BST"], "actor_kinds": ["cooperative"], "sdg_goals": [1]},
                           by=make_user(superuser=True), via="test")  # fmt: skip

    found = match_scheme(scheme.pk)

    assert (found["total"], [m["name"] for m in found["matches"]]) == (1, ["initiative 0"])
    assert found["matches"][0]["met"] == [
        {"criterion": "open", "why": "the scheme is open"},
        {"criterion": "territory", "why": "GB-BST is within GB-BST"},
        {
            "criterion": "actor_kind",
            "why": "actor kind: association, cooperative; the scheme asks for cooperative",
        },
        {"criterion": "sdg", "why": "SDGs: 1; the scheme asks for SDG 1"},
    ]
    assert {m["name"]: [f["criterion"] for f in m["failed"]] for m in found["near_misses"]} == {
        "initiative 12": ["territory"],  # in France
        "initiative 15": ["sdg"],  # SDGs 8 and 11
        "initiative 20": ["sdg"],  # SDG 5 is only suggested, not confirmed
    }


def test_a_candidate_sees_the_schemes_it_fits(world: list[Initiative]) -> None:
    admin, funder = make_user(superuser=True), make_actor("GB", kind="funder_public")
    fits = create_scheme(
        funder,
        {"name": "Any pilot", "instrument": "loan", "currency": "GBP", "stages": ["pilot"]},
        by=admin,
        via="t",
    )
    create_scheme(
        funder,
        {"name": "Scaling", "instrument": "equity", "currency": "GBP", "stages": ["scaled"]},
        by=admin,
        via="t",
    )

    found = match_candidate("initiative", world[4].pk)  # stage "pilot"

    assert [m["scheme"]["name"] for m in found["matches"]] == [fits.name]
    assert [(m["scheme"]["name"], m["failed"]) for m in found["not_eligible"]] == [
        ("Scaling", [{"criterion": "stage", "why": "stage: pilot; the scheme asks for scaled"}])
    ]


def test_a_scheme_with_unknown_codes_or_bad_money_is_refused_naming_each_field() -> None:
    funder = make_actor("GB", kind="funder_public")
    data: dict[str, Any] = {"name": "", "instrument": "gift", "currency": "GBX", "budget": "-5", "actor_kinds": ["co-op"],
                            "sdg_targets": ["18.1"], "territories": ["ZZ"], "cofinancing_min": "1.5"}  # fmt: skip

    with pytest.raises(ValidationFailed) as refused:
        create_scheme(funder, data, by=make_user(superuser=True), via="test")

    assert refused.value.errors == {
        "name": ["a scheme needs a name"],
        "instrument": ["use one of: grant, loan, guarantee, equity, in_kind, procurement, matchfunding"],
        "currency": ["'GBX' is not an ISO 4217 code"],
        "budget": ["amount -5 is negative"],
        "cofinancing_min": ["a share between 0 and 1"],
        "actor_kinds": ["unknown: co-op"],
        "sdg_targets": ["unknown: 18.1"],
        "territories": ["unknown: ZZ"],
    }
    assert FundingScheme.objects.count() == 0


def test_an_award_becomes_a_funds_relation_from_the_funder(world: list[Initiative]) -> None:
    admin, funder = make_user(superuser=True), make_actor("GB", kind="funder_foundation")
    scheme = create_scheme(
        funder, {"name": "Grants", "instrument": "grant", "currency": "GBP"}, by=admin, via="t"
    )
    application = Application.objects.create(
        scheme=scheme, initiative=world[1], amount_requested=Decimal("5000")
    )

    award(application, Decimal("4000.00"), by=admin, via="test")

    relation = Relation.objects.get(source="scheme")
    assert (relation.type, relation.from_actor_id, relation.to_initiative_id, relation.amount, relation.currency,
            relation.instrument, application.status, application.relation_id) == (
        "funds", funder.pk, world[1].pk, Decimal("4000.00"), "GBP", "grant", "awarded", relation.pk,
    )  # fmt: skip
    with pytest.raises(ValidationFailed):
        award(application, Decimal("1.00"), by=admin, via="test")

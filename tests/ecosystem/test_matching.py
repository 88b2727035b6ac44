"""Matching funding-file organisations to actors: identifiers, the Co-ops UK 2017 crosswalk, exact and normalised
names (with the postcode district to choose between namesakes), and identifier matches whose names disagree."""

from __future__ import annotations

import pytest

from minga.ecosystem.domain.matching import Match, Matcher, Org, district, normalise_name, number_keys
from tests.factories import make_actor

pytestmark = pytest.mark.django_db


def test_names_fold_legal_words_punctuation_and_co_operative_spellings() -> None:
    assert [normalise_name(n) for n in ("The Bristol Co-operative Society Limited", "Café Olé C.I.C.", "Co-op UK Ltd")] == [
        "bristol cooperative", "cafe ole c i c", "coop",
    ]  # fmt: skip


def test_society_and_company_numbers_become_crosswalk_keys() -> None:
    assert [number_keys(i) for i in ("GB-COH-IP28755R", "GB-COH-IP032202", "GB-COH-RS007137", "GB-COH-5386797",
                                     "GB-COH-SC399880", "GB-MPR-0525R", "GB-CHC-1159982")] == [
        ["FCA:28755R"], ["FCA:32202R"], ["FCA:7137RS"], ["CH:05386797"], ["CH:SC399880"], ["FCA:525R"], [],
    ]  # fmt: skip
    assert (district("LS3 1HH"), district("ls31hh"), district("75011")) == ("LS3", "LS3", "75011")


def test_each_rule_finds_its_actor_and_says_how() -> None:
    by_id = make_actor(name="Argyll Fencer's Co-operative Ltd", identifiers=["GB-COH-SC399880"])
    # R000001 is Co-operative Group Limited, FCA 525R, in the 2017 crosswalk
    group = make_actor(name="Co-operative Group Limited", source="coops-uk", source_id="R000001")
    exact = make_actor(name="Hyde Park Source")
    normal = make_actor(name="Leeds Community Homes Limited")
    north = make_actor(name="Riverside Café", postcode="LS3 1AA")
    make_actor(name="Riverside Cafe Ltd", postcode="BS1 4DJ")
    matcher = Matcher()

    found = [
        matcher.find(Org(id="GB-COH-SC399880", name="Argyll Fencers")),
        matcher.find(Org(id="GB-MPR-525R", name="The Co-operative Group")),
        matcher.find(Org(id="360G-x-1", name="HYDE PARK SOURCE")),
        matcher.find(Org(name="Leeds Community Homes")),
        matcher.find(Org(name="riverside cafe", postcode="LS3 9ZZ")),
        matcher.find(Org(name="riverside cafe")),
    ]

    assert found == [
        Match(by_id.pk, "identifier", "GB-COH-SC399880 (GB-COH-SC399880)"),
        Match(group.pk, "crosswalk", "GB-MPR-525R (FCA:525R)"),
        Match(exact.pk, "exact name", "HYDE PARK SOURCE"),
        Match(normal.pk, "normalised name", "leeds community homes"),
        Match(north.pk, "normalised name + postcode", "riverside cafe in LS3"),
        None,
    ]


def test_an_identifier_match_whose_names_share_no_distinctive_word_is_not_taken() -> None:
    # the case found in the Power to Change grants: GB-COH-05386797 is "Co-operatives UK" there and
    # "Co-operatives London Limited" in the co-op list
    make_actor(name="Co-operatives London Limited", identifiers=["GB-COH-05386797"])

    assert Matcher().find(Org(id="GB-COH-05386797", name="Co-operatives UK")) is None

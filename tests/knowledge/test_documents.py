"""The text a record is embedded from: name, place, activity, tags as words, descriptions; the SDG classifier reads
it without the place names."""

from __future__ import annotations

import pytest

from minga.knowledge.domain.documents import iter_documents
from tests.factories import make_actor, make_initiative

pytestmark = pytest.mark.django_db


def test_the_embedded_text_names_the_place_and_reads_tags_as_words() -> None:
    actor = make_actor(
        "GB-BST",
        name="Bristol Growers",
        locality_name="Bristol",
        tags=["community_garden", "food-growing"],
        description={"en": "Vegetables for the neighbourhood."},
    )
    initiative = make_initiative("FR", title="Jardins partagés", summary={"fr": "Des potagers pour tous."})

    assert list(iter_documents("actor")) == [
        [
            (
                actor.pk,
                "Bristol Growers · Bristol · United Kingdom · community garden · food growing · Vegetables for the neighbourhood.",
            )
        ]
    ]
    assert list(iter_documents("initiative")) == [
        [(initiative.pk, "Jardins partagés · France · Des potagers pour tous.")]
    ]
    assert list(iter_documents("actor", with_places=False)) == [
        [
            (
                actor.pk,
                "Bristol Growers · Bristol · community garden · food growing · Vegetables for the neighbourhood.",
            )
        ]
    ]

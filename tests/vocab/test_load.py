"""Reference vocabularies: counts, languages, colours, NFC text, idempotent reload."""

from __future__ import annotations

import unicodedata

import pytest

from minga.vocab.domain.load import load_vocabularies
from minga.vocab.models import Concept, SdgGoal, SdgIndicator, SdgTarget

pytestmark = pytest.mark.django_db


def test_counts_and_reload_is_idempotent() -> None:
    before = (
        Concept.objects.count(),
        SdgGoal.objects.count(),
        SdgTarget.objects.count(),
        SdgIndicator.objects.count(),
    )
    counts = load_vocabularies()

    assert before == (107, 17, 169, 252)
    assert (counts["sdg_goals"], counts["sdg_targets"], counts["sdg_indicators"]) == (17, 169, 252)
    assert (Concept.objects.count(), SdgIndicator.objects.count()) == (107, 252)


def test_labels_in_three_languages_and_official_colours() -> None:
    goal = SdgGoal.objects.get(number=13)
    assert (goal.colour, goal.short["en"], goal.short["fr"]) == (
        "#3F7E44",
        "Climate action",
        "Mesures relatives à la lutte contre les changements climatiques",
    )
    ica = Concept.objects.get(scheme="activities-ica", code="ICA10")
    assert sorted(ica.labels) == ["en", "es", "fr"]
    indicator = SdgIndicator.objects.get(code="8.3.1")
    assert indicator.title["es"] == unicodedata.normalize("NFC", indicator.title["es"])
    assert indicator.list_version.startswith("UN global indicator framework")

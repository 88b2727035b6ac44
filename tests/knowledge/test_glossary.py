"""The multilingual SSE glossary: a query's terms in one language search their equivalents in the others."""

from __future__ import annotations

import pytest

from minga.knowledge.domain import glossary
from minga.knowledge.domain.search import search
from tests.factories import make_actor


def read(query: str) -> tuple[list[str], str]:
    found = glossary.expand(query)
    return [c.name for c in found.concepts], found.english


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("boulangerie coopérative", (["bakery", "cooperative"], "bakery co-operative")),
        ("jardins partagés à Lyon", (["community garden"], "community garden à Lyon")),
        ("organisme foncier solidaire", (["community land trust"], "community land trust")),
        ("Solidarische Landwirtschaft", (["csa"], "community supported agriculture")),
        ("cooperativa de vivienda", (["housing cooperative"], "housing co-operative")),
    ],
)
def test_terms_are_read_longest_phrase_first_in_any_language(
    query: str, expected: tuple[list[str], str]
) -> None:
    assert read(query) == expected


@pytest.mark.parametrize("query", ["", "zzz qqq", '"unbalanced * NEAR - (', "\x00\x01", "🙂 " * 100])
def test_a_query_naming_no_term_expands_to_nothing(query: str) -> None:
    assert (bool(glossary.expand(query)), read(query)) == (False, ([], ""))


def test_every_concept_has_english_and_at_least_three_other_languages() -> None:
    thin = [
        c.name
        for c in glossary.concepts()
        if not c.terms["en"] or sum(bool(c.terms[lang]) for lang in glossary.LANGUAGES if lang != "en") < 3
    ]
    assert (len(glossary.concepts()) >= 100, thin) == (True, [])


@pytest.mark.django_db
def test_a_french_query_finds_english_records_by_the_glossary_alone() -> None:
    make_actor("GB", name="Hebden Bakery")
    make_actor("GB", name="Totnes Brewery")
    make_actor("DE", name="Bäckerei am Markt")

    found = search("boulangerie")

    assert sorted(h.name for h in found.results) == ["Bäckerei am Markt", "Hebden Bakery"]
    assert {tuple(h.why) for h in found.results} == {("words",)}

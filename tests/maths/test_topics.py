"""Topics: statements about the same thing end up together, labelled by their characteristic words; deterministic."""

from __future__ import annotations

from minga.maths.topics import Topic, topics

TEXTS = [
    "Rent is too expensive for young families in the city",
    "Housing rent keeps rising faster than wages",
    "Social housing cooperatives lower the rent",
    "Farmers markets should accept local currency",
    "A local currency keeps money with local farmers",
    "Local currency schemes help small farmers sell",
]


def test_two_themes_give_two_topics_labelled_by_their_words() -> None:
    found = topics(TEXTS, max_topics=4, terms=2)

    assert sorted(sorted(t.members) for t in found) == [[0, 1, 2], [3, 4, 5]]
    labels = {tuple(t.members): t.terms for t in found}
    assert labels[(0, 1, 2)][0] == "rent"
    assert set(labels[(3, 4, 5)]) <= {"currency", "farmers", "local"}
    assert topics(TEXTS, max_topics=4, terms=2) == found


def test_no_content_words_or_no_texts_give_no_topic() -> None:
    assert topics([]) == []
    assert topics(["the and of", "a an"]) == []
    assert topics(["Cooperatives", "Housing"]) == [
        Topic(label="cooperatives, housing", terms=["cooperatives", "housing"], members=[0, 1])
    ]

"""The building blocks: refusing non-text, windows over long text, folding, Aurora queries, term matching."""

from __future__ import annotations

import pytest

from minga.knowledge.sdg import aurora, lexicon
from minga.knowledge.sdg.text import MAX_CHARS, WINDOW_CHARS, NotText, check_text, prepare, terms


def test_terms_fold_accents_case_plurals_and_elisions() -> None:
    assert terms("L’Énergie renouvelable, les énergies RENOUVELABLES") == [
        "l'",
        "energi",
        "renouvelabl",
        "les",
        "energi",
        "renouvelabl",
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (b"solar energy", "got bytes, not text: decode it first (for example bytes.decode('utf-8'))"),
        ("solar\x00energy", "the input contains NUL characters: it looks like binary data, not text"),
        (
            "caf\udce9 solaire",
            "the input contains undecodable bytes (lone surrogates): it is not valid UTF-8 text",
        ),
        (
            "\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c" * 3,
            "30 control or replacement characters in 30: it looks like binary data",
        ),
        (42, "got int, not text"),
    ],
)
def test_non_text_is_refused_with_the_reason(value: object, message: str) -> None:
    with pytest.raises(NotText) as caught:
        check_text(value)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)


def test_blank_and_short_texts() -> None:
    assert (prepare(""), prepare(" \n\t "), prepare("  Solar  \n power ")) == ([], [], ["Solar power"])


def test_long_text_is_cut_and_windowed() -> None:
    windows = prepare("Solar panels on every roof of the village. " * 30_000)  # 1.3 MB
    assert len(windows) == MAX_CHARS // WINDOW_CHARS + 1 or sum(map(len, windows)) <= MAX_CHARS
    assert all(len(w) <= WINDOW_CHARS for w in windows)
    assert windows[0].startswith("Solar panels on every roof of the village. Solar panels")


def test_aurora_precedence_or_binds_tighter_than_proximity_then_and() -> None:
    tree = aurora.compile_query('( "share" OR "increas*" ) W/3 ( "renewable" W/3 "energy" ) AND NOT "fossil"')
    assert tree == [
        "not",
        [
            "near",
            3,
            False,
            ["or", ["term", ["share"], False], ["term", ["increas"], True]],
            ["near", 3, False, ["term", ["renewable"], False], ["term", ["energy"], False]],
        ],
        ["term", ["fossil"], False],
    ]
    match = aurora.match
    assert bool(match(tree, aurora.Document("We increased the share of renewable energy."))) is True
    assert bool(match(tree, aurora.Document("Increasing renewable energy instead of fossil fuels."))) is False
    assert (
        bool(match(tree, aurora.Document("Renewable energy is popular in the region; prices increase.")))
        is False
    )


def test_aurora_bad_query() -> None:
    with pytest.raises(aurora.QueryError):
        aurora.compile_query('( "energy" OR ')


def test_terms_match_once_with_their_goal_and_target() -> None:
    table = lexicon.build(
        [("minga", 7, "énergie renouvelable", 1.0, "7.2"), ("minga", 7, "énergies renouvelables", 0.5, "")]
    )
    hits = lexicon.find(table, terms("Une coopérative d'énergies renouvelables et d'énergie renouvelable"))
    assert [(h.key, h.entry.goal, h.entry.target, h.entry.weight) for h in hits] == [
        ("energi renouvelabl", 7, "7.2", 1.0)
    ]

"""Pol.is maths on tiny hand-made vote matrices whose answers are known (no real data, no database)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from minga.maths.polis import Analysis, KSmoother, Votes, analyze, group_clusters, participation
from minga.maths.polis.clusters import (
    Cluster,
    base_kmeans,
    choose_k,
    clean_start_clusters,
    distance_matrix,
    init_clusters,
    kmeans,
    max_k_for,
    silhouette,
)
from minga.maths.polis.matrix import RatingMatrix
from minga.maths.polis.pca import column_means, principal_components, project_participants
from minga.maths.polis.repness import prop_test, two_prop_test

A, D, P = 1, -1, 0


def votes_from(grid: list[list[int | None]], participants: list[int | str] | None = None) -> Votes:
    """Votes from a participants × statements grid (None = not seen)."""
    rows, cols, vals = [], [], []
    for i, line in enumerate(grid):
        for j, v in enumerate(line):
            if v is not None:
                rows.append(i)
                cols.append(j)
                vals.append(v)
    return Votes(
        participants if participants is not None else list(range(len(grid))),
        list(range(len(grid[0]))),
        np.array(rows, dtype=np.int64),
        np.array(cols, dtype=np.int64),
        np.array(vals, dtype=np.int8),
    )


def two_camps(n: int = 10) -> Votes:
    """Camp "a" agrees with statements 0-3 and disagrees with 4-7, camp "b" the reverse; all agree with 8.

    Each participant passes on a different statement so that no two are at the same point.
    """
    grid: list[list[int | None]] = []
    for camp in (0, 1):
        for i in range(n):
            side = [A] * 4 + [D] * 4 if camp == 0 else [D] * 4 + [A] * 4
            line: list[int | None] = [*side, A, None]
            line[i % 8] = P
            grid.append(line)
    return votes_from(grid, [f"{'ab'[i // n]}{i % n}" for i in range(2 * n)])


@pytest.fixture(scope="module")
def camps() -> Analysis:
    return analyze(two_camps(), moderated_out={9})


def test_two_obvious_camps_make_two_groups(camps: Analysis) -> None:
    groups = sorted(sorted(g.members) for g in camps.groups)
    assert groups == [[f"a{i}" for i in range(10)], [f"b{i}" for i in range(10)]]


def test_statement_everyone_agrees_with_is_top_consensus(camps: Analysis) -> None:
    assert camps.to_json()["consensus"] == {"agree": [8], "disagree": []}
    top = camps.consensus["agree"][0]
    assert (top.statement, top.n_success, top.n_trials) == (8, 20, 20)
    assert top.p_success == 21 / 22
    assert top.p_test == pytest.approx(2 * math.sqrt(21) * (21 / 21 - 0.5))


def test_group_aware_consensus_puts_the_shared_statement_first(camps: Analysis) -> None:
    assert camps.group_aware_consensus[0] == (8, pytest.approx((11 / 12) ** 2))
    # then the statements one camp agrees with 9 of 10 times, then those it agrees with 8 of 10 times
    assert [s for s, _ in camps.group_aware_consensus] == [8, 2, 3, 4, 5, 6, 7, 0, 1]


def test_each_camp_is_represented_by_what_sets_it_apart(camps: Analysis) -> None:
    by_camp = {g.members[0][0]: camps.repness[g.id] for g in camps.groups}
    # Ties in the ranking keep column order; the best "agree" goes first, agrees before disagrees.
    assert [(r.statement, r.direction) for r in by_camp["a"]] == [
        (2, "agree"),
        (3, "agree"),
        (4, "disagree"),
        (5, "disagree"),
        (6, "disagree"),
    ]
    assert [(r.statement, r.direction) for r in by_camp["b"]] == [
        (4, "agree"),
        (5, "agree"),
        (6, "agree"),
        (2, "disagree"),
        (3, "disagree"),
    ]
    first = by_camp["a"][0]
    assert (first.best_agree, first.n_agree, first.n_disagree, first.n_seen) == (True, 9, 0, 10)
    assert (first.pa, first.ra, first.score) == (10 / 12, (10 / 12) / (1 / 12), (10 / 12) / (1 / 12))


def test_first_component_separates_the_camps(camps: Analysis) -> None:
    xs_a = [camps.projection[f"a{i}"][0] for i in range(10)]
    xs_b = [camps.projection[f"b{i}"][0] for i in range(10)]
    assert min(xs_a) > 0 > max(xs_b) or max(xs_a) < 0 < min(xs_b)


def test_moderated_out_statement_has_no_weight(camps: Analysis) -> None:
    assert camps.moderated_out == frozenset({9})
    assert camps.center[9] == 0.0
    assert camps.components[:, 9].tolist() == [0.0, 0.0]
    assert camps.components[:, 8].tolist() == [0.0, 0.0]  # everyone agreed: no variance


def test_to_json_shape(camps: Analysis) -> None:
    out = camps.to_json()
    assert sorted(out) == [
        "consensus",
        "group_aware_consensus",
        "groups",
        "participants",
        "statements",
        "topics",
    ]
    assert (out["participants"], out["statements"], out["topics"]) == (
        20,
        9,
        [],
    )  # nobody voted on statement 9
    assert [sorted(g) for g in (out["groups"][0], out["groups"][1])] == [
        ["id", "participants", "representative"]
    ] * 2
    rep = out["groups"][0]["representative"][0]
    assert sorted(rep) == ["direction", "score", "statement"] and isinstance(rep["score"], float)


def test_analysis_is_deterministic() -> None:
    first, second = analyze(two_camps()), analyze(two_camps())
    assert first.to_json() == second.to_json()
    assert np.array_equal(first.components, second.components)
    assert first.projection == second.projection
    assert first.base_clusters == second.base_clusters


def test_projection_is_scaled_by_sparsity_and_counts_zeroed_columns() -> None:
    # 4 statements, statement 3 moderated out (but voted on, so Pol.is has a zeroed column for it).
    grid: list[list[int | None]] = [[A, D, None, A], [D, A, None, None], [A, A, A, D], [D, D, D, None]]
    v = votes_from(grid)
    rm = RatingMatrix.build(v, {3})
    center = column_means(rm)
    assert center.tolist() == [0.0, 0.0, 0.0, 0.0]
    centered = sp.csr_matrix(
        np.array([[1, -1, 0, 0], [-1, 1, 0, 0], [1, 1, 1, 0], [-1, -1, -1, 0]], dtype=float)
    )
    comps = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0]])
    proj = project_participants(centered, comps, rm)
    # participant 0 voted on 2 live statements + the zeroed one: scale √(4/3); participant 2: √(4/4).
    assert proj[0].tolist() == pytest.approx([math.sqrt(4 / 3), -math.sqrt(4 / 3)])
    assert proj[2].tolist() == [1.0, 1.0]


def test_dense_and_lanczos_components_agree() -> None:
    rng = np.random.default_rng(7)
    dense = rng.choice([-1.0, 0.0, 1.0, np.nan], size=(300, 250))
    rows, cols = np.nonzero(~np.isnan(dense))
    v = Votes(list(range(300)), list(range(250)), rows, cols, dense[rows, cols].astype(np.int8))
    rm = RatingMatrix.build(v, set())
    from minga.maths.polis.pca import centered_matrix

    c = centered_matrix(rm, column_means(rm))
    a = principal_components(c, method="dense")
    b = principal_components(c, method="lanczos")
    assert np.abs(np.abs((a * b).sum(axis=1)) - 1).max() < 1e-8


def test_kmeans_starts_from_the_first_distinct_points() -> None:
    points = np.array([[0.0, 0.0], [0.0, 0.0], [5.0, 5.0], [9.0, 9.0], [0.1, 0.0]])
    assert [c.center.tolist() for c in init_clusters(points, 2)] == [[0.0, 0.0], [5.0, 5.0]]
    result = kmeans(points, 2, max_iters=20)
    assert [c.members.tolist() for c in result] == [[0, 1, 4], [2, 3]]


def test_kmeans_ties_go_to_the_later_cluster() -> None:
    points = np.array([[0.0, 0.0], [2.0, 0.0], [1.0, 0.0]])
    result = kmeans(points, 2, max_iters=0)
    assert [c.members.tolist() for c in result] == [[0], [1, 2]]


def test_warm_start_splits_off_the_most_distant_point() -> None:
    points = np.array([[0.0, 0.0], [0.2, 0.0], [10.0, 0.0]])
    last = [Cluster(7, np.array([0, 1, 2]), np.zeros(2))]
    result = kmeans(points, 2, last=last, max_iters=10)
    assert [(c.id, c.members.tolist()) for c in result] == [(7, [0, 1]), (8, [2])]


def test_fresh_base_clusters_one_per_distinct_point_in_row_order_while_they_fit() -> None:
    points = np.array([[3.0, 0.0], [0.0, 0.0], [3.0, 0.0], [9.0, 9.0]])
    result = base_kmeans(points, 3)
    assert [(c.id, c.members.tolist()) for c in result] == [(0, [0, 2]), (1, [1]), (2, [3])]


def test_fresh_base_clusters_beyond_k_split_the_most_distant_points_off_one_big_cluster() -> None:
    # The first two rows sit together in the middle: a start from them would split the middle and merge
    # the far points; Pol.is's splitting gives each far point its own cluster and keeps the middle whole.
    points = np.array([[0.0, 0.0], [0.1, 0.0], [0.0, 0.1], [10.0, 0.0], [-10.0, 0.0]])
    assert [c.members.tolist() for c in kmeans(points, 2, max_iters=20)] == [[0, 1, 2, 4], [3]]
    result = base_kmeans(points, 3)
    assert [(c.id, c.members.tolist()) for c in result] == [(0, [0, 1, 2]), (1, [4]), (2, [3])]


def test_clean_start_splits_until_k_and_drops_a_cluster_it_empties() -> None:
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [20.0, 0.0]])
    last = [Cluster(0, np.array([0, 1]), np.zeros(2)), Cluster(1, np.array([2]), np.zeros(2))]
    result = clean_start_clusters(points, last, 4, None)
    assert [(c.id, c.members.tolist(), c.center.tolist()) for c in result] == [
        (0, [0], [0.0, 0.0]),
        (1, [2], [10.0, 0.0]),
        (2, [3], [20.0, 0.0]),
        (3, [1], [1.0, 0.0]),
    ]


def test_silhouette_matches_hand_computation() -> None:
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0], [30.0, 0.0]])
    clusters = [
        Cluster(0, np.array([0, 1]), np.zeros(2)),
        Cluster(1, np.array([2, 3]), np.zeros(2)),
        Cluster(2, np.array([4]), np.zeros(2)),
    ]
    s0 = (10.5 - 1) / 10.5
    s1 = (9.5 - 1) / 9.5
    s2 = (min(9.5, 19.5) - 1) / 9.5
    s3 = (min(10.5, 19) - 1) / 10.5
    expected = (s0 + s1 + s2 + s3 + 0.0) / 5  # the singleton scores 0
    assert silhouette(distance_matrix(points), clusters) == pytest.approx(expected)


def test_group_count_cap_follows_number_of_base_clusters() -> None:
    assert [max_k_for(n) for n in (1, 11, 12, 24, 36, 100)] == [2, 2, 3, 4, 5, 5]


def test_group_step_alone_finds_three_blobs() -> None:
    centers = np.array([[0, 0], [0.2, 0.1], [5, 5], [5.1, 4.9], [-5, 5], [-5.2, 5.1]] * 4, dtype=float)
    centers = centers + np.arange(len(centers))[:, None] * 1e-3
    labels = group_clusters(centers, np.ones(len(centers)))
    parts = sorted(sorted(np.flatnonzero(labels == g).tolist()) for g in set(labels.tolist()))
    assert parts == [[i for i in range(24) if i % 6 in pair] for pair in ((0, 1), (2, 3), (4, 5))]


def test_k_smoother_waits_four_runs_before_switching() -> None:
    sil = {2: 0.1, 3: 0.5, 4: 0.2}
    state = KSmoother(last_k=2, last_k_count=9, smoothed_k=2)
    ks = []
    for _ in range(5):
        state = choose_k(sil, state)
        ks.append(state.smoothed_k)
    assert ks == [2, 2, 2, 3, 3]
    assert choose_k(sil) == KSmoother(3, 1, 3)
    assert choose_k({2: 0.3, 3: 0.3}).last_k == 3  # ties go to the larger k, as Clojure's max-key


def test_participation_threshold_greedy_top_up_and_memory() -> None:
    # 20 participants over 10 statements; participant i voted on i % 10 statements (0 means none).
    grid: list[list[int | None]] = [[A if j < i % 10 else None for j in range(10)] for i in range(20)]
    rm = RatingMatrix.build(votes_from(grid), set())
    inside = participation(rm)
    # ≥ min(7, 9 voted statements): rows 7-9 and 17-19; topped up to 15 by vote count, ties in row order.
    assert np.flatnonzero(inside).tolist() == [2, 3, 4, 5, 6, 7, 8, 9, 13, 14, 15, 16, 17, 18, 19]
    assert participation(rm, previous=[1]).sum() == 15 and participation(rm, previous=[1])[1]
    few = RatingMatrix.build(votes_from([[A, None, None], [A, A, A], [None, A, A]]), set())
    assert participation(few).tolist() == [True, True, True]  # under 15 people: everyone who voted


def test_previous_keeps_participants_in_and_warm_start_is_a_fixed_point() -> None:
    v = two_camps()
    first = analyze(v)
    again = analyze(v, previous=first)
    assert again.to_json() == first.to_json()
    assert first.k_smoother is not None
    assert again.k_smoother == KSmoother(first.k_smoother.last_k, 2, first.k_smoother.smoothed_k)


def test_stats_match_polis_formulas() -> None:
    assert prop_test(9, 10).tolist() == pytest.approx(2 * math.sqrt(11) * (10 / 11 - 0.5))
    assert two_prop_test(5, 5, 5, 5).tolist() == 0.0  # p̂ = 1
    z = two_prop_test(8, 2, 10, 10)
    p1, p2, ph = 9 / 11, 3 / 11, 12 / 22
    assert z.tolist() == pytest.approx((p1 - p2) / math.sqrt(ph * (1 - ph) * (2 / 11)))


def test_empty_conversation() -> None:
    v = Votes(
        [1, 2], ["s"], np.array([], dtype=np.int64), np.array([], dtype=np.int64), np.array([], dtype=np.int8)
    )
    result = analyze(v)
    assert result.to_json() == {
        "participants": 0,
        "statements": 0,
        "groups": [],
        "consensus": {"agree": [], "disagree": []},
        "group_aware_consensus": [],
        "topics": [],
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"values": [2]}, "Votes: vote value 2 is not +1 (agree), -1 (disagree) or 0 (pass)"),
        ({"rows": [5]}, "Votes: a row index is outside the participants list"),
        ({"cols": [3]}, "Votes: a column index is outside the statements list"),
        (
            {"rows": [0, 0], "cols": [0, 0], "values": [1, -1]},
            "Votes: more than one vote for the same (participant, statement)",
        ),
        ({"rows": [0, 1]}, "Votes: rows, cols and values differ in length (2, 1, 1)"),
    ],
)
def test_votes_refuses_bad_arrays(kwargs: dict[str, list[int]], message: str) -> None:
    args: dict[str, list[int]] = {"rows": [0], "cols": [0], "values": [1]} | kwargs
    with pytest.raises(ValueError) as err:
        Votes([1, 2], ["x", "y"], np.array(args["rows"]), np.array(args["cols"]), np.array(args["values"]))
    assert str(err.value) == message


def test_previous_keeps_a_participant_clustered_when_the_threshold_rises() -> None:
    early = votes_from([[A if (i + j) % 3 else D for j in range(3)] + [None] * 7 for i in range(16)])
    late = votes_from(
        [[A if j % 3 else D for j in range(3)] + [None] * 7]
        + [[A if (i + j) % 3 else D for j in range(10)] for i in range(1, 16)]
    )
    first = analyze(early)
    assert 0 in first.in_conv
    assert 0 not in analyze(late).in_conv  # 3 votes < min(7, 10 statements)
    assert 0 in analyze(late, previous=first).in_conv


def test_group_step_needs_room_for_two_groups() -> None:
    with pytest.raises(ValueError) as err:
        group_clusters(np.zeros((3, 2)), np.ones(3), max_k=1)
    assert str(err.value) == "max_k must be at least 2, not 1"

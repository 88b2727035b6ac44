"""Pol.is maths against Pol.is's own results on three real conversations (../shared/data/polis-conversations).

`math-pca2.json` is what Pol.is computed; it is only read here, to compare. Two of the exports lack a few
votes (6da26haxpe: participant 75's 35 votes; 33shmh9arf: participants 227 and 228's 43 votes), so exact
comparisons of counts are made on 4hnmy3zeff, whose export is complete.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score

from minga.maths.polis import Analysis, Votes, analyze, group_clusters, load_polis_dir
from minga.maths.polis.clusters import kmeans
from minga.maths.polis.consensus import group_aware_consensus_values
from minga.maths.polis.matrix import Id, RatingMatrix
from minga.maths.polis.repness import conv_repness, select_rep_comments

CONVERSATIONS = ["6da26haxpe", "33shmh9arf", "4hnmy3zeff"]


@functools.cache
def conversation(
    folder: Path,
) -> tuple[Votes, frozenset[Id], frozenset[Id], list[dict[str, Any]], dict[str, Any]]:
    votes, moderated_out, meta, comments = load_polis_dir(folder)
    math = json.loads((folder / "math-pca2.json").read_text(encoding="utf-8"))
    return votes, moderated_out, meta, comments, math


@functools.cache
def analysis(folder: Path) -> Analysis:
    votes, moderated_out, meta, _, _ = conversation(folder)
    return analyze(votes, moderated_out=moderated_out, meta=meta)


def folder_of(shared_data: Path, cid: str) -> Path:
    return shared_data / "polis-conversations" / cid


def polis_group_of(math: dict[str, Any]) -> dict[int, int]:
    """Participant id → Pol.is group id, through Pol.is's base clusters."""
    base = dict(zip(math["base-clusters"]["id"], math["base-clusters"]["members"], strict=True))
    return {p: g["id"] for g in math["group-clusters"] for b in g["members"] for p in base[b]}


def partition(labels: dict[Any, int]) -> list[list[Any]]:
    groups: dict[int, list[Any]] = {}
    for member, label in labels.items():
        groups.setdefault(label, []).append(member)
    return sorted(sorted(g) for g in groups.values())


def end_to_end(shared_data: Path, cid: str) -> tuple[int, float, int]:
    """Number of groups, adjusted Rand index against Pol.is's groups, participants compared."""
    result = analysis(folder_of(shared_data, cid))
    ours, theirs = result.group_of(), polis_group_of(conversation(folder_of(shared_data, cid))[4])
    common = sorted(set(ours) & set(theirs))
    ari = adjusted_rand_score([theirs[p] for p in common], [ours[p] for p in common])
    return len(result.groups), float(ari), len(common)


@pytest.mark.parametrize("cid", CONVERSATIONS)
def test_components_correlate_with_polis(shared_data: Path, cid: str) -> None:
    comps = np.array(conversation(folder_of(shared_data, cid))[4]["pca"]["comps"])
    ours = analysis(folder_of(shared_data, cid)).components
    r = [abs(float(np.corrcoef(ours[k], comps[k])[0, 1])) for k in range(2)]
    assert min(r) >= 0.95, r


def test_pca_and_projection_are_exact_on_the_complete_export(shared_data: Path) -> None:
    folder = folder_of(shared_data, "4hnmy3zeff")
    math = conversation(folder)[4]
    result = analysis(folder)
    comps = np.array(math["pca"]["comps"])
    signs = np.sign([result.components[k] @ comps[k] for k in range(2)])
    # Minga's votes are the negation of Pol.is's (+1 = agree), so the centre and projections change sign.
    assert np.abs(result.center + np.array(math["pca"]["center"])).max() < 1e-12
    assert np.abs(result.components * signs[:, None] - comps).max() < 1e-6
    # Pol.is's base-cluster centres are the means of their members' projections: so are ours, to 1e-6.
    base = math["base-clusters"]
    for members, x, y in zip(base["members"], base["x"], base["y"], strict=True):
        mean = -np.mean([result.projection[p] for p in members], axis=0) * signs
        assert np.hypot(mean[0] - x, mean[1] - y) < 1e-6


@pytest.mark.parametrize("cid", CONVERSATIONS)
def test_moderated_out_equals_polis(shared_data: Path, cid: str) -> None:
    math = conversation(folder_of(shared_data, cid))[4]
    assert analysis(folder_of(shared_data, cid)).moderated_out == frozenset(math["mod-out"])


@pytest.mark.parametrize("cid", CONVERSATIONS)
def test_top5_consensus_within_one_statement_of_polis(shared_data: Path, cid: str) -> None:
    math = conversation(folder_of(shared_data, cid))[4]
    ours = analysis(folder_of(shared_data, cid)).to_json()["consensus"]
    for side in ("agree", "disagree"):
        theirs = [c["tid"] for c in math["consensus"][side]]
        assert len(ours[side]) == len(theirs)
        assert len(set(ours[side]) - set(theirs)) <= 1, (side, ours[side], theirs)


def test_consensus_is_exact_on_the_complete_export(shared_data: Path) -> None:
    math = conversation(folder_of(shared_data, "4hnmy3zeff"))[4]
    ours = analysis(folder_of(shared_data, "4hnmy3zeff")).consensus
    for side in ("agree", "disagree"):
        theirs = [
            (c["tid"], c["n-success"], c["n-trials"], c["p-success"], c["p-test"])
            for c in math["consensus"][side]
        ]
        mine = [(c.statement, c.n_success, c.n_trials, c.p_success, c.p_test) for c in ours[side]]
        assert [m[:3] for m in mine] == [t[:3] for t in theirs]
        assert np.allclose([m[3:] for m in mine], [t[3:] for t in theirs], rtol=1e-12)


@pytest.mark.parametrize("cid", CONVERSATIONS)
def test_group_step_alone_reproduces_polis_groups(shared_data: Path, cid: str) -> None:
    math = conversation(folder_of(shared_data, cid))[4]
    base = math["base-clusters"]
    order = np.argsort(base["id"])
    ids = np.array(base["id"])[order]
    centers = np.array([base["x"], base["y"]]).T[order]
    sizes = np.array([len(m) for m in base["members"]])[order]
    labels = group_clusters(centers, sizes, max_k=5)
    ours = partition(dict(zip(ids.tolist(), labels.tolist(), strict=True)))
    assert ours == sorted(sorted(g["members"]) for g in math["group-clusters"])


def test_end_to_end_6da26haxpe_three_groups_close_to_polis(shared_data: Path) -> None:
    n_groups, ari, common = end_to_end(shared_data, "6da26haxpe")
    assert n_groups == 3
    assert ari >= 0.9, (ari, common)


def test_end_to_end_33shmh9arf_three_groups_close_to_polis(shared_data: Path) -> None:
    n_groups, ari, common = end_to_end(shared_data, "33shmh9arf")
    assert n_groups == 3
    assert ari >= 0.5, (ari, common)


def test_end_to_end_measured_on_unstable_conversation(shared_data: Path) -> None:
    """Not a target (Pol.is itself is unstable here): what a fresh recomputation gives, pinned so that a
    change is noticed. Pol.is has 2 groups."""
    n_groups, measured, _ = end_to_end(shared_data, "4hnmy3zeff")
    assert (n_groups, round(measured, 2)) == (2, 0.98)


@pytest.mark.parametrize("cid", ["33shmh9arf", "4hnmy3zeff"])
def test_fresh_base_clusters_are_a_better_kmeans_optimum_than_a_start_from_the_first_rows(
    shared_data: Path, cid: str
) -> None:
    """Past 100 distinct positions, the fresh start splits off the most distant points as Pol.is's history
    does, which also leaves a much smaller within-cluster sum of squares than a start from the first rows."""
    result = analysis(folder_of(shared_data, cid))
    points = np.array([result.projection[p] for p in result.in_conv])

    def sse(clusters: list[Any]) -> float:
        return sum(float(((points[c] - points[c].mean(axis=0)) ** 2).sum()) for c in clusters)

    position = {p: i for i, p in enumerate(result.in_conv)}
    ours = sse([np.array([position[p] for p in b.members]) for b in result.base_clusters])
    first_rows = sse([c.members for c in kmeans(points, 100)])
    assert ours < 0.5 * first_rows, (ours, first_rows)


@pytest.mark.parametrize("cid", CONVERSATIONS)
def test_in_conv_is_polis_rule_without_its_memory(shared_data: Path, cid: str) -> None:
    """Pol.is never drops a participant: its extra ones qualified earlier, when there were fewer statements."""
    votes, _, _, _, math = conversation(folder_of(shared_data, cid))
    ours = set(analysis(folder_of(shared_data, cid)).in_conv)
    counts = dict(
        zip(
            votes.participants,
            np.bincount(votes.rows, minlength=len(votes.participants)).tolist(),
            strict=True,
        )
    )
    extra = set(math["in-conv"]) - ours
    assert ours <= set(math["in-conv"])
    assert [p for p in extra if counts.get(p, 0) >= 7] == []


def _repness_with_polis_groups(
    shared_data: Path, cid: str
) -> tuple[dict[int, list[Any]], dict[str, Any], Any]:
    votes, moderated_out, meta, _, math = conversation(folder_of(shared_data, cid))
    rm = RatingMatrix.build(votes, moderated_out | meta)
    group_of = polis_group_of(math)
    gids = [g["id"] for g in math["group-clusters"]]
    labels = np.array([gids.index(group_of[p]) if p in group_of else -1 for p in votes.participants])
    counts = rm.group_counts(labels, len(gids))
    excluded = rm.mod_out | ~rm.voted_cols
    return select_rep_comments(conv_repness(*counts), votes.statements, excluded, gids), math, counts


@pytest.mark.parametrize("cid", ["33shmh9arf", "4hnmy3zeff"])
def test_repness_given_polis_groups_equals_polis(shared_data: Path, cid: str) -> None:
    """Same statements, same sides, same order (33shmh9arf's counts differ by the votes its export lacks)."""
    rep, math, _ = _repness_with_polis_groups(shared_data, cid)
    for gid, chosen in rep.items():
        theirs = [(r["tid"], r["repful-for"]) for r in math["repness"][str(gid)]]
        assert [(r.statement, r.direction) for r in chosen] == theirs


def test_repness_given_polis_groups_same_statements_on_incomplete_export(shared_data: Path) -> None:
    rep, math, _ = _repness_with_polis_groups(shared_data, "6da26haxpe")
    for gid, chosen in rep.items():
        assert sorted(r.statement for r in chosen) == sorted(r["tid"] for r in math["repness"][str(gid)])


def test_group_vote_counts_and_repness_stats_exact_on_complete_export(shared_data: Path) -> None:
    rep, math, (na, nd, ns) = _repness_with_polis_groups(shared_data, "4hnmy3zeff")
    votes = conversation(folder_of(shared_data, "4hnmy3zeff"))[0]
    for g, group in enumerate(math["group-clusters"]):
        got = math["group-votes"][str(group["id"])]["votes"]
        ours = {
            str(s): {"A": int(na[g, j]), "D": int(nd[g, j]), "S": int(ns[g, j])}
            for j, s in enumerate(votes.statements)
        }
        assert ours == got
        theirs = math["repness"][str(group["id"])]
        assert [(r.n_success, r.n_trials) for r in rep[group["id"]]] == [
            (r["n-success"], r["n-trials"]) for r in theirs
        ]
        assert np.allclose(
            [(r.score, r.repness_test, r.p_success, r.p_test) for r in rep[group["id"]]],
            [(r["repness"], r["repness-test"], r["p-success"], r["p-test"]) for r in theirs],
            rtol=1e-6,
        )


@pytest.mark.parametrize("cid", ["6da26haxpe", "33shmh9arf"])
def test_group_aware_consensus_formula_matches_polis(shared_data: Path, cid: str) -> None:
    """Fed Pol.is's own group vote counts, the formula gives Pol.is's values (4hnmy3zeff's file predates it)."""
    math = conversation(folder_of(shared_data, cid))[4]
    tids = sorted(int(t) for t in math["group-aware-consensus"])
    groups = [math["group-votes"][str(g["id"])]["votes"] for g in math["group-clusters"]]
    na = np.array([[g[str(t)]["A"] for t in tids] for g in groups])
    ns = np.array([[g[str(t)]["S"] for t in tids] for g in groups])
    expected = [math["group-aware-consensus"][str(t)] for t in tids]
    assert np.allclose(group_aware_consensus_values(na, ns), expected, rtol=1e-12)


def test_vote_sign_in_export_is_plus_one_for_agree(shared_data: Path) -> None:
    votes, _, _, comments, _ = conversation(folder_of(shared_data, "4hnmy3zeff"))
    ours = {s: [0, 0, 0] for s in votes.statements}
    for c, v in zip(votes.cols.tolist(), votes.values.tolist(), strict=True):
        ours[votes.statements[c]][{1: 0, -1: 1, 0: 2}[v]] += 1
    assert ours == {
        c["statement_id"]: [c["agree_count"], c["disagree_count"], c["pass_count"]] for c in comments
    }


@pytest.mark.parametrize("cid", CONVERSATIONS)
def test_real_analysis_is_deterministic_and_a_warm_start_fixed_point(shared_data: Path, cid: str) -> None:
    votes, moderated_out, meta, _, _ = conversation(folder_of(shared_data, cid))
    first = analysis(folder_of(shared_data, cid))
    second = analyze(votes, moderated_out=moderated_out, meta=meta)
    assert second.to_json() == first.to_json()
    assert np.array_equal(second.components, first.components) and second.projection == first.projection
    assert second.base_clusters == first.base_clusters and second.repness == first.repness
    warm = analyze(votes, moderated_out=moderated_out, meta=meta, previous=first)
    assert warm.to_json() == first.to_json()

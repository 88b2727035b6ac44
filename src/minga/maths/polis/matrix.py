"""The vote matrix: who voted what on which statement, stored sparse (one entry per vote, never per cell).

Pol.is keeps a "raw rating matrix" of participants × statements whose cells are nil (not seen), -1 (agree),
0 (pass) or 1 (disagree) — `named_matrix.clj`, `conversation.clj` (`:raw-rating-mat`). Its "rating matrix"
is the same with every moderated-out column set to 0 for *every* participant (`nm/zero-out-columns`).

Here the votes are kept as coordinate arrays (row, column, value), in Minga's sign convention
(+1 agree, -1 disagree, 0 pass); only the parts of Pol.is's maths that depend on the sign (which count is
"agree") look at it, so nothing is flipped. The zeroed moderated-out columns are never materialised: the
steps that depend on them (column means, the PCA, the projection's vote count) account for them directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Id = int | str
"""A participant or statement id as the caller knows it (Pol.is ids are ints, Minga's may be either)."""

AGREE = 1
DISAGREE = -1
PASS = 0


@dataclass(frozen=True, eq=False)
class Votes:
    """The latest vote of each participant on each statement.

    `rows[i]`, `cols[i]`, `values[i]` say that participant `participants[rows[i]]` voted `values[i]`
    (+1 agree, -1 disagree, 0 pass) on statement `statements[cols[i]]`. The order of `participants` is taken
    as Pol.is's row order (the order in which participants first voted): it decides Pol.is's deterministic
    k-means start (the first k distinct points). The order of `statements` is the column order.
    """

    participants: Sequence[Id]
    statements: Sequence[Id]
    rows: npt.NDArray[np.integer]
    cols: npt.NDArray[np.integer]
    values: npt.NDArray[np.integer]

    def __post_init__(self) -> None:
        participants = list(self.participants)
        statements = list(self.statements)
        rows = np.asarray(self.rows, dtype=np.int64).reshape(-1)
        cols = np.asarray(self.cols, dtype=np.int64).reshape(-1)
        raw_values = np.asarray(self.values).reshape(-1)
        if not (len(rows) == len(cols) == len(raw_values)):
            raise ValueError(
                f"Votes: rows, cols and values differ in length ({len(rows)}, {len(cols)}, {len(raw_values)})"
            )
        if len(set(participants)) != len(participants):
            raise ValueError("Votes: participant ids are not unique")
        if len(set(statements)) != len(statements):
            raise ValueError("Votes: statement ids are not unique")
        if len(rows) and (rows.min() < 0 or rows.max() >= len(participants)):
            raise ValueError("Votes: a row index is outside the participants list")
        if len(cols) and (cols.min() < 0 or cols.max() >= len(statements)):
            raise ValueError("Votes: a column index is outside the statements list")
        if len(raw_values) and not np.isin(raw_values, (-1, 0, 1)).all():
            bad = raw_values[~np.isin(raw_values, (-1, 0, 1))][0].item()
            raise ValueError(f"Votes: vote value {bad!r} is not +1 (agree), -1 (disagree) or 0 (pass)")
        values = raw_values.astype(np.int8)
        if len(rows):
            keys = rows * max(len(statements), 1) + cols
            if len(np.unique(keys)) != len(keys):
                raise ValueError("Votes: more than one vote for the same (participant, statement)")
        object.__setattr__(self, "participants", participants)
        object.__setattr__(self, "statements", statements)
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "cols", cols)
        object.__setattr__(self, "values", values)

    @property
    def n_votes(self) -> int:
        """How many (participant, statement) pairs carry a vote."""
        return len(self.rows)

    def restrict(self, keep: npt.NDArray[np.bool_]) -> Votes:
        """The same participants and statements, with only the votes where `keep` is true (e.g. a time prefix)."""
        return Votes(self.participants, self.statements, self.rows[keep], self.cols[keep], self.values[keep])


@dataclass(frozen=True, eq=False)
class RatingMatrix:
    """Derived counts over a `Votes`, with the moderated-out columns marked (Pol.is's rating matrix)."""

    votes: Votes
    mod_out: npt.NDArray[np.bool_]
    """Per statement: moderated out (or meta). Pol.is zeroes these columns for everyone."""
    row_counts: npt.NDArray[np.int64]
    """Per participant: how many statements they voted on, moderated ones included (`:user-vote-counts`)."""
    col_counts: npt.NDArray[np.int64]
    """Per statement: how many participants voted on it."""

    @classmethod
    def build(cls, votes: Votes, mod_out_ids: Iterable[Id]) -> RatingMatrix:
        """Count the votes per participant and statement and mark the moderated-out columns."""
        index = {s: j for j, s in enumerate(votes.statements)}
        mod_out = np.zeros(len(votes.statements), dtype=bool)
        for sid in mod_out_ids:
            j = index.get(sid)
            if j is not None:
                mod_out[j] = True
        row_counts = np.bincount(votes.rows, minlength=len(votes.participants)).astype(np.int64)
        col_counts = np.bincount(votes.cols, minlength=len(votes.statements)).astype(np.int64)
        return cls(votes, mod_out, row_counts, col_counts)

    @property
    def n_rows(self) -> int:
        """Number of participants (voters or not)."""
        return len(self.votes.participants)

    @property
    def n_cols(self) -> int:
        """Number of statements (voted on or not)."""
        return len(self.votes.statements)

    @property
    def active_rows(self) -> npt.NDArray[np.bool_]:
        """Participants with at least one vote: the rows Pol.is's matrix has."""
        return self.row_counts > 0

    @property
    def voted_cols(self) -> npt.NDArray[np.bool_]:
        """Statements with at least one vote: the columns Pol.is's matrix has."""
        return self.col_counts > 0

    @property
    def zeroed_cols(self) -> npt.NDArray[np.bool_]:
        """Columns that exist in Pol.is's matrix and are zeroed there because they are moderated out."""
        return self.mod_out & self.voted_cols

    @property
    def n_matrix_cols(self) -> int:
        """Pol.is's `n-cmts`: the number of statements that have at least one vote."""
        return int(self.voted_cols.sum())

    def live_votes(self) -> npt.NDArray[np.bool_]:
        """Mask over the votes: those on statements that are not moderated out."""
        return ~self.mod_out[self.votes.cols]

    def group_counts(
        self, labels: npt.NDArray[np.integer], n_groups: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Agree, disagree and seen counts per (group, statement); `labels[row]` is the row's group or -1.

        These are Pol.is's `na`, `nd`, `ns` (repness.clj `comment-stats`) over each group's members; a pass
        counts as seen. Cost is one pass over the votes.
        """
        v = self.votes
        lab = np.asarray(labels)[v.rows]
        keep = lab >= 0
        flat = lab[keep] * self.n_cols + v.cols[keep]
        size = n_groups * self.n_cols
        vals = v.values[keep]
        ns = np.bincount(flat, minlength=size).reshape(n_groups, self.n_cols)
        na = np.bincount(flat[vals == AGREE], minlength=size).reshape(n_groups, self.n_cols)
        nd = np.bincount(flat[vals == DISAGREE], minlength=size).reshape(n_groups, self.n_cols)
        return na.astype(np.int64), nd.astype(np.int64), ns.astype(np.int64)

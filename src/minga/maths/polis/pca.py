"""PCA of the vote matrix and Pol.is's sparsity-aware projection of participants (follows `pca.clj`).

Pol.is (conversation.clj `:mat`, pca.clj `powerit-pca`) fills each missing vote with its column's mean, centres
the columns, and finds the first two principal components by power iteration with deflation. Because a
missing vote is replaced by the column mean, the centred matrix is zero wherever nobody voted: it is exactly
as sparse as the votes. So it is built here as a scipy sparse matrix and never densified; the components are
the top two eigenvectors of XᵀX, solved to convergence rather than by 100 power-iteration steps (a dense
eigensolver on the small Gram matrix, or Lanczos over sparse products when there are many statements).

Moderated-out columns are all zeros in Pol.is's matrix (`zero-out-columns`): their mean is 0, they carry no
variance, and their component entries are 0. They do, however, count as "voted" for every participant in
the projection's scaling (`sparsity-aware-project-ptpt` counts non-nil cells), which is reproduced.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from .matrix import RatingMatrix

N_COMPONENTS = 2
DENSE_GRAM_MAX_COLS = 200
"""Up to this many live statements the Gram matrix is solved densely; above, by Lanczos (ARPACK), which
only needs sparse products and is much faster on large matrices."""

FloatArray = npt.NDArray[np.float64]


def column_means(rm: RatingMatrix) -> FloatArray:
    """Each statement's mean vote over those who voted on it (Pol.is's `center`, in Minga's sign).

    Moderated-out statements are zeroed in Pol.is's matrix, so their mean is 0; so is that of a statement
    nobody voted on (Pol.is has no column for it).
    """
    v = rm.votes
    live = rm.live_votes()
    sums = np.bincount(v.cols[live], weights=v.values[live].astype(np.float64), minlength=rm.n_cols)
    counts = np.bincount(v.cols[live], minlength=rm.n_cols)
    means = np.zeros(rm.n_cols, dtype=np.float64)
    np.divide(sums, counts, out=means, where=counts > 0)
    return means


def centered_matrix(rm: RatingMatrix, center: FloatArray) -> sp.csr_matrix:
    """The mean-imputed, centred vote matrix: vote − column mean where a vote exists, 0 elsewhere."""
    v = rm.votes
    live = rm.live_votes()
    data = v.values[live].astype(np.float64) - center[v.cols[live]]
    return sp.csr_matrix((data, (v.rows[live], v.cols[live])), shape=(rm.n_rows, rm.n_cols))


def _orient(vec: FloatArray, reference: FloatArray | None) -> FloatArray:
    """Fix the arbitrary sign of an eigenvector: along `reference` if given, else largest entry positive."""
    if reference is not None and reference.shape == vec.shape and float(reference @ vec) != 0.0:
        return vec if float(reference @ vec) > 0 else -vec
    if not vec.any():
        return vec
    pivot = int(np.argmax(np.abs(vec)))
    return vec if vec[pivot] > 0 else -vec


def principal_components(
    centered: sp.csr_matrix,
    *,
    n_components: int = N_COMPONENTS,
    start: FloatArray | None = None,
    method: str = "auto",
) -> FloatArray:
    """The top principal components (rows) of an already centred sparse matrix.

    Pol.is's `powerit-pca` converges to the same vectors (its power iteration on XᵀX with deflation), up to
    sign. `start` (previous components, one per row) only orients the signs so successive runs stay
    comparable, as Pol.is's warm start does. `method` is "dense" (Gram matrix + LAPACK), "lanczos"
    (ARPACK on XᵀX without forming it) or "auto" (dense up to `DENSE_GRAM_MAX_COLS` live columns).
    """
    n_rows, n_cols = centered.shape
    comps = np.zeros((n_components, n_cols), dtype=np.float64)
    live = np.flatnonzero(np.asarray(abs(centered).sum(axis=0)).ravel() > 0)
    m = len(live)
    n_active_rows = int(np.count_nonzero(np.diff(centered.indptr)))
    k = min(n_components, m, n_active_rows)
    if k == 0:
        return comps
    sub = centered[:, live].tocsc().astype(np.float64)
    if method == "auto":
        method = "dense" if m <= DENSE_GRAM_MAX_COLS or m <= k + 1 else "lanczos"
    if method == "dense" or m <= k + 1:
        gram = (sub.T @ sub).toarray()
        vals, vecs = np.linalg.eigh(gram)
        vals, vecs = vals[m - k :], vecs[:, m - k :]
        order = np.argsort(-vals, kind="stable")
        vals, vecs = vals[order], vecs[:, order]
    else:
        op = spla.LinearOperator((m, m), matvec=lambda x: sub.T @ (sub @ x), dtype=np.float64)
        v0 = np.ones(m) / np.sqrt(m)
        if start is not None and start.shape[0] > 0 and start[0][live].any():
            v0 = start[0][live] + 1e-3 * v0
        vals, vecs = spla.eigsh(op, k=k, which="LA", v0=v0, tol=1e-10, maxiter=10 * m)
        order = np.argsort(-vals, kind="stable")
        vals, vecs = vals[order], vecs[:, order]
    scale = max(float(vals[0]), 1.0)
    for i in range(k):
        if vals[i] <= 1e-12 * scale:
            break  # no variance left: Pol.is's power iteration would return a null vector
        full = np.zeros(n_cols, dtype=np.float64)
        full[live] = vecs[:, i]
        reference = start[i] if start is not None and i < len(start) else None
        comps[i] = _orient(full, reference)
    return comps


def project_participants(centered: sp.csr_matrix, comps: FloatArray, rm: RatingMatrix) -> FloatArray:
    """Pol.is's `sparsity-aware-project-ptpts`: project each participant's votes, then push outward.

    The dot product runs over the votes a participant cast (missing votes are the column mean, i.e. 0 after
    centring), and the result is scaled by √(n_columns / n_voted) so that participants who voted little are
    not all bunched at the centre. As in Pol.is, every zeroed (moderated-out) column counts as voted.
    """
    raw = np.asarray(centered @ comps.T)
    live_counts = np.bincount(rm.votes.rows[rm.live_votes()], minlength=rm.n_rows)
    n_voted = live_counts + int(rm.zeroed_cols.sum())
    scale = np.sqrt(rm.n_matrix_cols / np.maximum(n_voted, 1))
    scale[~rm.active_rows] = 0.0
    return np.asarray(raw * scale[:, None], dtype=np.float64)


def project_statements(center: FloatArray, comps: FloatArray, rm: RatingMatrix) -> FloatArray:
    """Pol.is's `pca-project-cmnts`: where someone who agreed with only that statement would be placed."""
    scale = np.sqrt(max(rm.n_matrix_cols, 1))
    return np.asarray(((1.0 - center)[:, None] * comps.T) * scale, dtype=np.float64)

"""Close pairs whose cosines do not depend on how the product was cut, so that a story's stored
pairs can be extended when articles join it instead of computed again.

BLAS rounds an entry of a product differently with the product's shape and the entry's place in
it: with OpenBLAS 0.3.27 (Zen kernels) about 1 in 30 of haiti_bbc's pair cosines differ in the last
bit between the story-wide product and the product of ten of its sentences with the story, and a
fixed-shape tile gives other bits when its rows are shuffled. Pairs stored for a story and extended
with the new sentences' pairs would then not be the pairs computed at once. So here BLAS only finds
candidates, at the threshold minus :data:`MARGIN` (far wider than its rounding: about 1e-7 for unit
vectors), and each candidate's cosine is computed again by one fixed sum (:func:`exact_cosines`:
the products in float64, added in a fixed order), a function of the two vectors alone. The
threshold and the bound on each sentence's partners (``top_k``: only pairs among the ``top_k``
best of one of their two sentences) are applied to those values, so whichever rows were multiplied
with which, the same pairs come out with the same bits.

Extending (:func:`extend_pairs`): the pairs of every row whose partners may have changed ("fresh"
rows: new sentences, and old ones that lost one of their ``top_k`` best) are found again against
all rows; the other pairs are the ones kept before. That is exact when the bound did not grow (a
sentence's rank among its partners only rises as partners join, so a pair left out before stays
out, and every partner ranked before one kept was kept too); the caller computes the whole product
when it did (fewer rows: :func:`newsbrief.story.similarity.bounded_top_k` grows).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from newsbrief.story.similarity import (
    BLOCK_SIZE,
    SimilarPairs,
    block_rows,
    drop_same_label,
    kept_entries,
    labels_ordered,
    rank_order,
    top_k_either,
)

Floats = npt.NDArray[np.floating[Any]]
Ints = npt.NDArray[np.int64]

# How far under the threshold (and under a sentence's k-th best partner) BLAS's cosines are taken
# as candidates: a cosine of unit vectors in float32 is off by about 1e-7, so every pair that the
# exact values keep is among them.
MARGIN = 1e-3
# Pairs whose exact cosine is computed at once: a float64 buffer of PAIR_CHUNK x 384 (1.5 MB) stays
# in the CPU's cache while it is summed (4096 pairs a chunk took 1.5x the time).
PAIR_CHUNK = 512
# A top_k search holds at most this many candidate pairs per row before it drops those that can no
# longer be among a row's best (as similarity.find_similar_pairs).
COMPACT_PER_ROW = 4


def exact_cosines(vectors: Floats, rows: Ints, cols: Ints) -> Floats:
    """``vectors[rows[k]] @ vectors[cols[k]]`` for each k, in the vectors' precision, by one fixed
    sum: the products in float64 (exact for float32 vectors), the halves of the row added while
    its length is even (384 -> 192 -> ... -> 3), the rest left to right, rounded once. Each value
    depends on the two vectors alone, not on the other pairs."""
    out = np.empty(rows.size, dtype=vectors.dtype)
    d = vectors.shape[1] if vectors.ndim == 2 else 0
    if rows.size == 0 or d == 0:
        out[:] = 0
        return out
    buffer = np.empty((min(PAIR_CHUNK, rows.size), d))
    for start in range(0, rows.size, PAIR_CHUNK):
        stop = min(rows.size, start + PAIR_CHUNK)
        prod = buffer[: stop - start]
        np.multiply(vectors[rows[start:stop]], vectors[cols[start:stop]], out=prod, dtype=np.float64)
        width = d
        while width % 2 == 0:
            width //= 2
            prod[:, :width] += prod[:, width : 2 * width]
        total = prod[:, 0].copy()
        for c in range(1, width):
            total += prod[:, c]
        out[start:stop] = total
    return out


def _near_top_k(rows: Ints, cols: Ints, values: Floats, top_k: int, n: int) -> npt.NDArray[np.bool_]:
    """Which pairs are within MARGIN of the ``top_k``-th best value of their row or of their column
    among these pairs. A pair outside both cannot be among either sentence's best once exact values
    replace these and more partners join (the k-th best only rises), so it can be dropped."""
    bar = _kth_best_packed(rows, cols, values, top_k, n)
    if bar is None:
        bar = _kth_best(rows, cols, values, top_k, n)
    bar -= MARGIN
    wide = values.astype(np.float64)
    return (wide >= bar[rows]) | (wide >= bar[cols])


def _kth_best_packed(rows: Ints, cols: Ints, values: Floats, top_k: int, n: int) -> npt.NDArray[np.float64] | None:
    """:func:`_kth_best` for positive float32 values and under 2**32 rows (every pool's candidates),
    in about a third of its memory (a prune of 4.7 million candidates of a 2,000-page brief took
    +500 MB): each pair's (row, value) and (column, value) packed into one 64-bit key (the row,
    then the value's bits downwards: positive floats' bits sort as the floats do), sorted in place;
    a row's k-th best is the k-th key from its first. None for other input."""
    if values.dtype != np.float32 or not rows.size or n >= 1 << 32 or not bool((values > 0).all()):
        return None
    m = rows.size
    key = np.empty(2 * m, dtype=np.uint64)
    down = np.uint64(0xFFFFFFFF) - values.view(np.uint32).astype(np.uint64)
    for part, side in ((key[:m], rows), (key[m:], cols)):
        np.left_shift(side.astype(np.uint64), np.uint64(32), out=part)
        part |= down
    del down
    key.sort()
    starts = np.searchsorted(key, np.arange(n + 1, dtype=np.uint64) << np.uint64(32))
    full = np.flatnonzero(np.diff(starts) >= top_k)
    bar = np.full(n, -np.inf)
    bits = (np.uint64(0xFFFFFFFF) - (key[starts[full] + top_k - 1] & np.uint64(0xFFFFFFFF))).astype(np.uint32)
    bar[full] = bits.view(np.float32).astype(np.float64)
    return bar


def _kth_best(rows: Ints, cols: Ints, values: Floats, top_k: int, n: int) -> npt.NDArray[np.float64]:
    """The ``top_k``-th best value (float64) of each row among the pairs it is in, either side;
    -inf for a row in fewer pairs."""
    owner = np.concatenate([rows, cols])
    value = np.concatenate([values, values])
    order = rank_order(owner, np.concatenate([cols, rows]), value)
    owner, value = owner[order], value[order].astype(np.float64)
    bar = np.full(n, -np.inf)
    if owner.size:
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        counts = np.diff(np.r_[starts, owner.size])
        full = starts[counts >= top_k]
        bar[owner[full]] = value[full + top_k - 1]
    return bar


class _Candidates:
    """Candidate pairs gathered block by block, pruned to each sentence's near-best when a bound
    is given and more than ``limit`` are held. ``fixed`` pairs (exact values, kept before) count
    for the pruning but are never pruned themselves."""

    def __init__(self, n: int, top_k: int | None, dtype: npt.DTypeLike, fixed: SimilarPairs | None = None) -> None:
        self.n, self.top_k = n, top_k
        self.fixed = fixed
        self.rows: list[Ints] = [np.zeros(0, np.int64)]
        self.cols: list[Ints] = [np.zeros(0, np.int64)]
        self.values: list[Floats] = [np.zeros(0, dtype)]
        self.held = 0
        self.limit = max(1_000_000, COMPACT_PER_ROW * n * (top_k or 0))

    def add(self, rows: Ints, cols: Ints, values: Floats) -> None:
        self.rows.append(rows)
        self.cols.append(cols)
        self.values.append(values)
        self.held += rows.size
        if self.top_k is not None and self.held > self.limit:
            self.prune()

    def gathered(self) -> tuple[Ints, Ints, Floats]:
        rows, cols, values = np.concatenate(self.rows), np.concatenate(self.cols), np.concatenate(self.values)
        self.rows, self.cols, self.values = [rows], [cols], [values]
        return rows, cols, values

    def prune(self) -> None:
        rows, cols, values = self.gathered()
        if self.top_k is None:
            return
        fixed = self.fixed
        if fixed is None or not len(fixed):
            near = _near_top_k(rows, cols, values, self.top_k, self.n)
        else:
            both = _near_top_k(
                np.concatenate([fixed.rows, rows]), np.concatenate([fixed.cols, cols]),
                np.concatenate([fixed.values, values]), self.top_k, self.n,
            )
            near = both[len(fixed):]
        self.rows, self.cols, self.values = [rows[near]], [cols[near]], [values[near]]
        self.held = int(near.sum())


def _select(rows: Ints, cols: Ints, values: Floats, threshold: float, strict: bool, top_k: int | None) -> SimilarPairs:
    """The pairs (exact values) at or over (``strict``: over) the threshold, among the ``top_k``
    best of one of their sentences when bounded, sorted by row then column."""
    over = values > threshold if strict else values >= threshold
    rows, cols, values = rows[over], cols[over], values[over]
    if top_k is not None:
        best = top_k_either(rows, cols, values, top_k)
        rows, cols, values = rows[best], cols[best], values[best]
    order = np.lexsort((cols, rows))
    return SimilarPairs(rows[order], cols[order], values[order])


def _check(vectors: Floats, labels: Ints | None, top_k: int | None) -> bool:
    """Whether there can be pairs at all (ValueError on inconsistent input)."""
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be at least 1 or None, got {top_k}")
    n = vectors.shape[0]
    if labels is not None and labels.shape != (n,):
        raise ValueError(f"labels must have one entry per vector ({n}), got shape {labels.shape}")
    return n >= 2 and vectors.ndim == 2 and vectors.shape[1] > 0


def _empty(vectors: Floats) -> SimilarPairs:
    return SimilarPairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, vectors.dtype))


def find_exact_pairs(
    vectors: Floats,
    threshold: float,
    *,
    labels: Ints | None = None,
    top_k: int | None = None,
    strict: bool = False,
    block_size: int = BLOCK_SIZE,
) -> SimilarPairs:
    """Pairs (i < j) of rows (of different ``labels`` when given) whose exact cosine
    (:func:`exact_cosines`) is at least (``strict``: over) ``threshold``; with ``top_k`` only pairs
    among the ``top_k`` best of i or of j (ties to the lower index). Sorted by row, then column.
    Memory is one block of rows plus the candidates (bounded by the pruning when ``top_k`` is set)."""
    if not _check(vectors, labels, top_k):
        return _empty(vectors)
    n = vectors.shape[0]
    low = threshold - MARGIN
    found = _Candidates(n, top_k, vectors.dtype)
    step = block_rows(n, block_size)
    ordered = labels_ordered(labels)
    for start in range(0, n, step):
        stop = min(n, start + step)
        sims = vectors[start:stop] @ vectors[start:].T
        keep = sims >= low
        keep[:, : stop - start] &= np.triu(np.ones((stop - start, stop - start), dtype=bool), k=1)
        if labels is not None:
            drop_same_label(keep, labels, slice(start, stop), start, ordered)
        found.add(*kept_entries(keep, sims, start, start))
    found.prune()
    rows, cols, _ = found.gathered()
    return _select(rows, cols, exact_cosines(vectors, rows, cols), threshold, strict, top_k)


def extend_pairs(
    vectors: Floats,
    threshold: float,
    kept: SimilarPairs,
    fresh: Ints,
    *,
    labels: Ints | None = None,
    top_k: int | None = None,
    strict: bool = False,
    block_size: int = BLOCK_SIZE,
) -> SimilarPairs:
    """:func:`find_exact_pairs` of ``vectors``, from the pairs ``kept`` from an earlier call (rows
    numbered as in ``vectors``; pairs of removed rows already dropped) and the ``fresh`` rows,
    whose partners are all found again. Equal to the whole product when ``kept`` are the earlier
    result's pairs among rows that are not fresh, the earlier bound was at least ``top_k`` (None:
    no bound, every pair kept), and every row that lost a partner among its earlier ``top_k``
    best is fresh."""
    if not _check(vectors, labels, top_k):
        return _empty(vectors)
    n = vectors.shape[0]
    is_fresh = np.zeros(n, dtype=bool)
    is_fresh[fresh] = True
    old = ~(is_fresh[kept.rows] | is_fresh[kept.cols])
    kept = SimilarPairs(kept.rows[old], kept.cols[old], kept.values[old].astype(vectors.dtype))
    low = threshold - MARGIN
    found = _Candidates(n, top_k, vectors.dtype, kept)
    fresh = np.flatnonzero(is_fresh)
    everyone = np.arange(n)
    step = block_rows(n, block_size)
    for start in range(0, fresh.size, step):
        f = fresh[start : start + step]
        sims = vectors[f] @ vectors.T
        keep = sims >= low
        # Each pair once: a pair of two fresh rows is found from its lower row.
        keep &= ~is_fresh[None, :] | (everyone[None, :] > f[:, None])
        keep[np.arange(f.size), f] = False
        if labels is not None:
            drop_same_label(keep, labels, f, 0, False)
        r, b, v = kept_entries(keep, sims, 0, 0)
        a = f[r]
        found.add(np.minimum(a, b), np.maximum(a, b), v)
    found.prune()
    rows, cols, _ = found.gathered()
    values = exact_cosines(vectors, rows, cols)
    return _select(
        np.concatenate([kept.rows, rows]), np.concatenate([kept.cols, cols]), np.concatenate([kept.values, values]),
        threshold, strict, top_k,
    )

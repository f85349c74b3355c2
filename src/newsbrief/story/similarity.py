"""Cosine pairs above a threshold, found block by block so memory stays bounded.

The cross-article stages (syndication, claims, disagreements, the summary's redundancy check, the
timeline) used to build the full n x n cosine matrix of a story's sentences: 6.4 GB for the 40,000
sentences of 2,000 articles. Here the rows are taken ``block_size`` at a time (``block @ vectors.T``,
a few hundred MB at most), and only the pairs each stage needs are kept: those at or above its
threshold, between rows of different labels (articles), and optionally only each row's ``top_k``
best, so a story where every sentence resembles every other one (a templated feed) still yields at
most ``n * top_k`` pairs.

With ``block_size`` a multiple of 64 the products are the ones one big product gives, bit for bit
(OpenBLAS computes each entry the same way whatever the number of rows), so the pairs of a story
that fits in one block are exactly those of the dense matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.floating[Any]]
Ints = npt.NDArray[np.int64]

# Rows per product. 1024 x 40,000 sentences x 4 bytes is 164 MB; the cap below keeps a block under
# MAX_BLOCK_CELLS entries however many columns there are.
BLOCK_SIZE = 1024
MAX_BLOCK_CELLS = 16_000_000  # 64 MB of float32 per block (plus a few masks of the same shape)
# Default bound on the pairs a stage keeps (see bounded_top_k): about 1 million pairs, and at least
# MIN_TOP_K partners per row whatever the size.
MAX_PAIRS = 1_000_000
MIN_TOP_K = 32


@dataclass(frozen=True)
class SimilarPairs:
    """Pairs (rows[k] < cols[k]) and their cosines, sorted by row then column."""

    rows: Ints
    cols: Ints
    values: Floats  # in the vectors' own precision

    def __len__(self) -> int:
        return int(self.rows.size)

    def to_dict(self) -> dict[tuple[int, int], float]:
        """``{(i, j): cosine}`` with Python ints and floats."""
        return {
            (i, j): v
            for i, j, v in zip(self.rows.tolist(), self.cols.tolist(), self.values.tolist(), strict=True)
        }


def _empty(dtype: npt.DTypeLike) -> SimilarPairs:
    return SimilarPairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, dtype))


def block_rows(n: int, block_size: int = BLOCK_SIZE) -> int:
    """Rows per block for ``n`` columns: ``block_size``, fewer (a multiple of 64, at least 64) when
    a block would exceed MAX_BLOCK_CELLS entries."""
    if block_size < 1:
        raise ValueError(f"block_size must be at least 1, got {block_size}")
    fit = max(64, (MAX_BLOCK_CELLS // max(n, 1)) // 64 * 64)
    return min(block_size, fit)


def bounded_top_k(n: int, max_pairs: int = MAX_PAIRS, min_top_k: int = MIN_TOP_K) -> int | None:
    """Partners to keep per row of ``n`` so that at most about ``max_pairs`` pairs (and at least
    ``min_top_k`` per row) are kept; None (all) when that bound cannot bind. Stories of a few
    hundred sentences keep every pair, 40,000 sentences 32 partners each (1.3 million pairs)."""
    k = max(min_top_k, max_pairs // max(n, 1))
    return None if k >= n - 1 else k


def rank_order(owner: Ints, partner: Ints, vals: Floats) -> Ints:
    """``np.lexsort((partner, -vals, owner))``: by owner, then value (highest first), then partner.
    For float32 values over 0 and indices under 2**16 (a story of up to 65,536 sentences) one
    argsort of a 64-bit key gives that order (positive floats' bits sort as the floats do): about
    half the time of the lexsort."""
    if vals.dtype == np.float32 and owner.size and int(max(owner.max(), partner.max())) < 1 << 16 and bool((vals > 0).all()):
        down = np.uint64(0xFFFFFFFF) - vals.view(np.uint32).astype(np.uint64)
        key = (owner.astype(np.uint64) << np.uint64(48)) | (down << np.uint64(16)) | partner.astype(np.uint64)
        order: Ints = np.argsort(key, kind="stable").astype(np.int64)
        return order
    order = np.lexsort((partner, -vals, owner)).astype(np.int64)
    return order


def top_k_either(
    rows: Ints, cols: Ints, vals: Floats, top_k: int
) -> npt.NDArray[np.bool_]:
    """Which pairs (rows[k] < cols[k]) are among the ``top_k`` best of their row or of their
    column, ranking each sentence's partners by cosine (ties to the lower partner)."""
    m = rows.size
    owner = np.concatenate([rows, cols])
    partner = np.concatenate([cols, rows])
    order = rank_order(owner, partner, np.concatenate([vals, vals]))
    owner = owner[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    rank: Ints = np.arange(owner.size) - np.repeat(starts, np.diff(np.r_[starts, owner.size]))
    keep = np.zeros(m, dtype=bool)
    keep[order[rank < top_k] % max(m, 1)] = True
    return keep


def kept_entries(keep: npt.NDArray[np.bool_], sims: Floats, row0: int, col0: int) -> tuple[Ints, Ints, Floats]:
    """Row, column (offset by ``row0``, ``col0``) and value of each True entry of ``keep`` over
    ``sims`` (a C-ordered block), in row-major order: ``np.nonzero`` and its fancy index, at about
    a fifth of the cost (one flat index instead of two coordinate arrays)."""
    flat = np.flatnonzero(keep)
    r, c = np.divmod(flat, keep.shape[1])
    return r + row0, c + col0, sims.ravel()[flat]


def drop_same_label(keep: npt.NDArray[np.bool_], labels: Ints, rows: slice | Ints, col0: int, ordered: bool) -> None:
    """Clear ``keep``'s entries (rows ``labels[rows]``, columns from ``col0`` on) whose row and
    column share a label. With ``ordered`` labels (non-decreasing) and consecutive rows, only the
    columns up to the last with the rows' highest label can share one, so only those are looked at."""
    if ordered and isinstance(rows, slice):
        own = labels[rows]
        end = int(np.searchsorted(labels, own[-1], side="right")) - col0 if own.size else 0
        if end > 0:
            keep[:, :end] &= own[:, None] != labels[None, col0 : col0 + end]
        return
    keep &= labels[rows, None] != labels[None, col0:]


def labels_ordered(labels: Ints | None) -> bool:
    """Whether ``labels`` never decrease (sentences stacked article after article)."""
    return labels is not None and bool(np.all(labels[1:] >= labels[:-1]))


# A top_k search holds at most this many candidate pairs per row before it drops those that can no
# longer be among a row's best (bounded memory whatever the story: a templated feed where every
# sentence resembles every other one still holds a few hundred pairs per row).
COMPACT_PER_ROW = 4


def find_similar_pairs(
    vectors: Floats,
    threshold: float,
    *,
    labels: npt.NDArray[np.int64] | None = None,
    top_k: int | None = None,
    strict: bool = False,
    block_size: int = BLOCK_SIZE,
) -> SimilarPairs:
    """Pairs (i < j) whose cosine ``vectors[i] @ vectors[j]`` is at least ``threshold`` (above it
    when ``strict``), the same as thresholding the dense matrix's upper triangle.

    ``labels``: only pairs of rows with different labels (sentences of different articles).
    ``top_k``: only pairs among the ``top_k`` best of i or of j (by cosine, ties to the lower
    index), which bounds the result to ``n * top_k`` pairs; None keeps every pair.
    Vectors are expected unit-length (cosine = dot product); memory is one block of rows.

    Each block of rows is multiplied by the columns from its first row on (the upper triangle:
    half the products of whole rows; a pair's cosine is its row's entry, which equals the
    column's), and only the entries over the threshold are kept. With ``top_k`` a pair is kept
    while it is among the best ``top_k`` seen so far of its row or of its column: one not among
    them cannot be among them once more are seen, so dropping it on the way changes nothing."""
    if top_k is not None and top_k < 1:
        raise ValueError(f"top_k must be at least 1 or None, got {top_k}")
    n = vectors.shape[0]
    if n < 2 or vectors.ndim != 2 or vectors.shape[1] == 0:
        return _empty(vectors.dtype)
    if labels is not None and labels.shape != (n,):
        raise ValueError(f"labels must have one entry per vector ({n}), got shape {labels.shape}")
    found_i: list[Ints] = []
    found_j: list[Ints] = []
    found_v: list[Floats] = []
    held = 0
    limit = None if top_k is None else max(1_000_000, COMPACT_PER_ROW * n * top_k)
    step = block_rows(n, block_size)
    ordered = labels_ordered(labels)
    for start in range(0, n, step):
        stop = min(n, start + step)
        sims = vectors[start:stop] @ vectors[start:].T
        keep = sims > threshold if strict else sims >= threshold
        # In the block's own square only the strict upper triangle (j > i).
        keep[:, : stop - start] &= np.triu(np.ones((stop - start, stop - start), dtype=bool), k=1)
        if labels is not None:
            drop_same_label(keep, labels, slice(start, stop), start, ordered)
        r, c, v = kept_entries(keep, sims, start, start)
        found_i.append(r)
        found_j.append(c)
        found_v.append(v)
        held += r.size
        if limit is not None and top_k is not None and held > limit:
            rows, cols, vals = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_v)
            best = top_k_either(rows, cols, vals, top_k)
            found_i, found_j, found_v = [rows[best]], [cols[best]], [vals[best]]
            held = int(best.sum())
    rows, cols, vals = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_v)
    if top_k is not None:
        best = top_k_either(rows, cols, vals, top_k)
        rows, cols, vals = rows[best], cols[best], vals[best]
    # Blocks come in row order and entries row-major within one: sorted by row, then column.
    return SimilarPairs(rows, cols, vals)


def mean_top_outside(
    queries: Floats,
    query_labels: Ints,
    vectors: Floats,
    labels: Ints,
    k: int,
    block_size: int = BLOCK_SIZE,
) -> npt.NDArray[np.float64]:
    """For each query row, the mean of its ``k`` highest cosines to the ``vectors`` whose label
    differs from its own (all of them when fewer; 0 when none), a block of queries at a time.

    The values of ``np.sort(row[labels != own])[-k:].mean()`` on the dense matrix, without it."""
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    out = np.zeros(queries.shape[0])
    if queries.shape[0] == 0 or vectors.shape[0] == 0:
        return out
    step = block_rows(vectors.shape[0], block_size)
    for start in range(0, queries.shape[0], step):
        sims = queries[start : start + step] @ vectors.T
        same = query_labels[start : start + step, None] == labels[None, :]
        sims[same] = -np.inf
        top = min(k, vectors.shape[0])
        best = _top_sorted(sims, top)
        # Mean of each row's finite entries: the -inf ones sort first and add 0 (x + 0.0 == x),
        # so the sums are those of the finite entries alone, in the same order.
        finite = np.isfinite(best)
        count = finite.sum(axis=1)
        total = np.where(finite, best, 0.0).sum(axis=1)
        has = count > 0
        out[start : start + best.shape[0]][has] = total[has] / count[has]
    return out


def _top_sorted(sims: Floats, top: int) -> Floats:
    """Each row's ``top`` highest values in ascending order (``sims`` is overwritten). For a few,
    ``top`` passes of argmax are several times faster than ``np.partition`` over wide rows and
    give the same values."""
    if top > 8:
        return np.sort(np.partition(sims, sims.shape[1] - top, axis=1)[:, -top:], axis=1)
    rows = np.arange(sims.shape[0])
    picked = []
    for _ in range(top):
        j = sims.argmax(axis=1)
        picked.append(sims[rows, j])
        sims[rows, j] = -np.inf
    return np.stack(picked[::-1], axis=1)

"""The blockwise pair finder against the dense matrix it replaces.

Integer-valued vectors make every dot product exact whatever the order of summation, so the
blockwise result must equal the dense one entry for entry (and ties are plentiful, which exercises
the top-k tie-break)."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from newsbrief.story.similarity import (
    SimilarPairs,
    block_rows,
    bounded_top_k,
    find_similar_pairs,
    mean_top_outside,
)


def _vectors(n: int, seed: int, dim: int = 6) -> npt.NDArray[np.float32]:
    return np.random.default_rng(seed).integers(-2, 3, size=(n, dim)).astype(np.float32)


def _dense(
    vectors: npt.NDArray[np.float32],
    threshold: float,
    labels: npt.NDArray[np.int64] | None = None,
    top_k: int | None = None,
    strict: bool = False,
) -> set[tuple[int, int, float]]:
    """The reference: the full matrix, thresholded, each row's top_k taken by sorting."""
    n = vectors.shape[0]
    sims = vectors @ vectors.T
    ok = sims > threshold if strict else sims >= threshold
    np.fill_diagonal(ok, False)
    if labels is not None:
        ok &= labels[:, None] != labels[None, :]
    chosen: set[tuple[int, int]] = set()
    for i in range(n):
        cols = [j for j in range(n) if ok[i, j]]
        cols.sort(key=lambda j: (-sims[i, j], j))
        for j in cols if top_k is None else cols[:top_k]:
            chosen.add((min(i, j), max(i, j)))
    return {(i, j, float(sims[i, j])) for i, j in chosen}


def _as_set(found: SimilarPairs) -> set[tuple[int, int, float]]:
    assert np.all(found.rows < found.cols)
    keys = found.rows * 10_000 + found.cols
    assert np.all(np.diff(keys) > 0), "sorted by row then column, no duplicates"
    return set(zip(found.rows.tolist(), found.cols.tolist(), found.values.tolist(), strict=True))


@pytest.mark.parametrize("n", [0, 1, 2, 7, 64, 65, 130, 257])
@pytest.mark.parametrize("block_size", [1, 3, 64, 100, 1024])
def test_blockwise_equals_dense(n: int, block_size: int) -> None:
    vectors = _vectors(n, seed=n)
    got = find_similar_pairs(vectors, 3.0, block_size=block_size)
    assert _as_set(got) == _dense(vectors, 3.0)


@pytest.mark.parametrize("n", [0, 1, 5, 97, 200])
@pytest.mark.parametrize("block_size", [1, 7, 64, 1024])
@pytest.mark.parametrize("top_k", [None, 1, 3, 50])
def test_labels_and_top_k_equal_dense(n: int, block_size: int, top_k: int | None) -> None:
    vectors = _vectors(n, seed=100 + n)
    labels = np.arange(n, dtype=np.int64) // 4  # runs of four rows: "articles"
    got = find_similar_pairs(vectors, 2.0, labels=labels, top_k=top_k, block_size=block_size)
    assert _as_set(got) == _dense(vectors, 2.0, labels, top_k)


@pytest.mark.parametrize("ordered", [True, False])
@pytest.mark.parametrize("block_size", [1, 7, 64, 1024])
def test_uneven_and_unordered_labels_equal_dense(ordered: bool, block_size: int) -> None:
    # Runs of 1 to 30 rows ("articles" of different lengths); shuffled, the labels no longer
    # rise down the rows, and the same-label mask has to look at every column.
    rng = np.random.default_rng(7)
    labels = np.repeat(np.arange(12, dtype=np.int64), rng.integers(1, 31, size=12))
    if not ordered:
        labels = rng.permutation(labels)
    vectors = _vectors(labels.size, seed=3)
    got = find_similar_pairs(vectors, 2.0, labels=labels, block_size=block_size)
    assert _as_set(got) == _dense(vectors, 2.0, labels, None)


@pytest.mark.parametrize("block_size", [1, 5, 1024])
def test_strict_threshold(block_size: int) -> None:
    vectors = _vectors(60, seed=3)
    got = find_similar_pairs(vectors, 4.0, strict=True, block_size=block_size)
    assert _as_set(got) == _dense(vectors, 4.0, strict=True)
    assert all(v > 4.0 for v in got.values.tolist())


def test_float_vectors_match_the_dense_product_in_one_block() -> None:
    # Unit vectors as the embedder gives them: a story that fits in one block gets the dense
    # matrix's own values, bit for bit.
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((300, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = vectors @ vectors.T
    rows, cols = np.nonzero(np.triu(sims >= 0.2, k=1))
    got = find_similar_pairs(vectors, 0.2)
    assert np.array_equal(got.rows, rows) and np.array_equal(got.cols, cols)
    assert np.array_equal(got.values, sims[rows, cols])


def test_float64_vectors_keep_their_precision() -> None:
    vectors = _vectors(20, seed=5).astype(np.float64)
    got = find_similar_pairs(vectors, 2.0)
    assert got.values.dtype == np.float64
    assert _as_set(got) == _dense(vectors.astype(np.float32), 2.0)


def test_to_dict() -> None:
    vectors = _vectors(30, seed=9)
    got = find_similar_pairs(vectors, 3.0)
    assert got.to_dict() == {(i, j): v for i, j, v in _dense(vectors, 3.0)}


def test_top_k_bounds_the_pairs() -> None:
    vectors = np.ones((500, 4), dtype=np.float32)  # every pair ties at the top
    got = find_similar_pairs(vectors, 1.0, top_k=3, block_size=64)
    assert len(got) <= 500 * 3
    # ties go to the lowest indices: every row keeps rows 0..2 (or 0..3 minus itself)
    assert set(got.rows.tolist()) == {0, 1, 2}


def test_bad_arguments_are_rejected() -> None:
    vectors = _vectors(10, seed=1)
    with pytest.raises(ValueError, match="top_k"):
        find_similar_pairs(vectors, 0.5, top_k=0)
    with pytest.raises(ValueError, match="labels"):
        find_similar_pairs(vectors, 0.5, labels=np.zeros(3, dtype=np.int64))
    with pytest.raises(ValueError, match="block_size"):
        find_similar_pairs(vectors, 0.5, block_size=0)


def test_block_rows_and_top_k_bounds() -> None:
    assert block_rows(100) == 1024
    assert block_rows(40_000) == 384  # 16 million cells: 400 rows, down to a multiple of 64
    assert block_rows(10_000_000) == 64
    assert bounded_top_k(300) is None  # small stories keep every pair
    assert bounded_top_k(40_000) == 32
    assert bounded_top_k(0) is None


@pytest.mark.parametrize("n_queries", [0, 1, 5, 70])
@pytest.mark.parametrize("block_size", [1, 64, 1024])
def test_mean_top_outside_equals_dense(n_queries: int, block_size: int) -> None:
    rng = np.random.default_rng(n_queries)
    vectors = rng.standard_normal((90, 8))
    labels = np.arange(90, dtype=np.int64) // 30  # three "articles"
    queries = rng.standard_normal((n_queries, 8))
    query_labels = rng.integers(0, 4, size=n_queries).astype(np.int64)  # label 3: no own rows
    sims = queries @ vectors.T
    want = np.zeros(n_queries)
    for r in range(n_queries):
        other = sims[r, labels != query_labels[r]]
        want[r] = np.sort(other)[-3:].mean()
    got = mean_top_outside(queries, query_labels, vectors, labels, 3, block_size=block_size)
    assert np.allclose(got, want, rtol=0, atol=1e-12)


def test_mean_top_outside_with_fewer_others_than_k() -> None:
    vectors = np.eye(3)
    labels = np.array([0, 0, 1], dtype=np.int64)
    got = mean_top_outside(vectors[:2], np.array([0, 1], dtype=np.int64), vectors, labels, 3)
    # row 0 sees only row 2 (cosine 0); row 1 has label 1, so sees rows 0 and 1 (0 and 1)
    assert got.tolist() == [0.0, 0.5]
    assert mean_top_outside(vectors, np.zeros(3, dtype=np.int64), vectors, np.zeros(3, dtype=np.int64), 2).tolist() == [0.0] * 3

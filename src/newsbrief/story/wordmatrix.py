"""Weighted word sets of many sentences as one sparse matrix, so that what two sentences share is
measured for hundreds of thousands of pairs at once.

The cross-article stages compare the words of every close sentence pair of a story (claims'
lexical guard and bigram bonus, syndication twins, disagreement candidates): about 400,000 pairs in
a 300-article topic, which as Python set intersections took most of the reduce stage. Here the
sets are the rows of a binary CSR matrix (sentences x words) and a pair's shared weight is the
weighted sum of the element-wise product of its two rows, a block of pairs at a time.

Sums are taken in column order rather than in a set's iteration order, so a value can differ
from the set-based one in its last bit; the stages compare these values against thresholds with
wide gaps around them, and their outputs are unchanged (``benchmarks/golden.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

# Pairs per sparse product: 200,000 pairs of ~15 words is ~50 MB of temporary matrices.
PAIR_BLOCK = 200_000

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


@dataclass(frozen=True, eq=False)
class WordMatrix:
    """Rows of word sets (one per sentence) with one weight per word."""

    matrix: sparse.csr_matrix  # sentences x words, 1.0 where the sentence has the word
    weights: Floats  # per word (column)
    totals: Floats  # per sentence: the summed weights of its words

    def shared(self, rows: Ints, cols: Ints) -> Floats:
        """For each pair (rows[k], cols[k]): the summed weights of the words both sentences have."""
        out = np.zeros(rows.size, dtype=np.float64)
        for start in range(0, rows.size, PAIR_BLOCK):
            r, c = rows[start : start + PAIR_BLOCK], cols[start : start + PAIR_BLOCK]
            both = self.matrix[r].multiply(self.matrix[c])
            out[start : start + r.size] = np.asarray(sparse.csr_matrix(both) @ self.weights).ravel()
        return out

    def overlap(self, rows: Ints, cols: Ints) -> Floats:
        """Weighted share of the smaller sentence's words found in the other, per pair (0 when the
        smaller weighs nothing): :func:`newsbrief.story.overlap.measure_overlap` for many pairs."""
        shared = self.shared(rows, cols)
        smaller = np.minimum(self.totals[rows], self.totals[cols])
        out = np.zeros(rows.size, dtype=np.float64)
        np.divide(shared, smaller, out=out, where=smaller > 0)
        return out


def build_word_matrix(
    sets: Sequence[frozenset[str]], weights: Mapping[str, float], default: float = 1.0
) -> WordMatrix:
    """The matrix of ``sets`` with each word weighted by ``weights`` (``default`` when absent)."""
    vocab: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for words in sets:
        indices.extend(vocab.setdefault(w, len(vocab)) for w in words)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(sets), len(vocab)),
    )
    matrix.sort_indices()
    column_weights = np.zeros(len(vocab), dtype=np.float64)
    for w, k in vocab.items():
        column_weights[k] = weights.get(w, default)
    totals = np.asarray(matrix @ column_weights, dtype=np.float64).ravel()
    return WordMatrix(matrix, column_weights, totals)

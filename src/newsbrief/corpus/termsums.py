"""Arithmetic on the keyword sums of stories: term-weight dicts taken out of a story's sums,
pruned to a story's heaviest terms, and laid out as sparse rows for similarity products."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse


def subtract_terms(sums: dict[str, float], vector: Mapping[str, float]) -> None:
    """Take an article's keyword vector out of a story's sums (terms pruned from the sums stay out)."""
    for t, w in vector.items():
        v = sums.get(t)
        if v is None:
            continue
        v -= w
        if v > 1e-12:
            sums[t] = v
        else:
            del sums[t]


def as_sparse_rows(rows: Sequence[dict[str, float]], vocab: dict[str, int], grow: bool = True) -> sparse.csr_matrix:
    """Term-weight dicts as CSR rows; columns from ``vocab`` (extended unless ``grow`` is False)."""
    indptr = [0]
    cols: list[int] = []
    vals: list[float] = []
    for terms in rows:
        for t, w in terms.items():
            c = vocab.get(t)
            if c is None:
                if not grow:
                    continue  # a term no story has cannot add to a similarity
                c = vocab[t] = len(vocab)
            cols.append(c)
            vals.append(w)
        indptr.append(len(cols))
    return sparse.csr_matrix(
        (np.array(vals, dtype=np.float64), np.array(cols, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(rows), max(1, len(vocab))),
    )


def prune_terms(terms: dict[str, float], limit: int) -> dict[str, float]:
    """The ``limit`` heaviest terms, ties broken by term, in term order (deterministic JSON).

    Weights are compared to 9 decimals: two terms of equal weight summed in another order (another
    batch size) differ in the last bits, and the cut must not depend on that.
    """
    if len(terms) > limit:
        kept = sorted(terms.items(), key=lambda kv: (-round(kv[1], 9), kv[0]))[:limit]
        terms = dict(kept)
    return dict(sorted(terms.items()))

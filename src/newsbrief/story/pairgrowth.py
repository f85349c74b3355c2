"""A story's close pairs brought up to date from the pairs stored before, when articles joined it.

Corpus mode stores each story's pairs (:mod:`newsbrief.corpus.storypairs`) with a digest of each
input row (:func:`row_digests`: its article, its sentence, its vector's bits and how the pairs were
computed). When ingest changes the story, the rows of the new input are matched to the stored ones
by digest: rows found in both keep their pairs, and only the new rows (and the old rows that lost
one of their best partners) are multiplied with the story (:func:`newsbrief.story.exactpairs.
extend_pairs`), which gives the very pairs the whole product gives. (A row that lost partners
among its best looks again only if it lost more than the bound shrank by as the story grew.) The whole product is computed
instead when that cannot be shown: no digests stored, the rows found again are in another order,
the bound on each sentence's partners grew (the story has fewer rows than before), or so many rows
are new that extending would cost about as much.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from newsbrief.story.exactpairs import extend_pairs
from newsbrief.story.poolpairs import blas_on_one_thread, compute_pairs, describe_blas
from newsbrief.story.similarity import SimilarPairs, bounded_top_k, rank_order
from newsbrief.textmemo import code_fingerprint

Digests = npt.NDArray[np.uint64]
Floats = npt.NDArray[np.floating[Any]]
Ints = npt.NDArray[np.int64]

# Extend only while the rows to multiply again are at most this share of the story: past it the
# whole product (half the products of all rows) costs about as much.
MAX_FRESH_SHARE = 1 / 3


@dataclass(frozen=True)
class Growth:
    """How a story's pairs were brought up to date: extended from the stored ones (with how many
    rows multiplied again) or computed whole."""

    pairs: SimilarPairs
    extended: bool
    fresh_rows: int


def row_digests(names: Sequence[tuple[str, int]], vectors: Floats, threshold: float, labelled: bool, strict: bool) -> Digests:
    """An 8-byte digest of each row: its name (article id, sentence index: the article is the
    row's label), which repeat of that name it is, its vector's bits, and the recipe (threshold,
    labels or not, strict, this code), so that a row matches a stored one only when its pairs
    would be computed the same way."""
    recipe = repr((code_fingerprint("newsbrief.story.pairgrowth"), np.__version__, describe_blas(), threshold, labelled, strict, str(vectors.dtype)))
    seen: dict[tuple[str, int], int] = {}
    data = np.ascontiguousarray(vectors)
    out = np.empty(len(names), dtype=np.uint64)
    for k, name in enumerate(names):
        repeat = seen.get(name, 0)
        seen[name] = repeat + 1
        h = hashlib.blake2b(f"{recipe}\0{name[0]}\0{name[1]}\0{repeat}".encode(), digest_size=8)
        h.update(data[k].tobytes())
        out[k] = int.from_bytes(h.digest(), "little")
    return out


def _bound_grew(before: int | None, now: int | None) -> bool:
    """The bound on each row's partners is larger now (None: no bound)."""
    if now is None:
        return before is not None
    return before is not None and now > before


def lost_best(pairs: SimilarPairs, alive: npt.NDArray[np.bool_], top_k: int, slack: int = 0) -> Ints:
    """The rows still alive that lost more than ``slack`` partners among their ``top_k`` best
    (ranked as :func:`newsbrief.story.similarity.top_k_either` ranks them: a row's ``top_k`` best
    are all among the stored pairs, so their ranks there are their true ranks). A row that lost
    no more than ``slack`` still holds its ``top_k - slack`` best stored, all that a bound of
    ``top_k - slack`` reads."""
    owner = np.concatenate([pairs.rows, pairs.cols])
    partner = np.concatenate([pairs.cols, pairs.rows])
    order = rank_order(owner, partner, np.concatenate([pairs.values, pairs.values]))
    owner, partner = owner[order], partner[order]
    starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]]) if owner.size else np.zeros(0, np.int64)
    rank = np.arange(owner.size) - np.repeat(starts, np.diff(np.r_[starts, owner.size]))
    lost = (rank < top_k) & ~alive[partner] & alive[owner]
    counts = np.bincount(owner[lost], minlength=alive.size)
    rows: Ints = np.flatnonzero(counts > slack)
    return rows


def plan_growth(
    stored: SimilarPairs, stored_digests: Digests, digests: Digests
) -> tuple[SimilarPairs, Ints] | None:
    """The stored pairs renumbered as rows of the new input (those of rows no longer in it
    dropped) and the new input's rows whose partners must be found again; None when extending
    would not give the whole product's pairs, or would cost about as much."""
    before, n = stored_digests.size, digests.size
    position = {d: k for k, d in enumerate(digests.tolist())}
    if len(position) != n or (stored.rows.size and int(max(stored.rows.max(), stored.cols.max())) >= before):
        return None
    where = np.fromiter((position.get(d, -1) for d in stored_digests.tolist()), dtype=np.int64, count=before)
    alive = where >= 0
    if np.any(np.diff(where[alive]) <= 0):
        return None  # the rows found again are in another order: pairs (i < j) would turn round
    top_before, top_now = bounded_top_k(before), bounded_top_k(n)
    if _bound_grew(top_before, top_now):
        return None
    fresh = np.ones(n, dtype=bool)
    fresh[where[alive]] = False
    if top_before is not None and not alive.all():
        # top_now is not None here (_bound_grew: no bound now where there was one).
        # A row still holding its top_now best stored needs nothing more.
        slack = top_before - (top_now if top_now is not None else top_before)
        fresh[where[lost_best(stored, alive, top_before, slack)]] = True
    if fresh.sum() > MAX_FRESH_SHARE * n:
        return None
    keep = alive[stored.rows] & alive[stored.cols]
    kept = SimilarPairs(where[stored.rows[keep]], where[stored.cols[keep]], stored.values[keep])
    return kept, np.flatnonzero(fresh)


def grow_pairs(
    vectors: Floats,
    threshold: float,
    labels: Ints | None,
    strict: bool,
    digests: Digests,
    stored: tuple[SimilarPairs, Digests | None] | None,
) -> Growth:
    """The pairs :func:`newsbrief.story.poolpairs.compute_pairs` gives for this input, extended
    from the ``stored`` pairs and digests of an earlier input when that gives the same pairs,
    else computed whole."""
    plan = None
    if stored is not None and stored[1] is not None and vectors.dtype == stored[0].values.dtype:
        plan = plan_growth(stored[0], stored[1], digests)
    if plan is None:
        return Growth(compute_pairs(vectors, threshold, labels, strict), False, vectors.shape[0])
    kept, fresh = plan
    with blas_on_one_thread():
        pairs = extend_pairs(vectors, threshold, kept, fresh, labels=labels, strict=strict, top_k=bounded_top_k(vectors.shape[0]))
    return Growth(pairs, True, int(fresh.size))

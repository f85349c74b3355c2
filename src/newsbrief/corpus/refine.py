"""Refinement after the agglomeration of a batch: each window article moved to the cluster its
own articles match best.

Bottom-up merging decides once: a report that joined a cluster early, through a chain of
weighted-linkage merges, stays there even when, once every cluster has formed, it is plainly
closer to the reports of another (a Latin American summit report absorbed into the APEC story
through the IMF and Clinton, while the rest of its summit forms a cluster of its own). Here each
window article is compared by **mean link** with every cluster -- its mean similarity to the
cluster's other articles -- and the article whose best other cluster beats its own by the widest
margin moves first, one move at a time (the sums updated after each), until no article gains
more than ``margin``. An article only moves into a cluster it links to above the join threshold;
an article alone (whose own link is nothing) moves when that link clears the threshold by the
margin -- weighted linkage can leave a report alone that matches a formed group on average.

The moves depend only on the clusters and the window's articles (never on the arrival order of
the batch beyond ties of equal gain, broken by window position), so re-clustering the same window
gives the same stories whatever the batches were.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt

from newsbrief.corpus.termsums import as_sparse_rows, subtract_terms

__all__ = ["reassign_members"]


def reassign_members(
    vectors: npt.NDArray[np.float64],
    keywords: Sequence[Mapping[str, float]],
    dense_sums: npt.NDArray[np.float64],
    term_sums: list[dict[str, float]],
    counts: npt.NDArray[np.float64],
    members: list[list[int]],
    dense_weight: float,
    margin: float,
    floor: float,
) -> set[int]:
    """Move window articles ``0 .. len(keywords) - 1`` between clusters (in place); the changed clusters.

    ``dense_sums``, ``term_sums``, ``counts`` and ``members`` describe every cluster (a stored
    story's fixed part counts in its sums and ``counts``, not in ``members``); ``margin``: the
    least gain in mean link a move needs; ``floor``: the least mean link to the cluster moved to.
    Each article moves at most twice, so the loop ends whatever the similarities.
    """
    n = len(keywords)
    live = [c for c in range(len(counts)) if counts[c] > 0]
    if n == 0 or len(live) < 2:
        return set()
    col = {c: k for k, c in enumerate(live)}
    vocab: dict[str, int] = {}
    clusters_m = as_sparse_rows([term_sums[c] for c in live], vocab)
    articles_m = as_sparse_rows([dict(k) for k in keywords], vocab, grow=False)
    clusters_m.resize((len(live), max(1, len(vocab))))
    articles_m.resize((n, max(1, len(vocab))))
    w = dense_weight
    # link[i, k]: article i's similarity summed over cluster live[k]; pair[i, j]: between articles.
    link = (1.0 - w) * (articles_m @ clusters_m.T).toarray()
    pair = (1.0 - w) * (articles_m @ articles_m.T).toarray()
    if w > 0:
        link += w * (vectors @ dense_sums[live].T)
        pair += w * (vectors @ vectors.T)
    size = counts[live].astype(np.float64)
    home = np.full(n, -1, dtype=np.int64)
    for c in live:
        for i in members[c]:
            home[i] = col[c]
    state = _State(live, link, pair, size, home, members, counts, dense_sums, term_sums, vectors, keywords)
    moves = np.zeros(n, dtype=np.int64)
    rows = np.arange(n)
    while True:
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = link / size[None, :]
            own = (link[rows, home] - pair[rows, rows]) / (size[home] - 1.0)
        mean[rows, home] = -np.inf
        mean[:, size <= 0] = -np.inf
        best = np.argmax(mean, axis=1)
        gain = mean[rows, best] - own
        # An article alone has no own link: it moves if it clears the threshold by the margin.
        gain = np.where(size[home] >= 2, gain, mean[rows, best] - floor)
        ok = (moves < 2) & (mean[rows, best] >= floor) & (gain > margin)
        if not ok.any():
            break
        # The widest gain first; ties go to the earlier window position (argmax takes the first).
        i = int(np.argmax(np.where(ok, gain, -np.inf)))
        state.move([i], int(best[i]))
        moves[i] += 1
    return state.changed


class _State:
    """The clusters being refined: per-article links and the caller's cluster sums, kept in step."""

    def __init__(self, live: list[int], link: npt.NDArray[np.float64], pair: npt.NDArray[np.float64],
                 size: npt.NDArray[np.float64], home: npt.NDArray[np.int64], members: list[list[int]],
                 counts: npt.NDArray[np.float64], dense_sums: npt.NDArray[np.float64],
                 term_sums: list[dict[str, float]], vectors: npt.NDArray[np.float64],
                 keywords: Sequence[Mapping[str, float]]):
        self.live, self.link, self.pair, self.size, self.home = live, link, pair, size, home
        self.members, self.counts, self.dense_sums, self.term_sums = members, counts, dense_sums, term_sums
        self.vectors, self.keywords = vectors, keywords
        self.changed: set[int] = set()

    def move(self, group: list[int], dst: int) -> None:
        """Move the articles of ``group`` (all of one cluster) to live cluster number ``dst``."""
        src = int(self.home[group[0]])
        a, b = self.live[src], self.live[dst]
        for i in group:
            self.link[:, src] -= self.pair[:, i]
            self.link[:, dst] += self.pair[:, i]
            self.home[i] = dst
            self.members[a].remove(i)
            self.dense_sums[a] -= self.vectors[i]
            self.dense_sums[b] += self.vectors[i]
            subtract_terms(self.term_sums[a], self.keywords[i])
            for t, v in self.keywords[i].items():
                self.term_sums[b][t] = self.term_sums[b].get(t, 0.0) + v
        self.members[b] = sorted(self.members[b] + group)
        self.size[src] -= len(group)
        self.size[dst] += len(group)
        self.counts[a] -= len(group)
        self.counts[b] += len(group)
        self.changed |= {a, b}

"""Syndicated copies: articles that retell one underlying report, grouped so each group counts as
one independent source.

Two kinds of evidence, taken pair by pair:

* **copy**: the share of the smaller article's 4-word shingles found in the other one. Verbatim
  and lightly edited wire copies score high; independent reports of one event share few 4-grams.
* **rewrite**: a sentence-by-sentence retelling (a paraphrase or a translation) keeps the report's
  facts and their order while every wording changes. Each sentence is paired with its semantic
  *twin* in the other article (high embedding cosine, or a fair cosine plus most of its rare
  words), and the longest chain of twins that keeps both articles' order (a monotone alignment) is
  measured over each article and averaged. Independent reports share a few facts (the lead, a
  quote, a line of background), and never most of both articles' sentences.

A pair is syndicated when the copy share reaches ``COPY_THRESHOLD`` or the twin share (averaged
over both articles) reaches ``Settings.syndication_threshold``. A wire credit
("Reuters", "AP") is weak evidence only: one agency files many different reports about one story,
so the same credit lowers the bar a little and two different agencies raise it a little.
Pairs are joined into groups (a copy of a copy is the same report) when most pairs across two
groups are syndicated themselves (see :func:`find_syndication`).

Only candidate pairs are measured: those whose shared shingles (counted by a sparse product, a
block of articles at a time) reach the lowest copy bar, or that have enough close sentence pairs
in the story's pool for a chain of twins. Any other pair cannot reach either bar, and measuring all
pairs one by one would be 2 million pairs for 2,000 articles.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from newsbrief.config import Settings
from newsbrief.story.sources import map_sources
from newsbrief.models import AnnotatedArticle
from newsbrief.story.pool import PAIR_FLOOR, SentencePool
from newsbrief.story.overlap import SHINGLE_SIZE, word_shingles

# Cosine at or above which two sentences are twins. Measured on the seeds: the rewrite 001 pairs
# with 000 at 0.84-0.93 while the best cross-outlet pairs of independent reports reach 0.91 (two
# leads saying "Xi visits Vietnam"), so a twin alone proves little; the share of twins does.
TWIN_COSINE = 0.8
# A rewrite that keeps a sentence's specifics but recasts it (000/001: "Wang Wenbin said talks will
# focus on political security..." at cosine 0.59) still counts as a twin when most of the rarer
# words are shared (idf-weighted overlap 0.64 there; unrelated sentence pairs stay under 0.4).
TWIN_COSINE_FLOOR = 0.55
TWIN_OVERLAP = 0.55
# How much a shared (or conflicting) wire credit moves the threshold: weak evidence only.
CREDIT_NUDGE = 0.1
# Share of the smaller article's 4-word shingles found in the other. DUC 2004 clusters: wire
# versions and trimmed copies of one report share 0.57-1.0, independent reports at most 0.2.
COPY_THRESHOLD = 0.5
# A chain of fewer twins than this proves nothing (two leads and a shared quote are common).
MIN_TWINS = 3
# Articles per sparse product when counting shared shingles (a block x all articles at most).
ARTICLE_BLOCK = 256


@dataclass(frozen=True)
class PairEvidence:
    """What links two articles (shares 0..1) and the credit-adjusted bars they must reach."""

    copy_share: float  # of the smaller article's shingles
    twins: int  # length of the monotone chain of twin sentences
    twin_share: float  # twins over each article's sentence count, averaged
    copy_threshold: float
    twin_threshold: float

    @property
    def syndicated(self) -> bool:
        """True when either share reaches its threshold."""
        return self.copy_share >= self.copy_threshold or self.twin_share >= self.twin_threshold


def _normalize_credit(credit: str | None) -> str | None:
    if not credit:
        return None
    c = credit.strip().lower().replace(".", "")
    aliases = {"associated press": "ap", "agence france-presse": "afp", "agence france presse": "afp"}
    return aliases.get(c, c)


def credit_nudge(a: AnnotatedArticle, b: AnnotatedArticle) -> float:
    """How far two articles' wire credits move the bar: down when both credit one agency, up when
    they credit different ones, not at all otherwise (weak evidence)."""
    return _nudge(_normalize_credit(a.article.credit), _normalize_credit(b.article.credit))


def _nudge(ca: str | None, cb: str | None) -> float:
    """:func:`credit_nudge` of two normalised credits."""
    if ca and cb:
        return -CREDIT_NUDGE if ca == cb else CREDIT_NUDGE
    return 0.0


def _clamp(threshold: float) -> float:
    return min(1.0, max(0.05, threshold))


def count_monotone_twins(twins: Sequence[tuple[int, int]]) -> int:
    """Length of the longest chain of twin pairs (i, j) increasing in both i and j.

    Longest increasing subsequence over j after sorting by i (j descending within one i, so one
    sentence of the first article is used at most once)."""
    ordered = sorted(twins, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    for _, j in ordered:
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
        else:
            tails[k] = j
    return len(tails)


def mark_twins(cosines: npt.NDArray[np.float32], overlaps: npt.NDArray[np.float64]) -> npt.NDArray[np.bool_]:
    """Of close sentence pairs (with their cosines and idf-weighted word overlaps), those that say
    the same thing."""
    return np.asarray((cosines >= TWIN_COSINE) | ((cosines >= TWIN_COSINE_FLOOR) & (overlaps >= TWIN_OVERLAP)))


def count_shared_shingles(shingles: Sequence[frozenset[str]]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every pair (i < j) of articles sharing a shingle, as sorted keys ``i * n + j``, with the
    number of shingles they share: counted for a block of articles at a time by a sparse product
    (articles x shingles), never pair by pair."""
    vocab: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    # Columns in set order (not sorted): a pair's count of shared columns is the same whichever
    # column a shingle gets, and the pairs are sorted by key at the end.
    for sh in shingles:
        indices.extend(vocab.setdefault(x, len(vocab)) for x in sh)
        indptr.append(len(indices))
    n = len(shingles)
    if not vocab:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    incidence = sparse.csr_matrix(
        (np.ones(len(indices), dtype=np.int32), np.asarray(indices), np.asarray(indptr)), shape=(n, len(vocab))
    )
    by_shingle = incidence.T.tocsr()
    keys: list[npt.NDArray[np.int64]] = []
    counts: list[npt.NDArray[np.int64]] = []
    for start in range(0, n, ARTICLE_BLOCK):
        shared = (incidence[start : start + ARTICLE_BLOCK] @ by_shingle).tocoo()
        r, c = shared.row.astype(np.int64) + start, shared.col.astype(np.int64)
        up = c > r
        keys.append(r[up] * n + c[up])
        counts.append(shared.data[up].astype(np.int64))
    key, count = np.concatenate(keys), np.concatenate(counts)
    order = np.argsort(key, kind="stable")
    return key[order], count[order]


def _copy_candidates(
    shingles: Sequence[frozenset[str]], keys: npt.NDArray[np.int64], counts: npt.NDArray[np.int64], floor: float
) -> set[tuple[int, int]]:
    """Pairs (i < j) whose shingle share reaches ``floor`` (``keys``/``counts`` from
    :func:`count_shared_shingles`)."""
    n = len(shingles)
    sizes = np.array([len(sh) for sh in shingles], dtype=np.int64)
    r, c = keys // max(n, 1), keys % max(n, 1)
    smaller = np.minimum(sizes[r], sizes[c])
    # a hair under the floor: a candidate is measured exactly afterwards, none may be missed
    keep = (smaller > 0) & (counts >= (floor - 1e-9) * smaller)
    return set(zip(r[keep].tolist(), c[keep].tolist(), strict=True))


class _ClosePairs:
    """The pool's sentence pairs that could be twins (cosine >= TWIN_COSINE_FLOOR), grouped by
    article pair (a < b): sentence positions in a, in b, their cosines and (for the pairs of the
    article pairs asked for) their word overlaps.

    Sorted once by article pair; an article pair's slice is found by binary search, so only the
    candidates are ever sliced or measured (a story of 800 articles has some 100,000 article
    pairs with a close sentence pair, and a few thousand candidates)."""

    def __init__(self, pool: SentencePool) -> None:
        assert TWIN_COSINE_FLOOR >= PAIR_FLOOR, "the pool keeps no pairs under its floor"
        found = pool.pairs
        near = found.values >= TWIN_COSINE_FLOOR
        rows, cols, vals = found.rows[near], found.cols[near], found.values[near]
        a, b = pool.article[rows], pool.article[cols]
        order = np.lexsort((cols, rows, b, a))
        self.rows, self.cols, self.vals = rows[order], cols[order], vals[order]
        self.span = max(1, len(pool.article_ids))
        self.keys = a[order] * self.span + b[order]
        self.pool = pool
        self.over = np.zeros(self.rows.size, dtype=np.float64)

    def counts(self) -> dict[tuple[int, int], int]:
        """Close sentence pairs per article pair (a < b) that has any."""
        uniq, count = np.unique(self.keys, return_counts=True)
        return {(k // self.span, k % self.span): c for k, c in zip(uniq.tolist(), count.tolist(), strict=True)}

    def twins(self, pairs: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
        """The twin sentence pairs (:func:`mark_twins`; sentence positions in a, in b, in order) of
        each article pair (a, b) of ``pairs``: one mask over all, each pair's twins a slice of it."""
        lo, hi = self._measure(pairs)
        twin = mark_twins(self.vals, self.over)
        upto = np.concatenate([[0], np.cumsum(twin)]).tolist()  # twins before each position
        at = np.flatnonzero(twin)
        rows, cols = self.rows[at].tolist(), self.cols[at].tolist()
        return [list(zip(rows[upto[x] : upto[y]], cols[upto[x] : upto[y]], strict=True)) for x, y in zip(lo.tolist(), hi.tolist(), strict=True)]

    def _measure(self, pairs: Sequence[tuple[int, int]]) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
        """Where each article pair's close sentence pairs start and end, their word overlaps
        measured (those under TWIN_COSINE)."""
        wanted = np.array([a * self.span + b for a, b in pairs], dtype=np.int64)
        lo = np.searchsorted(self.keys, wanted, side="left")
        hi = np.searchsorted(self.keys, wanted, side="right")
        at = np.concatenate([np.arange(x, y) for x, y in zip(lo.tolist(), hi.tolist(), strict=True)] or [np.zeros(0, np.int64)])
        fair = at[self.vals[at] < TWIN_COSINE]
        self.over[fair] = self.pool.overlap(self.rows[fair], self.cols[fair])
        return lo, hi


def measure_pairs(
    annotated: Sequence[AnnotatedArticle], pool: SentencePool, settings: Settings
) -> dict[tuple[str, str], PairEvidence]:
    """For the pairs of articles (ids in sorted order) that could retell one report, how far they
    do. A pair left out shares too few shingles and close sentences to be syndicated whatever the
    credits say, so only the candidates are measured (all pairs of 2,000 articles would be 2
    million): those with a shingle share reaching the lowest copy bar, or with enough close
    sentence pairs for a chain of MIN_TWINS twins. ``pool`` is the pool of ``annotated``."""
    arts = sorted(annotated, key=lambda x: x.article.id)
    shingles = [word_shingles(x.article.body, SHINGLE_SIZE) for x in arts]
    sizes = np.bincount(pool.article, minlength=len(arts))
    near = _ClosePairs(pool)
    keys, counts = count_shared_shingles(shingles)
    candidates = _copy_candidates(shingles, keys, counts, _clamp(COPY_THRESHOLD - CREDIT_NUDGE))
    for (i, j), n_close in near.counts().items():
        if n_close >= max(1, min(MIN_TWINS, int(sizes[i]), int(sizes[j]))):
            candidates.add((i, j))
    ordered = sorted(candidates)
    twin_lists = near.twins(ordered)
    credits = [_normalize_credit(x.article.credit) for x in arts]
    n_sentences = sizes.tolist()
    out: dict[tuple[str, str], PairEvidence] = {}
    # The shingles each candidate shares, as the sparse product counted them (0 when none).
    wanted = np.array([i * len(arts) + j for i, j in ordered], dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), max(keys.size - 1, 0))
    found = (keys[at] == wanted) if keys.size else np.zeros(wanted.size, dtype=bool)
    shared = np.where(found, counts[at] if counts.size else 0, 0).tolist()
    for (i, j), count, twin_list in zip(ordered, shared, twin_lists, strict=True):
        smaller = min(len(shingles[i]), len(shingles[j]))
        copy = count / smaller if smaller else 0.0
        twins = count_monotone_twins(twin_list) if twin_list else 0
        na, nb = n_sentences[i], n_sentences[j]
        needed = max(1, min(MIN_TWINS, na, nb))
        # Over both articles: a rewrite retells all of a report, while a short independent piece
        # can share most of its few sentences (lead, quote, background) with a long one.
        twin_share = (twins / na + twins / nb) / 2 if na and nb and twins >= needed else 0.0
        nudge = _nudge(credits[i], credits[j])
        out[(arts[i].article.id, arts[j].article.id)] = PairEvidence(
            copy_share=copy,
            twins=twins,
            twin_share=twin_share,
            copy_threshold=_clamp(COPY_THRESHOLD + nudge),
            twin_threshold=_clamp(settings.syndication_threshold + nudge),
        )
    return out


def find_syndication(
    annotated: Sequence[AnnotatedArticle], pool: SentencePool, settings: Settings
) -> tuple[tuple[str, ...], ...]:
    """Groups (of two or more article ids, each sorted; groups sorted) of articles that retell one
    underlying report.

    Syndicated pairs are joined strongest first, and two groups join only when most pairs across
    them are syndicated themselves: versions and copies of one report all resemble one another,
    while a round-up that quotes two different wire reports resembles each of them alone and must
    not glue them into one source."""
    evidence = measure_pairs(annotated, pool, settings)
    group_of = {a: a for a in sorted(x.article.id for x in annotated)}
    members = {a: [a] for a in group_of}
    linked = sorted(
        (pair for pair, e in evidence.items() if e.syndicated),
        key=lambda p: (-max(evidence[p].copy_share, evidence[p].twin_share), p),
    )
    for a, b in linked:
        ga, gb = group_of[a], group_of[b]
        if ga == gb:
            continue
        cross = [(x, y) if x < y else (y, x) for x in members[ga] for y in members[gb]]
        if 2 * sum(p in evidence and evidence[p].syndicated for p in cross) <= len(cross):
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        for x in members.pop(gone):
            group_of[x] = keep
            members[keep].append(x)
    return tuple(sorted(tuple(sorted(g)) for g in members.values() if len(g) >= 2))


def map_independent_sources(
    article_ids: Sequence[str], groups: Sequence[Sequence[str]]
) -> dict[str, str]:
    """Each article id mapped to the id standing for its independent source (the first id of its
    syndication group, or itself)."""
    return map_sources(article_ids, groups)

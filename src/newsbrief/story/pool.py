"""All sentences of one story in one place, with what the cross-article stages compare: vectors,
the close pairs of sentences of different articles, content words, bigrams and quantities.

Syndication, claims, the summary, disagreements and unique contributions all start from the same
pool, so it is built once per story, in the story context (:mod:`newsbrief.story.context`). The close pairs are found once for
the whole story, block by block (:mod:`newsbrief.story.similarity`): one story-wide pass is far cheaper
than many small products when OpenBLAS threads compete for two busy cores (measured: 45 small
products of one 10-article cluster took 2 s under load, one story-wide product 40 ms), and no
n x n matrix is ever held (6.4 GB for the 40,000 sentences of 2,000 articles).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from newsbrief.annotate.dates import names_later_day
from newsbrief.models import AnnotatedArticle, SentenceRef
from newsbrief.story.poolpairs import PAIR_FLOOR, find_pool_pairs
from newsbrief.story.similarity import SimilarPairs
from newsbrief.story.quantities import Quantity, find_quantities
from newsbrief.story.overlap import compute_idf, scan_features
from newsbrief.story.wordmatrix import WordMatrix, build_word_matrix

__all__ = ["PAIR_FLOOR", "SentencePool", "build_pool", "stack_vectors"]


@dataclass(frozen=True, eq=False)
class SentencePool:
    """The sentences of a story, articles ordered by id and sentences by index, so everything
    built on the pool is independent of the input order."""

    refs: tuple[SentenceRef, ...]
    texts: tuple[str, ...]
    article: npt.NDArray[np.int64]  # index into article_ids, per sentence
    article_ids: tuple[str, ...]
    # Sentence vectors (N x dim), zeros where an article had none (they then match nothing).
    vectors: npt.NDArray[np.float32]
    # Pairs (i < j) of sentences of different articles with cosine >= PAIR_FLOOR; in a huge story
    # only each sentence's best partners (similarity.bounded_top_k: about a million pairs in all).
    pairs: SimilarPairs
    pair_keys: npt.NDArray[np.int64]  # i * N + j of each pair, sorted (pairs are sorted by i, j)
    words: tuple[frozenset[str], ...]
    bigrams: tuple[frozenset[str], ...]
    idf: dict[str, float]
    bigram_rarity: dict[str, float]
    quantities: tuple[tuple[Quantity, ...], ...]
    # Publication date (ISO) of each article (index as ``article``), None when unknown.
    published: tuple[str | None, ...]
    # The days (ISO) each sentence names (its resolved day-precision dates).
    days: tuple[frozenset[str], ...]
    # ``words`` weighted by ``idf`` and ``bigrams`` by ``bigram_rarity``, as sparse matrices: what
    # the stages measure over many pairs at once (:mod:`newsbrief.story.wordmatrix`).
    word_matrix: WordMatrix
    bigram_matrix: WordMatrix

    def __len__(self) -> int:
        return len(self.refs)

    def reports_later_day(self, i: int, j: int) -> bool:
        """Sentence ``i`` reports a day that came after sentence ``j``'s article was published (by
        its own publication) and ``j`` does not name it: later news, not ``j`` restated (see
        :func:`newsbrief.annotate.dates.names_later_day`)."""
        own, other = (self.published[int(self.article[k])] for k in (i, j))
        return names_later_day(self.days[i], self.days[j], other, own)

    def overlap(self, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
        """Idf-weighted share of the smaller sentence's content words found in the other, for each
        pair (rows[k], cols[k]) (:func:`newsbrief.story.overlap.measure_overlap` for many pairs)."""
        return self.word_matrix.overlap(rows, cols)

    def reports_later_days(self, rows: npt.NDArray[np.int64], cols: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        """:meth:`reports_later_day` either way round, for each pair (only pairs where a sentence
        names a day are looked at: the others cannot report a later one)."""
        out = np.zeros(rows.size, dtype=bool)
        # A sentence can only report a day after the other's article came out if its own article
        # came out later and its latest day is after that one: days as YYYYMMDD numbers (ISO
        # order), 0 for none or unknown, so only the pairs that pass look at the day sets.
        first, last = self._day_bounds
        pub = self._published_days[self.article]
        ri, ci = pub[rows], pub[cols]

        def may_report(a: npt.NDArray[np.int64], b: npt.NDArray[np.int64], pa: npt.NDArray[np.int64], pb: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
            return np.asarray((pb > 0) & (pa > pb) & (last[a] > pb) & (first[a] > 0) & (first[a] <= pa))

        for k in np.nonzero(may_report(rows, cols, ri, ci) | may_report(cols, rows, ci, ri))[0].tolist():
            i, j = int(rows[k]), int(cols[k])
            out[k] = self.reports_later_day(i, j) or self.reports_later_day(j, i)
        return out

    @functools.cached_property
    def _day_bounds(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Each sentence's earliest and latest named day as YYYYMMDD (0 when it names none)."""
        bounds = [_day_bounds(d) for d in self.days]
        return np.array([b[0] for b in bounds], dtype=np.int64), np.array([b[1] for b in bounds], dtype=np.int64)

    @functools.cached_property
    def _published_days(self) -> npt.NDArray[np.int64]:
        """Each article's publication day as YYYYMMDD (0 when unknown)."""
        return np.array([(_day_number(p) or 0) if p else 0 for p in self.published], dtype=np.int64)

    def rows(self, article_index: int) -> npt.NDArray[np.int64]:
        """Positions of one article's sentences (contiguous, in sentence order)."""
        return np.nonzero(self.article == article_index)[0]

    def cosine(self, i: int, j: int) -> float:
        """Cosine of sentences i and j: the stored value for a kept pair, else a dot product."""
        a, b = min(i, j), max(i, j)
        key = a * len(self) + b
        k = int(np.searchsorted(self.pair_keys, key))
        if k < self.pair_keys.size and int(self.pair_keys[k]) == key:
            return float(self.pairs.values[k])
        return float(self.vectors[i] @ self.vectors[j]) if self.vectors.shape[1] else 0.0


def _dates_by_sentence(a: AnnotatedArticle) -> dict[int, set[str]]:
    """Resolved dates (ISO, any precision) per sentence of one article."""
    out: dict[int, set[str]] = {}
    for d in a.dates:
        out.setdefault(d.sentence, set()).add(d.date)
    return out


def _day_number(iso: str) -> int | None:
    """An ISO day (YYYY-MM-DD, a time after it ignored) as the number YYYYMMDD, in the text's
    order; None for anything else."""
    y, m, d = iso[:4], iso[5:7], iso[8:10]
    return int(y) * 10000 + int(m) * 100 + int(d) if y.isdigit() and m.isdigit() and d.isdigit() else None


def _day_bounds(days: frozenset[str]) -> tuple[int, int]:
    """The earliest and latest of ``days`` as YYYYMMDD; (0, 0) for none, and bounds that keep
    every pair in view (1, 99991231) when one of them is not an ISO day."""
    numbers = [_day_number(d) for d in days]
    known = [n for n in numbers if n is not None]
    if not numbers:
        return 0, 0
    if len(known) < len(numbers):
        return 1, 99991231
    return min(known), max(known)


# Length of an ISO day (YYYY-MM-DD): the precision ``SentencePool.days`` keeps.
_DAY_LENGTH = 10


def _quantities_by_text(texts: Sequence[str]) -> list[tuple[Quantity, ...]]:
    """The quantities of each text, each distinct text read once."""
    seen: dict[str, tuple[Quantity, ...]] = {}
    return [seen[t] if t in seen else seen.setdefault(t, find_quantities(t)) for t in texts]


def stack_vectors(arts: Sequence[AnnotatedArticle]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """The sentence vectors of ``arts`` one under the other (zeros for an article without usable
    ones: it then matches nothing) and the index in ``arts`` of each row's article."""
    dim = max((x.embeddings.shape[1] for x in arts if x.embeddings.ndim == 2), default=0)
    blocks: list[npt.NDArray[np.float32]] = []
    for x in arts:
        emb = x.embeddings
        if emb.ndim != 2 or emb.shape[0] != len(x.sentences) or emb.shape[1] != dim:
            # No usable vectors for this article: it can still join claims through quote anchors.
            emb = np.zeros((len(x.sentences), dim), dtype=np.float32)
        blocks.append(emb.astype(np.float32, copy=False))
    vectors = np.vstack(blocks) if blocks else np.zeros((0, dim), dtype=np.float32)
    article = np.repeat(np.arange(len(arts), dtype=np.int64), [len(x.sentences) for x in arts])
    return vectors, article


def build_pool(annotated: Sequence[AnnotatedArticle]) -> SentencePool:
    """The pool of the story of ``annotated`` (any order: articles are sorted by id)."""
    arts = sorted(annotated, key=lambda x: x.article.id)
    refs: list[SentenceRef] = []
    texts: list[str] = []
    words: list[frozenset[str]] = []
    days: list[frozenset[str]] = []
    bigrams: list[frozenset[str]] = []
    scanned: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for x in arts:
        dates = _dates_by_sentence(x)
        for s in x.sentences:
            refs.append(SentenceRef(x.article.id, s.index))
            texts.append(s.text)
            named = dates.get(s.index, set())
            if s.text not in scanned:  # copies repeat sentences: scan each text once
                scanned[s.text] = scan_features(s.text)
            w, b = scanned[s.text]
            # Resolved dates join the words as tokens, so "Tuesday" and "12 December" can match.
            words.append(w | {f"date:{d}" for d in named})
            days.append(frozenset(d for d in named if len(d) == _DAY_LENGTH))
            bigrams.append(b)
    n = len(texts)
    vectors, article = stack_vectors(arts)
    # Stored with the story at ingest when it is a corpus story (story/poolpairs.py).
    pairs = find_pool_pairs(vectors, article)
    idf = compute_idf(words)
    # Rarity 1.0 for a word or bigram in two sentences (the least a shared one can have), less if
    # commoner. A bigram is only as rare as its rarer word: "visit vietnam" in a story about a visit
    # to Vietnam is common whatever its own count.
    scale = float(np.log((n + 1) / 2.5)) if n > 2 else 1.0

    def rare(v: float) -> float:
        return max(0.0, min(1.0, v / scale))

    word_rarity: dict[str, float] = {}

    def rare_word(w: str) -> float:
        r = word_rarity.get(w)
        if r is None:
            r = word_rarity[w] = rare(idf.get(w, scale))
        return r

    rarity = {b: min(rare(v), max(rare_word(w) for w in b.split(" "))) for b, v in compute_idf(bigrams).items()}
    return SentencePool(
        refs=tuple(refs),
        texts=tuple(texts),
        article=article,
        article_ids=tuple(x.article.id for x in arts),
        published=tuple(x.article.published.isoformat() if x.article.published else None for x in arts),
        days=tuple(days),
        vectors=vectors,
        pairs=pairs,
        pair_keys=pairs.rows * n + pairs.cols,
        words=tuple(words),
        bigrams=tuple(bigrams),
        idf=idf,
        bigram_rarity=rarity,
        quantities=tuple(_quantities_by_text(texts)),
        word_matrix=build_word_matrix(words, idf),
        bigram_matrix=build_word_matrix(bigrams, rarity, default=0.0),
    )


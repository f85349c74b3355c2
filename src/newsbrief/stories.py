"""Online story clustering: each new article joins the story it belongs to or starts a new one.

An article is described by two vectors (:func:`describe_article`):

* **dense**: the mean of its sentence embeddings, the lead sentences weighted up (the lead states
  the event), L2-normalised;
* **keywords**: the set of its content words (lower-cased, plural ``s`` stripped, stop words out),
  each weighted by its inverse document frequency over the corpus seen so far, L2-normalised.

Articles and stories are compared by **average linkage**: the mean pairwise similarity between
their articles, ``DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) * keywords``. Because both parts are dot
products, a story needs only the *sums* of its articles' vectors (kept in the database) to be
compared with anything: ``avg(A, B) = (sum_A . sum_B) / (n_A * n_B)``.

Each ingest batch is clustered at once, bottom-up (:meth:`StoryIndex.add_batch`): the new
articles and the existing stories nearest to them start as clusters, and the most similar pair is
merged while its similarity clears the join threshold (plus a margin when both sides already
hold several articles). A new article thus joins the story it fits best, new articles of one event
group together even when no story has them yet, and two existing stories that new evidence shows
to be one are merged (the merge pass) -- never two existing stories that no new article links, so
stored stories stay put. Batches are sorted by publication
date then id first, so a batch's outcome does not depend on its order of arrival.

Time: two clusters whose date ranges are ``gap`` days apart need a similarity above
``join_threshold + time penalty(gap)`` -- none within ``time_grace_days``, then rising linearly to
``max_time_penalty`` -- so articles weeks apart join only on strong evidence. Undated articles carry
no time evidence either way.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from .models import AnnotatedArticle

# Tuned on ../shared/bench/duc2004 (25 events, benchmarks/stories.py) and
# ../shared/bench/timeline17 (3 topics); see docs/database.md#stories for the figures.
DENSE_WEIGHT = 0.0
JOIN_THRESHOLD = 0.09
# Two groups of several articles each merge only above JOIN_THRESHOLD + GROUP_MARGIN: most wrong
# merges on DUC 2004 joined two related events that had each formed (BCubed F1 0.898 with the
# margin, 0.882 without, both at their best threshold; Timeline17 topic precision 0.993 vs 0.992).
GROUP_MARGIN = 0.02
LEAD_SENTENCES = 3
LEAD_WEIGHT = 2.0
TIME_GRACE_DAYS = 7
TIME_PENALTY_PER_DAY = 0.001
MAX_TIME_PENALTY = 0.04
# Existing stories considered per new article (nearest by dense average linkage).
CANDIDATES_PER_ARTICLE = 12
# A story keeps the sums of its heaviest keywords only, so its row stays small however big it
# grows; the weights cut off are tiny compared with the ones kept.
MAX_STORY_TERMS = 1500

_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*[^\W_]", re.UNICODE)
# spaCy's English list (scikit-learn's drops news words such as "fire", "bill" and "system").
_STOP = frozenset(STOP_WORDS) | {"said", "says", "told", "also", "would", "could", "new"}


@dataclass(frozen=True)
class StoryParams:
    """Clustering parameters (defaults: the tuned module constants)."""

    dense_weight: float = DENSE_WEIGHT
    join_threshold: float = JOIN_THRESHOLD
    lead_sentences: int = LEAD_SENTENCES
    lead_weight: float = LEAD_WEIGHT
    time_grace_days: int = TIME_GRACE_DAYS
    time_penalty_per_day: float = TIME_PENALTY_PER_DAY
    max_time_penalty: float = MAX_TIME_PENALTY
    candidates: int = CANDIDATES_PER_ARTICLE
    max_story_terms: int = MAX_STORY_TERMS
    group_margin: float = GROUP_MARGIN

    def __post_init__(self) -> None:
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be in [0, 1], got {self.dense_weight}")
        if not 0.0 < self.join_threshold < 1.0:
            raise ValueError(f"join_threshold must be in (0, 1), got {self.join_threshold}")
        if not 0.0 <= self.group_margin < 1.0:
            raise ValueError(f"group_margin must be in [0, 1), got {self.group_margin}")
        if self.candidates < 1 or self.max_story_terms < 1:
            raise ValueError("candidates and max_story_terms must be positive")

    def time_penalty(self, gap_days: int | None) -> float:
        """Extra similarity needed to join clusters ``gap_days`` apart (None: undated)."""
        if gap_days is None or gap_days <= self.time_grace_days:
            return 0.0
        return min(self.max_time_penalty, (gap_days - self.time_grace_days) * self.time_penalty_per_day)


@dataclass(frozen=True)
class ArticleFeatures:
    """What clustering needs of one article; ``key`` is the caller's handle (the store's seq)."""

    key: int
    sort_id: str
    published: dt.date | None
    vector: npt.NDArray[np.float32]
    terms: frozenset[str]


@dataclass
class StoryState:
    """One story's running sums (what the ``stories`` table keeps)."""

    id: int
    articles: int
    vector_sum: npt.NDArray[np.float64]
    terms_sum: dict[str, float]
    first_date: dt.date | None = None
    last_date: dt.date | None = None


@dataclass
class BatchResult:
    """What :meth:`StoryIndex.add_batch` decided."""

    assigned: dict[int, int] = field(default_factory=dict)  # article key -> story id
    merged: dict[int, int] = field(default_factory=dict)  # absorbed story id -> surviving story id
    touched: set[int] = field(default_factory=set)  # story ids whose state changed (incl. new)


def normalize_term(word: str) -> str:
    """Lower-case and strip a plural/possessive ending ("Palestinians" -> "palestinian")."""
    w = word.lower().replace("\u2019", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("es") and w[-3] in "sxz":
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def extract_terms(text: str) -> frozenset[str]:
    """The content words of ``text`` as normalised terms (presence only, no counts).

    Presence rather than counts: on DUC 2004 binary term weights separated events better than
    sublinear counts (BCubed F1 0.92 vs 0.91, average linkage over all 243 articles at once).
    """
    out: set[str] = set()
    for m in _WORD.finditer(text):
        w = normalize_term(m.group())
        if len(w) >= 3 and w not in _STOP:
            out.add(w)
    return frozenset(out)


def article_vector(annotated: AnnotatedArticle, params: StoryParams) -> npt.NDArray[np.float32]:
    """Lead-weighted mean of the sentence embeddings, L2-normalised (zeros if there are none)."""
    emb = annotated.embeddings
    if emb.ndim != 2 or emb.shape[0] == 0:
        return np.zeros((emb.shape[1] if emb.ndim == 2 else 0,), dtype=np.float32)
    weights = np.ones(emb.shape[0], dtype=np.float64)
    weights[: params.lead_sentences] = params.lead_weight
    v: npt.NDArray[np.float64] = (emb.astype(np.float64) * weights[:, None]).sum(axis=0)
    norm = float(np.linalg.norm(v))
    out: npt.NDArray[np.float32] = (v / norm if norm > 0 else v).astype(np.float32)
    return out


def describe_article(key: int, annotated: AnnotatedArticle, params: StoryParams) -> ArticleFeatures:
    """The clustering features of one annotated article."""
    a = annotated.article
    text = a.body if not a.title else f"{a.title}\n\n{a.body}"
    return ArticleFeatures(
        key=key,
        sort_id=a.id,
        published=a.published,
        vector=article_vector(annotated, params),
        terms=extract_terms(text),
    )


def _gap_days(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]) -> int | None:
    """Days between two date ranges (0 when they overlap; None when either is undated)."""
    if a[0] is None or a[1] is None or b[0] is None or b[1] is None:
        return None
    if a[1] < b[0]:
        return (b[0] - a[1]).days
    if b[1] < a[0]:
        return (a[0] - b[1]).days
    return 0


def _span(dates: Iterable[dt.date | None]) -> tuple[dt.date | None, dt.date | None]:
    known = [d for d in dates if d is not None]
    return (min(known), max(known)) if known else (None, None)


class StoryIndex:
    """The stories of a corpus, in memory, updated batch by batch (see the module docstring).

    ``df`` and ``documents`` are the keyword document frequencies and the number of articles they
    count. The caller persists ``stories`` (the ``touched`` ones after each batch) and ``df``.
    """

    def __init__(
        self,
        stories: Iterable[StoryState] = (),
        df: dict[str, int] | None = None,
        documents: int = 0,
        params: StoryParams | None = None,
        dim: int = 0,
    ):
        self.params = params or StoryParams()
        self.stories: dict[int, StoryState] = {s.id: s for s in stories}
        self.df: Counter[str] = Counter(df or {})
        self.documents = documents
        self.next_id = max(self.stories, default=0) + 1
        self.dim = dim or next((len(s.vector_sum) for s in self.stories.values()), 0)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency of ``term`` over the articles seen so far.

        The "+1" (scikit-learn's smooth idf) keeps words shared by every article meaningful while
        the corpus is small: without it the first five articles of one story, all naming the same
        people and places, would look unrelated.
        """
        return math.log((self.documents + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def _keyword_vector(self, terms: frozenset[str]) -> dict[str, float]:
        weights = {t: self.idf(t) for t in sorted(terms)}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm > 0 else {}

    def _candidates(self, vectors: npt.NDArray[np.float64], keywords: list[dict[str, float]]) -> list[int]:
        """Existing stories nearest (by the clustering similarity) to any of the new articles."""
        if not self.stories or len(vectors) == 0:
            return []
        ids = sorted(self.stories)
        counts = np.array([self.stories[i].articles for i in ids], dtype=np.float64)
        w = self.params.dense_weight
        score = np.zeros((len(vectors), len(ids)))
        if w > 0:
            sums = np.stack([self.stories[i].vector_sum for i in ids])
            score += w * (vectors @ sums.T)
        if w < 1:
            vocab: dict[str, int] = {}
            story_m = _sparse_rows([self.stories[i].terms_sum for i in ids], vocab)
            article_m = _sparse_rows(keywords, vocab, grow=False)
            story_m.resize((len(ids), max(1, len(vocab))))
            article_m.resize((len(keywords), max(1, len(vocab))))
            score += (1.0 - w) * (article_m @ story_m.T).toarray()
        score /= counts[None, :]
        k = min(self.params.candidates, len(ids))
        # A stable sort breaks ties by story id, so the choice is deterministic.
        nearest = np.argsort(-score, axis=1, kind="stable")[:, :k]
        return sorted({ids[j] for j in nearest.ravel().tolist()})

    def add_batch(self, batch: Sequence[ArticleFeatures]) -> BatchResult:
        """Cluster one batch of new articles into the stories (see the module docstring)."""
        result = BatchResult()
        if not batch:
            return result
        items = sorted(batch, key=lambda f: (f.published or dt.date.max, f.sort_id, f.key))
        dim = self.dim or max(len(f.vector) for f in items)
        self.dim = dim
        for f in items:
            self.df.update(f.terms)
        self.documents += len(items)
        vectors = np.stack([_fit(f.vector, dim) for f in items]).astype(np.float64)
        keywords = [self._keyword_vector(f.terms) for f in items]
        cand = self._candidates(vectors, keywords)

        # Clusters: the new articles, then the candidate stories.
        n_new = len(items)
        dense_sums = np.vstack([vectors] + [self.stories[s].vector_sum[None, :] for s in cand])
        term_sums: list[dict[str, float]] = keywords + [dict(self.stories[s].terms_sum) for s in cand]
        counts = np.array([1.0] * n_new + [float(self.stories[s].articles) for s in cand])
        spans = [(f.published, f.published) for f in items] + [
            (self.stories[s].first_date, self.stories[s].last_date) for s in cand
        ]
        members: list[list[int]] = [[i] for i in range(n_new)] + [[] for _ in cand]
        story_ids: list[list[int]] = [[] for _ in range(n_new)] + [[s] for s in cand]
        gram = self._gram(dense_sums, term_sums)
        alive = np.ones(len(counts), dtype=bool)
        penalty = np.zeros_like(gram)
        for i in range(len(counts)):
            for j in range(i + 1, len(counts)):
                penalty[i, j] = penalty[j, i] = self.params.time_penalty(_gap_days(spans[i], spans[j]))
        # Two stories that are both already stored merge only when a new article links them: a
        # pair of candidate stories starts "locked" and unlocks once either absorbs a new article.
        has_new = np.array([True] * n_new + [False] * len(cand))

        while True:
            score = gram / np.outer(counts, counts) - penalty
            if self.params.group_margin:
                groups = counts > 1
                score -= self.params.group_margin * (groups[:, None] & groups[None, :])
            blocked = ~(has_new[:, None] | has_new[None, :]) | ~alive[:, None] | ~alive[None, :]
            score[blocked] = -np.inf
            np.fill_diagonal(score, -np.inf)
            flat = int(np.argmax(score))
            i, j = divmod(flat, score.shape[1])
            if score[i, j] < self.params.join_threshold:
                break
            i, j = min(i, j), max(i, j)
            gram[i, :] += gram[j, :]
            gram[:, i] += gram[:, j]
            counts[i] += counts[j]
            dense_sums[i] += dense_sums[j]
            for t, w in term_sums[j].items():
                term_sums[i][t] = term_sums[i].get(t, 0.0) + w
            members[i] += members[j]
            story_ids[i] += story_ids[j]
            has_new[i] = has_new[i] or has_new[j]
            spans[i] = _span([spans[i][0], spans[i][1], spans[j][0], spans[j][1]])
            alive[j] = False
            for k in range(len(counts)):
                penalty[i, k] = penalty[k, i] = self.params.time_penalty(_gap_days(spans[i], spans[k]))

        for c in np.flatnonzero(alive):
            if not members[c]:
                continue  # a candidate story that gained nothing
            if story_ids[c]:
                target = min(story_ids[c])
                for absorbed in story_ids[c]:
                    if absorbed != target:
                        del self.stories[absorbed]
                        result.merged[absorbed] = target
            else:
                target = self.next_id
                self.next_id += 1
            self.stories[target] = StoryState(
                id=target,
                articles=int(counts[c]),
                vector_sum=dense_sums[c].copy(),
                terms_sum=_prune(term_sums[c], self.params.max_story_terms),
                first_date=spans[c][0],
                last_date=spans[c][1],
            )
            result.touched.add(target)
            for m in members[c]:
                result.assigned[items[m].key] = target
        return result

    def _gram(self, dense_sums: npt.NDArray[np.float64], term_sums: list[dict[str, float]]) -> npt.NDArray[np.float64]:
        """Combined similarity of every pair of cluster sums (dense part + keyword part)."""
        m = _sparse_rows(term_sums, {})
        kw = (m @ m.T).toarray()
        w = self.params.dense_weight
        return np.asarray(w * (dense_sums @ dense_sums.T) + (1.0 - w) * kw, dtype=np.float64)


def _sparse_rows(rows: Sequence[dict[str, float]], vocab: dict[str, int], grow: bool = True) -> sparse.csr_matrix:
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


def _fit(v: npt.NDArray[np.float32], dim: int) -> npt.NDArray[np.float32]:
    """``v`` as a ``dim``-vector (an article without sentences has an empty one)."""
    if len(v) == dim:
        return v
    return np.zeros(dim, dtype=np.float32)


def _prune(terms: dict[str, float], limit: int) -> dict[str, float]:
    """The ``limit`` heaviest terms, ties broken by term, in term order (deterministic JSON)."""
    if len(terms) > limit:
        kept = sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]
        terms = dict(kept)
    return dict(sorted(terms.items()))

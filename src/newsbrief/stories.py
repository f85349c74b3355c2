"""Online story clustering: each new article joins the story it belongs to or starts a new one.

An article is described by two vectors (:func:`describe_article`):

* **dense**: the mean of its sentence embeddings, the lead sentences weighted up (the lead states
  the event), L2-normalised;
* **keywords**: the set of its content words (lower-cased, plural ``s`` stripped, stop words out),
  each weighted by its inverse document frequency over the corpus seen so far (times
  ``lead_term_weight`` for words of the title and lead, ``entity_weight`` for words of named-entity
  mentions), L2-normalised.

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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse
from spacy.lang.en.stop_words import STOP_WORDS

from .models import AnnotatedArticle

# Tuned on ../shared/bench/duc2004 (25 events, benchmarks/stories.py; the grid runs with
# benchmarks/stories_tune.py over 5 arrival orders) and checked on ../shared/bench/timeline17
# (3 topics); see docs/database.md#stories for the figures.
DENSE_WEIGHT = 0.0
# 0.10 with title/lead terms weighted 1.5: BCubed F1 0.902 on one set of 5 orders and 0.885 on the
# benchmark's 5 (0.894 over the 10), vs 0.890 and 0.893 (0.892) for 0.09 without lead weighting --
# a tie within the spread over orders; Timeline17 topic precision 0.995 vs 0.989.
JOIN_THRESHOLD = 0.10
# Two groups of several articles each merge only above JOIN_THRESHOLD + GROUP_MARGIN: most wrong
# merges on DUC 2004 joined two related events that had each formed (F1 0.902 with 0.02, 0.887
# with 0.01, 0.890 with 0.03).
GROUP_MARGIN = 0.02
LEAD_SENTENCES = 3
LEAD_WEIGHT = 2.0
# Keyword weight of the terms of the title and the first LEAD_SENTENCES sentences (first 5 orders,
# threshold 0.10: 1.5 -> F1 0.902, 1.0 -> 0.873, 2.0 -> 0.900).
LEAD_TERM_WEIGHT = 1.5
# Keyword weight of terms inside named-entity mentions: 1.0, i.e. off -- weighting them up gained
# nothing on DUC (1.5: best F1 0.902 at threshold 0.11, same as off; 2.0 and 3.0 without lead
# weighting: 0.886 and 0.874), as related events share their countries and leaders.
ENTITY_WEIGHT = 1.0
TIME_GRACE_DAYS = 7
TIME_PENALTY_PER_DAY = 0.001
MAX_TIME_PENALTY = 0.04
# Existing stories considered per new article (nearest by the clustering similarity).
CANDIDATES_PER_ARTICLE = 12
# A story keeps the sums of its heaviest keywords only, so its row stays small however big it
# grows; the weights cut off are tiny compared with the ones kept.
MAX_STORY_TERMS = 1500
# "average" linkage; "centroid" (cosine of the summed vectors) lets a big story absorb everything
# near it (best DUC F1 0.68 vs 0.90).
LINKAGES = ("average", "centroid")
LINKAGE = "average"
# Re-assignment rounds after each batch (only the batch's new articles move): 2 rounds gave F1
# 0.904 vs 0.902, within the spread over orders, so it is off by default.
REASSIGN_ROUNDS = 0
REASSIGN_MARGIN = 0.0

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
    entity_weight: float = ENTITY_WEIGHT
    lead_term_weight: float = LEAD_TERM_WEIGHT
    linkage: str = LINKAGE
    reassign_rounds: int = REASSIGN_ROUNDS
    reassign_margin: float = REASSIGN_MARGIN

    def __post_init__(self) -> None:
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be in [0, 1], got {self.dense_weight}")
        if not 0.0 < self.join_threshold < 1.0:
            raise ValueError(f"join_threshold must be in (0, 1), got {self.join_threshold}")
        if not 0.0 <= self.group_margin < 1.0:
            raise ValueError(f"group_margin must be in [0, 1), got {self.group_margin}")
        if self.entity_weight <= 0 or self.lead_term_weight <= 0:
            raise ValueError("entity_weight and lead_term_weight must be positive")
        if self.linkage not in LINKAGES:
            raise ValueError(f"linkage must be one of {', '.join(LINKAGES)}, got {self.linkage!r}")
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
    # Keyword weight multipliers (terms of named entities, of the title and lead); 1 if absent.
    boosts: Mapping[str, float] = field(default_factory=dict)


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
    terms = extract_terms(text)
    return ArticleFeatures(
        key=key,
        sort_id=a.id,
        published=a.published,
        vector=article_vector(annotated, params),
        terms=terms,
        boosts=term_boosts(annotated, terms, params),
    )


def term_boosts(annotated: AnnotatedArticle, terms: frozenset[str], params: StoryParams) -> dict[str, float]:
    """Weight multipliers of the terms that name an entity or open the article.

    Who and where tell news events apart better than common words (two Middle East stories share
    "peace", "talks" and "minister", not "Wye" or "Arafat"), and the title and lead state the event.
    """
    boosts: dict[str, float] = {}
    if params.lead_term_weight != 1.0:
        lead = " ".join(s.text for s in annotated.sentences[: params.lead_sentences])
        if annotated.article.title:
            lead = f"{annotated.article.title} {lead}"
        for t in extract_terms(lead) & terms:
            boosts[t] = params.lead_term_weight
    if params.entity_weight != 1.0:
        named = frozenset().union(*(extract_terms(m.text) for m in annotated.mentions)) & terms
        for t in named:
            boosts[t] = boosts.get(t, 1.0) * params.entity_weight
    return boosts


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

    def _keyword_vector(self, terms: frozenset[str], boosts: Mapping[str, float] | None = None) -> dict[str, float]:
        boosts = boosts or {}
        weights = {t: self.idf(t) * boosts.get(t, 1.0) for t in sorted(terms)}
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
        if self.params.linkage == "centroid":
            norms = np.array([self._self_similarity(self.stories[i]) for i in ids])
            score /= np.sqrt(np.maximum(norms, 1e-12))[None, :]
        else:
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
        keywords = [self._keyword_vector(f.terms, f.boosts) for f in items]
        cand = self._candidates(vectors, keywords)

        # Clusters: the new articles, then the candidate stories.
        n_new = len(items)
        dense_sums = np.vstack([vectors] + [self.stories[s].vector_sum[None, :] for s in cand])
        term_sums: list[dict[str, float]] = [dict(k) for k in keywords] + [dict(self.stories[s].terms_sum) for s in cand]
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
            if self.params.linkage == "centroid":
                size = np.sqrt(np.maximum(np.diag(gram), 1e-12))
                score = gram / np.outer(size, size) - penalty
            else:
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

        if self.params.reassign_rounds:
            self._reassign(items, vectors, keywords, dense_sums, term_sums, counts, members, spans, alive)

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

    def _reassign(
        self,
        items: Sequence[ArticleFeatures],
        vectors: npt.NDArray[np.float64],
        keywords: list[dict[str, float]],
        dense_sums: npt.NDArray[np.float64],
        term_sums: list[dict[str, float]],
        counts: npt.NDArray[np.float64],
        members: list[list[int]],
        spans: list[tuple[dt.date | None, dt.date | None]],
        alive: npt.NDArray[np.bool_],
    ) -> None:
        """Move each new article to the cluster it fits best once the batch is clustered.

        Greedy merging files an article by what its cluster looked like at the time; after the
        batch, its average similarity to its own cluster (itself left out) may be lower than to
        another. Only the batch's new articles move, so stored stories keep their articles.
        """
        w = self.params.dense_weight
        for _ in range(self.params.reassign_rounds):
            live = [c for c in np.flatnonzero(alive) if counts[c] > 0]
            vocab: dict[str, int] = {}
            sums_m = _sparse_rows([term_sums[c] for c in live], vocab)
            art_m = _sparse_rows(keywords, vocab, grow=False)
            sums_m.resize((len(live), max(1, len(vocab))))
            art_m.resize((len(keywords), max(1, len(vocab))))
            sim = (1.0 - w) * (art_m @ sums_m.T).toarray()
            if w > 0:
                sim += w * (vectors @ dense_sums[live].T)
            col = {c: k for k, c in enumerate(live)}
            moves: list[tuple[int, int, int]] = []
            for c in live:
                for m in members[c]:
                    self_sim = (1.0 - w) * sum(v * v for v in keywords[m].values()) + w * float(vectors[m] @ vectors[m])
                    own = (sim[m, col[c]] - self_sim) / (counts[c] - 1) if counts[c] > 1 else -np.inf
                    best, best_c = own, c
                    for d in live:
                        if d == c:
                            continue
                        gap = _gap_days((items[m].published, items[m].published), spans[d])
                        s_d = sim[m, col[d]] / counts[d] - self.params.time_penalty(gap)
                        if s_d > best + self.params.reassign_margin and s_d >= self.params.join_threshold:
                            best, best_c = s_d, d
                    if best_c != c:
                        moves.append((m, c, best_c))
            if not moves:
                return
            for m, src, dst in moves:
                members[src].remove(m)
                members[dst].append(m)
                counts[src] -= 1
                counts[dst] += 1
                dense_sums[src] -= vectors[m]
                dense_sums[dst] += vectors[m]
                for t, v in keywords[m].items():
                    term_sums[src][t] = term_sums[src].get(t, 0.0) - v
                    term_sums[dst][t] = term_sums[dst].get(t, 0.0) + v
                d = items[m].published
                spans[dst] = _span([spans[dst][0], spans[dst][1], d])
            for c in range(len(counts)):
                if alive[c] and counts[c] <= 0:
                    alive[c] = False

    def _self_similarity(self, story: StoryState) -> float:
        """``sum . sum`` of a story under the combined similarity (for centroid linkage)."""
        w = self.params.dense_weight
        kw = sum(v * v for v in story.terms_sum.values())
        return float(w * (story.vector_sum @ story.vector_sum) + (1.0 - w) * kw)

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

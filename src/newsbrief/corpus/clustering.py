"""Online story clustering: each new article joins the story it belongs to or starts a new one.

An article is described by two vectors (:func:`newsbrief.corpus.features.describe_article`):

* **dense**: the mean of its sentence embeddings, the lead sentences weighted up (the lead states
  the event), L2-normalised;
* **keywords**: its content words (lower-cased, plural ``s`` stripped, stop words out), each
  weighted by its inverse document frequency over the corpus seen so far, times
  ``1 + tf_weight * ln(count)`` for a word said more than once, ``lead_term_weight`` for words of
  the title and lead and ``entity_weight`` for words of named-entity mentions; L2-normalised.

A stored story is compared with an article or another group by **average linkage**: the mean
pairwise similarity between their articles, ``DENSE_WEIGHT * dense + (1 - DENSE_WEIGHT) *
keywords``. Because both parts are dot products, a story needs only the *sums* of its articles'
vectors (kept in the database) to be compared with anything: ``avg(A, B) = (sum_A . sum_B) / (n_A
* n_B)``. Within a batch (and the window, below) clusters merge by **weighted linkage** (WPGMA):
the similarity of a merged cluster to a third is the mean of its two parts' similarities.

Each ingest batch is clustered at once, bottom-up (:meth:`StoryIndex.add_batch`), together with
the **window**: the last ``window`` articles this index filed (256 by default), which stay movable.
The window's articles are taken out of their stories' sums and their keyword vectors recomputed
under the current document frequencies; then the window and new articles, and the existing
stories nearest to them (what is left of each once its window articles are out), start as
clusters, and the most similar pair is merged while its similarity clears the join threshold (plus
a margin when both sides already hold several articles). A new article thus joins the story it
fits best, articles of one event group together even when no story has them yet, an article filed
too early (when few articles were known) can move once later ones show where it belongs, and two
stories that new evidence shows to be one are merged -- never two stored stories that no window
article links. Clusters keep the id of the stored story they hold (the smallest, if several), or
of the story most of their window articles were in; a story left empty is recorded as merged into
the one that took most of its articles. Articles older than the window stay where they are, so
stored stories outside its reach never change; within it, the outcome is the same as clustering
the window's articles all at once, whatever the batches and their order. An index rebuilt from
the store (a new ingest run) gets its window back from the last stored articles
(:meth:`StoryIndex.restore_window`), so feeding a stream in several runs files it as one run
would. Articles leave the window only at fixed points of the stream (every ``freeze_step``
articles filed); a batch ending between two is clustered provisionally (see
:meth:`StoryIndex.add_batch`), so the stories do not depend on the batch size either.

Cohesion: two groups of ``cohesion_min_articles`` or more merge only if their link is at least
``cohesion_ratio`` times the mean similarity within the looser of the two -- two related events
that have each formed (a summit and an arrest in its host city) share words, but far fewer than
each event's own reports share among themselves.

Time: two clusters whose date ranges are ``gap`` days apart need a similarity above
``join_threshold + time penalty(gap)`` -- none within ``time_grace_days``, then rising linearly to
``max_time_penalty`` -- so articles weeks apart join only on strong evidence. Undated articles carry
no time evidence either way.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from newsbrief.corpus.features import ArticleFeatures
from newsbrief.corpus.storyparams import StoryParams
from newsbrief.corpus.termsums import as_sparse_rows, prune_terms, subtract_terms

__all__ = ["BatchResult", "StoryIndex", "StoryParams", "StoryState"]


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


def _span(dates: Iterable[dt.date | None]) -> tuple[dt.date | None, dt.date | None]:
    known = [d for d in dates if d is not None]
    return (min(known), max(known)) if known else (None, None)


@dataclass
class _Member:
    """An article of the re-clustering window: what was added to its story's sums."""

    feats: ArticleFeatures
    story: int
    keywords: dict[str, float]
    vector: npt.NDArray[np.float64]
    # Its story after the last freeze point it took part in (None: filed since the last one).
    anchor: int | None = None


class StoryIndex:
    """The stories of a corpus, in memory, updated batch by batch (see the module docstring).

    ``df`` and ``documents`` are the keyword document frequencies and the number of articles they
    count. The caller persists ``stories`` (the ``touched`` ones after each batch) and ``df``.
    ``window`` holds the last ``params.window`` articles this index filed; an index rebuilt from
    the store gets it back with :meth:`restore_window` (``corpus_cli`` does so at each ingest).
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
        self.window: dict[int, _Member] = {}
        # Date range of each story's articles outside the window (stories without a window
        # article: their stored range).
        self._fixed_span: dict[int, tuple[dt.date | None, dt.date | None]] = {}

    def restore_window(
        self,
        members: Sequence[tuple[ArticleFeatures, int]],
        fixed_spans: Mapping[int, tuple[dt.date | None, dt.date | None]] | None = None,
    ) -> None:
        """Make stored articles movable again, as the index that filed them last held them.

        ``members``: the last articles filed (oldest first) with their stories; only the last
        :meth:`window_size` of them, in stories this index holds, are kept. Their keyword vectors are
        recomputed under ``df`` -- the frequencies they were last added to their stories' sums
        with, when ``df`` is the one saved after the batch that filed them -- so taking them out
        of the sums again is exact. ``fixed_spans``: date range of each of those stories'
        articles outside the window (default: the story's whole range, a little looser).
        """
        size = self.window_size()
        keep = list(members)[-size:] if size else []
        provisional = len(keep) - (self.documents % self.params.freeze_step)
        window: dict[int, _Member] = {}
        for n, (f, sid) in enumerate(keep):
            if sid not in self.stories:
                continue
            self.dim = self.dim or len(f.vector)
            vector = _fit(f.vector, self.dim).astype(np.float64)
            # Filed since the last freeze point: no anchor (see add_batch).
            anchor = sid if n < provisional else None
            window[f.key] = _Member(f, sid, self._keyword_vector(f.terms, f.boosts), vector, anchor)
        self.window = window
        for sid in {m.story for m in window.values()}:
            story = self.stories[sid]
            span = (fixed_spans or {}).get(sid)
            self._fixed_span[sid] = span if span is not None else (story.first_date, story.last_date)

    def window_size(self) -> int:
        """How many of the last articles filed are in the window now: ``window``, plus those
        filed since the last freeze point (``documents`` counts every article filed)."""
        return self.params.window + self.documents % self.params.freeze_step

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
        return _unit(weights)

    def _candidates(self, base: Mapping[int, StoryState], vectors: npt.NDArray[np.float64], keywords: list[dict[str, float]]) -> list[int]:
        """Stories of ``base`` nearest (by the clustering similarity) to any of the given articles."""
        if not base or len(vectors) == 0:
            return []
        ids = sorted(base)
        counts = np.array([base[i].articles for i in ids], dtype=np.float64)
        w = self.params.dense_weight
        score = np.zeros((len(vectors), len(ids)))
        if w > 0:
            sums = np.stack([base[i].vector_sum for i in ids])
            score += w * (vectors @ sums.T)
        if w < 1:
            vocab: dict[str, int] = {}
            story_m = as_sparse_rows([base[i].terms_sum for i in ids], vocab)
            article_m = as_sparse_rows(keywords, vocab, grow=False)
            story_m.resize((len(ids), max(1, len(vocab))))
            article_m.resize((len(keywords), max(1, len(vocab))))
            score += (1.0 - w) * (article_m @ story_m.T).toarray()
        if self.params.linkage == "centroid":
            norms = np.array([_self_similarity(base[i], w) for i in ids])
            score /= np.sqrt(np.maximum(norms, 1e-12))[None, :]
        else:
            score /= counts[None, :]
        k = min(self.params.candidates, len(ids))
        # A stable sort breaks ties by story id, so the choice is deterministic.
        nearest = np.argsort(-score, axis=1, kind="stable")[:, :k]
        return sorted({ids[j] for j in nearest.ravel().tolist()})

    def add_batch(self, batch: Sequence[ArticleFeatures]) -> BatchResult:
        """Cluster one batch of new articles into the stories (see the module docstring).

        The batch is cut where the count of articles filed reaches a multiple of ``freeze_step``:
        only there do articles leave the window (freeze), and the re-clustering in between
        (the batch's end) is provisional -- it never merges two stored stories, and what it
        decides is re-decided at the next freeze point from the same state -- so the stories
        do not depend on how the stream is cut into batches.
        """
        result = BatchResult()
        if not batch:
            return result
        step = self.params.freeze_step
        start = 0
        while start < len(batch):
            take = min(len(batch) - start, step - self.documents % step)
            chunk = batch[start : start + take]
            start += take
            part = self._add_chunk(chunk, freeze=(self.documents + len(chunk)) % step == 0)
            result.assigned = {k: part.merged.get(s, s) for k, s in result.assigned.items()}
            result.assigned.update(part.assigned)
            for a, b in list(result.merged.items()):
                result.merged[a] = part.merged.get(b, b)
            result.merged.update(part.merged)
            result.touched = {part.merged.get(s, s) for s in result.touched} | part.touched
        result.touched &= set(self.stories)
        for sid in list(result.merged):
            if sid in self.stories:  # an id used again after a merge (cannot happen: ids are fresh)
                del result.merged[sid]
        return result

    def _add_chunk(self, items: Sequence[ArticleFeatures], freeze: bool) -> BatchResult:
        """Re-cluster the window with ``items``; at a freeze point the oldest leave the window."""
        result = BatchResult()
        p = self.params
        dim = self.dim or max(len(f.vector) for f in items)
        self.dim = dim
        for f in items:
            self.df.update(f.terms)
        self.documents += len(items)

        # The window's articles leave their stories for the time of the batch: what stays (the
        # "fixed" part of each story) is compared with them like any stored story.
        old = list(self.window.values())
        base = dict(self.stories)
        for m in old:
            s = base[m.story]
            if s is self.stories[m.story]:
                s = base[m.story] = StoryState(
                    s.id, s.articles, s.vector_sum.copy(), dict(s.terms_sum), *self._fixed_span.get(s.id, (s.first_date, s.last_date))
                )
            s.articles -= 1
            s.vector_sum -= m.vector
            subtract_terms(s.terms_sum, m.keywords)
        left = {m.story for m in old}
        for sid in sorted(left):
            if base[sid].articles <= 0:
                del base[sid]

        feats = [m.feats for m in old] + list(items)
        vectors = np.stack([_fit(f.vector, dim) for f in feats]).astype(np.float64)
        # Keyword vectors under the current document frequencies (the window's are refreshed).
        keywords = [self._keyword_vector(f.terms, f.boosts) for f in feats]
        # The stories the window's articles were in at the last freeze point stay candidates
        # (so an article can stay where it was); the provisional stories since do not count,
        # so that a freeze point sees what it would have seen without them.
        anchors = {m.anchor for m in old if m.anchor is not None}
        cand = sorted(set(self._candidates(base, vectors, keywords)) | (anchors & set(base)))

        n_new = len(feats)
        dense_sums = np.vstack([vectors] + [base[s].vector_sum[None, :] for s in cand])
        term_sums: list[dict[str, float]] = [dict(k) for k in keywords] + [dict(base[s].terms_sum) for s in cand]
        counts = np.array([1.0] * n_new + [float(base[s].articles) for s in cand])
        spans = [(f.published, f.published) for f in feats] + [(base[s].first_date, base[s].last_date) for s in cand]
        members: list[list[int]] = [[i] for i in range(n_new)] + [[] for _ in cand]
        story_ids: list[list[int]] = [[] for _ in range(n_new)] + [[s] for s in cand]
        self._agglomerate(dense_sums, term_sums, counts, spans, members, story_ids, n_new, stories_merge=freeze)

        # Name the clusters: one holding stored stories keeps the smallest of their ids; one made
        # of window articles only keeps the story most of them were in, if no other cluster does.
        prior = [m.story for m in old] + [0] * len(items)
        live = [c for c in range(len(counts)) if counts[c] > 0 and (members[c] or story_ids[c])]
        name: dict[int, int] = {}
        for c in live:
            if story_ids[c]:
                name[c] = min(story_ids[c])
        taken = {s for c in live for s in story_ids[c]}
        def order(c: int) -> tuple[int, tuple[dt.date, str, int]]:
            # By size, then by the earliest article (date, id): new ids do not depend on arrival order.
            return -len(members[c]), min((feats[i].published or dt.date.max, feats[i].sort_id, feats[i].key) for i in members[c])

        for c in sorted((c for c in live if not story_ids[c]), key=order):
            votes = Counter(prior[i] for i in members[c] if prior[i] and prior[i] not in taken)
            if votes:
                name[c] = min(votes, key=lambda s: (-votes[s], s))
            else:
                name[c] = self.next_id
                self.next_id += 1
            taken.add(name[c])
        where = {i: name[c] for c in live for i in members[c]}
        # Stories that kept nothing and whose id no cluster took are merged into the story that
        # got most of their articles (stored stories absorbed by a merge, likewise).
        for c in live:
            for sid in story_ids[c]:
                if sid != name[c]:
                    result.merged[sid] = name[c]
        kept_fixed = sorted((left - taken) & set(base))
        for sid in sorted(left - taken - set(base)):
            went = Counter(where[i] for i, m in enumerate(old) if m.story == sid)
            result.merged[sid] = min(went, key=lambda s: (-went[s], s))
        for sid in result.merged:
            self.stories.pop(sid, None)
            self._fixed_span.pop(sid, None)

        # A story whose window articles all went elsewhere and that was no candidate keeps its
        # fixed part as it is.
        for sid in kept_fixed:
            self.stories[sid] = base[sid]
            result.touched.add(sid)
        changed = left | {s for c in live for s in story_ids[c] if members[c] or len(story_ids[c]) > 1}
        for c in live:
            target = name[c]
            if not members[c] and story_ids[c] == [target] and target not in changed:
                continue  # a candidate story that neither gained nor lost an article
            fixed = _span([d for s in story_ids[c] for d in (base[s].first_date, base[s].last_date)])
            self._fixed_span[target] = fixed
            self.stories[target] = StoryState(
                id=target,
                articles=int(round(counts[c])),
                vector_sum=dense_sums[c].copy(),
                # Pruned only at freeze points: pruning drops part of a story's fixed sums for
                # good, so a provisional re-clustering that pruned would change what the next
                # freeze point starts from.
                terms_sum=prune_terms(term_sums[c], p.max_story_terms if freeze else len(term_sums[c])),
                first_date=spans[c][0],
                last_date=spans[c][1],
            )
            result.touched.add(target)

        # The window: its articles in arrival order, the oldest leaving once it is full.
        window: dict[int, _Member] = {}
        for i, f in enumerate(feats):
            anchor = where[i] if freeze else (old[i].anchor if i < len(old) else None)
            window[f.key] = _Member(f, where[i], keywords[i], vectors[i], anchor)
            if i >= len(old) or old[i].story != where[i]:
                result.assigned[f.key] = where[i]
        for key in list(window)[: max(0, len(window) - p.window) if freeze else 0]:
            m = window.pop(key)
            first, last = self._fixed_span.get(m.story, (None, None))
            self._fixed_span[m.story] = _span([first, last, m.feats.published])
        self.window = window
        for sid in list(self._fixed_span):
            if sid not in self.stories:
                del self._fixed_span[sid]
        return result

    def _agglomerate(
        self,
        dense_sums: npt.NDArray[np.float64],
        term_sums: list[dict[str, float]],
        counts: npt.NDArray[np.float64],
        spans: list[tuple[dt.date | None, dt.date | None]],
        members: list[list[int]],
        story_ids: list[list[int]],
        n_new: int,
        stories_merge: bool = True,
    ) -> None:
        """Merge the most similar pair of clusters while it clears the threshold (in place).

        Clusters ``n_new`` and beyond are stored stories: two of them merge only once either
        holds a new (or window) article, so stored stories that nothing new links stay apart;
        and never when ``stories_merge`` is False (a provisional re-clustering between freeze
        points must leave the stored stories as they are).
        """
        p = self.params
        n = len(counts)
        gram = self._gram(dense_sums, term_sums)
        alive = np.ones(n, dtype=bool)
        has_new = np.arange(n) < n_new
        has_story = np.array([bool(s) for s in story_ids], dtype=bool)
        first = np.array([_ordinal(s[0]) for s in spans])
        last = np.array([_ordinal(s[1]) for s in spans])


        sim = gram / np.outer(np.maximum(counts, 1.0), np.maximum(counts, 1.0)) if p.linkage == "weighted" else gram
        veto = p.dense_veto != 0.0
        dgram = dense_sums @ dense_sums.T if veto else np.zeros((0, 0))
        # Each cluster's own sum of its articles' squared norms (1 for an article with words; a
        # stored story's pruned sums are taken as 1 per article): what gram's diagonal holds
        # besides the pairs, so that the mean similarity within a cluster can be read from it.
        own = np.where(has_new, np.diag(gram), counts).astype(np.float64)
        cohere = p.cohesion_ratio > 0.0

        def cohesion() -> npt.NDArray[np.float64]:
            """Mean pairwise similarity within each cluster (NaN for a single article)."""
            pairs = counts * (counts - 1.0)
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.where(pairs > 0, (np.diag(gram) - own) / np.where(pairs > 0, pairs, 1.0), np.nan)

        def row(i: int) -> npt.NDArray[np.float64]:
            """Score of cluster ``i`` against every cluster (-inf where a merge is not allowed)."""
            if p.linkage == "weighted":
                r = sim[i].copy()
            elif p.linkage == "centroid":
                size = np.sqrt(np.maximum(np.diag(gram), 1e-12))
                r = gram[i] / (size[i] * size)
            else:
                r = gram[i] / (max(counts[i], 1.0) * np.maximum(counts, 1.0))
            r = r - self._penalties(first[i], last[i], first, last)
            if veto:
                dense = dgram[i] / (max(counts[i], 1.0) * np.maximum(counts, 1.0))
                # Clusters without embeddings (no sentences) carry no evidence either way.
                r[(dense < p.dense_veto) & (np.diag(dgram) > 0) & (dgram[i, i] > 0)] = -np.inf
            big = p.cohesion_min_articles
            if cohere and counts[i] >= big:
                # Two big groups whose link is weak beside how alike each group's own articles
                # are two related events, not one (same-event halves of a DUC event link at 0.88
                # of the looser half's cohesion or more in 95 of 100 cases, related events at 0.44-0.67).
                coh = cohesion()
                need = p.cohesion_ratio * np.fmin(coh, coh[i])
                r[(counts >= big) & (r < need)] = -np.inf
            if p.group_margin and counts[i] > 1:
                r = r - p.group_margin * (counts > 1)
            r[~alive | ~(has_new | has_new[i])] = -np.inf
            if not stories_merge and has_story[i]:
                r[has_story] = -np.inf
            r[i] = -np.inf
            return np.asarray(r, dtype=np.float64)

        score = np.stack([row(i) for i in range(n)]) if n else np.zeros((0, 0))
        while n > 1:
            flat = int(np.argmax(score))
            i, j = divmod(flat, n)
            if score[i, j] < p.join_threshold:
                break
            i, j = min(i, j), max(i, j)
            if p.linkage == "weighted":
                sim[i, :] = sim[:, i] = (sim[i, :] + sim[j, :]) / 2
            gram[i, :] += gram[j, :]
            gram[:, i] += gram[:, j]
            if veto:
                dgram[i, :] += dgram[j, :]
                dgram[:, i] += dgram[:, j]
            counts[i] += counts[j]
            counts[j] = 0
            own[i] += own[j]
            dense_sums[i] += dense_sums[j]
            for t, w in term_sums[j].items():
                term_sums[i][t] = term_sums[i].get(t, 0.0) + w
            members[i] += members[j]
            members[j] = []
            story_ids[i] += story_ids[j]
            story_ids[j] = []
            has_new[i] = has_new[i] or has_new[j]
            has_story[i] = has_story[i] or has_story[j]
            spans[i] = _span([spans[i][0], spans[i][1], spans[j][0], spans[j][1]])
            first[i], last[i] = _ordinal(spans[i][0]), _ordinal(spans[i][1])
            alive[j] = False
            score[j, :] = -np.inf
            score[:, j] = -np.inf
            r = row(i)
            score[i, :] = r
            score[:, i] = r

    def _penalties(self, first_i: float, last_i: float, first: npt.NDArray[np.float64], last: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """Time penalty between one cluster's date range and every cluster's (NaN: undated)."""
        p = self.params
        gap = np.maximum(np.maximum(first - last_i, first_i - last), 0.0)
        pen = np.clip((gap - p.time_grace_days) * p.time_penalty_per_day, 0.0, p.max_time_penalty)
        return np.where(np.isnan(gap), 0.0, pen)

    def _gram(self, dense_sums: npt.NDArray[np.float64], term_sums: list[dict[str, float]]) -> npt.NDArray[np.float64]:
        """Combined similarity of every pair of cluster sums (dense part + keyword part)."""
        m = as_sparse_rows(term_sums, {})
        kw = (m @ m.T).toarray()
        w = self.params.dense_weight
        return np.asarray(w * (dense_sums @ dense_sums.T) + (1.0 - w) * kw, dtype=np.float64)


def _self_similarity(story: StoryState, w: float) -> float:
    """``sum . sum`` of a story under the combined similarity (for centroid linkage)."""
    kw = sum(v * v for v in story.terms_sum.values())
    return float(w * (story.vector_sum @ story.vector_sum) + (1.0 - w) * kw)


def _unit(weights: dict[str, float]) -> dict[str, float]:
    """``weights`` scaled to unit length (empty if all are zero)."""
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm > 0 else {}


def _ordinal(d: dt.date | None) -> float:
    return float(d.toordinal()) if d is not None else math.nan


def _fit(v: npt.NDArray[np.float32], dim: int) -> npt.NDArray[np.float32]:
    """``v`` as a ``dim``-vector (an article without sentences has an empty one)."""
    if len(v) == dim:
        return v
    return np.zeros(dim, dtype=np.float32)

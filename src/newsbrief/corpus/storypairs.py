"""Sentence pairs stored per story: the story-wide similarity products, done when ingest changes a story.

A brief's sentence pool (:mod:`newsbrief.story.pool`) starts with the close pairs among all the
story's sentences (:mod:`newsbrief.story.poolpairs`): for a 300-article story one 10,000 x 10,000
product, the largest single cost of ``brief --db --story``. The pairs change only when the story
does, so after each ingest (and ``newsbrief refresh``) every story it touched gets them computed
from its stored articles, exactly as the brief would -- the off-topic articles and sentences set
aside first (:mod:`newsbrief.story.topic`, under the ingest's settings), articles in id order --
and stored in table ``story_pairs`` (schema 8) under the hash of that input
(:func:`newsbrief.story.poolpairs.pairs_key`); so are the summary's redundancy pairs among its
candidates (kind ``redundancy``, the second product). A brief uses them only when its own pool has the
same hash, so stored pairs never change a brief: a story whose articles, settings or code differ
from those the pairs were computed with computes its pairs on the fly.

When articles join a story, its stored pairs are extended rather than computed again: each stored
blob carries a digest of every input row, and only the rows not stored before (and those that
lost one of their best partners) are multiplied with the story (:mod:`newsbrief.story.pairgrowth`),
which gives the same pairs, bit for bit, as the whole product (tests/test_pairgrowth.py).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from newsbrief.config import Settings
from newsbrief.corpus.catalog import read_story
from newsbrief.corpus.facts import prime_facts
from newsbrief.corpus.store import Store
from newsbrief.models import AnnotatedArticle
from newsbrief.story import topic
from newsbrief.story.pool import stack_vectors
from newsbrief.story.pairgrowth import Growth, grow_pairs, row_digests
from newsbrief.story.poolpairs import PAIR_FLOOR, compute_pairs, decode_stored, encode_pairs, pairs_key
from newsbrief.story.similarity import SimilarPairs
from newsbrief.textmemo import MEMO


@dataclass(frozen=True)
class PairsInput:
    """One product a brief of the story computes: the rows (their names: article id and sentence
    index), their vectors and labels, the threshold and whether it is strict, and the key the
    brief looks its pairs up by (:func:`newsbrief.story.poolpairs.pairs_key`)."""

    key: str
    names: tuple[tuple[str, int], ...]
    vectors: npt.NDArray[np.floating[Any]]
    labels: npt.NDArray[np.int64] | None
    threshold: float
    strict: bool

    def compute(self) -> SimilarPairs:
        """The pairs, from the whole product."""
        return compute_pairs(self.vectors, self.threshold, self.labels, self.strict)

    def digests(self) -> npt.NDArray[np.uint64]:
        """The digest of each row (:func:`newsbrief.story.pairgrowth.row_digests`)."""
        return row_digests(self.names, self.vectors, self.threshold, self.labels is not None, self.strict)

    def grow(self, stored: tuple[SimilarPairs, npt.NDArray[np.uint64] | None] | None) -> Growth:
        """The pairs, extended from those ``stored`` for an earlier input where that gives the
        same pairs (:func:`newsbrief.story.pairgrowth.grow_pairs`), else from the whole product."""
        return grow_pairs(self.vectors, self.threshold, self.labels, self.strict, self.digests(), stored)


def _input(names: Sequence[tuple[str, int]], vectors: npt.NDArray[np.floating[Any]], labels: npt.NDArray[np.int64] | None,
           threshold: float, strict: bool) -> PairsInput:
    return PairsInput(pairs_key(vectors, threshold, labels, strict), tuple(names), vectors, labels, threshold, strict)


def story_inputs(annotated: Sequence[AnnotatedArticle], settings: Settings) -> dict[str, PairsInput]:
    """What ``pipeline.build_brief`` of ``annotated`` computes pairs of, by kind.

    * ``pool``: the sentence vectors of the articles kept by the brief's off-topic filters, in id
      order, labelled by article (:mod:`newsbrief.story.pool`);
    * ``redundancy``: the vectors of the summary's candidates under its default rules, in the
      order the summary finds them, at ``settings.summary_redundancy``
      (:func:`newsbrief.summary.summarize.find_redundant_pairs`).
    """
    on_topic, _ = topic.split_off_topic(annotated, settings)
    on_topic, _ = topic.drop_off_topic_sentences(on_topic, settings)
    ordered = sorted(on_topic, key=lambda a: a.article.id)
    vectors, article = stack_vectors(ordered)
    names = [(a.article.id, s.index) for a in ordered for s in a.sentences]
    out = {"pool": _input(names, vectors, article, PAIR_FLOOR, False)}
    # A long story's summary is chosen phase by phase, from other candidates than the whole
    # story's, so it never reads this kind: not computed (nor its candidates) for such a story.
    summary = None if always_phased(on_topic, settings) else _summary_vectors(on_topic)
    if summary is not None:
        refs, candidates = summary
        out["redundancy"] = _input(refs, candidates, None, settings.summary_redundancy, True)
    return out


def always_phased(on_topic: Sequence[AnnotatedArticle], settings: Settings) -> bool:
    """Whether the summary of ``on_topic`` is chosen phase by phase whatever the words its opening
    takes (``summarize.summarize``: its phases share between ``settings.words // 2`` and
    ``settings.words`` words; the number of phases changes only at multiples of PHASE_WORDS)."""
    from newsbrief.summary.phases import MAX_PHASES, PHASE_WORDS, split_phases

    published = [a.article.published for a in on_topic]
    low, high = settings.words // 2, settings.words
    budgets = {low, high} | {n * PHASE_WORDS for n in range(2, MAX_PHASES + 1) if low <= n * PHASE_WORDS <= high}
    return all(split_phases(published, b) is not None for b in budgets)


def _summary_vectors(on_topic: Sequence[AnnotatedArticle]) -> tuple[list[tuple[str, int]], npt.NDArray[np.float64]] | None:
    """The candidates (article id, sentence index) and vectors the summary's redundancy check
    compares (as summarize.summarize finds its candidates; None when there are none or no
    embeddings)."""
    from newsbrief.summary.candidates import find_candidates
    from newsbrief.summary.summarize import DEFAULT_PARAMS, FALLBACK_RULES, candidate_vectors

    candidates, _ = find_candidates(on_topic, DEFAULT_PARAMS.rules(), DEFAULT_PARAMS.unigrams)
    if not candidates:
        candidates, _ = find_candidates(on_topic, FALLBACK_RULES, DEFAULT_PARAMS.unigrams)
    vectors = candidate_vectors(on_topic, candidates) if candidates else None
    if vectors is None:
        return None
    return [(c.ref.article_id, c.ref.sentence) for c in candidates], vectors


def stored_keys(store: Store, story_id: int) -> dict[str, str]:
    """The input hash of each kind of pairs stored for a story."""
    return {kind: key for kind, key in store.conn.execute("SELECT kind, key FROM story_pairs WHERE story_id = ?", (story_id,))}


@dataclass(frozen=True)
class StoriesFilled:
    """What :func:`fill_story_pairs` stored: how many stories got pairs, how many a listing."""

    pairs: int = 0
    listed: int = 0


def fill_story_pairs(
    store: Store, story_ids: Iterable[int], settings: Settings, progress: Callable[[str], None] | None = None,
    extend: bool = True, listings: bool = True,
) -> StoriesFilled:
    """Compute and store the pairs of each of ``story_ids`` (merged ones resolved to the story
    they went into) whose stored pairs are missing, of another input or unreadable, and drop
    those of a kind the brief no longer computes; how many stories got pairs, and how many a
    listing (a story's listing is made again when stale even if its pairs were not). Pairs stored for an
    earlier state of the story are extended with the new rows' pairs where that gives the whole
    product's pairs (:mod:`newsbrief.story.pairgrowth`; ``extend=False``: always the whole
    product). Then, with ``listings``, each story not listed for its state gets its listing
    (:mod:`newsbrief.corpus.listing`), from the pairs just stored. One transaction per story
    and step; a story without readable articles is skipped."""
    from newsbrief.corpus.catalog import prime_story_pairs
    from newsbrief.corpus.listing import list_story

    live = sorted({s for s in (store.resolve_story(i) for i in story_ids) if s is not None})
    done = listed = 0
    for k, story_id in enumerate(live):
        seqs, annotated, _ = read_story(store, story_id)
        if not annotated:
            continue
        # The summary's candidates from the sentence facts stored at ingest, as a brief takes
        # them (computing every sentence's versions again was most of this function's time).
        prime_facts(annotated, store.load_facts(seqs), seqs)
        try:
            done += _fill_pairs(store, story_id, story_inputs(annotated, settings), extend)
            if listings:
                prime_story_pairs(store, story_id)
                listed += list_story(store, story_id, annotated, settings)
        finally:
            MEMO.clear()  # one story's facts at a time: an ingest goes through many
        if progress is not None and (k + 1) % 50 == 0:
            progress(f"story pairs: {k + 1}/{len(live)} stories")
    return StoriesFilled(done, listed)


def _fill_pairs(store: Store, story_id: int, inputs: dict[str, PairsInput], extend: bool) -> bool:
    """Store the story's pairs of ``inputs`` that are missing or stale; whether any changed."""
    stored = _stored_pairs(store, story_id)
    todo = {kind: inp for kind, inp in inputs.items() if kind not in stored or stored[kind][0] != inp.key or stored[kind][1] is None}
    gone = set(stored) - set(inputs)
    if not todo and not gone:
        return False
    blobs: dict[str, bytes] = {}
    for kind, inp in todo.items():
        earlier = stored.get(kind, ("", None))[1] if extend else None
        blobs[kind] = encode_pairs(inp.grow(earlier).pairs, inp.digests())
    with store.transaction():
        for kind in gone:
            store.conn.execute("DELETE FROM story_pairs WHERE story_id = ? AND kind = ?", (story_id, kind))
        for kind, blob in blobs.items():
            store.conn.execute(
                "INSERT INTO story_pairs (story_id, kind, key, pairs) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (story_id, kind) DO UPDATE SET key = excluded.key, pairs = excluded.pairs",
                (story_id, kind, inputs[kind].key, blob),
            )
    return True


def _stored_pairs(store: Store, story_id: int) -> dict[str, tuple[str, tuple[SimilarPairs, npt.NDArray[np.uint64] | None] | None]]:
    """Each kind of pairs stored for a story: its key, and the pairs with their row digests (None
    when the row cannot be read back: a damaged row is computed again)."""
    out: dict[str, tuple[str, tuple[SimilarPairs, npt.NDArray[np.uint64] | None] | None]] = {}
    for kind, key, blob in store.conn.execute("SELECT kind, key, pairs FROM story_pairs WHERE story_id = ?", (story_id,)):
        try:
            out[kind] = (key, decode_stored(blob))
        except (ValueError, TypeError, zlib.error, struct.error):
            out[kind] = (key, None)
    return out


def filed_story_ids(store: Store) -> list[int]:
    """Every story some stored article is filed in."""
    return [r[0] for r in store.conn.execute("SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL ORDER BY story_id")]

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
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable, Sequence

import numpy as np
import numpy.typing as npt

from newsbrief.config import Settings
from newsbrief.corpus.catalog import read_story
from newsbrief.corpus.facts import prime_facts
from newsbrief.corpus.store import Store
from newsbrief.models import AnnotatedArticle
from newsbrief.story import topic
from newsbrief.story.pool import stack_vectors
from newsbrief.story.poolpairs import PAIR_FLOOR, compute_pairs, decode_pairs, encode_pairs, pairs_key
from newsbrief.story.similarity import SimilarPairs
from newsbrief.textmemo import MEMO

SimilarPairsJob = Callable[[], SimilarPairs]


def story_inputs(annotated: Sequence[AnnotatedArticle], settings: Settings) -> dict[str, tuple[str, SimilarPairsJob]]:
    """What ``pipeline.build_brief`` of ``annotated`` computes pairs of, by kind: the key of each
    input (:func:`newsbrief.story.poolpairs.pairs_key`) and how to compute its pairs.

    * ``pool``: the sentence vectors of the articles kept by the brief's off-topic filters, in id
      order, labelled by article (:mod:`newsbrief.story.pool`);
    * ``redundancy``: the vectors of the summary's candidates under its default rules, in the
      order the summary finds them, at ``settings.summary_redundancy``
      (:func:`newsbrief.summary.summarize.find_redundant_pairs`).
    """
    on_topic, _ = topic.split_off_topic(annotated, settings)
    on_topic, _ = topic.drop_off_topic_sentences(on_topic, settings)
    vectors, article = stack_vectors(sorted(on_topic, key=lambda a: a.article.id))
    out: dict[str, tuple[str, SimilarPairsJob]] = {
        "pool": (pairs_key(vectors, PAIR_FLOOR, article), lambda: compute_pairs(vectors, PAIR_FLOOR, article))
    }
    # A long story's summary is chosen phase by phase, from other candidates than the whole
    # story's, so it never reads this kind: not computed (nor its candidates) for such a story.
    candidates = None if always_phased(on_topic, settings) else _summary_vectors(on_topic)
    if candidates is not None:
        threshold = settings.summary_redundancy
        out["redundancy"] = (pairs_key(candidates, threshold, strict=True), lambda: compute_pairs(candidates, threshold, strict=True))
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


def _summary_vectors(on_topic: Sequence[AnnotatedArticle]) -> npt.NDArray[np.float64] | None:
    """The candidate vectors the summary's redundancy check compares (as summarize.summarize finds
    its candidates; None when there are none or no embeddings)."""
    from newsbrief.summary.candidates import find_candidates
    from newsbrief.summary.summarize import DEFAULT_PARAMS, FALLBACK_RULES, candidate_vectors

    candidates, _ = find_candidates(on_topic, DEFAULT_PARAMS.rules(), DEFAULT_PARAMS.unigrams)
    if not candidates:
        candidates, _ = find_candidates(on_topic, FALLBACK_RULES, DEFAULT_PARAMS.unigrams)
    return candidate_vectors(on_topic, candidates) if candidates else None


def stored_keys(store: Store, story_id: int) -> dict[str, str]:
    """The input hash of each kind of pairs stored for a story."""
    return {kind: key for kind, key in store.conn.execute("SELECT kind, key FROM story_pairs WHERE story_id = ?", (story_id,))}


def fill_story_pairs(
    store: Store, story_ids: Iterable[int], settings: Settings, progress: Callable[[str], None] | None = None
) -> int:
    """Compute and store the pairs of each of ``story_ids`` (merged ones resolved to the story
    they went into) whose stored pairs are missing, of another input or unreadable, and drop
    those of a kind the brief no longer computes; how many stories changed. One transaction per
    story; a story without readable articles is skipped."""
    live = sorted({s for s in (store.resolve_story(i) for i in story_ids) if s is not None})
    done = 0
    for k, story_id in enumerate(live):
        seqs, annotated, _ = read_story(store, story_id)
        if not annotated:
            continue
        # The summary's candidates from the sentence facts stored at ingest, as a brief takes
        # them (computing every sentence's versions again was most of this function's time).
        prime_facts(annotated, store.load_facts(seqs), seqs)
        try:
            inputs = story_inputs(annotated, settings)
        finally:
            MEMO.clear()  # one story's facts at a time: an ingest goes through many
        stored = stored_keys(store, story_id)
        todo = {kind: job for kind, (key, job) in inputs.items() if stored.get(kind) != key or not _readable(store, story_id, kind)}
        gone = set(stored) - set(inputs)
        if not todo and not gone:
            continue
        blobs = {kind: encode_pairs(job()) for kind, job in todo.items()}
        with store.transaction():
            for kind in gone:
                store.conn.execute("DELETE FROM story_pairs WHERE story_id = ? AND kind = ?", (story_id, kind))
            for kind, blob in blobs.items():
                store.conn.execute(
                    "INSERT INTO story_pairs (story_id, kind, key, pairs) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (story_id, kind) DO UPDATE SET key = excluded.key, pairs = excluded.pairs",
                    (story_id, kind, inputs[kind][0], blob),
                )
        done += 1
        if progress is not None and (k + 1) % 50 == 0:
            progress(f"story pairs: {k + 1}/{len(live)} stories")
    return done


def _readable(store: Store, story_id: int, kind: str) -> bool:
    """The stored pairs of a story can be read back (a damaged row is computed again)."""
    row = store.conn.execute("SELECT pairs FROM story_pairs WHERE story_id = ? AND kind = ?", (story_id, kind)).fetchone()
    try:
        decode_pairs(row[0])
    except (ValueError, TypeError, zlib.error, struct.error):
        return False
    return True


def filed_story_ids(store: Store) -> list[int]:
    """Every story some stored article is filed in."""
    return [r[0] for r in store.conn.execute("SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL ORDER BY story_id")]

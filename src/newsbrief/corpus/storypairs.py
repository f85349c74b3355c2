"""Pool pairs stored per story: the story-wide similarity product, done when ingest changes a story.

A brief's sentence pool (:mod:`newsbrief.story.pool`) starts with the close pairs among all the
story's sentences (:mod:`newsbrief.story.poolpairs`): for a 300-article story one 10,000 x 10,000
product, the largest single cost of ``brief --db --story``. The pairs change only when the story
does, so after each ingest (and ``newsbrief refresh``) every story it touched gets them computed
from its stored articles, exactly as the brief would -- the off-topic articles and sentences set
aside first (:mod:`newsbrief.story.topic`, under the ingest's settings), articles in id order --
and stored in table ``story_pairs`` (schema 8) under the hash of that input
(:func:`newsbrief.story.poolpairs.pairs_key`). A brief uses them only when its own pool has the
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
from newsbrief.corpus.store import Store
from newsbrief.models import AnnotatedArticle
from newsbrief.story import topic
from newsbrief.story.pool import stack_vectors
from newsbrief.story.poolpairs import compute_pool_pairs, decode_pairs, encode_pairs, pairs_key


def pool_input(annotated: Sequence[AnnotatedArticle], settings: Settings) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    """The vectors and article labels the pool of a brief of ``annotated`` starts from: what
    ``pipeline.build_brief`` keeps after its off-topic filters, articles in id order."""
    on_topic, _ = topic.split_off_topic(annotated, settings)
    on_topic, _ = topic.drop_off_topic_sentences(on_topic, settings)
    return stack_vectors(sorted(on_topic, key=lambda a: a.article.id))


def stored_key(store: Store, story_id: int) -> str | None:
    """The input hash of the pairs stored for a story (None when it has none)."""
    row = store.conn.execute("SELECT key FROM story_pairs WHERE story_id = ?", (story_id,)).fetchone()
    return None if row is None else str(row[0])


def fill_story_pairs(
    store: Store, story_ids: Iterable[int], settings: Settings, progress: Callable[[str], None] | None = None
) -> int:
    """Compute and store the pool pairs of each of ``story_ids`` (merged ones resolved to the
    story they went into) whose stored pairs are missing or of another input; how many were
    stored. One transaction per story; a story without readable articles is skipped."""
    live = sorted({s for s in (store.resolve_story(i) for i in story_ids) if s is not None})
    done = 0
    for k, story_id in enumerate(live):
        _, annotated, _ = read_story(store, story_id)
        if not annotated:
            continue
        vectors, article = pool_input(annotated, settings)
        key = pairs_key(vectors, article)
        if stored_key(store, story_id) == key and _readable(store, story_id):
            continue
        blob = encode_pairs(compute_pool_pairs(vectors, article))
        with store.transaction():
            store.conn.execute(
                "INSERT INTO story_pairs (story_id, key, pairs) VALUES (?, ?, ?) "
                "ON CONFLICT (story_id) DO UPDATE SET key = excluded.key, pairs = excluded.pairs",
                (story_id, key, blob),
            )
        done += 1
        if progress is not None and (k + 1) % 50 == 0:
            progress(f"story pairs: {k + 1}/{len(live)} stories")
    return done


def _readable(store: Store, story_id: int) -> bool:
    """The stored pairs of a story can be read back (a damaged row is computed again)."""
    row = store.conn.execute("SELECT pairs FROM story_pairs WHERE story_id = ?", (story_id,)).fetchone()
    try:
        decode_pairs(row[0])
    except (ValueError, TypeError, zlib.error, struct.error):
        return False
    return True


def filed_story_ids(store: Store) -> list[int]:
    """Every story some stored article is filed in."""
    return [r[0] for r in store.conn.execute("SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL ORDER BY story_id")]

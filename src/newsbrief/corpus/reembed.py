"""Re-embedding a corpus database with the settings' embedder (``newsbrief refresh --reembed``).

A database holds one embedder's sentence vectors (corpus/embedder_record.py). To brief or extend
it with another embedder, every stored article's sentences are embedded again, in ``seq`` order,
:data:`BATCH` articles per transaction: the annotation's vectors, the ``embeddings`` blob and the
article's dense vector (:func:`newsbrief.corpus.features.article_vector`) change together. What is
done is recorded in ``meta`` key ``reembed`` (the target embedder and the next ``seq``) in the same
transaction, so an interrupted run keeps its work and the next one resumes there; meanwhile every
other command refuses the database, whose articles hold two embedders' vectors. The last
transaction sums each story's article vectors again (its headline follows) and records the new
embedder. Stories are not re-clustered (their keyword vectors decide them); their sentence pairs,
keyed by the vectors, are computed again by the refresh that follows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newsbrief.annotate.embedder_identity import identify_embedder
from newsbrief.config import Settings
from newsbrief.corpus import embedder_record, serialize
from newsbrief.corpus.clustering import StoryParams
from newsbrief.corpus.features import article_vector
from newsbrief.corpus.store import Store

# Articles per transaction: an interrupted run embeds at most this many again.
BATCH = 32


class Encoder(Protocol):
    """What re-embedding needs of an embedder (annotate/embeddings.py, annotate/static_encoder.py)."""

    def encode(self, texts: list[str], batch_size: int = 16) -> npt.NDArray[np.float32]: ...


def reembed_store(
    store: Store, settings: Settings, encoder: Encoder | None = None, progress: Callable[[str], None] | None = None,
) -> int:
    """Embed every stored article's sentences again with the embedder ``settings`` name (loaded
    here unless ``encoder`` is given), resuming an interrupted run with the same target; how many
    articles were embedded. Nothing is done when the database's vectors are already that embedder's."""
    target = identify_embedder(settings)
    conn = store.conn
    pending = embedder_record.reembed_state(conn)
    recorded = embedder_record.stored_embedder(conn)
    if pending is None and recorded is not None and recorded.same_embedder(target):
        return 0
    start = pending[1] if pending is not None and pending[0].same_embedder(target) else 0
    if pending is not None and not pending[0].same_embedder(target) and progress is not None:
        progress(f"the interrupted re-embedding with {pending[0].describe()} starts again with {target.describe()}")
    with store.transaction():
        embedder_record.save_reembed_state(conn, target, start)
    if encoder is None:
        from newsbrief.annotate.resources import Resources

        encoder = Resources(settings).embedder
    seqs = [int(r[0]) for r in conn.execute("SELECT seq FROM articles WHERE seq >= ? ORDER BY seq", (start,))]
    params = StoryParams()
    dims = 0
    for k in range(0, len(seqs), BATCH):
        part = seqs[k : k + BATCH]
        loaded = []
        for seq in part:
            try:
                loaded.append((seq, store.load_annotated(seq)))
            except serialize.StoredFormatError:
                continue  # unreadable: reported where it is briefed; it has no vectors to mix
        texts = [s.text for _, a in loaded for s in a.sentences]
        vectors = encoder.encode(texts) if texts else np.zeros((0, 0), dtype=np.float32)
        dims = int(vectors.shape[1]) if vectors.ndim == 2 and len(vectors) else dims
        rows = []
        at = 0
        for seq, a in loaded:
            n = len(a.sentences)
            emb = np.ascontiguousarray(vectors[at : at + n], dtype=np.float32) if n else np.zeros((0, dims), dtype=np.float32)
            at += n
            again = dataclasses.replace(a, embeddings=emb)
            rows.append((
                serialize.annotated_to_json(again), serialize.embeddings_to_bytes(emb),
                article_vector(again, params).astype("<f4").tobytes(), seq,
            ))
        with store.transaction():
            conn.executemany("UPDATE articles SET annotation = ?, embeddings = ?, vector = ? WHERE seq = ?", rows)
            embedder_record.save_reembed_state(conn, target, part[-1] + 1)
        if progress is not None:
            progress(f"re-embedded {min(k + BATCH, len(seqs))}/{len(seqs)} articles with {target.name}")
    with store.transaction():
        dims = dims or embedder_record.stored_dims(conn) or 0
        _sum_stories(store, dims)
        embedder_record.record_embedder(conn, target.with_dims(dims))
        conn.execute("DELETE FROM meta WHERE key = ?", (embedder_record.REEMBED_KEY,))
    return len(seqs)


def _sum_stories(store: Store, dims: int) -> None:
    """Each live story's vector sum from its articles' (new) vectors, and its headline again."""
    sums: dict[int, npt.NDArray[np.float64]] = {}
    for story_id, blob in store.conn.execute(
        "SELECT a.story_id, a.vector FROM articles a JOIN stories s ON s.id = a.story_id "
        "WHERE s.merged_into IS NULL AND a.vector IS NOT NULL ORDER BY a.seq"
    ):
        v = np.frombuffer(blob, dtype="<f4").astype(np.float64)
        if len(v) != dims:
            continue  # an unreadable article kept its old vector: no part of the new sums
        if story_id in sums:
            sums[story_id] += v
        else:
            sums[story_id] = v.copy()
    for story_id, total in sorted(sums.items()):
        store.conn.execute("UPDATE stories SET vector_sum = ? WHERE id = ?", (np.ascontiguousarray(total, dtype="<f8").tobytes(), story_id))
        store.refresh_story_summary(story_id)

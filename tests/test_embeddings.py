"""The sentence embedder on real sentences: unit vectors, batch independence, meaning."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsbrief.embeddings import Embedder, EmbedderUnavailable
from newsbrief.pipeline import annotate_article
from newsbrief.resources import Resources


def _texts(seeds_annotated: list[Any]) -> list[str]:
    return [s.text for a in seeds_annotated for s in a.sentences]


def test_vectors_are_unit_length_and_sized(resources: Resources, seeds_annotated: list[Any]) -> None:
    texts = _texts(seeds_annotated)
    vecs = resources.embedder.encode(texts)
    assert vecs.shape == (len(texts), resources.embedder.dim)
    assert vecs.dtype == np.float32
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert resources.embedder.encode([]).shape == (0, resources.embedder.dim)


def test_a_vector_does_not_depend_on_its_batch(resources: Resources, seeds_annotated: list[Any]) -> None:
    """The pipeline embeds a whole spaCy batch in one call and corpus mode one article at a time;
    both must give the same bits, or a stored story's brief would differ from the folder brief."""
    texts = _texts(seeds_annotated)[:40]
    emb = resources.embedder
    together = emb.encode(texts)
    alone = np.vstack([emb.encode([t]) for t in texts[:12]])
    reversed_small_batches = emb.encode(texts[::-1], batch_size=3)[::-1]
    assert np.array_equal(together[:12], alone)
    assert np.array_equal(together, reversed_small_batches)


def test_repeated_texts_get_identical_vectors(resources: Resources, seeds_annotated: list[Any]) -> None:
    texts = _texts(seeds_annotated)[:5]
    vecs = resources.embedder.encode(texts + texts[:2])
    assert np.array_equal(vecs[5], vecs[0]) and np.array_equal(vecs[6], vecs[1])


def test_batched_annotation_equals_one_article_at_a_time(resources: Resources, seeds_annotated: list[Any]) -> None:
    for batched in seeds_annotated[:3]:
        single = annotate_article(batched.article, resources)
        assert single.sentences == batched.sentences
        assert np.array_equal(single.embeddings, batched.embeddings)


def test_syndicated_copies_are_nearer_than_other_outlets(seeds_annotated: list[Any]) -> None:
    """000 and 001 retell one agency report (gold): a 000 sentence's best match in 001 is much
    nearer than its best match in any independent outlet's article."""
    by_id = {Path(a.article.id).name[:3]: a for a in seeds_annotated}
    base = by_id["000"].embeddings

    def best_match(other: str) -> float:
        return float(np.median((base @ by_id[other].embeddings.T).max(axis=1)))

    copy = best_match("001")
    assert copy > 0.8
    for other in ("002", "003", "004"):
        assert best_match(other) < copy - 0.15


def test_missing_model_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(EmbedderUnavailable, match="embedder_model"):
        Embedder(tmp_path / "none.onnx", tmp_path / "tokenizer.json")

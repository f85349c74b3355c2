"""The faster forms of summary helpers give exactly what the plain forms gave: the top values of
``similarity.mean_top_outside`` and the concept table of ``importance.describe_concepts``."""

from __future__ import annotations

import math

import numpy as np
import pytest

from newsbrief.models import AnnotatedArticle
from newsbrief.story.similarity import _top_sorted
from newsbrief.summary.candidates import find_candidates
from newsbrief.summary.importance import _LEAD, describe_concepts
from newsbrief.vocabulary import FUNCTION_WORDS


def test_top_sorted_equals_partition_with_ties_and_minus_infinity() -> None:
    rng = np.random.default_rng(7)
    for _ in range(300):
        n, m = int(rng.integers(1, 40)), int(rng.integers(1, 50))
        x = np.round(rng.normal(size=(n, m)), 1)  # rounded: many ties
        x[rng.random((n, m)) < 0.3] = -np.inf  # same-article entries
        for top in range(1, min(m, 10) + 1):
            plain = np.sort(np.partition(x.copy(), m - top, axis=1)[:, -top:], axis=1)
            assert np.array_equal(_top_sorted(x.copy(), top), plain)


def describe_concepts_plainly(concept_sets: list[list[frozenset[str]]], min_df: int) -> tuple[list[str], np.ndarray]:
    """The concept table as first written: one dict update per concept occurrence."""
    first: dict[str, dict[int, int]] = {}
    tf: dict[str, int] = {}
    for d, sets in enumerate(concept_sets):
        for i, cs in enumerate(sets):
            for k in cs:
                tf[k] = tf.get(k, 0) + 1
                first.setdefault(k, {}).setdefault(d, i)
    keys = sorted(k for k, docs in first.items() if len(docs) >= min_df)
    rows = np.zeros((len(keys), 10))
    for r, k in enumerate(keys):
        pos = list(first[k].values())
        df = len(pos)
        unigram = k.startswith("1:")
        words = k[2:].split() if unigram else k.split()
        rows[r] = (
            df, df / max(1, len(concept_sets)), math.log(tf[k]), math.log1p(min(pos)),
            sum(1 for p in pos if p < _LEAD), sum(1.0 / (1 + p) for p in pos), float(unigram),
            sum(w in FUNCTION_WORDS for w in words), df * df / 10.0, float(any(w.isdigit() for w in words)),
        )
    return keys, rows


@pytest.mark.needs_shared
def test_describe_concepts_equals_the_plain_count(seeds_annotated: list[AnnotatedArticle]) -> None:
    _, concept_sets = find_candidates(seeds_annotated)
    # A repeated sentence and an empty one, as copies and captions give.
    concept_sets = [*concept_sets, [concept_sets[0][0], frozenset(), concept_sets[0][0]]]
    for min_df in (1, 2):
        keys, rows = describe_concepts(concept_sets, min_df)
        plain_keys, plain_rows = describe_concepts_plainly(concept_sets, min_df)
        assert keys == plain_keys and len(keys) > 100
        assert np.array_equal(rows, plain_rows)


def test_sentence_scores_leave_out_only_what_the_model_does_not_read(seeds_annotated: list[AnnotatedArticle]) -> None:
    """score_sentences computes only the features its model reads (LinearModel.reads): the scores
    equal those from every feature, for the fitted model (echo coefficient 0) and for one that
    reads the echo (then it is computed: the scores move)."""
    import dataclasses

    from newsbrief.summary.importance import SENTENCE_FEATURES, SENTENCE_MODEL, describe_sentences, score_sentences
    from newsbrief.summary.summarize import DEFAULT_PARAMS

    candidates, _ = find_candidates(seeds_annotated, DEFAULT_PARAMS.rules(), DEFAULT_PARAMS.unigrams)
    full = describe_sentences(seeds_annotated, candidates, (), {})
    echo = SENTENCE_FEATURES.index("echo")
    assert np.count_nonzero(full[:, echo]) > len(candidates) // 2  # the echo is there to leave out
    coef = list(SENTENCE_MODEL.coef)
    coef[echo] = 0.5
    reading = dataclasses.replace(SENTENCE_MODEL, coef=tuple(coef))
    assert "echo" not in SENTENCE_MODEL.reads() and "echo" in reading.reads()
    for model in (SENTENCE_MODEL, reading):
        expected = model.predict(full)
        assert np.array_equal(score_sentences(seeds_annotated, candidates, (), {}, model), expected - expected.min())
    assert not np.array_equal(reading.predict(full), SENTENCE_MODEL.predict(full))

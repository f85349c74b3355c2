"""Word overlap of many sentence pairs at once equals the set-by-set measure it replaces."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import numpy as np

from newsbrief.story.overlap import compute_idf, find_phrase_holders, measure_overlap, normalize_phrase_text, scan_features
from newsbrief.story.wordmatrix import build_word_matrix

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _sentences() -> list[str]:
    """Lines of the seed articles (real news text), split crudely into sentences."""
    out: list[str] = []
    for f in sorted(SEEDS.rglob("*"))[:12]:
        if f.is_file():
            text = f.read_text(encoding="utf-8", errors="replace")
            out.extend(s.strip() for s in text.replace("\n", " ").split(". ") if len(s.split()) > 3)
    return out


@pytest.mark.needs_shared
def test_overlap_of_pairs_equals_the_set_measure() -> None:
    sentences = _sentences()
    assert len(sentences) > 50
    words = [scan_features(s)[0] for s in sentences]
    idf = compute_idf(words)
    matrix = build_word_matrix(words, idf)
    rng = random.Random(7)
    pairs = [(rng.randrange(len(words)), rng.randrange(len(words))) for _ in range(3000)]
    pairs += [(i, i) for i in range(20)]  # a sentence with itself overlaps fully
    rows = np.array([p[0] for p in pairs], dtype=np.int64)
    cols = np.array([p[1] for p in pairs], dtype=np.int64)
    got = matrix.overlap(rows, cols)
    want = np.array([measure_overlap(words[i], words[j], idf) for i, j in pairs])
    assert np.allclose(got, want, rtol=0, atol=1e-12)
    assert (want > 0).sum() > 100 and (want == 0).sum() > 100  # both kinds of pair were measured
    shared = matrix.shared(rows, cols)
    assert np.allclose(shared, [sum(idf[w] for w in words[i] & words[j]) for i, j in pairs], atol=1e-12)


def test_missing_weights_and_empty_sets() -> None:
    sets = [frozenset({"a", "b"}), frozenset(), frozenset({"b", "c"})]
    m = build_word_matrix(sets, {"a": 2.0, "b": 0.5}, default=0.0)
    rows, cols = np.array([0, 0, 1]), np.array([2, 1, 2])
    assert m.shared(rows, cols).tolist() == [0.5, 0.0, 0.0]
    assert m.totals.tolist() == [2.5, 0.0, 0.5]
    assert m.overlap(rows, cols).tolist() == [1.0, 0.0, 0.0]  # "b" is all of the smaller one
    assert m.overlap(np.zeros(0, np.int64), np.zeros(0, np.int64)).size == 0


def test_phrase_holders_equal_a_scan_of_every_text() -> None:
    # The inverted index finds exactly the texts a substring scan of every text finds, in order:
    # phrases of common and rare words, a phrase inside a longer word ("the cat" in "the catalogue"
    # must not match), repeated phrases, a phrase nobody holds.
    rng = random.Random(5)
    words = ["the", "cat", "catalogue", "sat", "on", "a", "mat", "rug", "dog", "ran"]
    raw = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) for _ in range(300)] + ["The cat sat on a mat."]
    texts = [normalize_phrase_text(t) for t in raw]
    phrases = ["the cat sat", "cat sat on", "a mat", "dog ran the", "the cat sat", "rug rug rug", "zebra ran off"]
    held = find_phrase_holders(texts, phrases)
    assert set(held) == set(phrases)
    for p in phrases:
        assert held[p] == [k for k, t in enumerate(texts) if f" {p} " in t]
    assert held["the cat sat"] and held["zebra ran off"] == []

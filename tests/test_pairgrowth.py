"""Story pairs extended when articles join, move or leave (story/pairgrowth.py, story/exactpairs.py):
the same pairs, bit for bit, as the whole product, on generated vectors and on real stories (the
seeds, a DUC cluster, a Timeline17 topic's first pages) stored in batches through the store API."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from newsbrief.config import Settings
from newsbrief.corpus.catalog import read_story
from newsbrief.corpus.facts import prime_facts
from newsbrief.corpus.clustering import StoryState
from newsbrief.corpus.store import Store, fingerprint
from newsbrief.corpus import storypairs
from newsbrief.corpus.storypairs import fill_story_pairs, story_inputs
from newsbrief.models import AnnotatedArticle, Article
from newsbrief.read.readers import read_paths
from newsbrief.story import pairgrowth
from newsbrief.story import exactpairs
from newsbrief.story.exactpairs import exact_cosines, extend_pairs, find_exact_pairs
from newsbrief.story.pairgrowth import grow_pairs, plan_growth, row_digests
from newsbrief.story.poolpairs import compute_pairs, decode_stored
from newsbrief.story.similarity import SimilarPairs, bounded_top_k
from newsbrief.textmemo import MEMO
from test_facts import brief_of, store_story

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _same(a: SimilarPairs, b: SimilarPairs) -> bool:
    """The same pairs with the same bits."""
    return (
        np.array_equal(a.rows, b.rows) and np.array_equal(a.cols, b.cols) and a.values.dtype == b.values.dtype
        and a.values.tobytes() == b.values.tobytes()
    )


def _story(rng: np.random.Generator, articles: int, dim: int = 16) -> tuple[list[tuple[str, int]], npt.NDArray[np.float32]]:
    """Made-up articles of 8-15 sentences about one thing (so that most sentences have more close
    partners than the bound keeps), a few sentences copied word for word (tied cosines)."""
    centre = rng.normal(size=dim)
    names: list[tuple[str, int]] = []
    rows = []
    for a in range(articles):
        for s in range(int(rng.integers(8, 16))):
            rows.append(centre + rng.normal(scale=0.6, size=dim))
            names.append((f"a{a:03d}", s))
    v = np.array(rows)
    for k in rng.choice(len(rows), len(rows) // 20, replace=False):
        v[k] = v[int(rng.integers(len(rows)))]  # copies: ties broken by index
    return names, (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _labels(names: Sequence[tuple[str, int]]) -> npt.NDArray[np.int64]:
    ids = sorted({a for a, _ in names})
    return np.array([ids.index(a) for a, _ in names], dtype=np.int64)


def test_exact_cosines_do_not_depend_on_the_cut_of_the_product() -> None:
    rng = np.random.default_rng(7)
    names, v = _story(rng, 80)
    labels = _labels(names)
    whole = find_exact_pairs(v, 0.5, labels=labels, top_k=20)
    assert len(whole) > 1000
    for block in (64, 192, 4096):
        assert _same(find_exact_pairs(v, 0.5, labels=labels, top_k=20, block_size=block), whole)
    # Each value is the pair's own fixed sum, whichever pairs are computed with it.
    some = rng.choice(len(whole), 300, replace=False)
    assert exact_cosines(v, whole.rows[some], whole.cols[some]).tobytes() == whole.values[some].tobytes()
    assert exact_cosines(v, whole.cols[some], whole.rows[some]).tobytes() == whole.values[some].tobytes()
    # Each kept pair is among the 20 best of one of its sentences, and nothing under the threshold.
    assert whole.values.min() >= np.float32(0.5)
    assert np.all(np.abs(whole.values - np.einsum("ij,ij->i", v[whole.rows], v[whole.cols])) < 1e-5)


def _grown(names: list[tuple[str, int]], v: npt.NDArray[np.float32], stored: tuple[SimilarPairs, npt.NDArray[np.uint64]] | None) -> tuple[pairgrowth.Growth, npt.NDArray[np.uint64]]:
    order = sorted(range(len(names)), key=lambda k: names[k])  # rows in article id order, as the pool has them
    names = [names[k] for k in order]
    v = v[order]
    labels = _labels(names)
    digests = row_digests(names, v, 0.5, True, False)
    growth = grow_pairs(v, 0.5, labels, False, digests, stored)
    assert _same(growth.pairs, compute_pairs(v, 0.5, labels)), "extended pairs differ from the whole product's"
    return growth, digests


def _candidates(m: int, n: int, seed: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """``m`` candidate pairs (i < j) of ``n`` rows with positive float32 values, many of them tied."""
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, n, m), rng.integers(0, n, m)
    a, b = a[a != b], b[a != b]
    values = (rng.integers(1, 40, a.size) / 40).astype(np.float32)
    return np.minimum(a, b), np.maximum(a, b), values


def test_the_k_th_best_of_packed_keys_is_the_sorted_one() -> None:
    for m, n, k in ((5_000, 300, 4), (20_000, 2_000, 32), (300, 50, 1), (40, 400, 3)):
        rows, cols, values = _candidates(m, n, m + n)
        packed = exactpairs._kth_best_packed(rows, cols, values, k, n)
        assert packed is not None and packed.tobytes() == exactpairs._kth_best(rows, cols, values, k, n).tobytes()
    # Values it cannot pack (not float32, or not all positive) go the sorted way.
    assert exactpairs._kth_best_packed(rows, cols, values.astype(np.float64), 3, 400) is None
    assert exactpairs._kth_best_packed(rows, cols, values - np.float32(0.5), 3, 400) is None


def test_pruning_candidates_takes_memory_of_a_few_copies_of_them() -> None:
    """A huge story holds millions of candidates between prunes; deciding which stay took ten
    64-bit arrays of twice their number (+500 MB on a 2,000-page brief), now about three."""
    import tracemalloc

    rows, cols, values = _candidates(400_000, 20_000, 7)
    tracemalloc.start()
    try:
        near = exactpairs._near_top_k(rows, cols, values, 32, 20_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert near.dtype == np.bool_ and 0 < near.sum() < near.size
    assert peak < 40 * rows.size  # bytes per candidate: rows, columns and values take 20


def test_pairs_extended_as_articles_join_and_leave_are_the_whole_products() -> None:
    rng = np.random.default_rng(11)
    names, v = _story(rng, 140)  # about 1,600 sentences: the bound (bounded_top_k) keeps 600-odd partners
    article = np.array([a for a, _ in names])
    ids = sorted(set(article.tolist()))
    assert bounded_top_k(len(names)) is not None

    def rows_of(members: Sequence[str]) -> list[int]:
        return [k for k in range(len(names)) if article[k] in set(members)]

    def state(members: Sequence[str]) -> tuple[list[tuple[str, int]], npt.NDArray[np.float32]]:
        keep = rows_of(members)
        return [names[k] for k in keep], v[keep]

    members = [i for i in ids if i not in ("a005", "a050", "a077")][:-12]
    first, digests = _grown(*state(members), None)
    assert not first.extended
    stored = (first.pairs, digests)
    # (what, members, extended: True, False, or None when either is right)
    steps: list[tuple[str, list[str], bool | None]] = [
        ("one article joins (in the middle of the id order)", [*members, "a050"], True),
        ("ten join", [*members, "a050", *ids[-12:-2]], True),
        # Here every sentence is close to most others: one leaving is among the best partners of
        # many, which look again; extended or whole, the pairs must be the same.
        ("two join, one leaves", [m for m in [*members, "a050", *ids[-12:], "a005"] if m != "a101"], None),
        ("one more joins", [m for m in [*members, "a050", *ids[-12:], "a005", "a077"] if m != "a101"], True),
        ("half leave: the bound grows, computed whole", [*members, "a050", *ids[-12:], "a005"][: len(members) // 2], False),
    ]
    for what, now, extended in steps:
        growth, digests = _grown(*state(sorted(set(now))), stored)
        assert extended is None or growth.extended == extended, what
        if extended:
            assert growth.fresh_rows < len(rows_of(now)) // 10, what
        stored = (growth.pairs, digests)


def test_an_article_leaving_makes_the_sentences_it_was_best_for_look_again() -> None:
    rng = np.random.default_rng(5)
    names, v = _story(rng, 60)
    labels = _labels(names)
    top = 10
    before = find_exact_pairs(v, 0.5, labels=labels, top_k=top)
    # One article leaves: its sentences were among the 10 best partners of some others, whose
    # next best must now come back.
    alive = np.array([a != "a030" for a, _ in names])
    keep = np.flatnonzero(alive)
    where = np.full(len(names), -1)
    where[keep] = np.arange(keep.size)
    lost = pairgrowth.lost_best(before, alive, top)
    assert 0 < lost.size < keep.size // 3
    both = alive[before.rows] & alive[before.cols]
    kept = SimilarPairs(where[before.rows[both]], where[before.cols[both]], before.values[both])
    after = extend_pairs(v[keep], 0.5, kept, where[lost], labels=labels[keep], top_k=top)
    assert _same(after, find_exact_pairs(v[keep], 0.5, labels=labels[keep], top_k=top))
    # Without looking again at those sentences the pairs would not be the whole product's.
    assert not _same(extend_pairs(v[keep], 0.5, kept, np.zeros(0, np.int64), labels=labels[keep], top_k=top), after)


def test_pairs_are_not_extended_from_rows_stored_otherwise() -> None:
    rng = np.random.default_rng(2)
    names, v = _story(rng, 30)
    labels = _labels(names)
    digests = row_digests(names, v, 0.5, True, False)
    pairs = compute_pairs(v, 0.5, labels)
    assert plan_growth(pairs, digests, digests) is not None
    # Another threshold, other bits of one vector, rows in another order: those rows do not match.
    assert plan_growth(pairs, digests, row_digests(names, v, 0.55, True, False)) is None
    w = v.copy()
    w[:, 0] = np.nextafter(w[:, 0], np.float32(2))
    assert plan_growth(pairs, digests, row_digests(names, w, 0.5, True, False)) is None
    assert plan_growth(pairs, digests, digests[::-1].copy()) is None
    # Stored pairs naming rows the digests do not have are damaged: computed whole.
    bad = SimilarPairs(pairs.rows, pairs.cols + len(names), pairs.values)
    assert plan_growth(bad, digests, digests) is None


# --- real stories, stored through the store API in batches -----------------------------------------

def _read(paths: Sequence[Path], settings: Settings) -> list[Article]:
    found, _ = read_paths([str(p) for p in paths], settings, on_skip=None)
    return found


@pytest.fixture(scope="module")
def real_stories(
    seeds_annotated: list[AnnotatedArticle], settings: Settings, annotate_story: Callable[[Sequence[Article]], list[AnnotatedArticle]]
) -> dict[str, list[AnnotatedArticle]]:
    """The seeds, DUC 2004 cluster d30001, and the first 45 readable pages of Timeline17's
    LibyaWar_cnn (long pages: over 1,000 sentences, so the bound on partners applies)."""
    duc = sorted((SHARED / "bench" / "duc2004" / "docs" / "d30001").glob("*"))
    libya = sorted(p for p in (SHARED / "bench" / "timeline17" / "LibyaWar_cnn" / "InputDocs").rglob("*") if p.is_file())
    return {
        "seeds": list(seeds_annotated),
        "duc_d30001": annotate_story(_read(duc, settings)),
        "t17_LibyaWar_cnn_45": annotate_story(_read(libya, settings)[:45]),
    }


def _stored_equal_whole(db: Path, story_id: int, settings: Settings) -> dict[str, bytes]:
    """Each kind of pairs stored for the story, after checking it is the whole product's pairs
    (and row digests) of the story as it is now."""
    with Store(db) as store:
        seqs, annotated, _ = read_story(store, story_id)
        prime_facts(annotated, store.load_facts(seqs), seqs)
        inputs = story_inputs(annotated, settings)
        MEMO.clear()
        blobs = dict(store.conn.execute("SELECT kind, pairs FROM story_pairs WHERE story_id = ?", (story_id,)).fetchall())
    assert set(blobs) == set(inputs)
    for kind, inp in inputs.items():
        pairs, digests = decode_stored(blobs[kind])
        assert _same(pairs, inp.compute()), kind
        assert digests is not None and np.array_equal(digests, inp.digests())
    return blobs


def _add(db: Path, annotated: Sequence[AnnotatedArticle], story_id: int) -> list[int]:
    with Store(db) as store, store.transaction():
        seqs = [store.add_article(a, fingerprint(a.article), "test", story_id=story_id) for a in annotated]
        store.refresh_story_summary(story_id)
    return seqs


@pytest.mark.needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("name", ["seeds", "duc_d30001", "t17_LibyaWar_cnn_45"])
def test_a_story_stored_in_batches_has_the_pairs_and_brief_of_one_stored_at_once(
    name: str, real_stories: dict[str, list[AnnotatedArticle]], settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = real_stories[name]
    if name.startswith("t17"):
        sentences = sum(len(a.sentences) for a in articles)
        assert bounded_top_k(sentences) is not None, sentences  # the bound applies
    growths: list[tuple[bool, int, int]] = []  # (extended, rows multiplied again, rows) of each kind brought up to date

    def spied(vectors: npt.NDArray[np.floating], *args: object) -> pairgrowth.Growth:
        growth = grow_pairs(vectors, *args)  # type: ignore[arg-type]
        growths.append((growth.extended, growth.fresh_rows, vectors.shape[0]))
        return growth

    monkeypatch.setattr(storypairs, "grow_pairs", spied)
    # In batches: most of the story, then one article (taken from the middle), then the rest.
    middle = len(articles) // 2
    first = [a for k, a in enumerate(articles) if k != middle][: max(3, len(articles) - 4)]
    rest = [a for a in articles if a not in first and a is not articles[middle]]
    # At once, in the same order (the summary's candidates come in ingest order).
    at_once = tmp_path / "at_once.db"
    store_story(at_once, [*first, articles[middle], *rest])
    with Store(at_once) as store:
        fill_story_pairs(store, [1], settings)
    expected = _stored_equal_whole(at_once, 1, settings)

    batched = tmp_path / "batched.db"
    store_story(batched, first)
    with Store(batched) as store:
        fill_story_pairs(store, [1], settings)
    held = list(first)
    extended = 0
    for batch in ([articles[middle]], rest, []):
        _add(batched, batch, 1)
        held += batch
        growths.clear()
        with Store(batched) as store:
            fill_story_pairs(store, [1], settings)
        stored = _stored_equal_whole(batched, 1, settings)
        joined, total = (sum(len(a.sentences) for a in group) for group in (batch, held))
        if batch and joined * 4 < total:  # few rows new: extended, not computed whole
            assert growths and all(g[0] for g in growths), f"pairs computed whole, not extended, when articles joined: {growths}"
            extended += 1
    assert extended >= 1
    assert stored == expected  # the very bytes of the story stored at once
    assert brief_of(batched, settings) == brief_of(at_once, settings)

    # Two articles move to another story (re-clustering), then that story merges back.
    with Store(batched) as store, store.transaction():
        seqs = [a.seq for a in store.articles(1)]
        store.save_story(StoryState(2, 2, np.zeros(4), {}, None, None))
        store.set_story(seqs[1:3], 2)
        store.refresh_story_summary(1)
        store.refresh_story_summary(2)
    with Store(batched) as store:
        fill_story_pairs(store, [1, 2], settings)
    _stored_equal_whole(batched, 1, settings)
    _stored_equal_whole(batched, 2, settings)
    with Store(batched) as store, store.transaction():
        store.merge_story(2, 1)
        store.refresh_story_summary(1)
    with Store(batched) as store:
        fill_story_pairs(store, [1, 2], settings)
    assert _stored_equal_whole(batched, 1, settings) == expected
    brief = brief_of(batched, settings)
    assert brief == brief_of(at_once, settings)
    # And the brief with no stored pairs (computed on the fly) is the same.
    conn = sqlite3.connect(batched)
    conn.execute("DELETE FROM story_pairs")
    conn.commit()
    conn.close()
    assert brief_of(batched, settings) == brief

"""Pool pairs stored per story (corpus/storypairs.py, story/poolpairs.py): what the product gives,
used by ``brief --db --story`` only for the very input they were computed from, and the brief the
same whichever way its pairs came (stored, stale, damaged, or a database from before schema 8)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from newsbrief import pipeline
from newsbrief.config import Settings
from newsbrief.corpus.catalog import read_story
from newsbrief.corpus.storypairs import always_phased, filed_story_ids, fill_story_pairs, story_inputs, stored_keys
from newsbrief.corpus.store import SCHEMA_VERSION, Store
from newsbrief.models import AnnotatedArticle
from newsbrief.render import render
from newsbrief.story import poolpairs
from newsbrief.story.poolpairs import KNOWN_PAIRS, decode_pairs, encode_pairs, pairs_key, prime_pairs
from newsbrief.story.similarity import SimilarPairs
from newsbrief.summary import candidates as candidates_mod
from newsbrief.summary import summarize as summarize_mod
from newsbrief.textmemo import MEMO
from test_facts import brief_of, store_story


def test_pairs_round_trip_and_damaged_blobs_are_refused() -> None:
    rng = np.random.default_rng(3)
    n = 500
    rows = np.sort(rng.integers(0, 1000, n)).astype(np.int64)
    cols = rows + rng.integers(1, 50, n)
    for values, big in ((rng.random(n).astype(np.float32), 0), (rng.random(n), 2**40)):
        pairs = SimilarPairs(rows + big, cols + big, values)
        back = decode_pairs(encode_pairs(pairs))
        assert back.values.dtype == values.dtype
        for a, b in ((back.rows, pairs.rows), (back.cols, pairs.cols), (back.values, pairs.values)):
            assert np.array_equal(a, b)
    empty = decode_pairs(encode_pairs(SimilarPairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))))
    assert len(empty) == 0
    blob = encode_pairs(SimilarPairs(rows, cols, rng.random(n).astype(np.float32)))
    bad = [b"junk", blob[:-9], blob[:8] + b"\xff" * 8 + blob[16:], blob.replace(b"<f4", b"<x9", 1)]
    assert prime_pairs([(f"bad{k}", b) for k, b in enumerate(bad)] + [("good", blob)]) == 1
    assert list(KNOWN_PAIRS) == ["good"]
    assert prime_pairs([]) == 0 and KNOWN_PAIRS == {}


def test_key_follows_every_input_bit() -> None:
    rng = np.random.default_rng(5)
    v = rng.normal(size=(20, 8)).astype(np.float32)
    labels = np.repeat(np.arange(4), 5).astype(np.int64)
    key = pairs_key(v, 0.5, labels)
    assert pairs_key(v.copy(), 0.5, labels.copy()) == key
    w = v.copy()
    w[3, 2] = np.nextafter(w[3, 2], np.float32(np.inf))  # one last bit
    other = labels.copy()
    other[4] = 1
    variants = {
        key, pairs_key(w, 0.5, labels), pairs_key(v, 0.5, other), pairs_key(v[:-1], 0.5, labels[:-1]),
        pairs_key(v, 0.5), pairs_key(v, 0.5, labels, strict=True), pairs_key(v, 0.45, labels), pairs_key(v.astype(np.float64), 0.5, labels),
    }
    assert len(variants) == 8


@pytest.mark.needs_shared
@pytest.mark.slow
def test_story_briefs_the_same_with_stored_stale_damaged_or_no_pairs(
    tmp_path: Path, settings: Settings, seeds_annotated: list[AnnotatedArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "seeds.db"
    store_story(db, seeds_annotated)
    with Store(db) as store:
        assert stored_keys(store, 1) == {}
        without = brief_of(db, settings)  # nothing stored: computed
        assert fill_story_pairs(store, filed_story_ids(store), settings).pairs == 1
        assert fill_story_pairs(store, [1], settings).pairs == 0  # same input: kept
        _, annotated, _ = read_story(store, 1)
        inputs = story_inputs(annotated, settings)
        assert set(inputs) == {"pool", "redundancy"}
        assert stored_keys(store, 1) == {kind: inp.key for kind, inp in inputs.items()}
    assert len(inputs["pool"].compute()) > 20  # the seeds retell one story: many close pairs
    assert len(inputs["redundancy"].compute()) > 0

    def refuse(*_: object) -> SimilarPairs:
        raise AssertionError("the stored pairs were not used")

    with monkeypatch.context() as m:
        m.setattr(poolpairs, "compute_pairs", refuse)
        stored = brief_of(db, settings)
    assert stored == without
    KNOWN_PAIRS.clear()
    from_files = pipeline.build_brief(seeds_annotated, settings)
    assert stored == (render(from_files, "json"), render(from_files, "markdown"))
    # Stored for another input, or damaged: computed on the fly, the same brief.
    for column, value in (("key", "another-input"), ("pairs", b"damaged")):
        conn = sqlite3.connect(db)
        conn.execute(f"UPDATE story_pairs SET {column} = ?", (value,))
        conn.commit()
        conn.close()
        assert brief_of(db, settings) == stored
        with Store(db) as store:
            assert fill_story_pairs(store, [1], settings).pairs == 1  # stored again
            assert stored_keys(store, 1) == {kind: inp.key for kind, inp in inputs.items()}
    # A database of schema 7 (before story pairs): upgraded by the next writer, briefs the same.
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE story_pairs")
    for column in ("no_outlet", "listed_state"):  # schema 9's
        conn.execute(f"ALTER TABLE stories DROP COLUMN {column}")
    conn.execute("PRAGMA user_version=7")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert stored_keys(store, 1) == {}
    assert brief_of(db, settings) == stored


@pytest.mark.slow
def test_ingest_stores_the_pairs_of_the_stories_it_touched(desk_db: Path, settings: Settings) -> None:
    with Store(desk_db, create=False) as store:
        stories = filed_story_ids(store)
        assert len(stories) >= 2
        for story_id in stories:
            _, annotated, _ = read_story(store, story_id)
            assert stored_keys(store, story_id) == {kind: inp.key for kind, inp in story_inputs(annotated, settings).items()}


@pytest.mark.slow
def test_refresh_command_fills_what_an_older_database_lacks(desk_db_copy: Path, settings: Settings, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsbrief.cli import cli

    conn = sqlite3.connect(desk_db_copy)
    articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.execute("DELETE FROM story_pairs")
    conn.execute("DELETE FROM sentence_facts")
    conn.commit()
    conn.close()
    runner = CliRunner()
    first = runner.invoke(cli, ["refresh", "--db", str(desk_db_copy)])
    assert first.exit_code == 0, first.output
    with Store(desk_db_copy, create=False) as store:
        stories = filed_story_ids(store)
        assert f"sentence facts stored for {articles} articles, sentence pairs stored for {len(stories)} {'story' if len(stories) == 1 else 'stories'} (" in first.output
        for story_id in stories:
            _, annotated, _ = read_story(store, story_id)
            assert stored_keys(store, story_id) == {kind: inp.key for kind, inp in story_inputs(annotated, settings).items()}
    again = runner.invoke(cli, ["refresh", "--db", str(desk_db_copy)])
    assert ": nothing was missing or stale (" in again.output
    missing = runner.invoke(cli, ["refresh", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no database at" in missing.output and not (tmp_path / "none.db").exists()


@pytest.mark.needs_shared
@pytest.mark.slow
def test_pairs_are_filled_from_the_stored_sentence_facts(
    tmp_path: Path, settings: Settings, seeds_annotated: list[AnnotatedArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "seeds.db"
    store_story(db, seeds_annotated)
    MEMO.clear()
    expected = {kind: inp.key for kind, inp in story_inputs(seeds_annotated, settings).items()}
    assert set(expected) == {"pool", "redundancy"}

    def refuse(*_: object) -> object:
        raise AssertionError("a sentence's versions were computed, not read from the stored facts")

    with Store(db) as store:
        store.fill_facts()  # add_article stores them already, as ingest does
        seqs, _, _ = read_story(store, 1)
        assert len(store.load_facts(seqs)) == len(seeds_annotated)
        MEMO.clear()
        with monkeypatch.context() as m:
            m.setattr(candidates_mod, "judge_versions", refuse)
            assert fill_story_pairs(store, [1], settings).pairs == 1
        assert stored_keys(store, 1) == expected  # the very input the computed facts give
    assert not MEMO._kinds  # one story's facts at a time: none kept after filling


def _over_weeks(annotated: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    """The articles twice (the copies retitled, so stored apart), dated over nine weeks."""
    copies = [replace(a, article=replace(a.article, id=f"later-{a.article.id}", title=f"Later: {a.article.title}")) for a in annotated]
    start = dt.date(2024, 3, 1)
    return [
        replace(a, article=replace(a.article, published=start + dt.timedelta(days=7 * k)))
        for k, a in enumerate([*annotated, *copies])
    ]


@pytest.mark.needs_shared
@pytest.mark.slow
def test_a_long_story_stores_no_redundancy_pairs_its_brief_would_not_read(
    tmp_path: Path, settings: Settings, seeds_annotated: list[AnnotatedArticle], monkeypatch: pytest.MonkeyPatch
) -> None:
    long_story = _over_weeks(seeds_annotated)
    assert always_phased(long_story, settings) and not always_phased(seeds_annotated, settings)
    db = tmp_path / "long.db"
    store_story(db, long_story)
    with Store(db) as store:
        _, annotated, _ = read_story(store, 1)
        inputs = story_inputs(annotated, settings)
        assert set(inputs) == {"pool"}
        # What the whole story's redundancy key would be (as stored before): no brief asks for it.
        whole = summarize_mod.candidate_vectors(annotated, candidates_mod.find_candidates(annotated)[0])
        assert whole is not None
        unread = pairs_key(whole, settings.summary_redundancy, strict=True)
        # A row stored by an earlier version is dropped.
        with store.transaction():
            store.conn.execute("INSERT INTO story_pairs (story_id, kind, key, pairs) VALUES (1, 'redundancy', ?, ?)", (unread, b"old"))
        assert fill_story_pairs(store, [1], settings).pairs == 1
        assert set(stored_keys(store, 1)) == {"pool"}
    asked: list[str] = []
    real = poolpairs.find_pairs

    def spy(vectors: np.ndarray, threshold: float, labels: np.ndarray | None = None, strict: bool = False) -> SimilarPairs:
        asked.append(pairs_key(vectors, threshold, labels, strict))
        return real(vectors, threshold, labels, strict)

    with monkeypatch.context() as m:
        m.setattr(summarize_mod, "find_pairs", spy)
        stored = brief_of(db, settings)
    assert asked and unread not in asked  # the summary's phases compare their own candidates
    KNOWN_PAIRS.clear()
    from_files = pipeline.build_brief(long_story, settings)
    assert stored == (render(from_files, "json"), render(from_files, "markdown"))

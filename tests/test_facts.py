"""Sentence facts stored at ingest (corpus/facts.py): the same values the functions compute, read
back by ``brief --db --story``, ignored when missing or computed by other code, and the brief the
same whichever way its facts came."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from newsbrief import pipeline
from newsbrief.config import Settings
from newsbrief.corpus import facts
from newsbrief.corpus.catalog import load_story_annotated
from newsbrief.corpus.clustering import StoryState
from newsbrief.corpus.store import SCHEMA_VERSION, Store, fingerprint
from newsbrief.models import AnnotatedArticle
from newsbrief.render import render
from newsbrief.annotate.dates import strip_dateline
from newsbrief.story.overlap import SHINGLE_SIZE, find_shingles, normalize_phrase_text, scan_features, word_shingles
from newsbrief.story.timeline_select import entry_kind, judge_dated_entry, judge_entry
from newsbrief.story.quantities import find_quantities, scan_quantities
from newsbrief.summary.bigrams import find_concepts
from newsbrief.summary.candidates import judge_versions, sentence_versions, versions_kind
from newsbrief.textmemo import MEMO, TextMemo, code_fingerprint

pytestmark = pytest.mark.needs_shared


def store_story(db: Path, annotated: list[AnnotatedArticle]) -> None:
    """All of ``annotated`` as story 1 of a new database, through the store API (as ingest does)."""
    with Store(db) as store, store.transaction():
        store.save_story(StoryState(1, len(annotated), np.zeros(4), {}, None, None))
        for a in annotated:
            store.add_article(a, fingerprint(a.article), "test", story_id=1)
        store.refresh_story_summary(1)


def brief_of(db: Path, settings: Settings) -> tuple[str, str]:
    """JSON and Markdown of story 1, from a memo holding only what the database gave it."""
    MEMO.clear()
    annotated, skipped = load_story_annotated(db, 1)
    brief = pipeline.build_brief(annotated, settings, skipped)
    return render(brief, "json"), render(brief, "markdown")


def test_stored_facts_are_what_the_functions_compute(seeds_annotated: list[AnnotatedArticle]) -> None:
    rules, unigrams = facts.summary_rules()
    blobs = {k: ("", facts.encode_facts(a, rules, unigrams)) for k, a in enumerate(seeds_annotated)}
    MEMO.clear()
    stored = {k: (facts.facts_version(), blob) for k, (_, blob) in blobs.items()}
    assert facts.prime_facts(seeds_annotated, stored, list(range(len(seeds_annotated)))) == len(seeds_annotated)

    def missing(text: str) -> object:
        raise AssertionError(f"not primed: {text!r}")

    texts = [s.text for a in seeds_annotated for s in a.sentences]
    verdicts: set[str | None] = set()
    with_numbers = 0
    for text in texts:
        assert MEMO.get(versions_kind(rules, unigrams), text, missing) == judge_versions(text, rules, unigrams)
        assert MEMO.get(f"concepts/{int(unigrams)}", text, missing) == find_concepts(text, unigrams)
        assert MEMO.get("quantities/keyed", text, missing) == scan_quantities(text, False)
        assert MEMO.get("quantities/all", text, missing) == scan_quantities(text, True)
        assert MEMO.get("overlap/features", text, missing) == scan_features.__wrapped__(text)
        with_numbers += bool(scan_quantities(text, True))
    assert with_numbers > 5  # the seeds' casualty figures went through the round trip
    # The timeline's verdicts, for the sentences that name a date (the others are never asked).
    judged = 0
    for a in seeds_annotated:
        dated = {d.sentence for d in a.dates}
        kind = entry_kind(a.article.published)
        shingles = MEMO.get(f"overlap/shingles/{SHINGLE_SIZE}", a.article.body, missing)
        assert shingles == find_shingles(a.article.body) == word_shingles(a.article.body) and len(shingles) > 20
        for s in a.sentences:
            assert MEMO.get("overlap/phrase_text", s.text, missing) == normalize_phrase_text.__wrapped__(s.text)
            if s.index in dated:
                verdict = judge_entry(strip_dateline(s.text, a.article.published))
                assert MEMO.get(kind, s.text, missing) == verdict == judge_dated_entry(s.text, a.article.published)
                judged += 1
                verdicts.add(verdict)
    assert judged > 10 and len(verdicts) > 1  # both kinds of verdict went through the round trip
    # Other code (another version) or a damaged row: nothing primed, computed on the fly instead.
    MEMO.clear()
    stale = {k: ("other-code", blob) for k, (_, blob) in blobs.items()}
    damaged = {0: (facts.facts_version(), b"not zlib")}
    assert facts.prime_facts(seeds_annotated, stale, list(range(len(seeds_annotated)))) == 0
    assert facts.prime_facts(seeds_annotated, damaged, list(range(len(seeds_annotated)))) == 0
    assert find_quantities(texts[0]) == scan_quantities(texts[0], False)
    assert sentence_versions(texts[0], rules, unigrams) == judge_versions(texts[0], rules, unigrams)


def test_a_sentence_and_its_first_version_hold_one_concept_set_through_pickling() -> None:
    """A big brief of files holds tens of thousands of fact rows, pickled from the map stage's
    workers: the first version's concepts are the sentence's own set (one object, equal to what
    the functions compute alone), so they are held and sent once."""
    import pickle

    from newsbrief.summary.candidates import sentence_concepts

    rules, unigrams = facts.summary_rules()
    texts = [
        "The harbour authority said on Tuesday that 40 ferries would resume sailing to the islands next week.",
        "Engineers, who worked through the night, restored power to about 12,000 homes in the valley.",
    ]
    MEMO.clear()
    for text in texts:
        row = pickle.loads(pickle.dumps(facts._fact_row(text, rules, unigrams, None, False), pickle.HIGHEST_PROTOCOL))
        assert row[0] == find_concepts(text, unigrams) and row[1] == judge_versions(text, rules, unigrams)
        assert row[1][0].concepts is row[0]
        # The memo's way (a brief computing its facts in the reduce stage) shares them as well.
        assert sentence_versions(text, rules, unigrams)[0].concepts is sentence_concepts(text, unigrams)
    MEMO.clear()


def test_facts_computed_in_the_map_stage_are_what_the_functions_compute_and_brief_the_same(
    settings: Settings, seeds_annotated: list[AnnotatedArticle]
) -> None:
    # The map stage's processes compute the facts (a brief of files); they reach the memo here.
    rules, unigrams = facts.summary_rules()
    MEMO.clear()
    cold = pipeline.build_brief(seeds_annotated, settings)
    MEMO.clear()
    facts.prime_computed(seeds_annotated, facts.compute_facts(seeds_annotated, rules, unigrams), rules, unigrams)

    def missing(text: str) -> object:
        raise AssertionError(f"not primed: {text!r}")

    judged = 0
    for a in seeds_annotated:
        dated = {d.sentence for d in a.dates}
        for s in a.sentences:
            assert MEMO.get(versions_kind(rules, unigrams), s.text, missing) == judge_versions(s.text, rules, unigrams)
            assert MEMO.get("quantities/all", s.text, missing) == scan_quantities(s.text, True)
            assert MEMO.get("overlap/features", s.text, missing) == scan_features.__wrapped__(s.text)
            assert MEMO.get("overlap/phrase_text", s.text, missing) == normalize_phrase_text.__wrapped__(s.text)
            if s.index in dated:
                assert MEMO.get(entry_kind(a.article.published), s.text, missing) == judge_dated_entry(s.text, a.article.published)
                judged += 1
    assert judged > 10
    # The same brief from the primed memo.
    primed = pipeline.build_brief(seeds_annotated, settings)
    assert (render(primed, "json"), render(primed, "markdown")) == (render(cold, "json"), render(cold, "markdown"))
    MEMO.clear()


@pytest.mark.slow
def test_story_briefs_the_same_with_stored_stale_or_no_facts(
    tmp_path: Path, settings: Settings, seeds_annotated: list[AnnotatedArticle]
) -> None:
    db = tmp_path / "seeds.db"
    store_story(db, seeds_annotated)
    with Store(db) as store:
        seqs = [a.seq for a in store.articles(1)]
        assert len(store.load_facts(seqs)) == len(seeds_annotated)
    with_facts = brief_of(db, settings)
    MEMO.clear()
    from_files = pipeline.build_brief(seeds_annotated, settings)
    assert with_facts == (render(from_files, "json"), render(from_files, "markdown"))
    # Stored by other code: ignored; `fill_facts` stores this code's again.
    conn = sqlite3.connect(db)
    conn.execute("UPDATE sentence_facts SET version = 'other-code'")
    conn.commit()
    conn.close()
    assert brief_of(db, settings) == with_facts
    with Store(db) as store:
        assert store.fill_facts() == len(seeds_annotated)
        assert store.fill_facts() == 0
        assert {v for v, _ in store.load_facts(seqs).values()} == {facts.facts_version()}
    # A database of schema 6 (before sentence facts): upgraded by the next writer, its articles
    # without facts brief the same.
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE sentence_facts")
    conn.execute("DROP TABLE story_pairs")  # schema 8's, which a schema-6 file does not have either
    for column in ("no_outlet", "listed_state"):  # nor schema 9's
        conn.execute(f"ALTER TABLE stories DROP COLUMN {column}")
    conn.execute("PRAGMA user_version=6")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.load_facts(seqs) == {}
    assert brief_of(db, settings) == with_facts


def test_code_fingerprint_follows_imports_and_the_memo_stays_bounded() -> None:
    # candidates imports bigrams (module level): the fingerprint of candidates covers it, so it
    # differs from that of bigrams alone, and the same call gives the same hash.
    assert code_fingerprint("newsbrief.summary.candidates") != code_fingerprint("newsbrief.summary.bigrams")
    assert code_fingerprint("newsbrief.summary.candidates") == code_fingerprint("newsbrief.summary.candidates")
    memo = TextMemo(limit=10)
    calls: list[str] = []
    for k in range(25):
        assert memo.get("k", str(k), lambda t: calls.append(t) or t.upper()) == str(k)
    assert memo.get("k", "24", lambda t: "recomputed") == "24"  # the newest stay
    assert memo.get("k", "0", lambda t: "recomputed") == "recomputed"  # the oldest went
    assert len(calls) == 25

"""The corpus store and the annotation serializer, on the real seed articles."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from newsbrief.corpus import serialize
from newsbrief.config import Settings
from newsbrief.corpus.ingest import ingest_paths
from newsbrief.engines.local import LocalEngine
from newsbrief.models import AnnotatedArticle, Article, Skip
from newsbrief.annotate.resources import Resources
from newsbrief.corpus.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError, fingerprint

# Every test here reads the seeds or DUC 2004 from ../shared.
pytestmark = pytest.mark.needs_shared
SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_FILES = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))


class CountingEngine(LocalEngine):
    """The local engine, counting the articles it annotates (and able to die after N batches)."""

    def __init__(self, settings: Settings, resources: Resources, die_after: int | None = None):
        super().__init__(settings, resources)
        self.annotated = 0
        self.die_after = die_after

    def annotate_batches(self, batches: Iterable[Sequence[Article]]) -> Iterator[list[AnnotatedArticle | Skip]]:
        for i, out in enumerate(super().annotate_batches(batches)):
            if self.die_after is not None and i >= self.die_after:
                raise KeyboardInterrupt  # as if the user pressed Ctrl-C mid-ingest
            self.annotated += len(out)
            yield out


def rows(db: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT fingerprint, article_id, path, annotation, embeddings, story_id, vector FROM articles ORDER BY seq"
        ).fetchall()
    finally:
        conn.close()


# -- serialize ------------------------------------------------------------------------------------


def test_round_trip_is_lossless_on_real_annotations(seeds_annotated: list[AnnotatedArticle]) -> None:
    for aa in seeds_annotated:
        back = serialize.loads(serialize.dumps(aa))
        assert serialize.annotated_equal(aa, back)
        assert back.embeddings.dtype == np.float32
        assert back.article.published == aa.article.published
        again = serialize.annotated_from_json(serialize.annotated_to_json(aa), serialize.embeddings_to_bytes(aa.embeddings))
        assert serialize.annotated_equal(aa, again)


def test_every_model_field_is_written(seeds_annotated: list[AnnotatedArticle]) -> None:
    aa = seeds_annotated[0]
    data = serialize.annotated_to_dict(aa)
    assert set(data["article"]) == {f.name for f in dataclasses.fields(Article)}
    # Sentence text equal to its body span is left out, and put back.
    assert all("text" not in s for s in data["sentences"])
    assert serialize.loads(serialize.dumps(aa)).sentences == aa.sentences


def test_text_that_differs_from_its_span_and_lone_surrogates_survive(seeds_annotated: list[AnnotatedArticle]) -> None:
    aa = seeds_annotated[0]
    odd = dataclasses.replace(aa.sentences[0], text="not the span \ud800")
    article = dataclasses.replace(aa.article, title="broken \udc80 title", notes=("a", "b"))
    changed = dataclasses.replace(aa, article=article, sentences=(odd, *aa.sentences[1:]))
    back = serialize.loads(serialize.dumps(changed))
    assert back.sentences[0].text == "not the span \ud800"
    assert back.article.title == "broken \udc80 title"
    assert back.article.notes == ("a", "b")


def test_unknown_stored_field_and_bad_bytes_are_refused(seeds_annotated: list[AnnotatedArticle]) -> None:
    aa = seeds_annotated[0]
    data = serialize.annotated_to_dict(aa)
    data["article"]["colour"] = "blue"
    with pytest.raises(serialize.StoredFormatError, match="upgrade newsbrief"):
        serialize.annotated_from_dict(data, serialize.embeddings_to_bytes(aa.embeddings))
    with pytest.raises(serialize.StoredFormatError, match="bad magic"):
        serialize.loads(b"XXXX" + serialize.dumps(aa)[4:])
    with pytest.raises(serialize.StoredFormatError, match="damaged"):
        serialize.annotated_from_json(serialize.annotated_to_json(aa), b"\x00" * 7)


# -- store ----------------------------------------------------------------------------------------


def test_new_database_is_at_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "n.db") as store:
        assert store.schema_version == SCHEMA_VERSION == MIGRATIONS[-1].version
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_and_missing_file_are_refused_with_a_fix(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="upgrade newsbrief"):
        Store(db)
    with pytest.raises(StoreError, match="newsbrief ingest"):
        Store(tmp_path / "absent.db", create=False)


def test_fingerprint_depends_on_title_and_body_only(seeds_annotated: list[AnnotatedArticle]) -> None:
    a = seeds_annotated[0].article
    assert fingerprint(a) == fingerprint(dataclasses.replace(a, id="other", path="/elsewhere"))
    assert fingerprint(a) != fingerprint(dataclasses.replace(a, title=(a.title or "") + "!"))


@pytest.mark.slow
def test_ingest_twice_adds_nothing_and_reads_nothing(tmp_path: Path, settings: Settings, resources: Resources) -> None:
    db = tmp_path / "c.db"
    first = ingest_paths(SEED_FILES, db, settings, engine=CountingEngine(settings, resources))
    assert first.articles_added == len(SEED_FILES)
    before = rows(db)
    engine = CountingEngine(settings, resources)
    second = ingest_paths(SEED_FILES, db, settings, engine=engine)
    assert (second.articles_added, second.files_unchanged, engine.annotated) == (0, len(SEED_FILES), 0)
    # A copy of a stored article under another name is recognised by its content.
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(SEED_FILES[2]).read_bytes())
    third = ingest_paths([copy], db, settings, engine=CountingEngine(settings, resources))
    assert (third.articles_added, third.duplicates) == (0, 1)
    assert rows(db) == before


@pytest.mark.slow
def test_killed_ingest_resumes_and_ends_as_an_uninterrupted_one(tmp_path: Path, settings: Settings, resources: Resources) -> None:
    whole = tmp_path / "whole.db"
    ingest_paths(SEED_FILES, whole, settings, engine=CountingEngine(settings, resources), batch_size=2)
    killed = tmp_path / "killed.db"
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(SEED_FILES, killed, settings, engine=CountingEngine(settings, resources, die_after=1), batch_size=2)
    assert len(rows(killed)) == 2  # the first batch was committed, the second lost
    engine = CountingEngine(settings, resources)
    ingest_paths(SEED_FILES, killed, settings, engine=engine, batch_size=2)
    assert engine.annotated == len(SEED_FILES) - 2  # only what was lost is annotated again
    assert rows(killed) == rows(whole)


@pytest.mark.slow
def test_schema_1_database_is_migrated_and_its_articles_filed(tmp_path: Path, settings: Settings, seeds_annotated: list[AnnotatedArticle], resources: Resources) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    for m in MIGRATIONS[:1]:
        conn.executescript(m.sql)
    conn.execute("PRAGMA user_version=1")
    for aa in seeds_annotated:
        conn.execute(
            "INSERT INTO articles (fingerprint, article_id, path, newsbrief_version, annotation, embeddings) VALUES (?, ?, ?, ?, ?, ?)",
            (fingerprint(aa.article), aa.article.id, aa.article.path, "0.0", serialize.annotated_to_json(aa), serialize.embeddings_to_bytes(aa.embeddings)),
        )
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.articles_without_story()) == len(seeds_annotated)
    report = ingest_paths([], db, settings, engine=CountingEngine(settings, resources))
    with Store(db) as store:
        assert store.articles_without_story() == []
        assert sum(s.articles for s in store.stories()) == len(seeds_annotated)
        assert store.load_term_df()[1] == len(seeds_annotated)
    assert report.articles_added == 0


@pytest.mark.slow
def test_stored_annotation_is_queryable_json(tmp_path: Path, settings: Settings, resources: Resources) -> None:
    db = tmp_path / "q.db"
    ingest_paths(SEED_FILES[:1], db, settings, engine=CountingEngine(settings, resources))
    with Store(db) as store:
        text, emb = store.conn.execute("SELECT annotation, embeddings FROM articles").fetchone()
        data = json.loads(text)
        rows_, dim = data["embeddings"]["rows"], data["embeddings"]["dim"]
        assert len(emb) == rows_ * dim * 4
        title = store.conn.execute("SELECT json_extract(annotation, '$.article.title') FROM articles").fetchone()[0]
        assert title == store.articles()[0].title


def test_migration_fills_the_search_index_and_triggers_keep_it(tmp_path: Path, seeds_annotated: list[AnnotatedArticle]) -> None:
    """Articles stored before the full-text index existed are indexed by the migration that adds
    it; articles stored later, and story headlines, by its triggers."""
    from newsbrief.corpus.store import _statements

    db = tmp_path / "v3.db"
    conn = sqlite3.connect(db)
    for m in MIGRATIONS[:3]:
        for statement in _statements(m.sql):
            conn.execute(statement)
    conn.execute("PRAGMA user_version=3")
    old = seeds_annotated[0]
    conn.execute(
        "INSERT INTO articles (fingerprint, article_id, path, newsbrief_version, annotation, embeddings) VALUES (?, ?, ?, ?, ?, ?)",
        (fingerprint(old.article), old.article.id, old.article.path, "0.0", serialize.annotated_to_json(old), serialize.embeddings_to_bytes(old.embeddings)),
    )
    conn.commit()
    conn.close()
    word = max((w for w in old.article.body.split() if w.isalpha()), key=len)
    with Store(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        hits = store.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f'"{word}"',)).fetchall()
        assert hits == [(1,)]
        new = seeds_annotated[1]
        with store.transaction():
            seq = store.add_article(new, fingerprint(new.article), "0.0")
        new_word = max((w for w in new.article.body.split() if w.isalpha() and w not in old.article.body), key=len)
        hits = store.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f'"{new_word}"',)).fetchall()
        assert (seq,) in hits
        with store.transaction() as c:
            c.execute("INSERT INTO stories (id, headline, vector_sum, terms_sum) VALUES (7, 'Harbour vote', x'', '{}')")
            c.execute("UPDATE stories SET headline = 'Ferry terminal sold' WHERE id = 7")
        assert store.conn.execute("SELECT rowid FROM stories_fts WHERE stories_fts MATCH 'ferry'").fetchall() == [(7,)]
        assert store.conn.execute("SELECT rowid FROM stories_fts WHERE stories_fts MATCH 'harbour'").fetchall() == []

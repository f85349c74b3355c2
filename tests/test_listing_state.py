"""A story's listing is stored only for the state it was made for (corpus/listing.py).

The listing is made outside the write lock (the brief's first steps take seconds), so another
writer may change the story meanwhile; the listing of the older state must not be stored over the
mark that the story changed (``listed_state`` NULL), or the lists would show the stale headline
and counts as current until the next refresh.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.corpus.listing import listed_state, newsbrief_version, set_listing, settings_key, story_state
from newsbrief.corpus.store import Store


def _two_stories(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT id FROM stories WHERE articles >= 2 ORDER BY articles DESC, id").fetchall()
        other = conn.execute("SELECT id FROM stories WHERE articles >= 1 AND id != ? ORDER BY id", (rows[0][0],)).fetchone()
    return rows[0][0], other[0]


def test_a_listing_of_an_older_state_is_not_stored(desk_db_copy: Path, settings: Settings) -> None:
    sid, other = _two_stories(desk_db_copy)
    key = settings_key(settings, newsbrief_version())
    with Store(desk_db_copy) as store:
        made_for = story_state(store.conn, sid, key)
        assert made_for is not None
        with store.transaction() as conn:
            assert set_listing(conn, sid, "Listed now", 2, 1, made_for, key), "the story is in the state it was made for"
        assert listed_state(store.conn, sid) == made_for
        # Another writer moves one of its articles to another story and marks it changed, while
        # this one was still making a listing of its former state.
        with store.transaction() as conn:
            conn.execute("UPDATE articles SET story_id = ? WHERE seq = (SELECT max(seq) FROM articles WHERE story_id = ?)", (other, sid))
            store.refresh_story_summary(sid)
        assert listed_state(store.conn, sid) is None
        with store.transaction() as conn:
            assert not set_listing(conn, sid, "Stale headline", 9, 9, made_for, key)
        assert listed_state(store.conn, sid) is None, "the story stays marked changed"
        headline, outlets = store.conn.execute("SELECT headline, outlets FROM stories WHERE id = ?", (sid,)).fetchone()
        assert headline != "Stale headline" and outlets != 9
        current = story_state(store.conn, sid, key)
        assert current is not None and current != made_for
        with store.transaction() as conn:
            assert set_listing(conn, sid, "Listed again", 1, 0, current, key)
        assert listed_state(store.conn, sid) == current


def test_a_schema_8_database_is_refused_by_readers_and_listed_by_refresh(desk_db_copy: Path, settings: Settings) -> None:
    """A database of the previous release (schema 8, no listings): `stories` says how to upgrade
    it, without a traceback; `refresh` upgrades it and lists every story as its brief says."""
    from click.testing import CliRunner

    from newsbrief.cli import cli
    from newsbrief.corpus.catalog import load_story_annotated
    from newsbrief.pipeline import build_brief
    from newsbrief.render.common import about_story, headline
    from newsbrief.story.sources import count_outlets

    with sqlite3.connect(desk_db_copy) as conn:
        conn.execute("UPDATE stories SET headline = 'old rule'")
        for column in ("no_outlet", "listed_state"):
            conn.execute(f"ALTER TABLE stories DROP COLUMN {column}")
        conn.execute("PRAGMA user_version=8")
    runner = CliRunner()
    refused = runner.invoke(cli, ["stories", "--db", str(desk_db_copy)])
    assert refused.exit_code != 0 and "schema version 8" in refused.output and "Traceback" not in refused.output
    done = runner.invoke(cli, ["refresh", "--db", str(desk_db_copy), "-q"])
    assert done.exit_code == 0, done.output
    key = settings_key(settings, newsbrief_version())
    with Store(desk_db_copy, create=False) as store:
        ids = [r[0] for r in store.conn.execute("SELECT DISTINCT story_id FROM articles WHERE story_id IS NOT NULL ORDER BY story_id")]
        rows = {r[0]: r[1:] for r in store.conn.execute("SELECT id, headline, outlets, no_outlet, listed_state FROM stories")}
        states = {sid: story_state(store.conn, sid, key) for sid in ids}
    assert len(ids) >= 2
    for sid in ids:
        annotated, skipped = load_story_annotated(desk_db_copy, sid)
        brief = build_brief(annotated, settings, skipped)
        count = count_outlets(about_story(brief))
        assert rows[sid] == (headline(brief), count.outlets, count.unnamed, states[sid]), sid

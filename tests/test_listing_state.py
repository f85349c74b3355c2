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

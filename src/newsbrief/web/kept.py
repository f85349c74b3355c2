"""Briefs kept in the database: computed once per story state, rebuilt when the story changes.

A story's state is a fingerprint of which articles it holds (their ``seq`` numbers), the
newsbrief version and the settings: a new article, an article moved to another story by
re-clustering, an upgrade or other settings all give a new state, and so a new brief. The kept
brief is its JSON document (``render.json``) beside the map from the brief's article ids to their
``seq`` (a brief may rename an article whose id another article of the story already uses).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsbrief.config import Settings
from newsbrief.corpus.listing import listed_state, set_listing, settings_key, story_state
from newsbrief.models import Brief
from newsbrief.render.json import brief_from_dict, render_json
from newsbrief.web.db import ReadOnly

# How long keeping a brief waits for the store's write lock (seconds).
KEEP_WAIT_S = 5.0


@dataclass(frozen=True)
class KeptBrief:
    """A story's brief and where each of its articles is stored."""

    story_id: int
    state: str
    brief: Brief
    json: str
    seqs: dict[str, int]  # brief article id -> articles.seq


def read_kept(conn: sqlite3.Connection, story_id: int, state: str) -> KeptBrief | None:
    """The kept brief of this story state, if one was built."""
    row = conn.execute("SELECT brief, seqs FROM briefs WHERE story_id = ? AND state = ?", (story_id, state)).fetchone()
    if row is None:
        return None
    return KeptBrief(story_id, state, brief_from_dict(json.loads(row[0])), row[0], json.loads(row[1]))


class BriefKeeper:
    """Builds a story's brief when its state has none and keeps it (one build per story at a time)."""

    def __init__(self, db: Path, reader: ReadOnly, settings: Settings, version: str):
        self.db = db
        self.reader = reader
        self.settings = settings
        self.key = settings_key(settings, version)
        self._locks: defaultdict[int, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()

    def _lock(self, story_id: int) -> threading.Lock:
        with self._guard:
            return self._locks[story_id]

    def get(self, story_id: int) -> KeptBrief | None:
        """The story's brief for its current state, built and kept now if needed (None: no articles)."""
        with self.reader.connect() as conn:
            state = story_state(conn, story_id, self.key)
            if state is None:
                return None
            kept = read_kept(conn, story_id, state)
        if kept is not None:
            return kept
        with self._lock(story_id):
            with self.reader.connect() as conn:
                kept = read_kept(conn, story_id, state)
            if kept is not None:
                return kept
            return self._build(story_id, state)

    def _build(self, story_id: int, state: str) -> KeptBrief | None:
        # Heavy imports here: the story list and search never need the pipeline.
        from newsbrief import pipeline
        from newsbrief.corpus.catalog import load_story_with_seqs
        from newsbrief.corpus.store import Store, StoreError
        from newsbrief.render.common import about_story, headline
        from newsbrief.story.sources import count_outlets

        loaded, skipped = load_story_with_seqs(self.db, story_id)
        if not loaded:
            return None
        brief = pipeline.build_brief([aa for _, aa in loaded], self.settings, skipped)
        text = render_json(brief)
        seqs = {aa.article.id: seq for seq, aa in loaded}
        try:
            # Under the store's one-writer lock, waiting briefly: while an ingest holds it for long,
            # the page shows the brief now and keeps it on a later visit.
            with Store(self.db, write_wait_s=KEEP_WAIT_S) as store, store.transaction() as conn:
                conn.execute("DELETE FROM briefs WHERE story_id = ?", (story_id,))
                conn.execute(
                    "INSERT OR REPLACE INTO briefs (story_id, state, brief, seqs) VALUES (?, ?, ?, ?)",
                    (story_id, state, text, json.dumps(seqs, ensure_ascii=False)),
                )
                # The story's listing is this brief's (corpus/listing.py: same state, same rules),
                # for a story an interrupted ingest left unlisted.
                if listed_state(conn, story_id) != state:
                    count = count_outlets(about_story(brief))
                    set_listing(conn, story_id, headline(brief), count.outlets, count.unnamed, state, self.key)
        except StoreError:
            pass
        return KeptBrief(story_id, state, brief_from_dict(json.loads(text)), text, seqs)

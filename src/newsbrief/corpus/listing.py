"""A story's listing: what ``newsbrief stories`` (text and JSON) and the web desk's list show of it.

One story has one headline everywhere (issue 13): the lists show the headline its brief leads with
(the latest well-corroborated report's, ``story.lead``; the story page shows that brief) and the
outlets its brief's overview counts (over the articles about the story, the off-topic ones left
out). Both come from the reduce stage's first steps (``pipeline.story_listing``: off-topic split,
story context, claims, lead), too slow for a list, so they are made when a story changes: after an
ingest, for each story it touched (its sentence pairs just stored, :mod:`newsbrief.corpus.storypairs`),
and by ``newsbrief refresh`` for every story not listed for its current state. A listing is stored
in the story's row (``headline``, ``outlets``, ``no_outlet``) with the state it was made for
(``listed_state``: the story's articles, the newsbrief version, :data:`LISTING_VERSION` and the
settings, as a kept brief's state, :func:`story_state`); a story that changed since (the ingest was
interrupted) keeps its last headline and is counted from its articles
(:func:`newsbrief.corpus.outlets.story_counts`) until then.

A listing made by other listing code is stale too: :data:`LISTING_VERSION` is part of the state,
so after a bump ``newsbrief refresh`` lists every story again, and the web desk does so for a story
when it builds its page. The code it names (:data:`LISTING_CODE`) is fingerprinted by
tests/test_listing_version.py, which fails when that code changed and the version was not looked
at: the fingerprint of each version is recorded there.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from importlib import metadata

from newsbrief.config import Settings
from newsbrief.corpus.store import Store
from newsbrief.models import AnnotatedArticle


# The version of the code that makes a listing. Bump it when that code (LISTING_CODE) changes what
# a listing holds (headline, outlet counts): every stored listing is then made again. Then record
# the new code's fingerprint in tests/test_listing_version.py (which says so when it is missing).
LISTING_VERSION = 1

# What makes a listing: whole modules, or "module:function" for the listing's part of a module
# that does more (pipeline builds whole briefs too).
LISTING_CODE = (
    "newsbrief.corpus.listing",
    "newsbrief.story.lead",
    "newsbrief.story.sources",
    "newsbrief.story.topic",
    "newsbrief.pipeline:_ground",
    "newsbrief.pipeline:_lead_title",
    "newsbrief.pipeline:story_listing",
)


def newsbrief_version() -> str:
    """The installed newsbrief's version ("0" when it is not installed, e.g. run from a tree)."""
    try:
        return metadata.version("newsbrief")
    except metadata.PackageNotFoundError:
        return "0"


def settings_key(settings: Settings, version: str) -> str:
    """What besides the articles decides a brief and a listing: the newsbrief version, the
    listing code's version (:data:`LISTING_VERSION`) and every setting."""
    return f"{version}|listing {LISTING_VERSION}|{settings!r}"


def story_state(conn: sqlite3.Connection, story_id: int, key: str) -> str | None:
    """The fingerprint of the story's current content under ``key`` (:func:`settings_key`; None
    when it holds no article)."""
    rows = conn.execute("SELECT seq FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)).fetchall()
    if not rows:
        return None
    h = hashlib.sha256(key.encode())
    h.update(",".join(str(r[0]) for r in rows).encode())
    return h.hexdigest()[:32]


def set_listing(
    conn: sqlite3.Connection, story_id: int, headline: str, outlets: int, no_outlet: int, state: str, key: str
) -> bool:
    """Store a story's listing made for its state ``state`` under ``key`` (:func:`settings_key`),
    inside a write transaction, if the story is still in that state; whether it was stored. The
    listing is made outside the write lock (it takes seconds), so another writer (an ingest, the
    web desk's uploads) may have changed the story meanwhile: a listing of an older state is not
    stored over the newer one, nor over the mark that the story changed since."""
    if story_state(conn, story_id, key) != state:
        return False
    conn.execute(
        "UPDATE stories SET headline = ?, outlets = ?, no_outlet = ?, listed_state = ? WHERE id = ?",
        (headline, outlets, no_outlet, state, story_id),
    )
    return True


def listed_state(conn: sqlite3.Connection, story_id: int) -> str | None:
    """The state a story's listing was made for (None: not listed since it last changed)."""
    row = conn.execute("SELECT listed_state FROM stories WHERE id = ?", (story_id,)).fetchone()
    return None if row is None else row[0]


def list_story(store: Store, story_id: int, annotated: Sequence[AnnotatedArticle], settings: Settings) -> bool:
    """Make and store the listing of the live story ``story_id`` from ``annotated`` (its readable
    articles as a brief of it reads them, facts and pairs handed to the memos) unless it is
    listed for its current state; whether it was made. One transaction."""
    from newsbrief.pipeline import story_listing  # the reduce stage: not for listing stories

    key = settings_key(settings, newsbrief_version())
    state = story_state(store.conn, story_id, key)
    if state is None or not annotated or listed_state(store.conn, story_id) == state:
        return False
    listing = story_listing(annotated, settings)
    with store.transaction() as conn:
        return set_listing(conn, story_id, listing.headline, listing.outlets, listing.no_outlet, state, key)

"""``newsbrief refresh``: store what ``brief --db`` would otherwise compute, for whatever lacks it.

After an upgrade (or for a database written by an older newsbrief) stored sentence facts of other
code and sentence pairs of other input are not used, and briefs compute them on the fly: the same
briefs, slower. :func:`refresh_database` stores them again -- only the missing or stale ones, each
article's facts and each story's pairs in a transaction of its own, so an interrupted refresh keeps
its work and the next one does the rest -- after re-embedding the database with the settings'
embedder when asked (:mod:`newsbrief.corpus.reembed`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsbrief.annotate.embedder_identity import identify_embedder
from newsbrief.config import Settings
from newsbrief.corpus.embedder_record import check_embedder
from newsbrief.corpus.store import Store
from newsbrief.corpus.storypairs import filed_story_ids, fill_story_pairs
from newsbrief.plural import count


@dataclass(frozen=True)
class RefreshReport:
    """What one refresh stored: articles re-embedded, articles given facts, stories given
    sentence pairs, stories given their listing (headline and outlet counts) again."""

    reembedded: int
    articles: int
    stories: int
    listed: int
    seconds: float

    def describe(self) -> str:
        """What was done, each count by its own noun: "sentence facts stored for 2 articles,
        sentence pairs for 1 story, 3 stories listed again", or that nothing was stale."""
        done = []
        if self.reembedded:
            done.append(f"sentence vectors made again for {count(self.reembedded, 'article')}")
        if self.articles:
            done.append(f"sentence facts stored for {count(self.articles, 'article')}")
        if self.stories:
            done.append(f"sentence pairs stored for {count(self.stories, 'story', 'stories')}")
        if self.listed:
            done.append(f"{count(self.listed, 'story', 'stories')} listed again (headline and outlet counts)")
        return ", ".join(done) if done else "nothing was missing or stale"


def refresh_database(
    db: str | Path, settings: Settings, *, reembed: bool = False, progress: Callable[[str], None] | None = None
) -> RefreshReport:
    """Store the missing or stale sentence facts and story pairs of ``db`` for briefs under
    ``settings`` (``reembed``: first make every sentence vector again with their embedder).

    Raises EmbedderMismatch when the database's vectors are another embedder's (without ``reembed``)."""
    start = time.monotonic()
    reembedded = 0
    with Store(db, on_wait=progress) as store:
        current = identify_embedder(settings)
        if reembed:
            from newsbrief.corpus.reembed import reembed_store

            reembedded = reembed_store(store, settings, progress=progress)
            if progress is not None:
                progress(f"{db}: sentence vectors of {reembedded} articles made again by {current.describe()}")
        # The pairs are stored for the briefs of these settings: of the database's embedder.
        check_embedder(store.conn, store.path, current, doing="nothing was refreshed")
        articles = store.fill_facts(progress)
        filled = fill_story_pairs(store, filed_story_ids(store), settings, progress)
    return RefreshReport(reembedded, articles, filled.pairs, filled.listed, time.monotonic() - start)

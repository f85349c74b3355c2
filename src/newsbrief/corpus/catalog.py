"""Reading a corpus database back: the stories as plain data, and one story's annotated articles.

The library calls behind ``newsbrief stories`` and ``newsbrief brief --db FILE --story ID``. Neither
parses anything or needs a model: the annotations were stored at ingest
(:mod:`newsbrief.corpus.ingest`), so this module imports no NLP library.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsbrief.annotate.embedder_identity import EmbedderIdentity
from newsbrief.corpus.embedder_record import check_embedder
from newsbrief.corpus.facts import facts_version, prime_facts
from newsbrief.corpus.checks import StoreError, check_table, explain_database_error, show_path
from newsbrief.corpus.outlets import OutletCount, story_counts
from newsbrief.corpus.serialize import StoredFormatError
from newsbrief.corpus.store import Store
from newsbrief.gcpause import paused_collector
from newsbrief.models import AnnotatedArticle, Skip


class StoryNotFound(StoreError):
    """The requested story is not in the database."""


def list_stories(db: str | Path, since: str | None = None, with_articles: bool = False) -> list[dict[str, Any]]:
    """The stories of ``db`` as plain data (newest first); see docs/database.md for the fields."""
    with Store(db, create=False) as store, _reading(db), paused_collector():
        # A damaged page can hide rows without an error: check the table before listing it.
        check_table(store.conn, store.path, "stories")
        out: list[dict[str, Any]] = []
        listed = store.stories(since)
        counts = story_counts(store.conn, [s.id for s in listed])
        for s in listed:
            count = counts.get(s.id, OutletCount())
            item: dict[str, Any] = {
                "id": s.id,
                "headline": s.headline,
                "first_date": s.first_date,
                "last_date": s.last_date,
                "articles": s.articles,
                "outlets": count.outlets,
                "no_outlet": count.unnamed,
            }
            if with_articles:
                members = store.articles(s.id)
                copies = store.copies([a.seq for a in members])
                item["members"] = [
                    {"id": a.article_id, "path": a.path, "title": a.title, "published": a.published, "outlet": a.outlet,
                     "copies": [{"id": aid, "path": path} for path, aid in copies.get(a.seq, [])]}
                    for a in members
                ]
                item["copies"] = sum(len(v) for v in copies.values())
            out.append(item)
        return out


def load_story_annotated(db: str | Path, story_id: int) -> tuple[list[AnnotatedArticle], list[Skip]]:
    """The annotated articles of one story, in ingest order, ready for ``pipeline.build_brief``.

    Articles whose stored annotation cannot be read back come back as Skips. Article ids are those
    the articles had when ingested; if two articles of the story share one (ingested from different
    folders), the later ones get their path's parent folders as prefix, as the readers do.
    """
    loaded, skipped = load_story_with_seqs(db, story_id)
    return [aa for _, aa in loaded], skipped


def load_story_with_seqs(db: str | Path, story_id: int) -> tuple[list[tuple[int, AnnotatedArticle]], list[Skip]]:
    """:func:`load_story_annotated` with each article's ``seq`` (where it is stored) beside it."""
    story = load_story(db, story_id)
    return story.loaded, story.skipped


@dataclass(frozen=True)
class LoadedStory:
    """One story read back for a brief: each readable article with its ``seq``, the unreadable
    ones as Skips, and how many articles' stored sentence facts the brief can use."""

    story_id: int
    loaded: list[tuple[int, AnnotatedArticle]]
    skipped: list[Skip]
    facts_used: int
    # Articles whose facts were stored by another version of the code, or never (ingested before
    # schema 7): the brief computes theirs on the fly (the same brief, slower).
    facts_stale: int
    facts_missing: int

    def stale_facts_note(self, db: str | Path) -> str | None:
        """What to tell the user when the brief computes stored facts again (None: nothing to say)."""
        if not self.facts_stale and not self.facts_missing:
            return None
        shown = show_path(db)
        parts = [f"{n} {what}" for n, what in (
            (self.facts_stale, "stored by an older (or other) newsbrief"), (self.facts_missing, "never stored (ingested before facts were kept)"),
        ) if n]
        return (
            f"story {self.story_id}: the sentence facts of {' and '.join(parts)} of its {len(self.loaded)} articles are "
            f"computed again for this brief (the same brief, slower: about 2 CPU s for 300 articles); run "
            f"`newsbrief refresh --db {shown}` once to store them for this version"
        )


def load_story(db: str | Path, story_id: int, embedder: EmbedderIdentity | None = None) -> LoadedStory:
    """The story ``story_id`` (or the live story it was merged into) of ``db``, read back for a
    brief, with its stored sentence facts and pairs handed to the memos.

    ``embedder``: the embedder the brief's settings name; a database whose vectors another
    embedder made is refused (corpus/embedder_record.py), since the brief would not be the one
    those settings give."""
    with Store(db, create=False) as store, _reading(db), paused_collector():
        if embedder is not None:
            check_embedder(store.conn, store.path, embedder, doing="no brief was made")
        live = store.resolve_story(story_id) if 0 < story_id < 2**63 else None
        if live is None:
            shown = show_path(db)
            raise StoryNotFound(f"no story {story_id} in {shown}; run `newsbrief stories --db {shown}` to list them")
        seqs, annotated, skipped = read_story(store, live)
        # What ingest computed per sentence and per story, so the brief does not compute it again.
        stored = store.load_facts(seqs)
        used = prime_facts(annotated, stored, seqs)
        current = facts_version()
        stale = sum(1 for seq in seqs if seq in stored and stored[seq][0] != current)
        prime_story_pairs(store, live)
    return LoadedStory(live, list(zip(seqs, annotated)), skipped, used, stale, sum(1 for seq in seqs if seq not in stored))


def read_story(store: Store, story_id: int) -> tuple[list[int], list[AnnotatedArticle], list[Skip]]:
    """The ``seq`` and annotated article (ids made unique) of each readable article of the live
    story ``story_id``, in ingest order, and a Skip for each unreadable one."""
    seqs: list[int] = []
    annotated: list[AnnotatedArticle] = []
    skipped: list[Skip] = []
    for a in store.articles(story_id):
        try:
            annotated.append(store.load_annotated(a.seq))
            seqs.append(a.seq)
        except StoredFormatError as exc:
            skipped.append(Skip(a.path, str(exc)))
    return seqs, _with_unique_ids(annotated), skipped


def prime_story_pairs(store: Store, story_id: int) -> None:
    """Hand the story's stored sentence pairs (corpus/storypairs.py) to story/poolpairs.py; the
    brief uses them only where its input is the one they were computed from."""
    from newsbrief.story.poolpairs import prime_pairs  # NumPy: not for listing stories

    prime_pairs(store.conn.execute("SELECT key, pairs FROM story_pairs WHERE story_id = ? ORDER BY kind", (story_id,)).fetchall())


@contextmanager
def _reading(db: str | Path) -> Iterator[None]:
    """Turn SQLite's errors while reading into a DamagedCorpus that says what to do."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise explain_database_error(db, exc) from exc


def _with_unique_ids(annotated: list[AnnotatedArticle]) -> list[AnnotatedArticle]:
    used: set[str] = set()
    out: list[AnnotatedArticle] = []
    for aa in annotated:
        aid = aa.article.id
        if aid in used:
            parts = Path(aa.article.path).parts
            k = 2
            candidate = aid
            while candidate in used:
                candidate = "/".join(parts[-k:]) + (aid[aid.index("#") :] if "#" in aid else "") if k <= len(parts) else f"{aid}@{k}"
                k += 1
            aa = _renamed(aa, candidate)
        used.add(aa.article.id)
        out.append(aa)
    return out


def _renamed(aa: AnnotatedArticle, new_id: str) -> AnnotatedArticle:
    """``aa`` with its article id changed everywhere it appears."""

    def fix(records: tuple[Any, ...]) -> tuple[Any, ...]:
        return tuple(dataclasses.replace(r, article_id=new_id) if r.article_id == aa.article.id else r for r in records)

    return dataclasses.replace(
        aa,
        article=dataclasses.replace(aa.article, id=new_id),
        sentences=fix(aa.sentences),
        mentions=fix(aa.mentions),
        dates=fix(aa.dates),
        quotes=fix(aa.quotes),
        figures=fix(aa.figures),
    )

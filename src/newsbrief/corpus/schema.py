"""The corpus database's schema: its numbered migrations, and how a script splits into statements.

:class:`newsbrief.corpus.store.Store` runs the migrations a file lacks when a writer opens it;
tables, columns and blob formats are documented in docs/database.md.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One schema step: running ``sql`` on a database at ``version - 1`` brings it to ``version``."""

    version: int
    description: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, the files they came from, and skipped inputs",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE articles (
            seq INTEGER PRIMARY KEY,
            fingerprint TEXT NOT NULL UNIQUE,
            article_id TEXT NOT NULL,
            path TEXT NOT NULL,
            title TEXT,
            published TEXT,
            outlet TEXT,
            credit TEXT,
            url TEXT,
            lead TEXT NOT NULL DEFAULT '',
            ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            newsbrief_version TEXT NOT NULL,
            annotation TEXT NOT NULL,
            embeddings BLOB NOT NULL
        );
        CREATE INDEX articles_path ON articles (path);
        CREATE TABLE files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            articles INTEGER NOT NULL,
            done_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE TABLE skips (
            path TEXT NOT NULL,
            reason TEXT NOT NULL,
            seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (path, reason)
        );
        """,
    ),
    Migration(
        2,
        "stories: story of each article, story centroids, keyword document frequencies",
        """
        ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories (id);
        ALTER TABLE articles ADD COLUMN vector BLOB;
        CREATE INDEX articles_story ON articles (story_id, seq);
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            headline TEXT NOT NULL DEFAULT '',
            first_date TEXT,
            last_date TEXT,
            articles INTEGER NOT NULL DEFAULT 0,
            outlets INTEGER NOT NULL DEFAULT 0,
            vector_sum BLOB NOT NULL,
            terms_sum TEXT NOT NULL,
            merged_into INTEGER REFERENCES stories (id)
        );
        CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
        """,
    ),
    Migration(
        3,
        "watch: the feeds it reads (validators, last pass, errors) and every URL it met with its outcome",
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL DEFAULT 'feed',
            parent_id INTEGER REFERENCES feeds (id),
            title TEXT,
            etag TEXT,
            last_modified TEXT,
            added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            last_pass_at TEXT,
            last_ok_at TEXT,
            last_status TEXT,
            last_error TEXT,
            errors INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE urls (
            url TEXT PRIMARY KEY,
            feed_id INTEGER REFERENCES feeds (id),
            via_host TEXT NOT NULL DEFAULT '',
            listed_title TEXT,
            listed_date TEXT,
            listed_outlet TEXT,
            first_seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            fetched_at TEXT,
            outcome TEXT NOT NULL DEFAULT 'pending',
            detail TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            fingerprint TEXT
        );
        CREATE INDEX urls_feed ON urls (feed_id, outcome);
        CREATE INDEX urls_outcome ON urls (outcome);
        """,
    ),
    Migration(
        4,
        "kept briefs (one per story state) and full-text indexes of articles and story headlines",
        """
        CREATE TABLE briefs (
            story_id INTEGER NOT NULL,
            state TEXT NOT NULL,
            brief TEXT NOT NULL,
            seqs TEXT NOT NULL,
            built_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (story_id, state)
        );
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO articles_fts (rowid, title, body)
            SELECT seq, coalesce(title, ''), coalesce(json_extract(annotation, '$.article.body'), '') FROM articles;
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, body)
            VALUES (new.seq, coalesce(new.title, ''), coalesce(json_extract(new.annotation, '$.article.body'), ''));
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            DELETE FROM articles_fts WHERE rowid = old.seq;
        END;
        CREATE VIRTUAL TABLE stories_fts USING fts5(headline, tokenize = 'unicode61 remove_diacritics 2');
        INSERT INTO stories_fts (rowid, headline) SELECT id, headline FROM stories;
        CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
            INSERT INTO stories_fts (rowid, headline) VALUES (new.id, new.headline);
        END;
        CREATE TRIGGER stories_fts_update AFTER UPDATE OF headline ON stories BEGIN
            DELETE FROM stories_fts WHERE rowid = old.id;
            INSERT INTO stories_fts (rowid, headline) VALUES (new.id, new.headline);
        END;
        """,
    ),
    Migration(
        5,
        "copies: other paths an already stored article was met under (byte-identical texts)",
        """
        CREATE TABLE article_paths (
            seq INTEGER NOT NULL REFERENCES articles (seq),
            path TEXT NOT NULL,
            article_id TEXT NOT NULL,
            seen_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
            PRIMARY KEY (seq, path)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        6,
        "indexes for the web pages: live stories newest first, articles per story and day, story of an article",
        """
        CREATE INDEX stories_list ON stories (merged_into, last_date, id, articles, first_date);
        CREATE INDEX articles_story_day ON articles (story_id, published);
        CREATE INDEX articles_seq_story ON articles (seq, story_id);
        """,
    ),
    Migration(
        7,
        "sentence facts: per-sentence summary candidates and quantities computed at ingest (corpus/facts.py)",
        """
        CREATE TABLE sentence_facts (
            seq INTEGER PRIMARY KEY REFERENCES articles (seq),
            version TEXT NOT NULL,
            facts BLOB NOT NULL
        );
        """,
    ),
    Migration(
        8,
        "story pairs: the close sentence pairs of each story's pool, computed when ingest changes it (corpus/storypairs.py)",
        """
        CREATE TABLE story_pairs (
            story_id INTEGER NOT NULL REFERENCES stories (id),
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            pairs BLOB NOT NULL,
            PRIMARY KEY (story_id, kind)
        ) WITHOUT ROWID;
        """,
    ),
)
MIGRATIONS += (
    Migration(
        9,
        "story listings by the brief's rules: headline and outlets of the articles about the story (corpus/listing.py)",
        """
        ALTER TABLE stories ADD COLUMN no_outlet INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE stories ADD COLUMN listed_state TEXT;
        """,
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def statements(script: str) -> list[str]:
    """Split a migration script into statements (a trigger body's semicolons stay inside it)."""
    out: list[str] = []
    current = ""
    for part in script.split(";"):
        current += part + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                out.append(current.strip())
            current = ""
    return out

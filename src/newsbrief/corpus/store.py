"""The corpus store: one SQLite file that keeps annotated articles and their stories.

No server: the file is opened with the standard library's ``sqlite3`` in WAL mode, so readers
(``newsbrief stories``, ``newsbrief brief --db``) can work while an ingest writes. Every ingest batch
is one transaction; a killed ingest loses at most the batch it was writing, and the next run skips
what is already stored (articles are keyed by a content fingerprint).

The schema is versioned with ``PRAGMA user_version`` and upgraded in place by the numbered
:data:`MIGRATIONS` when a file is opened; a file written by a newer newsbrief is refused rather than
misread. Tables, columns and the blob formats are documented in docs/database.md.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsbrief.annotate.embedder_identity import EmbedderIdentity
from newsbrief.corpus import embedder_record, facts, serialize
from newsbrief.corpus.checks import (
    DamagedCorpus,
    NotACorpus,
    StoreError,
    check_corpus,
    created_tables,
    open_read_only,
    show_path,
)
from newsbrief.models import AnnotatedArticle, Article, Skip
# The migrations live in schema.py; re-exported here, where callers have always found them.
from newsbrief.corpus.schema import MIGRATIONS, SCHEMA_VERSION, Migration
from newsbrief.corpus.schema import statements as _statements

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from newsbrief.corpus.clustering import StoryState

# How long a writer waits for another connection's lock before giving up (seconds). An ingest
# holds the lock only while it files and commits one batch (well under a second of work), so two
# writers take turns; this limit only bites when another program keeps the file locked.
BUSY_TIMEOUT_S = 300.0
# A writer that has waited this long says so (once per wait), so a blocked run is never silent.
WAIT_NOTICE_S = 1.0

OnWait = Callable[[str], None]


# (version, table) for every table a migration creates: what a file of that version must hold.
TABLES_BY_VERSION = tuple((m.version, t) for m in MIGRATIONS for t in created_tables(m.sql))
__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "DamagedCorpus", "Migration", "NotACorpus", "Store", "StoreError"]


def fingerprint(article: Article) -> str:
    """Content fingerprint of an article: SHA-256 of its cleaned title and body.

    The same text read from another file (or again from the same file) has the same fingerprint,
    which is what makes ingest idempotent.
    """
    import hashlib  # here: listing stories needs no OpenSSL (start-up time)

    h = hashlib.sha256()
    h.update((article.title or "").encode("utf-8", errors="surrogatepass"))
    h.update(b"\x00")
    h.update(article.body.encode("utf-8", errors="surrogatepass"))
    return h.hexdigest()


@dataclass(frozen=True)
class StoredArticle:
    """One row of ``articles`` without its annotation (what listings need)."""

    seq: int
    article_id: str
    path: str
    title: str | None
    published: str | None
    outlet: str | None
    credit: str | None
    url: str | None
    lead: str
    story_id: int | None


@dataclass(frozen=True)
class StoryRow:
    """One row of ``stories`` as listings show it."""

    id: int
    headline: str
    first_date: str | None
    last_date: str | None
    articles: int
    outlets: int


_ARTICLE_COLUMNS = "seq, article_id, path, title, published, outlet, credit, url, lead, story_id"


class Store:
    """An open corpus database. Use as a context manager, or call :meth:`close`.

    ``create=False`` opens an existing file read-only (what read commands do): nothing in it or
    beside it is changed, and a file of an older schema is refused rather than upgraded. Any
    file that is not a newsbrief database is refused before anything is written to it. A writer
    that names its ``embedder`` is refused (EmbedderMismatch) a database another embedder's
    vectors are in (corpus/embedder_record.py).
    """

    def __init__(
        self, path: str | Path, *, create: bool = True, on_wait: OnWait | None = None, write_wait_s: float = BUSY_TIMEOUT_S,
        embedder: EmbedderIdentity | None = None,
    ):
        self.path = Path(path)
        self.on_wait = on_wait
        self.write_wait_s = write_wait_s
        self.read_only = not create
        # Things a writer should tell the user (an older database adopting this run's embedder).
        self.notes: list[str] = []
        if self.read_only:
            self.conn = open_read_only(self.path)
            try:
                check_corpus(self.conn, self.path, SCHEMA_VERSION, TABLES_BY_VERSION, writable=False)
            except BaseException:
                self.conn.close()
                raise
            return
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=write_wait_s, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {show_path(self.path)} ({exc}); give a --db file in a writable folder") from exc
        try:
            # Checked before the first write: another program's file is left exactly as it was.
            check_corpus(self.conn, self.path, SCHEMA_VERSION, TABLES_BY_VERSION, writable=True)
            self.conn.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable in WAL mode except for the last commits on power loss, never corrupting.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.migrate()
            if embedder is not None:  # a writer that will store this embedder's vectors
                embedder_record.check_embedder(self.conn, self.path, embedder, doing="nothing was written")
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise StoreError(f"cannot write to {show_path(self.path)} ({exc}); give a --db file in a writable folder") from exc
            raise DamagedCorpus(f"{show_path(self.path)} is damaged ({exc}); restore it from a backup, or ingest into a new --db file") from exc
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (pending work is rolled back)."""
        self.conn.close()

    @property
    def schema_version(self) -> int:
        """The schema version of the open file (``PRAGMA user_version``)."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self, target: int = SCHEMA_VERSION) -> None:
        """Bring the file up to schema ``target``, one migration per transaction.

        The version is read again under the write lock, so two processes opening a new file at
        once do not both create the tables.
        """
        self._refuse_newer(self.schema_version)
        if self.schema_version >= target:
            return
        for m in MIGRATIONS:
            if m.version > target:
                break
            with self.transaction():
                current = self.schema_version
                self._refuse_newer(current)
                if current < m.version:
                    for statement in _statements(m.sql):
                        self.conn.execute(statement)
                    self.conn.execute(f"PRAGMA user_version={m.version}")

    def _refuse_newer(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise NotACorpus(
                f"{show_path(self.path)} has schema version {version}, newer than this newsbrief's {SCHEMA_VERSION}; "
                "upgrade newsbrief to read it"
            )

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception.

        Only one writer holds a database at a time (``BEGIN IMMEDIATE`` takes SQLite's write lock;
        readers of the WAL file go on). A writer that finds the lock taken says so through
        ``on_wait`` and waits up to ``write_wait_s`` seconds, then gives up with a StoreError.
        """
        if self.read_only:
            raise StoreError(f"{show_path(self.path)} was opened read-only; nothing can be written to it")
        self._begin_immediate()
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _begin_immediate(self) -> None:
        first = min(WAIT_NOTICE_S, self.write_wait_s)
        for attempt, timeout in enumerate((first, self.write_wait_s - first)):
            self.conn.execute(f"PRAGMA busy_timeout={int(timeout * 1000)}")
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise StoreError(f"cannot write to {show_path(self.path)} ({exc})") from exc
            finally:
                self.conn.execute(f"PRAGMA busy_timeout={int(self.write_wait_s * 1000)}")
            if attempt == 0 and self.on_wait is not None and self.write_wait_s > first:
                self.on_wait(f"waiting for another writer on {show_path(self.path)} (up to {self.write_wait_s:.0f}s)...")
        raise StoreError(
            f"another program has been writing to {show_path(self.path)} for over {self.write_wait_s:.0f}s; "
            "try again when it has finished"
        )

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file (not this one)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def max_story_id(self) -> int:
        """The highest story id ever used, merged stories included (0 for none)."""
        return int(self.conn.execute("SELECT coalesce(max(id), 0) FROM stories").fetchone()[0])

    # -- files and skips ---------------------------------------------------------------------

    def file_done(self, path: str, size: int, mtime_ns: int) -> bool:
        """True when this file, unchanged since, was completely ingested before."""
        row = self.conn.execute("SELECT size, mtime_ns FROM files WHERE path = ?", (path,)).fetchone()
        return row is not None and row[0] == size and row[1] == mtime_ns

    def mark_file_done(self, path: str, size: int, mtime_ns: int, articles: int) -> None:
        """Record that every article of this file is stored (call inside a transaction)."""
        self.conn.execute(
            "INSERT INTO files (path, size, mtime_ns, articles) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, "
            "articles = excluded.articles, done_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
            (path, size, mtime_ns, articles),
        )

    def add_skip(self, skip: Skip) -> None:
        """Record an input that could not be used (call inside a transaction)."""
        self.conn.execute("INSERT OR IGNORE INTO skips (path, reason) VALUES (?, ?)", (skip.path, skip.reason))

    def skips(self) -> list[Skip]:
        """Every input ever skipped, in path order."""
        return [Skip(p, r) for p, r in self.conn.execute("SELECT path, reason FROM skips ORDER BY path, reason")]

    # -- articles ----------------------------------------------------------------------------

    def has_fingerprint(self, fp: str) -> bool:
        """True when an article with this content fingerprint is stored."""
        return self.conn.execute("SELECT 1 FROM articles WHERE fingerprint = ?", (fp,)).fetchone() is not None

    def story_of_fingerprint(self, fp: str) -> int | None:
        """The story of the stored article with this fingerprint (None if absent or unassigned)."""
        row = self.conn.execute("SELECT story_id FROM articles WHERE fingerprint = ?", (fp,)).fetchone()
        return None if row is None else row[0]

    def add_article(
        self, annotated: AnnotatedArticle, fp: str, version: str, vector: bytes | None = None, story_id: int | None = None,
        embedder: EmbedderIdentity | None = None,
    ) -> int:
        """Insert one annotated article (call inside a transaction); returns its ``seq``.

        ``embedder`` made its sentence vectors: a database whose vectors another embedder made is
        refused (EmbedderMismatch), one without a record records it (corpus/embedder_record.py;
        a note for the user goes to :attr:`notes`). Without it, only vectors of another size than
        the stored ones are refused."""
        dims = int(annotated.embeddings.shape[1]) if annotated.embeddings.ndim == 2 else 0
        if embedder is not None:
            note = embedder_record.claim_embedder(self.conn, self.path, embedder, dims)
            if note is not None:
                self.notes.append(note)
        elif len(annotated.embeddings):
            embedder_record.check_dims(self.conn, self.path, dims)
        a = annotated.article
        lead = annotated.sentences[0].text if annotated.sentences else a.body[:300]
        cur = self.conn.execute(
            "INSERT INTO articles (fingerprint, article_id, path, title, published, outlet, credit, url, lead, "
            "newsbrief_version, annotation, embeddings, vector, story_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                fp,
                _text(a.id),
                _text(a.path),
                _text(a.title),
                a.published.isoformat() if a.published else None,
                _text(a.outlet),
                _text(a.credit),
                _text(a.url),
                _text(" ".join(lead.split())[:300]),
                version,
                serialize.annotated_to_json(annotated),
                serialize.embeddings_to_bytes(annotated.embeddings),
                vector,
                story_id,
            ),
        )
        assert cur.lastrowid is not None
        self.save_facts(cur.lastrowid, annotated)
        return cur.lastrowid

    def save_facts(self, seq: int, annotated: AnnotatedArticle) -> None:
        """Compute and store the sentence facts of the article at ``seq`` (corpus/facts.py; call
        inside a transaction)."""
        rules, unigrams = facts.summary_rules()
        self.conn.execute(
            "INSERT OR REPLACE INTO sentence_facts (seq, version, facts) VALUES (?, ?, ?)",
            (seq, facts.facts_version(), facts.encode_facts(annotated, rules, unigrams)),
        )

    def load_facts(self, seqs: Sequence[int]) -> dict[int, tuple[str, bytes]]:
        """Stored sentence facts (version, blob) of these articles; those without any are absent."""
        out: dict[int, tuple[str, bytes]] = {}
        for start in range(0, len(seqs), 500):
            chunk = list(seqs[start : start + 500])
            marks = ",".join("?" * len(chunk))
            for seq, version, blob in self.conn.execute(f"SELECT seq, version, facts FROM sentence_facts WHERE seq IN ({marks})", chunk):
                out[seq] = (version, blob)
        return out

    def fill_facts(self, progress: Callable[[str], None] | None = None) -> int:
        """Store sentence facts for the articles that lack them or whose facts another version of
        the code computed (articles ingested before schema 7, or before an upgrade); how many.
        One transaction per article: an interrupted run keeps what it stored, the next one does
        the rest."""
        version = facts.facts_version()
        stale = [
            seq
            for (seq,) in self.conn.execute(
                "SELECT a.seq FROM articles a LEFT JOIN sentence_facts f ON f.seq = a.seq "
                "WHERE f.version IS NULL OR f.version != ? ORDER BY a.seq",
                (version,),
            )
        ]
        for k, seq in enumerate(stale):
            try:
                annotated = self.load_annotated(seq)
            except serialize.StoredFormatError:
                continue  # an unreadable article is reported where it is briefed
            with self.transaction():
                self.save_facts(seq, annotated)
            if progress is not None and (k + 1) % 100 == 0:
                progress(f"sentence facts: {k + 1}/{len(stale)} articles")
        return len(stale)

    def load_annotated(self, seq: int) -> AnnotatedArticle:
        """The stored AnnotatedArticle with this ``seq`` (raises StoredFormatError if unreadable)."""
        row = self.conn.execute("SELECT annotation, embeddings FROM articles WHERE seq = ?", (seq,)).fetchone()
        if row is None:
            raise StoreError(f"no article with seq {seq} in {show_path(self.path)}")
        return serialize.annotated_from_json(row[0], row[1])

    def articles(self, story_id: int | None = None) -> list[StoredArticle]:
        """Stored articles (of one story when given) in ingest order."""
        if story_id is None:
            rows = self.conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq")
        else:
            rows = self.conn.execute(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
            )
        return [StoredArticle(*r) for r in rows]

    def add_copy(self, fp: str, path: str, article_id: str) -> bool:
        """Record that the stored article with fingerprint ``fp`` was met again under ``path``
        (inside a transaction). Its own path, or a copy path already recorded, adds nothing.
        Returns True when a new copy was recorded."""
        row = self.conn.execute("SELECT seq, path FROM articles WHERE fingerprint = ?", (fp,)).fetchone()
        if row is None or row[1] == path:
            return False
        cur = self.conn.execute(
            "INSERT OR IGNORE INTO article_paths (seq, path, article_id) VALUES (?, ?, ?)", (row[0], path, article_id)
        )
        return cur.rowcount > 0

    def copies(self, seqs: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
        """``seq -> [(path, article id), ...]``: the other paths each article was met under, in the
        order they were first seen."""
        out: dict[int, list[tuple[str, str]]] = {}
        for i in range(0, len(seqs), 500):
            part = list(seqs[i : i + 500])
            marks = ",".join("?" * len(part))
            rows = self.conn.execute(
                f"SELECT seq, path, article_id FROM article_paths WHERE seq IN ({marks}) ORDER BY seq, seen_at, path", part
            )
            for seq, path, aid in rows:
                out.setdefault(int(seq), []).append((str(path), str(aid)))
        return out

    def count_articles(self) -> int:
        """Number of stored articles."""
        return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles_without_story(self) -> list[int]:
        """``seq`` of the stored articles no story holds yet (e.g. stored before schema 2)."""
        return [r[0] for r in self.conn.execute("SELECT seq FROM articles WHERE story_id IS NULL ORDER BY seq")]

    def recent_filed(self, limit: int) -> list[tuple[int, int]]:
        """``(seq, story_id)`` of the last ``limit`` articles filed into a story, oldest first."""
        if limit <= 0:
            return []
        rows = self.conn.execute(
            "SELECT seq, story_id FROM (SELECT seq, story_id FROM articles WHERE story_id IS NOT NULL "
            "ORDER BY seq DESC LIMIT ?) ORDER BY seq",
            (limit,),
        )
        return [(int(a), int(b)) for a, b in rows]

    def story_span_before(self, story_id: int, seq: int) -> tuple[dt.date | None, dt.date | None]:
        """Date range of the story's articles stored before ``seq`` (None, None when undated/none)."""
        lo, hi = self.conn.execute(
            "SELECT min(published), max(published) FROM articles WHERE story_id = ? AND seq < ? "
            "AND published IS NOT NULL",
            (story_id, seq),
        ).fetchone()
        return (dt.date.fromisoformat(lo) if lo else None, dt.date.fromisoformat(hi) if hi else None)

    # -- stories -----------------------------------------------------------------------------

    def story(self, story_id: int) -> StoryRow | None:
        """One live story (None when there is no such story or it was merged into another)."""
        row = self.conn.execute(
            "SELECT id, headline, first_date, last_date, articles, outlets FROM stories "
            "WHERE id = ? AND merged_into IS NULL",
            (story_id,),
        ).fetchone()
        return None if row is None else StoryRow(*row)

    def resolve_story(self, story_id: int) -> int | None:
        """Follow ``merged_into`` links: the live story that now holds ``story_id``'s articles."""
        seen: set[int] = set()
        current: int | None = story_id
        while current is not None and current not in seen:
            seen.add(current)
            row = self.conn.execute("SELECT merged_into FROM stories WHERE id = ?", (current,)).fetchone()
            if row is None:
                return None
            if row[0] is None:
                return current
            current = row[0]
        return None

    def stories(self, since: str | None = None) -> list[StoryRow]:
        """Live stories, newest last date first (undated stories last), then by id.

        ``since`` (ISO date) keeps the stories with an article published on or after it.
        """
        sql = "SELECT id, headline, first_date, last_date, articles, outlets FROM stories WHERE merged_into IS NULL"
        params: tuple[str, ...] = ()
        if since is not None:
            sql += " AND last_date >= ?"
            params = (since,)
        sql += " ORDER BY last_date IS NULL, last_date DESC, id"
        return [StoryRow(*r) for r in self.conn.execute(sql, params)]


    # -- story state (see corpus/clustering.py) ------------------------------------------------------------

    def load_story_states(self) -> list[StoryState]:
        """The running sums of every live story, by id."""
        # Imported here: the clustering needs SciPy, which reading a story back (``newsbrief
        # stories``, ``brief --db``) does not.
        import numpy as np

        from newsbrief.corpus.clustering import StoryState

        out: list[StoryState] = []
        for sid, n, vsum, tsum, first, last in self.conn.execute(
            "SELECT id, articles, vector_sum, terms_sum, first_date, last_date FROM stories "
            "WHERE merged_into IS NULL ORDER BY id"
        ):
            out.append(
                StoryState(
                    id=sid,
                    articles=n,
                    vector_sum=np.frombuffer(vsum, dtype="<f8").astype(np.float64),
                    terms_sum={str(k): float(v) for k, v in json.loads(tsum).items()},
                    first_date=dt.date.fromisoformat(first) if first else None,
                    last_date=dt.date.fromisoformat(last) if last else None,
                )
            )
        return out

    def load_term_df(self) -> tuple[dict[str, int], int]:
        """Keyword document frequencies and the number of articles they count."""
        df = {t: n for t, n in self.conn.execute("SELECT term, df FROM term_df")}
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()
        return df, int(row[0]) if row else 0

    def set_vectors(self, vectors: Sequence[tuple[int, npt.NDArray[np.float32]]]) -> None:
        """Store each article's clustering vector (little-endian float32), by seq."""
        self.conn.executemany(
            "UPDATE articles SET vector = ? WHERE seq = ?", [(v.astype("<f4").tobytes(), seq) for seq, v in vectors]
        )

    def add_term_df(self, counts: Mapping[str, int], documents: int) -> None:
        """Add one batch's keyword document frequencies (call inside a transaction)."""
        self.conn.executemany(
            "INSERT INTO term_df (term, df) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = df + excluded.df",
            sorted(counts.items()),
        )
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('documents', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)",
            (str(documents),),
        )

    def save_story(self, state: StoryState) -> None:
        """Write one story's sums and refresh its headline and outlet count (inside a transaction).

        The headline is the title (or, untitled, the lead sentence) of the story's most central
        article: the one whose vector is nearest the story's mean vector.
        """
        import numpy as np  # here, not at the top: listing stories needs no NumPy (start-up time)

        self.conn.execute(
            "INSERT INTO stories (id, articles, vector_sum, terms_sum, first_date, last_date) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET articles = excluded.articles, vector_sum = excluded.vector_sum, "
            "terms_sum = excluded.terms_sum, first_date = excluded.first_date, last_date = excluded.last_date, "
            "merged_into = NULL",
            (
                state.id,
                state.articles,
                np.ascontiguousarray(state.vector_sum, dtype="<f8").tobytes(),
                json.dumps(state.terms_sum, sort_keys=True, ensure_ascii=True, separators=(",", ":")),
                state.first_date.isoformat() if state.first_date else None,
                state.last_date.isoformat() if state.last_date else None,
            ),
        )

    def refresh_story_summary(self, story_id: int) -> None:
        """Mark a story changed: its listing (headline and outlet counts by the brief's rules,
        corpus/listing.py) is made again at the end of the ingest; until then it keeps the
        headline it was listed under, and a story never listed gets the title (or, untitled, the
        lead sentence) of its most central article (whose vector is nearest the story's mean
        vector) as a stand-in. Inside a transaction."""
        import numpy as np

        row = self.conn.execute("SELECT vector_sum FROM stories WHERE id = ?", (story_id,)).fetchone()
        centroid = np.frombuffer(row[0], dtype="<f8") if row else np.zeros(0)
        best: tuple[float, int, str] | None = None
        for seq, title, lead, vec in self.conn.execute(
            "SELECT seq, title, lead, vector FROM articles WHERE story_id = ? ORDER BY seq", (story_id,)
        ):
            v = np.frombuffer(vec, dtype="<f4") if vec else np.zeros(0, dtype=np.float32)
            score = float(v @ centroid) if len(v) == len(centroid) and len(v) else 0.0
            # Highest score wins; on a tie the earliest stored article.
            if best is None or score > best[0]:
                best = (score, seq, (title or lead or "").strip())
        headline = " ".join(best[2].split())[:200] if best else ""
        self.conn.execute(
            # SQLite reads the old listed_state in every SET expression.
            "UPDATE stories SET headline = CASE WHEN listed_state IS NULL OR headline = '' THEN ? ELSE headline END, "
            "listed_state = NULL WHERE id = ?",
            (headline, story_id),
        )

    def merge_story(self, absorbed: int, target: int) -> None:
        """Move every article of story ``absorbed`` to ``target`` (inside a transaction)."""
        self.conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (target, absorbed))
        self.conn.execute("UPDATE stories SET merged_into = ?, articles = 0 WHERE id = ?", (target, absorbed))

    def set_story(self, seqs: Iterable[int], story_id: int) -> None:
        """Put stored articles into a story (inside a transaction)."""
        self.conn.executemany("UPDATE articles SET story_id = ? WHERE seq = ?", [(story_id, s) for s in seqs])


def _text(s: str | None) -> str | None:
    # SQLite text must be valid UTF-8; lone surrogates from broken input become U+FFFD here (the
    # annotation JSON keeps the exact text with escapes).
    if s is None:
        return None
    return s.encode("utf-8", errors="replace").decode("utf-8")
